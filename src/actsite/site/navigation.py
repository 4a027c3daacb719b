"""The navigation's activation list, grouped by family.

MkDocs lists the pages of docs/activations/ as one alphabetical column; at a hundred functions that
column is the page's largest part (every page carries it) and no reader scans it. The hook regroups
it into one section per family (in the order of i18n/families.yaml, titled in the page language),
each keeping its pages' alphabetical order; with Material's `navigation.prune` a page then carries
only its own family's list. Previous/next links follow the new order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.structure.nav import Navigation

ACTIVATIONS_SECTION = "Activations"  # the title MkDocs gives docs/activations/ (static-i18n translates it afterwards)


def _slug(page: Page) -> str:
    """`activations/gelu.en.md` → `gelu`."""
    return page.file.src_uri.split("/")[-1].split(".")[0]


def group_by_family(nav: Navigation, family_of: Mapping[str, str], family_titles: Mapping[str, str]) -> Navigation:
    """Regroup the activations section of `nav` by family; relink previous/next in the new order.

    `family_of`: slug → family id; `family_titles`: family id → title, in the order the sections take.
    Pages without a known family (none, once generated) stay after the family sections.
    """
    section = next((item for item in nav.items if isinstance(item, Section) and item.title == ACTIVATIONS_SECTION), None)
    if section is None:
        return nav
    pages = [child for child in section.children if isinstance(child, Page)]
    groups: list[Section | Page] = []
    for family, title in family_titles.items():
        members = [page for page in pages if family_of.get(_slug(page)) == family]
        if members:
            group = Section(title, members)  # type: ignore[arg-type]
            group.parent = section
            for page in members:
                page.parent = group
            groups.append(group)
    groups += [child for child in section.children if not (isinstance(child, Page) and _slug(child) in family_of)]
    section.children = groups  # type: ignore[assignment]
    ordered = _pages_in_order(nav.items)
    nav.pages = ordered
    for previous, page in zip([None, *ordered[:-1]], ordered, strict=True):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if ordered:
        ordered[-1].next_page = None
    return nav


def _pages_in_order(items: list[object]) -> list[Page]:
    """Every page of the navigation, depth first, as the sidebar shows them."""
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages += _pages_in_order(item.children)
    return pages
