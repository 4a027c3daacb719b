"""Optional MkDocs hook, a speed trick only: the site is byte for byte the same without it.

`actsite build` adds it to the engine configuration (`engine.write_config`, unless `--no-adapter`).
While MkDocs' search plugin indexes a page it is handed the page without the sections the index
leaves out whole (`search_index.searched_html`): the plugin then parses a third of the HTML, which
saves 1–2 s of the engine's CPU; the theme renders the whole page. There is no build logic here and
no state beyond the page being indexed: generation, KaTeX, redirects, assets, the per-language
search split and the hosting files are `actsite build`'s steps (`driver`, `postprocess`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import CombinedEvent, event_priority

from actsite.site.search_index import searched_html

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

_WHOLE = "actsite_whole_content"  # the attribute that keeps a page's whole HTML while the search plugin reads the cut


@event_priority(100)  # before the search plugin's (0), which indexes the page's HTML
def _cut_for_search(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Hand the search plugin the page without the sections the index leaves out (`searched_html`)."""
    cut = searched_html(page.content or "", page.url)
    if cut is not None:
        setattr(page, _WHOLE, page.content)
        page.content = cut
    return context


@event_priority(-100)  # after every plugin's: the theme then renders the whole page
def _restore_after_search(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Give the page its whole HTML back once it was indexed."""
    whole = getattr(page, _WHOLE, None)
    if whole is not None:
        page.content = whole
        delattr(page, _WHOLE)
    return context


on_page_context = CombinedEvent(_cut_for_search, _restore_after_search)
