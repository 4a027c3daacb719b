"""Rule `glossary-terms`: prose uses the glossary's term, not a variant the glossary lists under `avoid`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from actsite.definitions.glossary import Term, load_glossary
from actsite.definitions.lint.parallel_translations import prose_pairs
from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation


def _found(variant: str, text: str, language: str) -> bool:
    """Whether `text` uses `variant`: as a whole word or its plural in English (any case), as a substring in Chinese."""
    if language == "zh":
        return variant in text
    return re.search(rf"(?<![\w-]){re.escape(variant)}(?:e?s)?(?![\w-])", text, re.IGNORECASE) is not None


def problems_in(activation: Activation, glossary: tuple[Term, ...]) -> Iterator[Problem]:
    """The avoided variants of `glossary` that the prose of `activation` uses, one problem per field and variant."""
    for fields, english, chinese in prose_pairs(activation):
        texts = {"en": english, "zh": chinese}
        for term in glossary:
            for language in ("en", "zh"):
                for variant in getattr(term.avoid, language):
                    if _found(variant, texts[language], language):
                        wanted = getattr(term, language)
                        yield Problem(fields[language], f"writes {variant!r}: the glossary (i18n/glossary.yaml) says {wanted!r}")


def check(activation: Activation) -> Iterator[Problem]:
    """Variants to avoid (i18n/glossary.yaml) that the prose uses instead of the term."""
    yield from problems_in(activation, load_glossary())


RULE = Rule(
    name="glossary-terms",
    description="Prose uses the term of i18n/glossary.yaml, never a variant listed under its `avoid`.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
