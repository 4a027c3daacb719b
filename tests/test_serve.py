"""`actsite serve` with a definition broken mid-session keeps serving the last good site.

The problem is printed as one line (no traceback), and fixing the file brings the new page; open
pages learn of the new build (the reload script's build number).

Runs `actsite serve` on a copy of the project, as `make serve` does, and edits files there.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from actsite.site.serve import BUILD_PATH, RELOAD_SCRIPT
from conftest import project_copy

pytestmark = pytest.mark.site
BROKEN_LINE = (
    "activations/relu.yaml: kind: Input should be 'elementwise', 'elementwise-learnable', 'stochastic', 'gated', 'vector', "
    "'multi-output', 'reduction', 'normalization' or 'input-conditioned'"
)
FIXED_TEXT = "Served after the fix"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local server we started
            return response.status, response.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait(condition: Callable[[], bool], seconds: float, what: str, output: list[str]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}; server output:\n" + "".join(output[-40:]))


def test_serve_keeps_the_last_good_site_while_a_definition_is_broken(tmp_path: Path) -> None:
    copy = project_copy(tmp_path / "project")
    port = _free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "actsite.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=copy,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(iter(server.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    page = f"http://127.0.0.1:{port}/activations/relu/"
    build_number = f"http://127.0.0.1:{port}{BUILD_PATH}"
    definition = copy / "activations" / "relu.yaml"
    good = definition.read_text(encoding="utf-8")
    try:
        _wait(lambda: _get(page)[0] == 200, 900, "the first build", output)
        served_before = _get(page)[1]
        assert RELOAD_SCRIPT in served_before
        assert _get(build_number) == (200, "0")

        definition.write_text(good.replace("kind: elementwise\n", "kind: elementwize\n", 1), encoding="utf-8")
        _wait(lambda: any(BROKEN_LINE in line for line in output), 600, "the problem line", output)
        _wait(lambda: any("still serving the last good site" in line for line in output), 600, "the failed rebuild", output)
        status, served = _get(page)
        assert status == 200
        assert served == served_before  # the last good page, unchanged
        assert _get(build_number) == (200, "0")  # open pages do not reload
        problem_lines = [line for line in output if BROKEN_LINE in line]
        assert len(problem_lines) == 1, problem_lines
        assert problem_lines[0].strip() == BROKEN_LINE
        assert not any("Traceback" in line for line in output), "".join(output)

        summary = good.split("summary:\n    en: ", 1)[1].split("\n", 1)[0]
        definition.write_text(good.replace(summary, f"{FIXED_TEXT}. {summary}", 1), encoding="utf-8")
        _wait(lambda: FIXED_TEXT in _get(page)[1], 600, "the page of the fixed definition", output)
        # Open pages reload: the number moves once the build's child process has ended (just after it published).
        _wait(lambda: _get(build_number) == (200, "1"), 60, "the build number of the new site", output)
        assert not (copy / "site").exists()  # served from .cache/serve/: a site/ built by `make build` is left alone
        assert not any("Traceback" in line for line in output), "".join(output)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_refuses_a_malformed_address_and_a_taken_port_in_one_line() -> None:
    """Both before any build: the argument is checked by the parser, the port is bound first."""
    malformed = subprocess.run([sys.executable, "-m", "actsite.cli", "serve", "--dev-addr", "localhost"], capture_output=True, text=True, check=False)
    assert malformed.returncode == 2
    assert malformed.stderr.strip().splitlines()[-1] == "actsite serve: error: argument --dev-addr: 'localhost' is not host:port (e.g. 127.0.0.1:8000)"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "actsite.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"actsite: cannot serve at 127.0.0.1:{port}: Address already in use"
    assert time.monotonic() - started < 60  # refused before building anything
    assert "Traceback" not in result.stderr
