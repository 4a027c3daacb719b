"""Each step `actsite build` runs over the written site, on its own (the search split and hosting: test_search_index, test_hosting)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actsite.render.katex import FormulaError, katex
from actsite.site import postprocess
from actsite.site.tables import wrap_tables
from conftest import ROOT

INLINE = '<span class="arithmatex">\\(\\sqrt{x} &lt; 0\\)</span>'  # a root: KaTeX draws it (simple formulas are written as text)


def test_assets_are_written_where_the_engine_copies_docs_files(tmp_path: Path) -> None:
    (tmp_path / "plots").mkdir()
    (tmp_path / "plots" / "relu.svg").write_bytes(b"")  # the engine copied the placeholder
    assert postprocess.write_assets(tmp_path, {"plots/relu.svg": b"<svg/>", "assets/data/functions/relu.js": b"f"}) == 2
    assert (tmp_path / "plots" / "relu.svg").read_bytes() == b"<svg/>"
    assert (tmp_path / "assets" / "data" / "functions" / "relu.js").read_bytes() == b"f"


def test_every_page_of_every_language_gets_its_formulas_rendered(tmp_path: Path) -> None:
    pages = {"index.html": f"<p>{INLINE}</p>", "zh/activations/relu/index.html": f"<p>{INLINE}</p>", "plain/index.html": "<p>no formula</p>"}
    for relative, text in pages.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    (tmp_path / "search.json").write_text(INLINE, encoding="utf-8")
    assert postprocess.render_site_pages(tmp_path, katex(ROOT / "node_modules")) == 2
    for relative in ("index.html", "zh/activations/relu/index.html"):
        assert '<span class="arithmatex"><span class="katex">' in (tmp_path / relative).read_text(encoding="utf-8")
    assert (tmp_path / "plain" / "index.html").read_text(encoding="utf-8") == "<p>no formula</p>"
    assert (tmp_path / "search.json").read_text(encoding="utf-8") == INLINE  # the search index keeps the TeX


def test_a_formula_katex_rejects_names_the_written_page(tmp_path: Path) -> None:
    (tmp_path / "activations" / "broken").mkdir(parents=True)
    (tmp_path / "activations" / "broken" / "index.html").write_text('<span class="arithmatex">\\(\\frac{1}{\\)</span>', encoding="utf-8")
    with pytest.raises(FormulaError, match=r"^activations/broken/index\.html: formula"):
        postprocess.render_site_pages(tmp_path, katex(ROOT / "node_modules"))


def test_alias_redirects_go_into_each_language_root(tmp_path: Path) -> None:
    targets = [{"slug": "silu", "name": {"en": "SiLU", "zh": "SiLU（S 型加权线性单元）"}, "aliases": ["swish"]}]
    assert postprocess.write_alias_redirects(tmp_path, targets) == 2  # type: ignore[arg-type]
    english = (tmp_path / "activations" / "swish" / "index.html").read_text(encoding="utf-8")
    chinese = (tmp_path / "zh" / "activations" / "swish" / "index.html").read_text(encoding="utf-8")
    assert 'lang="en"' in english
    assert "../silu/" in english
    assert 'lang="zh"' in chinese
    assert "S 型加权线性单元" in chinese
    assert postprocess.language_root(tmp_path, "en") == tmp_path
    assert postprocess.language_root(tmp_path, "zh") == tmp_path / "zh"


def test_tables_get_materials_boxes_at_build_time() -> None:
    boxed = wrap_tables("<p>x</p><table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>")
    assert boxed == (
        '<p>x</p><div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="data-table"><tr><td>1</td></tr></table></div></div>'
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="data-table"><tr><td>2</td></tr></table></div></div>'
    )
    classed = '<table class="compare-table"><tr><td>1</td></tr></table>'
    assert wrap_tables(classed) == classed  # a table with its own class keeps its own layout
    nested = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    assert "<table><tr><td><table>" in wrap_tables(nested)  # left to Material's script, which boxes it correctly at load
