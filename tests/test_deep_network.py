"""The mean-field recursion against real networks: a 50-layer PyTorch MLP per elementwise activation.

For every activation of an elementwise kind (plain, learnable at its initial values, stochastic in
evaluation mode), the activation's own PyTorch module (its code snippet) is placed between 50
linear layers of width N = 512, float32, weights N(0, g²/N) from a seeded generator, and a batch
of standard Gaussian inputs is fed through. The measured pre-activation variance q̂_l (mean of h²
over the batch and the width) is compared with the recursion's q_l at g = g_f, and a second
network at g = 1 with its own prediction, which drifts.

The tolerance, derived from the sample size. Write δ_l = log(q̂_l / q_l). One layer adds two
fresh sampling errors, each a mean over the N units of the width:

- h_j = w_j · a over N independent rows w_j: the mean of h_j² has relative variance 2/N;
- the mean of a_k² = f(h_k)² over the N units of the layer before has relative variance
  (κ − 1)/N, κ = E[f(√q z)⁴] / E[f(√q z)²]² (computed by the same quadrature).

(The inputs are WIDTH·BATCH independent N(0, 1) entries: their mean square has variance 2/(WIDTH·BATCH).)
Added as if fully correlated, the variance of the fresh error is at most v_l = (√2 + √(κ−1))²/N.
The examples of the batch share the weights and become correlated with depth, so they are not
counted as independent samples: this is the error of one example, an upper bound for the batch
mean. An earlier error is carried to the next layer multiplied by the slope of the recursion
s_l = d log F / d log q at q_l (F(q) = g² E[f(√q z)²]), so Var δ_l ≤ Σ_k v_k Π_{k<m≤l} s_m², and
the test allows |δ_l| ≤ 5 √Var δ_l (a 5σ band: a false failure in fewer than 1 in 10⁶ layers for a
Gaussian error). The comparison stops at the first layer whose band exceeds LIMIT = 30 (nothing a
float32 measurement shows is outside e^±30), and at predicted variances outside 10^±12 (float32's
rounding and overflow, not the recursion, are measured there). Where the map repels (|s| > 1, e.g.
the exponential's s = 2) the linearisation holds only while the error is small: after such a
layer the comparison stops once the band exceeds LINEAR = 1; a network leaves a repelling fixed
point faster than any linear band.

The same network is also checked one layer at a time, at every layer: the recursion applied to
the measured variances one layer down (each example's own, averaged: g² mean_i E[f(√q̂_i z)²])
against the measured variance, within the fresh error alone, 5√v_l. This holds at every layer,
whether the fixed point attracts or repels, as long as the measurement is within 10^±12 and the
band within LINEAR: a wider one means f(h)² so heavy-tailed (the exponential's κ = e^{4q}) that
a mean over 512 units is not near-Gaussian (it misses the rare huge values that make E[f²]).

At gain 1 the network must match its own (drifting) prediction, and where that prediction has left
the band around q = 1 that g_f's prediction keeps, the measurement must have left it too: the
drift is in the network, not only in the formula.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator

import numpy as np
import pytest
import torch
from tests.conftest import DEFINITIONS

from actsite.analysis.gaussian_moments import REACH, START_WIDTH, breakpoints, quadrature, repaired
from actsite.analysis.propagation import DEPTH, initialization
from actsite.definitions.load import ROOT, Loaded
from actsite.verify.code_snippets import load_snippet

WIDTH = 512
BATCH = 32
SEED = 2026
SIGMAS = 5.0
LIMIT = 30.0  # a band wider than e^30 in either direction excludes nothing; the comparison stops there
LINEAR = 1.0  # past a repelling layer, the comparison stops once the band exceeds this: the error is no longer small
FLOAT32_RANGE = (1e-12, 1e12)  # predicted variances compared: beyond, float32 rounding and overflow are what is measured
STEP = 1e-4
ELEMENTWISE = [d for d in DEFINITIONS if d.activation.kind.value in ("elementwise", "elementwise-learnable", "stochastic")]


@pytest.fixture(autouse=True)
def one_thread() -> Iterator[None]:
    """Torch on one thread: on the shared 2-core machine its thread pool made these small products ten times slower."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@functools.cache
def network_draws() -> tuple[torch.Tensor, tuple[torch.Tensor, ...]]:
    """The seeded inputs and the DEPTH weight matrices of variance 1/WIDTH, shared by every network (scaled by its gain)."""
    generator = torch.Generator().manual_seed(SEED)
    inputs = torch.randn(BATCH, WIDTH, generator=generator)
    return inputs, tuple(torch.randn(WIDTH, WIDTH, generator=generator) / math.sqrt(WIDTH) for _ in range(DEPTH))


def measured_variances(loaded: Loaded, gain: float) -> tuple[list[float], list[np.ndarray]]:
    """q̂_0 … q̂_DEPTH of the seeded float32 network at `gain` (its own PyTorch module), and each example's mean square per layer."""
    snippet = load_snippet(ROOT / "activations" / "code" / f"{loaded.slug}.py", loaded.slug)
    activation = snippet.module_class(**{p.name: p.default for p in loaded.activation.parameters}).eval()
    h, weights = network_draws()
    per_example = [h.double().pow(2).mean(dim=1).numpy()]
    with torch.no_grad():
        for weight in weights:
            h = activation(h) @ (gain * weight).T
            per_example.append(h.double().pow(2).mean(dim=1).numpy())
    return [float(np.mean(q)) for q in per_example], per_example


def one_step_predictions(loaded: Loaded, gain: float, per_example: list[np.ndarray]) -> list[float]:
    """g² · mean over the batch of E[f(√q̂_i z)²] from each example's measured variance one layer down (NaN where it is not finite)."""
    zs, ws = quadrature([-REACH, REACH], START_WIDTH / 4)  # one grid for all q; a kink inside a sub-interval costs ~1e-3, far inside the band
    predictions = [math.nan]
    for q in per_example[:-1]:
        if not np.all(np.isfinite(q)):
            predictions.append(math.nan)
            continue
        values = repaired(loaded.math, loaded.math.function, (np.sqrt(q)[:, None] * zs[None, :]).ravel(), None).reshape(q.size, zs.size)
        with np.errstate(over="ignore", invalid="ignore"):
            predictions.append(float(gain**2 * np.mean(values**2 @ ws)))
    return predictions


def one_step_bands(loaded: Loaded, measured: list[float]) -> list[float]:
    """5√v at each layer's measured variance one layer down: the fresh sampling error of one layer alone."""
    bands = [math.inf]
    for q in measured[:-1]:
        if not FLOAT32_RANGE[0] <= q <= FLOAT32_RANGE[1]:
            bands.append(math.inf)
            continue
        second, fourth = mean_powers(loaded, q)
        band = SIGMAS * (math.sqrt(2) + math.sqrt(max(fourth / second**2 - 1, 0.0))) / math.sqrt(WIDTH) if second > 0 else math.inf
        bands.append(band if band <= LINEAR else math.inf)  # a wider band: f² too heavy-tailed for a Gaussian error
    return bands


def mean_powers(loaded: Loaded, q: float) -> tuple[float, float]:
    """(E[f(√q z)²], E[f(√q z)⁴]) by the analysis' quadrature (sub-intervals START_WIDTH/2 wide in z)."""
    scale = math.sqrt(q)
    zs, ws = quadrature(breakpoints(loaded.math.kinks, scale), START_WIDTH / 2)
    values = repaired(loaded.math, loaded.math.function, scale * zs, None)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(ws @ values**2), float(ws @ values**4)


def log_tolerances(loaded: Loaded, gain: float, predicted: tuple[float, ...]) -> list[float]:
    """The 5σ band of |log(q̂_l / q_l)| per layer (the module docstring's derivation); ∞ where the comparison stops."""
    variance = 2 / (WIDTH * BATCH)  # the inputs: WIDTH·BATCH independent N(0, 1) entries
    bands = [SIGMAS * math.sqrt(variance)]
    repelled = False
    for q in predicted[:-1]:
        stopped = bands[-1] == math.inf or (repelled and bands[-1] > LINEAR)
        if stopped or not FLOAT32_RANGE[0] <= q <= FLOAT32_RANGE[1]:
            bands.append(math.inf)
            continue
        second, fourth = mean_powers(loaded, q)
        above, below = mean_powers(loaded, q * (1 + STEP))[0], mean_powers(loaded, q * (1 - STEP))[0]
        slope = (math.log(above) - math.log(below)) / (2 * STEP)
        repelled = repelled or abs(slope) > 1 + 1e-6
        fresh = (math.sqrt(2) + math.sqrt(max(fourth / second**2 - 1, 0.0))) ** 2 / WIDTH
        variance = slope**2 * variance + fresh
        band = SIGMAS * math.sqrt(variance)
        bands.append(band if band <= LIMIT else math.inf)
    return bands


def compared_layers(measured: list[float], predicted: tuple[float, ...], bands: list[float]) -> list[tuple[int, float]]:
    """(layer, |log(q̂_l / q_l)|) for every layer the band covers (∞ where the network gave 0, ∞ or NaN)."""
    return [
        (layer, abs(math.log(measured[layer] / predicted[layer])) if 0 < measured[layer] < math.inf else math.inf)
        for layer in range(DEPTH + 1)
        if bands[layer] < math.inf and FLOAT32_RANGE[0] <= predicted[layer] <= FLOAT32_RANGE[1]  # False for NaN
    ]


def check(name: str, measured: list[float], predicted: tuple[float, ...], bands: list[float], verdict: Callable[[int, float], bool]) -> None:
    """Every covered layer passes `verdict(layer, deviation)`; the message lists the ones that do not."""
    failing = [(layer, round(deviation, 3), round(bands[layer], 3)) for layer, deviation in compared_layers(measured, predicted, bands) if not verdict(layer, deviation)]
    assert not failing, f"{name}: (layer, |log q̂/q|, band) {failing}"


@pytest.mark.parametrize("loaded", ELEMENTWISE, ids=lambda d: d.slug)
def test_deep_network_variance_follows_the_recursion(loaded: Loaded) -> None:
    values = initialization(loaded.math, loaded.activation)
    unit, forward = values.propagation[0], values.propagation[-1]
    assert unit.gain == 1.0
    assert forward.gain == values.forward_gain

    measured, per_example = measured_variances(loaded, forward.gain)
    bands = log_tolerances(loaded, forward.gain, forward.forward)
    assert bands[1] < math.inf
    check("at g_f", measured, forward.forward, bands, lambda layer, deviation: deviation <= bands[layer])
    steps, step_bands = one_step_predictions(loaded, forward.gain, per_example), one_step_bands(loaded, measured)
    check("at g_f, one layer at a time", measured, tuple(steps), step_bands, lambda layer, deviation: deviation <= step_bands[layer])

    measured_unit, per_example_unit = measured_variances(loaded, 1.0)
    unit_bands = log_tolerances(loaded, 1.0, unit.forward)
    check("at gain 1", measured_unit, unit.forward, unit_bands, lambda layer, deviation: deviation <= unit_bands[layer])
    steps, step_bands = one_step_predictions(loaded, 1.0, per_example_unit), one_step_bands(loaded, measured_unit)
    check("at gain 1, one layer at a time", measured_unit, tuple(steps), step_bands, lambda layer, deviation: deviation <= step_bands[layer])
    # Where gain 1's prediction has left g_f's band around q = 1 by more than its own band, the network has left it too.
    drifted = [
        layer
        for layer in range(1, DEPTH + 1)
        if bands[layer] < math.inf and unit_bands[layer] < math.inf and abs(math.log(unit.forward[layer])) > bands[layer] + unit_bands[layer]
    ]
    stayed = [layer for layer in drifted if abs(math.log(measured_unit[layer])) <= bands[layer]]
    assert not stayed, f"gain 1 drifts by the prediction but the network stays at q = 1 at layers {stayed}"


def test_the_band_is_not_everything() -> None:
    """The test can fail: ReLU's band at layer 50 (5.7: ReLU's map is marginal, s = 1, so errors add up) is far narrower than gain 1's drift (2⁻⁵⁰)."""
    relu = next(d for d in ELEMENTWISE if d.slug == "relu")
    values = initialization(relu.math, relu.activation)
    bands = log_tolerances(relu, values.forward_gain, values.propagation[-1].forward)  # type: ignore[arg-type]
    assert bands[DEPTH] < 6
    assert abs(math.log(values.propagation[0].forward[DEPTH])) > 30
    assert REACH == 12.0
