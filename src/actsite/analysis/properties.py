"""Properties computed from the math of a scalar activation, never typed by hand.

Each property is measured on the expression itself: limits at ±∞ are found numerically far out
with mpmath where the values have visibly converged, or grow without bound in a tail that cannot
oscillate, else by SymPy; extrema are searched on a dense grid (float64 to locate, mpmath at every
point a result depends on: see `grid`); smoothness is read from one-sided limits of f, f' and f''
at every kink found in the expression.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy

from actsite.analysis.bounded_minimum import bounded_minimum
from actsite.analysis.grid import MARGIN, GridValues
from actsite.definitions.symbolic import KINK_TOLERANCE, PRECISION_DIGITS, ScalarMath, X, at_kink, mpmath_function

GRID = np.linspace(-60.0, 60.0, 4801)
TOLERANCE = 1.0e-9
MONOTONIC_EXACT = 1.0e-6  # f′ values this small have their sign checked against mpmath (`GridValues.exact_signs`)


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
    kinks = tuple(math_.kinks)
    xs = np.unique(np.concatenate([GRID, np.array(kinks, dtype=float)]))
    f_grid = GridValues(math_, math_.function, xs)  # the range and zero-centredness make exact what they read
    smooth_xs = xs[~_at_kinks(xs, kinks)]
    df_grid = GridValues(math_, math_.derivative, smooth_xs)
    # Monotonicity reads whether f′ falls below −TOLERANCE (rises above TOLERANCE) anywhere, NaN
    # counting as both, and unless it does both, the sign of every small f′.
    undefined = bool(np.any(np.isnan(df_grid.values)))
    slopes = (undefined or df_grid.any_beyond(-TOLERANCE, below=True), undefined or df_grid.any_beyond(TOLERANCE, below=False))
    if not all(slopes):
        df_grid.exact_signs(MONOTONIC_EXACT)
    df_grid.exact_extremes(absolute=True)  # sup |f′|
    cancelled = CancelledZeros(math_, df_grid.xs, df_grid.values)
    lower, upper = _range(math_, f_grid)
    smoothness = math_.smoothness
    d0 = _derivative_at(math_, 0.0, kinks)
    return Properties(
        lower=lower,
        upper=upper,
        monotonic=_monotonic(cancelled, *slopes),
        zero_centred=_zero_centred(math_, f_grid),
        smoothness=smoothness,
        saturation_left=_saturation(math_, -1),
        saturation_right=_saturation(math_, +1),
        value_at_zero=math_.f()(0.0),
        derivative_at_zero=d0 if isinstance(d0, float) else None,
        derivative_at_zero_sides=d0 if isinstance(d0, tuple) else None,
        sup_abs_derivative=_sup_abs_derivative(math_, smooth_xs, df_grid.values, cancelled.largest_magnitude()),
        kinks=kinks,
        pieces=_image_pieces(math_, kinks, lower, upper) if smoothness == -1 else None,
    )


def _at_kinks(xs: np.ndarray, kinks: tuple[float, ...]) -> np.ndarray:
    """`at_kink` of every x in `xs`, at once."""
    if not kinks:
        return np.zeros(xs.shape, dtype=bool)
    return np.any(np.abs(xs[:, np.newaxis] - np.array(kinks, dtype=float)[np.newaxis, :]) < KINK_TOLERANCE, axis=1)


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


class CancelledZeros:
    """f′ on the grid, with each value that came out exactly 0 re-evaluated at 4× the precision, on demand.

    1 − tanh²(60) cancels to 0 at 40 digits although sech²(60) ≈ 3e−52 > 0; without this a strictly
    increasing function (penalized tanh) would be called non-decreasing. A true 0 (ReLU's left side)
    stays 0; a resolved one becomes the smallest double of its exact sign. At 160 digits a zero costs
    ~0.1 ms (erf), and thousands of them sit in a saturated tail, so a zero is resolved only when an
    answer depends on it: `values` is exact at every resolved point.
    """

    def __init__(self, math_: ScalarMath, xs: np.ndarray, dys: np.ndarray) -> None:
        self.values = dys.copy()
        self._xs = xs
        self._unresolved = dys == 0.0
        self._precise = math_.evaluator(math_.derivative, exact=True, digits=4 * PRECISION_DIGITS)

    def resolve(self, indices: np.ndarray) -> None:
        """Re-evaluate the zeros among `indices` not resolved yet."""
        todo = indices[self._unresolved[indices]]
        if not todo.size:
            return
        for index, value in zip(todo, self._precise.many(float(x) for x in self._xs[todo]), strict=True):
            self.values[index] = float(mpmath.sign(value)) * np.nextafter(0.0, 1.0)
        self._unresolved[todo] = False

    def largest_magnitude(self) -> float:
        """Max |f′| over the grid (NaN if f′ is undefined somewhere); a resolved zero only counts when nothing is larger."""
        if not np.any(np.abs(self.values) > 0.0):
            self.resolve(np.arange(self.values.size))
        return float(np.max(np.abs(self.values)))

    def _passes(self, index: int, sign: int) -> bool:
        self.resolve(np.array([index]))
        return bool(sign * self.values[index] > 0)

    def zeros_are_isolated(self, sign: int) -> bool:
        """True if no two neighbouring samples fail sign·f′ > 0 once every zero is resolved.

        A pair of neighbours both failing in float64 fails unless a zero in it resolves to the
        right sign. A point already resolved is read first, else the right-hand one is resolved
        first, so a run of zeros that all resolve is decided by every second point.
        """
        failing = ~(sign * self.values > 0)
        return all(self._pair_passes(int(left), sign) for left in np.flatnonzero(failing[1:] & failing[:-1]))

    def _pair_passes(self, left: int, sign: int) -> bool:
        first, second = (left, left + 1) if not self._unresolved[left] else (left + 1, left)
        return self._passes(first, sign) or self._passes(second, sign)


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
    """Limit as x → side·∞, as a float (±inf allowed); None when it oscillates (sin, Snake's f′)."""
    tail = _tail(math_.concrete(expression), side)
    value = _tail_limit(tail, side)
    if value is None or math.isinf(value) or math.isnan(value):
        return value
    return _numerically_confirmed(math_.evaluator(expression), value, side)


@functools.lru_cache(maxsize=256)
def _tail_limit(tail: sympy.Expr, side: int) -> float | None:
    """The limit of a Piecewise-free expression as x → side·∞: numerically where far values decide it, else SymPy's."""
    numeric = _decided_far_out(tail, side)
    if numeric is not None:
        return numeric
    # `together` first: SymPy 1.14 returns 0 for lim x(1−σ)σ + σ (SiLU's f′) unless the terms are combined.
    value = sympy.limit(sympy.together(tail), X, side * sympy.oo)
    if isinstance(value, sympy.AccumBounds):
        return None
    if value.has(sympy.AccumBounds) and value.has(sympy.oo):
        return OSCILLATING_UNBOUNDED  # e.g. oo*sign(AccumBounds(-1, 1)) for x·cos x
    if value.has(sympy.AccumBounds):
        return None  # a bounded oscillation inside another function, e.g. tanh(AccumBounds(-1, 1)) for HOSC's tanh(β sin x)
    if value in (sympy.oo, -sympy.oo):
        return math.copysign(math.inf, float(value == sympy.oo) - 0.5)
    if not value.is_real:
        raise ValueError(f"limit at {side}·∞ does not exist: {value}")
    return float(value)


FAR_EXPONENTS = (20, 40, 80)  # x = ±10^20, ±10^40, ±10^80


def _far_values(tail: sympy.Expr, side: int) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf] | None:
    """`tail` at x = ±10^20, ±10^40, ±10^80, each with 60 more digits than x has (so x² + c and x² still differ); None if one is not a finite real."""
    compiled = mpmath_function(tail)
    values: list[mpmath.mpf] = []
    for exponent in FAR_EXPONENTS:
        with mpmath.workdps(2 * exponent + 60):
            try:
                value = compiled(side * mpmath.mpf(10) ** exponent)
            except (ArithmeticError, ValueError, TypeError, OverflowError):
                return None
            if isinstance(value, int | float):  # a constant tail (ReLU's 0) compiles to a plain number
                value = mpmath.mpf(value)
            if not isinstance(value, mpmath.mpf) or not mpmath.isfinite(value):
                return None
            values.append(value)
    near, middle, far = values
    return near, middle, far


def _decided_far_out(tail: sympy.Expr, side: int) -> float | None:
    """The limit of `tail` (±inf included) when its values far out decide it (`_converged_far_out`, `_diverged_far_out`); None when undecided."""
    values = _far_values(tail, side)
    if values is None:
        return None
    converged = _converged_far_out(*values)
    if converged is not None or not _without_oscillation(tail):
        return converged
    return _diverged_far_out(*values)


# Functions that do not oscillate: built from these, +, × and powers, a tail is eventually monotonic
# (it lies in a Hardy field), so three growing values with one sign are not a swing caught three
# times on the same side (GCU's f′ = cos x − x sin x is, at x = −10^20, −10^40, −10^80).
NON_OSCILLATING = (sympy.exp, sympy.log, sympy.tanh, sympy.erf, sympy.erfc, sympy.atan, sympy.sinh, sympy.cosh, sympy.Abs)


def _without_oscillation(tail: sympy.Expr) -> bool:
    """Whether every function in `tail` is one of NON_OSCILLATING."""
    return all(isinstance(function, NON_OSCILLATING) for function in tail.atoms(sympy.Function))


def _converged_far_out(near: mpmath.mpf, middle: mpmath.mpf, far: mpmath.mpf) -> float | None:
    """The finite limit of a tail whose values at x = ±10^20, ±10^40, ±10^80 are these, when they agree; None when undecided.

    Values that agree to 30 digits between 10^40 and 10^80, and to 15 with 10^20, have converged far
    beyond a double's precision; the limit is then the double nearest them (0 below 10^−25, where
    x^−p or e^−x went). Anything else (growth without bound, oscillation, slow convergence like
    1/ln x) is left to `_diverged_far_out`, then to SymPy.
    """
    scale = max(mpmath.mpf(1), abs(far))
    if abs(middle - far) > mpmath.mpf(10) ** -30 * scale or abs(near - far) > mpmath.mpf(10) ** -15 * scale:
        return None
    return 0.0 if abs(far) < mpmath.mpf(10) ** -25 else float(far)


def _diverged_far_out(near: mpmath.mpf, middle: mpmath.mpf, far: mpmath.mpf) -> float | None:
    """±inf when a non-oscillating tail's values at x = ±10^20, ±10^40, ±10^80 grow at least like √|x| with one sign; None when undecided.

    |f| ≥ 10^10, then ≥ 10^10 times that at 10^40 and ≥ 10^20 times that at 10^80: far beyond what
    a tail with a finite limit does. Slower growth (ln x), and tails whose far values cannot be
    evaluated (x·tanh(eˣ)), are left to SymPy. A test compares every decision with SymPy's limit.
    """
    same_sign = (near > 0 and middle > 0 and far > 0) or (near < 0 and middle < 0 and far < 0)
    if not same_sign:
        return None
    grows = abs(near) >= mpmath.mpf(10) ** 10 and abs(middle) >= mpmath.mpf(10) ** 10 * abs(near) and abs(far) >= mpmath.mpf(10) ** 20 * abs(middle)
    return math.copysign(math.inf, float(far)) if grows else None


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


def _range(math_: ScalarMath, f_grid: GridValues) -> tuple[Bound, Bound]:
    xs, ys = f_grid.xs, f_grid.values
    limits = [limit_at_infinity(math_, math_.function, side) for side in (-1, 1)]
    if any(value is not None and math.isnan(value) for value in limits):
        return Bound(-math.inf, False), Bound(math.inf, False)  # swings without bound on some side
    finite_limits = [value for value in limits if value is not None]
    if len(finite_limits) < len(limits):
        # f oscillates on some side: its extremes are attained on the grid (sin, cos, …).
        f_grid.exact_extremes()
        lower = Bound(_refine_extremum(math_, xs, ys, below=True), True)
        upper = Bound(_refine_extremum(math_, xs, ys, below=False), True)
        if finite_limits:
            lower = lower if lower.value <= min(finite_limits) else Bound(min(finite_limits), False)
            upper = upper if upper.value >= max(finite_limits) else Bound(max(finite_limits), False)
        return lower, upper
    lower = _bound(math_, f_grid, min(finite_limits), below=True)
    upper = _bound(math_, f_grid, max(finite_limits), below=False)
    return lower, upper


def _bound(math_: ScalarMath, f_grid: GridValues, limit: float, *, below: bool) -> Bound:
    """The infimum (below) or supremum of f, and whether it is attained at a finite x.

    Only the grid points a decision depends on are made exact: those near limit ∓ TOLERANCE unless
    some point is clearly beyond it (is there an extremum beyond the limit?), the extreme when there
    is one, and the points near the limit within |x| ≤ 20 (is the limit attained?). The saturated
    tails of f, thousands of points within MARGIN of its limit, need no mpmath.
    """
    sign = 1.0 if below else -1.0
    if math.isinf(limit) and sign * limit < 0:
        return Bound(limit, False)  # unbounded on this side (−∞ below, +∞ above)
    if f_grid.any_beyond(limit - sign * TOLERANCE, below=below):
        # An interior extremum beyond the limits: refine it; it is attained.
        f_grid.exact_extremes(lowest=below, highest=not below)
        return Bound(_refine_extremum(math_, f_grid.xs, f_grid.values, below=below), True)
    # The bound is the limit; attained only if f equals it exactly at a finite point (ReLU's 0,
    # Hardtanh's ±1), checked at 160 significant digits so tanh(20) ≠ 1 and ln(1 + e^−100) ≠ 0.
    # Only points whose value is within the grid's margin of the limit can be equal to it. A point
    # equal at 160 digits is checked again at 320: a Gaussian tail such as erf(x) + 1 = erfc(−x)
    # is below 10⁻¹⁶⁰ beyond x ≈ −19.2 (5·10⁻¹⁷⁶ at −20), so erf(−20) rounds to −1 at 160 digits.
    f_grid.exact_near(limit, among=np.abs(f_grid.xs) <= 20)
    xs, ys = f_grid.xs, f_grid.values
    candidates = xs[(np.abs(xs) <= 20) & (np.abs(ys - limit) <= MARGIN * max(1.0, abs(limit)))]
    exact = math_.evaluator(math_.function, exact=True, digits=4 * PRECISION_DIGITS)
    finer = math_.evaluator(math_.function, exact=True, digits=8 * PRECISION_DIGITS)
    attained = any(exact(x) == limit and finer(x) == limit for x in candidates)
    return Bound(limit, attained)


REFINE_DIGITS = 50  # an attained extremum is located and evaluated at this precision, then rounded once
_GOLDEN = (mpmath.sqrt(5) - 1) / 2


def _refine_extremum(math_: ScalarMath, xs: np.ndarray, ys: np.ndarray, *, below: bool) -> float:
    """The minimum (below) or maximum of f near its grid extreme, as the double nearest the true value.

    A golden-section search at 50 digits between the grid neighbours of the extreme locates it to
    ~1e−26, where f differs from its extreme value by ~1e−50, so rounding the 50-digit value once
    gives the nearest double (sine's maximum is 1.0, not 0.9999999999998866).
    """
    sign = 1 if below else -1
    index = int(np.argmin(sign * ys))  # ys is exact near its extremes
    low, high = xs[max(index - 1, 0)], xs[min(index + 1, len(xs) - 1)]
    exact = math_.evaluator(math_.function, exact=True, digits=REFINE_DIGITS)
    with mpmath.workdps(REFINE_DIGITS):
        best = _golden_minimum(lambda x: sign * exact(x), mpmath.mpf(float(low)), mpmath.mpf(float(high)))
        best = min(best, sign * exact(mpmath.mpf(float(xs[index]))))
        return float(sign * best)


def _refine_float_extremum(f: Callable[[float], float], xs: np.ndarray, fs: np.ndarray, *, below: bool) -> float:
    """The extreme of f near the grid's, by Brent's bounded search (as SciPy's); `fs` = f on xs, exact near its extremes."""
    sign = 1.0 if below else -1.0
    values = sign * fs
    index = int(np.argmin(values))
    low, high = xs[max(index - 1, 0)], xs[min(index + 1, len(xs) - 1)]
    found = bounded_minimum(lambda x: sign * f(x), low, high, x_tolerance=1e-12)
    best = min(float(found), float(values[index]))  # both in the sign-adjusted space
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


def _monotonic(df: CancelledZeros, falls: bool, rises: bool) -> str:
    """Strict when f′ keeps its sign and vanishes only at isolated samples (x − tanh x: f′(0) = 0).

    `falls`: f′ < −TOLERANCE somewhere; `rises`: f′ > TOLERANCE somewhere. A zero derivative at two
    neighbouring grid points means f is constant on an interval (ReLU).
    """
    if not falls:
        return "increasing" if df.zeros_are_isolated(+1) else "non-decreasing"
    if not rises:
        return "decreasing" if df.zeros_are_isolated(-1) else "non-increasing"
    return "no"


def _zero_centred(math_: ScalarMath, f_grid: GridValues) -> str:
    """Odd when f(−x) = −f(x) (to 1e−12) at 400 points of (0, 20]; partly when f takes both signs."""
    samples = np.linspace(0.05, 20.0, 400)
    if not _visibly_not_odd(math_, samples):
        f = math_.f()
        if all(abs(f(x) + f(-x)) <= 1e-12 * max(1.0, abs(f(x))) for x in samples):
            return "odd"
    if f_grid.any_beyond(-TOLERANCE, below=True) and f_grid.any_beyond(TOLERANCE, below=False):
        return "partly"
    return "no"


def _visibly_not_odd(math_: ScalarMath, samples: np.ndarray) -> bool:
    """True when float64 values already show f(x) + f(−x) far (1e−9) beyond the oddness tolerance somewhere."""
    positive, negative = GridValues(math_, math_.function, samples).values, GridValues(math_, math_.function, -samples).values
    return bool(np.any(np.abs(positive + negative) > 1e-9 * np.maximum(1.0, np.abs(positive))))


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
    tail = _tail(math_.concrete(math_.derivative), side)
    if not _visibly_nonzero(tail, side) and sympy.simplify(tail) == 0:
        return "hard"
    if limit_at_infinity(math_, math_.derivative, side) == 0.0:
        return "soft"
    return "no"  # a non-zero limit, or none at all (an oscillating f′)


def _visibly_nonzero(expression: sympy.Expr, side: int) -> bool:
    """True when `expression` is numerically non-zero at x = ±3 or ±7: the same value at 40 and 80 digits.

    An expression that is identically 0 evaluates to rounding residue, which changes with the precision;
    undecided cases (0, complex, failed) are left to SymPy's simplify.
    """
    compiled = mpmath_function(expression)
    for point in (3, 7):
        values = []
        for digits in (PRECISION_DIGITS, 2 * PRECISION_DIGITS):
            with mpmath.workdps(digits):
                try:
                    values.append(compiled(mpmath.mpf(side * point)))
                except (ArithmeticError, ValueError, TypeError):
                    return False
        low, high = values
        if isinstance(low, mpmath.mpf) and isinstance(high, mpmath.mpf) and mpmath.isfinite(high) and high != 0 and abs(low - high) <= 1e-6 * abs(high):
            return True
    return False


def _sup_abs_derivative(math_: ScalarMath, xs: np.ndarray, raw_dys: np.ndarray, grid_max: float) -> float:
    """Sup |f'| over ℝ: the grid maximum or a larger limit at ±∞; inf when unbounded.

    `xs` are the grid points off the kinks, `raw_dys` f′ there (exact near max |f′|), `grid_max` the
    largest |f′| on the grid with cancelled zeros resolved.
    """
    limits = [limit_at_infinity(math_, math_.derivative, side) for side in (-1, 1)]
    df = math_.df()
    kinks = math_.kinks
    if any(value is not None and math.isnan(value) for value in limits):
        return math.inf  # f′ swings without bound (x·cos x)
    refined = _refine_float_extremum(lambda x: abs(df(x)), xs, np.abs(raw_dys), below=False) if not kinks else grid_max
    # One-sided values at kinks count too: penalized tanh's f′ tends to 1 at 0⁺ without reaching it on the grid.
    at_kinks = [abs(math_.one_sided(math_.derivative, k, side)) for k in kinks for side in (-1, 1)]
    return max([refined, grid_max, *at_kinks, *(abs(v) for v in limits if v is not None)])
