"""The PyTorch expression a definition names, built without importing torch (the build needs no torch)."""

from __future__ import annotations

from actsite.definitions.model import PyTorchApi


def pytorch_expression(api: PyTorchApi) -> str | None:
    """The expression that builds the module as the page uses it, e.g. `torch.nn.Softmax(dim=-1)`.

    Explicit `arguments` first, then the declared defaults not overridden by them.
    """
    if api.module is None:
        return None
    values = {**api.arguments, **{k: v for k, v in api.defaults.items() if k not in api.arguments}}
    arguments = ", ".join(f"{name}={value!r}" for name, value in values.items())
    return f"{api.module}({arguments})"
