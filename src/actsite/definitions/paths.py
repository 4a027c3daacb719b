"""Where the project's folders are.

The project root is the nearest folder, from the working directory up, that holds both
`mkdocs.yml` and `activations/` (as git finds its repository), so `actsite`, MkDocs and the tests
work on the copy they are run in; outside any project, the checkout the package is installed from.
"""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path) -> Path:
    """The project folder containing `start`, else the source checkout of this package."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "activations").is_dir():
            return folder
    return Path(__file__).resolve().parents[3]


ROOT = find_root(Path.cwd().resolve())
ACTIVATIONS_DIR = ROOT / "activations"
I18N_DIR = ROOT / "i18n"
