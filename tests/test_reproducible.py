"""Same sources, same bytes; a build interrupted at any moment leaves the previous site whole."""

from __future__ import annotations

import datetime
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from actsite.site.generation_state import STATE_FILE
from actsite.site.publish import publish
from conftest import PUBLISHED_URL, ROOT

# These build in the project folder itself: one at a time with every other build there (pytest-xdist).
pytestmark = pytest.mark.usefixtures("exclusive_root")


def _tree(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def _build(site: Path, *options: str) -> None:
    """`actsite build` into `site` with the address `make build` was given for built_site."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": PUBLISHED_URL}
    command = [sys.executable, "-m", "actsite.cli", "build", "--site-dir", str(site), *options]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 0, result.stderr


def _differing(first: Path, second: Path, normalise: Callable[[bytes], bytes] = lambda content: content) -> list[str]:
    first_tree, second_tree = _tree(first), _tree(second)
    assert sorted(first_tree) == sorted(second_tree)
    return [name for name in first_tree if normalise(first_tree[name]) != normalise(second_tree[name])]


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_a_second_build_with_properdocs_and_without_the_adapter_gives_the_same_bytes(built_site: Path, tmp_path: Path) -> None:
    """Same sources, same bytes, whatever the engine: one build proves three things.

    built_site ran `make build` (MkDocs 1.6 with the adapter). This build runs ProperDocs 1.6.7, the
    MkDocs 1.x fork, through the same driver and without the adapter: the sites are equal byte for
    byte but for the generator meta tag, which names the engine. So a build is reproducible, the
    engine is a replaceable step, and the adapter (a speed trick) changes nothing.
    """
    _build(tmp_path / "site", "--engine", "properdocs", "--no-adapter")
    generator = GENERATOR.search((tmp_path / "site" / "index.html").read_bytes())
    assert generator is not None
    assert b"ProperDocs 1.6.7" in generator.group(0)
    assert _differing(built_site, tmp_path / "site", lambda content: GENERATOR.sub(b"", content)) == []


def test_sitemap_is_dated_by_the_last_commit_not_the_build(built_site: Path) -> None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True).stdout  # noqa: S607
    expected = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).strftime("%Y-%m-%d")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", (built_site / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {expected}


def test_publish_exchanges_whole_folders(tmp_path: Path) -> None:
    old, new = tmp_path / "site", tmp_path / "site.tmp"
    old.mkdir()
    (old / "index.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    publish(new, old)
    assert (old / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("moment", ["generating", "writing"])  # while the generator runs; while MkDocs writes site.tmp
def test_interrupted_build_leaves_the_previous_site_intact(tmp_path: Path, moment: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    before = _tree(site)
    if moment == "generating":
        STATE_FILE.unlink(missing_ok=True)  # without the state of the last generation, the build generates
    command = ["make", "--no-print-directory", "build", f"SITE={site}"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    if moment == "generating":
        time.sleep(3)
    else:  # a build with nothing to generate can take as little as bare MkDocs: wait for its first page
        deadline = time.monotonic() + 300
        while not any((tmp_path / "site.tmp").rglob("*.html")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _tree(site) == before


KINKED = ("relu6", "hardtanh", "sqnl", "lut", "softshrink", "srelu")
PRINT_KINKS = (
    "from actsite.definitions.load import load_one; from actsite.definitions.paths import ACTIVATIONS_DIR; "
    "from actsite.render.javascript import kinks_source; "
    f"print([kinks_source(load_one(ACTIVATIONS_DIR / (slug + '.yaml'))) for slug in {KINKED!r}])"
)


def test_the_kinks_come_in_the_same_order_in_every_process() -> None:
    """SymPy's atoms are a set, iterated by string hashes that differ per process: the printed kinks must not follow them."""
    printed = {
        subprocess.run([sys.executable, "-c", PRINT_KINKS], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(printed) == 1, printed
