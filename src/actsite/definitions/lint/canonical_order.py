"""Rule `canonical-order`: keys are in the model's field order at every level."""

from __future__ import annotations

from collections.abc import Iterator

from actsite.definitions.canonical import out_of_order
from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity, SourceFile


def check(source: SourceFile) -> Iterator[Problem]:
    """Each mapping whose keys are not in canonical order, with the order to use."""
    for field, keys in out_of_order(source.data):
        yield Problem(field, f"keys are not in canonical order: write {', '.join(keys)} (`actsite fix` does it)")


RULE = Rule(
    name="canonical-order",
    description="Keys follow the model's field order at every level (the order of schema/activation.schema.json), so diffs stay small.",
    scope=Scope.file,
    # A warning: the build goes on, `actsite lint` lists it, `actsite fix` removes it (`actsite fix --check` fails while any is left).
    severity=Severity.warning,
    check=check,
)
