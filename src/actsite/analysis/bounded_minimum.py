"""The smallest value of a function on an interval, by Brent's bounded search, without SciPy.

This is the classic fminbound algorithm (Brent 1973; Forsythe, Malcolm and Moler's FMIN): golden-
section steps, replaced by a parabola through the three best points whenever that parabola's
minimum lies well inside the bracket and shrinks the step. It takes its steps exactly as SciPy's
`minimize_scalar(method="bounded")` does, in the same double arithmetic, so it returns the same
value to the last bit (`tests/test_properties.py` compares them); importing SciPy's optimizers
would cost every build 0.3 s for this one search.
"""

from __future__ import annotations

import math
from collections.abc import Callable

SQRT_EPSILON = math.sqrt(2.2e-16)
GOLDEN_SECTION = 0.5 * (3.0 - math.sqrt(5.0))  # the smaller golden-ratio part of the bracket
MAX_EVALUATIONS = 500


def _sign(value: float) -> float:
    return 1.0 if value > 0 else -1.0 if value < 0 else 0.0


def bounded_minimum(f: Callable[[float], float], low: float, high: float, x_tolerance: float) -> float:
    """The smallest value of f on [low, high], located to within `x_tolerance` in x."""
    a, b = float(low), float(high)
    best = second = third = a + GOLDEN_SECTION * (b - a)  # the best point, the second best, the previous second best
    f_best = f_second = f_third = f(best)
    step = previous_step = 0.0
    evaluations = 1
    middle = 0.5 * (a + b)
    tolerance = SQRT_EPSILON * abs(best) + x_tolerance / 3.0
    while abs(best - middle) > 2.0 * tolerance - 0.5 * (b - a):
        golden = True
        if abs(previous_step) > tolerance:  # try a parabola through the three points
            golden = False
            r = (best - second) * (f_best - f_third)
            q = (best - third) * (f_best - f_second)
            p = (best - third) * q - (best - second) * r
            q = 2.0 * (q - r)
            if q > 0.0:
                p = -p
            q = abs(q)
            r = previous_step
            previous_step = step
            if abs(p) < abs(0.5 * q * r) and p > q * (a - best) and p < q * (b - best):
                step = (p + 0.0) / q
                x = best + step
                if (x - a) < 2.0 * tolerance or (b - x) < 2.0 * tolerance:
                    step = tolerance * (_sign(middle - best) + (middle - best == 0))
            else:
                golden = True
        if golden:
            previous_step = (a - best) if best >= middle else (b - best)
            step = GOLDEN_SECTION * previous_step
        x = best + (_sign(step) + (step == 0)) * max(abs(step), tolerance)
        f_x = f(x)
        evaluations += 1
        if f_x <= f_best:
            if x >= best:
                a = best
            else:
                b = best
            third, f_third = second, f_second
            second, f_second = best, f_best
            best, f_best = x, f_x
        else:
            if x < best:
                a = x
            else:
                b = x
            if f_x <= f_second or second == best:
                third, f_third = second, f_second
                second, f_second = x, f_x
            elif f_x <= f_third or third in (best, second):
                third, f_third = x, f_x
        middle = 0.5 * (a + b)
        tolerance = SQRT_EPSILON * abs(best) + x_tolerance / 3.0
        if evaluations >= MAX_EVALUATIONS:
            break
    return f_best
