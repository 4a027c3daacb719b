"""Time each activation's PyTorch call on CPU relative to ReLU; write data/activation-speed.json.

For every activation with a PyTorch call (the first the page shows: the module, else the gate or the
functional, `activation_cost.pytorch_calls`), on a float32 tensor of 2²² elements (2¹⁶ rows of 64, so a
vector kind reduces over rows of a realistic width):

- forward: the call in evaluation mode under `torch.no_grad()` (inference);
- forward + backward: the call in training mode, then `backward` with a gradient of ones.

Each round times ReLU and the activation back to back (the better of `REPEATS` calls each), in turn
for both measures, so a change of machine load hits both alike; the figure is the median over
`ROUNDS` rounds of the ratio activation / ReLU. One thread (`torch.set_num_threads(1)`): the ratio
then reflects the kernel's work per element rather than how well it splits across cores, and two
agents sharing the machine disturb it less. The file records the CPU model, the thread count and the
versions. Timings are noisy: `make measure-cost` rewrites the file, the tests only check that it is
complete and well-formed (tests/test_activation_cost.py).
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from actsite.definitions.load import Loaded, load_all
from actsite.render.cost_table import SPEED_PATH
from actsite.verify.activation_cost import Call, pytorch_calls, versions
from actsite.verify.data_file import dumps, write_or_print

ELEMENTS = 2**22
SHAPE = (2**16, 64)
ROUNDS = 7
REPEATS = 3
THREADS = 1
MEASURES = ("forward", "forward_backward")
REFERENCE = Call("torch.nn.ReLU()", torch.nn.ReLU)


def cpu_model() -> str:
    """The CPU's model name as the kernel reports it (/proc/cpuinfo), else what `platform` knows."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _timer(call: Call, measure: str) -> Callable[[], float]:
    """A function that runs the call once the way `measure` says and returns the seconds it took."""
    function = call.make()
    training = measure == "forward_backward"
    if isinstance(function, torch.nn.Module):
        function.train(training)
    torch.manual_seed(0)
    x = torch.randn(SHAPE, dtype=torch.float32)
    if not training:

        def forward() -> float:
            start = time.perf_counter()
            with torch.no_grad():
                function(x)
            return time.perf_counter() - start

        return forward
    leaf = x.requires_grad_()

    def forward_backward() -> float:
        leaf.grad = None
        start = time.perf_counter()
        # An in-place call may not overwrite a leaf: the cloned input is part of every call's time alike.
        y = function(leaf.clone() if call.inplace else leaf)
        y.backward(torch.ones_like(y))
        return time.perf_counter() - start

    return forward_backward


def _best(timer: Callable[[], float]) -> float:
    return min(timer() for _ in range(REPEATS))


def ratios(call: Call) -> dict[str, Any]:
    """Per measure: the median over the rounds of time(call) / time(ReLU), and the medians of both times in ms."""
    result: dict[str, Any] = {}
    for measure in MEASURES:
        timers = (_timer(REFERENCE, measure), _timer(call, measure))
        for timer in timers:
            timer()  # warm up: first-call allocations and kernel selection are not the steady cost
        reference_times, call_times = [], []
        for _ in range(ROUNDS):
            reference_times.append(_best(timers[0]))
            call_times.append(_best(timers[1]))
        result[measure] = {
            "ratio": statistics.median(c / r for c, r in zip(call_times, reference_times, strict=True)),
            "ms": statistics.median(call_times) * 1e3,
            "relu_ms": statistics.median(reference_times) * 1e3,
        }
    return result


def measure(definitions: list[Loaded] | None = None) -> dict[str, Any]:
    """The machine, the settings, and per slug with a PyTorch call its ratios to ReLU."""
    definitions = load_all() if definitions is None else definitions
    torch.set_num_threads(THREADS)
    activations: dict[str, Any] = {}
    for loaded in definitions:
        calls = pytorch_calls(loaded)
        if calls:
            activations[loaded.slug] = {"call": calls[0].label, **ratios(calls[0])}
            print(f"{loaded.slug}: {activations[loaded.slug]['forward']['ratio']:.2f} {activations[loaded.slug]['forward_backward']['ratio']:.2f}", file=sys.stderr)
    return {
        "machine": {"cpu": cpu_model(), "threads": torch.get_num_threads(), "logical_cpus": torch.multiprocessing.cpu_count()},
        "settings": {"dtype": "float32", "elements": ELEMENTS, "shape": list(SHAPE), "rounds": ROUNDS, "repeats": REPEATS, "reference": REFERENCE.label},
        "versions": versions(),
        "activations": activations,
    }


def serialise(measured: dict[str, Any]) -> str:
    """JSON with sorted keys and ratios and times rounded to 3 significant digits (more is noise)."""

    def rounded(value: Any) -> Any:
        if isinstance(value, float):
            return float(f"{value:.3g}")
        if isinstance(value, dict):
            return {key: rounded(item) for key, item in value.items()}
        if isinstance(value, list):
            return [rounded(item) for item in value]
        return value

    return dumps(rounded(measured))


def main(argv: list[str]) -> int:
    """`--write`: rewrite the file; otherwise print the measurement."""
    return write_or_print(serialise(measure()), SPEED_PATH, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
