"""The per-language search indexes split from the shared one (src/actsite/site/search_index.py), on small inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actsite.site.search_index import SearchIndexError, dumps, index_path, language_of, split, write_search_indexes

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
