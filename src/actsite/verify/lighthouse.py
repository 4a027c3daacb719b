"""Lighthouse over a built site, served gzip-compressed as a real host serves it.

Lighthouse (pinned in package-lock.json, a dev dependency: `npm ci` installs it, `make serve` does not)
drives Debian's chromium through `CHROME_PATH`. Its scores move with the machine's load, so they are
measured by `make benchmark` and printed, never asserted in a timed test. Run alone with
`python -m actsite.verify.lighthouse [site] [page …]`.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from actsite.definitions.paths import ROOT
from actsite.verify.first_visit import CHROMIUM, GZIP_LEVEL, is_compressible, serve

# The pages issue 23 measures: the home page, an activation page in each language, the playground, the comparison table.
PAGES = ("", "activations/gelu/", "zh/activations/gelu/", "playground/", "compare/")
GOALS = {"performance": 95, "total-blocking-time": 200}  # score ≥ 95, TBT ≤ 200 ms (mobile preset)
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"  # package.json's pin: the last release that runs on Node 20


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip level 6 for compressible types when the client accepts it (as a real host does)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # SimpleHTTPRequestHandler's signature (returns the file or None)
        """Serve the file; compress the body when the client accepts gzip and the type is compressible."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the directory redirect
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not is_compressible(str(path), content_type):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        return None


def serve_gzipped(site: Path) -> AbstractContextManager[str]:
    """Serve `site` on a free loopback port with gzip; yield its URL (no trailing slash)."""
    return serve(site, _GzipHandler)


@dataclass(frozen=True)
class Audit:
    """What Lighthouse found for one page (mobile preset): category scores and the main-thread figures."""

    page: str
    scores: dict[str, int]  # category id → 0…100
    total_blocking_time_ms: float
    largest_contentful_paint_ms: float
    dom_elements: int
    failed: list[str]  # audits of performance, accessibility, best practices and SEO scoring below 0.9

    def line(self) -> str:
        """One line: the scores, TBT and LCP, against the goals."""
        scores = " ".join(f"{name[:4]} {value:3d}" for name, value in self.scores.items())
        met = self.scores.get("performance", 0) >= GOALS["performance"] and self.total_blocking_time_ms <= GOALS["total-blocking-time"]
        return (
            f"  /{self.page:<24} {scores}  TBT {self.total_blocking_time_ms:5.0f} ms  LCP {self.largest_contentful_paint_ms / 1000:4.1f} s  "
            f"DOM {self.dom_elements:5d}  {'ok' if met else 'below goal'}"
        )


def audit(url: str, page: str) -> Audit:
    """Run Lighthouse (mobile preset, the four categories) on one URL."""
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    audits = report["audits"]
    missing = [name for name in ("total-blocking-time", "largest-contentful-paint") if "numericValue" not in audits[name]]
    if missing:  # seen on a loaded machine: Lighthouse reports an error for the metric instead of a value
        reasons = "; ".join(f"{name}: {audits[name].get('errorMessage', 'no value')}" for name in missing)
        raise RuntimeError(f"lighthouse measured no {', '.join(missing)} on {url} ({reasons}); run it again on a quieter machine")
    failed = sorted(
        {
            f"{ref['id']} ({audits[ref['id']]['score']})"
            for category in report["categories"].values()
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 0.9
        }
    )
    return Audit(
        page=page,
        scores={name: round(100 * (category["score"] or 0)) for name, category in report["categories"].items()},
        total_blocking_time_ms=float(audits["total-blocking-time"]["numericValue"]),
        largest_contentful_paint_ms=float(audits["largest-contentful-paint"]["numericValue"]),
        dom_elements=int(audits["dom-size"].get("numericValue", 0)),
        failed=failed,
    )


def report_lines(site: Path, pages: tuple[str, ...] = PAGES) -> Iterator[str]:
    """The audit of each page as printed lines; a page Lighthouse could not measure is one line, and the others still run."""
    with serve_gzipped(site) as url:
        for page in pages:
            try:
                result = audit(f"{url}/{page}", page)
            except RuntimeError as error:
                yield f"  /{page:<24} not measured: {error}"
                continue
            yield result.line()
            yield from (f"      {failed}" for failed in result.failed)


def main(arguments: list[str]) -> None:
    """Print the audits of the given site (default: site/) and pages (default: PAGES)."""
    site = Path(arguments[0]) if arguments else ROOT / "site"
    for line in report_lines(site, tuple(arguments[1:]) or PAGES):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
