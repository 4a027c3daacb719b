"""The #code section of an activation page: framework calls ("Use it") and the snippet ("Implement it").

"Use it" is computed from the definition's `api` fields: the PyTorch module and functional with
the page's parameters, the Keras and JAX names, and porting notes wherever an argument's name or
default differs from PyTorch's or from the page's value. "Implement it" shows the two cells of
`activations/code/<slug>.py` exactly as the tests execute them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from actsite.definitions.load import Loaded
from actsite.definitions.model import Activation, OtherApi, Parameter
from actsite.definitions.snippets import read_cells, snippet_path

# Arguments that are the same thing under the framework's own name: PyTorch's `dim` is `axis` elsewhere.
SAME_ARGUMENT = {"dim": "axis"}
# PyTorch constructor arguments that are not arguments of the functional (module shape, initial weight).
MODULE_ONLY = ("num_parameters", "init")
Value = bool | int | float | str | None


@dataclass(frozen=True)
class Call:
    """One framework entry as the page calls it."""

    name: str
    arguments: dict[str, Value]


def _literal(value: object) -> str:
    """A Python literal as a reader would type it (`0.01`, `-1`, `'none'`, `True`)."""
    return repr(value)


def _arguments(values: dict[str, Value]) -> str:
    return ", ".join(f"{name}={_literal(value)}" for name, value in values.items())


def _is_class(name: str) -> bool:
    """`torch.nn.GELU`, `keras.layers.ReLU`: the last part is CapWords (a layer to construct)."""
    return name.rsplit(".", 1)[-1][:1].isupper()


def pytorch_arguments(activation: Activation) -> dict[str, Value]:
    """The module's arguments with the page's values: explicit ones, then the declared defaults in order (not None).

    An argument that carries one of the page's parameters (`parameter_map`) has the parameter's value.
    """
    api = activation.api.pytorch
    assert api is not None
    page = {api.parameter_map[p.name]: p.default for p in activation.parameters if p.name in api.parameter_map}
    values: dict[str, Value] = dict(api.arguments)
    for name, default in api.defaults.items():
        if name not in values and (default is not None or name in page):
            values[name] = page.get(name, default)
    values.update({name: value for name, value in page.items() if name not in values})
    return values


def pytorch_lines(activation: Activation) -> list[str]:
    """`import torch` and the module / functional / gate calls, or [] without a PyTorch entry."""
    api = activation.api.pytorch
    if api is None or not (api.module or api.functional or api.gate):
        return []
    lines = ["import torch", ""]
    values = pytorch_arguments(activation)
    if api.module:
        lines.append(f"y = {api.module}({_arguments(values)})(x)")
    elif api.gate:
        lines += ["a, b = x.chunk(2, dim=-1)", f"y = a * {api.gate}(b)"]
    if api.functional:
        functional = {k: v for k, v in values.items() if k not in MODULE_ONLY}
        weights = [f"torch.full(({values.get('num_parameters', 1)},), {_literal(values['init'])})"] if "init" in values else []
        lines.append(f"y = {api.functional}({', '.join(['x', *weights, *([_arguments(functional)] if functional else [])])})")
    return lines


def other_call(entry: OtherApi, activation: Activation) -> Call:
    """A Keras or JAX entry with the page's values for the arguments PyTorch also has (by name, `dim` as `axis`)."""
    pytorch = pytorch_arguments(activation) if activation.api.pytorch else {}
    names = {SAME_ARGUMENT.get(name, name): value for name, value in pytorch.items()}
    page = {parameter.name: parameter.default for parameter in activation.parameters}
    arguments: dict[str, Value] = {}
    for name in entry.defaults:
        if name in page:
            arguments[name] = page[name]
        elif name in names and (name == "axis" or _mapped(activation, _pytorch_name(name))):
            arguments[name] = names[name]
    return Call(entry.name, arguments)


def _pytorch_name(name: str) -> str:
    reverse = {other: pytorch for pytorch, other in SAME_ARGUMENT.items()}
    return reverse.get(name, name)


def _mapped(activation: Activation, pytorch_name: str) -> bool:
    """True if the PyTorch argument `pytorch_name` carries one of the page's parameters."""
    api = activation.api.pytorch
    return api is not None and pytorch_name in api.parameter_map.values()


def framework_lines(entries: list[OtherApi], activation: Activation, t: dict[str, str]) -> list[str]:
    """`import <package>` and one line per entry: a layer applied to x, a function called on x, a Flax module constructed.

    An entry that declares no defaults while PyTorch takes some of the page's parameters may need
    arguments the definition does not record: it gets a comment instead of a call that might not run.
    """
    if not entries:
        return []
    packages = sorted({entry.name.split(".", 1)[0] for entry in entries})
    lines = [*(f"import {package}" for package in packages), ""]
    api = activation.api.pytorch
    mapped = [p for p in activation.parameters if api and p.name in api.parameter_map]
    for entry in entries:
        call = other_call(entry, activation)
        if mapped and not entry.defaults:
            values = ", ".join(f"{p.name} = {_literal(p.default)}" for p in mapped)
            lines.append("# " + t["code_unrecorded"].format(name=call.name, values=values))
        elif not _is_class(call.name):
            lines.append(f"y = {call.name}({', '.join(['x', *([_arguments(call.arguments)] if call.arguments else [])])})")
        elif call.name.startswith("keras."):
            lines.append(f"y = {call.name}({_arguments(call.arguments)})(x)")
        else:
            lines.append(f"layer = {call.name}({_arguments(call.arguments)})")
    return lines


def porting_notes(activation: Activation, t: dict[str, str]) -> list[str]:
    """Where a Keras or JAX argument's name or default differs from PyTorch's or from the page's value."""
    api = activation.api.pytorch
    pytorch = pytorch_arguments(activation) if api else {}
    notes: list[str] = []
    unmapped = [p for p in activation.parameters if not (api and p.name in api.parameter_map)]
    if api and (api.module or api.functional) and unmapped:
        notes.append(t["port_no_parameter"].format(call=f"`{api.module or api.functional}`", symbols=_symbols(unmapped)))
    # An entry without declared defaults may still take required arguments, so nothing is said about its names.
    for entry in (entry for entry in [*activation.api.keras, *activation.api.jax] if entry.defaults):
        call = f"`{entry.name}`"
        other = {_pytorch_name(name): value for name, value in entry.defaults.items()}
        for parameter in activation.parameters:
            name = api.parameter_map.get(parameter.name) if api else None
            if name and name in other and other[name] != parameter.default:
                notes.append(t["port_default"].format(call=call, argument=f"`{_own_name(name)}={_literal(other[name])}`", value=_literal(parameter.default)))
        shared = sorted(name for name in set(pytorch) & set(other) if not _mapped(activation, name) and pytorch[name] != other[name] and other[name] is not None)
        notes.extend(
            t["port_default_differs"].format(call=call, argument=f"`{_own_name(name)}`", other=f"`{_literal(other[name])}`", pytorch=f"`{_literal(pytorch[name])}`")
            for name in shared
        )
        only_pytorch = sorted(set(pytorch) - set(other) - set(MODULE_ONLY))
        only_other = sorted(_own_name(name) for name in set(other) - set(pytorch))
        if api and (only_pytorch or only_other):
            notes.append(
                t["port_names"].format(
                    call=call,
                    pytorch=", ".join(f"`{name}`" for name in only_pytorch) or t["none_available"],
                    other=", ".join(f"`{name}`" for name in only_other) or t["none_available"],
                )
            )
        if unmapped and not any(p.name in entry.defaults for p in unmapped):
            notes.append(t["port_no_parameter"].format(call=call, symbols=_symbols(unmapped)))
    return notes


def _own_name(pytorch_name: str) -> str:
    return SAME_ARGUMENT.get(pytorch_name, pytorch_name)


def _symbols(parameters: list[Parameter]) -> str:
    return ", ".join(f"${p.latex}$ = {_literal(p.default)}" for p in parameters)


def fence(code: str) -> str:
    """A backtick fence longer than any run of backticks in `code`, so the block cannot be closed early."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def code_view(loaded: Loaded, language: str, t: dict[str, str]) -> dict[str, Any]:
    """The values of the #code section in `language`."""
    activation = loaded.activation
    use = [
        {"framework": framework, "code": "\n".join(lines), "fence": fence("\n".join(lines))}
        for framework, lines in (
            ("PyTorch", pytorch_lines(activation)),
            ("Keras", framework_lines(activation.api.keras, activation, t)),
            ("JAX", framework_lines(activation.api.jax, activation, t)),
        )
        if lines
    ]
    cells = read_cells(loaded.slug, loaded.path.parent)
    return {
        "use": use,
        "no_framework": None if use else t["code_no_framework"],
        "porting": porting_notes(activation, t),
        "cells": [{"title": t[f"code_cell_{cell.title.lower()}"], "code": cell.code.rstrip("\n"), "fence": fence(cell.code)} for cell in cells or []],
        "intro": t["code_implement_intro"].format(source="activations/code/" + snippet_path(loaded.slug, loaded.path.parent).name),
    }
