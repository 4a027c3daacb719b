"""Small pieces of page Markdown shared by the pages and the catalogue: table cells, star ratings."""

from __future__ import annotations

from actsite.render.i18n import ui_strings


def escape_cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def stars(level: int, language: str) -> str:
    """`★★★★☆` with a textual label for screen readers."""
    label = ui_strings(language)["stars_label"].format(level=level)
    return f'<span class="stars" role="img" aria-label="{label}">{"★" * level}{"☆" * (5 - level)}</span>'
