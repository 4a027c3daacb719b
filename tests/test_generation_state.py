"""The no-op skip: a build generates again exactly when an input, the code or a generated file changed.

The digest and the record of generated files are checked on a copy of the project's input folders;
the driver's decision is checked in-process with the generator replaced by a recorder, so "skipped"
means the definitions were not loaded and nothing was generated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actsite.definitions import load
from actsite.site import build, driver
from actsite.site.build import BuildReport
from actsite.site.generation_state import (
    GenerationState,
    changed_outputs,
    current_digest,
    read_state,
    record_outputs,
    up_to_date,
    write_state,
)
from conftest import DEFINITIONS, ROOT

FOLDERS = ("activations", "data", "errata", "i18n", "schema", "src")
EDITS = {
    "definition": ("activations/relu.yaml", "  summary:\n    en: ", "  summary:\n    en: (edited) "),
    "i18n": ("i18n/ui.zh.yaml", "\n", "\n# edited\n"),
    "template": ("src/actsite/render/templates/activation.md.j2", "\n", "\n\n"),
    "errata": ("errata/errata.yaml", "\n", "\n# edited\n"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The input folders of the project (and its node_modules) in a temporary folder, with two 'generated' files."""
    root = tmp_path / "project"
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "docs").mkdir()
    (root / "docs" / "page.md").write_text("# generated\n", encoding="utf-8")
    (root / "docs" / ".generated.json").write_text('["page.md"]\n', encoding="utf-8")
    return root


def _edit(root: Path, edit: str) -> None:
    relative, old, new = EDITS[edit]
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _outputs(root: Path) -> list[Path]:
    return [root / "docs" / "page.md", root / "docs" / ".generated.json"]


def test_the_digest_is_the_same_while_nothing_changes(project: Path) -> None:
    assert current_digest(project) == current_digest(project)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_input_changes_the_digest(project: Path, edit: str) -> None:
    before = current_digest(project)
    _edit(project, edit)
    after = current_digest(project)
    changed = {part for part in before if before[part] != after[part]}
    assert changed == ({"code"} if edit == "template" else {"inputs"})


def test_a_new_definition_file_and_a_new_katex_version_change_the_digest(project: Path, tmp_path: Path) -> None:
    before = current_digest(project)
    shutil.copy(project / "activations" / "relu.yaml", project / "activations" / "relu-copy.yaml")
    assert current_digest(project)["inputs"] != before["inputs"]
    katex = tmp_path / "node_modules" / "katex"
    katex.mkdir(parents=True)
    (katex / "package.json").write_text('{"name": "katex", "version": "0.0.1"}', encoding="utf-8")
    (project / "node_modules").unlink()
    (project / "node_modules").symlink_to(tmp_path / "node_modules")
    assert current_digest(project)["katex"] != before["katex"]


def test_compiled_python_does_not_change_the_digest(project: Path) -> None:
    before = current_digest(project)
    cache = project / "src" / "actsite" / "__pycache__"
    cache.mkdir(exist_ok=True)
    (cache / "x.cpython-311.pyc").write_bytes(b"\0compiled")
    assert current_digest(project) == before


@pytest.mark.parametrize("damage", ["deleted", "edited", "same size, other bytes"])
def test_a_deleted_or_edited_generated_file_is_noticed(project: Path, damage: str) -> None:
    record = record_outputs(_outputs(project), project)
    assert changed_outputs(record, project) == []
    page = project / "docs" / "page.md"
    if damage == "deleted":
        page.unlink()
    elif damage == "edited":
        page.write_text("# edited by hand\n", encoding="utf-8")
    else:
        status = page.stat()
        page.write_text("# GENERATED\n", encoding="utf-8")
        os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))  # even with the old modification time
    assert changed_outputs(record, project) == ["docs/page.md"]


def test_the_state_round_trips_and_a_damaged_one_counts_as_missing(project: Path) -> None:
    path = project / ".cache" / "generation.json"
    state = GenerationState(
        current_digest(project), record_outputs(_outputs(project), project), [{"slug": "relu", "name": {"en": "ReLU", "zh": "ReLU"}, "aliases": ["rectifier"]}], 2
    )
    write_state(path, state)
    assert read_state(path) == state
    assert up_to_date(read_state(path), current_digest(project), project)
    path.write_text('{"format": 1, "digest": {}}', encoding="utf-8")
    assert read_state(path) is None
    path.write_text("not json", encoding="utf-8")
    assert read_state(path) is None


class Recorder:
    """Stands in for the generator (`generate_deferring_assets`): counts the loads and generations, writes the 'generated' file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.loads = 0
        self.generations = 0

    def generate_deferring_assets(
        self, report: BuildReport | None = None, before_writing: Callable[[], None] | None = None
    ) -> tuple[BuildReport, list[load.Loaded], None]:
        """The project's definitions, as loaded once by conftest; rewrite the one generated page (no assets left pending)."""
        self.loads += 1
        if before_writing is not None:
            before_writing()
        self.generations += 1
        (self.root / "docs" / "page.md").write_text("# generated\n", encoding="utf-8")
        return BuildReport(activations=len(DEFINITIONS)), DEFINITIONS, None


@pytest.fixture
def recorder(project: Path, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """The driver pointed at `project`, with the generator replaced by a Recorder."""
    stand_in = Recorder(project)
    monkeypatch.setattr(driver, "ROOT", project)
    monkeypatch.setattr(driver, "STATE_FILE", project / ".cache" / "generation.json")
    monkeypatch.setattr(build, "generate_deferring_assets", stand_in.generate_deferring_assets)
    monkeypatch.setattr(build, "generated_files", lambda: _outputs(project))
    return stand_in


def test_the_driver_skips_loading_and_generating_when_nothing_changed(recorder: Recorder, capsys: pytest.CaptureFixture[str]) -> None:
    driver.prepare()
    assert (recorder.loads, recorder.generations) == (1, 1)
    capsys.readouterr()
    session = driver.prepare()
    assert (recorder.loads, recorder.generations) == (1, 1)
    assert not session.generated
    assert "actsite: generation skipped" in capsys.readouterr().err
    relu = next(target for target in session.redirects if target["slug"] == "relu")  # what the redirect step writes
    assert relu["aliases"] == list(next(d for d in DEFINITIONS if d.slug == "relu").activation.aliases)
    assert session.families["relu"] == "relu"  # the navigation's groups, from the stored state


@pytest.mark.parametrize("change", [*sorted(EDITS), "deleted generated file", "edited generated file", "no state"])
def test_the_driver_generates_again_after_a_change(recorder: Recorder, project: Path, change: str) -> None:
    driver.prepare()
    if change in EDITS:
        _edit(project, change)
    elif change == "deleted generated file":
        (project / "docs" / "page.md").unlink()
    elif change == "edited generated file":
        (project / "docs" / "page.md").write_text("# edited by hand\n", encoding="utf-8")
    else:
        (project / ".cache" / "generation.json").unlink()
    assert driver.prepare().generated
    assert (recorder.loads, recorder.generations) == (2, 2)
    assert (project / "docs" / "page.md").read_text(encoding="utf-8") == "# generated\n"


class FailingAssets:
    """Stands in for the assets a build renders while the engine builds the pages: finishing them fails."""

    def __init__(self) -> None:
        self.paths = ["plots/relu.svg"]
        self.cancelled = 0

    def finish(self, report: BuildReport) -> dict[str, bytes]:
        """Fail as a figure that cannot be rendered would."""
        raise RuntimeError("a figure failed to render")

    def cancel(self) -> None:
        """Count the calls."""
        self.cancelled += 1


def test_assets_that_fail_after_the_pages_leave_no_state_and_the_next_build_generates_again(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch, project: Path, tmp_path: Path
) -> None:
    assets = FailingAssets()
    generate = recorder.generate_deferring_assets
    monkeypatch.setattr(build, "generate_deferring_assets", lambda **keywords: (*generate(**keywords)[:2], assets))
    session = driver.prepare()
    assert driver.write_placeholders(session, project / "docs") == [project / "docs" / "plots" / "relu.svg"]
    assert (project / "docs" / "plots" / "relu.svg").read_bytes() == b""  # the engine's link check finds the file
    with pytest.raises(RuntimeError, match="a figure failed to render"):
        driver.finish_assets(session, tmp_path / "site")
    assert read_state(project / ".cache" / "generation.json") is None  # not current: the next build generates
    monkeypatch.setattr(build, "generate_deferring_assets", recorder.generate_deferring_assets)
    driver.prepare()
    assert recorder.generations == 2
    assert read_state(project / ".cache" / "generation.json") is not None


def test_a_build_that_fails_before_its_assets_are_written_stops_rendering_them(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    assets = FailingAssets()
    generate = recorder.generate_deferring_assets
    monkeypatch.setattr(build, "generate_deferring_assets", lambda **keywords: (*generate(**keywords)[:2], assets))
    session = driver.prepare()
    session.cancel()  # what build_site does when the engine or a step fails
    assert assets.cancelled == 1
    session.cancel()  # nothing left to stop
    assert assets.cancelled == 1


def test_an_engine_that_fails_leaves_the_previous_site_and_stops_the_assets(recorder: Recorder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assets = FailingAssets()
    generate = recorder.generate_deferring_assets
    monkeypatch.setattr(build, "generate_deferring_assets", lambda **keywords: (*generate(**keywords)[:2], assets))
    monkeypatch.setattr(driver.engine, "write_config", lambda *arguments, **keywords: tmp_path / "mkdocs.yml")
    failing = [sys.executable, "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).mkdir(); sys.exit(3)", str(tmp_path / "site.tmp")]
    monkeypatch.setattr(driver.engine, "start", lambda *arguments: subprocess.Popen(failing))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    with pytest.raises(driver.BuildError, match=r"^mkdocs build failed \(exit status 3\)"):
        driver.build_site(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert not (tmp_path / "site.tmp").exists()  # the half-written site is removed
    assert assets.cancelled == 1
    assert read_state(driver.STATE_FILE) is None  # the assets were never written: the next build generates again
