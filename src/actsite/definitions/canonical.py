"""The canonical key order of a definition: the order of the model's fields, at every level.

Mappings the model types as `dict` (`api.pytorch.defaults`, `parameter_map`, …) keep the author's
order: their order is shown on the page. `actsite fix` rewrites a file to this order (rule
`canonical-order` reports the mappings that are not in it), so diffs between definitions stay small.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from actsite.definitions.model import Activation


def nested_model(annotation: object) -> type[BaseModel] | None:
    """The model class inside a field's type (`Text`, `list[Parameter]`, `PyTorchApi | None` → the class), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated:
        return nested_model(get_args(annotation)[0])
    if origin in (list, tuple, Union, types.UnionType):
        for argument in get_args(annotation):
            found = nested_model(argument)
            if found is not None:
                return found
    return None


def _children(model: type[BaseModel], data: MutableMapping[str, Any], path: str) -> Iterator[tuple[type[BaseModel], MutableMapping[str, Any], str]]:
    """(model, mapping, field path) of the mappings nested in `data` that the model types as models."""
    for name, field in model.model_fields.items():
        child = nested_model(field.annotation)
        value = data.get(name)
        if child is None or value is None:
            continue
        here = f"{path}.{name}" if path else name
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, MutableMapping):
                    yield child, item, f"{here}[{index}]"
        elif isinstance(value, MutableMapping):
            yield child, value, here


def canonical_keys(model: type[BaseModel], keys: list[str]) -> list[str]:
    """`keys` in the order of the model's fields (unknown keys last, as they were)."""
    order = list(model.model_fields)
    return sorted(keys, key=lambda key: order.index(key) if key in order else len(order))


def out_of_order(data: MutableMapping[str, Any], model: type[BaseModel] = Activation, path: str = "") -> Iterator[tuple[str, list[str]]]:
    """(field path, canonical key order) of every mapping whose keys are not in the canonical order."""
    keys = [str(key) for key in data]
    if keys != canonical_keys(model, keys):
        yield path or "(top level)", canonical_keys(model, keys)
    for child, mapping, where in _children(model, data, path):
        yield from out_of_order(mapping, child, where)


def reorder(data: MutableMapping[str, Any], model: type[BaseModel] = Activation) -> None:
    """Put every mapping of `data` in canonical order, in place (`data` keeps its comments if it has any)."""
    for child, mapping, _ in _children(model, data, ""):
        reorder(mapping, child)
    for key in canonical_keys(model, [str(key) for key in data]):
        data.move_to_end(key)  # type: ignore[attr-defined]
