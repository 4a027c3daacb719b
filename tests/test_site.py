"""The built site: both languages, same structure and anchors, nothing from other hosts, data export."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import torch

from actsite.analysis.samples import SAMPLE_XS
from actsite.render.i18n import localize_latex
from actsite.render.sections import SECTION_ANCHORS
from actsite.verify.html_validation import validate
from conftest import BY_SLUG, ROOT, SLUGS

VALIDATION_SUMMARY: list[str] = []  # printed at the end of the run by conftest


class _Collector(HTMLParser):
    """Collects element ids, heading ids, the html lang, and every URL the page would request."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.heading_ids: list[str] = []
        self.lang: str | None = None
        self.requested: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if values.get("id"):
            self.ids.append(values["id"] or "")
            if re.fullmatch(r"h[1-6]", tag):
                self.heading_ids.append(values["id"] or "")
        if tag in ("script", "img", "iframe", "source") and values.get("src"):
            self.requested.append(values["src"] or "")
        if tag == "link" and values.get("href") and (values.get("rel") or "") in ("stylesheet", "preload", "icon", "manifest"):
            self.requested.append(values["href"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def page(site: Path, language: str, slug: str) -> Path:
    prefix = site / "zh" if language == "zh" else site
    return prefix / "activations" / slug / "index.html"


@pytest.mark.parametrize("slug", SLUGS)
def test_activation_page_exists_in_both_languages_with_every_section_anchor(built_site: Path, slug: str) -> None:
    for language in ("en", "zh"):
        collected = parse(page(built_site, language, slug))
        missing = [a for a in SECTION_ANCHORS if a not in collected.ids]
        assert not missing, f"{language}: missing anchors {missing}"
        assert collected.lang == ("zh" if language == "zh" else "en")


@pytest.mark.parametrize("slug", SLUGS)
def test_both_languages_have_the_same_heading_structure(built_site: Path, slug: str) -> None:
    english = parse(page(built_site, "en", slug)).heading_ids
    chinese = parse(page(built_site, "zh", slug)).heading_ids
    assert english == chinese
    assert all(re.fullmatch(r"[a-z0-9-]+", anchor) for anchor in english), english


@pytest.mark.parametrize("slug", SLUGS)
def test_language_switcher_points_to_the_same_page(built_site: Path, slug: str) -> None:
    english = parse(page(built_site, "en", slug)).links
    chinese = parse(page(built_site, "zh", slug)).links
    assert any(link.endswith(f"/zh/activations/{slug}/") for link in english), "en page does not link its zh version"
    assert any(link.endswith(f"/activations/{slug}/") and "/zh/" not in link for link in chinese), "zh page does not link its en version"


def test_no_page_requests_anything_from_another_host(built_site: Path) -> None:
    offenders: list[str] = []
    for html in built_site.rglob("*.html"):
        for url in parse(html).requested:
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{html.relative_to(built_site)}: {url}")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{css.relative_to(built_site)}: {url}")
    assert not offenders, "\n".join(offenders[:20])


def test_every_table_is_boxed_at_build_time(built_site: Path) -> None:
    # Material's script would box unclassed tables after the first layout (site/tables.py).
    boxed = 0
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<table>" not in text, html.relative_to(built_site)
        boxed += text.count('<div class="md-typeset__table"><table class="data-table">')
    assert boxed > 1000


def test_katex_assets_are_served_locally(built_site: Path) -> None:
    # Formulas are KaTeX HTML from the build: the pages load KaTeX's stylesheet and fonts, no script.
    assert not (built_site / "assets/katex/katex.min.js").exists()
    assert any((built_site / "assets/katex/fonts").glob("KaTeX_Main-Regular.woff2"))
    css = (built_site / "assets/katex/katex.min.css").read_text(encoding="utf-8")
    for font in re.findall(r"url\((fonts/[^)]+\.woff2)\)", css):
        assert (built_site / "assets/katex" / font).exists(), font


def test_formulas_are_rendered_at_build_time(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    formulas = unrendered = written = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "katex.min.js" not in html, page
        assert "renderMathInElement" not in html, page
        for match in re.finditer(r'<(span|div) class="arithmatex">(.{0,24})', html):
            formulas += 1
            unrendered += not match.group(2).startswith(('<span class="katex', '<span class="math-text">'))
        for text in re.findall(r'<span class="math-text">(.*?)</span></span>', html):  # simple inline formulas as text: no TeX left
            written += 1
            assert not re.search(r"[\\{}^_$]", re.sub(r"<[^>]+>", "", text)), (page, text)
    assert formulas >= 600
    assert unrendered == 0
    assert 0 < written < formulas  # symbols as text, the rest drawn by KaTeX
    relu = (built_site / "activations/relu/index.html").read_text(encoding="utf-8")
    assert '<annotation encoding="application/x-tex">' in relu  # MathML with the TeX source, for screen readers and copying


@pytest.fixture(scope="module")
def export(built_site: Path) -> dict:
    return json.loads((built_site / "data" / "activations.json").read_text(encoding="utf-8"))


def test_export_lists_every_activation_once(export: dict) -> None:
    assert [a["slug"] for a in export["activations"]] == sorted(SLUGS)
    assert export["generated_from"] == len(SLUGS)


def test_export_df_at_0_is_null_exactly_where_the_derivative_is_undefined(export: dict) -> None:
    undefined = {a["slug"] for a in export["activations"] if a["properties"]["df_at_0"] is None}
    assert {"binary-step", "relu", "leaky-relu"} <= undefined  # a jump and two corners
    for record in export["activations"]:
        math_ = BY_SLUG[record["slug"]].math
        expected = 0.0 in record["properties"]["kinks"] and math_.derivative_undefined_at(0.0)
        assert (record["slug"] in undefined) == expected, record["slug"]


@pytest.mark.parametrize("slug", SLUGS)
def test_export_samples_are_the_function_and_its_derivative(export: dict, slug: str) -> None:
    entry = next(a for a in export["activations"] if a["slug"] == slug)
    samples = entry["samples"]
    assert samples["x"] == [float(x) for x in SAMPLE_XS]
    assert (samples["x"][0], samples["x"][-1], len(samples["x"])) == (-6.0, 6.0, 1201)
    loaded = BY_SLUG[slug]
    f, df = loaded.math.f(), loaded.math.df()
    for x, y, dy in zip(samples["x"][::50], samples["y"][::50], samples["dy"][::50], strict=True):
        assert y == pytest.approx(f(x), rel=1e-12, abs=1e-12)
        if dy is not None:
            assert dy == pytest.approx(df(x), rel=1e-12, abs=1e-12)
    for kink in entry["properties"]["kinks"]:
        index = samples["x"].index(round(kink, 2)) if round(kink, 2) in samples["x"] else None
        # f′ is undefined at a corner or a jump; a table breakpoint where both neighbouring segments
        # have the same slope (the LUT at 0) is neither, and there f′ is exported.
        if index is not None and loaded.math.derivative_undefined_at(kink):
            assert samples["dy"][index] is None, f"f′ is undefined at the kink {kink}"
        elif index is not None:
            assert samples["dy"][index] == pytest.approx(df(kink), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("slug", [s for s in SLUGS if BY_SLUG[s].activation.api.pytorch and BY_SLUG[s].activation.api.pytorch.module])
def test_export_pytorch_expression_reproduces_the_samples(export: dict, slug: str) -> None:
    entry = next(a for a in export["activations"] if a["slug"] == slug)
    # Always pass dim for vector functions (dim=None is PyTorch's deprecated implicit choice).
    module = eval(entry["api"]["pytorch"].replace("dim=None", "dim=-1"), {"torch": torch})  # noqa: S307 - our own export
    module.eval()
    module.double()  # learnable weights (PReLU's slope) are created in float32
    x = torch.tensor(entry["samples"]["x"], dtype=torch.float64)
    if entry["kind"] == "gated":
        # The samples are the gate g(b): the unit's output for the input halves a = 1, b = x.
        values = module(torch.stack([torch.ones_like(x), x], dim=-1))[:, 0]
    elif entry["kind"] == "vector":
        # The samples are the two-class slice: the first output for the input vector (x, 0).
        values = module(torch.stack([x, torch.zeros_like(x)], dim=-1))[:, 0]
    else:
        values = module(x)
    assert np.allclose(values.detach().numpy(), np.array(entry["samples"]["y"]), rtol=1e-9, atol=1e-12)


def test_data_format_page_exists_in_both_languages(built_site: Path) -> None:
    for prefix in (built_site, built_site / "zh"):
        collected = parse(prefix / "data-format" / "index.html")
        assert {"data-export", "top-level", "fields", "example"} <= set(collected.ids)


def test_generated_html_has_no_validator_errors_of_ours(built_site: Path) -> None:
    # v.Nu over every page; the only errors allowed are the three that Material's own templates
    # emit on every page (listed in actsite.verify.html_validation.THEME_MESSAGES with their origin).
    report = validate(built_site)
    VALIDATION_SUMMARY.append(report.summary())
    assert report.pages > 100
    assert sum(report.ours.values()) == 0, report.summary()


@pytest.mark.parametrize("slug", SLUGS)
def test_page_shows_the_authored_formula_and_derivative(built_site: Path, slug: str) -> None:
    # The page must show the display form as authored and checked in this process: a form that
    # crossed a process boundary would have been re-evaluated by SymPy (x + (√(x²+1) − 1)/2 shown
    # as x + √(x²+1)/2 − 1/2), which the build once did for nine activations.
    math = BY_SLUG[slug].math
    for language in ("en", "zh"):
        page = (ROOT / "docs" / "activations" / f"{slug}.{language}.md").read_text(encoding="utf-8")
        assert localize_latex(math.formula_latex, language) in page, f"{slug}.{language}: formula differs from the authored display"
        assert localize_latex(math.derivative_latex, language) in page, f"{slug}.{language}: derivative differs from the authored display"


class _CellCollector(HTMLParser):
    """Table cells (with their column's header), texts of <code> elements, and the text outside code."""

    SKIPPED = frozenset({"code", "pre", "script", "style", "math", "annotation"})

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, str]] = []  # (column header, cell text)
        self.codes: list[str] = []
        self.prose: list[str] = []
        self._headers: list[str] = []
        self._row: list[str] = []
        self._cell: list[str] | None = None
        self._code: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._headers = []
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []
        if tag == "code":
            self._code = []
        if tag in self.SKIPPED:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            if tag == "th":
                self._headers.append(text)
            else:
                column = len(self._row)
                self.cells.append((self._headers[column] if column < len(self._headers) else "", text))
                self._row.append(text)
            self._cell = None
        if tag == "code" and self._code is not None:
            self.codes.append("".join(self._code).strip())
            self._code = None
        if tag in self.SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        for sink in (self._cell, self._code):
            if sink is not None:
                sink.append(data)
        if not self._skip:
            self.prose.append(data)


PLACEHOLDERS = {"", "None", "nan", "NaN", "null"}  # in a cell
OPTIONAL_COLUMNS = {"Note", "说明", "Year", "年份"}  # API note; an unknown year stays blank (the table sorts it as a number)


def page_placeholders(html: str) -> list[str]:
    """Places where a page prints None, nan or nothing instead of a value."""
    collector = _CellCollector()
    collector.feed(html)
    found = [f"cell {cell!r} under {header!r}" for header, cell in collector.cells if cell in PLACEHOLDERS and header not in OPTIONAL_COLUMNS]
    found += [f"code {code!r}" for code in collector.codes if code in {"None", "nan", "NaN"}]  # JSON null is documented
    found += [f"{word!r} in text" for word in re.findall(r"\bnan\b", " ".join(collector.prose))]
    return found


def test_placeholder_check_finds_the_cheat_sheet_none_it_was_written_for() -> None:
    assert page_placeholders("<table><tr><th>PyTorch</th></tr><tr><td><code>None</code></td></tr></table>") == ["cell 'None' under 'PyTorch'", "code 'None'"]
    assert page_placeholders("<table><tr><th>Range</th><th>Note</th></tr><tr><td></td><td></td></tr></table>") == ["cell '' under 'Range'"]
    assert page_placeholders("<p>None of PyTorch or Keras has it; <code>dim=None</code> warns.</p>") == []


def test_no_page_prints_none_nan_or_an_empty_cell_where_a_value_is_meant(built_site: Path) -> None:
    # A missing value is written '—', never Python's None, a float nan, or nothing at all.
    offenders = []
    for html in sorted(built_site.rglob("*.html")):
        offenders += [f"{html.relative_to(built_site)}: {found}" for found in page_placeholders(html.read_text(encoding="utf-8"))]
    assert offenders == []
