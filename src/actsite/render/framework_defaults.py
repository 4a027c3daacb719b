"""Where a Keras or JAX entry, called with its own defaults, computes another function than the page's f.

Computed from the declared facts (`defaults`, `arguments`, `parameter_map` of each entry), which
tests/test_frameworks.py checks against the installed libraries: a mapped parameter whose default
differs from the page's (Keras' Leaky ReLU slope 0.3 against 0.01), or an argument the page must
pass to override a default (`jax.nn.gelu(approximate=False)`). The API table's note says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from actsite.definitions.model import Activation, OtherApi


@dataclass(frozen=True)
class DefaultDifference:
    """A mapped parameter whose framework default is not the page's default."""

    parameter: str
    latex: str
    argument: str
    framework_default: object
    page_default: float
    pytorch_default: object | None  # the PyTorch default of the same parameter, where PyTorch maps it


def default_differences(activation: Activation, entry: OtherApi) -> list[DefaultDifference]:
    """The entry's mapped parameters whose declared default differs from the page's, in parameter order."""
    pytorch = activation.api.pytorch
    differences: list[DefaultDifference] = []
    for parameter in activation.parameters:
        argument = entry.parameter_map.get(parameter.name)
        if argument is None or argument not in entry.defaults or entry.defaults[argument] == parameter.default:
            continue
        pytorch_argument = pytorch.parameter_map.get(parameter.name) if pytorch else None
        pytorch_default = pytorch.defaults.get(pytorch_argument) if pytorch and pytorch_argument else None
        differences.append(DefaultDifference(parameter.name, parameter.latex, argument, entry.defaults[argument], parameter.default, pytorch_default))
    return differences


def overridden_defaults(entry: OtherApi) -> dict[str, object]:
    """The arguments the page passes in place of a declared default (`approximate=False` for `jax.nn.gelu`)."""
    return {name: value for name, value in entry.arguments.items() if name in entry.defaults and entry.defaults[name] != value}


def computes_another_function(activation: Activation, entry: OtherApi) -> bool:
    """True if the entry called with its own defaults is not the page's f at the page's defaults."""
    return bool(default_differences(activation, entry) or overridden_defaults(entry))
