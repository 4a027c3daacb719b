"""The Glossary / 术语表 page: both languages, the same language-neutral anchors, every term, prose as text."""

from __future__ import annotations

import re
from pathlib import Path

from actsite.definitions.glossary import load_glossary, parse_glossary, slugify
from actsite.render.glossary import glossary_pages, glossary_rows

ANCHOR = re.compile(r"^## .+ \{ #([a-z0-9-]+) \}$", re.MULTILINE)


def test_glossary_has_forty_to_sixty_terms_with_slug_anchors() -> None:
    terms = load_glossary()
    assert 40 <= len(terms) <= 60
    assert slugify("Dying ReLU") == "dying-relu"
    assert all(term.anchor == slugify(term.en) for term in terms)


def test_both_pages_have_the_same_anchors_and_every_term() -> None:
    pages = {path: text.decode("utf-8") for path, text in glossary_pages().items()}
    assert sorted(pages) == ["glossary.en.md", "glossary.zh.md"]
    english, chinese = pages["glossary.en.md"], pages["glossary.zh.md"]
    assert ANCHOR.findall(english) == ANCHOR.findall(chinese) == sorted((t.anchor for t in load_glossary()), key=lambda a: a.replace("-", " "))
    for term in load_glossary():
        assert f"## {term.en} {{ #{term.anchor} }}" in english
        assert f"Chinese: {term.zh}\n" in english
        assert f"## {term.zh} {{ #{term.anchor} }}" in chinese
        assert f"英文：{term.en}\n" in chinese
        assert term.definition.en in english
        assert term.definition.zh in chinese


def test_definitions_are_text_not_markup() -> None:
    terms = parse_glossary([{"en": "tag", "zh": "标签", "definition": {"en": "Not <b>bold</b> {: #x }", "zh": "不是 <i>斜体</i>"}}], "glossary.yaml")
    assert glossary_rows(terms, "en")[0]["definition"] == "Not &lt;b&gt;bold&lt;/b&gt; \\{: #x \\}"
    assert glossary_rows(terms, "zh")[0]["definition"] == "不是 &lt;i&gt;斜体&lt;/i&gt;"


def test_built_glossary_pages_link_every_term(built_site: Path) -> None:
    for folder in (built_site, built_site / "zh"):
        html = (folder / "glossary" / "index.html").read_text(encoding="utf-8")
        for term in load_glossary():
            assert f'id="{term.anchor}"' in html, (folder, term.anchor)
