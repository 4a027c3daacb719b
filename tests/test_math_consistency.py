"""The math of every definition agrees with itself: derivative vs finite differences, display forms."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy

from actsite.definitions.symbolic import X, expand_helpers, latex
from conftest import BY_SLUG, SLUGS


def _away_from_kinks(xs: np.ndarray, kinks: list[float], margin: float) -> np.ndarray:
    keep = np.ones_like(xs, dtype=bool)
    for k in kinks:
        keep &= np.abs(xs - k) > margin
    return xs[keep]


@pytest.mark.parametrize("slug", SLUGS)
def test_derivative_matches_central_finite_differences(slug: str) -> None:
    loaded = BY_SLUG[slug]
    f, df = loaded.math.f(), loaded.math.df()
    xs = _away_from_kinks(np.linspace(-20.0, 20.0, 801), loaded.math.kinks, 1e-3)
    step = 1e-6
    worst = 0.0
    for x in xs:
        # f evaluated at 40 digits, so the central difference's error is O(h²) ≈ 1e-12 · f'''.
        estimate = (f(x + step) - f(x - step)) / (2 * step)
        worst = max(worst, abs(estimate - df(x)) / max(1.0, abs(df(x))))
    assert worst < 1e-6, f"largest relative difference {worst}"


@pytest.mark.parametrize("slug", SLUGS)
def test_display_form_equals_function(slug: str) -> None:
    math = BY_SLUG[slug].math
    _assert_same(math, math.display, math.function)


@pytest.mark.parametrize("slug", SLUGS)
def test_derivative_display_equals_symbolic_derivative(slug: str) -> None:
    math = BY_SLUG[slug].math
    _assert_same(math, math.derivative_display, math.derivative)


@pytest.mark.parametrize("slug", SLUGS)
def test_shown_latex_is_printed_from_the_checked_expressions(slug: str) -> None:
    math = BY_SLUG[slug].math
    assert math.function_symbol in {"f", "g", "s", "f_{1}"}
    assert math.formula_latex == f"{math.function_symbol}(x) = " + latex(math.display, math.symbol_latex)
    assert math.derivative_latex == f"{math.function_symbol}'(x) = " + latex(math.derivative_display, math.symbol_latex)


def _assert_same(math: object, shown: sympy.Expr, reference: sympy.Expr) -> None:
    """Equal at 400 points in [−20, 20] (away from kinks) for the defaults and each variant value."""
    parameter_sets = [{}]
    for p in math.activation.parameters:  # type: ignore[attr-defined]
        parameter_sets += [{p.name: v} for v in p.variants]
    for parameters in parameter_sets:
        evaluate_shown = math.evaluator(shown, parameters)  # type: ignore[attr-defined]
        evaluate_reference = math.evaluator(reference, parameters)  # type: ignore[attr-defined]
        for x in _away_from_kinks(np.linspace(-20.0, 20.0, 401) + 0.0123, math.kinks, 1e-6):  # type: ignore[attr-defined]
            a, b = evaluate_shown(x), evaluate_reference(x)
            assert abs(a - b) <= 1e-12 * max(1.0, abs(b)), f"at x={x} {parameters}: shown {a}, defined {b}"


def test_helper_functions_are_the_textbook_definitions() -> None:
    from actsite.definitions.symbolic import Phi, phi, sigmoid, softplus

    z = sympy.Symbol("z", real=True)
    with mpmath.workdps(30):
        for value in (-3.0, -0.5, 0.0, 0.7, 4.0):
            point = {z: value}
            assert float(expand_helpers(sigmoid(z)).subs(point)) == pytest.approx(1 / (1 + np.exp(-value)), rel=1e-15)
            assert float(expand_helpers(softplus(z)).subs(point)) == pytest.approx(np.log1p(np.exp(value)), rel=1e-15)
            assert float(expand_helpers(phi(z)).subs(point)) == pytest.approx(np.exp(-(value**2) / 2) / np.sqrt(2 * np.pi), rel=1e-15)
            assert float(expand_helpers(Phi(z)).subs(point)) == pytest.approx(0.5 * (1 + float(sympy.erf(value / np.sqrt(2)))), rel=1e-15)
    # Their derivatives are the textbook ones too.
    for helper in (sigmoid, softplus, phi, Phi):
        difference = sympy.diff(expand_helpers(helper(z)), z) - expand_helpers(sympy.diff(helper(z), z))
        assert abs(float(difference.subs(z, 0.37))) < 1e-14
    assert X.is_real


def test_lookup_table_knots_are_the_rounded_sigmoid() -> None:
    # The LUT page stores the sigmoid at x = −4 … 4 rounded to 4 decimals; its knots must be exactly that.
    f = BY_SLUG["lut"].math.f()
    for knot in range(-4, 5):
        assert f(float(knot)) == pytest.approx(round(1.0 / (1.0 + np.exp(-knot)), 4), abs=1e-12)
    assert f(-6.0) == pytest.approx(round(1.0 / (1.0 + np.exp(4)), 4), abs=1e-12)
    assert f(6.0) == pytest.approx(round(1.0 / (1.0 + np.exp(-4)), 4), abs=1e-12)


def test_derivative_is_undefined_exactly_at_corners_and_jumps() -> None:
    assert BY_SLUG["relu"].math.derivative_undefined_at(0.0)  # corner: slopes 0 and 1
    assert BY_SLUG["binary-step"].math.derivative_undefined_at(0.0)  # jump: both slopes 0
    assert not BY_SLUG["lut"].math.derivative_undefined_at(0.0)  # table breakpoint, same slope on both sides
    assert not BY_SLUG["sigmoid"].math.derivative_undefined_at(0.0)
