"""What an activation costs in a real model: what autograd saves for backward, and where it stays finite.

For every activation with a PyTorch call (module, functional, or the gate of a gated kind), and for
the page's own snippet module (activations/code/<slug>.py), this measures:

- **memory saved for backward**: the tensors autograd keeps between forward and backward, caught
  with `torch.autograd.graph.saved_tensors_hooks` (each named by comparing it with the call's input
  and output: same storage, else its dtype and shape), and the bytes they hold per input element in
  float32 and bfloat16. Bytes are measured at two input sizes, so `bytes_per_element` is exactly what
  grows with the input and `constant_bytes` what does not (a learnable slope, a scalar);
- **safe input range**: per float16, bfloat16 and float32, the interval of x on which the output and
  its autograd gradient are finite, bisected over the representable numbers of that precision (their
  bit patterns are ordered as the numbers are) to the last finite one, then confirmed by the next
  representable number (`torch.nextafter`) being non-finite.

Modules run in training mode for memory (what a training step keeps; RReLU then saves its random
slopes) and in evaluation mode for ranges (deterministic). `make activation-cost` rewrites
data/activation-cost.json (`python -m actsite.verify.activation_cost --write`); tests/test_activation_cost.py
measures again and compares exactly.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch

from actsite.definitions.load import Loaded, load_all
from actsite.definitions.snippets import snippet_path
from actsite.render.code import MODULE_ONLY, pytorch_arguments
from actsite.render.cost_table import COST_PATH
from actsite.verify.code_snippets import load_snippet
from actsite.verify.data_file import dumps, write_or_print

MEMORY_DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16}
RANGE_DTYPES = {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32}
# Two input sizes (rows × 16 columns, the last dimension is what a vector kind reduces over): the
# difference of the bytes saved over the difference of the elements is exactly the per-element share.
MEMORY_SHAPES = ((4, 16), (8, 16))
# Integer types of the same width as each float type: their bit patterns, read as integers, are
# ordered as the non-negative floats are, so bisecting integers bisects representable numbers.
BITS = {torch.float16: torch.int16, torch.bfloat16: torch.int16, torch.float32: torch.int32, torch.float64: torch.int64}
SMALLEST_PROBE = 1e-3  # the interval is confirmed at ±1e−3·16ᵏ up to its ends
PROBE_FACTOR = 16  # ×16 per probe: about 35 probes per side in float32, enough to find a hole, cheap enough to re-measure in a test


@dataclass(frozen=True)
class Call:
    """One way to run the activation: a label as the page writes it and a factory of the callable."""

    label: str
    make: Callable[[], Callable[[torch.Tensor], torch.Tensor]]
    inplace: bool = False


def _resolve(dotted: str) -> Any:
    target: Any = torch
    for part in dotted.split(".")[1:]:
        target = getattr(target, part)
    return target


def _arguments(values: dict[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in values.items())


def pytorch_calls(loaded: Loaded) -> list[Call]:
    """The PyTorch calls the page shows: the module, the module with `inplace=True` where it takes it, the functional, the gate."""
    api = loaded.activation.api.pytorch
    if api is None:
        return []
    calls: list[Call] = []
    values = pytorch_arguments(loaded.activation)
    if api.module:
        module_class = _resolve(api.module)
        calls.append(Call(f"{api.module}({_arguments(values)})", lambda: module_class(**values)))
        if "inplace" in inspect.signature(module_class).parameters:
            in_place = {**values, "inplace": True}
            calls.append(Call(f"{api.module}({_arguments(in_place)})", lambda: module_class(**in_place), inplace=True))
    elif api.gate:
        gate = api.gate

        def gated() -> Callable[[torch.Tensor], torch.Tensor]:
            module = eval(gate, {"torch": torch})  # noqa: S307 - expressions come from our own definitions

            def forward(x: torch.Tensor) -> torch.Tensor:
                a, b = x.chunk(2, dim=-1)
                return a * module(b)

            return forward

        calls.append(Call(f"a * {gate}(b)", gated))
    if api.functional:
        function = _resolve(api.functional)
        functional = {k: v for k, v in values.items() if k not in MODULE_ONLY}
        if "init" in values:
            weight = torch.full((int(values.get("num_parameters", 1)),), float(values["init"]))

            def weighted() -> Callable[[torch.Tensor], torch.Tensor]:
                return lambda x: function(x, weight.to(x.dtype).requires_grad_(), **functional)

            calls.append(Call(f"{api.functional}(x, weight)", weighted))
        else:
            calls.append(Call(f"{api.functional}({_arguments({'x': 0, **functional}).replace('x=0', 'x')})", lambda: lambda x: function(x, **functional)))
    return calls


def snippet_call(loaded: Loaded) -> Call:
    """The page's own snippet module at its defaults."""
    snippet = load_snippet(snippet_path(loaded.slug), loaded.slug)
    return Call(f"{snippet.module_class.__name__}()", snippet.module_class)


def _prepare(callable_: Callable[[torch.Tensor], torch.Tensor], dtype: torch.dtype, training: bool) -> Callable[[torch.Tensor], torch.Tensor]:
    if isinstance(callable_, torch.nn.Module):
        callable_.train(training)
        callable_.to(dtype)
    return callable_


def _describe(saved: torch.Tensor, x: torch.Tensor, y: torch.Tensor, inplace: bool) -> str:
    """A saved tensor named by what it is: `input`, `output` (its storage, or a view of it), else `<dtype>[<size>]`.

    The size is `input` or `output` (as many elements), `row` (one per row of a vector kind), `scalar`,
    or the shape itself; none depends on the number of rows, so both measured sizes describe alike.
    """
    # By storage, not by tensor: a view keeps its whole storage alive (GLU's halves are views of the input).
    storage = saved.untyped_storage().data_ptr()
    same_as_y = storage == y.untyped_storage().data_ptr()
    same_as_x = storage == x.untyped_storage().data_ptr()
    if same_as_y and (inplace or not same_as_x):
        return "output"
    if same_as_x:
        return "input"
    if saved.numel() == x.numel():
        shape = "input"
    elif saved.numel() == y.numel():
        shape = "output"
    elif saved.numel() == x.shape[0]:
        shape = "row"  # one value per row: what a vector kind reduces over the last dimension
    elif saved.numel() == 1:
        shape = "scalar"
    else:
        shape = "x".join(str(n) for n in saved.shape)
    return f"{str(saved.dtype).removeprefix('torch.')}[{shape}]"


def _saved(call: Call, dtype: torch.dtype, shape: tuple[int, int]) -> tuple[list[str], int]:
    """The saved tensors of one forward (described, in saving order, each storage once) and their bytes."""
    torch.manual_seed(0)
    leaf = torch.randn(shape, dtype=dtype, requires_grad=True)
    x = leaf * 1  # not a leaf, so in-place calls are allowed; the product saves nothing (a constant factor)
    function = _prepare(call.make(), dtype, training=True)
    caught: list[torch.Tensor] = []

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        caught.append(tensor)
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        y = function(x)
    seen: set[tuple[int, int]] = set()
    described: list[str] = []
    total = 0
    for tensor in caught:
        key = (tensor.untyped_storage().data_ptr(), tensor.untyped_storage().nbytes())
        if key in seen:
            continue
        seen.add(key)
        described.append(_describe(tensor, x, y, call.inplace))
        total += tensor.untyped_storage().nbytes()
    y.sum().backward()  # the graph must be usable: a call that saved too little would fail here
    return described, total


def memory(call: Call) -> dict[str, Any]:
    """Per memory dtype: the saved tensors, bytes per input element and bytes that do not grow with it."""
    result: dict[str, Any] = {}
    for name, dtype in MEMORY_DTYPES.items():
        (saved, small), (saved_large, large) = (_saved(call, dtype, shape) for shape in MEMORY_SHAPES)
        assert saved == saved_large, (call.label, saved, saved_large)
        elements = [rows * columns for rows, columns in MEMORY_SHAPES]
        per_element = (large - small) / (elements[1] - elements[0])
        result[name] = {"saved": saved, "bytes_per_element": per_element, "constant_bytes": small - per_element * elements[0]}
    return result


def _input(x: torch.Tensor, kind: str) -> torch.Tensor:
    """What the call is given for the scalar x: x itself, (x, 0) for a vector kind, (x, x) for a gated one."""
    if kind == "vector":
        return torch.stack([x, torch.zeros_like(x)])
    if kind == "gated":
        return torch.stack([x, x])
    return x.reshape(1)


RANGE_INPUT = {"vector": "(x, 0)", "gated": "(x, x)"}


def _finite(function: Callable[[torch.Tensor], torch.Tensor], value: torch.Tensor, kind: str) -> tuple[bool, bool]:
    """Whether the output at x, and its gradient (of the sum of the outputs) with respect to x, are finite."""
    x = value.clone().requires_grad_()
    y = function(_input(x, kind))
    output = bool(torch.isfinite(y).all())
    if not y.requires_grad:
        return output, True
    (gradient,) = torch.autograd.grad(y.sum(), x, allow_unused=True)
    return output, gradient is None or bool(torch.isfinite(gradient).all())


def _edge(predicate: Callable[[torch.Tensor], bool], dtype: torch.dtype, sign: int) -> float:
    """The last representable x on the side `sign` of 0 where `predicate` holds, walking outwards from 0."""
    bits = BITS[dtype]
    largest = torch.tensor(torch.finfo(dtype).max, dtype=dtype)

    def at(pattern: int) -> torch.Tensor:
        return torch.tensor([pattern], dtype=bits).view(dtype)[0] * sign

    top = int(largest.view(bits))
    if predicate(at(top)):
        return float(at(top))
    low, high = 0, top  # predicate holds at low (x = 0), fails at high
    while high - low > 1:
        middle = (low + high) // 2
        if predicate(at(middle)):
            low = middle
        else:
            high = middle
    edge = at(low)
    beyond = torch.nextafter(edge, edge + sign * largest)
    assert not predicate(beyond), (float(edge), float(beyond))
    return float(edge)


def _confirm(predicate: Callable[[torch.Tensor], bool], low: float, high: float, dtype: torch.dtype) -> None:
    """The interval has no hole: the predicate holds at ±1e−3·16ᵏ inside it (bisection assumes one boundary per side)."""
    for sign, end in ((-1, low), (1, high)):
        probe = SMALLEST_PROBE
        while probe < abs(end):
            assert predicate(torch.tensor(sign * probe, dtype=dtype)), f"not finite at {sign * probe} inside [{low}, {high}]"
            probe *= PROBE_FACTOR


def finite_intervals(function: Callable[[torch.Tensor], torch.Tensor], dtype: torch.dtype, kind: str = "elementwise") -> dict[str, list[float]]:
    """The interval of x where the output of `function` is finite, and where its gradient is too, in `dtype`."""
    intervals: dict[str, list[float]] = {}
    for key, index in (("output", slice(0, 1)), ("gradient", slice(0, 2))):

        def predicate(value: torch.Tensor, index: slice = index) -> bool:
            return all(_finite(function, value, kind)[index])

        low, high = _edge(predicate, dtype, -1), _edge(predicate, dtype, 1)
        _confirm(predicate, low, high, dtype)
        intervals[key] = [low, high]
    return intervals


def safe_range(call: Call, kind: str) -> dict[str, Any]:
    """Per range dtype: the interval of x where the output is finite, and where the gradient is too."""
    return {name: finite_intervals(_prepare(call.make(), dtype, training=False), dtype, kind) for name, dtype in RANGE_DTYPES.items()}


def measure_one(loaded: Loaded) -> dict[str, Any] | None:
    """The calls of one activation with their memory, the range of the page's call and of its snippet."""
    calls = pytorch_calls(loaded)
    if not calls:
        return None
    kind = loaded.activation.kind.value
    snippet = snippet_call(loaded)
    return {
        "memory": [{"call": call.label, **memory(call)} for call in [*calls, snippet]],
        "range": {"call": calls[0].label, **safe_range(calls[0], kind)},
        "snippet_range": {"call": snippet.label, **safe_range(snippet, kind)},
        "range_input": RANGE_INPUT.get(kind, "x"),
    }


def versions() -> dict[str, str]:
    """The versions that produced the numbers."""
    return {"python": sys.version.split()[0], "torch": torch.__version__}


def measure(definitions: list[Loaded] | None = None) -> dict[str, Any]:
    """Everything the file holds: the versions, then per slug with a PyTorch call its memory and ranges."""
    definitions = load_all() if definitions is None else definitions
    torch.set_num_threads(1)  # one thread: the same kernels, hence the same saved tensors, on any machine
    activations = {loaded.slug: measured for loaded in definitions if (measured := measure_one(loaded)) is not None}
    return {"versions": versions(), "activations": activations}


def serialise(measured: dict[str, Any]) -> str:
    """The file's text (`data_file.dumps`)."""
    return dumps(measured)


def main(argv: list[str]) -> int:
    """`--write`: rewrite the file; otherwise print the measurement."""
    return write_or_print(serialise(measure()), COST_PATH, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
