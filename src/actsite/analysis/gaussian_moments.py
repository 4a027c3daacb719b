"""Expectations over a Gaussian input: E[h(√q z)] for z ~ N(0, 1), split at the kinks.

What initialisation needs from an activation f is four numbers, E[f(z)], E[f(z)²], E[f′(z)] and
E[f′(z)²], and for the propagation through depth the same at other variances q. They are computed
by one rule: composite Gauss–Legendre quadrature of h(z)·φ(z) on [−REACH, REACH], the interval cut
at every kink of f (mapped to z = kink/√q) so each piece is smooth, and each piece cut again into
sub-intervals of equal width. The width is halved until two successive widths agree to
`CONVERGED` (relative), which resolves oscillating functions (sin(30x)) without spending points on
smooth ones. Beyond |z| = REACH = 12, φ(z) < 2·10⁻³² and every activation here grows at most like
e^|z|, so the tails are below double precision.

The values of f and f′ at the nodes are the 40-digit ones (`GridValues`: float64, checked against
MPFR/mpmath and re-evaluated wherever float64 is not trusted), so the four moments at q = 1 are
exact to about 10⁻¹³; the recursion through depth evaluates float64 only (and mpmath where float64
fails), which is far below what a figure or a state can show.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy

from actsite.analysis.grid import GridValues, float64_values
from actsite.definitions.symbolic import ScalarMath

REACH = 12.0  # |z| beyond which φ(z)·h(z) is below double precision for every activation here
ORDER = 16  # Gauss–Legendre points per sub-interval
START_WIDTH = 1.0  # sub-interval width (in z) of the first pass
SMALLEST_WIDTH = 1.0 / 128  # the halving stops here (sin(ω₀x) with ω₀ = 30 converges at 1/16)
CONVERGED = 1e-14  # relative agreement of two successive widths that ends the halving
MOST_SUBINTERVALS = 256
# The recursion's widest sub-interval: 16 Gauss–Legendre points integrate φ·(smooth f²) over 2 to ~1e−14,
# far below what the figure and the state read; half the points of START_WIDTH.
RECURSION_WIDTH = 2.0  # the recursion at a huge variance keeps at most this many sub-intervals
ROUNDING = 64 * np.finfo(float).eps  # a sum below this times the sum of its terms' sizes is 0 within rounding
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(ORDER)
_DENSITY = 1.0 / math.sqrt(2.0 * math.pi)


@dataclass(frozen=True)
class Moments:
    """E[f(z)], E[f(z)²], E[f′(z)], E[f′(z)²] for z ~ N(0, 1)."""

    mean: float
    second: float
    slope_mean: float
    slope_second: float


def quadrature(breaks: list[float], width: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of ∫ h(z) φ(z) dz on the pieces between consecutive `breaks`, sub-intervals at most `width` wide."""
    nodes: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for low, high in itertools.pairwise(breaks):
        count = max(1, math.ceil((high - low) / width - 1e-9))
        edges = np.linspace(low, high, count + 1)
        half = np.diff(edges)[:, None] / 2
        middle = (edges[:-1] + edges[1:])[:, None] / 2
        points = (middle + half * _NODES).ravel()
        nodes.append(points)
        weights.append((half * _WEIGHTS).ravel() * _DENSITY * np.exp(-(points**2) / 2))
    return np.concatenate(nodes), np.concatenate(weights)


def breakpoints(kinks: list[float], scale: float = 1.0) -> list[float]:
    """−REACH, the kinks divided by `scale` (√q) that fall inside, REACH."""
    inside = sorted({kink / scale for kink in kinks if -REACH < kink / scale < REACH})
    return [-REACH, *inside, REACH]


def kinks_at(math_: ScalarMath, parameters: dict[str, float] | None) -> list[float]:
    """The kinks at the defaults (computed once per definition and shared with the properties) or with parameters replaced."""
    return math_.kinks if not parameters else math_.kinks_at(parameters)


def repaired(math_: ScalarMath, expression: sympy.Expr, xs: np.ndarray, parameters: dict[str, float] | None) -> np.ndarray:
    """`expression` at `xs` in float64, with the points NumPy cannot evaluate taken from mpmath."""
    values = float64_values(math_, expression, xs, parameters)
    bad = ~np.isfinite(values)
    if np.any(bad):
        values[bad] = math_.evaluator(expression, parameters).many(float(x) for x in xs[bad])
    return values


def moments(math_: ScalarMath, parameters: dict[str, float] | None = None) -> tuple[Moments, float]:
    """The four Gaussian moments of f at the default parameters (or with some replaced), and the converged sub-interval width."""
    breaks = breakpoints(kinks_at(math_, parameters))

    def estimate(width: float, exact: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        zs, ws = quadrature(breaks, width)
        if exact:
            f = GridValues(math_, math_.function, zs, parameters).values
            df = GridValues(math_, math_.derivative, zs, parameters).values
        else:
            f, df = repaired(math_, math_.function, zs, parameters), repaired(math_, math_.derivative, zs, parameters)
        return ws, f, df

    def integrals(width: float, exact: bool = False) -> np.ndarray:
        ws, f, df = estimate(width, exact)
        return np.array([ws @ f, ws @ f**2, ws @ df, ws @ df**2])

    width = converged_width(integrals)
    ws, f, df = estimate(width, exact=True)
    mean, second, slope_mean, slope_second = (_sum(ws, values) for values in (f, f**2, df, df**2))
    return Moments(mean, second, slope_mean, slope_second), width


def _sum(weights: np.ndarray, values: np.ndarray) -> float:
    """The quadrature sum; 0 where it is within the rounding of its terms (an odd f's mean), so an exact zero shows as 0."""
    terms = weights * values
    total = float(np.sum(terms))
    return 0.0 if abs(total) <= ROUNDING * float(np.sum(np.abs(terms))) else total


def converged_width(integrals: Callable[[float], np.ndarray]) -> float:
    """The first sub-interval width at which halving it changes none of `integrals` by more than CONVERGED."""
    width = START_WIDTH
    previous = integrals(width)
    while width > SMALLEST_WIDTH:
        current = integrals(width / 2)
        scale = np.maximum(np.abs(current), np.max(np.abs(current)) * 1e-3)
        if np.all(np.abs(current - previous) <= CONVERGED * np.maximum(scale, 1e-300)):
            return width
        width, previous = width / 2, current
    return width


class ScaledExpectation:
    """E[f(√q z)²] and E[f′(√q z)²] at any variance q, at a fixed resolution in x.

    `width_x` is the sub-interval width in x = √q z at which the moments at q = 1 converged;
    keeping it in x keeps an oscillating f resolved as q grows (up to MOST_SUBINTERVALS).
    """

    def __init__(self, math_: ScalarMath, parameters: dict[str, float] | None, width_x: float) -> None:
        self._math = math_
        self._parameters = parameters
        self._kinks = kinks_at(math_, parameters)
        self._width_x = width_x
        self._cache: dict[float, tuple[float, float]] = {}
        near_zero = np.array([-1e-300, 1e-300])  # beside a kink at 0 the two sides' mean square
        self._at_zero = tuple(float(np.mean(self._values(expression, near_zero) ** 2)) for expression in (math_.function, math_.derivative))

    def mean_squares(self, q: float) -> tuple[float, float]:
        """(E[f(√q z)²], E[f′(√q z)²]) for z ~ N(0, 1): f(0)², f′(0)² at q = 0; ∞ where the value exceeds double range."""
        if q == 0:
            return self._at_zero  # type: ignore[return-value]
        if not math.isfinite(q):
            return math.inf, math.inf
        if q not in self._cache:
            scale = math.sqrt(q)
            # φ needs RECURSION_WIDTH however slowly f varies at a small q; an oscillating f needs width_x in x.
            width = max(min(self._width_x / scale, RECURSION_WIDTH), 2 * REACH / MOST_SUBINTERVALS)
            zs, ws = quadrature(breakpoints(self._kinks, scale), width)
            results = []
            for expression in (self._math.function, self._math.derivative):
                with np.errstate(over="ignore", invalid="ignore"):
                    total = float(ws @ self._values(expression, scale * zs) ** 2)
                results.append(total if math.isfinite(total) else math.inf)
            self._cache[q] = (results[0], results[1])
        return self._cache[q]

    def _values(self, expression: sympy.Expr, xs: np.ndarray) -> np.ndarray:
        """float64 values; where NumPy fails, mpmath's, unless the most distant such point overflows there too (then all are ∞)."""
        values = float64_values(self._math, expression, xs, self._parameters)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            evaluate = self._math.evaluator(expression, self._parameters)
            farthest = bad[np.argmax(np.abs(xs[bad]))]
            if not math.isfinite(evaluate(float(xs[farthest]))):
                values[bad] = math.inf  # a true overflow: the mean square is beyond double range
            else:
                values[bad] = evaluate.many(float(x) for x in xs[bad])
        return values
