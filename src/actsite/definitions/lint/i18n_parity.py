"""Rule `i18n-parity`: the i18n files say the same things in both languages."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from actsite.definitions.glossary import GLOSSARY_FILE, GlossaryError, load_glossary
from actsite.definitions.lint.parallel_translations import number_drift
from actsite.definitions.lint.rule import Catalogue, Problem, Rule, Scope, Severity
from actsite.definitions.paths import I18N_DIR
from actsite.definitions.source import load_yaml

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _read(name: str) -> object:
    return load_yaml((I18N_DIR / name).read_text(encoding="utf-8"))


def _placeholders(text: object) -> list[str]:
    """The `{name}` fields of a UI string, sorted."""
    return sorted(field for _, field, _, _ in string.Formatter().parse(str(text)) if field)


def _ui_strings() -> Iterator[Problem]:
    english, chinese = _read("ui.en.yaml"), _read("ui.zh.yaml")
    if not isinstance(english, dict) or not isinstance(chinese, dict):
        yield Problem("(top level)", "ui.en.yaml and ui.zh.yaml must each hold a mapping of key: string", "i18n/ui.zh.yaml")
        return
    for key in english:
        if key not in chinese:
            yield Problem(str(key), "has no Chinese string: add it to i18n/ui.zh.yaml", "i18n/ui.zh.yaml")
        elif _placeholders(english[key]) != _placeholders(chinese[key]):
            yield Problem(
                str(key), f"placeholders {_placeholders(chinese[key])} differ from the English {_placeholders(english[key])}: use the same {{names}}", "i18n/ui.zh.yaml"
            )
        elif any(number_drift(str(english[key]), str(chinese[key]))):
            only_english, only_chinese = number_drift(str(english[key]), str(chinese[key]))
            yield Problem(str(key), f"numbers differ from the English: only English {only_english}, only Chinese {only_chinese}", "i18n/ui.zh.yaml")
    for key in chinese:
        if key not in english:
            yield Problem(str(key), "has no English string: add it to i18n/ui.en.yaml or remove it", "i18n/ui.zh.yaml")


def _taxonomy(name: str) -> Iterator[Problem]:
    shown = f"i18n/{name}.yaml"
    data = _read(f"{name}.yaml")
    if not isinstance(data, dict):
        yield Problem("(top level)", "must hold a mapping of id: {en: …, zh: …}", shown)
        return
    for key, entry in data.items():
        if not _ID.match(str(key)):
            yield Problem(str(key), "is not a lowercase-hyphen id: ids are ASCII and never translated", shown)
        if not isinstance(entry, dict) or set(entry) != {"en", "zh"}:
            yield Problem(str(key), "must have exactly `en` and `zh`", shown)
            continue
        for language in ("en", "zh"):
            fields = entry[language] if isinstance(entry[language], dict) else {}
            for field in ("name", "description"):
                if not fields.get(field):
                    yield Problem(f"{key}.{language}.{field}", "is missing or empty: write it", shown)
        for field in ("name", "description"):
            english, chinese = (str(entry[language].get(field, "")) if isinstance(entry[language], dict) else "" for language in ("en", "zh"))
            only_english, only_chinese = number_drift(english, chinese)
            if only_english or only_chinese:
                yield Problem(f"{key}.zh.{field}", f"numbers differ from the English: only English {only_english}, only Chinese {only_chinese}", shown)


def check(catalogue: Catalogue) -> Iterator[Problem]:
    """UI strings with other keys or placeholders per language, taxonomy entries missing a language, an invalid glossary."""
    yield from _ui_strings()
    yield from _taxonomy("tasks")
    yield from _taxonomy("families")
    try:
        glossary = load_glossary(GLOSSARY_FILE)
    except GlossaryError as error:
        for line in error.problems:
            shown, field, message = line.split(": ", 2)
            yield Problem(field, message, shown)
        return
    for index, term in enumerate(glossary):
        only_english, only_chinese = number_drift(term.definition.get("en"), term.definition.get("zh"))
        if only_english or only_chinese:
            yield Problem(f"[{index}].definition.zh", f"numbers differ from the English: only English {only_english}, only Chinese {only_chinese}", "i18n/glossary.yaml")


RULE = Rule(
    name="i18n-parity",
    description="i18n/: UI strings have the same keys, {placeholders} and numbers in en and zh; tasks, families and glossary entries are complete in both.",
    scope=Scope.catalogue,
    severity=Severity.error,
    check=check,
)
