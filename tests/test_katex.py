"""Formulas are rendered by one KaTeX process at build time; a formula KaTeX rejects fails the build."""

from __future__ import annotations

import pytest

from actsite.render.katex import FormulaError, katex, render_formulas
from conftest import ROOT


def test_inline_and_display_formulas_become_katex_html() -> None:
    page = '<p>f is <span class="arithmatex">\\(x &lt; 0\\)</span>.</p><div class="arithmatex">\\[\\frac{1}{2}\\]</div>'
    rendered = render_formulas(page, katex(ROOT / "node_modules"), "relu.md")
    assert rendered.startswith('<p>f is <span class="arithmatex"><span class="katex">')
    assert '<annotation encoding="application/x-tex">x &lt; 0</annotation>' in rendered  # the entity was unescaped for KaTeX
    assert '<div class="arithmatex"><span class="katex-display">' in rendered
    assert "\\(" not in rendered
    assert "\\[" not in rendered


def test_a_formula_katex_rejects_names_the_page_and_the_formula() -> None:
    page = '<span class="arithmatex">\\(\\frac{1}{\\)</span>'
    with pytest.raises(FormulaError) as error:
        render_formulas(page, katex(ROOT / "node_modules"), "activations/broken.md")
    assert str(error.value).startswith("activations/broken.md: formula '\\\\frac{1}{': KaTeX parse error:")


def test_text_outside_formulas_is_untouched() -> None:
    page = "<pre><code>\\(not math\\)</code></pre>"
    assert render_formulas(page, katex(ROOT / "node_modules"), "x.md") == page
