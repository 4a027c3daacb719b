"""The README's first command as a newcomer runs it: `make serve` sets up, builds and answers.

Run by `.ci/run` on a fresh clone *before* `make test` (which installs more and would hide a missing
install step). Standard library only: the project's virtual environment does not exist yet. Starts
`make serve` in its own process group, waits for the English and Chinese GELU pages to answer with
their sections, then stops it. Exit 0 on success; on failure the end of its log and exit 1.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDRESS = "http://127.0.0.1:8000"
# Each page must answer with these anchors: the site was generated, not only served.
PAGES = {"/activations/gelu/": ('id="formula"', 'id="derivative"'), "/zh/activations/gelu/": ('id="formula"', 'id="derivative"', "高斯误差")}
TIMEOUT_S = 1200  # a fresh venv installs the build requirements and npm packages first


def page_text(url: str) -> str | None:
    """The page's HTML, or None while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own loopback server
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def main() -> int:
    """Start `make serve`, wait for its pages, stop it; report what happened."""
    log = tempfile.NamedTemporaryFile(prefix="serve-check-", suffix=".log", delete=False)  # noqa: SIM115 - kept for the report
    started = time.monotonic()
    process = subprocess.Popen(["make", "serve"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # noqa: S607 - make from PATH
    try:
        pending = dict(PAGES)
        while pending and time.monotonic() - started < TIMEOUT_S and process.poll() is None:
            for path, wanted in list(pending.items()):
                text = page_text(ADDRESS + path)
                if text is not None and all(part in text for part in wanted):
                    print(f"serve check: {path} answered after {time.monotonic() - started:.0f}s")
                    del pending[path]
            time.sleep(2)
        if not pending:
            print(f"serve check: `make serve` built and served the site in {time.monotonic() - started:.0f}s")
            return 0
        reason = f"`make serve` exited with {process.returncode}" if process.poll() is not None else f"no answer within {TIMEOUT_S}s"
        print(f"serve check FAILED: {reason}; still missing: {', '.join(pending)}", file=sys.stderr)
        print("".join(Path(log.name).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)[-40:]), file=sys.stderr)
        return 1
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
