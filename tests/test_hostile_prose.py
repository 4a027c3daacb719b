"""Prose is text: a definition whose prose tries to become markup renders every character as text.

The fixture `tests/hostile/hostile-prose.yaml` is a valid definition (it passes the loader) whose
prose holds `<script>`, `<img onerror>`, `<iframe>`, `<svg onload>`, quotes, colons, `#` at the
start of a line, `{ #id }` and `{: #id .class }` attribute lists, a lone `$`, `---`, `- ` and `> `.
One site is built from a copy of the repository with the fixture added; the page's HTML must hold
them as visible text, with no element, attribute, id or heading made from them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import project_copy

FIXTURE = Path(__file__).parent / "hostile" / "hostile-prose.yaml"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self.codes: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if any(t in ("h1", "h2", "h3", "h4", "h5", "h6") for t in self._open):
            self.headings.append(data)
        if "code" in self._open:
            self.codes.append(data)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's sources plus the fixture, built with `actsite build` (the engine in strict mode)."""
    copy = project_copy(tmp_path_factory.mktemp("hostile-repo"))
    shutil.copy2(FIXTURE, copy / "activations" / FIXTURE.name)
    shutil.copy2(copy / "activations" / "code" / "leaky-relu.py", copy / "activations" / "code" / "hostile-prose.py")  # its f is Leaky ReLU's
    site = copy / "site"
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "actsite.cli", "build", "--site-dir", str(site)], cwd=copy, capture_output=True, text=True, env=environment, check=False
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    return site


def _page(site: Path, language: str) -> tuple[_Page, str]:
    path = (site / "zh" if language == "zh" else site) / "activations" / "hostile-prose" / "index.html"
    html = path.read_text(encoding="utf-8")
    parser = _Page()
    parser.feed(html)
    return parser, html


def test_raw_html_is_text_not_markup(hostile_site: Path) -> None:
    page, html = _page(hostile_site, "en")
    text = "".join(page.text)
    for literal in (
        '<script>alert("summary")</script>',
        '<img src=x onerror=alert("intuition")>',
        '<iframe src="https://example.org/frame"></iframe>',
        "<svg onload=alert(1)>",
    ):
        assert literal in text, literal
    for markup in ("<iframe", "<img src=x", "<svg onload"):
        assert markup not in html
    assert not [tag for tag, _ in page.tags if tag == "iframe"]
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    assert 'alert("summary")</script>' not in html.replace("&lt;/script&gt;", "")


def test_braces_hashes_quotes_and_dollars_stay_literal(hostile_site: Path) -> None:
    page, _ = _page(hostile_site, "en")
    text = "".join(page.text)
    for literal in (
        "{ #summary-id }",
        "{: #attr-id .attr-class }",
        "{ #pro-id }",
        "# Not a heading",
        "costs $5.",
        "\"double\" and 'single' quotes: a colon, # a hash, {braces}",
        "--- not a rule",
        "- nested? > quote? &amp; &lt;b&gt; stay as typed",
    ):
        assert literal in text, literal
    ids = {attrs.get("id") for _, attrs in page.tags}
    classes = " ".join(attrs.get("class") or "" for _, attrs in page.tags)
    assert not ids & {"summary-id", "attr-id", "pro-id"}
    assert "attr-class" not in classes
    assert not [h for h in page.headings if "heading" in h or "pro heading" in h]
    assert "<b>code stays code</b>" in page.codes  # inline Markdown still works: code, emphasis, math, https links
    assert ("a", {"href": "https://example.org/ok"}) in page.tags
    assert any(tag == "em" for tag, _ in page.tags)


def test_front_matter_survives_quotes_and_colons(hostile_site: Path) -> None:
    page, _ = _page(hostile_site, "en")
    descriptions = [attrs.get("content") or "" for tag, attrs in page.tags if tag == "meta" and attrs.get("name") == "description"]
    assert descriptions == ["Summary <script>alert('summary')</script> with 'double' and 'single' quotes: a colon, # a hash, {braces} and { #summary-id } and costs $5."]
    assert "Hostile Prose" in "".join(page.text)


def test_chinese_page_is_text_too(hostile_site: Path) -> None:
    page, html = _page(hostile_site, "zh")
    assert '中文 <script>alert("zh")</script> { #zh-id }' in "".join(page.text)
    assert "zh-id" not in {attrs.get("id") for _, attrs in page.tags}
    assert '<script>alert("zh")' not in html
