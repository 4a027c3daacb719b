"""Lint rules, one module per rule, and the runner.

Rules of severity `error` run on every load (`actsite check`, `actsite build`, `mkdocs serve`, the
tests): a definition that breaks one is rejected with one line per problem. Rules of severity
`warning` report what `actsite fix` rewrites; `actsite lint` runs every rule. `actsite lint --rules`
lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

from actsite.definitions.lint import (
    canonical_order,
    code_snippet,
    derivable_fields,
    file_name,
    glossary_terms,
    i18n_parity,
    known_taxonomy,
    parallel_translations,
    prose_links,
    references,
    smooth_wording,
    unfilled_skeleton,
    unique_names,
)
from actsite.definitions.lint.rule import Catalogue, Entry, Problem, Rule, Scope, Severity, SourceFile
from actsite.definitions.model import Activation

__all__ = ["RULES", "Catalogue", "Entry", "Problem", "Rule", "Scope", "Severity", "SourceFile", "catalogue_problems", "definition_problems", "file_problems"]

RULES: tuple[Rule, ...] = (
    file_name.RULE,
    unique_names.RULE,
    known_taxonomy.RULE,
    parallel_translations.RULE,
    references.RULE,
    prose_links.RULE,
    glossary_terms.RULE,
    smooth_wording.RULE,
    i18n_parity.RULE,
    unfilled_skeleton.RULE,
    code_snippet.RULE,
    derivable_fields.RULE,
    canonical_order.RULE,
)


def _selected(scope: Scope, severities: Iterable[Severity]) -> list[Rule]:
    wanted = set(severities)
    return [rule for rule in RULES if rule.scope == scope and rule.severity in wanted]


def file_problems(source: SourceFile, severities: Iterable[Severity] = (Severity.error,)) -> list[Problem]:
    """Problems of the file-scope rules of these severities, naming the file."""
    return [Problem(p.field, p.message, source.shown) for rule in _selected(Scope.file, severities) for p in rule.check(source)]


def definition_problems(activation: Activation, shown: str, severities: Iterable[Severity] = (Severity.error,)) -> list[Problem]:
    """Problems of the definition-scope rules of these severities, naming the file `shown`."""
    return [Problem(p.field, p.message, shown) for rule in _selected(Scope.definition, severities) for p in rule.check(activation)]


def catalogue_problems(catalogue: Catalogue, severities: Iterable[Severity] = (Severity.error,)) -> list[Problem]:
    """Problems of the catalogue-scope rules of these severities (each names its own file)."""
    return [p for rule in _selected(Scope.catalogue, severities) for p in rule.check(catalogue)]
