"""Templates only lay out: no language branches, the sections in one list, the export's fields all documented."""

from __future__ import annotations

import re

import pytest
from jinja2 import meta

from actsite.analysis.computed import compute_values
from actsite.definitions.load import load_one
from actsite.definitions.model import LANGUAGES
from actsite.render.context import PageContext
from actsite.render.export import DOCUMENTED_FIELDS, activation_record
from actsite.render.pages import data_field_rows, render_activation_pages
from actsite.render.sections import SECTION_ANCHORS
from actsite.render.templating import TEMPLATES_DIR, environment
from conftest import BY_SLUG, ROOT

TEMPLATES = sorted(path.name for path in TEMPLATES_DIR.glob("*.j2"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_do_not_branch_on_the_language(name: str) -> None:
    source = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
    names = meta.find_undeclared_variables(environment().parse(source))
    assert not names & {"language", "lang"}, f"{name} decides by language: put the words in i18n/ui.*.yaml"
    # Only one script may appear in a template's text: CJK characters belong in ui.zh.yaml.
    text = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    assert not re.findall(r"[\u4e00-\u9fff]+", text.replace("中文", "")), f"{name} holds Chinese text"


def test_activation_page_sections_are_the_listed_anchors_in_order() -> None:
    loaded = load_one(ROOT / "tests" / "golden" / "golden-unit.yaml")
    pages = render_activation_pages(PageContext(loaded, compute_values(loaded)))
    for language in LANGUAGES:
        anchors = re.findall(r"^## .* \{ #([a-z0-9-]+) \}$", pages[f"activations/golden-unit.{language}.md"], flags=re.M)
        assert tuple(anchors) == SECTION_ANCHORS


def test_data_format_page_documents_exactly_the_fields_of_a_record() -> None:
    loaded = BY_SLUG["relu"]
    record = activation_record(PageContext(loaded, compute_values(loaded)))
    documented = [name for group in DOCUMENTED_FIELDS for name in group]
    assert sorted(documented) == sorted(record), "document every exported field once (DOCUMENTED_FIELDS and data_field_* in i18n)"
    for language in LANGUAGES:
        assert len(data_field_rows(language)) == len(DOCUMENTED_FIELDS)
