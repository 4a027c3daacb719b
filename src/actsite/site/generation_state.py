"""Whether the generated sources are current, so a build with nothing changed skips the generator.

Loading 75 definitions and rendering every page takes seconds; a `mkdocs build` with nothing
changed must not pay for it. After each successful generation the driver stores, in
`.cache/generation.json`:

- the digest of everything generation depends on, in parts: its inputs (activations/, data/,
  errata/, i18n/, schema/), the generator's code, the installed packages and Python, and the KaTeX
  package whose stylesheet and fonts are copied;
- the size and SHA-256 of every generated file as written (the docs/ files the manifest lists, the
  manifest, plots/), so a deleted or edited output is noticed (reading them all takes milliseconds);
- what the steps after the engine need from the definitions, instead of the definitions: the alias redirects,
  the number of lint warnings, the search keys of every activation page and each activation's family.

A build skips generation only when every part of the digest is equal and every recorded file is
as written; anything else generates. The state is removed before generating and written after a
success, so a failed or interrupted generation never leaves a state that claims the outputs are current.

This module imports only the standard library: it runs on every build, including those that skip.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import actsite
from actsite.definitions.paths import ROOT
from actsite.site.redirects import AliasTarget

STATE_FILE = ROOT / ".cache" / "generation.json"
FORMAT = 2
INPUT_FOLDERS = ("activations", "data", "errata", "i18n", "schema")
IGNORED_PARTS = frozenset({"__pycache__"})


def _hash_folder(digest: Any, folder: Path, label: str) -> None:
    """Add every file under `folder` (name, length, bytes) to `digest`; a missing folder adds its absence."""
    if not folder.is_dir():
        digest.update(f"{label}: missing\0".encode())
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not IGNORED_PARTS.intersection(path.parts) and path.suffix != ".pyc":
            content = path.read_bytes()
            digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0{len(content)}\0".encode())
            digest.update(content)


def inputs_digest(root: Path) -> str:
    """The definitions and every other file generation reads from the project."""
    digest = hashlib.sha256()
    for name in INPUT_FOLDERS:
        _hash_folder(digest, root / name, name)
    return digest.hexdigest()


def code_folders(root: Path) -> list[Path]:
    """The generator's source: the imported `actsite` package and the project's src/ (the engine loads the adapter from there)."""
    source, package = (root / "src").resolve(), Path(actsite.__file__).resolve().parent
    return [source] if package.is_relative_to(source) else [source, package]


def code_digest(root: Path) -> str:
    """The generator's code (Python modules, templates, the KaTeX server)."""
    digest = hashlib.sha256()
    for folder in code_folders(root):
        _hash_folder(digest, folder, folder.name)
    return digest.hexdigest()


def packages_digest() -> str:
    """Python's version and every installed distribution with its version (the names of the dist-info folders)."""
    folders = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    names: list[str] = []
    for folder in folders:
        try:
            names += [entry for entry in os.listdir(folder) if entry.endswith((".dist-info", ".egg-info"))]
        except OSError:
            names.append(f"{folder}: unreadable")
    return hashlib.sha256("\n".join([sys.version, *sorted(names)]).encode()).hexdigest()


def katex_digest(root: Path) -> str:
    """The KaTeX package (its package.json names the version) whose stylesheet and fonts the site ships."""
    try:
        content = (root / "node_modules" / "katex" / "package.json").read_bytes()
    except OSError:
        content = b"missing"
    return hashlib.sha256(content).hexdigest()


def current_digest(root: Path, code: str | None = None) -> dict[str, str]:
    """Every part of what generation depends on; `code` replaces the code digest (the code a process runs)."""
    return {
        "inputs": inputs_digest(root),
        "code": code_digest(root) if code is None else code,
        "packages": packages_digest(),
        "katex": katex_digest(root),
    }


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def record_outputs(paths: Iterable[Path], root: Path) -> dict[str, list[int | str]]:
    """Path relative to `root` → [size, SHA-256] of each generated file as it is now."""
    record = {path.relative_to(root).as_posix(): [path.stat().st_size, _file_digest(path)] for path in paths}
    return dict(sorted(record.items()))


def changed_outputs(record: dict[str, list[int | str]], root: Path) -> list[str]:
    """The recorded files that are missing or whose bytes differ (empty: all intact).

    The bytes are compared (by digest), not modification times: an edit within the file system's
    timestamp resolution, or one that restores the old time, is noticed too. Sizes are compared first.
    """
    changed: list[str] = []
    for relative, (size, digest) in record.items():
        path = root / relative
        try:
            if path.stat().st_size != size or _file_digest(path) != digest:
                changed.append(relative)
        except OSError:
            changed.append(relative)
    return changed


@dataclass
class GenerationState:
    """What the last successful generation depended on, what it wrote, and what the steps after the engine need."""

    digest: dict[str, str]
    outputs: dict[str, list[int | str]]
    redirects: list[AliasTarget] = field(default_factory=list)
    lint_warnings: int = 0
    search_keys: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # page → its name and topic keys (render/search_keys.py)
    families: dict[str, str] = field(default_factory=dict)  # slug → family id, for the navigation's groups (site/navigation.py)

    def to_json(self) -> str:
        """The state file's text (keys sorted)."""
        data = {"format": FORMAT, **{name: getattr(self, name) for name in ("digest", "outputs", "redirects", "lint_warnings", "search_keys", "families")}}
        return json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n"


def read_state(path: Path) -> GenerationState | None:
    """The stored state, or None when it is missing, unreadable or of another format (then the build generates)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        state = GenerationState(
            dict(data["digest"]), dict(data["outputs"]), list(data["redirects"]), int(data["lint_warnings"]), dict(data["search_keys"]), dict(data["families"])
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(isinstance(value, list) and len(value) == 2 for value in state.outputs.values()):
        return None
    return state


def write_state(path: Path, state: GenerationState) -> None:
    """Write the state atomically (a temporary file named by the process, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(state.to_json(), encoding="utf-8")
    temporary.replace(path)


def forget_state(path: Path) -> None:
    """Remove the state: from now until a generation succeeds, every build generates."""
    path.unlink(missing_ok=True)


def outputs_intact(state: GenerationState, root: Path) -> bool:
    """Every file the state recorded is there, as it was written."""
    return bool(state.outputs) and not changed_outputs(state.outputs, root)


def up_to_date(state: GenerationState | None, digest: dict[str, str], root: Path) -> bool:
    """True when `state` was recorded for exactly `digest` and every file it recorded is as written."""
    return state is not None and state.digest == digest and outputs_intact(state, root)
