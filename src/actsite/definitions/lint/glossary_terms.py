"""Rule `glossary-terms`: prose and UI strings use the glossary's term, not a variant the glossary lists under `avoid`.

It reads every definition's prose and the words of i18n/ (UI strings, task and family names and
descriptions), which templates put on every page, so it is a catalogue rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from actsite.definitions.glossary import Term, load_glossary
from actsite.definitions.lint.parallel_translations import prose_pairs
from actsite.definitions.lint.rule import Catalogue, Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation
from actsite.definitions.paths import I18N_DIR
from actsite.definitions.source import load_yaml

_SENTENCE = re.compile(r"(?<=[.;!?。；！？])\s*")


def _uses(variant: str, text: str, language: str) -> bool:
    if language == "zh":
        return variant in text
    return re.search(rf"(?<![\w-]){re.escape(variant)}(?:e?s)?(?![\w-])", text, re.IGNORECASE) is not None


def _found(term: Term, variant: str, text: str, language: str) -> bool:
    """Whether `text` uses `variant` (a whole word or its plural in English, any case; a substring in Chinese).

    A sentence that writes one of the variant's `allowed_with` markers uses it in its other meaning.
    """
    return any(_uses(variant, sentence, language) and not term.avoid.accepted_in(variant, sentence) for sentence in _SENTENCE.split(text))


def problems_in(activation: Activation, glossary: tuple[Term, ...]) -> Iterator[Problem]:
    """The avoided variants of `glossary` that the prose of `activation` uses, one problem per field and variant."""
    for fields, english, chinese in prose_pairs(activation):
        texts = {"en": english, "zh": chinese}
        for term in glossary:
            for language in ("en", "zh"):
                for variant in getattr(term.avoid, language):
                    if _found(term, variant, texts[language], language):
                        wanted = getattr(term, language)
                        yield Problem(fields[language], f"writes {variant!r}: the glossary (i18n/glossary.yaml) says {wanted!r}")


def i18n_texts() -> Iterator[tuple[str, str, str, str]]:
    """(file, key, language, text) of every UI string and every task and family name and description."""
    for language in ("en", "zh"):
        strings = load_yaml((I18N_DIR / f"ui.{language}.yaml").read_text(encoding="utf-8"))
        for key, text in strings.items() if isinstance(strings, dict) else ():
            yield f"i18n/ui.{language}.yaml", str(key), language, str(text)
    for name in ("tasks", "families"):
        entries = load_yaml((I18N_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
        for key, entry in entries.items() if isinstance(entries, dict) else ():
            for language in ("en", "zh"):
                fields = entry.get(language) if isinstance(entry, dict) else None
                for field, text in fields.items() if isinstance(fields, dict) else ():
                    yield f"i18n/{name}.yaml", f"{key}.{language}.{field}", language, str(text)


def i18n_problems(glossary: tuple[Term, ...]) -> Iterator[Problem]:
    """The avoided variants that the words of i18n/ use, one problem per string and variant."""
    for shown, key, language, text in i18n_texts():
        for term in glossary:
            for variant in getattr(term.avoid, language):
                if _found(term, variant, text, language):
                    yield Problem(key, f"writes {variant!r}: the glossary (i18n/glossary.yaml) says {getattr(term, language)!r}", shown)


def check(catalogue: Catalogue) -> Iterator[Problem]:
    """Variants to avoid (i18n/glossary.yaml) that a definition's prose or a UI string uses instead of the term."""
    glossary = load_glossary()
    for entry in catalogue.entries:
        for problem in problems_in(entry.activation, glossary):
            yield Problem(problem.field, problem.message, entry.shown)
    yield from i18n_problems(glossary)


RULE = Rule(
    name="glossary-terms",
    description="Prose and UI strings use the term of i18n/glossary.yaml, never a variant listed under its `avoid`.",
    scope=Scope.catalogue,
    severity=Severity.error,
    check=check,
)
