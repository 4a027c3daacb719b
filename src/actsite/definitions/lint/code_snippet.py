"""Rule `code-snippet`: every definition of a folder with snippets has its own, in two cells."""

from __future__ import annotations

from collections.abc import Iterator

from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity, SourceFile
from actsite.definitions.snippets import SnippetError, split_cells


def check(source: SourceFile) -> Iterator[Problem]:
    """`code/<slug>.py` beside the definitions is missing, or is not a `# %% NumPy` and a `# %% PyTorch` cell.

    A folder without `code/` (a test's temporary copy of one definition) has no snippets to check.
    """
    folder = source.path.parent / "code"
    if not folder.is_dir():
        return
    path = folder / f"{source.path.stem}.py"
    shown = f"{source.path.parent.name}/code/{path.name}"
    if not path.is_file():
        yield Problem("code", f"{shown} is missing: write the NumPy and PyTorch snippet (see {source.path.parent.name}/code/CONTRACT.md)")
        return
    try:
        split_cells(path.read_text(encoding="utf-8"))
    except (SnippetError, UnicodeDecodeError) as error:
        yield Problem("code", f"{shown}: {error}")


RULE = Rule(
    name="code-snippet",
    description="Each definition has its snippet, `code/<slug>.py`: a `# %% NumPy` cell, then a `# %% PyTorch` cell.",
    scope=Scope.file,
    severity=Severity.error,
    check=check,
)
