"""Benchmark the build: clean generation, no-op generation, and a full `mkdocs build`.

Prints figures; asserts nothing (tests check behaviour, this measures speed).
Run with `make benchmark`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from actsite.build import clean, generate  # noqa: E402


def mkdocs_build_seconds(site_dir: str) -> float:
    """Wall time of one `mkdocs build --strict` (which runs the generator through the hook)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site_dir],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    """Print clean and no-op timings."""
    clean()
    cold = generate()
    print(f"generate, clean:   {cold.seconds:6.1f} s  plots rendered {cold.plots_rendered:3d}  ({cold.summary()})")
    warm = generate()
    print(
        f"generate, no-op:   {warm.seconds:6.1f} s  plots rendered {warm.plots_rendered:3d}  "
        f"properties computed {warm.properties_computed}  files written {warm.files_written}"
    )
    clean()
    with tempfile.TemporaryDirectory() as site:
        print(f"mkdocs build, clean: {mkdocs_build_seconds(site):6.1f} s")
        print(f"mkdocs build, no-op: {mkdocs_build_seconds(site):6.1f} s")


if __name__ == "__main__":
    main()
