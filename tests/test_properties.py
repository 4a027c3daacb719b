"""Computed properties against facts worked out by hand from the mathematics (independent of the code).

Each expectation is a textbook fact: e.g. SiLU's minimum −0.278465 at x ≈ −1.2785, SELU's infimum
−λα, GELU's f′ peaking at x = √2 with Φ(√2) + √2 φ(√2) ≈ 1.128904.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from actsite.analysis.properties import Properties, compute
from conftest import BY_SLUG, SLUGS, properties_of

INF = math.inf
SELU_LAMBDA = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717

# slug: (lower, lower attained, upper, upper attained, monotonic, zero-centred, smoothness,
#        saturation left, right, f(0), f'(0) (or (left, right) where undefined), sup |f'| or None to skip)
EXPECTED: dict[str, tuple] = {
    "sigmoid": (0, False, 1, False, "increasing", "no", None, "soft", "soft", 0.5, 0.25, 0.25),
    "tanh": (-1, False, 1, False, "increasing", "odd", None, "soft", "soft", 0.0, 1.0, 1.0),
    "relu": (0, True, INF, False, "non-decreasing", "no", 0, "hard", "no", 0.0, (0.0, 1.0), 1.0),
    "leaky-relu": (-INF, False, INF, False, "increasing", "partly", 0, "no", "no", 0.0, (0.01, 1.0), 1.0),
    "elu": (-1, False, INF, False, "increasing", "partly", 1, "soft", "no", 0.0, 1.0, 1.0),
    "selu": (
        -SELU_LAMBDA * SELU_ALPHA,
        False,
        INF,
        False,
        "increasing",
        "partly",
        0,
        "soft",
        "no",
        0.0,
        (SELU_LAMBDA * SELU_ALPHA, SELU_LAMBDA),
        SELU_LAMBDA * SELU_ALPHA,
    ),
    "gelu": (-0.16997120748, True, INF, False, "no", "partly", None, "soft", "no", 0.0, 0.5, 1.1289039),
    "silu": (-0.27846454276, True, INF, False, "no", "partly", None, "soft", "no", 0.0, 0.5, 1.0998393),
    "mish": (-0.30884341302, True, INF, False, "no", "partly", None, "soft", "no", 0.0, 0.6, None),
    "softplus": (0, False, INF, False, "increasing", "no", None, "soft", "no", math.log(2), 0.5, 1.0),
    "softsign": (-1, False, 1, False, "increasing", "odd", 1, "soft", "soft", 0.0, 1.0, 1.0),
    "hardswish": (-0.375, True, INF, False, "no", "partly", 0, "hard", "no", 0.0, 0.5, 1.5),
    # Beyond the core: facts the source notes got wrong (see errata/errata.yaml).
    # CELU at α = 1 is ELU itself: C¹ only (f″ jumps from 1/α to 0 at 0), not "smoother than ELU".
    "celu": (-1, False, INF, False, "increasing", "partly", 1, "soft", "no", 0.0, 1.0, 1.0),
    "sine": (-1, True, 1, True, "no", "odd", None, "no", "no", 0.0, 30.0, 30.0),  # SIREN's sin(30x)
    # sin x / x: minimum at x = 4.4934 (tan x = x), C^∞ and f′(0) = 0 (not "undefined at 0"),
    # sup |f′| = 0.43618 at x = 2.0816.
    "sinc": (-0.21723362821, True, 1, True, "no", "partly", None, "soft", "soft", 1.0, 0.0, 0.43618181727),
    # f′ = 1 + x / (2√(x² + 1)) lies in (1/2, 3/2): strictly increasing, not "non-monotonic".
    "bent-identity": (-INF, False, INF, False, "increasing", "partly", None, "no", "no", 0.0, 1.0, 1.5),
    # Both outer pieces have slope 0.1 > 0: unbounded lines, no saturation.
    "srelu": (-INF, False, INF, False, "increasing", "odd", 0, "no", "no", 0.0, 1.0, 1.0),
}


@pytest.fixture(scope="module")
def computed() -> dict[str, Properties]:
    return {slug: properties_of(slug) for slug in EXPECTED if slug in BY_SLUG}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_properties_match_hand_derived_facts(slug: str, computed: dict[str, Properties]) -> None:
    assert slug in computed, f"{slug} is a required activation but has no definition"
    p = computed[slug]
    lower, lower_attained, upper, upper_attained, monotonic, zero_centred, smoothness, sat_left, sat_right, f0, df0, sup = EXPECTED[slug]
    assert p.lower.value == pytest.approx(lower, abs=1e-8)
    assert p.lower.attained is lower_attained
    assert p.upper.value == pytest.approx(upper, abs=1e-8)
    assert p.upper.attained is upper_attained
    assert p.monotonic == monotonic
    assert p.zero_centred == zero_centred
    assert p.smoothness == smoothness
    assert (p.saturation_left, p.saturation_right) == (sat_left, sat_right)
    assert p.value_at_zero == pytest.approx(f0, abs=1e-12)
    if isinstance(df0, tuple):
        assert p.derivative_at_zero is None
        assert p.derivative_at_zero_sides == pytest.approx(df0, abs=1e-9)
    else:
        assert p.derivative_at_zero == pytest.approx(df0, abs=1e-9)
    if sup is not None:
        assert p.sup_abs_derivative == pytest.approx(sup, abs=1e-6)


@pytest.mark.parametrize("slug", SLUGS)
def test_range_contains_every_sample_and_attained_bounds_are_reached(slug: str) -> None:
    loaded = BY_SLUG[slug]
    p = properties_of(slug)
    f = loaded.math.f()
    ys = np.array([f(x) for x in np.linspace(-30.0, 30.0, 3001)])
    assert np.all(ys >= p.lower.value - 1e-9)
    assert np.all(ys <= p.upper.value + 1e-9)
    if p.lower.attained:
        assert np.min(ys) == pytest.approx(p.lower.value, abs=1e-4)
    if p.upper.attained:
        assert np.max(ys) == pytest.approx(p.upper.value, abs=1e-4)


@pytest.mark.parametrize("slug", SLUGS)
def test_monotonic_claim_agrees_with_samples(slug: str) -> None:
    loaded = BY_SLUG[slug]
    p = properties_of(slug)
    f = loaded.math.f()
    steps = np.diff([f(x) for x in np.linspace(-30.0, 30.0, 3001)])
    if p.monotonic in ("increasing", "non-decreasing"):
        assert np.all(steps >= -1e-12)
    elif p.monotonic in ("decreasing", "non-increasing"):
        assert np.all(steps <= 1e-12)
    else:
        assert np.any(steps > 1e-12)
        assert np.any(steps < -1e-12)


def _with_function(source: str) -> Properties:
    base = BY_SLUG["leaky-relu"].activation
    changed = base.model_copy(update={"math": base.math.model_copy(update={"function": source}), "parameters": []})
    from actsite.definitions.symbolic import ScalarMath

    return compute(ScalarMath(changed))


def test_lower_bound_is_the_interior_minimum_when_both_tails_grow() -> None:
    # Regression: f → +∞ on both sides (xIELU-like) once gave the range (∞, ∞).
    p = _with_function("x**2 - 1")
    assert (p.lower.value, p.lower.attained) == (pytest.approx(-1.0, abs=1e-9), True)
    assert (p.upper.value, p.upper.attained) == (math.inf, False)


def test_upper_bound_is_the_interior_maximum_when_both_tails_fall() -> None:
    p = _with_function("1 - x**2")
    assert (p.upper.value, p.upper.attained) == (pytest.approx(1.0, abs=1e-9), True)
    assert p.lower.value == -math.inf


def test_silu_written_with_the_sigmoid_helper_does_not_saturate_on_the_right() -> None:
    # Regression: SymPy 1.14 gives lim x(1−σ)σ + σ = 0 at +∞ (f′ of x·σ(x)), which once made
    # x·sigmoid(x) "soft-saturating" on the right. Its derivative tends to 1, so it does not saturate.
    p = _with_function("x*sigmoid(x)")
    assert (p.saturation_left, p.saturation_right) == ("soft", "no")
    assert p.lower.value == pytest.approx(-0.27846454276, abs=1e-9)


def test_symbolic_limit_is_overruled_only_by_converged_far_values() -> None:
    from actsite.analysis.properties import _numerically_confirmed

    assert _numerically_confirmed(lambda x: 1.0, 0.0, 1) == 1.0  # SymPy said 0, f has converged to 1
    assert _numerically_confirmed(lambda x: x / (1 + abs(x)), 1.0, 1) == 1.0  # softsign: not converged at 120


def test_growing_oscillation_is_unbounded_both_ways() -> None:
    # Regression: x·cos x has no limit at ±∞ (SymPy: oo·sign(AccumBounds)); it once crashed the build.
    p = _with_function("x*cos(x)")
    assert (p.lower.value, p.upper.value, p.sup_abs_derivative, p.monotonic) == (-math.inf, math.inf, math.inf, "no")


def test_derivative_that_cancels_at_40_digits_still_counts_as_positive() -> None:
    # 1 − tanh²(±60) is 0 at 40 digits; the function is strictly increasing, and sup f′ = 1 is approached at 0⁺.
    p = _with_function("Piecewise((tanh(x), x > 0), (tanh(x)/4, True))")
    assert p.monotonic == "increasing"
    assert p.sup_abs_derivative == pytest.approx(1.0, abs=1e-12)


def test_helper_functions_print_with_a_power() -> None:
    # Regression: Serf's derivative contains exp(−softplus(x)²); printing the power once raised TypeError.
    from actsite.definitions.symbolic import X, latex, softplus

    assert latex(softplus(X) ** 2, {}) == r"\operatorname{softplus}^{2}\left(x\right)"


def test_a_bound_approached_within_1e_44_is_not_attained() -> None:
    # Regression: ln(1 + e^(5x)) / 5 at x = −20 is 0 at 40 digits, which once made its infimum 0 "attained".
    p = _with_function("softplus(5*x)/5")
    assert (p.lower.value, p.lower.attained) == (0.0, False)


def test_a_bound_approached_within_1e_160_is_not_attained() -> None:
    # Regression: erf(−20) = −1 + 5·10⁻¹⁷⁶ rounds to −1 at 160 digits, which once made α·erf(x)'s infimum −α "attained" (a drafted ErfReLU page).
    p = _with_function("Piecewise((x, x >= 0), (erf(x), True))")
    assert (p.lower.value, p.lower.attained) == (-1.0, False)


def test_abs_in_a_definition_has_computable_properties() -> None:
    # Regression: Abs puts DiracDelta into f″, which mpmath could not evaluate (softsign as x/(1+|x|)).
    p = _with_function("x/(1 + Abs(x))")
    assert (p.smoothness, p.zero_centred, p.lower.value, p.upper.value) == (1, "odd", -1.0, 1.0)


def test_image_of_a_jumping_function_is_a_union_not_an_interval() -> None:
    from actsite.render.numbers import format_range

    assert format_range(properties_of("binary-step")) == "{0, 1}"
    assert format_range(properties_of("quantized-relu")) == "{0, 2, 4, 6}"
    assert format_range(_with_function("Piecewise((x, x > 1), (0, True))")) == "{0} ∪ (1, ∞)"
    assert properties_of("relu").pieces is None  # continuous: one interval


@pytest.mark.parametrize("slug", SLUGS)  # not filtered at collection: that computed every property at import
def test_every_sample_of_a_jumping_function_lies_in_its_image_pieces(slug: str) -> None:
    pieces = properties_of(slug).pieces
    if not pieces:
        pytest.skip("continuous: its image is one interval (test_range_contains_every_sample covers it)")
    f = BY_SLUG[slug].math.f()
    for x in np.linspace(-30.0, 30.0, 3001):
        y = f(x)
        assert any(low.value - 1e-9 <= y <= high.value + 1e-9 for low, high in pieces), f"f({x}) = {y} outside {pieces}"


def test_derivative_at_zero_of_a_jump_is_undefined_not_the_slopes_beside_it() -> None:
    from actsite.render.property_table import property_rows

    p = properties_of("binary-step")
    assert p.jumps_at_zero
    assert (p.derivative_at_zero, p.derivative_at_zero_sides) == (None, None)
    assert "undefined (f jumps at 0)" in [row["value"] for row in property_rows(p, "en")]
    assert "不存在（f 在 0 处跳跃）" in [row["value"] for row in property_rows(p, "zh")]
    # A corner keeps its one-sided values, a smooth point its value.
    assert not properties_of("relu").jumps_at_zero
    assert properties_of("relu").derivative_at_zero_sides == (0.0, 1.0)
    assert not properties_of("hardshrink").jumps_at_zero  # its jumps are at ±0.5, f′(0) = 0
    assert properties_of("hardshrink").derivative_at_zero == 0.0


@pytest.mark.parametrize("slug", SLUGS)
def test_derivative_at_zero_is_undefined_exactly_where_the_math_says(slug: str) -> None:
    p = properties_of(slug)
    math_ = BY_SLUG[slug].math
    undefined = 0.0 in p.kinks and math_.derivative_undefined_at(0.0)
    assert (p.derivative_at_zero is None) == undefined
    jumps = 0.0 in p.kinks and math_.jumps_at(0.0)
    assert p.jumps_at_zero == jumps
    assert (p.derivative_at_zero_sides is not None) == (undefined and not jumps)


def test_one_sided_slopes_that_differ_are_printed_differently() -> None:
    from actsite.render.numbers import format_distinct
    from actsite.render.property_table import property_rows

    # PAU's |b₁x| term makes a real corner at 0 whose slopes agree to six digits.
    left, right = properties_of("pau").derivative_at_zero_sides
    assert left != right
    shown = format_distinct(left, right)
    assert shown[0] != shown[1]
    assert f"undefined (left {shown[0]}, right {shown[1]})" in [row["value"] for row in property_rows(properties_of("pau"), "en")]
    assert format_distinct(0.0, 1.0) == ("0", "1")
    assert format_distinct(0.25, 0.25) == ("0.25", "0.25")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_kink_note_gives_the_jump_as_the_reason_where_f_jumps(slug: str, language: str) -> None:
    from actsite.render.i18n import ui_strings
    from actsite.render.pages import kink_note

    p = properties_of(slug)
    math_ = BY_SLUG[slug].math
    note = kink_note(p, math_, language) or ""
    t = ui_strings(language)
    jump_reason = t["kinks_jump_note"].split("{points}")[1]
    corner_reason = t["kinks_note"].split("{points}")[1]
    jumps = [k for k in p.kinks if math_.jumps_at(k)]
    corners = [k for k in p.kinks if not math_.jumps_at(k) and math_.derivative_undefined_at(k)]
    assert (jump_reason in note) == bool(jumps)
    assert (corner_reason in note) == bool(corners)


@pytest.mark.parametrize("slug", ["binary-step", "threshold", "quantized-relu", "hardshrink"])
def test_discontinuous_functions_are_said_to_jump_not_to_have_differing_slopes(slug: str) -> None:
    from actsite.render.pages import kink_note

    note = kink_note(properties_of(slug), BY_SLUG[slug].math, "en")
    assert "f jumps there" in note
    assert "one-sided derivatives differ" not in note
    assert "跳变" in kink_note(properties_of(slug), BY_SLUG[slug].math, "zh")


def _extreme_at_50_digits(slug: str, *, below: bool) -> float:
    """The attained minimum (below) or maximum of f, found independently of properties.py.

    Newton on f′ at 50 digits from the grid extreme, or the best of the grid point and the kinks beside
    it where f′ has no root next to it (a corner).
    """
    import mpmath
    import sympy

    from actsite.definitions.symbolic import MPMATH_MODULES, X, expand_helpers

    math_ = BY_SLUG[slug].math
    sign = 1 if below else -1
    f_float = math_.f()
    grid = np.unique(np.concatenate([np.linspace(-60.0, 60.0, 4801), np.array(math_.kinks, dtype=float)]))
    x0 = float(grid[int(np.argmin([sign * f_float(x) for x in grid]))])
    with mpmath.workdps(50):
        f = math_.evaluator(math_.function, exact=True, digits=50)
        df = sympy.lambdify(X, expand_helpers(math_.derivative).subs(math_.defaults), modules=MPMATH_MODULES)
        candidates = [mpmath.mpf(x0)] + [mpmath.mpf(k) for k in math_.kinks if abs(k - x0) < 0.1]
        try:
            root = mpmath.findroot(df, mpmath.mpf(x0), tol=mpmath.mpf(10) ** -45)
            if abs(root - x0) < 0.1:
                candidates.append(root)
        except (ValueError, ZeroDivisionError, TypeError):
            pass  # no stationary point next to x0: the extreme is at the grid point or a kink
        return float(min(sign * f(x) for x in candidates) * sign)


@pytest.mark.parametrize("below", [True, False])
@pytest.mark.parametrize("slug", SLUGS)
def test_attained_bounds_are_the_nearest_double_to_the_true_extremum(slug: str, below: bool) -> None:
    from actsite.render.export import properties_record

    bound = properties_of(slug).lower if below else properties_of(slug).upper
    if not (bound.attained and math.isfinite(bound.value)):
        pytest.skip("not an attained finite bound")
    exported = properties_record(properties_of(slug))["lower" if below else "upper"]
    assert exported == _extreme_at_50_digits(slug, below=below)


def test_sine_range_is_exactly_minus_one_to_one() -> None:
    p = properties_of("sine")
    assert (p.lower.value, p.upper.value) == (-1.0, 1.0)


# The fast scan (float64 located, mpmath where it matters, numeric limits far out) must give exactly
# what evaluating every point with mpmath and asking SymPy for every limit gives. These cover the
# kinds of math the catalogue has: saturating tails that cancel in float64, kinks, jumps, plateaus,
# oscillation, a removable singularity, erf, odd functions and float parameters.
SCAN_CASES = ["tanh", "penalized-tanh", "gelu", "relu", "hardtanh", "binary-step", "sine", "snake", "sinc", "selu", "softsign", "hardswish"]


@pytest.mark.parametrize("slug", SCAN_CASES)
def test_fast_scan_gives_the_properties_of_a_full_mpmath_scan(slug: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from actsite.analysis import grid

    fast = properties_of(slug)
    monkeypatch.setattr(grid, "TRUSTED_ERROR", -1.0)  # no float64 value is trusted: every point with mpmath
    assert compute(BY_SLUG[slug].math) == fast


@pytest.mark.parametrize("slug", SCAN_CASES)
def test_limits_found_far_out_are_sympys_limits(slug: str) -> None:
    import sympy

    from actsite.analysis.properties import _converged_far_out, _far_values, _tail
    from actsite.definitions.symbolic import X, expand_helpers

    math_ = BY_SLUG[slug].math
    decided = 0
    for expression in (math_.function, math_.derivative):
        for side in (-1, 1):
            tail = _tail(expand_helpers(expression).subs(math_.defaults), side)
            far = _far_values(tail, side)
            numeric = _converged_far_out(*far) if far is not None else None
            if numeric is None:
                continue
            decided += 1
            symbolic = sympy.limit(sympy.together(tail), X, side * sympy.oo)
            # SymPy multiplies float parameters at 15 digits (SELU's −λα): the far values are the exact product.
            assert numeric == pytest.approx(float(symbolic), rel=1e-14, abs=1e-300), (slug, expression, side)
    assert decided or slug in {"sine", "snake"}, "no limit was decided numerically: the fast path is not exercised"


@pytest.mark.parametrize("slug", SLUGS)
def test_tails_found_unbounded_far_out_are_unbounded_for_sympy(slug: str) -> None:
    """Every tail (f and f′, both sides, of every activation) that far values call unbounded has SymPy's limit ±∞, same sign."""
    import sympy

    from actsite.analysis.properties import _decided_far_out, _tail
    from actsite.definitions.symbolic import X, expand_helpers

    math_ = BY_SLUG[slug].math
    for expression in (math_.function, math_.derivative):
        for side in (-1, 1):
            tail = _tail(expand_helpers(expression).subs(math_.defaults), side)
            numeric = _decided_far_out(tail, side)
            if numeric is None or math.isfinite(numeric):
                continue
            symbolic = sympy.limit(sympy.together(tail), X, side * sympy.oo)
            assert symbolic == (sympy.oo if numeric > 0 else -sympy.oo), (slug, expression, side, symbolic)


def test_far_values_that_swing_or_grow_slowly_are_not_called_unbounded() -> None:
    from actsite.analysis.properties import _decided_far_out
    from actsite.definitions.symbolic import X

    # x·cos x and GCU's f′ have one sign at the three far points on one side each: an oscillating function is never decided.
    for expression, side in ((sympy.log(X), 1), (-sympy.log(-X), -1), (X * sympy.cos(X), 1), (sympy.cos(X) - X * sympy.sin(X), -1), (X * (2 + sympy.sin(X)), 1)):
        assert _decided_far_out(expression, side) is None, expression
    unbounded = ((X, 1, math.inf), (-(X**2), 1, -math.inf), (2 * sympy.sqrt(X), 1, math.inf), (sympy.exp(X / 10), 1, math.inf), (X * sympy.tanh(X), -1, math.inf))
    for expression, side, limit in unbounded:
        assert _decided_far_out(expression, side) == limit, expression


def test_float64_that_cancels_is_not_trusted() -> None:
    from actsite.analysis.grid import GridValues
    from actsite.definitions.symbolic import parse

    math_ = BY_SLUG["relu"].math
    # 1 everywhere; float64 loses it beyond x ≈ 18 (e^2x ≈ 1e16), 40 digits keep it up to x = 20 (e^40 ≈ 2e17).
    cancelling = parse("(exp(x) + 1)**2 - exp(2*x) - 2*exp(x)", math_.symbols)
    values = GridValues(math_, cancelling, np.linspace(-20.0, 20.0, 801))
    assert bool(values.exact.all())
    assert set(values.values.tolist()) == {1.0}


def test_grid_values_are_exact_wherever_a_decision_needs_them() -> None:
    from actsite.analysis.grid import GridValues

    math_ = BY_SLUG["gelu"].math
    xs = np.linspace(-60.0, 60.0, 4801)
    values = GridValues(math_, math_.derivative, xs)
    values.exact_below(1e-6)
    values.exact_extremes(absolute=True)
    precise = math_.df()
    assert not values.exact.all(), "every point was evaluated with mpmath: the float64 scan did nothing"
    for index in np.flatnonzero(values.exact):
        assert values.values[index] == precise(float(xs[index]))
    for index in np.flatnonzero(~values.exact)[::37]:
        assert values.values[index] == pytest.approx(precise(float(xs[index])), rel=1e-12, abs=1e-12)


def test_identically_zero_derivative_tail_is_not_called_visibly_nonzero() -> None:
    import sympy

    from actsite.analysis.properties import _visibly_nonzero
    from actsite.definitions.symbolic import X

    assert not _visibly_nonzero(sympy.sin(X) ** 2 + sympy.cos(X) ** 2 - 1, 1)  # rounding residue, not a value
    assert not _visibly_nonzero(sympy.Integer(0), -1)
    assert _visibly_nonzero(sympy.exp(-X), 1)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_bounded_search_for_sup_abs_derivative_returns_scipys_value_to_the_last_bit(slug: str) -> None:
    """`bounded_minimum` takes SciPy's fminbound steps: the same minimum of −|f′| near its grid maximum."""
    from scipy.optimize import minimize_scalar

    from actsite.analysis.bounded_minimum import bounded_minimum

    math_ = BY_SLUG[slug].math
    df = math_.df()
    xs = np.linspace(-6.0, 6.0, 481)
    index = int(np.argmax(np.abs(df.many(float(x) for x in xs))))
    low, high = xs[max(index - 1, 0)], xs[min(index + 1, len(xs) - 1)]
    objectives = (lambda x: -abs(df(x)), lambda x: df(x), lambda x: (x - 0.3 * low - 0.7 * high) ** 2)  # a maximum, f′ itself, a parabola
    for objective in objectives:
        expected = minimize_scalar(objective, bounds=(low, high), method="bounded", options={"xatol": 1e-12}).fun
        assert bounded_minimum(objective, low, high, x_tolerance=1e-12) == float(expected), slug


def test_grid_points_at_kinks_are_those_at_kink_finds() -> None:
    from actsite.analysis.properties import GRID, _at_kinks
    from actsite.definitions.symbolic import KINK_TOLERANCE, at_kink

    xs = np.unique(np.concatenate([GRID, [0.5e-12, 1.0 + 2e-12, -3.0 - 0.9e-12]]))
    for kinks in ((), (0.0,), (1.0, -3.0), (0.0, 1.0 + KINK_TOLERANCE, 60.0)):
        assert _at_kinks(xs, kinks).tolist() == [at_kink(x, kinks) for x in xs], kinks


def test_a_bounded_oscillation_inside_another_function_has_no_limit() -> None:
    """SymPy answers tanh(AccumBounds(-1, 1)) for lim tanh(sin x): no limit, not a float conversion error."""
    import sympy

    from actsite.analysis.properties import _tail_limit
    from actsite.definitions.symbolic import X

    assert _tail_limit(sympy.tanh(sympy.sin(X)), 1) is None
    assert _tail_limit(sympy.tanh(sympy.sin(X)), -1) is None
