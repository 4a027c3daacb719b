"""Read one definition file into plain data: UTF-8, one YAML mapping, no duplicate keys, no aliases.

PyYAML's safe loader silently keeps the last of two equal keys and expands aliases without bound
("billion laughs"); this loader rejects both, so what the file says is what the model sees.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class SourceError(ValueError):
    """The file cannot be read as a definition. `field` is the path of the offending key, if any."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class _StrictKeys:
    """Constructor mixin that refuses repeated keys and keys that are not plain scalars."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:  # type: ignore[override]
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            if not isinstance(key, str | int | float | bool):
                raise SourceError(f"line {key_node.start_mark.line + 1}", "keys must be plain names: write `name: value`")
            if key in seen:
                raise SourceError(f"line {key_node.start_mark.line + 1}", f"key {key!r} appears twice: keep one")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _StrictLoader(_StrictKeys, yaml.SafeLoader):
    """PyYAML's Python loader, strict: its error messages say more than libyaml's."""


# libyaml parses about ten times faster than PyYAML's Python parser; the constructor is Python's either way.
_FastLoader = type("_FastLoader", (_StrictKeys, yaml.CSafeLoader), {}) if getattr(yaml, "__with_libyaml__", False) else _StrictLoader


def load_yaml(text: str) -> object:
    """A project file's YAML value (`i18n/`), parsed by libyaml where installed; a repeated key raises SourceError.

    `load.load_all` reads every i18n file with `read_yaml` first and reports what is wrong in one line
    per problem, so the readers after it meet only files that passed.
    """
    return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader subclass


def _parse(text: str, loader: type) -> object:
    """The document's value; SourceError at the first anchor or alias (`&name`, `*name`), repeated or complex key."""
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise SourceError(f"line {event.start_mark.line + 1}", "YAML anchors and aliases (&name, *name) are not allowed: write the value out")
    return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses


def read_yaml(path: Path) -> tuple[str, object]:
    """The file's text and its YAML value, read strictly; raise SourceError saying what is wrong."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError("(file)", f"not UTF-8 (byte {error.start}): save the file as UTF-8") from None
    try:
        try:
            data = _parse(text, _FastLoader)
        except yaml.YAMLError:
            data = _parse(text, _StrictLoader)  # not valid YAML: PyYAML's parser words the problem better
    except SourceError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise SourceError(where, f"not valid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise SourceError("(file)", f"not valid YAML: {' '.join(str(error).split())}") from None
    return text, data


def read_mapping(path: Path) -> tuple[str, dict[str, object]]:
    """The file's text and its top-level mapping; raise SourceError saying what is wrong."""
    text, data = read_yaml(path)
    if not isinstance(data, dict):
        raise SourceError("(top level)", "the file must hold a mapping of fields (slug: …, name: …), as activations/leaky-relu.yaml does")
    return text, data
