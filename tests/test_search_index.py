"""The per-language search indexes split from the shared one (src/actsite/site/search_index.py), on small inputs.

Also the page HTML the search plugin is handed (`searched_html`), on small inputs and on every built page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from actsite.site.search_index import SearchIndexError, dumps, index_path, language_of, searched_html, split, write_search_indexes

CONFIG = {"lang": ["en", "zh"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"]}
TAGS = ["GANs"]
PLAYGROUND = "<p>Compare with other functions in the playground</p>"


def _activation(slug: str, prefix: str = "") -> list[dict[str, object]]:
    page = f"{prefix}activations/{slug}/"
    return [
        {"location": page, "title": slug.upper(), "text": f"<p>The {slug} summary.</p> Also known as <code>{slug}-alias</code>", "tags": TAGS},
        {"location": f"{page}#intuition", "title": "Intuition", "text": f"<p>Why {slug} works.</p>", "tags": TAGS},
        {"location": f"{page}#plot", "title": "Plot", "text": PLAYGROUND, "tags": TAGS},
        {"location": f"{page}#properties", "title": "Properties", "text": "Property Value Range [0, ∞)", "tags": TAGS},
        {"location": f"{page}#pros-cons", "title": "Pros and cons", "text": "", "tags": TAGS},
        {"location": f"{page}#code-implement", "title": "Implement it", "text": "<pre><code>def f(x): ...</code></pre>", "tags": TAGS},
        {"location": f"{page}#api", "title": "API", "text": f"PyTorch <code>torch.nn.{slug}</code> <p>Defaults are declared.</p>", "tags": TAGS},
    ]


def _site_pages(prefix: str = "") -> list[dict[str, object]]:
    return [
        {"location": prefix, "title": "Home", "text": "<p>A reference.</p>"},
        {"location": f"{prefix}#catalogue", "title": "Catalogue", "text": "Function Summary Range relu …"},
        {"location": f"{prefix}compare/", "title": "Comparison table", "text": "<p>Every activation on one page.</p> Function Range relu [0, ∞)"},
        {"location": f"{prefix}tags/", "title": "Tags", "text": "<p>Every task tag.</p>"},
        {"location": f"{prefix}tags/#tag:gans", "title": "GANs", "text": "<ul><li>Leaky ReLU</li></ul>"},
    ]


def _shared() -> dict[str, object]:
    docs = []
    for prefix in ("", "zh/"):
        docs += _site_pages(prefix)
        for slug in ("relu", "elu", "gelu", "selu"):
            docs += _activation(slug, prefix)
    return {"config": CONFIG, "docs": docs}


def test_language_of_reads_the_location_prefix() -> None:
    assert language_of("zh/activations/gelu/#api") == "zh"
    assert language_of("zh/") == "zh"
    assert language_of("activations/gelu/") == "en"
    assert language_of("") == "en"
    assert language_of("zhuang/") == "en"  # a page whose name starts like a language


def test_index_path_puts_the_default_language_at_the_root() -> None:
    assert index_path("en") == "search/search_index.json"
    assert index_path("zh") == "zh/search/search_index.json"


def test_each_language_keeps_only_its_own_entries_and_lunr_languages() -> None:
    indexes = split(_shared())
    assert all(not entry["location"].startswith("zh/") for entry in indexes["en"]["docs"])
    assert all(entry["location"].startswith("zh/") for entry in indexes["zh"]["docs"])
    assert indexes["en"]["config"]["lang"] == ["en"]
    assert indexes["zh"]["config"]["lang"] == ["en", "zh"]
    assert indexes["en"]["config"]["separator"] == CONFIG["separator"]


def test_data_code_tables_and_empty_sections_are_left_out() -> None:
    locations = {entry["location"] for entry in split(_shared())["en"]["docs"]}
    for gone in ("activations/relu/#properties", "activations/relu/#code-implement", "activations/relu/#pros-cons", "#catalogue", "tags/#tag:gans"):
        assert gone not in locations
    for kept in ("", "compare/", "tags/", "activations/relu/", "activations/relu/#intuition", "activations/relu/#api"):
        assert kept in locations


def test_pages_without_directory_urls_follow_the_same_rules() -> None:
    shared = _shared()
    for entry in shared["docs"]:
        page, _, anchor = entry["location"].partition("#")
        page = (page + "index.html") if page in {"", "zh/"} else page.rstrip("/") + ".html"
        entry["location"] = f"{page}#{anchor}" if anchor else page
    locations = {entry["location"] for entry in split(shared)["zh"]["docs"]}
    assert "zh/index.html" in locations
    assert "zh/compare.html" in locations
    for gone in ("zh/index.html#catalogue", "zh/tags.html#tag:gans", "zh/activations/relu.html#properties"):
        assert gone not in locations


def test_boilerplate_paragraphs_go_and_a_section_left_empty_goes_too() -> None:
    docs = {entry["location"]: entry for entry in split(_shared())["en"]["docs"]}
    assert "activations/gelu/#plot" not in docs  # its one paragraph is on every page
    assert docs["activations/gelu/#api"]["text"] == "PyTorch <code>torch.nn.gelu</code>"
    assert docs["activations/gelu/#intuition"]["text"] == "<p>Why gelu works.</p>"  # differs per page: kept
    assert docs["compare/"]["text"] == "<p>Every activation on one page.</p>"  # a table page keeps its paragraphs


def test_a_paragraph_on_few_pages_is_not_boilerplate() -> None:
    shared = _shared()
    for entry in shared["docs"]:
        if entry["location"] in {"activations/relu/#api", "zh/activations/relu/#api"}:
            entry["text"] += " <p>Only ReLU says this.</p>"
    docs = {entry["location"]: entry for entry in split(shared)["en"]["docs"]}
    assert "<p>Only ReLU says this.</p>" in docs["activations/relu/#api"]["text"]


def test_tags_stay_on_the_page_entry_only() -> None:
    docs = {entry["location"]: entry for entry in split(_shared())["zh"]["docs"]}
    assert docs["zh/activations/elu/"]["tags"] == TAGS
    assert "tags" not in docs["zh/activations/elu/#intuition"]


def test_a_language_missing_from_the_shared_index_is_an_error() -> None:
    english_only = {"config": CONFIG, "docs": [e for e in _shared()["docs"] if not e["location"].startswith("zh/")]}
    with pytest.raises(SearchIndexError, match="no entries for zh"):
        split(english_only)


def test_files_are_written_compact_sorted_and_in_utf8(tmp_path: Path) -> None:
    shared = _shared()
    shared["docs"][0]["title"] = "激活函数"
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(shared), encoding="utf-8")
    counts = write_search_indexes(tmp_path)
    english = (tmp_path / "search" / "search_index.json").read_bytes()
    chinese = (tmp_path / "zh" / "search" / "search_index.json").read_bytes()
    assert counts == {"en": len(json.loads(english)["docs"]), "zh": len(json.loads(chinese)["docs"])}
    assert "激活函数".encode() in english
    assert english == dumps(json.loads(english))  # compact separators, sorted keys, no \\u escapes
    assert english.startswith(b'{"config":{"lang":["en"],"pipeline"')


def test_an_unreadable_shared_index_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="cannot read"):
        write_search_indexes(tmp_path)


def _sections(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's search plugin reads from `html`: (id, title, text) of every section, in order."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title).strip(), "".join(section.text).strip()) for section in parser.data if not section.is_excluded()]


PAGE = """<p>GELU weighs its input by the normal CDF.</p>
<h2 id="intuition">Intuition</h2>
<p>Why it works.</p>
<h2 id="properties">Properties</h2>
<table><tr><td>Range</td><td>[-0.17, ∞)</td></tr></table>
<h2 id="code">Code</h2>
<h3 id="code-use">Use it</h3>
<pre><code>torch.nn.GELU()</code></pre>
<h3 id="code-implement">Implement it</h3>
<div class="admonition"><p>Porting note.</p></div>
<h2 id="api">API</h2>
<p>PyTorch <code>torch.nn.GELU</code></p>
"""


@pytest.mark.parametrize("url", ["activations/gelu/", "zh/activations/gelu/"])
def test_the_search_plugin_is_handed_an_activation_page_without_its_data_and_code_sections(url: str) -> None:
    cut = searched_html(PAGE, url)
    assert cut is not None
    assert [section[0] for section in _sections(cut)] == [None, "intuition", "api"]
    assert [s for s in _sections(PAGE) if s[0] not in {"properties", "code", "code-use", "code-implement"}] == _sections(cut)


def test_other_pages_and_pages_with_search_attributes_are_handed_over_whole() -> None:
    assert searched_html(PAGE, "families/relu/") is None
    assert searched_html(PAGE.replace('<h2 id="api">', '<h2 id="api" data-search-exclude>'), "activations/gelu/") is None
    home = '<p>A reference.</p>\n<h2 id="catalogue">Catalogue</h2>\n<table><tr><td>relu</td></tr></table>\n<h2 id="start">Start</h2>\n<p>Here.</p>\n'
    assert [section[0] for section in _sections(searched_html(home, "") or "")] == [None, "start"]


def test_a_section_whose_html_does_not_close_what_it_opens_is_not_cut() -> None:
    # The heading after it sits inside an element the section opened: cutting would move that heading
    # out of the element, and the plugin would give the text after the element to another section.
    nested = PAGE.replace('<h3 id="code-implement">Implement it</h3>\n<div class="admonition">', '<div class="admonition">\n<h3 id="note">Note</h3>')
    cut = searched_html(nested, "activations/gelu/")
    assert cut is not None
    assert '<h3 id="code-use">' in cut
    assert [s for s in _sections(nested) if s[0] not in {"properties", "code"}] == _sections(cut)


ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def test_every_built_page_is_indexed_as_if_it_were_handed_over_whole(built_site: Path) -> None:
    """For every page of the site, the sections the plugin reads from the cut HTML are those it reads from the whole, less those the index drops."""
    checked = 0
    for path in sorted(built_site.rglob("index.html")):
        match = ARTICLE.search(path.read_text(encoding="utf-8"))
        if match is None:
            continue  # an alias redirect page
        url = path.parent.relative_to(built_site).as_posix() + "/" if path.parent != built_site else ""
        cut = searched_html(match.group(1), url)
        if cut is None:
            continue
        removed = {section[0] for section in _sections(match.group(1))} - {section[0] for section in _sections(cut)}
        assert [s for s in _sections(match.group(1)) if s[0] not in removed] == _sections(cut), url
        left_out = {"properties", "code", "code-use", "code-implement", "cost", "cost-memory", "cost-range", "cost-speed", "catalogue", "aliases"}
        assert removed <= left_out | {s for s in removed if s and s.startswith("tag:")}, url
        checked += 1
    assert checked >= 150  # every activation page in both languages
