"""Errata of the source notes: each entry says what a note claimed, what is true, and the check.

Entries live in `errata/errata.yaml`; a test proves every `check` names an existing test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from actsite.definitions.load import ROOT, DefinitionError
from actsite.definitions.model import SLUG_PATTERN, Strict, Text
from actsite.definitions.source import SourceError, read_yaml

ERRATA_PATH = ROOT / "errata" / "errata.yaml"


class Erratum(Strict):
    """One error found in the source notes and how the site fixed it."""

    id: Annotated[str, Field(pattern=SLUG_PATTERN)]
    note: Annotated[str, Field(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$", description="File name in shared/notes.")]
    where: Text
    said: Annotated[Text, Field(description="What the note claims, paraphrased (never quoted at length).")]
    truth: Text
    check: Annotated[str, Field(pattern=r"^tests/test_[a-z_]+\.py::test_[a-z0-9_]+(\[[^\]]+\])?$", description="The pytest id that proves the truth.")]
    slugs: Annotated[list[str], Field(default_factory=list)]
    fixed_in: Annotated[
        str | None,
        Field(
            default=None,
            pattern=r"^[a-z0-9-]+$",
            description="Section anchor of each page in `slugs` where the corrected version stands (`code` for errors in the notes' code).",
        ),
    ]


def load_errata(path: Path = ERRATA_PATH) -> list[Erratum]:
    """Load and validate the errata file; errors name the file and the entry."""
    try:
        _, data = read_yaml(path)
    except SourceError as error:
        raise DefinitionError([f"errata/{path.name}: {error.field}: {error}"]) from None
    if not isinstance(data, list):
        raise DefinitionError([f"{path.name}: the file must hold a list of errata"])
    errata: list[Erratum] = []
    problems: list[str] = []
    for index, entry in enumerate(data):
        try:
            errata.append(Erratum.model_validate(entry))
        except ValidationError as error:
            problems += [f"errata/{path.name}: [{index}].{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
    if problems:
        raise DefinitionError(problems)
    return errata
