"""Writing the generated files: atomically, only when their bytes changed, removing what is no longer produced.

The list of what the last build generated is kept in a manifest (`docs/.generated.json`), so a
file that stops being produced is removed and hand-written files beside it are never touched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteCounts:
    """How many generated files were written, left as they were, and removed."""

    written: int
    unchanged: int
    removed: int


def write_atomically(target: Path, content: bytes) -> None:
    """Write through a temporary file and a rename: an interrupted build never leaves half a file."""
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(target)


def remove_stale(directory: Path, keep: set[str], pattern: str) -> None:
    """Delete the files in `directory` matching `pattern` whose names are not in `keep`."""
    for path in directory.glob(pattern):
        if path.name not in keep:
            path.unlink()


def write_files(files: dict[str, bytes], folder: Path) -> int:
    """Write the files under `folder` whose bytes changed; how many were written."""
    written = 0
    for relative, content in sorted(files.items()):
        target = folder / relative
        if target.exists() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, content)
        written += 1
    return written


def write_outputs(outputs: dict[str, bytes], folder: Path, manifest_file: Path, pending: set[str] | None = None) -> WriteCounts:
    """Write changed files under `folder` and remove generated files no longer produced.

    `pending` are generated files written later (`write_files`): listed in the manifest, not removed.
    """
    previous = set(json.loads(manifest_file.read_text(encoding="utf-8"))) if manifest_file.exists() else set()
    written = write_files(outputs, folder)
    unchanged = len(outputs) - written
    removed = 0
    listed = set(outputs) | (pending or set())
    for relative in sorted(previous - listed):
        stale = folder / relative
        if stale.exists():
            stale.unlink()
            removed += 1
    manifest = json.dumps(sorted(listed), indent=0) + "\n"
    if not manifest_file.exists() or manifest_file.read_text(encoding="utf-8") != manifest:
        write_atomically(manifest_file, manifest.encode("utf-8"))
    return WriteCounts(written, unchanged, removed)


def remove_generated(folder: Path, manifest_file: Path) -> None:
    """Remove every file the manifest lists, then the manifest."""
    if manifest_file.exists():
        for relative in json.loads(manifest_file.read_text(encoding="utf-8")):
            (folder / relative).unlink(missing_ok=True)
        manifest_file.unlink()
