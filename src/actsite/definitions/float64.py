"""An expression in x alone evaluated on a NumPy array in float64: the fast first pass before mpmath.

Validation and properties scan hundreds or thousands of points but decide on few. They evaluate a
grid in float64 first (SymPy's `lambdify` for NumPy and SciPy), then re-evaluate with mpmath the
points float64 could not evaluate and the points a decision depends on (see `checks` and
`actsite.analysis.grid`). NaN marks every point float64 could not evaluate as a real number.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable

import numpy as np
import sympy

from actsite.definitions.symbolic import X

# DiracDelta (in f″ of Abs) is 0 off its point, as in the mpmath evaluation.
NUMPY_MODULES: list[object] = [{"DiracDelta": lambda z: np.where(np.asarray(z) == 0, np.inf, 0.0)}, "scipy", "numpy"]


@functools.lru_cache(maxsize=1024)
def numpy_function(concrete: sympy.Expr) -> Callable[[np.ndarray], np.ndarray]:
    """`concrete` (in x only) compiled by `lambdify` for NumPy and SciPy, once per expression."""
    return sympy.lambdify(X, concrete, modules=NUMPY_MODULES, docstring_limit=0)  # no docstring: printing it was a third of the cost


def float64_values(concrete: sympy.Expr, xs: np.ndarray) -> np.ndarray:
    """`concrete` (in x only) at every x of `xs` in float64; NaN where NumPy fails or the value is not real."""
    compiled = numpy_function(concrete)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = np.broadcast_to(np.asarray(compiled(xs)), xs.shape)
            if np.iscomplexobj(values):
                values = np.where(values.imag == 0, values.real, np.nan)
            return np.array(values, dtype=float)
        except (TypeError, ValueError, ZeroDivisionError, AttributeError, NameError):
            return np.full(xs.shape, np.nan)  # every point is then evaluated with mpmath


def first_overflow(concrete: sympy.Expr, xs: np.ndarray) -> float | None:
    """The first x of `xs` at which evaluating `concrete` in float64 overflows (a step exceeds the largest double), or None.

    Division by zero and invalid operations are not overflow (poles and removable singularities are
    decided elsewhere); an overflow is, even when a later step brings the value back (exp(−exp(eˣ))).
    """
    compiled = numpy_function(concrete)

    def overflows(points: np.ndarray) -> bool:
        with np.errstate(over="raise", divide="ignore", invalid="ignore", under="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compiled(points)
            except FloatingPointError:
                return True
            except (TypeError, ValueError, ZeroDivisionError, AttributeError, NameError, OverflowError):
                return False  # not evaluable in float64: mpmath decides
        return False

    if not overflows(xs):
        return None
    return next((float(x) for x in xs if overflows(np.array([x]))), float(xs[0]))
