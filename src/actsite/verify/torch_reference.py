"""Build the PyTorch callable a definition names, and compare it with the definition's math.

Used by the tests and by `python -m actsite.cli_check`. Importing torch is slow, so callers import
this module only when they need it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from actsite.definitions.model import Activation
from actsite.definitions.symbolic import at_kink
from actsite.render.api_call import pytorch_expression

__all__ = ["build", "check_defaults", "compare", "pytorch_expression", "test_points"]

TOLERANCE = 1e-9
# PyTorch kernels whose float64 backward uses a float32 constant. hardsigmoid_backward returns 1/6
# rounded to float32 (0.1666666716…, relative error 3.0e−8) for float64 inputs; the values are exact.
# Such a derivative is still checked, at the precision the kernel has, never skipped.
DERIVATIVE_TOLERANCE = {"torch.nn.Hardsigmoid": 1e-7, "torch.nn.functional.hardsigmoid": 1e-7}


def derivative_tolerance(dotted: str | None) -> float:
    """Largest relative derivative error accepted against the PyTorch callable `dotted`."""
    return DERIVATIVE_TOLERANCE.get(dotted or "", TOLERANCE)


def build(expression: str) -> Callable[[torch.Tensor], torch.Tensor]:
    """Evaluate a PyTorch expression and put the module in evaluation mode (RReLU's mean slope)."""
    module = eval(expression, {"torch": torch})  # noqa: S307 - expressions come from our own definitions
    if isinstance(module, torch.nn.Module):
        module.eval()
        module.double()
    return module


def constructor_defaults(dotted: str) -> dict[str, object]:
    """Constructor defaults of a torch.nn module, without `inplace`, `device` and `dtype`."""
    target: object = torch
    for part in dotted.split(".")[1:]:
        target = getattr(target, part)
    signature = inspect.signature(target)  # type: ignore[arg-type]
    skipped = {"self", "inplace", "device", "dtype"}
    return {
        name: parameter.default
        for name, parameter in signature.parameters.items()
        if name not in skipped and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    }


@dataclass(frozen=True)
class Comparison:
    """Largest differences between the definition and PyTorch over the given points."""

    max_value_error: float
    max_derivative_error: float
    worst_value_x: float
    worst_derivative_x: float


def compare(
    module: Callable[[torch.Tensor], torch.Tensor],
    f: Callable[[float], float],
    df: Callable[[float], float],
    xs: np.ndarray,
    kinks: list[float],
) -> Comparison:
    """Values and autograd derivatives of `module` against `f`, `f'`, in float64.

    Errors are relative to max(1, |reference|). Derivatives are not compared at kinks, where the
    derivative is undefined and PyTorch picks a one-sided value by convention.
    """
    inputs = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    outputs = module(inputs)
    (gradient,) = torch.autograd.grad(outputs.sum(), inputs)
    values = outputs.detach().numpy()
    grads = gradient.numpy()
    expected = np.array([f(x) for x in xs])
    value_errors = _relative_errors(values, expected)
    away = np.array([not at_kink(x, kinks) for x in xs])
    expected_grads = np.array([df(x) if keep else 0.0 for x, keep in zip(xs, away, strict=True)])
    grad_errors = np.where(away, _relative_errors(grads, expected_grads), 0.0)
    return Comparison(
        max_value_error=float(np.max(value_errors)),
        max_derivative_error=float(np.max(grad_errors)),
        worst_value_x=float(xs[int(np.argmax(value_errors))]),
        worst_derivative_x=float(xs[int(np.argmax(grad_errors))]),
    )


def _relative_errors(actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """|actual − expected| / max(1, |expected|); equal infinities (exp(1000) in float64) count as 0."""
    same_infinity = np.isinf(actual) & np.isinf(expected) & (np.sign(actual) == np.sign(expected))
    with np.errstate(invalid="ignore"):
        errors = np.abs(actual - expected) / np.maximum(1.0, np.abs(expected))
    return np.where(same_infinity, 0.0, errors)


def test_points(kinks: list[float]) -> np.ndarray:
    """≥ 2000 points in [−20, 20] plus 0, ±1e−8, the kinks (and just beside them) and ±1e3."""
    special = [0.0, 1e-8, -1e-8, 1e3, -1e3]
    for k in kinks:
        special += [k, k - 1e-8, k + 1e-8]
    return np.unique(np.concatenate([np.linspace(-20.0, 20.0, 2001), np.array(special)]))


def check_defaults(activation: Activation) -> list[str]:
    """Differences between the definition's PyTorch defaults and `inspect.signature`, as messages.

    `defaults` must list exactly the arguments that declare a default, each with that default; the
    required ones (no default) must be in `arguments`, with the page's value.
    """
    api = activation.api.pytorch
    if api is None or api.module is None:
        return []
    problems: list[str] = []
    actual = constructor_defaults(api.module)
    declared = {name for name, value in actual.items() if value is not inspect.Parameter.empty}
    required = set(actual) - declared
    if set(api.defaults) != declared:
        problems.append(f"api.pytorch.defaults lists {sorted(api.defaults)} but {api.module} declares defaults for {sorted(declared)}")
    for name, value in api.defaults.items():
        if name in declared and actual[name] != value:
            problems.append(f"api.pytorch.defaults.{name} is {value!r} but PyTorch's default is {actual[name]!r}")
    if not required <= set(api.arguments):
        problems.append(f"api.pytorch.arguments lacks the required {sorted(required - set(api.arguments))} of {api.module}")
    unknown = set(api.arguments) - set(actual)
    if unknown:
        problems.append(f"api.pytorch.arguments names {sorted(unknown)}, which {api.module} does not take")
    for parameter in activation.parameters:
        argument = api.parameter_map.get(parameter.name)
        if argument is None:
            continue
        expected = api.arguments.get(argument, actual.get(argument))
        if expected != parameter.default:
            problems.append(f"parameters.{parameter.name}.default is {parameter.default!r} but the page builds {api.module}({argument}={expected!r})")
    return problems
