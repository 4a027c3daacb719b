"""`actsite build` twice with nothing changed: the second skips generation, starts no KaTeX and builds the same site.

Runs `actsite build` on a copy of the project without its plots, script and formula caches and generation
state (so the first build generates, renders every figure and script, and every formula with
KaTeX), then checks the builds that follow it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFINITIONS, project_copy

pytestmark = pytest.mark.site
BROKEN_LINE = (
    "activations/relu.yaml: kind: Input should be 'elementwise', 'elementwise-learnable', 'stochastic', 'gated', 'vector', "
    "'multi-output', 'reduction', 'normalization' or 'input-conditioned'"
)


def _build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
    environment.pop("SITE_URL", None)  # built without an address (README: Publishing)
    command = [sys.executable, "-m", "actsite.cli", "build", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, check=False)


def _tree(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A project copy built once without plots, scripts, formulas and generation state: (project, site, stderr)."""
    folder = tmp_path_factory.mktemp("noop")
    project = project_copy(folder / "project")
    # No plots, scripts, formulas or state: the build renders every figure and script while the engine builds
    # the pages. The computed values are kept: recomputing them all would load both cores for as long
    # again while the browser tests run in the other worker (a clean build runs in built_site on CI).
    shutil.rmtree(project / "plots", ignore_errors=True)
    for name in ("katex.json", "generation.json", "functions.json"):
        (project / ".cache" / name).unlink(missing_ok=True)
    result = _build(project, folder / "site")
    assert result.returncode == 0, result.stderr
    assert "generation skipped" not in result.stderr
    return project, folder / "site", result.stderr


def test_the_first_build_renders_every_formula_with_katex(first_build: tuple[Path, Path, str]) -> None:
    project, _, stderr = first_build
    line = next(line for line in stderr.splitlines() if line.startswith("actsite: formulas:"))
    counts = [int(word.strip(",")) for word in line.split() if word.strip(",").isdigit()]
    assert counts[0] > 100, line
    assert counts[1] == counts[0], line  # rendered by KaTeX: all
    assert (project / ".cache" / "katex.json").exists()


def test_the_first_build_writes_figures_and_scripts_once_the_engine_built_the_pages(first_build: tuple[Path, Path, str]) -> None:
    """They render in the pool while the engine builds the pages; docs/ and the site then hold the same bytes."""
    project, site, stderr = first_build
    assert any(line.startswith("actsite: ") and "(figures, scripts, export) written after the engine built the pages" in line for line in stderr.splitlines())
    listed = json.loads((project / "docs" / ".generated.json").read_text(encoding="utf-8"))
    assets = [path for path in listed if path.startswith(("plots/", "assets/data/functions"))]
    assert len([path for path in assets if path.endswith(".svg")]) > 100
    assert len([path for path in assets if path.endswith(".js")]) == len(list((project / "activations").glob("*.yaml"))) + 1
    assert [path for path in assets if (site / path).read_bytes() != (project / "docs" / path).read_bytes()] == []


def test_a_noop_build_skips_generation_starts_no_katex_and_builds_the_same_site(first_build: tuple[Path, Path, str], tmp_path: Path) -> None:
    project, first_site, _ = first_build
    result = _build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "actsite: generation skipped" in result.stderr
    assert f"actsite: {len(DEFINITIONS)} activations" not in result.stderr
    assert ", rendered by KaTeX 0," in result.stderr  # every formula from the cache: no Node process
    first, second = _tree(first_site), _tree(tmp_path / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []  # cached formulas: the same bytes as KaTeX's


def test_a_definition_broken_after_a_good_build_fails_with_its_line(first_build: tuple[Path, Path, str], tmp_path: Path) -> None:
    project, _, _ = first_build
    definition = project / "activations" / "relu.yaml"
    good = definition.read_text(encoding="utf-8")
    definition.write_text(good.replace("kind: elementwise\n", "kind: elementwize\n", 1), encoding="utf-8")
    try:
        result = _build(project, tmp_path / "site")
    finally:
        definition.write_text(good, encoding="utf-8")
    assert result.returncode != 0
    assert BROKEN_LINE in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_a_deleted_generated_page_is_generated_again(first_build: tuple[Path, Path, str]) -> None:
    project, _, _ = first_build
    page = project / "docs" / "activations" / "relu.en.md"
    text = page.read_bytes()
    page.unlink()
    # The driver's first step alone (no engine): it is what decides whether to generate.
    run = "from actsite.site import driver; driver.prepare()"
    result = subprocess.run([sys.executable, "-c", run], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"actsite: {len(DEFINITIONS)} activations" in result.stderr
    assert "files written 1," in result.stderr
    assert page.read_bytes() == text


def test_a_skipping_build_imports_no_part_of_the_generator(first_build: tuple[Path, Path, str]) -> None:
    project, _, _ = first_build
    run = (
        "import sys; from actsite.site import driver; driver.prepare(); "
        "print(sorted(name for name in ('sympy', 'pydantic', 'numpy', 'scipy', 'jinja2', 'actsite.site.build') if name in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", run], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "actsite: generation skipped" in result.stderr
    assert result.stdout.strip() == "[]"


def test_a_build_without_an_address_claims_none(first_build: tuple[Path, Path, str]) -> None:
    """No canonical link, og:url or sitemap, and no localhost or `None` address anywhere (README: Publishing)."""
    _, site, _ = first_build
    assert not (site / "sitemap.xml").exists()
    assert not (site / "sitemap.xml.gz").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    claims = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        claims += [f"{page.relative_to(site)}: {claim}" for claim in ('rel="canonical" href="http', 'property="og:url"', "127.0.0.1", 'href="None') if claim in text]
    assert claims == []
    gelu = (site / "zh" / "activations" / "gelu" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="GELU（高斯误差线性单元）">' in gelu
    assert '<meta property="og:locale" content="zh_CN">' in gelu
