"""Shared fixtures: the loaded definitions (collected once) and the built site."""

from __future__ import annotations

import functools
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
from actsite.definitions.load import load_all

ROOT = Path(__file__).resolve().parents[1]

DEFINITIONS = load_all()
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
    monkeypatch.setattr(build, "load_all", lambda: load_all(activations))
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the whole site once with `mkdocs build --strict` into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the built site (directly or through another fixture) `site`.

    `make test-fast` deselects them (`-m "not site and not browser"`): no MkDocs build, no browser.
    """
    for item in items:
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures the browser suite measured (pages, requests, counts, contrast)."""
    site_module = sys.modules.get("test_site")
    for summary in getattr(site_module, "VALIDATION_SUMMARY", []):
        terminalreporter.section("html validation (v.Nu)")
        for line in summary.splitlines():
            terminalreporter.write_line(line)
    for module, title in (
        ("test_browser", "browser checks"),
        ("test_interactive", "live parameters and playground"),
        ("test_search", "search and first visit"),
    ):
        report = getattr(sys.modules.get(module), "REPORT", None)
        if report:
            terminalreporter.section(title)
            for name, value in report.items():
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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[str]:
    """Serve the built site on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium; the suite fails (never skips) when it is missing."""
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), "Debian's chromium is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
