r"""Formulas rendered at build time: KaTeX HTML in the page, no math script in the browser.

pymdownx.arithmatex (generic mode) leaves each formula as `<span class="arithmatex">\(…\)</span>`
or `<div class="arithmatex">\[…\]</div>`; `render_formulas` replaces the delimited TeX inside by
KaTeX's HTML and MathML, keeping the wrapper. One Node process (`server.js`, KaTeX from the npm
lock file) serves the whole build; each distinct formula is rendered once. A formula KaTeX cannot
parse is an error naming the page and the formula.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path

SERVER = Path(__file__).with_name("server.js")
FORMULA = re.compile(r'<(span|div) class="arithmatex">(\\\(|\\\[)(.*?)(\\\)|\\\])</\1>', re.DOTALL)


class FormulaError(ValueError):
    """KaTeX rejected a formula."""


class Katex:
    """A running KaTeX server; `render` answers from a cache for formulas seen before."""

    def __init__(self, node_modules: Path) -> None:
        self._process = subprocess.Popen(
            ["node", str(SERVER)],  # noqa: S607 - node from PATH, as npm is
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env={"NODE_PATH": str(node_modules), "PATH": os.environ.get("PATH", "")},
        )
        self._rendered: dict[tuple[str, bool], str] = {}

    def render(self, tex: str, display: bool) -> str:
        """KaTeX's HTML for `tex`; FormulaError with KaTeX's message if it cannot be rendered."""
        key = (tex, display)
        if key not in self._rendered:
            requests, answers = self._process.stdin, self._process.stdout
            if requests is None or answers is None:
                raise FormulaError("the KaTeX process has no pipes")
            requests.write(json.dumps({"tex": tex, "display": display}) + "\n")
            requests.flush()
            answer = json.loads(answers.readline())
            if "error" in answer:
                raise FormulaError(answer["error"])
            self._rendered[key] = answer["html"]
        return self._rendered[key]

    def close(self) -> None:
        """Stop the Node process."""
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)


@cache
def katex(node_modules: Path) -> Katex:
    """The build's one KaTeX server."""
    return Katex(node_modules)


def render_formulas(page_html: str, renderer: Katex, page: str) -> str:
    """`page_html` with every arithmatex formula rendered; FormulaError names `page` and the formula."""

    def rendered(match: re.Match[str]) -> str:
        tag, opening, source = match.group(1), match.group(2), match.group(3)
        tex = html.unescape(source)
        try:
            body = renderer.render(tex, display=opening == "\\[")
        except FormulaError as error:
            raise FormulaError(f"{page}: formula {tex!r}: {error}") from None
        return f'<{tag} class="arithmatex">{body}</{tag}>'

    return FORMULA.sub(rendered, page_html)
