"""Keras 3 and JAX facts of the API tables, and f′ at the kinks, checked by running the frameworks.

Keras runs on its JAX backend (conftest.py sets KERAS_BACKEND before anything imports Keras) and
JAX computes in float64 (actsite.verify.frameworks enables it), like the PyTorch checks.
"""

from __future__ import annotations

import inspect
import json
import re

import jax
import jax.numpy as jnp
import keras
import numpy as np
import pytest

from actsite.definitions.load import Loaded
from actsite.definitions.model import OtherApi
from actsite.render import kink_table
from actsite.render.framework_defaults import computes_another_function, default_differences, overridden_defaults
from actsite.render.pages import api_rows
from actsite.verify import frameworks, kink_gradients, registry_names, torch_reference
from conftest import BY_SLUG, DEFINITIONS, ROOT

ENTRIES = [(d.slug, framework, entry.name) for d in DEFINITIONS for framework in ("keras", "jax") for entry in getattr(d.activation.api, framework)]
IDS = [f"{slug}-{name}" for slug, _framework, name in ENTRIES]

# Where an entry, called as the page calls it (its `arguments` and mapped parameters), still does not
# compute the page's f: the measured largest relative difference on the PyTorch test points, to two
# significant digits. The API note of each says so (tested below).
KNOWN_PAGE_DIFFERENCES = {
    "keras.activations.sparsemax": 0.5,  # wrong threshold τ when two inputs are in the support
    "keras.activations.tanh": 2.3e-7,  # float32 result for a float64 input
}
# Where an entry called with its own defaults computes another function than the page's f, on top of
# the above: each is declared in the definitions (a mapped default that differs, or an argument the
# page must pass), so the page says so; the measured largest relative difference. A key `slug/name`
# holds for that page only (jax.nn.gelu's default is the exact form's difference, the tanh form's f).
KNOWN_DEFAULT_DIFFERENCES = {
    "gelu/jax.nn.gelu": 4.7e-4,  # approximate=True: the tanh form
    "gelu-tanh/keras.activations.gelu": 4.7e-4,  # approximate=False: the exact erf form
    "keras.layers.LeakyReLU": 29.0,  # slope 0.3, not 0.01, at x = −1000: |−300 + 10| / 10
    "keras.activations.leaky_relu": 19.0,  # slope 0.2
    "keras.layers.PReLU": 1.0,  # alpha starts at 0, not 0.25
    "flax.linen.PReLU": 0.96,  # slope 0.01, not 0.25
}
# Functions of keras.activations and jax.nn that are not activations, or other names of listed ones.
NOT_ACTIVATIONS = registry_names.NOT_ACTIVATIONS


def _entry(slug: str, framework: str, name: str) -> OtherApi:
    return next(e for e in getattr(BY_SLUG[slug].activation.api, framework) if e.name == name)


def _relative_difference(entry: OtherApi, loaded: Loaded, *, page_values: bool) -> float:
    """Largest |framework − f| / max(1, |f|) over the PyTorch test points."""
    xs = torch_reference.test_points(loaded.math.kinks)
    f = loaded.math.f()
    expected = np.array([f(x) for x in xs])
    values = np.asarray(frameworks.scalar_callable(entry, loaded, page_values=page_values)(jnp.asarray(xs)), dtype=np.float64)
    return float(np.max(torch_reference._relative_errors(values, expected)))


def _two_digits(value: float) -> float:
    return float(f"{value:.2g}")


def test_frameworks_are_the_pinned_versions_on_the_jax_backend() -> None:
    pins = dict(re.findall(r"^([a-z]+)==(\S+)$", (ROOT / "requirements-test.txt").read_text(encoding="utf-8"), flags=re.MULTILINE))
    assert {name: pins[name] for name in ("flax", "jax", "jaxlib", "keras")} == frameworks.versions()
    assert keras.backend.backend() == "jax"
    assert jnp.asarray(1.0).dtype == jnp.float64


@pytest.mark.parametrize(("slug", "framework", "name"), ENTRIES, ids=IDS)
def test_entry_exists_with_exactly_the_listed_defaults(slug: str, framework: str, name: str) -> None:
    # As for PyTorch: every argument that declares a default, with that default, and nothing else.
    entry = _entry(slug, framework, name)
    assert frameworks.declared_defaults(name) == entry.defaults
    arguments = frameworks.signature_arguments(name)
    assert set(entry.arguments) <= set(arguments), f"{name} takes no {sorted(set(entry.arguments) - set(arguments))}"
    assert set(entry.parameter_map.values()) <= set(arguments), f"{name} takes no {sorted(set(entry.parameter_map.values()) - set(arguments))}"
    required = {argument for argument, default in arguments.items() if default is inspect.Parameter.empty}
    assert required <= set(entry.arguments) | set(entry.parameter_map.values()), f"{name} requires {sorted(required)}"


@pytest.mark.parametrize(("slug", "framework", "name"), ENTRIES, ids=IDS)
def test_entry_called_as_the_page_calls_it_computes_f(slug: str, framework: str, name: str) -> None:
    loaded = BY_SLUG[slug]
    entry = _entry(slug, framework, name)
    difference = _relative_difference(entry, loaded, page_values=True)
    if name in KNOWN_PAGE_DIFFERENCES:
        assert _two_digits(difference) == KNOWN_PAGE_DIFFERENCES[name]
        assert entry.note is not None
    else:
        assert difference < torch_reference.TOLERANCE


@pytest.mark.parametrize(("slug", "framework", "name"), ENTRIES, ids=IDS)
def test_entry_with_its_own_defaults_differs_from_f_exactly_where_the_page_says_so(slug: str, framework: str, name: str) -> None:
    loaded = BY_SLUG[slug]
    entry = _entry(slug, framework, name)
    difference = _relative_difference(entry, loaded, page_values=False)
    declared = computes_another_function(loaded.activation, entry)
    known = KNOWN_DEFAULT_DIFFERENCES.get(f"{slug}/{name}", KNOWN_DEFAULT_DIFFERENCES.get(name))
    assert declared == (known is not None)
    if declared:
        assert _two_digits(difference) == known
        for language in ("en", "zh"):
            row = next(r for r in api_rows(loaded.activation, language) if r["call"] == f"`{name}`")
            for argument in [d.argument for d in default_differences(loaded.activation, entry)] + list(overridden_defaults(entry)):
                assert f"`{argument}=" in row["note"] or f", {argument}=" in row["note"]
    elif name in KNOWN_PAGE_DIFFERENCES:
        assert _two_digits(difference) == KNOWN_PAGE_DIFFERENCES[name]
    else:
        assert difference < torch_reference.TOLERANCE


@pytest.mark.parametrize("module", ["keras.activations", "jax.nn"])
def test_every_activation_of_the_framework_is_listed(module: str) -> None:
    listed = {entry.name for d in DEFINITIONS for framework in ("keras", "jax") for entry in getattr(d.activation.api, framework)}
    namespace = frameworks.resolve(module)
    public = {name for name in dir(namespace) if not name.startswith("_") and callable(getattr(namespace, name))}
    missing = []
    for name in sorted(public - NOT_ACTIVATIONS[module]):
        target = getattr(namespace, name)
        aliases = {f"{module}.{other}" for other in public if getattr(namespace, other) is target}
        if not aliases & listed:
            missing.append(name)
    assert missing == []


def test_keras_sparsemax_note_states_the_output_keras_computes() -> None:
    # τ must be (cumsum[k] − 1)/k; Keras 3.15.1 sums every cumulative sum of the support instead.
    output = np.asarray(keras.activations.sparsemax(jnp.array([0.3, 0.0])))
    assert np.allclose(output, [0.5, 0.2], atol=1e-15)
    loaded = BY_SLUG["sparsemax"]
    assert loaded.math.f()(0.3) == pytest.approx(0.65, abs=1e-15)
    note = _entry("sparsemax", "keras", "keras.activations.sparsemax").note
    for language in ("en", "zh"):
        assert "(0.5, 0.2)" in note.get(language)
        assert "(0.65, 0.35)" in note.get(language)
        assert keras.__version__ in note.get(language)


def test_keras_tanh_note_states_the_float32_result() -> None:
    assert keras.activations.tanh(jnp.zeros(2, dtype=jnp.float64)).dtype == jnp.float32
    assert keras.config.floatx() == "float32"
    difference = _relative_difference(_entry("tanh", "keras", "keras.activations.tanh"), BY_SLUG["tanh"], page_values=True)
    note = _entry("tanh", "keras", "keras.activations.tanh").note
    for language in ("en", "zh"):
        assert f"{difference:.1e}".replace("e-0", "e\u2212") in note.get(language)
        assert keras.__version__ in note.get(language)


def test_jax_gelu_note_states_the_measured_gap_to_the_exact_form() -> None:
    xs = np.linspace(-6.0, 6.0, 2401)
    approximate = np.asarray(jax.nn.gelu(jnp.asarray(xs)))
    f = BY_SLUG["gelu"].math.f()
    gap = float(np.max(np.abs(approximate - np.array([f(x) for x in xs]))))
    note = _entry("gelu", "jax", "jax.nn.gelu").note
    for language in ("en", "zh"):
        assert f"{gap:.1e}".replace("e-0", "e\u2212") in note.get(language)


def test_kink_gradients_file_covers_every_kinked_activation() -> None:
    recorded = kink_table.kink_gradients()["activations"]
    expected = {d.slug: [point for point, _status in kink_gradients.undefined_points(d)] for d in DEFINITIONS}
    assert {slug: [row["x"] for row in rows] for slug, rows in recorded.items()} == {slug: points for slug, points in expected.items() if points}


def test_kink_gradients_file_is_what_the_frameworks_measure_now() -> None:
    # Exact equality: the same versions compute the same float64 gradients; `make kink-gradients` rewrites it.
    committed = kink_table.KINK_GRADIENTS_PATH.read_text(encoding="utf-8")
    assert kink_gradients.serialise(kink_gradients.measure(DEFINITIONS)) == committed
    assert json.loads(committed)["versions"]["torch"].startswith("2.13.0")


def test_one_sided_derivatives_agree_with_the_numeric_limits() -> None:
    # The file's SymPy limits (re-measured above) against mpmath at x ∓ 10⁻⁴⁰, an independent route.
    for slug, rows in kink_table.kink_gradients()["activations"].items():
        math_ = BY_SLUG[slug].math
        for row in rows:
            assert row["left"] == pytest.approx(math_.one_sided(math_.derivative, row["x"], -1), abs=1e-12), (slug, row["x"])
            assert row["right"] == pytest.approx(math_.one_sided(math_.derivative, row["x"], +1), abs=1e-12), (slug, row["x"])


def test_relu_kink_values_are_the_documented_conventions() -> None:
    # The examples of the issue: ReLU′(0) is 0 in PyTorch and jax.nn.relu; jnp.maximum(x, 0) gives 0.5.
    (row,) = kink_table.kink_gradients()["activations"]["relu"]
    assert (row["left"], row["right"]) == (0.0, 1.0)
    assert [m["value"] for m in row["pytorch"] + row["jax"] + row["keras"]] == [0.0, 0.0, 0.0, 0.0]
    assert float(jax.grad(lambda x: jnp.maximum(x, 0.0))(0.0)) == 0.5


@pytest.mark.parametrize("language", ["en", "zh"])
def test_kink_table_shows_every_measured_value_in_both_languages(language: str) -> None:
    from actsite.render.pages import format_number, ui_strings

    strings = ui_strings(language)
    data = kink_table.kink_gradients()
    for slug, rows in data["activations"].items():
        table = kink_table.kink_table(slug, strings, format_number, strings["none_available"])
        assert table is not None
        assert len(table["rows"]) == len(rows)
        assert all(version in table["caption"] for version in data["versions"].values())
        for row, shown in zip(rows, table["rows"], strict=True):
            assert len(shown["frameworks"]) == 3
            for cell, key in zip(shown["frameworks"], ("pytorch", "jax", "keras"), strict=True):
                assert cell.count("<br>") == max(0, 2 * len(row[key]) - 1)
    assert kink_table.kink_table("sigmoid", strings, format_number, strings["none_available"]) is None
    prelu = kink_table.kink_table("prelu", strings, format_number, strings["none_available"])
    assert prelu["rows"][0]["frameworks"][2].startswith("**0**")  # keras.layers.PReLU: neither 0.25 nor 1
    assert prelu["outside_note"] == strings["kinks_outside_note"]
