"""The JavaScript the build writes for the live plots: one entry per activation, from its own math.

Values are checked in the browser (tests/test_interactive.py); these tests check, without a
browser, that every activation has f, f′ and f″ with every parameter as an argument, that the code
calls nothing but Math and the committed shim, and that the cache reuses unchanged entries only.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
import sympy

from actsite.render import javascript
from actsite.render.javascript import CATALOGUE_SCRIPT, FUNCTIONS_DIR, entry_metadata, function_scripts, slider_range, stable_form
from conftest import BY_SLUG, DEFINITIONS, ROOT, SLUGS

SHIM = ROOT / "docs" / "assets" / "javascripts" / "activation-math.js"
ENTRY = re.compile(r"^register\((\{.*?),\"f\":(function .*?),\"df\":(function .*?),\"d2f\":(function .*?),\"kinks\":(function .*?)\}\);$")
KINKS = re.compile(r"^function \(([^)]*)\) \{ return \[(.*)\]; \}$")
FUNCTION = re.compile(r"^function \(([^)]*)\) \{ return (.*); \}$")


@functools.cache
def scripts() -> dict[str, str]:
    """The generated files, printed once for the session (no cache file: the printer itself is tested)."""
    return {path: content.decode("utf-8") for path, content in function_scripts(DEFINITIONS).items()}


def entry_lines(slug: str) -> re.Match[str]:
    """The one register call of an activation's file, matched by ENTRY."""
    lines = [line for line in scripts()[f"{FUNCTIONS_DIR}/{slug}.js"].splitlines() if line.startswith("register(")]
    assert len(lines) == 1, f"{slug}: one register call per file"
    match = ENTRY.match(lines[0])
    assert match, lines[0][:200]
    return match


def entry_parts(slug: str) -> tuple[dict[str, object], dict[str, str]]:
    """The metadata and the three function sources of one activation's file."""
    match = entry_lines(slug)
    metadata = json.loads(match.group(1) + "}")
    return metadata, {"f": match.group(2), "df": match.group(3), "d2f": match.group(4)}


def shim_functions() -> set[str]:
    """The names window.ActivationMath defines in the committed shim."""
    text = SHIM.read_text(encoding="utf-8")
    block = text[text.index("var ActivationMath = {") :]
    return set(re.findall(r"^\s{4}([A-Za-z]+):", block[: block.index("};")], flags=re.MULTILINE))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_activation_has_f_df_d2f_with_every_parameter_as_an_argument(slug: str) -> None:
    loaded = BY_SLUG[slug]
    metadata, functions = entry_parts(slug)
    names = [p.name for p in loaded.activation.parameters]
    assert metadata["slug"] == slug
    assert [p["name"] for p in metadata["parameters"]] == names
    assert [p["default"] for p in metadata["parameters"]] == [p.default for p in loaded.activation.parameters]
    assert metadata["range"] == list(loaded.activation.math.plot_range)
    for which, source in functions.items():
        match = FUNCTION.match(source)
        assert match, f"{slug} {which}: {source[:120]}"
        assert match.group(1).split(", ") == ["x", *names], f"{slug} {which}: arguments"
    # Each parameter that f depends on appears in f's body (a parameter the printer dropped would be ignored by the sliders).
    body = FUNCTION.match(functions["f"]).group(2)  # type: ignore[union-attr]
    for name in names:
        if loaded.math.symbols[name] in loaded.math.function.free_symbols:
            assert re.search(rf"\b{name}\b", body), f"{slug}: f ignores {name}"


@pytest.mark.parametrize("slug", SLUGS)
def test_generated_code_calls_only_math_and_the_shim(slug: str) -> None:
    _, functions = entry_parts(slug)
    available = shim_functions()
    for which, source in functions.items():
        assert "Not supported" not in source, f"{slug} {which}"
        body = FUNCTION.match(source).group(2)  # type: ignore[union-attr]
        for name in re.findall(r"\bM\.([A-Za-z0-9_]+)", body):
            assert name in available, f"{slug} {which}: M.{name} is not in {SHIM.name}"
        for name in re.findall(r"\bMath\.([A-Za-z0-9_]+)", body):
            assert name in {"abs", "exp", "expm1", "log", "log1p", "log2", "sqrt", "pow", "tanh", "sinh", "cosh", "sin", "cos", "atan", "asinh", "sign", "E", "PI"}, name
        # Every other identifier is x, a parameter, or a namespace used above.
        identifiers = set(re.findall(r"(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)", body)) - {"M", "Math", "x"}
        assert identifiers <= {p.name for p in BY_SLUG[slug].activation.parameters}, f"{slug} {which}: unknown names {identifiers}"


@pytest.mark.parametrize("slug", SLUGS)
def test_kinks_function_takes_the_parameters_and_gives_the_kinks_at_the_defaults(slug: str) -> None:
    loaded = BY_SLUG[slug]
    match = KINKS.match(entry_lines(slug).group(5))
    assert match, entry_lines(slug).group(5)[:200]
    names = [p.name for p in loaded.activation.parameters]
    assert (match.group(1).split(", ") if match.group(1) else []) == names
    identifiers = set(re.findall(r"(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)", match.group(2))) - {"M", "Math"}
    assert identifiers <= set(names), f"{slug} kinks: unknown names {identifiers}"
    at_defaults = sorted({float(root.subs(loaded.math.defaults)) for root in loaded.math.kink_expressions})
    assert at_defaults == sorted(loaded.math.kinks), "the browser's kinks at the defaults are the build's"


def test_catalogue_file_holds_every_activation_and_each_page_file_one() -> None:
    catalogue = scripts()[CATALOGUE_SCRIPT]
    registered = re.findall(r'^register\(\{"slug":"([a-z0-9-]+)"', catalogue, flags=re.MULTILINE)
    assert registered == sorted(SLUGS)
    assert set(scripts()) == {CATALOGUE_SCRIPT, *(f"{FUNCTIONS_DIR}/{slug}.js" for slug in SLUGS)}


def test_cancellation_prone_forms_are_printed_with_expm1_and_log1p() -> None:
    x = sympy.Symbol("x", real=True)
    assert stable_form(sympy.exp(x) - 1) == sympy.codegen.cfunctions.expm1(x)
    assert stable_form(sympy.log(1 + x)).has(sympy.codegen.cfunctions.log1p)
    _, elu = entry_parts("elu")
    assert "Math.expm1(x)" in elu["f"]


def test_expressions_too_large_to_factor_print_as_with_sympys_own_expm1_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipping the factored alternative beyond FACTOR_LIMIT operations changes no printed function."""
    printed: list[sympy.Expr] = []
    monkeypatch.setattr(javascript, "stable_form", lambda expression: printed.append(expression) or stable_form(expression))
    for loaded in DEFINITIONS:
        javascript.entry_script(loaded)
    large = [expression for expression in printed if expression.count_ops() > javascript.FACTOR_LIMIT]
    assert large, "no expression is large enough to test the limit"
    for expression in large:
        assert javascript.EXPM1_REWRITE(expression) == sympy.codegen.rewriting.expm1_opt(expression), expression


def test_a_removable_singularity_gets_its_limit() -> None:
    _, sinc = entry_parts("sinc")
    assert sinc["df"].startswith("function (x) { return ((x == 0) ? (0) :"), sinc["df"]
    assert "(x == 0) ? (-1/3)" in sinc["d2f"]


@pytest.mark.parametrize("slug", [s for s in SLUGS if BY_SLUG[s].activation.parameters])
def test_sliders_cover_the_default_and_every_variant(slug: str) -> None:
    for parameter in BY_SLUG[slug].activation.parameters:
        low, high, step = slider_range(parameter)
        assert low < high
        assert step > 0
        assert all(low <= value <= high for value in [parameter.default, *parameter.variants]), parameter.name
        assert (high - low) / step <= 2.5 * javascript.SLIDER_STEPS
        if min([parameter.default, *parameter.variants]) > 0:
            assert low > 0, f"{parameter.name}: positive values keep a positive slider"


def test_labels_use_plain_symbols() -> None:
    symbols = {p["name"]: p["symbol"] for p in entry_metadata(BY_SLUG["xielu"])["parameters"]}
    assert symbols == {"alpha_p": "α_p", "alpha_n": "α_n", "beta": "β"}


def test_cache_reuses_unchanged_entries_and_reprints_changed_ones(tmp_path: Path) -> None:
    cache = tmp_path / "functions.json"
    chosen = [BY_SLUG["elu"], BY_SLUG["relu"]]
    first = javascript.cached_entry_scripts(chosen, cache)
    stored = json.loads(cache.read_text(encoding="utf-8"))
    # A stored entry with the current key is used as it is, without printing.
    stored["elu"]["script"] = "register({});\n"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    assert javascript.cached_entry_scripts(chosen, cache)["elu"] == "register({});\n"
    # A stale key is printed afresh.
    stored["elu"]["key"] = "stale"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    assert javascript.cached_entry_scripts(chosen, cache) == first
    # A damaged cache is a miss, not an error.
    cache.write_text("{", encoding="utf-8")
    assert javascript.cached_entry_scripts(chosen, cache) == first
