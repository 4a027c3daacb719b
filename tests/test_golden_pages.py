"""Golden files: a fixture definition renders to exactly the expected en and zh Markdown.

Run `UPDATE_GOLDEN=1 pytest tests/test_golden_pages.py` to rewrite the expected files after an
intended change to the templates, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actsite.analysis.computed import compute_values
from actsite.definitions.load import load_one
from actsite.render.context import PageContext
from actsite.render.pages import render_activation_pages

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_fixture_renders_to_golden_markdown(language: str) -> None:
    loaded = load_one(GOLDEN / "golden-unit.yaml")
    context = PageContext(loaded, compute_values(loaded))
    pages = render_activation_pages(context)
    rendered = pages[f"activations/golden-unit.{language}.md"]
    expected_path = GOLDEN / f"golden-unit.{language}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(rendered, encoding="utf-8")
    assert rendered == expected_path.read_text(encoding="utf-8")
