"""The playground pages (/playground/, /zh/playground/) and the family pages' links to them."""

from __future__ import annotations

import html
import json

from actsite.definitions.model import LANGUAGES
from actsite.render.context import PageContext
from actsite.render.front_matter import front_matter
from actsite.render.i18n import ui_strings
from actsite.render.javascript import CATALOGUE_SCRIPT
from actsite.render.live import (
    CHART_SCRIPT,
    LIVE_KEYS,
    MAX_PLAYGROUND_FUNCTIONS,
    PLAYGROUND_COLORS,
    PLAYGROUND_SCRIPT,
    SHIM_SCRIPT,
    SLICE_ROLES,
    STYLESHEET,
    playground_link,
    strings_attribute,
)
from actsite.render.templating import environment, page_path


def playground_keys(t: dict[str, str]) -> list[str]:
    """The UI strings the playground script shows: the live controls', its own and the slice roles."""
    return [*LIVE_KEYS, *(key for key in t if isinstance(key, str) and key.startswith("playground_")), *SLICE_ROLES.values()]


def family_playground_link(members: list[PageContext], language: str) -> dict[str, str]:
    """The family page's link to the playground with its members (the first six, said so, in a larger family)."""
    t = ui_strings(language)
    slugs = [c.loaded.slug for c in members][:MAX_PLAYGROUND_FUNCTIONS]
    text = t["family_playground"] if len(members) <= MAX_PLAYGROUND_FUNCTIONS else t["family_playground_first"].format(count=MAX_PLAYGROUND_FUNCTIONS)
    return {"text": text, "url": playground_link(slugs)}


def playground_pages(contexts: list[PageContext]) -> dict[str, bytes]:
    """The playground page of each language: an empty stage the script fills from the URL."""
    template = environment().get_template("playground.md.j2")
    pages: dict[str, bytes] = {}
    for language in LANGUAGES:
        t = ui_strings(language)
        meta = {"title": t["playground_title"], "hide": ["toc"], "scripts": [SHIM_SCRIPT, CATALOGUE_SCRIPT, CHART_SCRIPT, PLAYGROUND_SCRIPT], "stylesheets": [STYLESHEET]}
        pages[page_path("playground", language)] = template.render(
            t=t,
            front_matter=front_matter(meta),
            strings=strings_attribute(t, playground_keys(t)),
            limit=MAX_PLAYGROUND_FUNCTIONS,
            colors=html.escape(json.dumps(PLAYGROUND_COLORS), quote=True),
            count=len(contexts),
        ).encode("utf-8")
    return pages
