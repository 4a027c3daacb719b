"""The formula cache: TeX and display mode → KaTeX's HTML, kept between builds in one JSON file.

A build with nothing new starts no Node process; a build renders only formulas it has not seen.
The cache belongs to one renderer: the KaTeX version (from its package.json) and the server script
(which holds the rendering options). A cache written by another renderer is ignored, so an upgrade
re-renders everything. The file is rewritten atomically with sorted keys, so the same formulas give
the same bytes; after a successful build it holds exactly the formulas that build used.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from actsite.definitions.paths import ROOT

FORMULA_CACHE = ROOT / ".cache" / "katex.json"
FORMAT = 1
SERVER = Path(__file__).with_name("server.js")
MODES = {False: "inline", True: "display"}


def renderer_identity(node_modules: Path) -> dict[str, str]:
    """The KaTeX version and a digest of the server script: the cache is valid for exactly these."""
    try:
        version = str(json.loads((node_modules / "katex" / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        version = "unknown"
    return {"katex": version, "server": hashlib.sha256(SERVER.read_bytes()).hexdigest()}


class FormulaCache:
    """Rendered formulas by (TeX, display), with the ones this build used."""

    def __init__(self, identity: dict[str, str], entries: dict[tuple[str, bool], str] | None = None) -> None:
        self.identity = identity
        self._entries = dict(entries or {})
        self._stored = dict(self._entries)
        self._used: set[tuple[str, bool]] = set()

    @classmethod
    def load(cls, path: Path, identity: dict[str, str]) -> FormulaCache:
        """The cache in `path`; empty when missing, unreadable, or written for another renderer."""
        entries: dict[tuple[str, bool], str] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("renderer") == identity:
                for display, mode in MODES.items():
                    entries.update({(tex, display): html for tex, html in data[mode].items() if isinstance(html, str)})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        return cls(identity, entries)

    def has(self, tex: str, display: bool) -> bool:
        """Whether this formula is stored (without counting it as used)."""
        return (tex, display) in self._entries

    def get(self, tex: str, display: bool) -> str | None:
        """The stored HTML, or None when this formula was never rendered by this renderer."""
        html = self._entries.get((tex, display))
        if html is not None:
            self._used.add((tex, display))
        return html

    def add(self, tex: str, display: bool, html: str) -> None:
        """Remember a formula KaTeX just rendered."""
        self._entries[(tex, display)] = html
        self._used.add((tex, display))

    @property
    def used(self) -> int:
        """How many distinct formulas this build asked for."""
        return len(self._used)

    def save(self, path: Path, only_used: bool) -> bool:
        """Write the cache if it changed: the formulas used (after a whole build) or all known (after a failed one).

        Returns whether the file was written.
        """
        keep = {key: html for key, html in self._entries.items() if key in self._used or not only_used}
        if keep == self._stored and path.exists():
            return False
        data = {"format": FORMAT, "renderer": self.identity}
        for display, mode in MODES.items():
            data[mode] = {tex: html for (tex, shown), html in keep.items() if shown == display}
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        temporary.replace(path)
        self._stored = keep
        return True
