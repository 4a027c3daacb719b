r"""Formulas rendered at build time: KaTeX HTML in the page, no math script in the browser.

pymdownx.arithmatex (generic mode) leaves each formula as `<span class="arithmatex">\(…\)</span>`
or `<div class="arithmatex">\[…\]</div>`; `render_formulas` replaces the delimited TeX inside by
KaTeX's HTML and MathML, keeping the wrapper. Each distinct formula is rendered once: from the
formula cache (`formula_cache.py`) when a build has rendered it before, otherwise by one Node process
(`server.js`, KaTeX from the npm lock file), started on the first formula the cache lacks. A formula
KaTeX cannot parse is an error naming the page and the formula.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path

from actsite.render.katex.formula_cache import SERVER, FormulaCache, renderer_identity

FORMULA = re.compile(r'<(span|div) class="arithmatex">(\\\(|\\\[)(.*?)(\\\)|\\\])</\1>', re.DOTALL)


class FormulaError(ValueError):
    """KaTeX rejected a formula."""


class Katex:
    """KaTeX's HTML for formulas: from `formulas` when known, else from a Node process started on the first miss."""

    def __init__(self, node_modules: Path, formulas: FormulaCache | None = None) -> None:
        self._node_modules = node_modules
        self._process: subprocess.Popen[str] | None = None
        self.formulas = formulas if formulas is not None else FormulaCache(renderer_identity(node_modules))
        self.rendered = 0  # formulas KaTeX rendered in this process (the others came from the cache)

    @property
    def started(self) -> bool:
        """Whether the Node process was started."""
        return self._process is not None

    def _server(self) -> subprocess.Popen[str]:
        if self._process is None:
            self._process = subprocess.Popen(
                ["node", str(SERVER)],  # noqa: S607 - node from PATH, as npm is
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env={"NODE_PATH": str(self._node_modules), "PATH": os.environ.get("PATH", "")},
            )
        return self._process

    def render(self, tex: str, display: bool) -> str:
        """KaTeX's HTML for `tex`; FormulaError with KaTeX's message if it cannot be rendered."""
        known = self.formulas.get(tex, display)
        if known is not None:
            return known
        process = self._server()
        requests, answers = process.stdin, process.stdout
        if requests is None or answers is None:
            raise FormulaError("the KaTeX process has no pipes")
        requests.write(json.dumps({"tex": tex, "display": display}) + "\n")
        requests.flush()
        answer = json.loads(answers.readline())
        if "error" in answer:
            raise FormulaError(answer["error"])
        body = str(answer["html"])
        self.formulas.add(tex, display, body)
        self.rendered += 1
        return body

    def close(self) -> None:
        """Stop the Node process, if one was started."""
        if self._process is None:
            return
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)
        self._process = None


@cache
def katex(node_modules: Path) -> Katex:
    """One KaTeX renderer per process, with an in-memory cache only (the hook keeps its own, stored between builds)."""
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
