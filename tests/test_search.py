"""Search in the built site: one index per language, fetched only once search is used, and a light first visit.

The index files are read from the site built once per session; the browser checks use the shared
chromium and server (tests/conftest.py). The first-visit budget is a size, not a timing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from actsite.site.search_index import ACTIVATION_SECTIONS_LEFT_OUT, dumps, index_path
from actsite.verify.first_visit import GOAL_KB, Visit, measure, report
from conftest import BY_SLUG, SLUGS, site_path

PREFIX = {"en": "", "zh": "zh/"}
QUERIES = {"en": "GELU", "zh": "高斯"}  # both find /activations/gelu/ in their language (checked below)
REPORT: dict[str, object] = {}


def _index(site: Path, language: str) -> dict[str, object]:
    return json.loads((site / index_path(language)).read_text(encoding="utf-8"))


def _locations(site: Path, language: str) -> list[str]:
    return [entry["location"] for entry in _index(site, language)["docs"]]  # type: ignore[index]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_each_language_has_its_own_index_with_only_its_pages(built_site: Path, language: str) -> None:
    locations = _locations(built_site, language)
    assert len(locations) > 2 * len(SLUGS)
    if language == "en":
        assert not [loc for loc in locations if loc.startswith("zh/")]
    else:
        assert all(loc.startswith("zh/") for loc in locations)
    for slug in SLUGS:  # every activation page is findable, with its tasks section
        assert f"{PREFIX[language]}activations/{slug}/" in locations, slug
        assert f"{PREFIX[language]}activations/{slug}/#tasks" in locations, slug


def test_both_indexes_hold_the_same_pages_and_sections(built_site: Path) -> None:
    english = _locations(built_site, "en")
    chinese = [location.removeprefix("zh/") for location in _locations(built_site, "zh")]
    assert english == chinese


@pytest.mark.parametrize("language", ["en", "zh"])
def test_index_has_no_redirect_stub_and_no_left_out_section(built_site: Path, language: str) -> None:
    locations = set(_locations(built_site, language))
    aliases = {alias for slug in SLUGS for alias in BY_SLUG[slug].activation.aliases}
    assert aliases, "the definitions declare aliases"
    stubs = sorted(loc for loc in locations if loc.removeprefix(PREFIX[language]).removeprefix("activations/").split("/")[0] in aliases)
    assert stubs == []
    left_in = sorted(loc for loc in locations if loc.startswith(f"{PREFIX[language]}activations/") and loc.partition("#")[2] in ACTIVATION_SECTIONS_LEFT_OUT)
    assert left_in == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_alias_stays_searchable_on_its_page(built_site: Path, language: str) -> None:
    texts = {entry["location"]: entry["text"] for entry in _index(built_site, language)["docs"]}  # type: ignore[index]
    missing = [f"{slug}: {alias}" for slug in SLUGS for alias in BY_SLUG[slug].activation.aliases if alias not in texts[f"{PREFIX[language]}activations/{slug}/"]]
    assert missing == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_index_json_is_compact_utf8_with_sorted_keys(built_site: Path, language: str) -> None:
    raw = (built_site / index_path(language)).read_bytes()
    assert raw == dumps(json.loads(raw))
    if language == "zh":
        assert "高斯".encode() in raw  # UTF-8, not \\u9ad8\\u65af


def _requests_during_load(page: Page, url: str) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return requests


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_loading_a_page_fetches_no_search_index(browser: Browser, server: str, language: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requests = _requests_during_load(page, f"{server}/{PREFIX[language]}activations/gelu/")
    context.close()
    assert requests, "the page made no request at all"
    assert [url for url in requests if "search_index" in url or "/lunr/" in url] == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_search_returns_results_in_the_page_language_only(browser: Browser, server: str, language: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    _requests_during_load(page, f"{server}/{PREFIX[language]}activations/relu/")
    with page.expect_request(f"{server}/{index_path(language)}"):
        page.click("input.md-search__input")
    page.fill("input.md-search__input", QUERIES[language])
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    links = [site_path(href) for href in page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")]
    suggestion = page.inner_text(".md-search__suggest")
    context.close()
    assert f"/{PREFIX[language]}activations/gelu/" in links, links
    other = [link for link in links if link.startswith("/zh/") != (language == "zh")]
    assert other == [], f"results in the other language for {QUERIES[language]!r}"
    if language == "en":
        assert suggestion.lower().startswith("gelu"), suggestion  # search.suggest completes the query


@pytest.mark.browser
def test_keyboard_shortcut_opens_search_and_fetches_the_index(browser: Browser, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    _requests_during_load(page, f"{server}/zh/activations/gelu/")
    with page.expect_request(f"{server}/{index_path('zh')}"):
        page.keyboard.press("/")
    page.keyboard.type("门控")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    context.close()


@pytest.mark.browser
def test_a_search_result_highlights_its_terms_on_the_page(browser: Browser, server: str) -> None:
    # Material's search.highlight: a result's link carries ?h=<terms>; the page marks them once the index is in.
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/activations/gelu/?h=gaussian", wait_until="networkidle")
    page.wait_for_selector("article mark", timeout=30_000)
    marked = page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent.toLowerCase())")
    context.close()
    assert "gaussian" in marked


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "zh"])
def test_first_visit_of_an_activation_page_stays_within_budget(browser: Browser, server: str, language: str) -> None:
    visit = measure(browser, f"{server}/{PREFIX[language]}activations/gelu/")
    REPORT[f"first visit, {language}"] = report(visit)[0].strip()
    assert Visit.total(visit.load) <= GOAL_KB * 1000, "\n".join(report(visit, largest=30))
    assert not [t.path for t in visit.load if "search_index" in t.path]
    assert visit.failed == []
