"""Properties computed from the math of a scalar activation, never typed by hand.

Each property is measured on the expression itself: limits at ±∞ are evaluated far out with
mpmath, extrema are searched on a dense grid, smoothness is read from one-sided limits of f, f'
and f'' at every kink found in the expression.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy
from scipy.optimize import minimize_scalar

from actsite.definitions.symbolic import PRECISION_DIGITS, ScalarMath, X, at_kink, expand_helpers

GRID = np.linspace(-60.0, 60.0, 4801)
TOLERANCE = 1.0e-9


@dataclass(frozen=True)
class Bound:
    """One end of the range: its value (±inf allowed) and whether some finite x attains it."""

    value: float
    attained: bool


@dataclass(frozen=True)
class Properties:
    """What the property table of a page shows."""

    lower: Bound
    upper: Bound
    monotonic: str  # "increasing", "non-decreasing", "decreasing", "non-increasing", "no"
    zero_centred: str  # "odd", "partly", "no"
    smoothness: int | None  # k of C^k; None means C^∞; -1 means discontinuous
    saturation_left: str  # "hard", "soft", "no"
    saturation_right: str
    value_at_zero: float
    derivative_at_zero: float | None  # None where f' is undefined at 0 (a corner or a jump)
    derivative_at_zero_sides: tuple[float, float] | None  # one-sided values of f' at a corner at 0
    sup_abs_derivative: float  # inf where unbounded
    kinks: tuple[float, ...]
    # The image as disjoint intervals (lower, upper), when f jumps and its image is not one interval
    # (binary step: {0} ∪ {1}); None when [lower, upper] is the whole story.
    pieces: tuple[tuple[Bound, Bound], ...] | None = None

    @property
    def jumps_at_zero(self) -> bool:
        """True where f itself jumps at 0 (binary step): f'(0) does not exist, whatever the slopes beside it."""
        return self.derivative_at_zero is None and self.derivative_at_zero_sides is None


def compute(math_: ScalarMath) -> Properties:
    """Compute every property of the scalar activation at its default parameters."""
    f = math_.f()
    df = math_.df()
    kinks = tuple(math_.kinks)
    xs = np.unique(np.concatenate([GRID, np.array(kinks, dtype=float)]))
    ys = np.array([f(x) for x in xs])
    dys = _resolve_cancelled_zeros(math_, xs, np.array([df(x) for x in xs if not at_kink(x, kinks)]), kinks)
    lower, upper = _range(math_, xs, ys)
    smoothness = _smoothness(math_, kinks)
    d0 = _derivative_at(math_, 0.0, kinks)
    return Properties(
        lower=lower,
        upper=upper,
        monotonic=_monotonic(dys),
        zero_centred=_zero_centred(f, ys),
        smoothness=smoothness,
        saturation_left=_saturation(math_, -1),
        saturation_right=_saturation(math_, +1),
        value_at_zero=f(0.0),
        derivative_at_zero=d0 if isinstance(d0, float) else None,
        derivative_at_zero_sides=d0 if isinstance(d0, tuple) else None,
        sup_abs_derivative=_sup_abs_derivative(math_, dys),
        kinks=kinks,
        pieces=_image_pieces(math_, kinks, lower, upper) if smoothness == -1 else None,
    )


def _image_pieces(math_: ScalarMath, kinks: tuple[float, ...], lower: Bound, upper: Bound) -> tuple[tuple[Bound, Bound], ...] | None:
    """The image of a discontinuous f as disjoint intervals; None when it is the single interval [lower, upper].

    f is continuous between consecutive kinks, so each open piece maps onto an interval whose ends are
    grid extremes (attained) or one-sided limits at its ends (not attained); every kink adds its own value.
    """
    f = math_.f()
    ends = [-math.inf, *sorted(kinks), math.inf]
    intervals: list[tuple[Bound, Bound]] = [(Bound(f(k), True), Bound(f(k), True)) for k in kinks]
    for a, b in itertools.pairwise(ends):
        inside = [x for x in GRID if a < x < b] or [(a + b) / 2 if math.isfinite(a + b) else (a + 1 if math.isfinite(a) else b - 1)]
        values = [f(x) for x in inside]
        limits = [
            limit_at_infinity(math_, math_.function, -1) if a == -math.inf else math_.one_sided(math_.function, a, +1),
            limit_at_infinity(math_, math_.function, +1) if b == math.inf else math_.one_sided(math_.function, b, -1),
        ]
        limits = [v for v in limits if v is not None and not math.isnan(v)]
        low, high = min(values), max(values)
        piece_low = Bound(low, True) if not limits or low <= min(limits) + TOLERANCE else Bound(min(limits), False)
        piece_high = Bound(high, True) if not limits or high >= max(limits) - TOLERANCE else Bound(max(limits), False)
        intervals.append((piece_low, piece_high))
    merged: list[tuple[Bound, Bound]] = []
    for low, high in sorted(intervals, key=lambda pair: (pair[0].value, not pair[0].attained)):
        if merged:
            last_low, last_high = merged[-1]
            touching = low.value < last_high.value - TOLERANCE or (abs(low.value - last_high.value) <= TOLERANCE and (low.attained or last_high.attained))
            if touching:
                if high.value > last_high.value + TOLERANCE or (abs(high.value - last_high.value) <= TOLERANCE and high.attained):
                    last_high = Bound(max(high.value, last_high.value), high.attained or (abs(high.value - last_high.value) <= TOLERANCE and last_high.attained))
                merged[-1] = (last_low, last_high)
                continue
        merged.append((low, high))
    return tuple(merged) if len(merged) > 1 else None


def _resolve_cancelled_zeros(math_: ScalarMath, xs: np.ndarray, dys: np.ndarray, kinks: tuple[float, ...]) -> np.ndarray:
    """Re-evaluate f′ where it came out exactly 0, at 4× the precision.

    1 − tanh²(60) cancels to 0 at 40 digits although sech²(60) ≈ 3e−52 > 0; without this a strictly
    increasing function (penalized tanh) would be called non-decreasing. A true 0 (ReLU's left side) stays 0.
    """
    zeros = np.flatnonzero(dys == 0.0)
    if zeros.size == 0:
        return dys
    precise = math_.evaluator(math_.derivative, exact=True, digits=4 * PRECISION_DIGITS)
    points = [x for x in xs if not at_kink(x, kinks)]
    resolved = dys.copy()
    for index in zeros:
        sign = mpmath.sign(precise(points[index]))
        resolved[index] = float(sign) * np.nextafter(0.0, 1.0)
    return resolved


OSCILLATING_UNBOUNDED = math.nan  # limit_at_infinity's answer when f swings ever wider (x·cos x): no limit, unbounded


def _tail(expression: sympy.Expr, side: int) -> sympy.Expr:
    """`expression` with every Piecewise replaced by the branch active far out on one side."""
    far = side * sympy.Integer(10) ** 9

    def active_branch(*pairs: tuple[sympy.Expr, sympy.Basic]) -> sympy.Expr:
        for branch, condition in pairs:
            if condition == sympy.true or bool(condition.subs(X, far)):
                return branch
        raise ValueError("no Piecewise branch is active far out")

    return expression.replace(sympy.Piecewise, active_branch)


def limit_at_infinity(math_: ScalarMath, expression: sympy.Expr, side: int) -> float | None:
    """Limit as x → side·∞ (symbolic), as a float (±inf allowed); None when it oscillates (sin, Snake's f′)."""
    tail = _tail(expand_helpers(expression).subs(math_.defaults), side)
    # `together` first: SymPy 1.14 returns 0 for lim x(1−σ)σ + σ (SiLU's f′) unless the terms are combined.
    value = sympy.limit(sympy.together(tail), X, side * sympy.oo)
    if isinstance(value, sympy.AccumBounds):
        return None
    if value.has(sympy.AccumBounds) and value.has(sympy.oo):
        return OSCILLATING_UNBOUNDED  # e.g. oo*sign(AccumBounds(-1, 1)) for x·cos x
    if value in (sympy.oo, -sympy.oo):
        return math.copysign(math.inf, float(value == sympy.oo) - 0.5)
    if not value.is_real:
        raise ValueError(f"limit at {side}·∞ does not exist: {value}")
    return _numerically_confirmed(math_.evaluator(expression), float(value), side)


def _numerically_confirmed(evaluate: Callable[[float], float], limit: float, side: int) -> float:
    """Guard against a wrong symbolic limit: if f has visibly converged far out to another value, use that.

    f(±60) and f(±120) agreeing to 1e−9 while both differ from the symbolic limit by more than 1e−6
    means SymPy erred (as it does for some sigmoid products); far values that have not converged
    (softsign's 1 − 1/x) leave the symbolic limit in place.
    """
    try:
        near, far = evaluate(side * 60.0), evaluate(side * 120.0)
    except (ArithmeticError, ValueError):
        return limit
    converged = math.isfinite(far) and abs(near - far) <= 1e-9 * max(1.0, abs(far))
    if converged and abs(far - limit) > 1e-6 * max(1.0, abs(limit)):
        return far
    return limit


def _range(math_: ScalarMath, xs: np.ndarray, ys: np.ndarray) -> tuple[Bound, Bound]:
    limits = [limit_at_infinity(math_, math_.function, side) for side in (-1, 1)]
    if any(value is not None and math.isnan(value) for value in limits):
        return Bound(-math.inf, False), Bound(math.inf, False)  # swings without bound on some side
    finite_limits = [value for value in limits if value is not None]
    if len(finite_limits) < len(limits):
        # f oscillates on some side: its extremes are attained on the grid (sin, cos, …).
        lower = Bound(_refine_extremum(math_, xs, below=True), True)
        upper = Bound(_refine_extremum(math_, xs, below=False), True)
        if finite_limits:
            lower = lower if lower.value <= min(finite_limits) else Bound(min(finite_limits), False)
            upper = upper if upper.value >= max(finite_limits) else Bound(max(finite_limits), False)
        return lower, upper
    lower = _bound(math_, xs, float(np.min(ys)), min(finite_limits), below=True)
    upper = _bound(math_, xs, float(np.max(ys)), max(finite_limits), below=False)
    return lower, upper


def _bound(math_: ScalarMath, xs: np.ndarray, extreme_on_grid: float, limit: float, *, below: bool) -> Bound:
    """The infimum (below) or supremum of f, and whether it is attained at a finite x."""
    sign = 1.0 if below else -1.0
    if math.isinf(limit) and sign * limit < 0:
        return Bound(limit, False)  # unbounded on this side (−∞ below, +∞ above)
    if sign * (extreme_on_grid - limit) < -TOLERANCE:
        # An interior extremum beyond the limits: refine it; it is attained.
        return Bound(_refine_extremum(math_, xs, below=below), True)
    # The bound is the limit; attained only if f equals it exactly at a finite point (ReLU's 0,
    # Hardtanh's ±1), checked at 160 significant digits so tanh(20) ≠ 1 and ln(1 + e^−100) ≠ 0.
    exact = math_.evaluator(math_.function, exact=True, digits=4 * PRECISION_DIGITS)
    attained = any(exact(x) == limit for x in xs[np.abs(xs) <= 20])
    return Bound(limit, attained)


REFINE_DIGITS = 50  # an attained extremum is located and evaluated at this precision, then rounded once
_GOLDEN = (mpmath.sqrt(5) - 1) / 2


def _refine_extremum(math_: ScalarMath, xs: np.ndarray, *, below: bool) -> float:
    """The minimum (below) or maximum of f near its grid extreme, as the double nearest the true value.

    A golden-section search at 50 digits between the grid neighbours of the extreme locates it to
    ~1e−26, where f differs from its extreme value by ~1e−50, so rounding the 50-digit value once
    gives the nearest double (sine's maximum is 1.0, not 0.9999999999998866).
    """
    sign = 1 if below else -1
    f = math_.f()
    index = int(np.argmin([sign * f(x) for x in xs]))
    low, high = xs[max(index - 1, 0)], xs[min(index + 1, len(xs) - 1)]
    exact = math_.evaluator(math_.function, exact=True, digits=REFINE_DIGITS)
    with mpmath.workdps(REFINE_DIGITS):
        best = _golden_minimum(lambda x: sign * exact(x), mpmath.mpf(float(low)), mpmath.mpf(float(high)))
        best = min(best, sign * exact(mpmath.mpf(float(xs[index]))))
        return float(sign * best)


def _refine_float_extremum(f: Callable[[float], float], xs: np.ndarray, *, below: bool) -> float:
    sign = 1.0 if below else -1.0
    values = np.array([sign * f(x) for x in xs])
    index = int(np.argmin(values))
    low, high = xs[max(index - 1, 0)], xs[min(index + 1, len(xs) - 1)]
    result = minimize_scalar(lambda x: sign * f(x), bounds=(low, high), method="bounded", options={"xatol": 1e-12})
    best = min(float(result.fun), float(values[index]))  # both in the sign-adjusted space
    return sign * best


def _golden_minimum(g: Callable[[mpmath.mpf], mpmath.mpf], a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    """The smallest value of g found by golden-section search on [a, b] to a width of 1e−26."""
    c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    gc, gd = g(c), g(d)
    best = min(gc, gd)
    while b - a > mpmath.mpf(10) ** -26:
        if gc <= gd:
            b, d, gd = d, c, gc
            c = b - _GOLDEN * (b - a)
            gc = g(c)
        else:
            a, c, gc = c, d, gd
            d = a + _GOLDEN * (b - a)
            gd = g(d)
        best = min(best, gc, gd)
    return best


def _monotonic(dys: np.ndarray) -> str:
    """Strict when f′ keeps its sign and vanishes only at isolated samples (x − tanh x: f′(0) = 0).

    A zero derivative at two neighbouring grid points means f is constant on an interval (ReLU).
    """
    if np.all(dys >= -TOLERANCE):
        return "increasing" if _zeros_are_isolated(dys > 0) else "non-decreasing"
    if np.all(dys <= TOLERANCE):
        return "decreasing" if _zeros_are_isolated(dys < 0) else "non-increasing"
    return "no"


def _zeros_are_isolated(strict: np.ndarray) -> bool:
    """True if no two neighbouring samples fail the strict inequality."""
    failing = ~strict
    return not np.any(failing[1:] & failing[:-1])


def _zero_centred(f: Callable[[float], float], ys: np.ndarray) -> str:
    samples = np.linspace(0.05, 20.0, 400)
    if all(abs(f(x) + f(-x)) <= 1e-12 * max(1.0, abs(f(x))) for x in samples):
        return "odd"
    if np.any(ys < -TOLERANCE) and np.any(ys > TOLERANCE):
        return "partly"
    return "no"


def _smoothness(math_: ScalarMath, kinks: tuple[float, ...]) -> int | None:
    """K such that f is C^k but not C^(k+1) at some kink; None (C^∞) without kinks; -1 if discontinuous."""
    if not kinks:
        return None
    derivatives = [math_.function, math_.derivative, math_.second_derivative]
    for order, expression in enumerate(derivatives):
        for point in kinks:
            left = math_.one_sided(expression, point, -1)
            right = math_.one_sided(expression, point, +1)
            if abs(left - right) > 1e-9 * max(1.0, abs(left), abs(right)):
                return order - 1
    return len(derivatives) - 1  # C² at least; pages say "C² (at least)"


def _derivative_at(math_: ScalarMath, point: float, kinks: tuple[float, ...]) -> float | tuple[float, float] | None:
    """f′(point); at a corner the one-sided values (left, right); None where f jumps at the point."""
    if at_kink(point, kinks):
        if math_.jumps_at(point):
            return None
        left, right = (math_.one_sided(math_.derivative, point, side) for side in (-1, +1))
        return (left, right) if math_.derivative_undefined_at(point) else left
    return math_.df()(point)


def _saturation(math_: ScalarMath, side: int) -> str:
    """hard: f' is exactly 0 beyond some point; soft: f' → 0 only in the limit; no: otherwise."""
    tail = _tail(expand_helpers(math_.derivative).subs(math_.defaults), side)
    if sympy.simplify(tail) == 0:
        return "hard"
    if limit_at_infinity(math_, math_.derivative, side) == 0.0:
        return "soft"
    return "no"  # a non-zero limit, or none at all (an oscillating f′)


def _sup_abs_derivative(math_: ScalarMath, dys: np.ndarray) -> float:
    """Sup |f'| over ℝ: the grid maximum or a larger limit at ±∞; inf when unbounded."""
    limits = [limit_at_infinity(math_, math_.derivative, side) for side in (-1, 1)]
    df = math_.df()
    kinks = math_.kinks
    xs = np.array([x for x in GRID if not at_kink(x, tuple(kinks))])
    if any(value is not None and math.isnan(value) for value in limits):
        return math.inf  # f′ swings without bound (x·cos x)
    refined = _refine_float_extremum(lambda x: abs(df(x)), xs, below=False) if not kinks else float(np.max(np.abs(dys)))
    # One-sided values at kinks count too: penalized tanh's f′ tends to 1 at 0⁺ without reaching it on the grid.
    at_kinks = [abs(math_.one_sided(math_.derivative, k, side)) for k in kinks for side in (-1, 1)]
    return max([refined, float(np.max(np.abs(dys))), *at_kinks, *(abs(v) for v in limits if v is not None)])
