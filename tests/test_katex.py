"""Formulas are rendered by one KaTeX process at build time, or come from the formula cache; a formula KaTeX rejects fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from actsite.render.katex import FORMULA, FormulaError, Katex, _formula, formulas_in_markdown, katex, render_formulas, request_formulas
from actsite.render.katex.formula_cache import FormulaCache, renderer_identity
from actsite.render.katex.plain import plain_formula
from conftest import ROOT


def test_inline_and_display_formulas_become_katex_html() -> None:
    page = '<p>f is <span class="arithmatex">\\(\\sqrt{x} &lt; 0\\)</span>.</p><div class="arithmatex">\\[\\frac{1}{2}\\]</div>'
    rendered = render_formulas(page, katex(ROOT / "node_modules"), "relu.md")
    assert rendered.startswith('<p>f is <span class="arithmatex"><span class="katex">')
    assert '<annotation encoding="application/x-tex">\\sqrt{x} &lt; 0</annotation>' in rendered  # the entity was unescaped for KaTeX
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


NODE_MODULES = ROOT / "node_modules"
PAGE = (
    '<p><span class="arithmatex">\\(\\sqrt{x} &lt; 0\\)</span> and <span class="arithmatex">\\(\\alpha \\sqrt{x}\\)</span></p>'
    '<div class="arithmatex">\\[f(x) = \\max(0, x)\\]</div><p><span class="arithmatex">\\(\\sqrt{x} &lt; 0\\)</span></p>'
)


def test_cached_formulas_give_katex_html_byte_for_byte_without_starting_katex(tmp_path: Path) -> None:
    identity = renderer_identity(NODE_MODULES)
    first = Katex(NODE_MODULES, FormulaCache(identity))
    rendered = render_formulas(PAGE, first, "relu.md")
    assert (first.started, first.rendered) == (True, 3)  # three distinct formulas, the repeated one once
    first.close()
    assert first.formulas.save(tmp_path / "katex.json", only_used=True)
    second = Katex(tmp_path / "no-node-modules", FormulaCache.load(tmp_path / "katex.json", identity))
    assert render_formulas(PAGE, second, "relu.md") == rendered
    assert (second.started, second.rendered, second.formulas.used) == (False, 0, 3)
    assert not second.formulas.save(tmp_path / "katex.json", only_used=True)  # nothing new: the file is not rewritten


def test_a_cache_written_for_another_katex_or_server_is_ignored(tmp_path: Path) -> None:
    identity = renderer_identity(NODE_MODULES)
    cache = FormulaCache(identity)
    cache.add("x", False, "<span>x</span>")
    cache.save(tmp_path / "katex.json", only_used=True)
    assert FormulaCache.load(tmp_path / "katex.json", identity).get("x", False) == "<span>x</span>"
    for other in ({**identity, "katex": "0.0.1"}, {**identity, "server": "0" * 64}):
        assert FormulaCache.load(tmp_path / "katex.json", other).get("x", False) is None
    assert FormulaCache.load(tmp_path / "missing.json", identity).get("x", False) is None


def test_the_cache_file_holds_the_formulas_a_build_used_in_a_stable_order(tmp_path: Path) -> None:
    identity = renderer_identity(NODE_MODULES)
    formulas = [("b", True, "<b>"), ("a", False, "<a>"), ("a", True, "<A>")]
    first, second = FormulaCache(identity), FormulaCache(identity)
    for tex, display, body in formulas:
        first.add(tex, display, body)
    for tex, display, body in reversed(formulas):
        second.add(tex, display, body)
    first.save(tmp_path / "first.json", only_used=True)
    second.save(tmp_path / "second.json", only_used=True)
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()
    later = FormulaCache.load(tmp_path / "first.json", identity)
    assert later.get("a", True) == "<A>"
    later.save(tmp_path / "kept.json", only_used=False)  # after a failed build: everything known is kept
    later.save(tmp_path / "used.json", only_used=True)  # after a whole build: only what it used
    kept = FormulaCache.load(tmp_path / "kept.json", identity)
    assert (kept.get("a", True), kept.get("a", False), kept.get("b", True)) == ("<A>", "<a>", "<b>")
    used = FormulaCache.load(tmp_path / "used.json", identity)
    assert (used.get("a", True), used.get("a", False), used.get("b", True)) == ("<A>", None, None)


def test_a_rejected_formula_is_not_cached_and_fails_again_naming_the_page(tmp_path: Path) -> None:
    identity = renderer_identity(NODE_MODULES)
    renderer = Katex(NODE_MODULES, FormulaCache(identity))
    page = '<span class="arithmatex">\\(\\frac{1}{\\)</span>'
    with pytest.raises(FormulaError, match=r"^activations/broken\.md: formula "):
        render_formulas(page, renderer, "activations/broken.md")
    renderer.close()
    renderer.formulas.save(tmp_path / "katex.json", only_used=False)
    again = Katex(NODE_MODULES, FormulaCache.load(tmp_path / "katex.json", identity))
    with pytest.raises(FormulaError, match=r"^activations/broken\.md: formula .*KaTeX parse error"):
        render_formulas(page, again, "activations/broken.md")
    again.close()


def test_formulas_asked_for_ahead_give_the_same_html_and_are_rendered_once(tmp_path: Path) -> None:
    identity = renderer_identity(NODE_MODULES)
    waited = Katex(NODE_MODULES, FormulaCache(identity))
    expected = render_formulas(PAGE, waited, "relu.md")
    waited.close()
    ahead = Katex(NODE_MODULES, FormulaCache(identity))
    request_formulas(PAGE, ahead)
    request_formulas(PAGE, ahead)  # asked twice: still one request per formula
    assert ahead.started
    assert ahead.formulas.used == 0  # asking is not using
    assert render_formulas(PAGE, ahead, "relu.md") == expected
    assert (ahead.rendered, ahead.formulas.used) == (3, 3)
    ahead.close()
    ahead.formulas.save(tmp_path / "katex.json", only_used=True)
    cached = Katex(tmp_path / "no-node-modules", FormulaCache.load(tmp_path / "katex.json", identity))
    request_formulas(PAGE, cached)  # every formula is cached: no Node process
    assert not cached.started


def test_a_rejected_formula_asked_for_ahead_fails_when_its_page_is_rendered() -> None:
    renderer = Katex(NODE_MODULES, FormulaCache(renderer_identity(NODE_MODULES)))
    page = '<span class="arithmatex">\\(\\frac{1}{\\)</span><span class="arithmatex">\\(x\\)</span>'
    request_formulas(page, renderer)
    with pytest.raises(FormulaError, match=r"^activations/broken\.md: formula '\\\\frac\{1\}\{': KaTeX parse error"):
        render_formulas(page, renderer, "activations/broken.md")
    assert renderer.render("x", display=False).startswith('<span class="katex">')  # the other answer was kept
    with pytest.raises(FormulaError, match="KaTeX parse error"):
        renderer.render("\\frac{1}{", display=False)  # asked again, rejected again
    renderer.close()


MARKDOWN_PAGE = r"""# GELU

f is $x \Phi(x)$ and its gain is $1/\sqrt{E[f'(z)^2]}$, priced at \$3 (no formula).

$$
f(x) = \begin{cases} x & \text{if}\: x > 0 \\0 & \text{otherwise} \end{cases}
$$

| a | $q_{l+1} = g^2 E[f(\sqrt{q_l} z)^2]$ |
|---|---|
| b | $x < 0$ |
"""


def test_formulas_read_from_the_markdown_are_those_arithmatex_hands_on() -> None:
    """What the driver asks KaTeX for while the engine runs is exactly what the built page holds."""
    import markdown

    page_html = markdown.markdown(MARKDOWN_PAGE, extensions=["tables", "pymdownx.arithmatex"], extension_configs={"pymdownx.arithmatex": {"generic": True}})
    built = [_formula(match) for match in FORMULA.finditer(page_html)]
    assert len(built) == 5
    assert sorted(formulas_in_markdown(MARKDOWN_PAGE)) == sorted(built)


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        ("g_f", "<var>g</var><sub><var>f</var></sub>"),
        ("\\chi_1", "<var>χ</var><sub>1</sub>"),
        ("\\Phi", "Φ"),
        ("q_0 = 1", "<var>q</var><sub>0</sub>\u2005=\u20051"),
        ("q^* = 1", "<var>q</var><sup>∗</sup>\u2005=\u20051"),
        ("\\log_{10} q_l", "log<sub>10</sub>\u2006<var>q</var><sub><var>l</var></sub>"),
        ("10^{\\pm 12}", "10<sup>±12</sup>"),
        ("r_0 / r_{50}", "<var>r</var><sub>0</sub>/<var>r</var><sub>50</sub>"),
        ("a - b", "<var>a</var>\u2005−\u2005<var>b</var>"),
        ("-x < 0", "−<var>x</var>\u2005&lt;\u20050"),  # a leading minus is a sign: no space after it
        ("f'(x)", "<var>f</var>′(<var>x</var>)"),
        ("x_{l+1}", "<var>x</var><sub><var>l</var>+1</sub>"),  # no spacing inside scripts, as in TeX
    ],
)
def test_simple_inline_formulas_are_written_as_text(tex: str, text: str) -> None:
    assert plain_formula(tex) == f'<span class="math-text">{text}</span>'


@pytest.mark.parametrize("tex", ["1/\\sqrt{E[f(z)^2]}", "\\frac{x}{2}", "\\text{if}", "\\left(x\\right)", "x_", "{x", "x & y", "\\unknown", "", "x^{\\sqrt{2}}"])
def test_other_formulas_are_left_to_katex(tex: str) -> None:
    assert plain_formula(tex) is None


def test_simple_inline_formulas_do_not_start_katex_and_display_ones_stay_katex(tmp_path: Path) -> None:
    renderer = Katex(tmp_path / "no-node-modules", FormulaCache(renderer_identity(NODE_MODULES)))
    page = '<p><span class="arithmatex">\\(g_f\\)</span> and <span class="arithmatex">\\(x &lt; 0\\)</span></p>'
    request_formulas(page, renderer)
    assert render_formulas(page, renderer, "gelu.md") == (
        '<p><span class="arithmatex"><span class="math-text"><var>g</var><sub><var>f</var></sub></span></span> and '
        '<span class="arithmatex"><span class="math-text"><var>x</var>\u2005&lt;\u20050</span></span></p>'
    )
    assert not renderer.started
    display = render_formulas('<div class="arithmatex">\\[g_f\\]</div>', katex(NODE_MODULES), "gelu.md")
    assert display.startswith('<div class="arithmatex"><span class="katex-display">')
