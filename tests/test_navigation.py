"""The navigation lists the activations by family (site/navigation.py), and a page carries only its own family's list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import BY_SLUG, DEFINITIONS, ROOT

FAMILIES = yaml.safe_load((ROOT / "i18n" / "families.yaml").read_text(encoding="utf-8"))


def _primary_nav(page: Path) -> list[str]:
    """The titles in the page's main navigation, in order."""
    html = page.read_text(encoding="utf-8")
    start = html.index("md-nav--primary")
    end = html.index("</nav>", html.index("md-sidebar__scrollwrap", start))
    return [" ".join(title.split()) for title in re.findall(r'md-ellipsis">\s*([^<]*?)\s*<', html[start:end])]


@pytest.mark.parametrize(("slug", "language"), [("gelu", "en"), ("gelu", "zh"), ("leaky-relu", "en"), ("softmax", "zh")])
def test_the_activations_are_grouped_by_family_and_only_the_own_family_is_listed(built_site: Path, slug: str, language: str) -> None:
    page = built_site / ("zh/" if language == "zh" else "") / "activations" / slug / "index.html"
    everything = _primary_nav(page)
    activations, families = ("激活函数", "函数家族") if language == "zh" else ("Activations", "Families")
    titles = everything[everything.index(activations) + 1 : everything.index(families)]  # the activations section
    family = BY_SLUG[slug].activation.family
    sections = [FAMILIES[family_id][language]["name"] for family_id in FAMILIES if any(d.activation.family == family_id for d in DEFINITIONS)]
    assert [title for title in titles if title in sections] == sections  # every family, in the taxonomy's order
    members = sorted((d for d in DEFINITIONS if d.activation.family == family), key=lambda d: d.activation.name.get(language).casefold())
    listed = [title for title in titles if title in {d.activation.name.get(language) for d in DEFINITIONS}]
    assert sorted(set(listed)) == sorted({d.activation.name.get(language) for d in members})  # its family's, no other
    assert len(titles) < 120, "a page lists its own family, not the whole catalogue"


def test_previous_and_next_follow_the_family_order(built_site: Path) -> None:
    """The page after GELU is the one the sidebar lists after it, in GELU's family."""
    page = built_site / "activations" / "gelu" / "index.html"
    everything = _primary_nav(page)
    names = {d.activation.name.en: d.slug for d in DEFINITIONS}
    listed = [names[title] for title in everything[everything.index("Activations") + 1 : everything.index("Families")] if title in names]
    listed = list(dict.fromkeys(listed))  # the current page's title appears twice (its link and its table of contents)
    after = listed[listed.index("gelu") + 1]
    assert BY_SLUG[after].activation.family == BY_SLUG["gelu"].activation.family
    assert f'<link rel="next" href="../{after}/">' in page.read_text(encoding="utf-8")
