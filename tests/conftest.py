"""Shared fixtures: the loaded definitions (collected once) and the built site."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

# Keras 3 runs on its JAX backend (no TensorFlow is installed); chosen before anything imports Keras.
os.environ.setdefault("KERAS_BACKEND", "jax")

from actsite.analysis.properties import Properties, compute
from actsite.definitions.load import Loaded, load_all

ROOT = Path(__file__).resolve().parents[1]


def _math_checked_by_test_definitions(definitions: list[Loaded]) -> list[list[str]]:
    """No math checks at import: every worker's collection imports this file, and they take about 8 s.

    test_definitions.py::test_definition_passes_the_math_checks runs them, once per definition.
    """
    return [[] for _ in definitions]


DEFINITIONS = load_all(check=_math_checked_by_test_definitions)
SLUGS = [d.slug for d in DEFINITIONS]
BY_SLUG = {d.slug: d for d in DEFINITIONS}


def stated_exemplar(text: str | None = None) -> str:
    """`activations/leaky-relu.yaml` with its derivable fields stated, as it was before `actsite fix`.

    The broken copies of the tests edit the lines `slug:`, `year:` and `defaults:`, and their
    expected line numbers count them: this text is the same whether or not the file was fixed.
    """
    text = (ROOT / "activations" / "leaky-relu.yaml").read_text(encoding="utf-8") if text is None else text
    lines = text.splitlines(keepends=True)
    if not any(line.startswith("slug:") for line in lines):
        lines.insert(1, "slug: leaky-relu\n")
    if not any(line.startswith("year:") for line in lines):
        lines.insert(lines.index("family: relu\n") + 1, "year: 2013\n")
    if "    defaults: {negative_slope: 0.01}\n" not in lines:
        lines.insert(lines.index("    parameter_map: {alpha: negative_slope}\n"), "    defaults: {negative_slope: 0.01}\n")
    return "".join(lines)


@functools.cache
def properties_of(slug: str) -> Properties:
    """Computed properties of one activation, once per test session."""
    return compute(BY_SLUG[slug].math)


def generate_into(monkeypatch: pytest.MonkeyPatch, activations: Path, folder: Path) -> tuple[Path, Path]:
    """Point the generator at the definitions in `activations` and at docs/ and plots/ under `folder`."""
    from actsite.definitions import load
    from actsite.site import build

    docs, plots = folder / "docs", folder / "plots"
    monkeypatch.setattr(load, "ACTIVATIONS_DIR", activations)
    monkeypatch.setattr(build, "load_all", lambda **options: load_all(activations, **options))
    monkeypatch.setattr(build, "DOCS_DIR", docs)
    monkeypatch.setattr(build, "PLOTS_DIR", plots)
    monkeypatch.setattr(build, "PLOT_KEYS_FILE", plots / ".keys.json")
    monkeypatch.setattr(build, "GENERATED_MANIFEST", docs / ".generated.json")
    return docs, plots


def project_copy(folder: Path) -> Path:
    """A copy of the repository's tracked files in `folder`, for MkDocs to build there.

    The computed cache and plots come along (only what a test changes is recomputed) and
    node_modules is linked.
    """
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")  # noqa: S607
    for relative in filter(None, tracked):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, target)
    for cached in (".cache", "plots"):
        if (ROOT / cached).exists():
            shutil.copytree(ROOT / cached, folder / cached)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    return folder


@contextlib.contextmanager
def root_exclusive() -> Iterator[None]:
    """Hold the project folder for one build at a time: pytest-xdist's workers share it.

    A build in the project generates docs/, plots/ and .cache/ there; two at once would write the
    same files together. Not re-entrant: a holder must not ask again.
    """
    lock = ROOT / ".cache" / "tests-root.lock"
    lock.parent.mkdir(exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
def exclusive_root() -> Iterator[None]:
    """The project folder to this test alone while it runs (it builds or generates there)."""
    with root_exclusive():
        yield


def shared_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder that every xdist worker sees (the base folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


# The shared site is built as it is published (README: Publishing): with an address under a sub-path,
# by the command the Pages workflow runs, and served under that sub-path (`server`), so every browser
# test visits it as a reader of a project site would.
PUBLISHED_URL = "https://example.org/reference/"
SUB_PATH = "/reference"


def site_path(url: str) -> str:
    """The path of a served URL within the site (`/zh/activations/elu/`); it must lie under SUB_PATH."""
    from urllib.parse import urlparse

    path = urlparse(url).path
    assert path.startswith(SUB_PATH + "/"), f"{url} is outside the site's sub-path {SUB_PATH}/"
    return path[len(SUB_PATH) :]


def build_command(site: Path, site_url: str = PUBLISHED_URL) -> list[str]:
    """`make build` into `site` with the address `site_url`: the command .github/workflows/pages.yml runs."""
    return ["make", "--no-print-directory", "build", f"SITE={site}", f"SITE_URL={site_url}"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the whole site once per test run with `make build` (strict MkDocs); every worker uses that build."""
    shared = shared_temp(tmp_path_factory)
    site, complete = shared / "built-site", shared / "built-site.complete"
    if complete.exists():  # built by another worker: no need to wait for the project folder
        return site
    with root_exclusive():
        if complete.exists():
            return site
        shutil.rmtree(site, ignore_errors=True)
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(build_command(site), cwd=ROOT, capture_output=True, text=True, env=environment, check=False)
        assert result.returncode == 0, f"make build failed:\n{result.stdout}\n{result.stderr}"
        complete.touch()
    return site


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the built site (directly or through another fixture) `site`.

    `make test-fast` deselects them (`-m "not site and not browser"`): no MkDocs build, no browser.
    """
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


REPORTED_MODULES = (
    ("test_browser", "browser checks"),
    ("test_interactive", "live parameters and playground"),
    ("test_search", "search and first visit"),
    ("test_search_queries", "search queries"),
)
_worker_figures: list[dict[str, object]] = []  # under pytest-xdist: what each worker measured


def _figures_measured() -> dict[str, object]:
    """What this process's test modules measured: v.Nu's summaries and the browser suites' reports."""
    figures: dict[str, object] = {"validation": list(getattr(sys.modules.get("test_site"), "VALIDATION_SUMMARY", []))}
    for module, _ in REPORTED_MODULES:
        figures[module] = dict(getattr(sys.modules.get(module), "REPORT", None) or {})
    return figures


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker hands its figures to the controller, which prints them."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["actsite_figures"] = json.dumps(_figures_measured(), default=str)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """The controller collects a finished worker's figures (pytest-xdist only)."""
    figures = getattr(node, "workeroutput", {}).get("actsite_figures")
    if figures:
        _worker_figures.append(json.loads(figures))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures the browser suite measured (pages, requests, counts, contrast)."""
    everything = [_figures_measured(), *_worker_figures]
    for figures in everything:
        for summary in figures["validation"]:  # type: ignore[attr-defined]
            terminalreporter.section("html validation (v.Nu)")
            for line in summary.splitlines():
                terminalreporter.write_line(line)
    for module, title in REPORTED_MODULES:
        for figures in everything:
            report = figures[module]
            if report:
                terminalreporter.section(title)
                for name, value in report.items():  # type: ignore[attr-defined]
                    terminalreporter.write_line(f"{name}: {value}")


# The browser suites (test_browser, test_interactive) share one server and one chromium: Playwright's
# sync API allows one running instance per process.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class _SubPathHandler(SimpleHTTPRequestHandler):
    """The site under SUB_PATH, as a host serves a project site: other paths are 404, a missing page gets 404.html."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """The file for a path under SUB_PATH; a path outside it maps to nothing."""
        if path != SUB_PATH and not path.startswith(SUB_PATH + "/"):
            return str(Path(self.directory) / "\0outside")
        return super().translate_path(path[len(SUB_PATH) :] or "/")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404 page, as GitHub Pages serves it."""
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """Serve the built site under SUB_PATH on a free loopback port; yield the site's URL (no trailing slash)."""
    handler = functools.partial(_SubPathHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium; the suite fails (never skips) when it is missing."""
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), "Debian's chromium is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
