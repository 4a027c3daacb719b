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
  the extremes.

A point not re-evaluated differs from its 40-digit value by less than `TRUSTED_ERROR`, 10⁴ times
less than `MARGIN`, so it lies on the same side of every threshold and cannot be an extreme: every
property computed from these arrays is the one a full mpmath scan gives, digit for digit.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable

import numpy as np
import sympy

from actsite.definitions.symbolic import Evaluator, ScalarMath, X

TRUSTED_ERROR = 1e-12
MARGIN = 1e-8
SUBSAMPLE = 8

# DiracDelta (in f″ of Abs) is 0 off its point, as in the mpmath evaluation.
NUMPY_MODULES: list[object] = [{"DiracDelta": lambda z: np.where(np.asarray(z) == 0, np.inf, 0.0)}, "scipy", "numpy"]


def float64_values(math_: ScalarMath, expression: sympy.Expr, xs: np.ndarray, parameters: dict[str, float] | None = None) -> np.ndarray:
    """`expression` on `xs` at the default parameters (or with some replaced), in float64 (NaN where NumPy fails)."""
    compiled = _numpy_function(math_.concrete(expression, parameters))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = np.broadcast_to(np.asarray(compiled(xs)), xs.shape)
            if np.iscomplexobj(values):
                values = np.where(values.imag == 0, values.real, np.nan)
            return np.array(values, dtype=float)
        except (TypeError, ValueError, ZeroDivisionError, AttributeError, NameError):
            return np.full(xs.shape, np.nan)  # every point is then evaluated with mpmath


@functools.lru_cache(maxsize=1024)
def _numpy_function(concrete: sympy.Expr) -> Callable[[np.ndarray], np.ndarray]:
    return sympy.lambdify(X, concrete, modules=NUMPY_MODULES)


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
        fast = self.values.copy()
        self.make_exact(sampled | ~np.isfinite(self.values))
        checked = sampled & np.isfinite(fast)
        error = np.abs(fast[checked] - self.values[checked]) / np.maximum(1.0, np.abs(self.values[checked]))
        if error.size and not float(np.max(error)) <= TRUSTED_ERROR:
            self.make_exact(np.ones(xs.shape, dtype=bool))

    def make_exact(self, where: np.ndarray) -> None:
        """Evaluate with mpmath every point of the mask `where` not evaluated yet."""
        todo = np.flatnonzero(where & ~self.exact)
        if todo.size:
            self.values[todo] = self._precise.many(float(x) for x in self.xs[todo])
            self.exact[todo] = True

    def exact_near(self, *targets: float) -> None:
        """Make exact every point within MARGIN of any of `targets` (their decisions may hinge on it)."""
        for target in targets:
            if np.isfinite(target):
                self.make_exact(np.abs(self.values - target) <= MARGIN * max(1.0, abs(target)))

    def exact_below(self, bound: float) -> None:
        """Make exact every point with |value| ≤ bound (zeros and tiny values, whose sign matters)."""
        self.make_exact(np.abs(self.values) <= bound)

    def exact_extremes(self, *, absolute: bool = False) -> None:
        """Make exact every point that may be the smallest or largest value (of |value| with `absolute`)."""
        values = np.abs(self.values) if absolute else self.values
        if not values.size:
            return
        for extreme in (float(np.max(values)),) if absolute else (float(np.min(values)), float(np.max(values))):
            self.make_exact(np.abs(values - extreme) <= MARGIN * max(1.0, abs(extreme)))
