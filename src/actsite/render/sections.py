"""The sections of an activation page: their language-neutral anchors, in page order.

This is the one list of them: the linking page documents it, and the tests check that every page
(both languages) has exactly these top-level sections in this order.
"""

from __future__ import annotations

# Anchor → key of the section's heading in i18n/ui.<language>.yaml.
SECTIONS: dict[str, str] = {
    "intuition": "intuition",
    "formula": "formula",
    "derivative": "derivative",
    "plot": "plot",
    "properties": "properties",
    "initialization": "initialization",
    "pros-cons": "pros_cons",
    "use-cases": "use_cases",
    "api": "api",
    "code": "code",
    "cost": "cost",
    "references": "references",
}
SECTION_ANCHORS: tuple[str, ...] = tuple(SECTIONS)
