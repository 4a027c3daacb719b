"""The gain `torch.nn.init.calculate_gain` returns, written out so the analysis needs no torch.

PyTorch's table (torch/nn/init.py): 1 for `linear`, the conv names and `sigmoid`; 5/3 for `tanh`;
√2 for `relu`; √(2 / (1 + negative_slope²)) for `leaky_relu` (slope 0.01 when no `param` is given);
3/4 for `selu`. `tests/test_initialization.py` calls torch for every name and compares.
"""

from __future__ import annotations

import math

from actsite.definitions.model import Activation

TORCH_LEAKY_DEFAULT = 0.01  # calculate_gain('leaky_relu') without a param uses this slope


def torch_gain(nonlinearity: str, param: float | None = None) -> float:
    """What `torch.nn.init.calculate_gain(nonlinearity, param)` returns."""
    if nonlinearity in ("linear", "sigmoid"):
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = TORCH_LEAKY_DEFAULT if param is None else param
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"calculate_gain has no gain for {nonlinearity!r}")


def slope_parameter(activation: Activation) -> str | None:
    """The math parameter passed to PyTorch as `negative_slope` (calculate_gain's `param` for leaky_relu), if any."""
    pytorch = activation.api.pytorch
    if pytorch is None:
        return None
    return next((name for name, argument in pytorch.parameter_map.items() if argument == "negative_slope"), None)


def activation_torch_gain(activation: Activation, parameters: dict[str, float] | None = None) -> float | None:
    """Torch's gain for this activation (at its defaults, or with some parameters replaced), None where torch has none."""
    pytorch = activation.api.pytorch
    if pytorch is None or pytorch.calculate_gain is None:
        return None
    param = None
    slope = slope_parameter(activation)
    if pytorch.calculate_gain == "leaky_relu" and slope is not None:
        defaults = {p.name: p.default for p in activation.parameters}
        param = (parameters or {}).get(slope, defaults[slope])
    return torch_gain(pytorch.calculate_gain, param)
