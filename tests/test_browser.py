"""The built site as a reader sees it: every page in both languages, in Debian's chromium.

Serves the built site on 127.0.0.1 and drives /usr/bin/chromium through Playwright. Each check
fails the suite; the figures (pages, requests, counts) are printed at the end of the run.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, Request

from actsite.render.sections import SECTION_ANCHORS
from conftest import BY_SLUG, SLUGS, site_path
from test_site import parse

pytestmark = pytest.mark.browser

REPORT: dict[str, object] = {}


def is_alias_redirect(html: Path) -> bool:
    """An alias page (/activations/swish/): it replaces itself with the canonical page while loading."""
    return '<meta http-equiv="refresh"' in html.read_text(encoding="utf-8")


def site_pages(site: Path) -> list[str]:
    """Every HTML page's URL path, both languages (the 404 page and alias redirects excluded).

    A redirect aborts its own document load by design (Chromium reports it as a failed request), and
    it has no content of its own; `test_every_alias_lands_on_its_canonical_page` visits those.
    """
    pages = []
    for html in sorted(site.rglob("index.html")):
        if is_alias_redirect(html):
            continue
        relative = html.parent.relative_to(site).as_posix()
        pages.append("/" if relative == "." else f"/{relative}/")
    return pages


@pytest.fixture(scope="session")
def visits(built_site: Path, server: str, browser: Browser) -> dict[str, dict[str, object]]:
    """Visit every page once; record console errors, requests, formulas, images and links."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    records: dict[str, dict[str, object]] = {}
    current: dict[str, object] = {}
    page.on("console", lambda m: current["console_errors"].append(m.text) if m.type == "error" else None)  # type: ignore[union-attr]
    page.on("pageerror", lambda e: current["console_errors"].append(str(e)))  # type: ignore[union-attr]
    network = _Network()
    page.on("request", lambda r: (current["requests"].append(r.url), network.started(r)))  # type: ignore[union-attr]
    page.on("requestfinished", lambda r: network.ended(r))

    def failed(request: Request) -> None:
        # A request a script of the previous page started late (on a loaded machine, after `settle`
        # let go) is aborted by the next page.goto: that abort is the test's doing, not the site's.
        if not (network.started_on_an_earlier_page(request) and request.failure == "net::ERR_ABORTED"):
            current["failed"].append(request.url)  # type: ignore[union-attr]
        network.ended(request)

    page.on("requestfailed", failed)
    page.on("response", lambda r: current["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)  # type: ignore[union-attr]
    idle_checked = _one_page_per_template(site_pages(built_site))
    for visit, path in enumerate(site_pages(built_site)):
        network.visit = visit
        current.clear()
        current.update(console_errors=[], requests=[], failed=[])
        page.goto(server + path, wait_until="load")
        network.settle(page)  # e.g. the search worker's scripts, started after the load event
        if path in idle_checked:
            # Requests a script makes after the load event come from the same assets on every page of
            # a template: one page of each waits until the network is idle (500 ms without a request).
            page.wait_for_load_state("networkidle")
        current.update(page.evaluate(PAGE_PROBE))
        if "/activations/" in path:
            # The same page at a phone's width (390 px): what test_phone_width_… checks, without a second load.
            page.set_viewport_size(PHONE)
            current["phone"] = page.evaluate(PHONE_PROBE)
            page.set_viewport_size(DESKTOP)
        records[path] = dict(current)
    context.close()
    REPORT["pages visited"] = len(records)
    REPORT["pages also watched until the network was idle"] = len(idle_checked)
    REPORT["requests made"] = sum(len(r["requests"]) for r in records.values())  # type: ignore[arg-type]
    return records


class _Network:
    """Requests in flight and the time of the last network event, to leave a page only once it is quiet."""

    def __init__(self) -> None:
        self.in_flight: set[object] = set()
        self.last_event = time.monotonic()
        self.visit = 0
        self.started_in: dict[object, int] = {}

    def started(self, request: object) -> None:
        self.in_flight.add(request)
        self.started_in[request] = self.visit
        self.last_event = time.monotonic()

    def started_on_an_earlier_page(self, request: object) -> bool:
        return self.started_in.get(request, self.visit) < self.visit

    def ended(self, request: object) -> None:
        self.in_flight.discard(request)
        self.last_event = time.monotonic()

    def settle(self, page: Page, quiet: float = 0.2, timeout: float = 15.0) -> None:
        """Wait until no request is in flight and none started or ended for `quiet` seconds.

        Playwright's "networkidle" is the same with 500 ms; leaving earlier would abort the
        requests scripts make after the load event (and report them as failed).
        """
        deadline = time.monotonic() + timeout
        while self.in_flight or time.monotonic() - self.last_event < quiet:
            assert time.monotonic() < deadline, f"requests still in flight after {timeout:g} s: {[r.url for r in self.in_flight]}"  # type: ignore[attr-defined]
            page.wait_for_timeout(20)


def _one_page_per_template(paths: list[str]) -> set[str]:
    """The first page of each language and top-level section (home, activations, families, compare, …)."""
    first: dict[tuple[str, str], str] = {}
    for path in paths:
        parts = path.strip("/").split("/")
        language = "zh" if parts[0] == "zh" else "en"
        rest = parts[1:] if language == "zh" else parts
        first.setdefault((language, rest[0] if rest and rest[0] else ""), path)
    return set(first.values())


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PHONE_PROBE = """() => ({
  width: document.documentElement.scrollWidth,
  unscrollable: [...document.querySelectorAll('article table')].filter(t => {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    const style = getComputedStyle(box);
    return t.scrollWidth > box.clientWidth + 1 && !['auto', 'scroll'].includes(style.overflowX);
  }).length,
})"""

PAGE_PROBE = """() => {
  const formulas = [...document.querySelectorAll('.arithmatex')];
  const images = [...document.querySelectorAll('article img')];
  const article = document.querySelector('article');
  return {
    lang: document.documentElement.lang,
    formulas: formulas.length,
    unrendered: formulas.filter(f => !f.querySelector('.katex, .math-text')).length,
    katex_errors: document.querySelectorAll('.katex-error').length,
    raw_dollars: article ? (article.innerText.match(/\\$\\$|\\\\\\(|\\\\\\[/g) || []).length : 0,
    images: images.map(i => ({src: i.getAttribute('src'), alt: i.getAttribute('alt') || '', width: i.naturalWidth})),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  };
}"""


def test_every_page_loads_without_console_errors_or_failed_requests(visits: dict[str, dict[str, object]]) -> None:
    errors = {path: r["console_errors"] for path, r in visits.items() if r["console_errors"]}
    failed = {path: r["failed"] for path, r in visits.items() if r["failed"]}
    REPORT["console errors"] = sum(len(v) for v in errors.values())  # type: ignore[arg-type]
    REPORT["failed requests"] = sum(len(v) for v in failed.values())  # type: ignore[arg-type]
    assert not errors, errors
    assert not failed, failed


def test_no_request_leaves_the_local_server(visits: dict[str, dict[str, object]], server: str) -> None:
    host = urlparse(server).netloc
    foreign = sorted({url for r in visits.values() for url in r["requests"] if urlparse(url).netloc not in (host, "")})  # type: ignore[union-attr]
    REPORT["requests to other hosts"] = len(foreign)
    assert not foreign, foreign[:10]


def test_every_formula_is_rendered_by_katex(visits: dict[str, dict[str, object]]) -> None:
    REPORT["formulas rendered"] = sum(r["formulas"] for r in visits.values())  # type: ignore[misc]
    problems = {p: (r["unrendered"], r["katex_errors"], r["raw_dollars"]) for p, r in visits.items() if r["unrendered"] or r["katex_errors"] or r["raw_dollars"]}
    assert not problems, f"(unrendered, katex errors, raw delimiters) per page: {problems}"
    activation_pages = [r for p, r in visits.items() if "/activations/" in p]
    assert all(r["formulas"] >= 2 for r in activation_pages), "an activation page shows at least f and f′"


def test_every_image_loads_and_plots_have_alt_text_in_the_page_language(visits: dict[str, dict[str, object]]) -> None:
    broken, bad_alt, count = [], [], 0
    for path, record in visits.items():
        for image in record["images"]:  # type: ignore[union-attr]
            count += 1
            if image["width"] <= 0:
                broken.append(f"{path}: {image['src']}")
            if "plots/" in image["src"]:
                alt = image["alt"]
                chinese = bool(re.search(r"[\u4e00-\u9fff]", alt))
                if len(alt) < 20 or chinese != (record["lang"] == "zh"):
                    bad_alt.append(f"{path}: {alt!r}")
    REPORT["images loaded"] = count - len(broken)
    assert not broken, broken
    assert not bad_alt, bad_alt


def test_every_internal_link_and_anchor_resolves(visits: dict[str, dict[str, object]], server: str, built_site: Path) -> None:
    host = urlparse(server).netloc
    ids_of: dict[str, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for path, record in visits.items():
        for link in record["links"]:  # type: ignore[union-attr]
            url = urlparse(urljoin(server + path, link))
            if url.netloc != host:
                continue
            checked += 1
            target = built_site / unquote(site_path(url.geturl())).lstrip("/")
            if url.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path} → {link}")
                continue
            # a.href is percent-encoded (#tag:%E9%80%9A…); the ids in the HTML are not.
            fragment = unquote(url.fragment)
            if fragment and target.suffix == ".html":
                if str(target) not in ids_of:
                    ids_of[str(target)] = set(parse(target).ids)
                if fragment not in ids_of[str(target)]:
                    broken.append(f"{path} → {link} (no #{url.fragment})")
    REPORT["internal links checked"] = checked
    REPORT["broken links"] = len(broken)
    assert not broken, broken[:20]


def test_every_activation_page_carries_every_section_anchor(visits: dict[str, dict[str, object]]) -> None:
    for slug in SLUGS:
        for prefix in ("", "/zh"):
            ids = visits[f"{prefix}/activations/{slug}/"]["ids"]
            missing = [a for a in SECTION_ANCHORS if a not in ids]  # type: ignore[operator]
            assert not missing, f"{prefix}/activations/{slug}/ lacks {missing}"


@pytest.mark.parametrize(
    ("start", "language", "expected"),
    [("/activations/{slug}/", "zh", "/zh/activations/{slug}/"), ("/zh/activations/{slug}/", "en", "/activations/{slug}/")],
)
def test_language_switcher_keeps_page_and_section(browser: Browser, server: str, start: str, language: str, expected: str) -> None:
    slug = "leaky-relu"
    page = browser.new_page()
    page.goto(server + start.format(slug=slug) + "#derivative")
    page.hover(".md-header__option .md-select")
    page.click(f'a[hreflang="{language}"]')
    page.wait_for_load_state("load")
    assert site_path(page.url) == expected.format(slug=slug)
    assert urlparse(page.url).fragment == "derivative"
    page.close()


# Search by name, alias, task and symptom, typed as a reader types: tests/test_search_queries.py.


def _plot_contrast(page: Page) -> float:
    """WCAG contrast ratio between the plot's background and its darkest tenth percentile of ink."""
    png = page.locator("#plot-main").screenshot()
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float) / 255.0
    linear = np.where(pixels <= 0.03928, pixels / 12.92, ((pixels + 0.055) / 1.055) ** 2.4)
    luminance = linear @ np.array([0.2126, 0.7152, 0.0722])
    background = float(np.median(luminance))
    ink = float(np.percentile(luminance, 1))
    return (max(background, ink) + 0.05) / (min(background, ink) + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_plot_curves_have_contrast_in_both_colour_schemes(browser: Browser, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "/activations/leaky-relu/")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    ratio = _plot_contrast(page)
    context.close()
    REPORT[f"plot contrast ({scheme}, page background {body})"] = round(ratio, 2)
    assert ratio >= 4.5


THEME_COLOR = """() => [
  '#' + getComputedStyle(document.querySelector('header')).backgroundColor.match(/\\d+/g).slice(0, 3).map(c => (+c).toString(16).padStart(2, '0')).join(''),
  [...document.querySelectorAll('meta[name=theme-color]')].map(m => m.content),
]"""


def test_colour_toggle_switches_is_remembered_and_answers_the_keyboard(browser: Browser, server: str) -> None:
    """The light/dark toggle (palette-toggle.js, in place of Material's palette component) does what Material's did."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server + "/activations/gelu/")
    header, metas = page.evaluate(THEME_COLOR)
    assert metas == [header]  # the page carries the header's colour as the browser's theme colour
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    shown = "[data-palette-toggle] label:not([hidden])"
    assert page.evaluate(scheme) == "default"
    assert page.locator(shown).count() == 1
    assert page.locator(shown).get_attribute("for") == "__palette_1"
    page.locator(shown).click()
    assert page.evaluate(scheme) == "slate"
    assert page.locator(shown).get_attribute("for") == "__palette_0"
    page.wait_for_function("document.querySelector('meta[name=color-scheme]')?.content === 'dark'")
    header, metas = page.evaluate(THEME_COLOR)
    assert metas == [header]
    page.goto(server + "/zh/activations/relu/")  # another page, the other language: the choice stays
    assert page.evaluate(scheme) == "slate"
    assert page.locator(shown).get_attribute("for") == "__palette_0"
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    assert page.evaluate(scheme) == "default"
    assert page.locator(shown).get_attribute("for") == "__palette_1"
    context.close()


# Transitions whose two ends differ (Chromium also starts some from a colour to the same colour while
# the page loads, which nobody sees).
VISIBLE_TRANSITIONS = """() => document.getAnimations().filter(a => a instanceof CSSTransition).map(a => {
  const name = a.transitionProperty.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const [from, to] = a.effect.getKeyframes().map(k => k[name]);
  return from === to ? null : `${a.effect.target.tagName} ${a.transitionProperty}: ${from} → ${to}`;
}).filter(Boolean)"""


def test_a_dark_first_visit_starts_no_colour_transition(browser: Browser, server: str) -> None:
    # The palette script switches a first visit whose system prefers dark under Material's "switching"
    # mark; without it, code blocks and links faded from the light colours. Animations are slowed
    # 100-fold so that a transition started at load is still running when the page is inspected.
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": 0.01})
    page.goto(server + "/activations/gelu/")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done))))")
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    transitions = page.evaluate(VISIBLE_TRANSITIONS)
    context.close()
    assert scheme == "slate"
    assert not transitions, transitions[:10]


TABLE_STYLE_PROBE = """() => {
  const ours = document.querySelector('article table.data-table');
  const box = document.createElement('div');
  box.className = 'md-typeset__scrollwrap';
  box.innerHTML = '<div class="md-typeset__table"></div>';
  const theirs = ours.cloneNode(true);
  theirs.removeAttribute('class');  // what Material's own rules for table:not([class]) style
  box.firstChild.appendChild(theirs);
  document.querySelector('article').appendChild(box);
  const properties = ['display', 'max-width', 'overflow-x', 'overflow-y', 'font-size', 'font-weight', 'touch-action',
    'background-color', 'border-top', 'border-right', 'border-bottom', 'border-left', 'border-top-left-radius',
    'text-align', 'min-width', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'vertical-align',
    'transition-property', 'transition-duration', 'word-break', 'box-shadow'];
  const parts = ['', 'th', 'td', 'td a', 'td > :first-child'];
  const differences = [];
  for (const part of parts) {
    const a = part ? ours.querySelector(part) : ours, b = part ? theirs.querySelector(part) : theirs;
    if (!a) continue;
    for (const name of properties) {
      const x = getComputedStyle(a).getPropertyValue(name), y = getComputedStyle(b).getPropertyValue(name);
      if (x !== y) differences.push(`${part || 'table'} ${name}: ${x} (ours) vs ${y} (Material)`);
    }
  }
  return differences;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tables_boxed_at_build_time_look_as_material_styles_them(browser: Browser, server: str, scheme: str) -> None:
    # extra.css copies Material's rules for unclassed tables to table.data-table (site/tables.py):
    # a Material upgrade that changes them shows here, in both colour schemes.
    page = browser.new_page(color_scheme=scheme)
    page.goto(server + "/activations/gelu/")
    differences = page.evaluate(TABLE_STYLE_PROBE)
    page.close()
    assert not differences, differences


AXE_PAGES = ["/", "/activations/leaky-relu/", "/zh/", "/zh/activations/leaky-relu/"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_critical_or_serious_accessibility_violations(browser: Browser, server: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(server + path)
    results = Axe().run(page)
    page.close()
    severe = [f"{v['impact']}: {v['id']} ({len(v['nodes'])} nodes)" for v in results.response["violations"] if v["impact"] in ("critical", "serious")]
    REPORT[f"axe {path}"] = f"{len(results.response['violations'])} violations, {len(severe)} critical/serious"
    assert not severe, severe


def test_phone_width_has_no_horizontal_page_overflow(visits: dict[str, dict[str, object]]) -> None:
    overflowing: list[str] = []
    checked = 0
    for slug in SLUGS:
        for prefix in ("", "/zh"):
            path = f"{prefix}/activations/{slug}/"
            phone = visits[path]["phone"]
            checked += 1
            if phone["width"] > PHONE["width"]:  # type: ignore[index]
                overflowing.append(f"{path} ({phone['width']}px)")  # type: ignore[index]
            # Wide tables scroll inside their own container instead of widening the page.
            if phone["unscrollable"]:  # type: ignore[index]
                overflowing.append(f"{path}: {phone['unscrollable']} table(s) overflow without scrolling")  # type: ignore[index]
    REPORT["phone-width pages checked"] = checked
    assert checked == 2 * len(SLUGS)
    assert not overflowing, overflowing


def test_alias_url_redirects_keeping_the_section(browser: Browser, server: str) -> None:
    page = browser.new_page()
    for prefix in ("", "/zh"):
        page.goto(f"{server}{prefix}/activations/lrelu/#derivative")
        page.wait_for_url(f"**{prefix}/activations/leaky-relu/#derivative")
    page.close()


def test_every_alias_lands_on_its_canonical_page(browser: Browser, server: str, built_site: Path) -> None:
    """Every alias page of both languages is the redirect to its page; the browser follows one alias per activation.

    The redirect pages differ only in their target, so each is checked in the file (its link, canonical
    URL, script and refresh all name the canonical page) and one per activation is followed in Chromium,
    the language alternating (following all of them, about 700, took 90 s of the suite for no new case).
    """
    page = browser.new_page()
    followed = checked = 0
    for number, slug in enumerate(SLUGS):
        aliases = BY_SLUG[slug].activation.aliases
        for alias in aliases:
            for prefix in ("", "/zh"):
                redirect = built_site / prefix.lstrip("/") / "activations" / alias / "index.html"
                assert is_alias_redirect(redirect)
                html = redirect.read_text(encoding="utf-8")
                target = f"../{slug}/"
                assert f'<link rel="canonical" href="{target}">' in html, redirect
                assert f'window.location.replace("{target}" + window.location.hash)' in html, redirect
                assert f'content="0; url={target}"' in html, redirect
                checked += 1
        if aliases:
            prefix = ("", "/zh")[number % 2]
            # Landing is the navigation to the canonical URL being committed; its own load is
            # what test_every_page_loads_without_console_errors_or_failed_requests checks.
            page.goto(f"{server}{prefix}/activations/{aliases[0]}/#api", wait_until="commit")
            page.wait_for_url(f"{server}{prefix}/activations/{slug}/#api", wait_until="commit")
            followed += 1
    page.close()
    REPORT["alias redirect pages checked"] = checked
    REPORT["alias redirects followed in Chromium"] = followed


def test_comparison_table_sorts_and_filters(browser: Browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "/compare/")

    def column(header: str) -> list[str]:
        """The data-value of every row's cell in the column headed `header` (found by its text: columns come and go)."""
        script = "(header) => { const i = [...document.querySelectorAll('thead th')].findIndex(th => th.textContent.includes(header));"
        script += " return [...document.querySelectorAll('tbody tr')].map(r => r.cells[i].getAttribute('data-value') ?? r.cells[i].textContent.trim()); }"
        return page.evaluate(script, header)

    year = page.locator("th", has_text="Year").locator("button")
    year.click()
    years = [float(y) for y in column("Year") if y not in ("", "—")]
    assert len(years) > 40  # the rest have no known year (—)
    assert years == sorted(years)
    year.click()
    years = [float(y) for y in column("Year") if y not in ("", "—")]
    assert years == sorted(years, reverse=True)
    # A measured column sorts by its number; the functions without a PyTorch call (no value) come last.
    page.locator("th", has_text="Saved for backward").locator("button").click()
    values = column("Saved for backward")
    measured = [float(v) for v in values if v]
    assert measured == sorted(measured)
    assert values[len(measured) :] == [""] * (len(values) - len(measured))
    total = page.locator("tbody tr").count()
    page.select_option("select[data-filter=family]", "relu")
    visible = page.locator("tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all(family == "relu" for family in visible.evaluate_all("rows => rows.map(r => r.dataset.family)"))
    page.select_option("select[data-filter=family]", "")
    page.select_option("select[data-filter=task]", "gan")
    assert all("gan" in tasks.split() for tasks in page.locator("tbody tr:not([hidden])").evaluate_all("rows => rows.map(r => r.dataset.tasks)"))
    page.close()


A4_LANDSCAPE_CONTENT_PX = round((297 - 20) / 25.4 * 96)  # page width minus the 10 mm margins, at 96 px per inch


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize(("path", "one_page"), [("/compare/", False), ("/zh/compare/", False), ("/cheat-sheet/", True), ("/zh/cheat-sheet/", True)])
def test_printing_gives_a4_landscape_without_horizontal_overflow(browser: Browser, server: str, path: str, one_page: bool) -> None:
    page = browser.new_page(viewport={"width": A4_LANDSCAPE_CONTENT_PX, "height": 700})
    page.goto(server + path)
    page.emulate_media(media="print")
    overflow = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth - window.innerWidth,
            tables: [...document.querySelectorAll('article table')].map(t => t.getBoundingClientRect().right - window.innerWidth),
            hidden: ['.md-header', '.md-sidebar--primary', '.md-footer']
                .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none').length,
            rowsSplittable: [...document.querySelectorAll('article tbody tr')].filter(r => getComputedStyle(r).breakInside !== 'avoid').length,
            headerRepeats: [...document.querySelectorAll('article thead')].every(h => getComputedStyle(h).display === 'table-header-group'),
        })"""
    )
    pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    page.close()
    REPORT[f"PDF pages {path}"] = _pdf_pages(pdf)
    assert overflow["page"] <= 0, overflow
    assert all(right <= 0.5 for right in overflow["tables"]), overflow
    assert overflow["hidden"] == 0, "navigation, header and footer are hidden in print"
    assert overflow["rowsSplittable"] == 0, "no table row may be cut across pages"
    assert overflow["headerRepeats"], "the header row repeats on every printed page"
    if one_page:
        assert _pdf_pages(pdf) == 1
