"""The site's languages, in order: the default (at the site root) first.

A module of its own so that a build skipping generation can read them without importing the
definition model (pydantic).
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")
