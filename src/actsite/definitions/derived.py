"""Fields a definition may leave out because they follow from others, and how they are filled in.

- `slug`: the file name (filled in by the loader, which knows the file);
- `year`: the year of the `origin` reference (explicit `year: null` keeps the year unknown);
- `api.pytorch.defaults.<argument>` for an argument of `api.pytorch.parameter_map`: the mapped
  parameter's `default`, when PyTorch's default is the page's default. Filled-in arguments come
  first, in `parameter_map` order, then the stated ones, so a left-out default renders in the same place.

The functions work on the plain YAML data, before the model validates it: the model fills the
fields in (`Activation` validator), the lint rule `derivable-fields` reports the fields stated
although derivable, and `actsite fix` leaves them out.
"""

from __future__ import annotations

from typing import Any


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def origin_year(data: dict[str, Any]) -> tuple[int, int] | None:
    """(index, year) of the earliest reference whose role is `origin` (the default role), if any."""
    found = [
        (reference["year"], index)
        for index, reference in enumerate(_list(data.get("references")))
        if isinstance(reference, dict) and reference.get("role", "origin") == "origin" and type(reference.get("year")) is int
    ]
    if not found:
        return None
    year, index = min(found)
    return index, year


def _pytorch(data: dict[str, Any]) -> dict[str, Any]:
    return _mapping(_mapping(data.get("api")).get("pytorch"))


def _parameter_defaults(data: dict[str, Any]) -> dict[str, tuple[int, object]]:
    """Parameter name → (index, default as written)."""
    return {
        parameter["name"]: (index, parameter["default"])
        for index, parameter in enumerate(_list(data.get("parameters")))
        if isinstance(parameter, dict) and isinstance(parameter.get("name"), str) and "default" in parameter
    }


def pytorch_defaults(data: dict[str, Any]) -> dict[str, Any] | None:
    """`api.pytorch.defaults` with the left-out mapped arguments filled in; None when nothing is left out."""
    pytorch = _pytorch(data)
    stated, required = _mapping(pytorch.get("defaults")), _mapping(pytorch.get("arguments"))
    parameters = _parameter_defaults(data)
    filled = {
        argument: parameters[name][1]
        for name, argument in _mapping(pytorch.get("parameter_map")).items()
        if name in parameters and argument not in stated and argument not in required
    }
    return {**filled, **stated} if filled else None


def with_derived_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of `data` with `year` and `api.pytorch.defaults` filled in where they were left out."""
    result = dict(data)
    if "year" not in result:
        origin = origin_year(result)
        if origin is not None:
            result["year"] = origin[1]
    defaults = pytorch_defaults(result)
    if defaults is not None:
        api = dict(_mapping(result.get("api")))
        api["pytorch"] = {**_pytorch(result), "defaults": defaults}
        result["api"] = api
    return result


def derivable_defaults(data: dict[str, Any]) -> list[str]:
    """The `api.pytorch.defaults` arguments that restate their mapped parameter's default and can be left out.

    They can when leaving them all out fills in the same values, of the same type, in the same order.
    """
    pytorch = _pytorch(data)
    stated, required = _mapping(pytorch.get("defaults")), _mapping(pytorch.get("arguments"))
    parameters = _parameter_defaults(data)
    mapped = {name: argument for name, argument in _mapping(pytorch.get("parameter_map")).items() if name in parameters and argument not in required}
    restated = [
        argument
        for name, argument in mapped.items()
        if argument in stated and type(stated[argument]) is type(parameters[name][1]) and stated[argument] == parameters[name][1]
    ]
    rest = {key: value for key, value in stated.items() if key not in restated}
    rebuilt = {**{argument: parameters[name][1] for name, argument in mapped.items() if argument in restated}, **rest}
    return restated if list(rebuilt) == list(stated) else []


def derivable_fields(data: dict[str, Any], file_stem: str) -> list[tuple[str, str]]:
    """(field path, what it restates) of every field stated although it would be derived the same."""
    found: list[tuple[str, str]] = []
    if data.get("slug") == file_stem:
        found.append(("slug", "is the file name"))
    origin = origin_year(data)
    if origin is not None and "year" in data and type(data["year"]) is int and data["year"] == origin[1]:
        found.append(("year", f"is the year of the origin reference (references[{origin[0]}].year)"))
    parameters = _parameter_defaults(data)
    by_argument = {argument: name for name, argument in _mapping(_pytorch(data).get("parameter_map")).items()}
    for argument in derivable_defaults(data):
        name = by_argument[argument]
        found.append((f"api.pytorch.defaults.{argument}", f"is the default of parameters[{parameters[name][0]}] ({name}), mapped by api.pytorch.parameter_map"))
    return found
