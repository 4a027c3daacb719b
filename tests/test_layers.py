"""The package's layout: stages import only earlier stages, and nothing edits the import path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

STAGES = ["definitions", "analysis", "render", "site", "verify"]


def test_stages_import_only_earlier_stages() -> None:
    # The layers contract lives in pyproject.toml ([tool.importlinter]); lint-imports exits 1 on a broken one.
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_stage_is_a_package_named_in_the_contract() -> None:
    contract = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in (ROOT / "src" / "actsite").glob("*/__init__.py"))
    assert packages == sorted(STAGES)
    for stage in STAGES:
        assert f"actsite.{stage}" in contract, stage


def test_nothing_edits_the_import_path() -> None:
    # The package is installed editable into .venv: no sys.path edits, no PYTHONPATH.
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()  # noqa: S607
    offenders = []
    for name in tracked:
        if not name.endswith((".py", ".toml", ".yml", ".yaml", ".cfg")) and name not in {"Makefile", ".ci/run"}:
            continue
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if ("sys.path" in code or "PYTHONPATH" in code) and name != "tests/test_layers.py":
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []
