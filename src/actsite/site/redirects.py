"""Redirect pages for aliases: /activations/<alias>/ → /activations/<slug>/ (and the same under /zh/).

Written into the built site after the engine has built it (they are not documentation pages).
Each keeps the section anchor: a script forwards `location.hash`; the meta refresh is the fallback.
The pages need only each activation's slug, names and aliases (`alias_targets`), which the
generation state stores, so a build that skips generation writes them without loading definitions.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from actsite.definitions.languages import LANGUAGES

if TYPE_CHECKING:
    from actsite.definitions.load import Loaded

TEMPLATE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<script>window.location.replace("{target}" + window.location.hash);</script>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


class AliasTarget(TypedDict):
    """One activation as its redirect pages need it (JSON values, stored in the generation state)."""

    slug: str
    name: dict[str, str]  # language → the activation's name, the redirect page's title
    aliases: list[str]


def alias_targets(definitions: list[Loaded]) -> list[AliasTarget]:
    """The slug, names and aliases of every activation that has aliases."""
    return [
        AliasTarget(slug=loaded.slug, name={language: loaded.activation.name.get(language) for language in LANGUAGES}, aliases=list(loaded.activation.aliases))
        for loaded in definitions
        if loaded.activation.aliases
    ]


def redirect_pages(targets: list[AliasTarget], language: str) -> dict[str, str]:
    """Path relative to the language's site root → HTML of the redirect page."""
    pages: dict[str, str] = {}
    for target in targets:
        title = html.escape(target["name"][language])
        for alias in target["aliases"]:
            pages[f"activations/{alias}/index.html"] = TEMPLATE.format(lang=language, title=title, target=f"../{target['slug']}/")
    return pages


def write_redirects(site_dir: Path, targets: list[AliasTarget], language: str) -> int:
    """Write the redirect pages of one language into its built site; return how many."""
    pages = redirect_pages(targets, language)
    for relative, text in pages.items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(pages)
