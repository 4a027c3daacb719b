"""Search finds what readers type, in Chromium, in both languages.

- Every activation's names (both languages, with and without the parenthesised part), each alias and
  its Chinese name bring its page first, in each language's search: asked of the site's own search
  worker (ours around Material's, with the built index), hundreds of queries in a few seconds.
- The committed query set (tests/search/queries.yaml: tasks and symptoms, half of them Chinese) is
  typed into the search box as a reader types it: the first three result pages answer the query.
  The first query of each language is typed right after the key that opens search, while the index
  is still loading, and is searched once it is ready: there is no retry.
"""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Browser, Page

from actsite.render.search_keys import PARENTHESISED
from actsite.site.search_index import index_path
from conftest import DEFINITIONS, ROOT, site_path

QUERIES = yaml.safe_load((ROOT / "tests" / "search" / "queries.yaml").read_text(encoding="utf-8"))
PREFIX = {"en": "", "zh": "zh/"}
REPORT: dict[str, object] = {}
WAIT_MS = 45_000  # the first query waits for the index to load on a busy machine; no retry


def chinese_part(name: str) -> str:
    """The Chinese name a reader types: the parenthesised part of `GELU（高斯误差线性单元）`, else the name itself."""
    inside = [part for part in PARENTHESISED.findall(name) if re.search(r"[\u4e00-\u9fff]", part)]
    return inside[0] if inside else name


def names_to_find() -> list[tuple[str, str]]:
    """(query, slug): each activation's names in both languages, the names without their parenthesised part, the Chinese name, each alias."""
    queries = []
    for loaded in DEFINITIONS:
        name = loaded.activation.name
        texts = [name.en, PARENTHESISED.sub(" ", name.en).strip(), name.zh, PARENTHESISED.sub(" ", name.zh).strip(), chinese_part(name.zh), *loaded.activation.aliases]
        queries += [(text, loaded.slug) for text in dict.fromkeys(texts)]
    return queries


FIRST_PAGES = """async ([indexPath, queries]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL(indexPath, base))).json();
  const worker = new Worker(config.search);  // the page's own search worker (overrides/partials/search-on-demand.html)
  const reply = () => new Promise(resolve => worker.addEventListener("message", event => resolve(event.data), { once: true }));
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  await reply();
  const firsts = [];
  for (const query of queries) {
    worker.postMessage({ type: 2, data: query });
    const result = await reply();
    const group = result.data.items[0] || [];
    firsts.push(group.length ? group[0].location.split("#")[0] : null);
  }
  worker.terminate();
  return firsts;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_name_alias_and_chinese_name_finds_its_page_first(browser: Browser, server: str, language: str) -> None:
    queries = names_to_find()
    page = browser.new_page()
    page.goto(f"{server}/{PREFIX[language]}", wait_until="load")
    firsts = page.evaluate(FIRST_PAGES, [index_path(language), [query for query, _ in queries]])
    page.close()
    expected = [f"{PREFIX[language]}activations/{slug}/" for _, slug in queries]
    missed = [f"{query!r} → {first} (not {want})" for (query, _), first, want in zip(queries, firsts, expected, strict=True) if first != want]
    REPORT[f"names searched, {language}"] = f"{len(queries)} queries, {len(missed)} not first"
    assert missed == []


ONE_CHARACTER = list("abcdefghijklmnopqrstuvwxyz0123456789")


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_one_character_query_answers_without_an_error(browser: Browser, server: str, language: str) -> None:
    """Each letter and digit begins some word of the index: its wildcard query must answer, and the worker must not fail.

    Lunr's word automaton once merged two different nodes (its node key had no separator between an
    edge's label and the child's id): the Chinese index's "x*" expanded to a word the index lacks and
    the query failed inside Lunr with no result (docs/assets/javascripts/workers/search-names.js).
    """
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{server}/{PREFIX[language]}", wait_until="load")
    firsts = page.evaluate(FIRST_PAGES, [index_path(language), ONE_CHARACTER])
    page.close()
    assert [query for query, first in zip(ONE_CHARACTER, firsts, strict=True) if first is None] == []
    assert errors == []


def _result_pages(page: Page) -> list[str]:
    """The pages of the results shown, in order (Material groups a page's sections under it)."""
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    pages = [re.sub(r"^/(zh/)?", "", site_path(href).split("#")[0]) for href in hrefs]
    return [re.sub(r"^activations/([^/]+)/$", r"\1", path) for path in dict.fromkeys(pages)]


def _settled_results(page: Page, quiet_ms: int = 300) -> list[str]:
    """The result pages once they stop changing (each key typed asks the worker again)."""
    page.wait_for_selector(".md-search-result__item", timeout=WAIT_MS)
    shown = _result_pages(page)
    while True:
        page.wait_for_timeout(quiet_ms)
        again = _result_pages(page)
        if again == shown:
            return shown
        shown = again


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_reader_queries_list_pages_that_answer_them_first(browser: Browser, server: str, language: str) -> None:
    queries = QUERIES[language]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/{PREFIX[language]}activations/relu/", wait_until="load")
    misses = []
    for number, item in enumerate(queries):
        if number == 0:  # as a person does: the key that opens search, then the words at once, while the index loads
            page.keyboard.press("/")
            page.keyboard.type(item["query"])
        else:
            page.fill("input.md-search__input", "")
            page.press("input.md-search__input", "End")
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
            page.fill("input.md-search__input", item["query"])
            page.press("input.md-search__input", "End")  # Material reads the box on a key press
        # Typed key by key, each key asks the worker again while it may still be building the index: a
        # partial query's results can stand for a while before the whole query's arrive.
        first_three = _settled_results(page, 2000 if number == 0 else 300)[:3]
        if not set(first_three) <= set(item["answers"]):
            misses.append(f"{item['query']!r}: {first_three}, answers {item['answers']}")
    context.close()
    REPORT[f"reader queries, {language}"] = f"{len(queries)} typed, {len(misses)} missed"
    assert misses == []


def test_the_query_set_is_half_chinese_and_names_real_pages() -> None:
    assert len(QUERIES["en"]) + len(QUERIES["zh"]) >= 60
    assert len(QUERIES["zh"]) >= len(QUERIES["en"])
    families = yaml.safe_load((ROOT / "i18n" / "families.yaml").read_text(encoding="utf-8"))
    pages = {loaded.slug for loaded in DEFINITIONS} | {"by-task/", "glossary/", "errata/"} | {f"families/{family}/" for family in families}
    unknown = [answer for items in QUERIES.values() for item in items for answer in item["answers"] if answer not in pages]
    assert unknown == []


def test_no_two_activations_share_a_name() -> None:
    """A name two pages carry could not bring either first: the names must identify one activation each."""
    from actsite.render.search_keys import shared_names

    assert list(shared_names((loaded.slug, loaded.activation) for loaded in DEFINITIONS)) == []


def test_chinese_part_is_the_parenthesised_chinese_name() -> None:
    assert chinese_part("GELU（高斯误差线性单元）") == "高斯误差线性单元"
    assert chinese_part("反正切函数（Arctan）") == "反正切函数（Arctan）"
    assert chinese_part("Mish") == "Mish"
