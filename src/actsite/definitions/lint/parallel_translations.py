"""Rule `parallel-translations`: every English sentence has a Chinese counterpart that carries the same code, math and links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation, Text, TextList

_CODE = re.compile(r"(`+)(.+?)\1")
_MATH = re.compile(r"\$[^$\n]+\$")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_HAN = re.compile(r"[\u3400-\u9fff]")


def prose_pairs(model: BaseModel, path: str = "") -> Iterator[tuple[dict[str, str], str, str]]:
    """({language: field path}, English, Chinese) of every translated string in `model`, e.g. `{"en": "prose.pros.en[1]", "zh": "prose.pros.zh[1]"}`."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            where = f"{here}[{index}]" if isinstance(value, list) else here
            if isinstance(item, Text):
                yield {language: f"{where}.{language}" for language in ("en", "zh")}, item.get("en"), item.get("zh")
            elif isinstance(item, TextList):
                for number, (english, chinese) in enumerate(zip(item.get("en"), item.get("zh"), strict=True)):
                    yield {language: f"{where}.{language}[{number}]" for language in ("en", "zh")}, english, chinese
            elif isinstance(item, BaseModel):
                yield from prose_pairs(item, where)


def _spans(pattern: re.Pattern[str], text: str) -> list[str]:
    """The code spans, formulas or https:// link targets of `text`, sorted (other links are rule `prose-links`' concern)."""
    if pattern is _LINK:
        return sorted(target for target in pattern.findall(text) if target.startswith("https://"))
    return sorted(match.group(2) if pattern is _CODE else match.group(0) for match in pattern.finditer(text))


def check(activation: Activation) -> Iterator[Problem]:
    """Chinese text that is an untranslated copy, or that drops or changes a code span, a formula or a link of the English."""
    for fields, english, chinese in prose_pairs(activation):
        field = fields["zh"]
        if not field.startswith("name.") and not _HAN.search(chinese):
            yield Problem(field, "has no Chinese text: translate the English")
            continue
        for what, pattern in (("code spans", _CODE), ("formulas", _MATH), ("link targets", _LINK)):
            english_spans, chinese_spans = _spans(pattern, english), _spans(pattern, chinese)
            if english_spans != chinese_spans:
                yield Problem(field, f"{what} {chinese_spans} differ from the English {english_spans}: keep them identical in both languages")


RULE = Rule(
    name="parallel-translations",
    description="Each zh string is Chinese and carries the same code spans, $formulas$ and link targets as its en twin.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
