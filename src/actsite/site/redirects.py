"""Redirect pages for aliases: /activations/<alias>/ → /activations/<slug>/ (and the same under /zh/).

Written into the built site after MkDocs has built a language (they are not documentation pages).
Each keeps the section anchor: a script forwards `location.hash`; the meta refresh is the fallback.
"""

from __future__ import annotations

import html
from pathlib import Path

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


def redirect_pages(definitions: list[Loaded], language: str) -> dict[str, str]:
    """Path relative to the language's site root → HTML of the redirect page."""
    pages: dict[str, str] = {}
    for loaded in definitions:
        name = loaded.activation.name.get(language)
        for alias in loaded.activation.aliases:
            target = f"../{loaded.slug}/"
            pages[f"activations/{alias}/index.html"] = TEMPLATE.format(lang=language, title=html.escape(name), target=target)
    return pages


def write_redirects(site_dir: Path, definitions: list[Loaded], language: str) -> int:
    """Write the redirect pages of one language into its built site; return how many."""
    pages = redirect_pages(definitions, language)
    for relative, text in pages.items():
        path = site_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(pages)
