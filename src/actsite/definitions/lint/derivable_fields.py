"""Rule `derivable-fields`: nothing derivable stated twice (the slug, the origin's year, PyTorch defaults that are the parameter defaults)."""

from __future__ import annotations

from collections.abc import Iterator

from actsite.definitions.derived import derivable_fields
from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity, SourceFile


def check(source: SourceFile) -> Iterator[Problem]:
    """Each field stated although the loader derives the same value (see definitions/derived.py)."""
    for field, restates in derivable_fields(source.data, source.path.stem):
        yield Problem(field, f"{restates}: leave it out, it is derived (`actsite fix` does it)")


RULE = Rule(
    name="derivable-fields",
    description="Nothing derivable is stated twice: `slug` (the file name), `year` (the origin reference's), PyTorch defaults equal to the parameter defaults.",
    scope=Scope.file,
    # A warning: the build goes on, `actsite lint` lists it, `actsite fix` removes it (`actsite fix --check` fails while any is left).
    severity=Severity.warning,
    check=check,
)
