"""The translations: UI strings per language and the task and family taxonomies, from `i18n/`.

The one place that reads them; every page, the catalogue and the CSV take their words from here.
"""

from __future__ import annotations

from functools import cache

from actsite.definitions.paths import I18N_DIR
from actsite.definitions.source import load_yaml


@cache
def ui_strings(language: str) -> dict[str, str]:
    """The UI strings of one language (`i18n/ui.<language>.yaml`)."""
    return load_yaml((I18N_DIR / f"ui.{language}.yaml").read_text(encoding="utf-8"))


@cache
def taxonomy(name: str) -> dict[str, dict[str, dict[str, str]]]:
    """`tasks` or `families`: id → language → {name, description}."""
    return load_yaml((I18N_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def localize_latex(text: str, language: str) -> str:
    """Translate the words SymPy puts in Piecewise cases (`for`, `otherwise`)."""
    t = ui_strings(language)
    return text.replace(r"\text{for}\:", r"\text{" + t["latex_if"] + r"}\:").replace(r"\text{otherwise}", r"\text{" + t["latex_otherwise"] + "}")
