"""The live parameters and the playground, in Debian's chromium, against the build's own values.

The generated JavaScript is evaluated in the browser for every activation at the export's sample
points (default parameters) and on a grid at every parameter variant, and compared with the build's
40-digit mpmath values: relative error ≤ 1e−9, or absolute ≤ 1e−12 near zero, for f and f′. The
sliders and the playground are then driven like a reader would. Figures (largest error, added
transfer, playground load time) are printed at the end of the run.
"""

from __future__ import annotations

import gzip
import json
import math
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import mpmath
import pytest
from playwright.sync_api import Browser, Page

from actsite.analysis.samples import SAMPLE_XS
from actsite.render.javascript import FUNCTIONS_DIR
from actsite.render.live import CHART_SCRIPT, LIVE_SCRIPT, SHIM_SCRIPT, STYLESHEET
from conftest import BY_SLUG, DEFINITIONS, SLUGS, site_path

pytestmark = pytest.mark.browser

RELATIVE = 1e-9
ABSOLUTE = 1e-12
VARIANT_XS = [float(x) for x in SAMPLE_XS[::5]]  # −6 … 6, step 0.05
WITH_PARAMETERS = [s for s in SLUGS if BY_SLUG[s].activation.parameters]
BUDGET_BYTES = 30 * 1024
REPORT: dict[str, object] = {}

EVALUATE_JOBS = """jobs => jobs.map(job => {
  const entry = window.ActivationFunctions.get(job.slug);
  const text = v => Number.isFinite(v) ? v : String(v);
  return ['f', 'df'].map(which => job.xs.map(x => text(window.ActivationFunctions.evaluate(entry, which, x, job.values))));
})"""


@dataclass
class Watched:
    """A page with its console errors and requests recorded."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self, server: str) -> None:
        """No console error, no failed response, no request to another host."""
        host = urlparse(server).netloc
        foreign = [url for url in self.requests if urlparse(url).netloc not in (host, "")]
        assert not self.errors, self.errors
        assert not foreign, foreign


@pytest.fixture
def watched(browser: Browser, server: str) -> Iterator[Watched]:
    """A fresh page whose console errors, failed responses and requests are checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = Watched(page)
    page.on("console", lambda m: record.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: record.errors.append(str(e)))
    page.on("request", lambda r: record.requests.append(r.url))
    page.on("response", lambda r: record.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield record
    record.assert_clean(server)
    context.close()


def _as_float(value: float | str) -> float:
    return float(value) if isinstance(value, str) else value


def _compare(name: str, xs: list[float], got: list[float | str], expected: list[float | None], problems: list[str], worst: dict[str, float]) -> None:
    """Record points outside the tolerance; keep the largest relative error (|expected| ≥ 1e−3) and absolute one (below)."""
    for x, value, exact in zip(xs, got, expected, strict=True):
        if exact is None:  # f′ undefined at a corner (null in the export)
            continue
        value = _as_float(value)
        if not math.isfinite(exact):
            if value != exact:
                problems.append(f"{name} at x = {x}: {value} instead of {exact}")
            continue
        error = abs(value - exact)
        if not (error <= RELATIVE * abs(exact) or error <= ABSOLUTE):
            problems.append(f"{name} at x = {x}: {value!r} instead of {exact!r} (error {error:.3g})")
            continue
        if abs(exact) >= 1e-3:
            worst["relative"] = max(worst["relative"], error / abs(exact))
        else:
            worst["absolute"] = max(worst["absolute"], error)


def _variant_jobs() -> list[dict[str, object]]:
    """One job per parameter variant (the others at their defaults, as the variants figure draws them)."""
    jobs = []
    for loaded in DEFINITIONS:
        for parameter in loaded.activation.parameters:
            for value in parameter.variants:
                jobs.append({"slug": loaded.slug, "values": {parameter.name: value}, "xs": VARIANT_XS})
    return jobs


def test_generated_functions_match_the_build_for_every_activation(watched: Watched, server: str, built_site: Path) -> None:
    export = {record["slug"]: record["samples"] for record in json.loads((built_site / "data" / "activations.json").read_text(encoding="utf-8"))["activations"]}
    assert sorted(export) == sorted(SLUGS)
    watched.page.goto(server + "/playground/")
    defaults = [{"slug": slug, "values": {}, "xs": export[slug]["x"]} for slug in SLUGS]
    variants = _variant_jobs()
    results = watched.page.evaluate(EVALUATE_JOBS, defaults + variants)
    problems: list[str] = []
    worst = {"relative": 0.0, "absolute": 0.0}
    points = 0
    for job, (f_values, df_values) in zip(defaults, results[: len(defaults)], strict=True):
        samples = export[job["slug"]]
        _compare(f"{job['slug']} f", job["xs"], f_values, samples["y"], problems, worst)
        _compare(f"{job['slug']} f′", job["xs"], df_values, samples["dy"], problems, worst)
        points += 2 * len(job["xs"])
    for job, (f_values, df_values) in zip(variants, results[len(defaults) :], strict=True):
        loaded = BY_SLUG[job["slug"]]
        setting = ", ".join(f"{k} = {v}" for k, v in job["values"].items())
        f, df = loaded.math.f(job["values"]), loaded.math.df(job["values"])
        _compare(f"{job['slug']} f ({setting})", VARIANT_XS, f_values, [f(x) for x in VARIANT_XS], problems, worst)
        _compare(f"{job['slug']} f′ ({setting})", VARIANT_XS, df_values, [df(x) for x in VARIANT_XS], problems, worst)
        points += 2 * len(VARIANT_XS)
    REPORT["functions checked in the browser"] = (
        f"{len(defaults)} activations at the export's {len(SAMPLE_XS)} points, {len(variants)} variants on {len(VARIANT_XS)} points; {points} values of f and f′"
    )
    REPORT["largest error seen"] = f"relative {worst['relative']:.2e} (|value| ≥ 1e−3), absolute {worst['absolute']:.2e} (|value| < 1e−3)"
    assert not problems, f"{len(problems)} values outside the tolerance:\n" + "\n".join(problems[:40])


SHIM_PROBE = """xs => xs.map(x => [window.ActivationMath.erf(x), window.ActivationMath.erfc(x), window.ActivationMath.Phi(x),
  window.ActivationMath.sigmoid(x), window.ActivationMath.softplus(x)])"""


def test_the_special_function_shim_is_accurate_to_double_precision(watched: Watched, server: str) -> None:
    xs = sorted({round(-9 + 0.01 * i, 2) for i in range(1801)} | {1e-8, -1e-8, 1e-3, 1.999999, 2.000001, 26.5})
    watched.page.goto(server + "/playground/")
    results = watched.page.evaluate(SHIM_PROBE, xs)
    references = (
        mpmath.erf,
        mpmath.erfc,
        lambda z: mpmath.ncdf(z),
        lambda z: 1 / (1 + mpmath.exp(-z)),
        lambda z: mpmath.log(1 + mpmath.exp(z)),
    )
    worst = 0.0
    bad = []
    with mpmath.workdps(40):
        for x, row in zip(xs, results, strict=True):
            for name, value, reference in zip(("erf", "erfc", "Phi", "sigmoid", "softplus"), row, references, strict=True):
                exact = float(reference(mpmath.mpf(x)))
                error = abs(value - exact) / abs(exact) if exact else abs(value)
                worst = max(worst, error)
                if error > 1e-13:
                    bad.append(f"{name}({x}) = {value!r}, exact {exact!r}")
    REPORT["shim (erf, erfc, Φ, σ, softplus) largest relative error"] = f"{worst:.2e} over {len(xs)} points in [−9, 26.5]"
    assert not bad, bad[:20]


def _curve_paths(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(f"{selector} path", "paths => paths.map(p => p.getAttribute('d'))")


def test_moving_a_slider_redraws_the_curves_and_updates_the_address(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/activations/elu/#plot")
    before = _curve_paths(page, "[data-live-chart]")
    assert len(before) == 2, "f and f′"
    assert all(before)
    slider = page.get_by_label("α (default 1)")
    slider.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "a focused slider shows its focus"
    for _ in range(25):
        page.keyboard.press("ArrowLeft")  # 25 steps of 0.02
    # The address follows the slider's input events as they are handled: wait for the last one.
    page.wait_for_function("new URLSearchParams(location.search).get('alpha') === '0.5'", timeout=10_000)
    assert parse_qs(urlparse(page.url).query) == {"alpha": ["0.5"]}
    assert urlparse(page.url).fragment == "plot"
    after = _curve_paths(page, "[data-live-chart]")
    assert after[0] != before[0], "f is redrawn"
    assert "α = 0.5" in page.inner_text(".live-parameters .chart-legend")
    assert page.input_value("[data-parameter-box=alpha]") == "0.5"
    page.check("[data-show-d2f]")
    assert len(_curve_paths(page, "[data-live-chart]")) == 3
    assert parse_qs(urlparse(page.url).query) == {"alpha": ["0.5"], "d2": ["1"]}
    page.fill("[data-parameter-box=alpha]", "2")
    page.wait_for_function("new URLSearchParams(location.search).get('alpha') === '2'", timeout=10_000)  # the number box updates the address too
    page.uncheck("[data-show-d2f]")
    page.click("[data-reset]")
    assert urlparse(page.url).query == ""
    assert _curve_paths(page, "[data-live-chart]") == before, "reset draws the defaults again"


def test_the_moments_and_gains_under_the_sliders_follow_them_and_match_the_build(watched: Watched, server: str) -> None:
    """The #plot section's line of Gaussian moments and gains, on a real page: at the default, after typing a value, and in zh."""
    from actsite.analysis.gaussian_moments import moments
    from actsite.analysis.propagation import gains

    page = watched.page
    elu = BY_SLUG["elu"].math
    for language, alpha in (("", None), ("", 0.5), ("/zh", 2.0)):
        page.goto(server + f"{language}/activations/elu/#plot")
        if alpha is not None:
            page.fill("[data-parameter-box=alpha]", str(alpha))
            page.wait_for_function(f"new URLSearchParams(location.search).get('alpha') === '{alpha:g}'", timeout=10_000)
        expected, _ = moments(elu, None if alpha is None else {"alpha": alpha})
        forward, backward = gains(expected, gated=False)
        text = page.inner_text("[data-live-gains]")
        # The line prints 4 significant digits (FunctionChart.format); the full values are compared in tests/test_live_moments.py.
        for label, value in ((" = ", expected.second), ("g_f = ", forward), ("g_b = ", backward)):
            assert f"{label}{float(f'{value:.4g}'):g}" in text, (language, alpha, label, value, text)
        assert ("gains g_f" if not language else "增益 g_f") in text


def test_a_link_with_a_setting_opens_it_and_the_language_switch_keeps_it(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/activations/elu/?alpha=0.5#plot")
    assert page.input_value("[data-parameter-box=alpha]") == "0.5"
    page.hover(".md-header__option .md-select")
    page.click('a[hreflang="zh"]')
    page.wait_for_load_state("load")
    url = urlparse(page.url)
    assert (site_path(page.url), url.query, url.fragment) == ("/zh/activations/elu/", "alpha=0.5", "plot")
    assert page.input_value("[data-parameter-box=alpha]") == "0.5"
    assert page.get_by_label("α (默认值 1)").count() == 1, "labels in the page's language"
    assert "α = 0.5" in page.inner_text(".live-parameters .chart-legend")


def test_every_activation_with_parameters_has_working_sliders_in_both_languages(watched: Watched, server: str, built_site: Path) -> None:
    page = watched.page
    checked = 0
    for slug in SLUGS:
        parameters = BY_SLUG[slug].activation.parameters
        for prefix in ("", "/zh"):
            html = (built_site / prefix.lstrip("/") / "activations" / slug / "index.html").read_text(encoding="utf-8")
            assert ("data-live-parameters" in html) == bool(parameters), f"{prefix}/activations/{slug}/"
            assert "compare-with" in html, f"{prefix}/activations/{slug}/ links to the playground"
            if not parameters:
                continue
            page.goto(f"{server}{prefix}/activations/{slug}/")
            state = page.evaluate(
                """() => {
                  const box = document.querySelector('[data-live-parameters]');
                  return {hidden: box.hidden, sliders: box.querySelectorAll('input[type=range]').length,
                          labelled: [...box.querySelectorAll('input[type=range]')].every(i => i.labels.length === 1 && i.labels[0].textContent.length > 0),
                          paths: [...box.querySelectorAll('[data-live-chart] path')].filter(p => p.getAttribute('d').length > 100).length};
                }"""
            )
            assert state == {"hidden": False, "sliders": len(parameters), "labelled": True, "paths": 2}, f"{prefix}/activations/{slug}/: {state}"
            checked += 1
    REPORT["activations with sliders"] = f"{len(WITH_PARAMETERS)} of {len(SLUGS)} ({checked} pages, both languages)"


def test_a_playground_address_draws_the_named_functions(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/playground/?f=gelu,silu,mish&show=f,df&x=-4,2&silu.beta=2")
    assert page.eval_on_selector_all("[data-slug]", "items => items.map(i => i.dataset.slug)") == ["gelu", "silu", "mish"]
    paths = _curve_paths(page, "[data-playground-chart]")
    assert len(paths) == 6
    assert all(len(d) > 100 for d in paths)
    assert "β = 2" in page.inner_text(".playground .chart-legend")
    assert page.input_value("[data-range=low]") == "-4"
    values = page.eval_on_selector_all("[data-values] tbody td", "cells => cells.map(c => Number(c.dataset.value))")
    expected = [g(0.0) for s, p in (("gelu", {}), ("silu", {"beta": 2.0}), ("mish", {})) for g in (BY_SLUG[s].math.f(p), BY_SLUG[s].math.df(p))]
    assert values == pytest.approx(expected, rel=1e-12, abs=1e-15)
    # The cursor follows the pointer: the table then shows the values at another x.
    box = page.locator("[data-playground-chart]").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2)
    assert float(page.input_value("[data-cursor]")) > 0.5
    assert page.input_value("[data-link]") == page.url


def test_the_playground_is_searched_and_edited_like_a_reader_would(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/zh/playground/?f=gelu")
    page.fill("#playground-search", "高斯误差")
    assert "gelu" in page.eval_on_selector_all("[data-suggestion]", "buttons => buttons.map(b => b.dataset.suggestion)")
    page.fill("#playground-search", "swish")
    page.keyboard.press("Enter")
    assert page.eval_on_selector_all("[data-slug]", "items => items.map(i => i.dataset.slug)") == ["gelu", "silu"]
    assert parse_qs(urlparse(page.url).query)["f"] == ["gelu,silu"]
    page.check("[data-show=d2f]")
    assert parse_qs(urlparse(page.url).query)["show"] == ["f,d2f"]
    assert len(_curve_paths(page, "[data-playground-chart]")) == 4
    page.fill("[data-range=high]", "3")
    page.press("[data-range=high]", "Enter")
    assert parse_qs(urlparse(page.url).query)["x"] == ["-4,3"]
    page.get_by_label("移除 GELU").click()
    assert parse_qs(urlparse(page.url).query)["f"] == ["silu"]
    page.click("[data-copy]")
    # The clipboard answers asynchronously: the status changes once it has (or has refused).
    copied = ("链接已复制。", "此处不允许复制；请选中链接后手动复制。")
    page.wait_for_function("texts => texts.includes(document.querySelector('#playground-status').innerText)", arg=list(copied))
    assert page.inner_text("#playground-status") in copied


def test_family_and_activation_pages_open_the_playground_preselected(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "/zh/families/exponential-linear/")
    page.click(".open-in-playground")
    page.wait_for_load_state("load")
    assert site_path(page.url) == "/zh/playground/"
    family = sorted(d.slug for d in DEFINITIONS if d.activation.family == "exponential-linear")
    assert "elu" in family
    assert page.eval_on_selector_all("[data-slug]", "items => items.map(i => i.dataset.slug)") == family
    page.goto(server + "/activations/relu/")
    page.click(".compare-with")
    page.wait_for_load_state("load")
    assert page.eval_on_selector_all("[data-slug]", "items => items.map(i => i.dataset.slug)") == ["relu"]


@pytest.mark.parametrize("path", ["/playground/", "/zh/playground/?f=softmax,swiglu,elu&show=f,df", "/zh/activations/elu/"])
def test_no_critical_or_serious_accessibility_violations_on_interactive_pages(watched: Watched, server: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    watched.page.goto(server + path)
    results = Axe().run(watched.page)
    severe = [
        f"{v['impact']}: {v['id']} ({len(v['nodes'])} nodes: {'; '.join(n['html'][:120] for n in v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]
    REPORT[f"axe {path}"] = f"{len(results.response['violations'])} violations, {len(severe)} critical/serious"
    assert not severe, severe


def _added_bytes(site: Path, slug: str, language: str) -> int:
    """Bytes an activation page loads for the live parameters: its HTML for them, the scripts and the stylesheet."""
    page = site / ("zh" if language == "zh" else "") / "activations" / slug / "index.html"
    html = page.read_text(encoding="utf-8")
    start = html.index('<div class="live-parameters"')
    container = html[start : html.index("</div>", start) + len("</div>")]
    files = [SHIM_SCRIPT, f"{FUNCTIONS_DIR}/{slug}.js", CHART_SCRIPT, LIVE_SCRIPT, STYLESHEET]
    tags = sum(len(f'<script src="{"../" * 3}{name}"></script>') for name in files)
    return len(container.encode("utf-8")) + tags + sum((site / name).stat().st_size for name in files)


def test_live_parameters_add_at_most_30_kb_to_an_activation_page(watched: Watched, server: str, built_site: Path) -> None:
    added = {(slug, language): _added_bytes(built_site, slug, language) for slug in WITH_PARAMETERS for language in ("en", "zh")}
    largest = max(added, key=added.get)  # type: ignore[arg-type]
    # What the browser actually transfers for one page (the test server does not compress).
    watched.page.goto(server + "/activations/elu/", wait_until="networkidle")
    sizes = watched.page.evaluate(
        "() => Object.fromEntries([...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map(e => [e.name, e.encodedBodySize]))"
    )
    files = (SHIM_SCRIPT, f"{FUNCTIONS_DIR}/elu.js", CHART_SCRIPT, LIVE_SCRIPT, STYLESHEET)
    live = sum(size for url, size in sizes.items() if any(url.endswith(name) for name in files))
    REPORT["added transfer per activation page"] = (
        f"median {statistics.median(added.values()) / 1024:.1f} KB, largest {added[largest] / 1024:.1f} KB ({largest[0]}, {largest[1]}); budget 30 KB, uncompressed"
    )
    total = sum(sizes.values())
    REPORT["/activations/elu/ in chromium"] = f"{total / 1024:.1f} KB in all (search index, KaTeX fonts); without the live-parameter files {(total - live) / 1024:.1f} KB"
    compressed = sum(len(gzip.compress((built_site / name).read_bytes(), mtime=0)) for name in files)
    REPORT["live-parameter files of /activations/elu/"] = f"{live / 1024:.1f} KB, {compressed / 1024:.1f} KB gzip-compressed"
    assert added[largest] <= BUDGET_BYTES


def test_playground_load_time_is_measured(watched: Watched, server: str) -> None:
    timings = []
    for _ in range(3):
        watched.page.goto(server + "/playground/?f=gelu,silu,mish,softmax,swiglu,elu&show=f,df,d2f", wait_until="load")
        timings.append(
            watched.page.evaluate(
                """() => ({load: performance.getEntriesByType('navigation')[0].loadEventEnd,
                          drawn: performance.getEntriesByName('playground-drawn')[0].startTime})"""
            )
        )
    REPORT["playground load time (6 functions, f, f′, f″; median of 3)"] = (
        f"drawn at {statistics.median(t['drawn'] for t in timings):.0f} ms, load event at {statistics.median(t['load'] for t in timings):.0f} ms"
    )
    assert all(t["drawn"] > 0 for t in timings)
