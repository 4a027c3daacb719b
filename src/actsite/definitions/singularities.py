"""Poles between the points where f is checked: where a denominator or a logarithm's argument vanishes.

Checking f on a grid of the plot range misses a pole that falls between two grid points
(1/(x − 0.3) is finite at every multiple of 1/30). Every place where the expression can blow up
is a zero of some subexpression: the base of a negative power, the argument of a logarithm, the
cosine under a tangent. Those are scanned densely in double precision, each sign change or dip
towards zero is refined at 30 digits, and f itself is then evaluated 1e−6 and 1e−12 away on both
sides: a pole shows as a huge value, a logarithm as a change between the two; a zero guarded by a
Piecewise branch or cancelled (sin(x)/x) leaves f bounded and unchanged and is not reported.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import mpmath
import numpy as np
import sympy

from actsite.definitions.symbolic import X, mpmath_function

SCAN_POINTS = 20001  # points of the dense scan of each candidate subexpression
FAR, NEAR = mpmath.mpf(10) ** -6, mpmath.mpf(10) ** -12  # f is evaluated this far and this close to each zero
BLOW_UP = 1e6  # |f| near a zero larger than this times (1 + max |f| on the range) is a pole
GROWTH = 1e-2  # or f changing by more than this times (1 + max |f|) between FAR and NEAR (a logarithm)


def _vanishing_parts(expression: sympy.Expr) -> Iterator[sympy.Expr]:
    """Subexpressions whose zeros are the only places the expression can become infinite."""
    for node in sympy.preorder_traversal(expression):
        if isinstance(node, sympy.Pow) and node.exp.is_negative:
            yield node.base
        elif isinstance(node, sympy.log):
            yield node.args[0]
        elif isinstance(node, sympy.tan | sympy.sec):
            yield sympy.cos(node.args[0])
        elif isinstance(node, sympy.cot | sympy.csc):
            yield sympy.sin(node.args[0])


@functools.lru_cache(maxsize=1024)
def _numpy_only(part: sympy.Expr) -> Callable[[np.ndarray], np.ndarray]:
    """`part` compiled for NumPy alone (no SciPy: a part NumPy cannot evaluate is searched whole)."""
    return sympy.lambdify(X, part, modules="numpy", docstring_limit=0)


def _scan(part: sympy.Expr, low: float, high: float) -> list[tuple[float, float]]:
    """Brackets [a, b] of the range where `part` changes sign or dips close to zero."""
    xs = np.linspace(low, high, SCAN_POINTS)
    try:
        with np.errstate(all="ignore"):
            values = np.broadcast_to(np.asarray(_numpy_only(part)(xs), dtype=complex), xs.shape)
    except (TypeError, ValueError, NameError, AttributeError, ZeroDivisionError):
        return [(low, high)]  # not evaluable in NumPy: let the fine search look at the whole range
    real = np.where(np.abs(values.imag) < 1e-12, values.real, np.nan)
    size = np.abs(real)
    scale = 1 + float(np.nanmedian(size)) if np.isfinite(size).any() else 1.0
    # Every inner point i, in order: a sign change from i − 1 gives [x(i−1), x(i)]; else a local dip of
    # |part| towards zero gives [x(i−1), x(i+1)]. `smaller` and `larger` are Python's min and max of
    # the neighbours, NaN included (min(a, b) is b only if b < a).
    here, previous = real[1:-1], real[:-2]
    size_here, size_before, size_after = size[1:-1], size[:-2], size[2:]
    crossing = (here == 0) | (previous * here < 0)
    smaller = np.where(size_after < size_before, size_after, size_before)
    larger = np.where(size_after > size_before, size_after, size_before)
    dip = ~crossing & (size_here < 1e-3 * scale) & (size_here <= smaller) & (size_here < larger)
    brackets: list[tuple[float, float]] = []
    for i in np.flatnonzero(crossing | dip) + 1:
        brackets.append((float(xs[i - 1]), float(xs[i])) if crossing[i - 1] else (float(xs[i - 1]), float(xs[i + 1])))
    return brackets


def _zero_in(function: Callable[[mpmath.mpf], mpmath.mpf], a: float, b: float) -> mpmath.mpf | None:
    """A zero of `function` in [a, b] (bisection on a sign change, else the minimum of |function|)."""
    left, right = mpmath.mpf(a), mpmath.mpf(b)
    try:
        at_left, at_right = function(left), function(right)
        if mpmath.im(at_left) == 0 and mpmath.im(at_right) == 0 and at_left * at_right < 0:
            for _ in range(120):
                middle = (left + right) / 2
                if function(middle) * at_left > 0:
                    left, at_left = middle, function(middle)
                else:
                    right = middle
            return (left + right) / 2
        ratio = (mpmath.sqrt(5) - 1) / 2
        for _ in range(160):  # golden-section search of min |function|
            first, second = right - ratio * (right - left), left + ratio * (right - left)
            if abs(function(first)) < abs(function(second)):
                right = second
            else:
                left = first
        middle = (left + right) / 2
        return middle if abs(function(middle)) < mpmath.mpf(10) ** -20 else None
    except (ZeroDivisionError, ValueError, TypeError):
        return None


def _unbounded_near(compiled: Callable[[mpmath.mpf], mpmath.mpf], zero: mpmath.mpf, typical: float) -> bool:
    """Whether f blows up (1/x) or keeps growing (log |x|) as x approaches `zero` from either side."""
    for sign in (-1, 1):
        try:
            far, near = compiled(zero + sign * FAR), compiled(zero + sign * NEAR)
        except (ZeroDivisionError, ValueError, TypeError):
            return True
        if not (mpmath.isfinite(far) and mpmath.isfinite(near)):
            return True
        if abs(near) > BLOW_UP * (1 + typical) or abs(near - far) > GROWTH * (1 + typical):
            return True
    return False


def poles(expression: sympy.Expr, low: float, high: float, typical: float) -> list[float]:
    """Points of [low, high] next to which `expression` (a function of x only) is unbounded.

    `typical` is the largest |f| seen on the range; f near a zero must exceed it by BLOW_UP to count.
    """
    found: list[float] = []
    compiled = mpmath_function(expression)
    with mpmath.workdps(30):
        for part in dict.fromkeys(_vanishing_parts(expression)):
            if not part.has(X):
                continue
            part_function = mpmath_function(part)
            for a, b in _scan(part, low, high):
                zero = _zero_in(part_function, a, b)
                if zero is None or not low <= zero <= high or any(abs(zero - p) < 1e-6 for p in found):
                    continue
                if _unbounded_near(compiled, zero, typical):
                    found.append(float(zero))
    return found
