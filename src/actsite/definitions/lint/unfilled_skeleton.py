"""Rule `unfilled-skeleton`: no `TODO` left from `actsite new`."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation

MARKER = "TODO"


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(field path, string) of every string in a model, list or mapping, in field order."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{where}.{name}" if where else name)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")


def check(activation: Activation) -> Iterator[Problem]:
    """Every field whose text still holds the skeleton's marker."""
    for where, text in _strings(activation, ""):
        if MARKER in text:
            yield Problem(where, f"still says {MARKER}: write the real value")


RULE = Rule(
    name="unfilled-skeleton",
    description=f"No field still holds the `{MARKER}` marker that `actsite new` writes.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
