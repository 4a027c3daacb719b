"""Initialisation gains and the mean-field propagation of the variance through depth.

A layer computes h_{l+1} = W f(h_l) with W's entries of mean 0 and variance g²/fan_in. For a wide
layer the pre-activations are Gaussian, and their variance follows (Poole et al. 2016, Schoenholz
et al. 2017)

    q_{l+1} = g² E[f(√q_l z)²],    z ~ N(0, 1),

from q_0 = 1 (standardised inputs). The gradient's variance follows backwards from r_DEPTH = 1:

    r_l = g² E[f′(√q_l z)²] r_{l+1}.

The forward gain g_f = 1/√E[f(z)²] makes q = 1 a fixed point q*; its slope s = dq_{l+1}/dq_l at q*
says whether the variance returns to q* after a perturbation (|s| < 1) or leaves it, and
χ₁ = g_f² E[f′(z)²] is the factor the gradient's variance takes per layer there. The backward gain
g_b = 1/√E[f′(z)²] makes that factor 1 at q = 1 instead. For ReLU these are √2 (Kaiming), for the
identity 1, for SELU 1 at its constants: the general rule gives them, nothing is special-cased.

A gated unit f(a, b) = a·g(b) with a and b independent N(0, q) (the two halves of one linear
layer) has E[f²] = q E[g(√q z)²], and the gradient reaching its inputs has the variance
E[g(√q z)²] + q E[g′(√q z)²] (both halves): the same recursion with these. Kinds whose output
depends on several inputs together (vector, reduction, normalization, input-conditioned,
multi-output) have no single scalar gain: `reason` says which.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from actsite.analysis.gaussian_moments import Moments, ScaledExpectation, moments
from actsite.analysis.torch_gain import activation_torch_gain
from actsite.definitions.model import Activation
from actsite.definitions.symbolic import ScalarMath

DEPTH = 50
CEILING = 1e12  # a variance beyond this is recorded as ∞ ("beyond 10¹²") and not propagated further
DRIFT = 2.0  # a variance that changes by more than this factor over DEPTH layers is vanishing or exploding
STEP = 1e-4  # relative step of the central difference giving the fixed point's slope
COMPUTED_KINDS = ("elementwise", "elementwise-learnable", "stochastic", "gated")


@dataclass(frozen=True)
class VariantGains:
    """The moments and gains of f with one parameter set to one of its variants."""

    parameter: str
    value: float
    moments: Moments
    forward_gain: float
    backward_gain: float  # inf where f′ = 0 almost everywhere
    torch_gain: float | None


@dataclass(frozen=True)
class Propagation:
    """The forward variances q_0 … q_DEPTH and the gradient variances r_0 … r_DEPTH (r_DEPTH = 1) at one gain."""

    gain: float
    forward: tuple[float, ...]
    backward: tuple[float, ...]

    @property
    def forward_state(self) -> str:
        """Vanishing, exploding or stable: how q_DEPTH compares with q_0."""
        return drift_state(self.forward[-1] / self.forward[0])

    @property
    def backward_state(self) -> str:
        """Vanishing, exploding or stable: how the gradient's variance at the first layer compares with the last."""
        return drift_state(self.backward[0] / self.backward[-1])


@dataclass(frozen=True)
class Initialization:
    """What an activation page's #initialization section shows: moments, gains, propagation, or why they do not apply."""

    reason: str | None  # the kind whose gain is not defined, None where computed
    moments: Moments | None
    forward_gain: float | None
    backward_gain: float | None  # inf where f′ = 0 almost everywhere (no gradient passes)
    torch_gain: float | None
    variants: tuple[VariantGains, ...]
    propagation: tuple[Propagation, ...]  # at gain 1, at torch's gain where it has one, at g_f
    fixed_point_slope: float | None  # dq_{l+1}/dq_l at q* = 1 and gain g_f
    chi1: float | None  # g_f² E[f′(z)²]: the gradient variance's factor per layer at q*


def drift_state(ratio: float) -> str:
    """The state of a variance that changed by `ratio`: vanishing below 1/DRIFT, exploding above DRIFT, else stable."""
    if not ratio >= 1 / DRIFT:
        return "vanishing"
    return "exploding" if ratio > DRIFT else "stable"


def gain_of(mean_square: float) -> float:
    """1/√mean_square; ∞ where it is 0 (f′ = 0 almost everywhere: no gain makes a gradient pass)."""
    return 1 / math.sqrt(mean_square) if mean_square > 0 else math.inf


def initialization(math_: ScalarMath, activation: Activation) -> Initialization:
    """The moments, gains and propagation of one activation at its defaults (and its variants' moments and gains)."""
    kind = activation.kind.value
    if kind not in COMPUTED_KINDS:
        return Initialization(kind, None, None, None, None, (), (), None, None)
    gated = kind == "gated"
    base, maps = _base(math_, activation)
    forward_gain, backward_gain = gains(base, gated)
    variants = []
    for parameter in activation.parameters:
        for value in parameter.variants:
            varied, _ = moments(math_, {parameter.name: value})
            variants.append(VariantGains(parameter.name, value, varied, *gains(varied, gated), activation_torch_gain(activation, {parameter.name: value})))
    forward_map, backward_map = maps
    slope = forward_gain**2 * (forward_map(1 + STEP) - forward_map(1 - STEP)) / (2 * STEP)
    chi1 = forward_gain**2 * backward_map(1.0)
    lines = _propagations(activation, forward_gain, maps)
    return Initialization(None, base, forward_gain, backward_gain, activation_torch_gain(activation), tuple(variants), lines, slope, chi1)


def propagations(math_: ScalarMath, activation: Activation) -> tuple[Propagation, ...]:
    """The recursion alone (for the figure, which renders apart from the cached values): at gain 1, torch's gain, g_f."""
    base, maps = _base(math_, activation)
    return _propagations(activation, gains(base, activation.kind.value == "gated")[0], maps)


Map = Callable[[float], float]


def _base(math_: ScalarMath, activation: Activation) -> tuple[Moments, tuple[Map, Map]]:
    """The moments at the defaults and the maps q ↦ E[f(√q z)²] (forward) and q ↦ E[f′(√q z)²] (backward; for a gated unit, its two-halves forms)."""
    base, width = moments(math_)
    expectation = ScaledExpectation(math_, None, width)
    if activation.kind.value == "gated":
        return base, (
            lambda q: q * expectation.mean_squares(q)[0],  # E[a²]·E[g(b)²]
            lambda q: expectation.mean_squares(q)[0] + q * expectation.mean_squares(q)[1],
        )
    return base, (lambda q: expectation.mean_squares(q)[0], lambda q: expectation.mean_squares(q)[1])


def _propagations(activation: Activation, forward_gain: float, maps: tuple[Map, Map]) -> tuple[Propagation, ...]:
    torch = activation_torch_gain(activation)
    shown = [1.0, *([torch] if torch is not None else []), forward_gain]
    return tuple(propagate(gain, *maps) for gain in shown)


def gains(values: Moments, gated: bool) -> tuple[float, float]:
    """(g_f, g_b): for a gated unit, from E[a²]E[g²] forward and E[g²] + E[a²]E[g′²] backward, with E[a²] = 1."""
    if gated:
        return gain_of(values.second), gain_of(values.second + values.slope_second)
    return gain_of(values.second), gain_of(values.slope_second)


def propagate(gain: float, forward_map: Callable[[float], float], backward_map: Callable[[float], float]) -> Propagation:
    """The recursion over DEPTH layers at `gain`: q from q_0 = 1, then r backwards from r_DEPTH = 1."""
    forward = [1.0]
    for _ in range(DEPTH):
        forward.append(_finite_or_inf(gain**2 * forward_map(forward[-1])))
    backward = [1.0]
    for q in reversed(forward[:-1]):
        backward.append(_finite_or_inf(gain**2 * backward_map(q) * backward[-1]))
    return Propagation(gain, tuple(forward), tuple(reversed(backward)))


def _finite_or_inf(value: float) -> float:
    """A variance beyond CEILING is ∞: the figure and the state need no more, and later layers would overflow anyway."""
    return value if value <= CEILING else math.inf
