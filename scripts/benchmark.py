"""Benchmark the build against bare MkDocs, in one run, and count what one edit re-renders.

Prints figures; asserts nothing (tests check behaviour, this measures speed). Timings on a shared
machine are noisy, so the figures that matter are ratios taken back to back in the same run:

- clean/bare: `actsite build` from nothing (generation of every page, plot and property, the
  engine, the post-process steps) against bare MkDocs, i.e. `mkdocs build` of mkdocs.yml alone
  over the pages it generated;
- no-op/bare: `actsite build` again with nothing changed, against the same bare build (three rounds
  of clean, bare and no-op, back to back; the medians are compared);
- the generator's stage times (from the driver's log line);
- one edit: in a temporary copy of the project, one activation's prose, then its math, is changed
  and the generator run again; the plots rendered and the files written are listed;
- the first visit: the clean build's site served on 127.0.0.1 and one activation page per language
  opened cold in Chromium (actsite.verify.first_visit): what a gzip-serving host would transfer
  (bodies gzip level 6 where compressible, headers not counted, kB = 1000 bytes), the requests, the
  largest items, then what the first search fetches (the page language's index);
- Lighthouse (mobile preset) on the home page, an activation page in each language, the playground
  and the comparison table of the same site, served gzipped (actsite.verify.lighthouse).

Goals (issue 10): clean ≤ 2.0× bare, no-op ≤ 1.1× bare, first visit ≤ 300 kB gzip; (issue 23) Lighthouse
performance ≥ 95 with total blocking time ≤ 200 ms on those five pages. Run with `make benchmark`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from actsite.definitions.paths import ROOT
from actsite.site.build import clean
from actsite.verify.first_visit import CHROMIUM, CHROMIUM_ARGS, measure, report, serve
from actsite.verify.lighthouse import GOALS as LIGHTHOUSE_GOALS
from actsite.verify.lighthouse import VERSION as LIGHTHOUSE_VERSION
from actsite.verify.lighthouse import report_lines

GOAL_CLEAN, GOAL_NOOP = 2.0, 1.1
REPEATS = 3
EDITED = "relu"
FIRST_VISITS = (("/activations/gelu/", "GELU"), ("/zh/activations/gelu/", "高斯"))  # page, then a first search on it
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "site.tmp", ".pytest_cache", "__pycache__")


def timed_build(site_dir: str, *, bare: bool = False) -> tuple[float, str]:
    """Wall time and stderr of one `actsite build`, or of bare `mkdocs build --strict` of mkdocs.yml."""
    if bare:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site_dir]
    else:
        command = [sys.executable, "-m", "actsite.cli", "build", "--site-dir", site_dir]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    return time.perf_counter() - started, result.stderr


def stage_line(stderr: str) -> str:
    """The generator's summary line from the driver's log (stage times are at its end)."""
    lines = [line for line in stderr.splitlines() if line.startswith("actsite:")]
    return lines[0] if lines else "(no generator log line)"


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path → SHA-256 of every file under folder."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


GENERATE = "import dataclasses, json; from actsite.site.build import generate; print(json.dumps(dataclasses.asdict(generate())))"


def one_edit(copy: Path, edit: str) -> None:
    """Apply one edit to the copy's definition of EDITED, regenerate, print what was re-rendered."""
    definition = copy / "activations" / f"{EDITED}.yaml"
    text = definition.read_text(encoding="utf-8")
    if edit == "prose":
        changed = text.replace("  summary:\n    en: ", "  summary:\n    en: (edited) ", 1)
    else:
        changed = text.replace("function: Piecewise((x, x > 0), (0, True))", "function: Piecewise((x, x > 0), (x/100, True))", 1)
    assert changed != text, f"benchmark edit {edit!r} did not apply to {definition}"
    definition.write_text(changed, encoding="utf-8")
    before_docs, before_plots = tree_digest(copy / "docs"), tree_digest(copy / "plots")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", GENERATE], cwd=copy, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    report = json.loads(result.stdout.strip().splitlines()[-1])
    after_docs, after_plots = tree_digest(copy / "docs"), tree_digest(copy / "plots")
    pages = sorted(p for p in after_docs if before_docs.get(p) != after_docs[p] and p.endswith(".md"))
    plots = sorted(p for p in after_plots if before_plots.get(p) != after_plots[p] and p.endswith(".svg"))
    others = sorted(p for p in after_docs if before_docs.get(p) != after_docs[p] and not p.endswith(".md"))
    print(
        f"one edit ({EDITED}, {edit}): {seconds:5.1f} s; properties computed {report['properties_computed']}, "
        f"plots rendered {report['plots_rendered']}, files written {report['files_written']}"
    )
    print(f"  pages written ({len(pages)}): {', '.join(pages)}")
    print(f"  plots changed ({len(plots)}): {', '.join(plots) or '-'}")
    print(f"  other files written ({len(others)}): {', '.join(others) or '-'}")


def first_visits(site: Path) -> None:
    """Print the first-visit transfer of each page in FIRST_VISITS, and of its first search."""
    print("first visits (cold, chromium): response bodies gzip -6 where compressible, headers not counted, 1 kB = 1000 bytes")
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # Debian's, as in the tests
        try:
            for path, query in FIRST_VISITS:
                print("\n".join(report(measure(browser, url + path, query))))
        finally:
            browser.close()


def main() -> None:
    """Print clean/bare, no-op/bare, stage times, the one-edit re-render counts and the first visits."""
    visited = Path(tempfile.mkdtemp(prefix="actsite-first-visit-"))  # the last clean build's site, visited last
    colds: list[float] = []
    bares: list[float] = []
    noops: list[float] = []
    # Each round: a clean build (caches and generated files removed first), bare MkDocs over the
    # pages it generated, then a no-op build, each into a fresh folder, back to back, so a burst
    # of load on a shared machine falls on all three; the ratios use the medians of the rounds.
    for _ in range(REPEATS):
        clean()
        with tempfile.TemporaryDirectory() as folder:
            site = str(Path(folder) / "site")
            cold, cold_log = timed_build(site)
            colds.append(cold)
            warm, warm_log = timed_build(site)  # the first no-op, into the clean build's folder
            shutil.copytree(site, visited, dirs_exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            bares.append(timed_build(str(Path(folder) / "site"), bare=True)[0])
        with tempfile.TemporaryDirectory() as folder:
            noops.append(timed_build(str(Path(folder) / "site"))[0])
    cold_seconds, bare_seconds, noop_seconds = statistics.median(colds), statistics.median(bares), statistics.median(noops)
    runs = ", ".join(f"{c:.1f}/{b:.1f}/{n:.1f}" for c, b, n in zip(colds, bares, noops, strict=True))
    print(f"bare mkdocs build (mkdocs.yml, same docs/): {bare_seconds:6.1f} s  (median of {REPEATS})")
    print(f"actsite build, clean: {cold_seconds:6.1f} s   clean/bare {cold_seconds / bare_seconds:4.2f}x  (goal <= {GOAL_CLEAN}x; median of {REPEATS})")
    print(f"actsite build, no-op: {noop_seconds:6.1f} s   no-op/bare {noop_seconds / bare_seconds:4.2f}x  (goal <= {GOAL_NOOP}x; median of {REPEATS})")
    print(f"  clean/bare/no-op rounds (s): {runs}; the last first no-op, into the clean build's folder: {warm:.1f} s")
    print(f"stages, clean: {stage_line(cold_log)}")
    print(f"stages, no-op: {stage_line(warm_log)}")
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / "project"
        shutil.copytree(ROOT, copy, ignore=COPY_IGNORE, symlinks=True)
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
        for edit in ("prose", "math"):
            one_edit(copy, edit)
    try:
        first_visits(visited)
        lighthouse(visited)
    finally:
        shutil.rmtree(visited, ignore_errors=True)


def lighthouse(site: Path) -> None:
    """Print Lighthouse's scores (mobile preset) for the five pages of actsite.verify.lighthouse, the site served gzipped."""
    print(
        f"lighthouse {LIGHTHOUSE_VERSION} (mobile preset, Debian chromium, gzip): goal performance >= {LIGHTHOUSE_GOALS['performance']}, "
        f"total blocking time <= {LIGHTHOUSE_GOALS['total-blocking-time']} ms; scores move with the machine's load"
    )
    for line in report_lines(site):
        print(line)


if __name__ == "__main__":
    main()
