"""The navigation, with the activations grouped by family, as the engine's `nav` setting.

Left to itself, MkDocs lists the pages of docs/activations/ as one alphabetical column; at a
hundred functions that column is the page's largest part (every page carries it) and no reader
scans it. The engine is given the navigation instead: every page in the order MkDocs would list
it (folders as sections titled as MkDocs titles them), except that the activations form one
section per family (in the order of i18n/families.yaml, titled in the page language), each keeping
its pages' order. With Material's `navigation.prune` a page then carries only its own family's
list; previous/next links follow the same order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ACTIVATIONS_FOLDER = "activations"

NavItem = str | dict[str, list[Any]]  # a page's path, or {section title: its items}


def _folder_title(folder: str) -> str:
    """The section title MkDocs gives a folder (`activations` → `Activations`)."""
    title = folder.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _slug(page: str) -> str:
    """`activations/gelu.md` → `gelu`."""
    return page.rsplit("/", 1)[-1].removesuffix(".md")


def _nested(pages: list[str]) -> list[NavItem]:
    """The pages nested by folder, as MkDocs nests them without a `nav` setting."""
    nested: list[NavItem] = []
    for page in pages:
        branch = nested
        for folder in page.split("/")[:-1]:
            title = _folder_title(folder)
            section = next((item for item in branch if isinstance(item, dict) and title in item), None)
            if section is None:
                section = {title: []}
                branch.append(section)
            branch = section[title]
        branch.append(page)
    return nested


def grouped_navigation(pages: list[str], family_of: Mapping[str, str], family_titles: Mapping[str, str]) -> list[NavItem]:
    """The `nav` setting: `pages` (in MkDocs' order) nested by folder, the activations grouped by family.

    `family_of`: slug → family id; `family_titles`: family id → title, in the order the sections take.
    Pages without a known family (none, once generated) stay after the family sections.
    """
    nav = _nested(pages)
    title = _folder_title(ACTIVATIONS_FOLDER)
    section = next((item for item in nav if isinstance(item, dict) and title in item), None)
    if section is None:
        return nav
    activations = [item for item in section[title] if isinstance(item, str)]
    groups: list[NavItem] = []
    for family, family_title in family_titles.items():
        members = [page for page in activations if family_of.get(_slug(page)) == family]
        if members:
            groups.append({family_title: members})
    section[title] = groups + [item for item in section[title] if not (isinstance(item, str) and _slug(item) in family_of)]
    return nav
