"""Rule `smooth-wording`: prose calls a function smooth only if it is C^∞, or says which order it means.

The glossary defines smooth (光滑) as C^∞. A sentence of a definition's prose that says smooth,
smoothly, smoother (光滑, 平滑) is reported when the function's smoothness, computed from its math
(`ScalarMath.smoothness`, the same number the Properties table shows), is not C^∞, unless the sentence
names the order it means (C¹, C², continuously differentiable, twice, 一阶, 二阶, every order…), denies smoothness
(not smooth, 不光滑). A sentence about another function says its order too ("smooth (C^∞) functions
such as SiLU"), so that a definition's validity never depends on which other definitions are loaded.
The computed class lives in the definitions stage (`ScalarMath.smoothness`, which
analysis/properties.py reads too), so this rule needs no analysis import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from actsite.definitions.lint.parallel_translations import prose_pairs
from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation
from actsite.definitions.symbolic import MathError, ScalarMath

_SMOOTH = {
    "en": re.compile(r"(?<![\w-])smooth(?:ly|er|est|ness|ed|s|ing)?(?![\w])", re.IGNORECASE),
    "zh": re.compile(r"光滑|平滑"),
}
# A sentence that names the order it means, or says the function is not smooth.
_QUALIFIED = {
    "en": re.compile(
        r"C\s*[⁰¹²³⁴⁵⁶⁷⁸⁹∞]|C\^|\b(?:once|twice|every order|all orders|any order|continuously differentiable)\b|\b(?:not|no|never|non-|less)\s*-?smooth",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"C\s*[⁰¹²³⁴⁵⁶⁷⁸⁹∞]|C\^|一阶|二阶|两阶|三阶|各阶|任意阶|连续可导|不(?:够)?(?:光滑|平滑)|没有(?:光滑|平滑)|非光滑|并不比"),
}
_SENTENCE = {"en": re.compile(r"(?<=[.;!?])\s+"), "zh": re.compile(r"(?<=[。；！？])")}
_CLASS = {-1: "discontinuous", 0: "C⁰", 1: "C¹", 2: "C² (at least)"}


def unqualified_smooth(text: str, language: str) -> list[str]:
    """The sentences of `text` that call something smooth without naming an order or denying it."""
    sentences = _SENTENCE[language].split(text)
    return [s.strip() for s in sentences if _SMOOTH[language].search(s) and not _QUALIFIED[language].search(s)]


def problems_in(activation: Activation, smoothness: int | None) -> Iterator[Problem]:
    """One problem per field whose prose calls the function smooth while `smoothness` is not C^∞ (None)."""
    if smoothness is None:
        return
    for fields, english, chinese in prose_pairs(activation):
        for language, text in (("en", english), ("zh", chinese)):
            for sentence in unqualified_smooth(text, language):
                yield Problem(
                    fields[language],
                    f"calls it smooth ({sentence[:50]!r}…) but it is {_CLASS[smoothness]}, not C^∞ (glossary: smooth): "
                    "name the order (C¹, twice differentiable) or use another word",
                )


def check(activation: Activation) -> Iterator[Problem]:
    """Smooth / 光滑 / 平滑 in the prose of a function that is not C^∞."""
    try:
        smoothness = ScalarMath(activation).smoothness
    except (MathError, ValueError, TypeError):
        return  # math that does not parse or evaluate is reported by the loader, with its field
    yield from problems_in(activation, smoothness)


RULE = Rule(
    name="smooth-wording",
    description="Prose calls a function smooth (光滑, 平滑) only if its computed smoothness is C^∞, or names the order it means.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
