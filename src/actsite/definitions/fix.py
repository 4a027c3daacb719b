"""`actsite fix`: rewrite a definition to canonical key order and leave out the derivable fields.

A round trip through ruamel.yaml keeps comments, quoting, flow style and folded scalars; numbers
keep the digits they were written with. Only the keys that move and the lines that go away change.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from actsite.definitions.canonical import reorder
from actsite.definitions.derived import derivable_defaults, derivable_fields
from actsite.definitions.load import load_one
from actsite.definitions.source import SourceError, read_mapping


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

    def represent_none(self, data: None) -> object:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")  # ruamel.yaml writes `key:` with nothing after it


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_yaml_float)
_Representer.add_representer(WrittenFloat, _Representer.represent_written_float)
_Representer.add_representer(type(None), _Representer.represent_none)


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


class FixError(ValueError):
    """The rewritten file would load differently from the original (a bug of the rewriter): nothing is written."""


def fix_file(path: Path, write: bool = True) -> bool:
    """Rewrite `path` to its fixed text if that differs; True if it did (or would, with `write=False`).

    The file must load; the fixed text must load to the same definition, compared as JSON (order
    of mappings included), or FixError is raised and the file is left as it was. With `write=False`
    (`actsite fix --check`) a file already in canonical form is not validated: that is `actsite check`'s
    job (and the test suite's), and it costs the SymPy checks of every definition.
    """
    if not write:
        with contextlib.suppress(SourceError, KeyError, TypeError, ValueError):  # whatever is off: the full path below says it
            text, _ = read_mapping(path)
            if fixed_text(text, path.stem) == text:
                return False
    original = load_one(path)
    text = fixed_text(original.source_text, path.stem)
    if text == original.source_text:
        return False
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / path.name
        trial.write_text(text, encoding="utf-8")
        rewritten = load_one(trial)
    if rewritten.activation.model_dump_json() != original.activation.model_dump_json():
        raise FixError(f"{path}: (file): the fixed text would load differently: file left unchanged (please report this)")
    if write:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
    return True
