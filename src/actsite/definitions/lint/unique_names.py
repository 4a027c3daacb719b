"""Rule `unique-names`: every slug and alias names one activation only."""

from __future__ import annotations

from collections.abc import Iterator

from actsite.definitions.lint.rule import Catalogue, Problem, Rule, Scope, Severity


def check(catalogue: Catalogue) -> Iterator[Problem]:
    """Aliases equal to their own slug, listed twice, or already used by another activation."""
    owner = {entry.activation.slug: entry.activation.slug for entry in catalogue.entries}
    for entry in catalogue.entries:
        activation = entry.activation
        seen: set[str] = set()
        for index, alias in enumerate(activation.aliases):
            if alias == activation.slug:
                yield Problem(f"aliases[{index}]", f"{alias!r} is the slug itself: remove it", entry.shown)
            elif alias in seen:
                yield Problem(f"aliases[{index}]", f"{alias!r} is listed twice: remove one", entry.shown)
            elif alias in owner:
                yield Problem("aliases", f"{alias!r} is already used by {owner[alias]!r}", entry.shown)
            else:
                owner[alias] = activation.slug
            seen.add(alias)


RULE = Rule(
    name="unique-names",
    description="Slugs and aliases are unique across the catalogue; an alias is not its own slug and is listed once.",
    scope=Scope.catalogue,
    severity=Severity.error,
    check=check,
)
