"""Publishing: the address (SITE_URL) in canonical links, sitemap, hreflang and link previews; robots.txt; the 404 page.

The shared site is built by `make build` with PUBLISHED_URL, a sub-path address, and served under that
sub-path (conftest); a build without an address is checked in test_noop_build.py.
"""

from __future__ import annotations

import re
import shlex
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from actsite.site.hosting import NOT_FOUND_PLACEHOLDER, HostingError, base_path, drop_sitemap_without_address, not_found_html, robots_txt, write_not_found_page
from conftest import PUBLISHED_URL, ROOT, SLUGS, build_command, site_path

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


class _Head(HTMLParser):
    """The <link> and <meta> tags of a page, as attribute dictionaries."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "meta":
            self.metas.append(values)


def _head(page: Path) -> _Head:
    head = _Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def _pages(site: Path) -> list[Path]:
    """Every documentation page (not the 404 page, not the alias redirects, which carry `noindex`)."""
    return [page for page in sorted(site.rglob("index.html")) if 'name="robots" content="noindex"' not in page.read_text(encoding="utf-8")]


# Units ----------------------------------------------------------------------------------------------


def test_base_path_is_the_address_path_or_the_root() -> None:
    assert base_path(None) == "/"
    assert base_path("https://example.org") == "/"
    assert base_path("https://example.org/ref") == "/ref/"
    assert base_path("https://user.github.io/activations/") == "/activations/"


def test_robots_names_the_sitemap_only_with_an_address() -> None:
    assert robots_txt(None) == "User-agent: *\nAllow: /\n"
    assert robots_txt("https://example.org/ref/").endswith("\nSitemap: https://example.org/ref/sitemap.xml\n")


def test_the_sitemap_goes_without_an_address(tmp_path: Path) -> None:
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert drop_sitemap_without_address(tmp_path, "https://example.org/") == []
    assert drop_sitemap_without_address(tmp_path, None) == ["sitemap.xml", "sitemap.xml.gz"]
    assert list(tmp_path.iterdir()) == []


def test_not_found_content_has_every_language_with_its_home_under_the_address() -> None:
    content = not_found_html("https://example.org/ref/")
    assert '<section lang="en" data-language="en">' in content
    assert '<section lang="zh" data-language="zh">' in content
    assert content.count('name="q"') == 2
    assert '<a href="/ref/">' in content
    assert '<a href="/ref/zh/">' in content
    assert 'action="/ref/zh/"' in content
    assert "页面不存在" in content


def test_filling_the_404_page_needs_its_placeholder_once(tmp_path: Path) -> None:
    (tmp_path / "404.html").write_text("<main></main>", encoding="utf-8")
    with pytest.raises(HostingError, match="data-actsite-not-found"):
        write_not_found_page(tmp_path, None)
    (tmp_path / "404.html").write_text(f"<main>{NOT_FOUND_PLACEHOLDER}</main>", encoding="utf-8")
    write_not_found_page(tmp_path, None)
    assert "Page not found" in (tmp_path / "404.html").read_text(encoding="utf-8")


# The Pages workflow builds with the command the tests build with --------------------------------------


def test_the_pages_workflow_runs_the_tested_build_command_with_the_pages_address() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == ['make build SITE_URL="${{ steps.pages.outputs.base_url }}/"']
    words = shlex.split(runs[0])
    tested = build_command(Path("site"))
    assert words[:2] == [tested[0], tested[2]]  # make build
    assert [word.split("=")[0] for word in words[2:]] == ["SITE_URL"]
    assert [word.split("=")[0] for word in tested[3:]] == ["SITE", "SITE_URL"]  # SITE=site is the Makefile's default
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert "make build" in (ROOT / "README.md").read_text(encoding="utf-8")


# The built site (address with a sub-path) -----------------------------------------------------------


def test_canonical_and_link_previews_carry_the_configured_address(built_site: Path) -> None:
    pages = _pages(built_site)
    assert len(pages) > 2 * len(SLUGS)
    wrong = []
    for page in pages:
        relative = page.parent.relative_to(built_site).as_posix()
        expected = PUBLISHED_URL + ("" if relative == "." else relative + "/")
        head = _head(page)
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        og = {meta["property"]: meta["content"] for meta in head.metas if "property" in meta}
        twitter = {meta["name"]: meta["content"] for meta in head.metas if meta.get("name", "").startswith("twitter:")}
        language = "zh_CN" if relative == "zh" or relative.startswith("zh/") else "en_US"
        if canonical != [expected] or og.get("og:url") != expected or og.get("og:locale") != language:
            wrong.append(f"{relative}: canonical {canonical}, og:url {og.get('og:url')}, og:locale {og.get('og:locale')}")
        if not og.get("og:title") or og.get("og:title") != twitter.get("twitter:title") or not og.get("og:description") or twitter.get("twitter:card") != "summary":
            wrong.append(f"{relative}: preview {og} {twitter}")
    assert wrong == []


def test_the_sitemap_lists_every_page_with_its_alternates_at_the_address(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    alternates = re.findall(r'hreflang="(en|zh)" href="([^"]*)"', sitemap)
    assert locations
    assert all(location.startswith(PUBLISHED_URL) for location in locations)
    assert f"{PUBLISHED_URL}activations/gelu/" in locations
    assert ("zh", f"{PUBLISHED_URL}zh/activations/gelu/") in alternates
    assert all(href.startswith(PUBLISHED_URL + ("zh/" if language == "zh" else "")) for language, href in alternates)
    assert (built_site / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {PUBLISHED_URL}sitemap.xml\n")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("missing", "first_language", "words"),
    [("/zh/activations/swish-gated-unit/", "zh", "swish gated unit"), ("/activations/not_a_function.html", "en", "not a function")],
)
def test_a_missing_page_gets_the_404_page_that_helps_in_the_readers_language(browser: Browser, server: str, missing: str, first_language: str, words: str) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 and response.url != server + missing else None)
    response = page.goto(server + missing, wait_until="networkidle")
    assert response is not None
    assert response.status == 404
    languages = page.eval_on_selector_all("[data-actsite-not-found-parts] > section", "sections => sections.map(s => s.lang)")
    assert languages == [first_language, "zh" if first_language == "en" else "en"]
    assert page.input_value(f'section[lang="{first_language}"] input[name=q]') == words
    assert failed == [], "the 404 page's styles and scripts load from the site's address"
    page.click(f'section[lang="{first_language}"] button[type=submit]')
    page.wait_for_selector(".md-search-result__item", timeout=45_000)
    assert site_path(page.url) == ("/zh/" if first_language == "zh" else "/")
    context.close()
