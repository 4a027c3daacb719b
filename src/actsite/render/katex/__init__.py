r"""Formulas rendered at build time: KaTeX HTML in the page, no math script in the browser.

pymdownx.arithmatex (generic mode) leaves each formula as `<span class="arithmatex">\(…\)</span>`
or `<div class="arithmatex">\[…\]</div>`; `render_formulas` replaces the delimited TeX inside by
KaTeX's HTML and MathML, keeping the wrapper. Each distinct formula is rendered once: from the
formula cache (`formula_cache.py`) when a build has rendered it before, otherwise by one Node process
(`server.js`, KaTeX from the npm lock file), started on the first formula the cache lacks. A formula
KaTeX cannot parse is an error naming the page and the formula. A simple inline formula (a symbol
such as `g_f` or `\alpha`, a short relation such as `q_0 = 1`) is written as HTML text instead
(`plain.py`): a fraction of KaTeX's elements, which every page's first layout pays for.

Formulas can be asked for ahead (`request_formulas`): the build driver asks for every page's
formulas first, Node renders those the cache lacks in one stream while a thread collects the
answers, and the pages that need them later find them ready. The HTML of a formula does not depend on when
or in which order it was asked for.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import threading
from collections import deque
from functools import cache
from pathlib import Path
from typing import IO

from actsite.render.katex.formula_cache import SERVER, FormulaCache, renderer_identity
from actsite.render.katex.plain import plain_formula

FORMULA = re.compile(r'<(span|div) class="arithmatex">(\\\(|\\\[)(.*?)(\\\)|\\\])</\1>', re.DOTALL)

Formula = tuple[str, bool]  # TeX, display mode


class FormulaError(ValueError):
    """KaTeX rejected a formula."""


class Katex:
    """KaTeX's HTML for formulas: from `formulas` when known, else from a Node process started on the first miss."""

    def __init__(self, node_modules: Path, formulas: FormulaCache | None = None) -> None:
        self._node_modules = node_modules
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._arrived = threading.Condition()  # guards the three below; notified on every answer and at the end
        self._unanswered: deque[Formula] = deque()  # asked for, in the order asked (Node answers in that order)
        self._answers: dict[Formula, dict[str, str]] = {}  # answered, not yet taken by `render`
        self._ended = False  # Node's output was closed: no answer will come any more
        self._asked: set[Formula] = set()  # asked for and not yet taken by `render`
        self.formulas = formulas if formulas is not None else FormulaCache(renderer_identity(node_modules))
        self.rendered = 0  # formulas KaTeX rendered in this process (the others came from the cache)

    @property
    def started(self) -> bool:
        """Whether the Node process was started."""
        return self._process is not None

    def _requests(self) -> IO[str]:
        """Node's input, starting the process (and the thread reading its answers) on first use."""
        if self._process is None:
            self._process = subprocess.Popen(
                ["node", str(SERVER)],  # noqa: S607 - node from PATH, as npm is
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env={"NODE_PATH": str(self._node_modules), "PATH": os.environ.get("PATH", "")},
            )
            if self._process.stdin is None or self._process.stdout is None:
                raise FormulaError("the KaTeX process has no pipes")
            self._reader = threading.Thread(target=self._read_answers, args=(self._process.stdout,), name="katex-answers", daemon=True)
            self._reader.start()
        requests = self._process.stdin
        if requests is None:
            raise FormulaError("the KaTeX process has no pipes")
        return requests

    def _read_answers(self, answers: IO[str]) -> None:
        """Thread: file each answer line under the formula asked for first and not answered yet."""
        try:
            for line in answers:
                answer = json.loads(line)
                with self._arrived:
                    self._answers[self._unanswered.popleft()] = answer
                    self._arrived.notify_all()
        finally:
            with self._arrived:
                self._ended = True
                self._arrived.notify_all()

    def request(self, formulas: list[Formula]) -> None:
        """Ask KaTeX for those of `formulas` the cache lacks, without waiting for them."""
        missing = [formula for formula in dict.fromkeys(formulas) if formula not in self._asked and not self.formulas.has(*formula)]
        if not missing:
            return
        requests = self._requests()
        with self._arrived:
            self._unanswered.extend(missing)
        self._asked.update(missing)
        requests.write("".join(json.dumps({"tex": tex, "display": display}) + "\n" for tex, display in missing))
        requests.flush()

    def render(self, tex: str, display: bool) -> str:
        """KaTeX's HTML for `tex`; FormulaError with KaTeX's message if it cannot be rendered."""
        known = self.formulas.get(tex, display)
        if known is not None:
            return known
        formula = (tex, display)
        self.request([formula])
        with self._arrived:
            while formula not in self._answers and not self._ended:
                self._arrived.wait()
            answer = self._answers.pop(formula, None)
        self._asked.discard(formula)  # a rejected formula is asked for again if it is met again
        if answer is None:
            raise FormulaError("the KaTeX process ended without answering")
        if "error" in answer:
            raise FormulaError(answer["error"])
        body = str(answer["html"])
        self.formulas.add(tex, display, body)
        self.rendered += 1
        return body

    def close(self) -> None:
        """Stop the Node process, if one was started (answers not taken are dropped)."""
        if self._process is None:
            return
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)
        if self._reader is not None:
            self._reader.join(timeout=30)
        self._process = self._reader = None
        self._unanswered.clear()
        self._answers.clear()
        self._asked.clear()
        self._ended = False


@cache
def katex(node_modules: Path) -> Katex:
    """One KaTeX renderer per process, with an in-memory cache only (the build driver keeps its own, stored between builds)."""
    return Katex(node_modules)


def _formula(match: re.Match[str]) -> Formula:
    """The TeX (entities unescaped for KaTeX) and display mode of one arithmatex match."""
    return html.unescape(match.group(3)), match.group(2) == "\\["


def _plain(formula: Formula) -> str | None:
    """The formula as plain HTML text when it is inline and simple (`plain.py`), else None (KaTeX's)."""
    tex, display = formula
    return None if display else plain_formula(tex)


def drawn_by_katex(formula: Formula) -> bool:
    """Whether KaTeX draws the formula (the others are written as text): only those are worth asking for ahead."""
    return _plain(formula) is None


def request_formulas(page_html: str, renderer: Katex) -> None:
    """Ask `renderer` ahead for every formula of `page_html` that KaTeX draws and it does not know (see `Katex.request`)."""
    formulas = [_formula(match) for match in FORMULA.finditer(page_html)]
    renderer.request([formula for formula in formulas if drawn_by_katex(formula)])


# The formulas of a generated Markdown page as arithmatex hands them on: a display block keeps the
# newlines inside its `$$` lines, an inline formula is the text between single dollars.
_MARKDOWN_BLOCK = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.DOTALL | re.MULTILINE)
_MARKDOWN_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:\\.|[^$\\\n])+?)\$")


def formulas_in_markdown(text: str) -> list[Formula]:
    """The (TeX, display) of every formula of a generated Markdown page, as the built page will hold them.

    For asking KaTeX ahead while the engine builds the pages; a formula read differently here is
    only rendered later, when its page is.
    """
    blocks = [("\n" + match.group(1) + "\n", True) for match in _MARKDOWN_BLOCK.finditer(text)]
    inline = [(match.group(1), False) for match in _MARKDOWN_INLINE.finditer(_MARKDOWN_BLOCK.sub("", text))]
    return blocks + inline


def render_formulas(page_html: str, renderer: Katex, page: str) -> str:
    """`page_html` with every arithmatex formula rendered (simple inline ones as text); FormulaError names `page` and the formula."""

    def rendered(match: re.Match[str]) -> str:
        tex, display = _formula(match)
        body = _plain((tex, display))
        try:
            if body is None:
                body = renderer.render(tex, display=display)
        except FormulaError as error:
            raise FormulaError(f"{page}: formula {tex!r}: {error}") from None
        return f'<{match.group(1)} class="arithmatex">{body}</{match.group(1)}>'

    return FORMULA.sub(rendered, page_html)
