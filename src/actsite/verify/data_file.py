"""The committed measurement files (data/*.json): one deterministic JSON form, one command line.

`kink_gradients`, `activation_cost` and `activation_speed` measure with the frameworks and write their
file when run with `--write` (the Makefile's targets); without it they print what they measured.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from actsite.definitions.paths import ROOT


def dumps(measured: dict[str, Any]) -> str:
    """Deterministic JSON: sorted keys, one-space indent, floats as Python's shortest repr."""
    return json.dumps(measured, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_or_print(text: str, path: Path, argv: list[str]) -> int:
    """`--write` in `argv`: rewrite `path` with `text`; otherwise print it. The exit status (0)."""
    if "--write" in argv:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    else:
        sys.stdout.write(text)
    return 0
