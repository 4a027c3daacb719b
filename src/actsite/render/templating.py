"""The Jinja2 templates of the pages (`templates/` beside this module) and where each page is written."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment for page templates; undefined names are errors.

    One per process, so each template is compiled once (an edited template is reloaded: Jinja checks its time).
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - the output is Markdown, not HTML
    )


def page_path(stem: str, language: str) -> str:
    """`activations/gelu` → `activations/gelu.en.md` / `activations/gelu.zh.md` (static-i18n suffix layout)."""
    return f"{stem}.{language}.md"
