"""The YAML front matter of a generated page, written by a YAML serializer rather than by the templates."""

from __future__ import annotations

import yaml


def front_matter(fields: dict[str, object]) -> str:
    """`---`, the fields as YAML in the given order, `---` (no final newline: the template follows it).

    Strings are written on one line (runs of whitespace become one space), quoted by PyYAML where
    YAML would otherwise read them as something else, so a colon, `#` or quote in a title stays text.
    A mapping (`search: {boost: 1.5}`) is written as it is: its values are numbers.
    """
    flat = {key: _flat(value) for key, value in fields.items()}
    return "---\n" + yaml.safe_dump(flat, allow_unicode=True, sort_keys=False, default_flow_style=False, width=2**31 - 1) + "---"


def _flat(value: object) -> object:
    if isinstance(value, str):
        return _one_line(value)
    if isinstance(value, dict):
        return value
    return [_one_line(item) for item in value]  # type: ignore[attr-defined]


def _one_line(text: str) -> str:
    return " ".join(text.split())
