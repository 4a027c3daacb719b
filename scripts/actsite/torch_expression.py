"""The PyTorch expression a definition names, built without importing torch (the build needs no torch)."""

from __future__ import annotations

from .model import PyTorchApi


def pytorch_expression(api: PyTorchApi) -> str | None:
    """The Python expression that builds the module at the listed defaults, e.g. `torch.nn.ELU(alpha=1.0)`."""
    if api.module is None:
        return None
    arguments = ", ".join(f"{name}={value!r}" for name, value in api.defaults.items())
    return f"{api.module}({arguments})"
