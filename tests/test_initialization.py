"""Gaussian moments, initialisation gains and the propagation recursion, checked by other methods.

The moments come from composite Gauss–Legendre quadrature over float64/MPFR values
(`analysis.gaussian_moments`). Here they are compared with closed forms where one exists and with
mpmath's own tanh–sinh quadrature at 30 digits, split at the same kinks (an independent rule and
independent arithmetic), to 1e−12 relative. The gains that textbooks give (ReLU √2, leaky ReLU
√(2/(1+α²)), the identity 1, SELU 1) must come out of the general rule; torch's own
`calculate_gain` is called for every name it knows.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import mpmath
import pytest
import torch
from tests.conftest import BY_SLUG, DEFINITIONS

from actsite.analysis.computed import compute_values
from actsite.analysis.gaussian_moments import Moments, moments
from actsite.analysis.propagation import COMPUTED_KINDS, DEPTH, drift_state, initialization
from actsite.analysis.torch_gain import activation_torch_gain, torch_gain
from actsite.definitions.symbolic import mpmath_function
from actsite.render.context import PageContext
from actsite.render.export import initialization_record
from actsite.render.i18n import ui_strings
from actsite.render.initialization import initialization_view
from actsite.render.numbers import format_code_number, format_number
from actsite.render.pages import render_activation_pages
from actsite.render.templating import page_path

RELATIVE = 1e-12
ALPHA_VARIANTS = BY_SLUG["leaky-relu"].activation.parameters[0].variants
SQRT_2PI = math.sqrt(2 * math.pi)

# Closed forms (E[f], E[f²], E[f′], E[f′²]) at the defaults.
CLOSED_FORMS: dict[str, tuple[float, float, float, float]] = {
    "relu": (1 / SQRT_2PI, 0.5, 0.5, 0.5),
    "identity": (0.0, 1.0, 1.0, 1.0),
    "binary-step": (0.5, 0.5, 0.0, 0.0),
    "exponential": (math.exp(0.5), math.exp(2), math.exp(0.5), math.exp(2)),
    "cosine": (math.exp(-0.5), (1 + math.exp(-2)) / 2, 0.0, (1 - math.exp(-2)) / 2),
    "gaussian": (1 / math.sqrt(3), 1 / math.sqrt(5), 0.0, 4 / (5 * math.sqrt(5))),
    "squared-relu": (0.5, 1.5, 2 / SQRT_2PI, 2.0),
    "sine": (0.0, (1 - math.exp(-2 * 30**2)) / 2, 0.0, 30**2 * (1 + math.exp(-2 * 30**2)) / 2),  # ω₀ = 30
    "hardtanh": (0.0, None, math.erf(1 / math.sqrt(2)), math.erf(1 / math.sqrt(2))),  # type: ignore[dict-item]
    "gelu": (1 / (2 * math.sqrt(math.pi)), None, 0.5, None),  # type: ignore[dict-item]
    "sigmoid": (0.5, None, None, None),  # type: ignore[dict-item]
}


def close(actual: float, expected: float, relative: float = RELATIVE, scale: float = 0.0) -> bool:
    """Agreement to `relative` of |expected| (of `scale` where that is larger: a mean that cancels to ~0), absolutely for 0."""
    return abs(actual - expected) <= relative * max(abs(expected), scale, 1.0 if expected == 0 else 0.0)


def mpmath_moments(slug: str, parameters: dict[str, float] | None = None, step: float | None = None) -> Moments:
    """The four moments by mpmath.quad (tanh–sinh) at 30 digits on (−∞, kinks…, ∞), [−12, 12] cut every `step` if given (an oscillating f)."""
    math_ = BY_SLUG[slug].math
    f = mpmath_function(math_.concrete(math_.function, parameters))
    df = mpmath_function(math_.concrete(math_.derivative, parameters))
    with mpmath.workdps(30):
        cuts = {mpmath.mpf(k) for k in math_.kinks_with(parameters)}
        if step is not None:
            cuts |= {mpmath.mpf(-12) + index * mpmath.mpf(step) for index in range(round(24 / step) + 1)}
        points = [-mpmath.inf, *sorted(cuts), mpmath.inf]

        def expectation(h: object) -> float:
            density = lambda z: h(z) * mpmath.exp(-(z**2) / 2) / mpmath.sqrt(2 * mpmath.pi)  # noqa: E731
            return float(mpmath.quad(density, points))

        return Moments(
            expectation(lambda z: f(z)),
            expectation(lambda z: f(z) ** 2),
            expectation(lambda z: df(z)),
            expectation(lambda z: df(z) ** 2),
        )


@pytest.mark.parametrize("slug", sorted(CLOSED_FORMS))
def test_moments_match_closed_forms(slug: str) -> None:
    values, _ = moments(BY_SLUG[slug].math)
    for name, expected in zip(("mean", "second", "slope_mean", "slope_second"), CLOSED_FORMS[slug], strict=True):
        if expected is not None:
            assert close(getattr(values, name), expected), (slug, name, getattr(values, name), expected)


@pytest.mark.parametrize("alpha", ALPHA_VARIANTS)
def test_leaky_relu_moments_and_gains_at_every_variant(alpha: float) -> None:
    values, _ = moments(BY_SLUG["leaky-relu"].math, {"alpha": alpha})
    assert close(values.second, (1 + alpha**2) / 2)
    assert close(values.slope_second, (1 + alpha**2) / 2)
    assert close(values.mean, (1 - alpha) / SQRT_2PI)
    assert close(values.slope_mean, (1 + alpha) / 2)
    variant = next(v for v in initialization(BY_SLUG["leaky-relu"].math, BY_SLUG["leaky-relu"].activation).variants if v.value == alpha)
    assert close(variant.forward_gain, math.sqrt(2 / (1 + alpha**2)))
    assert close(variant.backward_gain, math.sqrt(2 / (1 + alpha**2)))
    assert variant.torch_gain == torch.nn.init.calculate_gain("leaky_relu", alpha)


@pytest.mark.parametrize(
    "slug", ["relu", "leaky-relu", "elu", "selu", "gelu", "silu", "mish", "tanh", "softsign", "hardswish", "relu6", "gcu", "threshold", "swiglu", "lisht"]
)
def test_moments_match_mpmath_quadrature(slug: str) -> None:
    ours, _ = moments(BY_SLUG[slug].math)
    theirs = mpmath_moments(slug, step=0.05 if slug == "sine" else None)  # sin(30x): tanh–sinh needs the period cut
    # A mean is compared relative to its size or, where it cancels to about 0 (SELU's E[f]), to the root mean square.
    scales = {"mean": math.sqrt(theirs.second), "second": 0.0, "slope_mean": math.sqrt(theirs.slope_second), "slope_second": 0.0}
    for name, scale in scales.items():
        assert close(getattr(ours, name), getattr(theirs, name), scale=scale), (slug, name, getattr(ours, name), getattr(theirs, name))


def test_textbook_gains_come_out_of_the_general_rule() -> None:
    gains = {slug: initialization(BY_SLUG[slug].math, BY_SLUG[slug].activation) for slug in ("relu", "leaky-relu", "identity", "selu")}
    assert close(gains["relu"].forward_gain, math.sqrt(2))
    assert close(gains["relu"].backward_gain, math.sqrt(2))
    assert close(gains["leaky-relu"].forward_gain, math.sqrt(2 / (1 + 0.01**2)))
    assert close(gains["identity"].forward_gain, 1.0)
    assert close(gains["identity"].backward_gain, 1.0)
    assert close(gains["selu"].moments.second, 1.0), "SELU's constants make E[f(z)²] = 1"  # type: ignore[union-attr]
    assert close(gains["selu"].moments.mean, 0.0), "and E[f(z)] = 0"  # type: ignore[union-attr]
    assert close(gains["selu"].forward_gain, 1.0)


def test_relu_recursion_halves_the_variance_per_layer_at_gain_one() -> None:
    relu = initialization(BY_SLUG["relu"].math, BY_SLUG["relu"].activation)
    unit, _torch, kaiming = relu.propagation
    assert all(close(q, 2.0**-layer, 1e-10) for layer, q in enumerate(unit.forward))  # E[relu(√q z)²] = q/2
    assert all(close(r, 2.0 ** -(DEPTH - layer), 1e-10) for layer, r in enumerate(unit.backward))
    assert all(close(q, 1.0, 1e-10) for q in kaiming.forward)
    assert all(close(r, 1.0, 1e-10) for r in kaiming.backward)
    assert (unit.forward_state, unit.backward_state, kaiming.forward_state, kaiming.backward_state) == ("vanishing", "vanishing", "stable", "stable")
    assert close(relu.fixed_point_slope, 1.0, 1e-6)
    assert close(relu.chi1, 1.0)


def test_exponential_recursion_overflows_to_infinity_at_gain_one() -> None:
    # q_1 = E[e^{2z}] = e², q_2 = e^{2e²}, q_3 = e^{2q_2}: beyond 10¹², recorded as ∞.
    exponential = initialization(BY_SLUG["exponential"].math, BY_SLUG["exponential"].activation).propagation[0]
    assert close(exponential.forward[1], math.exp(2))
    assert close(exponential.forward[2], math.exp(2 * math.exp(2)), 1e-9)
    assert exponential.forward[3] == math.inf
    assert exponential.forward_state == "exploding"


@pytest.mark.parametrize("definition", [d for d in DEFINITIONS if d.activation.kind.value in COMPUTED_KINDS], ids=lambda d: d.slug)
def test_fixed_point_and_chi1_are_consistent_with_the_moments(definition: object) -> None:
    values = initialization(definition.math, definition.activation)  # type: ignore[attr-defined]
    forward = values.propagation[-1]
    assert forward.gain == values.forward_gain
    assert close(forward.forward[1], 1.0, 1e-12), "g_f makes q = 1 a fixed point"
    gated = definition.activation.kind.value == "gated"  # type: ignore[attr-defined]
    slope_square = values.moments.second + values.moments.slope_second if gated else values.moments.slope_second  # type: ignore[union-attr]
    assert close(values.chi1, values.forward_gain**2 * slope_square, 1e-9)  # type: ignore[arg-type, operator]
    # r_0 = g² E[f′(√q_0 z)²] r_1 with q_0 = 1 exactly (later q drift by rounding where q* = 1 repels: |slope| > 1)
    if values.chi1 == 0:  # f′ = 0 almost everywhere (a step): no gradient passes any layer
        assert forward.backward[:-1] == (0.0,) * DEPTH
        assert values.backward_gain == math.inf
    elif forward.backward[1] == 0:  # q* = 1 repels (RePU, p = 3) and the rounding drift takes q to 0 within the depth
        assert values.chi1 > 1
        assert forward.forward_state == "vanishing"
    elif math.isfinite(forward.backward[1]):
        assert close(forward.backward[0] / forward.backward[1], values.chi1, 1e-9)  # type: ignore[arg-type]
    else:  # beyond the ceiling of 10¹² the recursion records ∞: only a gradient growing by χ₁ > 1 per layer gets there
        assert values.chi1 > 1
        assert forward.backward_state == "exploding"


def test_gated_unit_uses_its_gate_with_independent_halves() -> None:
    swiglu = initialization(BY_SLUG["swiglu"].math, BY_SLUG["swiglu"].activation)
    silu, _ = moments(BY_SLUG["silu"].math)
    assert close(swiglu.forward_gain, 1 / math.sqrt(silu.second))  # type: ignore[arg-type]
    assert close(swiglu.backward_gain, 1 / math.sqrt(silu.second + silu.slope_second))  # type: ignore[arg-type]


def test_kinds_without_a_scalar_gain_say_which_kind() -> None:
    for slug in ("softmax", "maxout", "crelu", "evonorm", "dynamic-relu"):
        values = initialization(BY_SLUG[slug].math, BY_SLUG[slug].activation)
        assert values.reason == BY_SLUG[slug].activation.kind.value
        assert values.forward_gain is None


def test_drift_state_thresholds() -> None:
    assert [drift_state(r) for r in (0.49, 0.5, 1.0, 2.0, 2.01, math.inf, 0.0)] == ["vanishing", "stable", "stable", "stable", "exploding", "exploding", "vanishing"]


@pytest.mark.parametrize(
    ("name", "param"),
    [("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None), ("conv_transpose1d", None), ("conv_transpose2d", None), ("conv_transpose3d", None)]
    + [("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None), ("selu", None)]
    + [("leaky_relu", alpha) for alpha in ALPHA_VARIANTS],
)
def test_torch_gain_mirror_is_what_torch_returns(name: str, param: float | None) -> None:
    mirrored = torch_gain("linear" if name.startswith("conv") else name, param)
    assert mirrored == torch.nn.init.calculate_gain(name, param)


def test_every_named_gain_is_torch_s_for_that_activation() -> None:
    named = {d.slug: d.activation.api.pytorch.calculate_gain for d in DEFINITIONS if d.activation.api.pytorch and d.activation.api.pytorch.calculate_gain}
    assert named == {"identity": "linear", "sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu", "leaky-relu": "leaky_relu", "selu": "selu"}
    for slug, name in named.items():
        activation = BY_SLUG[slug].activation
        param = activation.parameters[0].default if name == "leaky_relu" else None
        assert activation_torch_gain(activation) == torch.nn.init.calculate_gain(name, param)
    with pytest.raises(ValueError, match="gelu"):
        torch.nn.init.calculate_gain("gelu")  # why the site computes the gain: torch has none


TORCH_NAMED = {"identity": "linear", "sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu", "leaky-relu": "leaky_relu", "selu": "selu"}


@pytest.mark.parametrize("slug", sorted(TORCH_NAMED))
def test_page_shows_what_torch_calculate_gain_returns(slug: str) -> None:
    loaded = BY_SLUG[slug]
    name = TORCH_NAMED[slug]
    param = loaded.activation.parameters[0].default if name == "leaky_relu" else None
    context = PageContext(loaded, compute_values(loaded, samples=False))
    pages = render_activation_pages(context)
    for language in ("en", "zh"):
        page = pages[page_path(f"activations/{slug}", language)]
        row = next(line for line in page.splitlines() if line.startswith(f"| `calculate_gain('{name}')` |"))
        assert row.split(" | ")[1] == format_number(torch.nn.init.calculate_gain(name, param))
        why = ui_strings(language)[f"init_torch_why_{name}"].split("{")[0]
        assert why in row, "the sentence saying why torch's gain and g_f differ (or agree)"


@pytest.mark.parametrize("definition", [d for d in DEFINITIONS if d.activation.kind.value in COMPUTED_KINDS], ids=lambda d: d.slug)
def test_pytorch_call_on_the_page_initialises_with_the_forward_gain(definition: object) -> None:
    values = initialization(definition.math, definition.activation)  # type: ignore[attr-defined]
    view = initialization_view(SimpleNamespace(loaded=definition, computed=SimpleNamespace(initialization=values)), "en")  # type: ignore[arg-type]
    torch.manual_seed(0)
    layer = torch.nn.Linear(1024, 256)
    exec(view["code"], {"nn": torch.nn, "math": math, "layer": layer})  # noqa: S102 - the line the page shows
    expected = values.forward_gain / math.sqrt(1024)  # type: ignore[operator]
    # 262144 samples: the sample standard deviation is within 5·(1/√(2·262144)) = 0.7 % of the true one; 6 digits add 1e−6.
    assert abs(float(layer.weight.detach().std()) / expected - 1) < 0.007
    assert format_code_number(values.forward_gain) in view["code"]  # type: ignore[arg-type]


@pytest.mark.parametrize("slug", ["softmax", "maxout", "crelu", "evonorm", "dynamic-relu"])
def test_kinds_without_a_gain_say_why_in_both_languages(slug: str) -> None:
    loaded = BY_SLUG[slug]
    values = initialization(loaded.math, loaded.activation)
    for language in ("en", "zh"):
        view = initialization_view(SimpleNamespace(loaded=loaded, computed=SimpleNamespace(initialization=values)), language)  # type: ignore[arg-type]
        assert not view["applies"]
        assert view["reason"] == ui_strings(language)[f"init_not_applicable_{loaded.activation.kind.value.replace('-', '_')}"]


def test_export_carries_the_gains() -> None:
    loaded = BY_SLUG["relu"]
    record = initialization_record(PageContext(loaded, compute_values(loaded, samples=False)))
    assert record["applies"]
    assert close(record["forward_gain"], math.sqrt(2))
    assert record["torch_nonlinearity"] == "relu"
    assert record["torch_gain"] == torch.nn.init.calculate_gain("relu")
    assert len(record["propagation"]) == 3
    assert len(record["propagation"][0]["forward"]) == DEPTH + 1
    softmax = initialization_record(PageContext(BY_SLUG["softmax"], compute_values(BY_SLUG["softmax"], samples=False)))
    assert softmax == {"applies": False, "reason": "vector"}


@pytest.mark.parametrize("definition", [d for d in DEFINITIONS if any(p.variants for p in d.activation.parameters)], ids=lambda d: d.slug)
def test_kinks_from_the_solved_expressions_are_the_solved_kinks_at_every_variant(definition: object) -> None:
    math_ = definition.math  # type: ignore[attr-defined]
    for parameter in definition.activation.parameters:  # type: ignore[attr-defined]
        for value in parameter.variants:
            assert math_.kinks_at({parameter.name: value}) == pytest.approx(math_.kinks_with({parameter.name: value}), abs=1e-12), (parameter.name, value)
