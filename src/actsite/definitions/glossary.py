"""The bilingual glossary, `i18n/glossary.yaml`: a term in English and Chinese with a one-line definition in each.

The lint rule `glossary-terms` uses the variants listed under `avoid` to keep the terminology of
the pages consistent; the glossary page shows every term under a language-neutral anchor, the
English term slugified (`vanishing-gradient`), in both languages.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator

from actsite.definitions.escape import plain_name_problem
from actsite.definitions.model import Strict, Text
from actsite.definitions.paths import I18N_DIR
from actsite.definitions.source import load_yaml

GLOSSARY_FILE = I18N_DIR / "glossary.yaml"


class Avoided(Strict):
    """Variants of a term that the pages should not use, per language."""

    en: Annotated[list[str], Field(default_factory=list, description="English variants to avoid.")]
    zh: Annotated[list[str], Field(default_factory=list, description="Chinese variants to avoid.")]
    allowed_with: Annotated[
        dict[str, list[str]],
        Field(
            default_factory=dict,
            description=(
                "Variant → markers: the variant is accepted in a sentence that also writes one of them, where it means "
                "something else (拐点 next to f″ is an inflection point, not a kink)."
            ),
        ),
    ]

    def accepted_in(self, variant: str, sentence: str) -> bool:
        """Whether `sentence` writes one of the markers that let it use `variant` in its other meaning."""
        return any(marker in sentence for marker in self.allowed_with.get(variant, ()))


class Synonyms(Strict):
    """Other words readers search for a term with, per language: search finds the term's pages by them (prose may use them too)."""

    en: Annotated[list[str], Field(default_factory=list, description="English words readers search for, e.g. `dying ReLU`.")]
    zh: Annotated[list[str], Field(default_factory=list, description="Chinese words readers search for.")]


class Term(Strict):
    """One glossary entry, e.g. `vanishing gradient` / `梯度消失`."""

    en: Annotated[str, Field(min_length=1, description="The English term, lower case unless a name.")]
    zh: Annotated[str, Field(min_length=1, description="The Chinese term the pages use.")]
    definition: Text
    avoid: Avoided = Field(default_factory=Avoided)
    synonyms: Synonyms = Field(default_factory=Synonyms)

    @field_validator("en", "zh")
    @classmethod
    def _plain(cls, term: str) -> str:
        problem = plain_name_problem(term)
        if problem:
            raise ValueError(problem)
        return term

    @property
    def anchor(self) -> str:
        """The language-neutral id of the term: the English term slugified (`self-normalizing`)."""
        return slugify(self.en)


class GlossaryError(ValueError):
    """The glossary file is invalid; `problems` are one-line `i18n/glossary.yaml: <field>: <problem>` strings."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def slugify(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: `Dying ReLU` → `dying-relu`."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def parse_glossary(data: object, shown: str) -> tuple[Term, ...]:
    """The terms of the glossary's YAML data; raise GlossaryError naming the entry and the field."""
    if not isinstance(data, list):
        raise GlossaryError([f"{shown}: (top level): the glossary is a list of terms (- en: …, zh: …, definition: …)"])
    terms: list[Term] = []
    problems: list[str] = []
    for index, item in enumerate(data):
        try:
            terms.append(Term.model_validate(item))
        except ValidationError as error:
            for detail in error.errors():
                field = ".".join(str(part) for part in detail["loc"])
                problems.append(f"{shown}: [{index}].{field}: {' '.join(detail['msg'].removeprefix('Value error, ').split())}")
    anchors: dict[str, int] = {}
    for index, term in enumerate(terms):
        if not term.anchor:
            problems.append(f"{shown}: [{index}].en: {term.en!r} has no ASCII letters for its anchor: write the English term")
        elif term.anchor in anchors:
            problems.append(f"{shown}: [{index}].en: {term.en!r} repeats the term of [{anchors[term.anchor]}]: keep one entry")
        anchors.setdefault(term.anchor, index)
    if problems:
        raise GlossaryError(problems)
    return tuple(terms)


@cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    """The glossary's terms in file order; raise GlossaryError if the file is invalid."""
    return parse_glossary(load_yaml(path.read_text(encoding="utf-8")), f"i18n/{path.name}")
