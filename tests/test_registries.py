"""Every activation name of the frameworks and model libraries resolves to a page that computes it.

`data/registries/*.yaml` holds each registry's names with its version and source. The frameworks'
lists are derived again here from the installed torch, Keras, JAX and Flax, so they cannot go
stale; timm's and transformers' lists were read from their source and record what each name
computes, which is compared with the page's f. How a name resolves is `registries.key`.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy
import torch

from actsite.definitions.registries import REGISTRIES_DIR, load_registries, page_keys, resolve
from actsite.verify import frameworks, registry_names
from conftest import BY_SLUG, DEFINITIONS

REGISTRIES = load_registries()
KEYS = page_keys({d.slug: list(d.activation.aliases) for d in DEFINITIONS})
NAMES = [(registry.registry, entry.name) for registry in REGISTRIES for entry in registry.names]
SOURCE_NAMES = [(registry.registry, entry) for registry in REGISTRIES for entry in registry.names if entry.computes is not None]

# Names no page has yet: each entry must still fail to resolve (the list only shrinks); the goal is none.
UNRESOLVED: set[tuple[str, str]] = set()
# How far a registry's function may differ from its page's f on [−10, 10], relative to max(1, |f|):
# float rounding and the 10-digit constant of transformers' gelu_fast (√(2/π) ≈ 0.7978845608), far
# below the 4.7·10⁻⁴ between GELU's exact and tanh forms.
SAME_FUNCTION = 1e-6
KINDS_WITH_SCALAR_F = ("elementwise", "elementwise-learnable")


def _registry(name: str):
    return next(r for r in REGISTRIES if r.registry == name)


def test_registries_are_the_issue_list() -> None:
    expected = {"torch.nn", "torch.nn.functional", "keras.activations", "keras.layers", "jax.nn", "flax.linen", "timm", "transformers"}
    assert {r.registry for r in REGISTRIES} == expected
    for registry in REGISTRIES:
        assert registry.version.split()[0] in {"torch", "keras", "jax", "flax", "timm", "transformers"}, registry.version
        names = [entry.name for entry in registry.names]
        assert len(names) == len(set(names)), f"{registry.registry} lists a name twice"


@pytest.mark.parametrize("stem", sorted(registry_names.DERIVED))
def test_framework_list_is_what_the_installed_framework_exports(stem: str) -> None:
    stored = (REGISTRIES_DIR / f"{stem}.yaml").read_text(encoding="utf-8")
    assert stored == registry_names.render(stem, registry_names.derived(stem)), (
        f"data/registries/{stem}.yaml is stale: run `python -m actsite.verify.registry_names --write`"
    )


def test_no_two_pages_share_a_key() -> None:
    assert {key: slugs for key, slugs in KEYS.items() if len(slugs) > 1} == {}


@pytest.mark.parametrize(("registry", "name"), NAMES, ids=[f"{r}:{n}" for r, n in NAMES])
def test_name_resolves_to_a_page(registry: str, name: str) -> None:
    slug = resolve(name, KEYS)
    if (registry, name) in UNRESOLVED:
        assert slug is None, f"{registry} {name} resolves to {slug} now: remove it from UNRESOLVED"
    else:
        assert slug is not None, f"{registry} {name}: no page has this name as its slug or an alias"


def test_unresolved_list_names_only_registry_names() -> None:
    assert set(NAMES) >= UNRESOLVED


@pytest.mark.parametrize(("registry", "name"), [n for n in NAMES if n not in UNRESOLVED and "." in n[0]], ids=lambda v: str(v))
def test_framework_name_is_an_entry_of_its_page(registry: str, name: str) -> None:
    """The page's API table lists the name, so tests/test_frameworks.py and the PyTorch tests run it against f.

    Otherwise the name must be the very object of a listed name (`jax.nn.swish` is `jax.nn.silu`,
    Flax's functions are jax.nn's), PyTorch's in-place form of a listed function (`relu_`), named in
    the page's API notes in both languages as the page's function on another axis or input
    (`torch.nn.Softmax2d`; `gumbel_softmax`, tested below), or a torch.nn.functional function that
    returns exactly what the listed function does (`torch.nn.functional.sigmoid` calls `torch.sigmoid`).
    """
    activation = BY_SLUG[resolve(name, KEYS)].activation
    listed = set()
    if activation.api.pytorch is not None:
        listed |= {activation.api.pytorch.module, activation.api.pytorch.functional}
    listed |= {entry.name for entry in (*activation.api.keras, *activation.api.jax)}
    qualified = f"{registry}.{name}"
    if qualified in listed:
        return
    if registry == "torch.nn.functional" and name.endswith("_"):
        assert f"{registry}.{name.rstrip('_')}" in listed, f"{qualified}: its page does not list {name.rstrip('_')}"
        return
    target = frameworks.resolve(qualified)
    if any(frameworks.resolve(other) is target for other in listed if other):
        return
    notes = [entry.note for entry in (activation.api.pytorch, *activation.api.keras, *activation.api.jax) if entry and entry.note]
    if notes and all(any(f"`{qualified}`" in note.get(language) for note in notes) for language in ("en", "zh")):
        return
    functional = activation.api.pytorch.functional if activation.api.pytorch else None
    if registry == "torch.nn.functional" and functional is not None:
        xs = torch.linspace(-20, 20, 4001, dtype=torch.float64)
        assert torch.equal(target(xs), frameworks.resolve(functional)(xs)), f"{qualified} differs from {functional}"
        return
    pytest.fail(f"{qualified} resolves to {activation.slug}, whose API table does not list it")


def _sampled(expression: str, xs: np.ndarray) -> np.ndarray:
    function = sympy.lambdify(sympy.Symbol("x"), sympy.sympify(expression), modules="mpmath")
    return np.array([float(function(x)) for x in xs])


@pytest.mark.parametrize(("registry", "entry"), SOURCE_NAMES, ids=[f"{r}:{e.name}" for r, e in SOURCE_NAMES])
def test_source_read_name_computes_its_page_f(registry: str, entry) -> None:
    slug = resolve(entry.name, KEYS)
    if slug is None:
        assert (registry, entry.name) in UNRESOLVED, f"{registry} {entry.name} resolves to no page"
        return
    loaded = BY_SLUG[slug]
    assert loaded.activation.kind.value in KINDS_WITH_SCALAR_F, f"{entry.name} → {slug}, kind {loaded.activation.kind.value}"
    xs = np.unique(np.concatenate([np.linspace(-10.0, 10.0, 401), [k for k in loaded.math.kinks if -10 <= k <= 10]]))
    f = loaded.math.f()
    expected = np.array([float(f(x)) for x in xs])
    actual = _sampled(entry.computes, xs)
    worst = float(np.max(np.abs(actual - expected) / np.maximum(1.0, np.abs(expected))))
    assert worst <= SAME_FUNCTION, f"{registry} {entry.name} computes another function than {slug}: {worst:.2g}"


@pytest.mark.parametrize(("registry", "entry"), [(r, e) for r, e in SOURCE_NAMES if e.differs], ids=lambda v: getattr(v, "name", v))
def test_name_that_differs_beyond_ten_is_named_on_its_page(registry: str, entry) -> None:
    """`gelu_10` equals GELU on [−10, 10]; its page says what it does outside, in both languages."""
    loaded = BY_SLUG[resolve(entry.name, KEYS)]
    texts = _texts(loaded.activation.model_dump())
    for language in ("en", "zh"):
        assert any(f"`{entry.name}`" in text for text in texts[language]), f"{loaded.slug} ({language}) does not name `{entry.name}`"


def _texts(node: object, found: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """Every string under an `en` / `zh` key of a dumped definition."""
    found = found if found is not None else {"en": [], "zh": []}
    if isinstance(node, dict):
        for name, value in node.items():
            if name in found:
                found[name].extend(value if isinstance(value, list) else [value])
            else:
                _texts(value, found)
    elif isinstance(node, list):
        for item in node:
            _texts(item, found)
    return found


def test_gelu_new_is_the_tanh_form_not_exact_gelu() -> None:
    """The reason the comparison exists: an alias on the exact-GELU page would be wrong by up to 4.7·10⁻⁴."""
    new = next(e for e in _registry("transformers").names if e.name == "gelu_new")
    exact = next(e for e in _registry("transformers").names if e.name == "gelu")
    xs = np.linspace(-6, 6, 1201)
    assert np.max(np.abs(_sampled(new.computes, xs) - _sampled(exact.computes, xs))) > 100 * SAME_FUNCTION
    assert resolve("gelu_new", KEYS) != resolve("gelu", KEYS)


LIBRARY_FIELDS = {"timm": "timm", "transformers": "transformers"}


@pytest.mark.parametrize("library", sorted(LIBRARY_FIELDS))
def test_api_table_names_exactly_the_library_entries_that_compute_f(library: str) -> None:
    """`api.timm` / `api.transformers` list the registry's names that resolve to the page and compute its f.

    A name that differs from f outside ±10 (`gelu_10`) is named in the page's prose instead.
    """
    registry = _registry(library)
    expected: dict[str, list[str]] = {}
    for entry in registry.names:
        slug = resolve(entry.name, KEYS)
        if slug is not None and entry.differs is None:
            expected.setdefault(slug, []).append(entry.name)
    stated = {d.slug: list(getattr(d.activation.api, LIBRARY_FIELDS[library])) for d in DEFINITIONS if getattr(d.activation.api, LIBRARY_FIELDS[library])}
    assert stated == expected


@pytest.mark.parametrize("language", ["en", "zh"])
def test_api_table_shows_the_library_names(language: str) -> None:
    from actsite.render.pages import api_rows

    rows = api_rows(BY_SLUG["gelu"].activation, language)
    transformers = next(row for row in rows if row["framework"] == "transformers")
    assert transformers["call"] == "`transformers.activations.ACT2FN['gelu']`<br>`transformers.activations.ACT2FN['gelu_python']`"
    assert next(row for row in rows if row["framework"] == "timm")["call"] == "`timm.layers.create_act_layer('gelu')`"
    assert not any(row["framework"] in {"timm", "transformers"} for row in api_rows(BY_SLUG["softplus"].activation, language))


def test_gumbel_softmax_is_the_softmax_page_at_temperature_tau_of_noisy_logits() -> None:
    """Why `gumbel_softmax` resolves to softmax (named in its API note): softmax((logits + g)/τ), g ~ Gumbel(0, 1)."""
    logits = torch.linspace(-3, 3, 7, dtype=torch.float64)
    tau = 0.7
    torch.manual_seed(0)
    sampled = torch.nn.functional.gumbel_softmax(logits, tau=tau)
    torch.manual_seed(0)
    gumbels = -torch.empty_like(logits).exponential_().log()  # the same draws, in the same order
    page = BY_SLUG["softmax"].vector
    expected = page.outputs(((logits + gumbels) / tau).numpy())
    assert np.allclose(sampled.numpy(), expected, rtol=1e-12, atol=1e-15)
    assert resolve("gumbel_softmax", KEYS) == "softmax"
