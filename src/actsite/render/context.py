"""What every page, the catalogue and the export are rendered from: an activation and its computed values."""

from __future__ import annotations

from dataclasses import dataclass

from actsite.analysis.computed import ComputedValues
from actsite.definitions.load import Loaded


@dataclass(frozen=True)
class PageContext:
    """A validated definition with the values computed once from it, shared by both languages."""

    loaded: Loaded
    computed: ComputedValues
