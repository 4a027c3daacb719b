"""`actsite fix`: rewrite a definition to canonical key order and leave out the derivable fields.

A round trip through ruamel.yaml keeps comments, quoting, flow style and folded scalars; numbers
keep the digits they were written with. Only the keys that move and the lines that go away change.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from actsite.definitions.canonical import reorder
from actsite.definitions.derived import derivable_defaults, derivable_fields


class WrittenFloat(float):
    """A float that remembers how it was written (`1.0507009873554804934193349852946`, `1e-3`)."""

    written: str


class _Constructor(RoundTripConstructor):
    def construct_yaml_float(self, node: ScalarNode) -> float:  # type: ignore[override]
        value = WrittenFloat(super().construct_yaml_float(node))
        value.written = str(node.value)
        return value


class _Representer(RoundTripRepresenter):
    def represent_written_float(self, data: WrittenFloat) -> object:
        return self.represent_scalar("tag:yaml.org,2002:float", data.written)


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
_Representer.add_representer(WrittenFloat, _Representer.represent_written_float)


def _yaml() -> YAML:
    """The round-trip YAML the definitions are written in: 2-space mappings, `  - ` items, no line wrapping."""
    yaml = YAML()
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def round_trip(text: str) -> str:
    """`text` loaded and dumped unchanged: equal to `text` for every definition (tested)."""
    yaml = _yaml()
    buffer = io.StringIO()
    yaml.dump(yaml.load(text), buffer)
    return buffer.getvalue()


def _drop_derivable(data: CommentedMap, file_stem: str) -> None:
    plain: dict[str, Any] = data  # the derivations read plain mappings; a CommentedMap is one
    restated = derivable_defaults(plain)
    for field, _ in derivable_fields(plain, file_stem):
        if field in ("slug", "year"):
            del data[field]
    if restated:
        pytorch = data["api"]["pytorch"]
        for argument in restated:
            del pytorch["defaults"][argument]
        if not pytorch["defaults"]:
            del pytorch["defaults"]


def fixed_text(text: str, file_stem: str) -> str:
    """The definition `text` (of `activations/<file_stem>.yaml`) in canonical order, without derivable fields."""
    yaml = _yaml()
    data = yaml.load(text)
    _drop_derivable(data, file_stem)
    reorder(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
