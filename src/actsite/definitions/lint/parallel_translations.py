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
# A number: digits with an optional decimal part and sign (Unicode minus or hyphen), not inside a word
# (`float64`, `ReLU6`, `MobileNetV3` are names, compared as text by nobody); or a run of superscript
# digits (the exponent of 10⁻⁴, the order of C¹). Signs and superscripts are normalised before comparing.
_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:\.\d+)?(?=(?:st|nd|rd|th)?(?!\w))|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")  # 2nd counts as 2
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
# A digit on one side may be spelled out on the other ("exact zeros" / "严格的 0", "3-D" / "三维").
_SPELLED = {
    "en": {
        "0": ("zero",),
        "1": ("one", "once", "first"),
        "2": ("two", "twice", "second", "half"),
        "3": ("three", "third"),
        "4": ("four",),
        "5": ("five",),
        "10": ("ten",),
    },
    "zh": {"0": ("零",), "1": ("一",), "2": ("二", "两", "双"), "3": ("三",), "4": ("四",), "5": ("五",), "10": ("十",)},
}


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


def numbers(text: str) -> set[str]:
    """The numbers of `text` outside code spans, formulas and link targets, normalised: `−0.17` → `-0.17`, `10⁻⁴` → `10`, `-4`."""
    for pattern in (_CODE, _MATH):
        text = pattern.sub(" ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return {match.group(0).translate(_SUPERSCRIPTS).lstrip("+") for match in _NUMBER.finditer(text)}


def _spelled_out(number: str, text: str, language: str) -> bool:
    words = _SPELLED[language].get(number.lstrip("-"), ())
    if language == "zh":
        return any(word in text for word in words)
    return any(re.search(rf"\b{word}s?\b", text, re.IGNORECASE) for word in words)


def number_drift(english: str, chinese: str) -> tuple[list[str], list[str]]:
    """(numbers only the English has, numbers only the Chinese has), a digit spelled out on the other side counting as present."""
    en, zh = numbers(english), numbers(chinese)
    return (
        sorted(n for n in en - zh if not _spelled_out(n, chinese, "zh")),
        sorted(n for n in zh - en if not _spelled_out(n, english, "en")),
    )


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
        only_english, only_chinese = number_drift(english, chinese)
        if (only_english or only_chinese) and not field.startswith("name."):
            yield Problem(field, f"numbers differ from the English: only English {only_english}, only Chinese {only_chinese}: say the same numbers in both languages")


RULE = Rule(
    name="parallel-translations",
    description="Each zh string is Chinese and carries the same code spans, $formulas$, link targets and numbers as its en twin.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
