"""Prose is text: make an author's string safe to place in a page's Markdown.

Prose may use inline Markdown (code spans, emphasis, links, `$…$` math) and nothing else. Outside
code spans, math and `<https://…>` autolinks, `&`, `<` and `>` become entities, so raw HTML shows
as text (Python-Markdown would print `x < 0` as `x &lt; 0` anyway: the page's HTML is unchanged for
ordinary prose); `{` and `}` are backslash-escaped, so no `{ #id }` attribute list can attach to
the page; a leading `#` cannot start a heading, and line breaks cannot start blocks.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(`+).+?\1|\$[^$\n]+\$|<https://[^>\s]+>")
_PLAIN = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "\\{", "}": "\\}"})
_NAME_FORBIDDEN = re.compile(r"[<>&\"\\{}`|\[\]$*_#\n]")


def inline_markdown(text: str) -> str:
    """`text` as inline Markdown that renders literally except for code, emphasis, links and math."""
    text = re.sub(r"\s*\n\s*", " ", text)
    pieces: list[str] = []
    position = 0
    for kept in _KEPT.finditer(text):
        pieces.append(text[position : kept.start()].translate(_PLAIN))
        pieces.append(kept.group(0))
        position = kept.end()
    pieces.append(text[position:].translate(_PLAIN))
    escaped = "".join(pieces)
    return "\\" + escaped if escaped.startswith(("#", "+", "-")) else escaped


def plain_name_problem(text: str) -> str | None:
    """None if `text` can be a name (title, link text, alt text, HTML cell) as it is, else the problem."""
    found = _NAME_FORBIDDEN.search(text)
    if found is None:
        return None
    return f'{found.group(0)!r} is not allowed in a name: names are plain text (no Markdown or HTML characters <>&"\\{{}}`|[]$*_#)'
