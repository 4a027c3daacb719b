"""One search index per language, holding what a reader searches and nothing else.

Material's search plugin writes one index, `search/search_index.json`. static-i18n fills it with the
entries of every language: its `on_post_build` (priority -100) builds the other languages and then
rewrites the index with all of them. After that, this module splits the file: the default
language's entries stay at `search/search_index.json`, every other language's go to
`<language>/search/search_index.json`. overrides/main.html makes each page's search fetch its own
language's file, and only once search is first used. Locations stay relative to the site root,
which is every page's `config.base` (the zh pages' too).

Left out, because a search for them finds nothing a reader wants:

- on every activation page, the sections that are data or code: `#properties` (a table of computed
  values whose row labels are the same on every page) and `#code` with `#code-use` and
  `#code-implement` (code listings, and porting notes that restate the `#api` table, which stays);
- the site-wide tables that repeat every activation's name, summary or formula: the home page's
  `#catalogue`, the tables of the comparison page and of the cheat sheet (both pages stay findable
  by their title and introduction), the alias list of the linking page and the lists of the tags page;
- a paragraph that the same section of at least half the pages carries word for word (the `#api`
  note on defaults, the plot's playground link), then any section left without text;
- the page's tags on its section entries: the page entry keeps them (otherwise Material lists the
  tags again under every section of a result).

The alias redirect pages (site/redirects.py) are not in the index: they are written after the
engine built the site, not pages of the build.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from actsite.definitions.languages import LANGUAGES

DEFAULT_LANGUAGE = "en"  # mkdocs.yml `theme.language`: its pages are at the site root, the others under <language>/
INDEX = "search/search_index.json"

# Sections of every activation page (anchors from render/sections.py and its subsections) with nothing to search.
ACTIVATION_SECTIONS_LEFT_OUT = frozenset({"properties", "code", "code-use", "code-implement", "cost", "cost-memory", "cost-range", "cost-speed"})
# (page, anchor) of a site-wide table; anchor None: the page's own text, of which the paragraphs are kept.
TABLES_LEFT_OUT: frozenset[tuple[str, str | None]] = frozenset({("", "catalogue"), ("compare/", None), ("cheat-sheet/", None), ("linking/", "aliases")})
TAG_LISTS = ("tags/", "tag:")  # the tags page's sections: one list of page names per tag
BOILERPLATE_SHARE, BOILERPLATE_PAGES = 0.5, 3  # a paragraph in the same section of ≥ half the pages (and ≥ 3)
# The key fields of activation pages (render/search_keys.py) and their boosts, above Material's title (1e3) and tags (1e6), which
# a part of a query can match:
# a query that is a page's name puts that page first; one that is a glossary term, the pages about it.
KEY_FIELDS = {"names": 1e9, "topics": 1e7}
PARAGRAPH = re.compile(r"<p>.*?</p>", re.DOTALL)

Entry = dict[str, Any]


class SearchIndexError(Exception):
    """The shared index is missing or lacks a language: the per-language files cannot be written."""


def index_path(language: str) -> str:
    """Where a language's index is, relative to the site root (overrides/main.html uses the same rule)."""
    return INDEX if language == DEFAULT_LANGUAGE else f"{language}/{INDEX}"


def language_of(location: str, languages: Sequence[str] | None = None) -> str:
    """The language of an index entry, from its location (`zh/activations/gelu/#api` → zh)."""
    languages = LANGUAGES if languages is None else languages
    return next((language for language in languages if language != DEFAULT_LANGUAGE and location.startswith(f"{language}/")), DEFAULT_LANGUAGE)


def _page_and_anchor(location: str, language: str) -> tuple[str, str | None]:
    """`zh/activations/gelu/#api` → (`activations/gelu/`, `api`); the language prefix is dropped.

    Without `use_directory_urls` the locations end in `.html` (`compare.html`, `index.html`); the page
    is then written the same way (`compare/`, ``).
    """
    if language != DEFAULT_LANGUAGE:
        location = location[len(language) + 1 :]
    page, _, anchor = location.partition("#")
    page = re.sub(r"\.html$", "/", re.sub(r"(^|/)index\.html$", r"\1", page))
    return page, anchor or None


def _left_out_whole(page: str, anchor: str | None) -> bool:
    """Whether the section `anchor` of `page` (language prefix dropped) has no entry in the index."""
    if anchor is None:
        return False
    if page.startswith("activations/") and anchor in ACTIVATION_SECTIONS_LEFT_OUT:
        return True
    return (page == TAG_LISTS[0] and anchor.startswith(TAG_LISTS[1])) or (page, anchor) in TABLES_LEFT_OUT


def _kept(entry: Entry, language: str) -> Entry | None:
    """The entry as it is searched (tables reduced to their paragraphs), or None when it is left out."""
    page, anchor = _page_and_anchor(entry["location"], language)
    if _left_out_whole(page, anchor):
        return None
    if (page, anchor) in TABLES_LEFT_OUT:
        entry = {**entry, "text": " ".join(PARAGRAPH.findall(entry["text"]))}
    if anchor is not None:
        entry = {key: value for key, value in entry.items() if key != "tags"}
    return entry


# A heading that opens a section of the search plugin's parser: h1–h6 with an id, at the start of a line
# (where Python-Markdown writes the blocks of a page's top level).
SECTION_HEADING = re.compile(r'^<h[1-6]\b[^>]*\sid="([^"]*)"', re.MULTILINE)
NESTING_TAGS = ("div", "details", "blockquote", "table", "ul", "ol")


def searched_html(content: str, url: str) -> str | None:
    """The page's HTML without the sections the index leaves out whole; None when nothing is cut.

    The search plugin parses every page's HTML, most of its share of a build, and an activation
    page's properties and code sections are much of that HTML: the adapter hands the plugin this
    version, so it does not parse what `searchable` would then drop (the page itself is rendered
    from the whole HTML). A section runs from its heading to the next heading; one is cut only when
    its HTML opens and closes the same elements, so every section around it is parsed as before.
    A page carrying `data-search-` attributes (which the plugin strips from the page) is not cut.
    """
    if "data-search-" in content:
        return None
    language = language_of(url)
    page, _ = _page_and_anchor(url, language)
    headings = list(SECTION_HEADING.finditer(content))
    kept: list[str] = []
    start = 0
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following else len(content)
        section = content[heading.start() : end]
        if _left_out_whole(page, heading.group(1)) and _balanced(section):
            kept.append(content[start : heading.start()])
            start = end
    if not start:
        return None
    kept.append(content[start:])
    return "".join(kept)


def _balanced(html: str) -> bool:
    return all(html.count(f"<{tag}") == html.count(f"</{tag}>") for tag in NESTING_TAGS)


def _without_boilerplate(entries: list[Entry], language: str) -> list[Entry]:
    """The entries without the paragraphs that the same section of most pages repeats.

    Sections left without text go; a page's own entry always stays (Material groups results under it).
    """
    anchors = [_page_and_anchor(entry["location"], language)[1] for entry in entries]
    pages_with = Counter(anchors)
    repeated = Counter((anchor, paragraph) for entry, anchor in zip(entries, anchors, strict=True) for paragraph in set(PARAGRAPH.findall(entry["text"])))
    boilerplate = {key for key, count in repeated.items() if count >= BOILERPLATE_PAGES and count >= BOILERPLATE_SHARE * pages_with[key[0]]}
    kept = []
    for entry, anchor in zip(entries, anchors, strict=True):
        paragraphs = [paragraph for paragraph in PARAGRAPH.findall(entry["text"]) if (anchor, paragraph) in boilerplate]
        text = entry["text"]
        for paragraph in paragraphs:
            text = " ".join(part.strip() for part in text.split(paragraph) if part.strip())
        if anchor is not None and not text:
            continue
        kept.append({**entry, "text": text})
    return kept


def searchable(docs: list[Entry], language: str) -> list[Entry]:
    """One language's entries as they go into its index, in the plugin's order."""
    entries = [kept for entry in docs if (kept := _kept(entry, language)) is not None]
    return _without_boilerplate(entries, language)


def with_keys(entries: list[Entry], language: str, keys: dict[str, dict[str, list[str]]]) -> list[Entry]:
    """The entries with each activation page's own entry (not its sections) carrying its key fields."""
    keyed = []
    for entry in entries:
        page, anchor = _page_and_anchor(entry["location"], language)
        fields = keys.get(page) if anchor is None else None
        keyed.append({**entry, **{name: " ".join(fields[name]) for name in KEY_FIELDS if fields.get(name)}} if fields else entry)
    return keyed


def split(index: dict[str, Any], languages: Sequence[str] | None = None, keys: dict[str, dict[str, list[str]]] | None = None) -> dict[str, dict[str, Any]]:
    """The shared index as one index per language.

    Each keeps the plugin's configuration; its `lang` (the lunr languages the search worker loads) is
    English, plus the page language for the others (their pages quote English terms and titles). With
    `keys`, the activation pages' entries carry their key fields, declared with their boosts.
    """
    languages = LANGUAGES if languages is None else languages
    by_language: dict[str, list[Entry]] = {language: [] for language in languages}
    for entry in index["docs"]:
        by_language[language_of(entry["location"], languages)].append(entry)
    missing = [language for language, docs in by_language.items() if not docs]
    if missing:
        raise SearchIndexError(
            f"{INDEX} has no entries for {', '.join(missing)}: the per-language indexes are split from the index "
            "static-i18n writes with every language (did its build order change?)"
        )
    split_indexes = {}
    for language, docs in by_language.items():
        config = {**index["config"], "lang": [DEFAULT_LANGUAGE] if language == DEFAULT_LANGUAGE else [DEFAULT_LANGUAGE, language]}
        entries = searchable(docs, language)
        if keys:
            config["fields"] = {**config["fields"], **{name: {"boost": boost} for name, boost in KEY_FIELDS.items()}}
            entries = with_keys(entries, language, keys)
        split_indexes[language] = {"config": config, "docs": entries}
    return split_indexes


def dumps(index: dict[str, Any]) -> bytes:
    """Compact, deterministic JSON (sorted keys) with Chinese as UTF-8: an escape takes six bytes, UTF-8 three."""
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write_search_indexes(site_dir: Path, languages: Sequence[str] | None = None, keys: dict[str, dict[str, list[str]]] | None = None) -> dict[str, int]:
    """Replace the shared index in `site_dir` by one index per language (with the pages' `keys`); return each one's entry count."""
    shared = site_dir / INDEX
    try:
        index = json.loads(shared.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"cannot read the search plugin's {shared}: {error}") from None
    counts = {}
    for language, language_index in split(index, languages, keys).items():
        path = site_dir / index_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dumps(language_index))
        counts[language] = len(language_index["docs"])
    return counts
