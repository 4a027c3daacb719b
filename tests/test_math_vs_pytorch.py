"""Values, derivatives and defaults agree with PyTorch wherever PyTorch has the function."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import numpy as np
import pytest
import torch

from actsite.definitions.lint.parallel_translations import prose_pairs
from actsite.definitions.symbolic import parse
from actsite.render.i18n import ui_strings
from actsite.render.pages import api_rows, pytorch_argument_note
from actsite.verify import torch_reference
from conftest import BY_SLUG, DEFINITIONS

ELEMENTWISE = [d for d in DEFINITIONS if d.activation.kind.value in ("elementwise", "elementwise-learnable", "stochastic")]
WITH_MODULE = [d.slug for d in ELEMENTWISE if d.activation.api.pytorch and d.activation.api.pytorch.module]
WITH_FUNCTIONAL = [d.slug for d in ELEMENTWISE if d.activation.api.pytorch and d.activation.api.pytorch.functional]
ALL_WITH_MODULE = [d.slug for d in DEFINITIONS if d.activation.api.pytorch and d.activation.api.pytorch.module]
APPROXIMATIONS = [(d.slug, a.id) for d in DEFINITIONS for a in d.activation.math.approximations if a.pytorch]


def test_points_cover_the_required_set() -> None:
    points = torch_reference.test_points([0.0])
    inside = points[(points >= -20) & (points <= 20)]
    assert len(inside) >= 2000
    for special in (0.0, 1e-8, -1e-8, 1e3, -1e3):
        assert special in points


@pytest.mark.parametrize("slug", WITH_MODULE)
def test_values_and_derivative_match_torch_autograd(slug: str) -> None:
    loaded = BY_SLUG[slug]
    expression = torch_reference.pytorch_expression(loaded.activation.api.pytorch)
    module = torch_reference.build(expression)
    kinks = loaded.math.kinks
    result = torch_reference.compare(module, loaded.math.f(), loaded.math.df(), torch_reference.test_points(kinks), kinks)
    assert result.max_value_error < torch_reference.TOLERANCE, result
    assert result.max_derivative_error < torch_reference.derivative_tolerance(loaded.activation.api.pytorch.module), result


def test_only_the_known_float32_kernel_gets_a_looser_derivative_tolerance() -> None:
    # The exception exists because of a measured kernel constant; it must stay that narrow.
    x = torch.tensor([-1.0, 0.5, 2.9], dtype=torch.float64, requires_grad=True)
    (gradient,) = torch.autograd.grad(torch.nn.functional.hardsigmoid(x).sum(), x)
    assert np.all(np.abs(gradient.numpy() - 1 / 6) / (1 / 6) > torch_reference.TOLERANCE)
    assert np.all(np.abs(gradient.numpy() - 1 / 6) / (1 / 6) < torch_reference.derivative_tolerance("torch.nn.Hardsigmoid"))
    assert torch_reference.derivative_tolerance("torch.nn.Hardswish") == torch_reference.TOLERANCE


@pytest.mark.parametrize("slug", WITH_FUNCTIONAL)
def test_functional_form_matches_definition(slug: str) -> None:
    loaded = BY_SLUG[slug]
    api = loaded.activation.api.pytorch
    target = torch
    for part in api.functional.split(".")[1:]:
        target = getattr(target, part)
    # The functional takes the same keyword arguments as the module's constructor where they exist.
    arguments = {k: v for k, v in {**api.defaults, **api.arguments}.items() if k not in ("num_parameters", "init")}
    # Deprecated constructor aliases (Hardtanh's min_value/max_value) are not arguments of the functional.
    arguments = {k: v for k, v in arguments.items() if _accepts_keyword(target, k)}
    # A module's learnable tensors (PReLU's `weight`, at its initial value) are the functional's
    # positional arguments after the input: F.prelu(input, weight).
    weights = [p.detach() for p in torch_reference.build(torch_reference.pytorch_expression(api)).parameters()] if api.module else []
    kinks = loaded.math.kinks
    xs = torch_reference.test_points(kinks)

    def call(x: torch.Tensor) -> torch.Tensor:
        return target(x, *weights, **arguments) if api.module else target(x)

    result = torch_reference.compare(call, loaded.math.f(), loaded.math.df(), xs, kinks)
    assert result.max_value_error < torch_reference.TOLERANCE, result
    assert result.max_derivative_error < torch_reference.derivative_tolerance(api.functional), result


def _accepts_keyword(function: Callable[..., object], name: str) -> bool:
    """True if the functional takes `name`; builtins without a readable signature are given every argument."""
    try:
        return name in inspect.signature(function).parameters
    except ValueError:
        return True


@pytest.mark.parametrize("slug", ALL_WITH_MODULE)
def test_defaults_equal_pytorch_constructor_defaults(slug: str) -> None:
    assert torch_reference.check_defaults(BY_SLUG[slug].activation) == []


@pytest.mark.parametrize("slug", ALL_WITH_MODULE)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_api_table_shows_only_the_defaults_the_signature_declares(slug: str, language: str) -> None:
    # The Defaults cell of the PyTorch row, against inspect.signature (Threshold declares none).
    api = BY_SLUG[slug].activation.api.pytorch
    declared = {k: v for k, v in torch_reference.constructor_defaults(api.module).items() if v is not inspect.Parameter.empty}
    row = api_rows(BY_SLUG[slug].activation, language)[0]
    expected = ", ".join(f"`{name}={value!r}`" for name, value in declared.items()) or ui_strings(language)["none_available"]
    assert row["framework"] == "PyTorch"
    assert row["defaults"] == expected


def test_threshold_is_built_with_its_required_arguments_not_shown_as_defaults() -> None:
    api = BY_SLUG["threshold"].activation.api.pytorch
    assert api.defaults == {}
    assert torch_reference.pytorch_expression(api) == "torch.nn.Threshold(threshold=1.0, value=0.0)"


@pytest.mark.parametrize("slug", ["softmax", "softmin", "log-softmax"])
def test_normalising_modules_are_built_with_an_explicit_dim(slug: str) -> None:
    import warnings

    expression = torch_reference.pytorch_expression(BY_SLUG[slug].activation.api.pytorch)
    assert expression.endswith("(dim=-1)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dim=None warns (implicit dimension choice is deprecated)
        torch_reference.build(expression)(torch.ones(2, 3, dtype=torch.float64))


@pytest.mark.parametrize(("slug", "approximation_id"), APPROXIMATIONS)
def test_approximation_matches_its_pytorch_form(slug: str, approximation_id: str) -> None:
    loaded = BY_SLUG[slug]
    approximation = next(a for a in loaded.activation.math.approximations if a.id == approximation_id)
    expression = parse(approximation.function, loaded.math.symbols)
    evaluate = loaded.math.evaluator(expression)
    module = torch_reference.build(approximation.pytorch)
    xs = np.linspace(-20.0, 20.0, 2001)
    values = module(torch.tensor(xs, dtype=torch.float64)).detach().numpy()
    expected = np.array([evaluate(x) for x in xs])
    assert np.max(np.abs(values - expected) / np.maximum(1.0, np.abs(expected))) < torch_reference.TOLERANCE


def test_fake_quantize_is_the_quantized_relu_staircase_with_a_clipped_straight_through_gradient() -> None:
    # The quantized ReLU page names torch.fake_quantize_per_tensor_affine(x, c/3, 0, 0, 3): its
    # forward pass is the page's staircase, and its gradient is the straight-through one, which is
    # 0 wherever the rounded value falls outside [quant_min, quant_max] (not 1 for every x > 0).
    loaded = BY_SLUG["quantized-relu"]
    c = loaded.activation.defaults()["c"]
    xs = np.linspace(-3.0, 10.0, 1301) + 0.0037  # offset: no point falls on a rounding threshold
    inputs = torch.tensor(xs, dtype=torch.float32, requires_grad=True)
    outputs = torch.fake_quantize_per_tensor_affine(inputs, c / 3, 0, 0, 3)
    (gradient,) = torch.autograd.grad(outputs.sum(), inputs)
    f = loaded.math.f()
    assert np.allclose(outputs.detach().numpy(), [f(x) for x in xs], atol=1e-5)
    grads = gradient.numpy()
    assert np.all(grads[(xs > 0.1) & (xs < c - 0.1)] == 1.0)
    assert np.all(grads[xs > c + c / 6 + 0.1] == 0.0)
    assert np.all(grads[xs < -c / 6 - 0.1] == 0.0)


@pytest.mark.parametrize("form", ["module", "functional"])
def test_rrelu_training_mode_draws_each_negative_slope_from_uniform_lower_upper(form: str) -> None:
    # The page's function is RReLU in evaluation mode (slope (lower + upper)/2). In training mode PyTorch
    # multiplies every negative element by its own slope drawn from U(lower, upper): check the draws
    # themselves (bounds, mean, whole distribution), not only that outputs are negative.
    loaded = BY_SLUG["rrelu"]
    api = loaded.activation.api.pytorch
    defaults = loaded.activation.defaults()
    lower, upper = defaults["lower"], defaults["upper"]
    assert loaded.math.f()(-1.0) == pytest.approx(-(lower + upper) / 2, rel=1e-15)
    if form == "module":
        module = torch_reference.build(torch_reference.pytorch_expression(api))
        module.train()
    else:

        def module(x: torch.Tensor) -> torch.Tensor:
            return torch.nn.functional.rrelu(x, lower=lower, upper=upper, training=True)

    count = 200_000
    with torch.random.fork_rng():
        torch.manual_seed(0)
        negative = -(torch.rand(count, dtype=torch.float64) * 10.0 + 1e-3)
        positive = torch.rand(count, dtype=torch.float64) * 10.0 + 1e-3
        slopes = (module(negative) / negative).numpy()
        second_draw = (module(negative) / negative).numpy()
        assert torch.equal(module(positive), positive), "positive inputs pass unchanged"
    assert not np.array_equal(slopes, second_draw), "a new slope is drawn on every call"
    assert slopes.min() >= lower - 1e-12
    assert slopes.max() <= upper + 1e-12
    # Mean within 5 standard errors of (lower + upper)/2; the standard deviation of U(l, u) is (u − l)/√12.
    assert abs(slopes.mean() - (lower + upper) / 2) < 5 * (upper - lower) / np.sqrt(12 * count)
    # Kolmogorov–Smirnov distance to U(lower, upper) below its 1 % critical value 1.63/√n.
    cdf = (np.sort(slopes) - lower) / (upper - lower)
    ranks = np.arange(1, count + 1)
    distance = max(np.max(ranks / count - cdf), np.max(cdf - (ranks - 1) / count))
    assert distance < 1.63 / np.sqrt(count)


def test_threshold_lists_the_keras_3_threshold_activation() -> None:
    names = [entry.name for entry in BY_SLUG["threshold"].activation.api.keras]
    assert names == ["keras.activations.threshold"]


def test_celu_pitfall_names_the_exception_torch_raises_for_alpha_zero() -> None:
    module = torch.nn.CELU(alpha=0.0)  # construction accepts it; the forward pass raises
    with pytest.raises(RuntimeError, match=r"^ZeroDivisionError") as raised:
        module(torch.ones(2))
    assert type(raised.value) is RuntimeError
    assert not isinstance(raised.value, ZeroDivisionError)
    message = str(raised.value)
    pitfalls = BY_SLUG["celu"].activation.prose.pitfalls
    for language in ("en", "zh"):
        text = next(p for p in pitfalls.get(language) if "alpha = 0" in p or "alpha=0.0" in p)
        assert "`RuntimeError`" in text
        assert f"`{message}`" in text


def test_quantized_relu_states_the_straight_through_range_torch_uses() -> None:
    # c = 6, step 2: torch passes gradient 1 where round(x / 2) ∈ [0, 3], half to even.
    xs = torch.arange(-300, 901, dtype=torch.float64) / 100  # −3 … 9, step 0.01
    xs.requires_grad_(True)
    torch.fake_quantize_per_tensor_affine(xs.float(), 2.0, 0, 0, 3).sum().backward()
    passing = xs[xs.grad == 1].detach()
    low, high = float(passing.min()), float(passing.max())
    assert (low, round(high, 2)) == (-1.0, 6.99)  # [−1, 7): beyond the clipping range [0, 6]
    x = torch.tensor(6.5, requires_grad=True)
    torch.fake_quantize_per_tensor_affine(x, 2.0, 0, 0, 3).backward()
    assert x.grad == 1.0
    intuition = BY_SLUG["quantized-relu"].activation.prose.intuition
    for language in ("en", "zh"):
        text = " ".join(intuition.get(language).split())
        assert "−1 ≤ x < 7" in text
        assert "x = 6.5" in text
    assert "in the clipping range and 0 outside" not in intuition.en


def test_silu_origin_is_the_paper_pytorch_credits_with_coining_it() -> None:
    docstring = " ".join(torch.nn.SiLU.__doc__.split())
    origin = next(r for r in BY_SLUG["silu"].activation.references if r.role == "origin")
    assert f"<{origin.url}>`_ where the SiLU (Sigmoid Linear Unit) was originally coined" in docstring


def _naive_logsigmoid_edge(dtype: torch.dtype, failing: float, working: float, fails: Callable[[float], bool]) -> float:
    """The input where naive log(sigmoid(x)) starts to fail, by bisection between a failing and a working x."""
    for _ in range(200):
        middle = (failing + working) / 2
        failing, working = (middle, working) if fails(middle) else (failing, middle)
    return failing


@pytest.mark.parametrize(("dtype", "name"), [(torch.float32, "float32"), (torch.float64, "float64")])
def test_logsigmoid_states_the_measured_bounds_of_naive_log_sigmoid(dtype: torch.dtype, name: str) -> None:
    import math

    def naive(x: float) -> float:
        return torch.log(torch.sigmoid(torch.tensor(x, dtype=dtype))).item()

    low = _naive_logsigmoid_edge(dtype, -2000.0, 0.0, lambda x: naive(x) == -math.inf)
    high = _naive_logsigmoid_edge(dtype, 2000.0, 0.0, lambda x: naive(x) == 0.0)
    # Stated to three decimals on the failing side, so every x beyond the stated bound fails.
    stated_low, stated_high = math.floor(low * 1000) / 1000, math.ceil(high * 1000) / 1000
    assert naive(stated_low) == -math.inf
    assert math.isfinite(naive(stated_low + 0.001))
    assert naive(stated_high) == 0.0
    assert naive(stated_high - 0.001) != 0.0
    activation = BY_SLUG["logsigmoid"].activation
    texts = [" ".join(activation.prose.intuition.get(language).split()) for language in ("en", "zh")]
    if name == "float32":
        texts += [p for language in ("en", "zh") for p in activation.prose.pitfalls.get(language) if "torch.log(torch.sigmoid(x))" in p]
        assert len(texts) == 4
    for text in texts:
        assert f"x ≤ −{-stated_low:.3f}" in text, text
        assert f"x ≥ {stated_high:.3f}" in text, text


@pytest.mark.parametrize(("dtype", "name"), [(torch.float32, "float32"), (torch.float64, "float64")])
def test_tanhexp_states_where_tanh_of_exp_rounds_to_one_and_where_the_naive_gradient_is_nan(dtype: torch.dtype, name: str) -> None:
    import math

    def saturated(x: float) -> bool:
        return torch.tanh(torch.exp(torch.tensor(x, dtype=dtype))).item() == 1.0

    # Stated to two decimals on the saturated side: from the stated x on, tanh(eˣ) is exactly 1.
    stated = math.ceil(_naive_logsigmoid_edge(dtype, 10.0, 0.0, saturated) * 100) / 100
    grid = torch.arange(stated, 30.0, 1e-3, dtype=torch.float64).to(dtype)
    assert bool((torch.tanh(torch.exp(grid)) == 1.0).all())
    assert not saturated(stated - 0.01)
    overflow = math.log(torch.finfo(dtype).max)  # eˣ = inf beyond it
    x = torch.tensor([overflow + 1.0], dtype=dtype, requires_grad=True)
    (x * torch.tanh(torch.exp(x))).sum().backward()
    assert x.grad is not None
    assert math.isnan(x.grad.item()), "autograd multiplies sech²(∞) = 0 by eˣ = ∞"
    clamped = torch.tensor([overflow + 1.0], dtype=dtype, requires_grad=True)
    (clamped * torch.tanh(torch.exp(clamped.clamp(max=4)))).sum().backward()
    assert clamped.grad is not None
    assert clamped.grad.item() == 1.0
    pitfalls = [p for language in ("en", "zh") for p in BY_SLUG["tanhexp"].activation.prose.pitfalls.get(language) if "torch.tanh(torch.exp(x))" in p]
    assert len(pitfalls) == 2
    for text in pitfalls:
        assert f"x ≥ {stated:.2f} in {name}" in text or f"{name} 下 x ≥ {stated:.2f}" in text, text
        assert f"{overflow:.2f}" in text, text
        assert "NaN" in text, text


def _torch_object(dotted: str) -> Callable[..., object]:
    target: object = torch
    for part in dotted.split(".")[1:]:
        target = getattr(target, part)
    return target  # type: ignore[return-value]


@pytest.mark.parametrize("slug", ALL_WITH_MODULE)
def test_parameters_table_says_which_parameters_the_module_has_no_argument_for(slug: str) -> None:
    """The generated "`torch.nn.X` has no argument for it." stands exactly where inspect.signature lacks the argument."""
    activation = BY_SLUG[slug].activation
    api = activation.api.pytorch
    assert api is not None
    assert api.module is not None
    accepted = set(inspect.signature(_torch_object(api.module)).parameters)
    for language in ("en", "zh"):
        t = ui_strings(language)
        for parameter in activation.parameters:
            mapped = api.parameter_map.get(parameter.name)
            said = pytorch_argument_note(activation, parameter.name, t) != ""
            assert said == (mapped is None), (parameter.name, language)
            assert mapped is None or mapped in accepted, (parameter.name, mapped)
            if said:  # no argument of the signature is this parameter under another name the map forgot
                assert parameter.name not in accepted, parameter.name


def test_prose_says_takes_no_arguments_only_of_what_takes_none() -> None:
    """The claim "torch.nn.SELU takes no arguments" was false: it takes `inplace`."""
    claim = re.compile(r"`?(torch\.nn\.[A-Za-z]+)`? (?:takes no arguments|不接受任何参数)")
    assert claim.search("torch.nn.SELU takes no arguments; this is its `scale` constant.")
    assert inspect.signature(torch.nn.SELU).parameters.keys() == {"inplace"}
    for definition in DEFINITIONS:
        for _, english, chinese in prose_pairs(definition.activation):
            for match in claim.finditer(english + " " + chinese):
                assert not inspect.signature(_torch_object(match.group(1))).parameters, (definition.slug, match.group(0))
