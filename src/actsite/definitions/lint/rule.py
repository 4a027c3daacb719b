"""What a lint rule is: a name, a one-line description, a scope, a severity and a check.

A rule's `check` takes the subject of its scope and yields `Problem`s:

- scope `file`: a `SourceFile` (the file's path, text and plain YAML data, before the model);
- scope `definition`: one validated `Activation`;
- scope `catalogue`: the `Catalogue` of every validated definition (and the i18n files).

File and definition problems name only the field; the runner adds the file. Catalogue problems
name their file themselves. Every problem prints as one line,
`activations/<file>.yaml: <field path>: <what is wrong and how to fix it>`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from actsite.definitions.model import Activation


class Scope(StrEnum):
    """What one run of a rule's check sees."""

    file = "file"
    definition = "definition"
    catalogue = "catalogue"


class Severity(StrEnum):
    """`error`: loading fails (check, build); `warning`: reported by `actsite lint`, fixed by `actsite fix`."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: the field path, what is wrong and how to fix it; `file` is filled in by the runner for file and definition rules."""

    field: str
    message: str
    file: str = ""

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    """A definition file as written: where it is shown, its text and its YAML data (a mapping)."""

    path: Path
    shown: str
    text: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    """One validated definition of the catalogue and the file it came from."""

    shown: str
    activation: Activation


@dataclass(frozen=True)
class Catalogue:
    """Every validated definition, sorted by slug."""

    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Rule:
    """A lint rule. `name` is kebab-case and equals its module's name with hyphens."""

    name: str
    description: str
    scope: Scope
    severity: Severity
    check: Callable[[Any], Iterator[Problem]]
