"""The loader is the boundary: every invalid definition fails there with one line per problem.

Each case below is a broken copy of `activations/leaky-relu.yaml` and the exact line it gets. What
was tried, by family (every row is a case of `CASES`):

| family     | tried                                                                                  |
|------------|----------------------------------------------------------------------------------------|
| file       | not UTF-8; empty file; a list instead of a mapping; a duplicate key; an anchor/alias   |
|            | ("billion laughs"); a YAML syntax error; a non-scalar key                              |
| numbers    | default NaN, +inf, `true`, a string; variant `'0.1'` (a string) and `a lot`; plot range |
|            | −inf; a default outside the math (sqrt of a negative at the default)                   |
| references | unknown task, family (nearest match), reference role (allowed values); an alias equal   |
|            | to the slug; an alias listed twice; an http:// reference url                           |
| math       | log of a negative on the plot range; a pole at 0; poles between the checked points     |
|            | (1/(x − 0.31), its square, log (x − 0.31)², sin x / cos x, a pole only at a variant, in an approximation); `x/0`; `oo*x`; a parameter |
|            | named E, I, pi, exp or x; `display` and `derivative_display` that differ; a name that  |
|            | is no variable (`I`); attribute access (`x.__class__`)                                 |
| prose      | `javascript:` and `http://` links, `<http://…>` autolinks, reference-style links       |
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actsite.definitions.load import DefinitionError, load_all
from actsite.site import build
from conftest import DEFINITIONS, generate_into, stated_exemplar

ACTSITE = str(Path(sys.executable).with_name("actsite"))

EXEMPLAR = stated_exemplar()
FUNCTION = "function: Piecewise((x, x >= 0), (alpha*x, True))"


def replace(old: str, new: str) -> Callable[[str], str]:
    """A transformation of the exemplar that must find `old` exactly once."""

    def apply(text: str) -> str:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        return text.replace(old, new)

    return apply


def rename_parameter(name: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        text = text.replace("name: alpha", f"name: {name}").replace("alpha: negative_slope", f"{name}: negative_slope")
        return text.replace("(alpha*x, True)", f"({name}*x, True)")

    return apply


def prose(new: str) -> Callable[[str], str]:
    return replace("en: Cheap and robust; the default in GAN discriminators, a sound fallback elsewhere.", f"en: {new}")


ADD_DISPLAY = "  plot_range: [-4, 4]"
NO_ALIASES = "line 9: YAML anchors and aliases (&name, *name) are not allowed: write the value out"
NOT_HTTPS = "is not an https:// address: link only to https:// pages"
CASES: dict[str, tuple[Callable[[str], str] | bytes, str]] = {
    # the file itself
    "not-utf8": (b"slug: leaky-relu\nname: {en: \xff}\n", "(file): not UTF-8 (byte 28): save the file as UTF-8"),
    "empty": (lambda text: "", "(top level): the file must hold a mapping of fields (slug: …, name: …), as activations/leaky-relu.yaml does"),
    "list": (lambda text: "- a\n- b\n", "(top level): the file must hold a mapping of fields (slug: …, name: …), as activations/leaky-relu.yaml does"),
    "duplicate-key": (replace("family: relu\nyear: 2013\n", "family: relu\nyear: 2013\nyear: 2014\n"), "line 10: key 'year' appears twice: keep one"),
    "duplicate-nested-key": (replace("  plot_range: [-4, 4]", "  plot_range: [-4, 4]\n  plot_range: [-3, 3]"), "line 21: key 'plot_range' appears twice: keep one"),
    "anchor": (replace("family: relu\nyear: 2013\n", "family: relu\nyear: &y 2013\n"), NO_ALIASES),
    "billion-laughs": (
        lambda text: 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' + text,
        NO_ALIASES.replace("line 9", "line 1"),
    ),
    "syntax": (replace("kind: elementwise", "kind: [elementwise"), "line 8: not valid YAML: expected ',' or ']', but got ':'"),
    "complex-key": (replace("family: relu\nyear: 2013\n", "family: relu\nyear: 2013\n? [a, b]\n: 1\n"), "line 10: keys must be plain names: write `name: value`"),
    # numbers
    "default-nan": (replace("default: 0.01", "default: .nan"), "parameters[0].default: Input should be a finite number"),
    "default-inf": (replace("default: 0.01", "default: .inf"), "parameters[0].default: Input should be a finite number"),
    "default-bool": (replace("default: 0.01", "default: true"), "parameters[0].default: Input should be a valid number"),
    "default-string": (replace("default: 0.01", "default: '0.01'"), "parameters[0].default: Input should be a valid number"),
    "variant-string-number": (replace("variants: [0.01, 0.1, 0.2, 0.3]", "variants: [0.01, '0.1']"), "parameters[0].variants[1]: Input should be a valid number"),
    "variant-words": (replace("variants: [0.01, 0.1, 0.2, 0.3]", "variants: [0.01, a lot]"), "parameters[0].variants[1]: Input should be a valid number"),
    "plot-range-inf": (replace("plot_range: [-4, 4]", "plot_range: [-.inf, 4]"), "math.plot_range[0]: Input should be a finite number"),
    "default-outside-math": (
        lambda text: replace(FUNCTION, "function: sqrt(x + alpha)")(replace("default: 0.01", "default: 4")(text)),
        "parameters[0].variants[0]: f(-4.0) is not real with alpha = 0.01: f must be real on the plot range [-4, 4]",
    ),
    "sqrt-at-default": (
        lambda text: replace(FUNCTION, "function: sqrt(x + alpha)")(replace("default: 0.01", "default: -5")(text)),
        "math.function: f(-4.0) is not real at the default parameters: f must be real on the plot range [-4, 4]",
    ),
    # references
    "task": (replace("task: gan", "task: gans"), "tasks[0].task: unknown task 'gans': did you mean `gan`? (tasks are listed in i18n/tasks.yaml)"),
    "family": (replace("family: relu", "family: relus"), "family: unknown family 'relus': did you mean `relu`? (families are listed in i18n/families.yaml)"),
    "family-far": (replace("family: relu", "family: zzzzzz"), "family: unknown family 'zzzzzz': use one of "),
    "role": (replace("role: origin", "role: origni"), "references[0].role: Input should be 'origin', 'usage', 'analysis' or 'implementation'"),
    "kind": (
        replace("kind: elementwise", "kind: elementwize"),
        "kind: Input should be 'elementwise', 'elementwise-learnable', 'stochastic', 'gated', 'vector', 'multi-output', 'reduction', "
        "'normalization' or 'input-conditioned'",
    ),
    "alias-is-slug": (replace("aliases: [leakyrelu, lrelu]", "aliases: [leaky-relu]"), "aliases[0]: 'leaky-relu' is the slug itself: remove it"),
    "alias-twice": (replace("aliases: [leakyrelu, lrelu]", "aliases: [lrelu, lrelu]"), "aliases[1]: 'lrelu' is listed twice: remove one"),
    "reference-http": (
        replace("url: https://arxiv.org/abs/1511.06434", "url: http://arxiv.org/abs/1511.06434"),
        "references[1].url: 'http://arxiv.org/abs/1511.06434' is not an https:// address: link the https:// version of the page",
    ),
    # math
    "log-negative": (replace(FUNCTION, "function: log(x)"), "math.function: f(-4.0) is not real at the default parameters: f must be real on the plot range [-4, 4]"),
    "pole": (replace(FUNCTION, "function: 1/x"), "math.function: f(0.0) is not finite at the default parameters: f must be finite on the plot range [-4, 4]"),
    # between the 241 checked points (a step of 1/30): found by the dense scan of denominators and log arguments
    "pole-between-points": (
        replace(FUNCTION, "function: 1/(x - 0.31)"),
        "math.function: f has a pole at x ≈ 0.31 at the default parameters: f must be finite on the plot range [-4, 4]",
    ),
    "double-pole-between-points": (
        replace(FUNCTION, "function: 1/(x - 0.31)**2"),
        "math.function: f has a pole at x ≈ 0.31 at the default parameters: f must be finite on the plot range [-4, 4]",
    ),
    "log-zero-between-points": (
        replace(FUNCTION, "function: log((x - 0.31)**2)"),
        "math.function: f has a pole at x ≈ 0.31 at the default parameters: f must be finite on the plot range [-4, 4]",
    ),
    "tangent-poles": (
        replace(FUNCTION, "function: sin(x)/cos(x)"),
        "math.function: f has poles at x ≈ -1.5708, 1.5708 at the default parameters: f must be finite on the plot range [-4, 4]",
    ),
    "pole-of-a-variant": (
        replace(FUNCTION, "function: x/(x - 3 + 0.307/alpha)"),
        "parameters[0].variants[1]: f has a pole at x ≈ -0.07 with alpha = 0.1: f must be finite on the plot range [-4, 4]",
    ),
    "approximation-pole": (
        replace("  plot_range: [-4, 4]", "  plot_range: [-4, 4]\n  approximations:\n    - id: bad\n      name: {en: Bad, zh: 坏}\n      function: x/(x - 0.31)"),
        "math.approximations[0].function: f̃ has a pole at x ≈ 0.31 at the default parameters: f̃ must be finite on the plot range [-4, 4]",
    ),
    "division-by-zero": (replace(FUNCTION, "function: x/0"), "math.function: is undefined everywhere (a division by zero?): fix the expression"),
    "infinity": (replace(FUNCTION, "function: oo*x"), "math.function: f(-4.0) is not finite at the default parameters: f must be finite on the plot range [-4, 4]"),
    "parameter-E": (rename_parameter("E"), "parameters[0].name: 'E' is a SymPy name (constant or function): rename the parameter (e.g. `E_1`)"),
    "parameter-I": (rename_parameter("I"), "parameters[0].name: 'I' is a SymPy name (constant or function): rename the parameter (e.g. `I_1`)"),
    "parameter-pi": (rename_parameter("pi"), "parameters[0].name: 'pi' is a SymPy name (constant or function): rename the parameter (e.g. `pi_1`)"),
    "parameter-oo": (rename_parameter("oo"), "parameters[0].name: 'oo' is a SymPy name (constant or function): rename the parameter (e.g. `oo_1`)"),
    "parameter-tau": (rename_parameter("tau"), "parameters[0].name: 'tau' is reserved for inputs and indices (x, y, i, j, k, n, tau): rename the parameter"),
    "parameter-exp": (rename_parameter("exp"), "parameters[0].name: 'exp' is a SymPy name (constant or function): rename the parameter (e.g. `exp_1`)"),
    "parameter-x": (rename_parameter("x"), "parameters[0].name: 'x' is reserved for inputs and indices (x, y, i, j, k, n, tau): rename the parameter"),
    "display-differs": (
        replace(ADD_DISPLAY, "  display: Piecewise((x, x >= 0), (2*alpha*x, True))\n" + ADD_DISPLAY),
        "math.display: differs from `function` at x = -4.0 (-0.08 vs -0.04): fix the form or remove it",
    ),
    "derivative-display-differs": (
        replace(ADD_DISPLAY, "  derivative_display: Piecewise((1, x >= 0), (2*alpha, True))\n" + ADD_DISPLAY),
        "math.derivative_display: differs from the derivative of `function` at x = -4.0 (0.02 vs 0.01): fix the form or remove it",
    ),
    "unknown-name": (replace(FUNCTION, "function: I*x"), "math.function: unknown name(s) I; the variables are x, alpha"),
    "attribute": (replace(FUNCTION, "function: x.__class__"), "math.function: unknown name(s) __class__; the variables are x, alpha"),
    # prose links
    "link-javascript": (
        prose("See [this](javascript:alert(1)) first."),
        "recommendation.reason.en: link target 'javascript:alert(1' " + NOT_HTTPS,
    ),
    "link-http": (
        prose("See [this](http://example.com) first."),
        "recommendation.reason.en: link target 'http://example.com' " + NOT_HTTPS,
    ),
    "link-relative": (prose("See [GELU](gelu.md) first."), "recommendation.reason.en: link target 'gelu.md' " + NOT_HTTPS),
    "autolink-http": (
        prose("See <http://example.com> first."),
        "recommendation.reason.en: link target 'http://example.com' " + NOT_HTTPS,
    ),
}


def _broken(directory: Path, case: str) -> Path:
    transform, _ = CASES[case]
    path = directory / "leaky-relu.yaml"
    if isinstance(transform, bytes):
        path.write_bytes(transform)
    else:
        path.write_text(transform(EXEMPLAR), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_definition_gets_one_exact_line(tmp_path: Path, case: str) -> None:
    path = _broken(tmp_path, case)
    with pytest.raises(DefinitionError) as error:
        load_all(tmp_path)
    expected = f"{path}: {CASES[case][1]}"
    assert len(error.value.problems) == 1, error.value.problems
    (problem,) = error.value.problems
    assert "\n" not in problem
    assert problem.startswith(expected), f"{problem!r}\ndoes not start with\n{expected!r}"
    if not CASES[case][1].endswith(" "):
        assert problem == expected


def test_the_exemplar_itself_is_valid(tmp_path: Path) -> None:
    (tmp_path / "leaky-relu.yaml").write_text(EXEMPLAR, encoding="utf-8")
    assert [d.slug for d in load_all(tmp_path)] == ["leaky-relu"]


# One case per family: the generator writes nothing when it meets them.
NOTHING_WRITTEN_CASES = ["duplicate-key", "default-nan", "task", "pole", "display-differs", "link-javascript"]


@pytest.mark.parametrize("case", NOTHING_WRITTEN_CASES)
def test_failed_generation_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    activations = tmp_path / "activations"
    activations.mkdir()
    path = _broken(activations, case)
    generate_into(monkeypatch, activations, tmp_path)
    with pytest.raises(DefinitionError) as error:
        build.generate()
    assert error.value.problems[0].startswith(f"{path}: {CASES[case][1]}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["activations"]


def test_check_command_prints_the_lines_and_fails_without_traceback(tmp_path: Path) -> None:
    good = tmp_path / "relu-copy.yaml"
    good.write_text(EXEMPLAR.replace("slug: leaky-relu", "slug: relu-copy").replace("aliases: [leakyrelu, lrelu]", "aliases: []"), encoding="utf-8")
    path = _broken(tmp_path, "task")
    before = sorted(tmp_path.iterdir())
    result = subprocess.run([ACTSITE, "check", "--folder", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"{path}: {CASES['task'][1]}", "1 problem(s)"]
    assert sorted(tmp_path.iterdir()) == before


def test_check_command_passes_on_the_definitions() -> None:
    result = subprocess.run([ACTSITE, "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{len(DEFINITIONS)} definitions valid")
