"""Execute an activation's code snippet and check it against the definition's high-precision values.

The snippet's two cells (activations/code/<slug>.py, see CONTRACT.md there) are executed separately,
as a reader who copies one of them would, and their f and f′ (the NumPy pair, and the module's
forward and autograd backward) are compared with the definition evaluated by mpmath at 40 digits:

- points: the export's sample grid (every 5th point at non-default parameters), ±30, ±100, ±1e4
  and the kinks (f there; f′ beside them, since it is undefined at a corner), at every parameter
  variant; all are rounded to float32 first, so one reference serves both precisions and rounding
  the input is not counted as an error;
- float64: |got − ref| ≤ 1e−9·|ref| + 1e−12; float32: |got − ref| ≤ 1e−5·|ref| + 2⁻²¹ (four units
  in the last place at 1: a value computed from quantities of order 1, such as 1 − y or y·(1 − y),
  scaled by a parameter such as 1/T, cannot resolve less), and never NaN or inf where the reference
  is finite in that precision;
- NumPy floating-point errors raise (overflow, invalid operation, division by zero; not underflow),
  so an overflowing intermediate fails even where the result would have come out right.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy
import torch
from torch import nn

from actsite.analysis.samples import SAMPLE_XS
from actsite.definitions.load import Loaded
from actsite.definitions.snippets import Cell, split_cells
from actsite.definitions.symbolic import X, kink_points

RELATIVE_TOLERANCE = {np.float64: 1e-9, np.float32: 1e-5}
ABSOLUTE_TOLERANCE = {np.float64: 1e-12, np.float32: 2.0**-21}
TORCH_DTYPES = {np.float64: torch.float64, np.float32: torch.float32}
SPECIAL_POINTS = (-1e4, -100.0, -30.0, 30.0, 100.0, 1e4)
BESIDE_KINK = 1e-3  # f′ is checked this far either side of every kink
NEAR_KINK = 1e-6  # points this close to a kink (relative) have no f′ to check
VARIANT_GRID_STEP = 5  # every 5th grid point (step 0.05) at non-default parameters
ELEMENTWISE_KINDS = {"elementwise", "elementwise-learnable", "stochastic", "reduction", "normalization", "input-conditioned"}
AXIS_ARGUMENTS = {"axis", "dim"}
RANDOM_VECTORS = (np.array([0.3, -1.2, 2.0, 0.5]), np.array([1.5, 1.4, -0.3]), np.array([-2.0, 0.1, 0.2, 3.1, -0.7]))


@dataclass(frozen=True)
class Snippet:
    """The executed cells of one snippet: the NumPy f and f′ and the PyTorch module class."""

    function: Callable[..., np.ndarray]
    gradient: Callable[..., np.ndarray]
    module_class: type[nn.Module]


class SnippetLoadError(Exception):
    """The snippet is missing, malformed, or does not define what the contract asks for."""


def load_snippet(path: Path, slug: str) -> Snippet:
    """Execute both cells of `path`, each in a namespace of its own, and pick out the contract's names."""
    if not path.is_file():
        raise SnippetLoadError(f"{path.name} is missing: every activation needs a snippet (activations/code/CONTRACT.md)")
    try:
        numpy_cell, torch_cell = split_cells(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SnippetLoadError(f"{path.name}: {error}") from None
    name = slug.replace("-", "_")
    numpy_namespace = _execute(numpy_cell, path, f"snippet_{name}_numpy")
    torch_namespace = _execute(torch_cell, path, f"snippet_{name}_torch")
    missing = [n for n in (name, f"{name}_grad") if not callable(numpy_namespace.get(n))]
    if missing:
        raise SnippetLoadError(f"{path.name}: the NumPy cell does not define {', '.join(missing)}")
    modules = [
        value for value in torch_namespace.values() if isinstance(value, type) and issubclass(value, nn.Module) and value.__module__ == torch_namespace["__name__"]
    ]
    if len(modules) != 1:
        raise SnippetLoadError(f"{path.name}: the PyTorch cell defines {len(modules)} nn.Module subclasses, not one")
    return Snippet(function=numpy_namespace[name], gradient=numpy_namespace[f"{name}_grad"], module_class=modules[0])


def _execute(cell: Cell, path: Path, module_name: str) -> dict[str, object]:
    """Run one cell alone; line numbers in tracebacks are the file's."""
    namespace: dict[str, object] = {"__name__": module_name}
    code = compile("\n" * (cell.first_line - 1) + cell.code, str(path), "exec")
    try:
        exec(code, namespace)  # noqa: S102 - the project's own snippet files
    except Exception as error:
        raise SnippetLoadError(f"{path.name}: the {cell.title} cell fails on its own: {type(error).__name__}: {error}") from None
    return namespace


def check_snippet(path: Path, loaded: Loaded) -> list[str]:
    """Every way the snippet at `path` disagrees with the definition `loaded`; empty if it agrees."""
    try:
        snippet = load_snippet(path, loaded.slug)
    except SnippetLoadError as error:
        return [str(error)]
    problems = signature_problems(snippet, loaded)
    if problems:
        return problems
    kind = loaded.activation.kind.value
    checker = {"gated": _check_gated, "vector": _check_vector, "multi-output": _check_multi_output}.get(kind, _check_elementwise)
    for parameters in parameter_variants(loaded):
        try:
            problems.extend(checker(snippet, loaded, parameters))
        except Exception as error:  # a snippet may fail in any way; report it like a wrong value
            problems.append(f"{_label(parameters)}: raises {type(error).__name__}: {error}")
    if kind == "vector":
        try:
            problems.extend(_check_vector_jacobian(snippet, loaded))
        except Exception as error:
            problems.append(f"whole vectors: raises {type(error).__name__}: {error}")
    return problems


def parameter_variants(loaded: Loaded) -> list[dict[str, float]]:
    """The defaults ({}), then each variant value of each parameter with the others at their defaults."""
    variants: list[dict[str, float]] = [{}]
    for parameter in loaded.activation.parameters:
        variants.extend({parameter.name: value} for value in parameter.variants if value != parameter.default)
    return variants


def signature_problems(snippet: Snippet, loaded: Loaded) -> list[str]:
    """Parameter names, order and defaults of the NumPy pair and the module's constructor, against the definition."""
    expected = [(p.name, float(p.default)) for p in loaded.activation.parameters]
    problems: list[str] = []
    for label, function in (("NumPy f", snippet.function), ("NumPy f′", snippet.gradient), ("module __init__", snippet.module_class.__init__)):
        found = [
            (name, parameter.default)
            for name, parameter in inspect.signature(function).parameters.items()
            if name not in {"self", "x", "grad_output"} | AXIS_ARGUMENTS and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        ]
        if [name for name, _ in found] != [name for name, _ in expected] or any(
            default is inspect.Parameter.empty or float(default) != value for (_, default), (_, value) in zip(found, expected, strict=True)
        ):
            problems.append(f"{label} takes {found}; the definition's parameters are {expected}")
    if problems:
        return problems
    module = snippet.module_class()
    for parameter in loaded.activation.parameters:
        attribute = getattr(module, parameter.name, None)
        if parameter.learnable and not isinstance(attribute, nn.Parameter):
            problems.append(f"module.{parameter.name} is learnable, so it must be an nn.Parameter (found {type(attribute).__name__})")
        elif attribute is None or not np.allclose(float(torch.as_tensor(attribute).detach().double().mean()), parameter.default, rtol=1e-7, atol=0):
            problems.append(f"module.{parameter.name} must start at the default {parameter.default} (found {attribute!r})")
        elif not parameter.learnable and isinstance(attribute, nn.Parameter):
            problems.append(f"module.{parameter.name} is not learnable in the definition, but the module trains it")
    return problems


def _label(parameters: dict[str, float]) -> str:
    return ", ".join(f"{name}={value}" for name, value in parameters.items()) or "defaults"


def _grid(parameters: dict[str, float]) -> np.ndarray:
    return SAMPLE_XS if not parameters else SAMPLE_XS[::VARIANT_GRID_STEP]


def _float32_points(points: Iterable[float]) -> np.ndarray:
    """Sorted distinct points, rounded to float32 (so the float32 input is the float64 input)."""
    return np.unique(np.asarray(list(points), dtype=np.float32)).astype(np.float64)


def _kinks(loaded: Loaded, expression: sympy.Expr, parameters: dict[str, float]) -> list[float]:
    values = dict(loaded.math.defaults) | {loaded.math.symbols[name]: value for name, value in parameters.items()}
    return kink_points(expression, values)


def _off_kinks(points: np.ndarray, kinks: list[float]) -> np.ndarray:
    keep = np.ones(len(points), dtype=bool)
    for kink in kinks:
        keep &= np.abs(points - kink) > NEAR_KINK * max(1.0, abs(kink))
    return points[keep]


def _reference(evaluate: Callable[[float], float], points: np.ndarray) -> np.ndarray:
    return np.array([evaluate(float(x)) for x in points], dtype=np.float64)


def compare(label: str, got: object, expected: np.ndarray, points: np.ndarray, dtype: type[np.floating]) -> list[str]:
    """One problem line if `got` differs from `expected` beyond the tolerance of `dtype` (or is NaN/inf where it may not be).

    `points` (broadcast to the shape of `expected`) are the inputs named in the report.
    """
    values = np.asarray(got.detach().cpu().numpy() if isinstance(got, torch.Tensor) else got)
    if values.shape != expected.shape:
        return [f"{label}: shape {values.shape}, expected {expected.shape}"]
    if values.dtype != dtype:
        return [f"{label}: returns {values.dtype} for {np.dtype(dtype).name} input"]
    points = np.broadcast_to(points, expected.shape).ravel()
    values, expected = values.astype(np.float64).ravel(), expected.ravel()
    representable = np.isfinite(expected) & (np.abs(expected) <= np.finfo(dtype).max)
    bad = representable & ~np.isfinite(values)
    bad |= ~representable & np.isnan(values)
    tolerance = RELATIVE_TOLERANCE[dtype] * np.abs(expected) + ABSOLUTE_TOLERANCE[dtype]
    with np.errstate(invalid="ignore"):
        bad |= representable & np.isfinite(values) & ~(np.abs(values - expected) <= tolerance)
    if not bad.any():
        return []
    with np.errstate(invalid="ignore"):
        excess = np.where(bad, np.nan_to_num(np.abs(values - expected) / tolerance, nan=np.inf, posinf=np.inf), -1.0)
    worst = int(np.argmax(excess))
    return [
        f"{label}: wrong at {int(bad.sum())} of {len(points)} points; worst x = {points[worst].item()!r}: "
        f"got {values[worst].item()!r}, expected {expected[worst].item()!r}"
    ]


def _numpy_call(label: str, function: Callable[..., np.ndarray], *arguments: object, **parameters: float) -> tuple[object | None, list[str]]:
    """Call a NumPy function with floating-point errors raised (underflow excepted)."""
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            return function(*arguments, **parameters), []
    except FloatingPointError as error:
        return None, [f"{label}: NumPy floating-point error: {error}"]
    except Exception as error:
        return None, [f"{label}: raises {type(error).__name__}: {error}"]


def _module(snippet: Snippet, parameters: dict[str, float], dtype: type[np.floating], **arguments: object) -> nn.Module:
    """The module at `parameters`, built in `dtype`: a learnable 0.1 created as float32 and cast stays 0.1000000015."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(TORCH_DTYPES[dtype])
    try:
        module = snippet.module_class(**parameters, **arguments)
    finally:
        torch.set_default_dtype(previous)
    module.eval()  # a stochastic unit is the definition's deterministic f in evaluation mode
    return module.to(TORCH_DTYPES[dtype])


def _autograd(module: nn.Module, inputs: np.ndarray, dtype: type[np.floating], upstream: np.ndarray | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """The module's output and the gradient of Σ upstream ⊗ output with respect to the input."""
    tensor = torch.tensor(inputs, dtype=TORCH_DTYPES[dtype], requires_grad=True)
    output = module(tensor)
    weights = torch.ones_like(output) if upstream is None else torch.tensor(upstream, dtype=TORCH_DTYPES[dtype])
    if not output.requires_grad:
        return output.detach(), torch.zeros_like(tensor)
    (gradient,) = torch.autograd.grad((output * weights).sum(), tensor, allow_unused=True)
    return output.detach(), torch.zeros_like(tensor) if gradient is None else gradient


def _split_by_range(points: np.ndarray, references: list[np.ndarray], dtype: type[np.floating]) -> np.ndarray:
    """True where every reference value is finite in `dtype` (NumPy must not overflow there)."""
    limit = np.finfo(dtype).max
    inside = np.ones(len(points), dtype=bool)
    for reference in references:
        inside &= np.isfinite(reference) & (np.abs(reference) <= limit)
    return inside


def _check_elementwise(snippet: Snippet, loaded: Loaded, parameters: dict[str, float]) -> list[str]:
    """F and f′ of the NumPy pair and of the module (forward, autograd) at one parameter setting."""
    kinks = _kinks(loaded, loaded.math.function, parameters)
    beside = [k + side * BESIDE_KINK for k in kinks for side in (-1, 1)]
    points = _float32_points([*_grid(parameters), *SPECIAL_POINTS, *kinks, *beside])
    slope_points = _off_kinks(points, kinks)
    f_ref = _reference(loaded.math.f(parameters), points)
    df_ref = _reference(loaded.math.df(parameters), slope_points)
    where = _label(parameters)
    problems: list[str] = []
    for dtype in (np.float64, np.float32):
        name = np.dtype(dtype).name
        for label, function, xs, reference in (("NumPy f", snippet.function, points, f_ref), ("NumPy f′", snippet.gradient, slope_points, df_ref)):
            inside = _split_by_range(xs, [reference], dtype)
            got, errors = _numpy_call(f"{label} {name}, {where}", function, xs[inside].astype(dtype), **parameters)
            problems.extend(errors or compare(f"{label} {name}, {where}", got, reference[inside], xs[inside], dtype))
            with np.errstate(all="ignore"):
                outside = function(xs[~inside].astype(dtype), **parameters) if (~inside).any() else None
            if outside is not None and np.isnan(np.asarray(outside)).any():
                problems.append(f"{label} {name}, {where}: NaN where the value overflows {name}")
        module = _module(snippet, parameters, dtype)
        with torch.no_grad():
            output = module(torch.tensor(points, dtype=TORCH_DTYPES[dtype]))
        problems.extend(compare(f"module forward {name}, {where}", output, f_ref, points, dtype))
        _, gradient = _autograd(module, slope_points, dtype)
        problems.extend(compare(f"module autograd f′ {name}, {where}", gradient, df_ref, slope_points, dtype))
    return problems


def _check_gated(snippet: Snippet, loaded: Loaded, parameters: dict[str, float]) -> list[str]:
    """f(a, b) = a ⊗ g(b) on inputs [a, b] (halves of the last axis), and its gradient [g(b), a·g′(b)]."""
    kinks = _kinks(loaded, loaded.math.function, parameters)
    b = _off_kinks(_float32_points([*_grid(parameters), *SPECIAL_POINTS, *[k + s * BESIDE_KINK for k in kinks for s in (-1, 1)]]), kinks)
    a = np.where(np.arange(len(b)) % 2 == 0, 1.5, -0.75)
    inputs = np.stack([a, b], axis=-1)
    g, dg = _reference(loaded.math.f(parameters), b), _reference(loaded.math.df(parameters), b)
    expected_output = (a * g)[:, None]
    expected_gradient = np.stack([g, a * dg], axis=-1)
    upstream = np.ones((len(b), 1))
    return _check_vector_like(snippet, parameters, inputs, upstream, (expected_output, b[:, None]), (expected_gradient, b[:, None]))


def _check_vector(snippet: Snippet, loaded: Loaded, parameters: dict[str, float]) -> list[str]:
    """The two-class slice: the first output for the input (x, 0) is f(x), and ∂y₁/∂x₁ is f′(x)."""
    kinks = _kinks(loaded, loaded.math.function, parameters)
    beside = [k + s * BESIDE_KINK for k in kinks for s in (-1, 1)]
    x = _off_kinks(_float32_points([*_grid(parameters), *SPECIAL_POINTS, *beside]), kinks)
    inputs = np.stack([x, np.zeros_like(x)], axis=-1)
    f_ref, df_ref = _reference(loaded.math.f(parameters), x), _reference(loaded.math.df(parameters), x)
    upstream = np.stack([np.ones_like(x), np.zeros_like(x)], axis=-1)
    problems = []
    for dtype in (np.float64, np.float32):
        name, where = np.dtype(dtype).name, _label(parameters)
        output, errors = _numpy_call(f"NumPy f {name}, {where}", snippet.function, inputs.astype(dtype), **parameters)
        problems.extend(errors or compare(f"NumPy f (first output) {name}, {where}", np.asarray(output)[:, 0], f_ref, x, dtype))
        gradient, errors = _numpy_call(f"NumPy f′ {name}, {where}", snippet.gradient, inputs.astype(dtype), upstream.astype(dtype), **parameters)
        problems.extend(errors or compare(f"NumPy f′ (∂y₁/∂x₁) {name}, {where}", np.asarray(gradient)[:, 0], df_ref, x, dtype))
        module_output, module_gradient = _autograd(_module(snippet, parameters, dtype), inputs, dtype, upstream)
        problems.extend(compare(f"module forward (first output) {name}, {where}", module_output[:, 0], f_ref, x, dtype))
        problems.extend(compare(f"module autograd (∂y₁/∂x₁) {name}, {where}", module_gradient[:, 0], df_ref, x, dtype))
    return problems


def _check_vector_jacobian(snippet: Snippet, loaded: Loaded) -> list[str]:
    """Whole vectors at the defaults: outputs and Jᵀ·u against the definition's outputs and Jacobian, along either axis."""
    vector = loaded.vector
    assert vector is not None
    problems = []
    for z in (np.asarray(vector, dtype=np.float32).astype(np.float64) for vector in RANDOM_VECTORS):
        upstream = np.linspace(-1.0, 1.0, len(z)) + 0.3
        expected_output = vector.outputs(z)[None, :]
        expected_gradient = (vector.jacobian_matrix(z).T @ upstream)[None, :]
        problems.extend(_check_vector_like(snippet, {}, z[None, :], upstream[None, :], (expected_output, z), (expected_gradient, z)))
        # The same numbers along axis 0 of the transposed input.
        output, errors = _numpy_call("NumPy f along axis=0", snippet.function, z[:, None], axis=0)
        problems.extend(errors or compare(f"NumPy f along axis=0 at z = {z.tolist()}", output, expected_output.T, z[:, None], np.float64))
    return problems


def _check_vector_like(
    snippet: Snippet,
    parameters: dict[str, float],
    inputs: np.ndarray,
    upstream: np.ndarray,
    output_case: tuple[np.ndarray, np.ndarray],
    gradient_case: tuple[np.ndarray, np.ndarray],
) -> list[str]:
    """Outputs and the gradient of Σ upstream ⊗ outputs, for the NumPy pair and the module, in both precisions.

    Each case is (expected values, the input points to name in a report, broadcastable to them).
    """
    (expected_output, output_points), (expected_gradient, gradient_points) = output_case, gradient_case
    problems = []
    for dtype in (np.float64, np.float32):
        name, where = np.dtype(dtype).name, _label(parameters)
        output, errors = _numpy_call(f"NumPy f {name}, {where}", snippet.function, inputs.astype(dtype), **parameters)
        problems.extend(errors or compare(f"NumPy f {name}, {where}", output, expected_output, output_points, dtype))
        gradient, errors = _numpy_call(f"NumPy f′ {name}, {where}", snippet.gradient, inputs.astype(dtype), upstream.astype(dtype), **parameters)
        problems.extend(errors or compare(f"NumPy gradient {name}, {where}", gradient, expected_gradient, gradient_points, dtype))
        module_output, module_gradient = _autograd(_module(snippet, parameters, dtype), inputs, dtype, upstream)
        problems.extend(compare(f"module forward {name}, {where}", module_output, expected_output, output_points, dtype))
        problems.extend(compare(f"module autograd {name}, {where}", module_gradient, expected_gradient, gradient_points, dtype))
    return problems


def _check_multi_output(snippet: Snippet, loaded: Loaded, parameters: dict[str, float]) -> list[str]:
    """Outputs concatenated along the last axis; the gradient of each output alone is that output's derivative."""
    expressions = [loaded.math.function, *loaded.math.other_outputs]
    kinks = sorted({k for e in expressions for k in _kinks(loaded, e, parameters)})
    beside = [k + s * BESIDE_KINK for k in kinks for s in (-1, 1)]
    x = _off_kinks(_float32_points([*_grid(parameters), *SPECIAL_POINTS, *beside]), kinks)
    values = [_reference(loaded.math.evaluator(e, parameters), x) for e in expressions]
    slopes = [_reference(loaded.math.evaluator(sympy.diff(e, X), parameters), x) for e in expressions]
    expected_output = np.concatenate(values)
    problems = []
    for index, slope in enumerate(slopes):
        upstream = np.concatenate([np.ones_like(x) if i == index else np.zeros_like(x) for i in range(len(expressions))])
        problems.extend(_check_vector_like(snippet, parameters, x, upstream, (expected_output, np.concatenate([x] * len(expressions))), (slope, x)))
    return problems
