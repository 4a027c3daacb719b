"""Rule `known-taxonomy`: family and task ids exist in i18n/, each task is tagged once."""

from __future__ import annotations

from collections.abc import Iterator

from actsite.definitions.checks import one_of, taxonomy
from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation


def check(activation: Activation) -> Iterator[Problem]:
    """Unknown family or task ids (with the nearest known id), and tasks listed twice."""
    problem = one_of(activation.family, taxonomy("families"), "family")
    if problem:
        yield Problem("family", problem + " (families are listed in i18n/families.yaml)")
    seen: set[str] = set()
    for index, tag in enumerate(activation.tasks):
        problem = one_of(tag.task, taxonomy("tasks"), "task")
        if problem:
            yield Problem(f"tasks[{index}].task", problem + " (tasks are listed in i18n/tasks.yaml)")
        elif tag.task in seen:
            yield Problem(f"tasks[{index}].task", f"{tag.task!r} is tagged twice: keep one entry")
        seen.add(tag.task)


RULE = Rule(
    name="known-taxonomy",
    description="`family` and every `tasks[].task` are ids of i18n/families.yaml and i18n/tasks.yaml; a task is tagged once.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
