"""Rule `file-name`: the file name is the slug; a stated `slug` must equal it."""

from __future__ import annotations

from collections.abc import Iterator

from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity, SourceFile


def check(source: SourceFile) -> Iterator[Problem]:
    """A `slug` that differs from the file name (the slug is the file name: `slug` may be left out)."""
    slug = source.data.get("slug")
    if slug is not None and slug != source.path.stem:
        yield Problem("slug", f"{slug!r} must equal the file name {source.path.stem!r}")


RULE = Rule(
    name="file-name",
    description="The file name is the slug: a stated `slug` must equal it.",
    scope=Scope.file,
    severity=Severity.error,
    check=check,
)
