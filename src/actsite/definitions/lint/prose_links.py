"""Rule `prose-links`: links in prose go to https:// pages only."""

from __future__ import annotations

import re
from collections.abc import Iterator

from actsite.definitions.checks import prose_strings
from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation

_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


def check(activation: Activation) -> Iterator[Problem]:
    """Inline, auto- and reference-style links whose target is not an https:// address."""
    for where, text in prose_strings(activation):
        targets = _LINK.findall(text) + _AUTOLINK.findall(text) + _REFERENCE_LINK.findall(text)
        for target in targets:
            if not target.startswith("https://"):
                yield Problem(where, f"link target {target!r} is not an https:// address: link only to https:// pages")


RULE = Rule(
    name="prose-links",
    description="Links in prose (inline, <autolinks>, reference-style) point to https:// pages.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
