"""What a reader's first visit to a page transfers, measured in Chromium.

A fresh browser context (no cache) opens the page over a local HTTP server and waits for network
idle; every response is recorded. The local server sends files uncompressed, so the transfer a
gzip-serving host would give is computed from each body: gzip level 6 for compressible types
(HTML, CSS, JavaScript, JSON, SVG, XML, text), the body as is for already-compressed ones (woff2,
PNG, …). Headers are not counted. Sizes are in bytes; the reports print kB (1 kB = 1000 bytes).

Then, optionally, search is used the way a reader does (focus on the search box, a query typed)
and what that fetches is recorded apart: the search index and what the search worker needs.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, Response

GZIP_LEVEL = 6
COMPRESSIBLE_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")
COMPRESSIBLE_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
# Debian's chromium with the browser tests' flags (tests/conftest.py): no network of its own.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
GOAL_KB = 300  # issue 10: an activation page's cold load, gzip-compressed, in kB (1000 bytes)


@dataclass(frozen=True)
class Transfer:
    """One response: its URL path, content type, body size and the size a gzip-serving host sends."""

    path: str
    content_type: str
    body_bytes: int
    transfer_bytes: int  # gzip level 6 of the body if compressible, else the body; headers not counted


@dataclass
class Visit:
    """Every response of one page load, and of the first use of search on it (when measured)."""

    url: str
    load: list[Transfer] = field(default_factory=list)
    search: list[Transfer] = field(default_factory=list)
    query: str | None = None
    search_results: int = 0
    failed: list[str] = field(default_factory=list)  # requests without a 2xx response (none expected)

    @staticmethod
    def total(transfers: list[Transfer]) -> int:
        """Bytes a gzip-serving host would send for these responses (bodies only)."""
        return sum(t.transfer_bytes for t in transfers)


def is_compressible(path: str, content_type: str) -> bool:
    """Whether a host that gzips would compress this response (text formats; not woff2, PNG, …)."""
    kind = content_type.split(";")[0].strip().lower()
    return kind.startswith(COMPRESSIBLE_TYPES) or path.lower().endswith(COMPRESSIBLE_SUFFIXES)


def transfer_of(path: str, content_type: str, body: bytes) -> Transfer:
    """The transfer size of one response body as a gzip-serving host would send it."""
    # mtime=0: the same body always gives the same size (the gzip header's time field is fixed).
    sent = len(gzip.compress(body, GZIP_LEVEL, mtime=0)) if is_compressible(path, content_type) else len(body)
    return Transfer(path=path, content_type=content_type.split(";")[0], body_bytes=len(body), transfer_bytes=sent)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve a built site on a free loopback port (uncompressed, like `mkdocs serve`, unless the handler compresses); yield its URL."""
    handler = functools.partial(handler_class, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT = ".md-search-result__item"


def measure(browser: Browser, url: str, query: str | None = None) -> Visit:
    """Open `url` cold in a fresh context and record its responses; then search `query` if given.

    The load is every response until network idle (500 ms without a request); what arrives later,
    when search is used, is the search's.
    """
    visit = Visit(url=url, query=query)
    responses: dict[str, list[Response]] = {"load": [], "search": []}
    phase = ["load"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.on("response", lambda response: responses[phase[0]].append(response))
        context.on("requestfailed", lambda request: visit.failed.append(f"{request.failure} {request.url}"))
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        phase[0] = "search"
        if query is not None:
            page.click(SEARCH_INPUT)
            page.fill(SEARCH_INPUT, query)
            page.press(SEARCH_INPUT, "End")  # Material reads the query on keyup (fill sends none)
            page.wait_for_selector(SEARCH_RESULT, timeout=30_000)
            page.wait_for_load_state("networkidle")
            visit.search_results = page.locator(SEARCH_RESULT).count()
        visit.load = _transfers(responses["load"], visit.failed)
        visit.search = _transfers(responses["search"], visit.failed)
    finally:
        context.close()
    return visit


def _transfers(responses: list[Response], failed: list[str]) -> list[Transfer]:
    transfers = []
    for response in responses:
        if not 200 <= response.status < 300:  # an error or a redirect: listed, not counted
            failed.append(f"{response.status} {response.url}")
            continue
        transfers.append(transfer_of(urlparse(response.url).path, response.headers.get("content-type", ""), response.body()))
    return transfers


def report(visit: Visit, largest: int = 6) -> list[str]:
    """Lines describing one visit: totals against the goal, the largest items, what search fetched."""
    load_kb = Visit.total(visit.load) / 1000
    verdict = "ok" if load_kb <= GOAL_KB else "OVER"
    lines = [
        f"first visit {urlparse(visit.url).path}: {load_kb:6.1f} kB gzip in {len(visit.load)} requests "
        f"({sum(t.body_bytes for t in visit.load) / 1000:.1f} kB uncompressed)  goal <= {GOAL_KB} kB: {verdict}"
    ]
    for transfer in sorted(visit.load, key=lambda t: (-t.transfer_bytes, t.path))[:largest]:
        lines.append(f"    {transfer.transfer_bytes / 1000:6.1f} kB  {transfer.path}")
    if visit.query is not None:
        lines.append(
            f"  on first search ({visit.query!r}: {visit.search_results} results): {Visit.total(visit.search) / 1000:6.1f} kB gzip in {len(visit.search)} requests"
        )
        for transfer in sorted(visit.search, key=lambda t: (-t.transfer_bytes, t.path)):
            lines.append(f"    {transfer.transfer_bytes / 1000:6.1f} kB  {transfer.path}  ({transfer.body_bytes / 1000:.1f} kB uncompressed)")
    lines += [f"  failed: {failure}" for failure in visit.failed]
    return lines
