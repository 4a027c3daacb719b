"""The code snippet of an activation: `activations/code/<slug>.py`, split into its cells.

A snippet file holds two self-contained cells, each opened by a `# %% <title>` line: the NumPy
pair f, f′ and the PyTorch module. The page shows the cells and the tests execute them, both from
this one split, so what a reader copies is what was run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from actsite.definitions.paths import ACTIVATIONS_DIR

CELL_MARKER = re.compile(r"^# %% (?P<title>\S.*)$")
CELL_TITLES = ("NumPy", "PyTorch")


class SnippetError(ValueError):
    """A snippet file does not have the two cells of the contract (activations/code/CONTRACT.md)."""


@dataclass(frozen=True)
class Cell:
    """One cell of a snippet: its title (`NumPy`, `PyTorch`), its code and its first line in the file."""

    title: str
    code: str
    first_line: int


def snippet_path(slug: str, activations_dir: Path | None = None) -> Path:
    """Where the snippet of `slug` lives (whether or not it exists)."""
    return (activations_dir or ACTIVATIONS_DIR) / "code" / f"{slug}.py"


def split_cells(text: str) -> list[Cell]:
    """The cells of a snippet's text, each without its marker line and without surrounding blank lines.

    Raises SnippetError unless the text is exactly a NumPy cell followed by a PyTorch cell.
    """
    lines = text.splitlines()
    starts = [(index, match["title"]) for index, line in enumerate(lines) if (match := CELL_MARKER.match(line))]
    titles = tuple(title for _, title in starts)
    if titles != CELL_TITLES:
        raise SnippetError(f"cells {list(titles)}; expected `# %% NumPy` then `# %% PyTorch`")
    if any(line.strip() for line in lines[: starts[0][0]]):
        raise SnippetError("code before the first `# %% NumPy` line")
    cells: list[Cell] = []
    for number, (start, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        leading = next((i for i, line in enumerate(body) if line.strip()), len(body))
        code = "\n".join(body[leading:]).strip("\n")
        if not code:
            raise SnippetError(f"the `# %% {title}` cell is empty")
        cells.append(Cell(title=title, code=code + "\n", first_line=start + 2 + leading))
    return cells


def read_cells(slug: str, activations_dir: Path | None = None) -> list[Cell] | None:
    """The cells of the snippet of `slug`, or None if it has no snippet file."""
    path = snippet_path(slug, activations_dir)
    if not path.is_file():
        return None
    try:
        return split_cells(path.read_text(encoding="utf-8"))
    except SnippetError as error:
        raise SnippetError(f"{path.name}: {error}") from None
