"""An expression's values on a grid: fast in float64, exact (mpmath) wherever a property depends on them.

Properties scan thousands of points but decide on few: the smallest and largest value, the
points near a threshold (0, ±tolerance, a limit). Evaluating every point with mpmath at 40 digits
was most of a build, so the grid is first evaluated with NumPy in float64 (SymPy's `lambdify`),
and then re-evaluated with mpmath exactly as before, at the points that matter:

- every point float64 could not evaluate (overflow, 0/0, inf − inf);
- a regular subsample (every `SUBSAMPLE`-th point), which also measures the float64 error: if any
  sampled point differs from mpmath by more than `TRUSTED_ERROR` (relative to max(1, |value|)),
  float64 is not trusted for this expression and every point is evaluated with mpmath;
- on request, every point within `MARGIN` (relative) of a value a decision compares with, or of
  the extremes; for a yes/no question ("is any value below t?"), only when no float64 value
  answers it beyond doubt, the points within `THRESHOLD_MARGIN` of t;
- on request, the signs of tiny values (`exact_signs`), checked relative to the values themselves.

A point not re-evaluated differs from its 40-digit value by less than `TRUSTED_ERROR` (10⁴ times
less than `MARGIN`, 100 times less than `THRESHOLD_MARGIN`; a tiny value's sign is kept by a
relative error below `SIGN_TRUST`), so it lies on the same side of every threshold and cannot be an extreme: every
property computed from these arrays is the one a full mpmath scan gives, digit for digit. (The
40-digit values come from `Evaluator`, which takes them from MPFR wherever MPFR gives mpmath's
doubles: `definitions.mpfr`.)
"""

from __future__ import annotations

import numpy as np
import sympy

from actsite.definitions import float64
from actsite.definitions.symbolic import Evaluator, ScalarMath

TRUSTED_ERROR = 1e-12
MARGIN = 1e-8
THRESHOLD_MARGIN = 100 * TRUSTED_ERROR  # `any_beyond`: a point this far from a threshold is on its side
SIGN_TRUST = 1e-6  # `exact_signs`: the largest relative float64 error trusted to keep the sign of a tiny value
SUBSAMPLE = 8


def float64_values(math_: ScalarMath, expression: sympy.Expr, xs: np.ndarray, parameters: dict[str, float] | None = None) -> np.ndarray:
    """`expression` on `xs` at the default parameters (or with some replaced), in float64 (NaN where NumPy fails)."""
    return float64.float64_values(math_.concrete(expression, parameters), xs)


class GridValues:
    """The values of one expression on `xs`: `values[i]` is exact at least wherever `exact[i]`."""

    def __init__(self, math_: ScalarMath, expression: sympy.Expr, xs: np.ndarray, parameters: dict[str, float] | None = None) -> None:
        self.xs = xs
        self._precise: Evaluator = math_.evaluator(expression, parameters)
        self.values = float64_values(math_, expression, xs, parameters)
        self.exact = np.zeros(xs.shape, dtype=bool)
        sampled = np.zeros(xs.shape, dtype=bool)
        sampled[::SUBSAMPLE] = True
        if xs.size:
            sampled[-1] = True
        self._fast = fast = self.values.copy()
        self.make_exact(sampled | ~np.isfinite(self.values))
        checked = sampled & np.isfinite(fast)
        error = np.abs(fast[checked] - self.values[checked]) / np.maximum(1.0, np.abs(self.values[checked]))
        if error.size and not float(np.max(error)) <= TRUSTED_ERROR:
            self.make_exact(np.ones(xs.shape, dtype=bool))

    def make_exact(self, where: np.ndarray) -> None:
        """Evaluate with mpmath every point of `where` (a mask, or indices) not evaluated yet."""
        indices = np.flatnonzero(where) if where.dtype == bool else where
        todo = indices[~self.exact[indices]]
        if todo.size:
            self.values[todo] = self._precise.many(float(x) for x in self.xs[todo])
            self.exact[todo] = True

    def exact_near(self, *targets: float, among: np.ndarray | None = None) -> None:
        """Make exact every point within MARGIN of any of `targets` (their decisions may hinge on it), among the mask `among` if given."""
        for target in targets:
            if np.isfinite(target):
                near = np.abs(self.values - target) <= MARGIN * max(1.0, abs(target))
                self.make_exact(near if among is None else near & among)

    def any_beyond(self, threshold: float, *, below: bool) -> bool:
        """Whether some exact value is below `threshold` (above it when not `below`).

        A float64 value beyond the threshold by more than THRESHOLD_MARGIN (100 times the trusted
        error) answers at once, its exact value being beyond too; otherwise only the points within
        that margin are made exact, every other point being on the same side in float64 as exactly.
        """
        margin = THRESHOLD_MARGIN * max(1.0, abs(threshold))
        clearly = self.values < threshold - margin if below else self.values > threshold + margin
        if np.any(clearly):
            return True
        self.make_exact(np.abs(self.values - threshold) <= margin)
        return bool(np.any(self.values < threshold if below else self.values > threshold))

    def exact_below(self, bound: float) -> None:
        """Make exact every point with |value| ≤ bound (zeros and tiny values, whose sign matters)."""
        self.make_exact(np.abs(self.values) <= bound)

    def exact_signs(self, bound: float) -> None:
        """Make the sign of every value with |value| ≤ bound the exact value's sign (−, 0 or +).

        The trusted absolute error says nothing about the sign of a value smaller than it (the tails
        of a saturating f′, ~1e−20). Float64 zeros (underflow, cancellation: 1 − tanh² x) are made
        exact; of the other tiny values every SUBSAMPLE-th (and the first and last) is, and if each
        is within SIGN_TRUST of its exact value relative to that value, float64 keeps the sign of
        the rest, whose relative error would have to reach 1 to flip it; else all are made exact.
        """
        tiny = np.flatnonzero((np.abs(self.values) <= bound) & ~self.exact)
        if not tiny.size:
            return
        self.make_exact(tiny[self.values[tiny] == 0])
        rest = tiny[~self.exact[tiny]]
        if not rest.size:
            return
        sampled = np.unique(np.concatenate([rest[::SUBSAMPLE], rest[-1:]]))
        self.make_exact(sampled)
        fast, exact = self._fast[sampled], self.values[sampled]
        if not np.all((np.sign(fast) == np.sign(exact)) & (np.abs(fast - exact) <= SIGN_TRUST * np.abs(exact))):
            self.make_exact(rest)

    def exact_extremes(self, *, absolute: bool = False, lowest: bool = True, highest: bool = True) -> None:
        """Make exact every point that may be the smallest or largest value (of |value| with `absolute`, which has only a largest)."""
        values = np.abs(self.values) if absolute else self.values
        if not values.size:
            return
        extremes = [float(np.max(values))] if absolute or highest else []
        if lowest and not absolute:
            extremes.append(float(np.min(values)))
        for extreme in extremes:
            self.make_exact(np.abs(values - extreme) <= MARGIN * max(1.0, abs(extreme)))
