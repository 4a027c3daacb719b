"""The steps `actsite build` runs over the site the engine wrote, each a function of the written folder.

In the order the driver runs them (`driver.build_site`):

1. `write_assets`: the figures, scripts and export rendered while the engine ran (the engine copied
   empty placeholders for them);
2. `render_site_pages`: every arithmatex formula of every page as KaTeX HTML. It must follow
   the engine: the search index keeps the TeX source, which is what a reader types. The same pass
   writes Material's table boxes into the page (`tables`), which its script would add at every load;
3. `write_alias_redirects`: a redirect page for each alias of an activation, in each language;
4. `write_search_indexes` (`search_index`): the shared index split per language, with the keys;
5. `prepare_for_hosting` (`hosting`): robots.txt, the sitemap only with an address, the 404 page.
"""

from __future__ import annotations

from pathlib import Path

from actsite.definitions.languages import LANGUAGES
from actsite.render.katex import Katex, render_formulas, request_formulas
from actsite.site.files import write_files
from actsite.site.hosting import prepare_for_hosting
from actsite.site.redirects import AliasTarget, write_redirects
from actsite.site.search_index import write_search_indexes
from actsite.site.tables import wrap_tables

__all__ = ["language_root", "prepare_for_hosting", "render_site_pages", "write_alias_redirects", "write_assets", "write_search_indexes"]


def write_assets(site: Path, files: dict[str, bytes]) -> int:
    """Write the assets (docs path → bytes) where the engine copies docs/ files; how many changed."""
    return write_files(files, site)


def _pages(site: Path) -> list[Path]:
    """Every HTML file of the site, in a fixed order."""
    return sorted(site.rglob("*.html"))


def render_site_pages(site: Path, renderer: Katex) -> int:
    """Render the formulas of every page in place, and box its tables; how many pages changed.

    Every formula is asked for first, so KaTeX renders those its cache lacks in one stream while
    the pages are read; a formula KaTeX rejects raises FormulaError naming the page and the TeX.
    """
    pages = [(path, path.read_text(encoding="utf-8")) for path in _pages(site)]
    for _, text in pages:
        request_formulas(text, renderer)
    changed = 0
    for path, text in pages:
        result = wrap_tables(render_formulas(text, renderer, path.relative_to(site).as_posix()))
        if result != text:
            path.write_text(result, encoding="utf-8")
            changed += 1
    return changed


def language_root(site: Path, language: str) -> Path:
    """Where a language's pages are: the default language at the top, the others in their folder (static-i18n)."""
    return site if language == LANGUAGES[0] else site / language


def write_alias_redirects(site: Path, redirects: list[AliasTarget]) -> int:
    """The alias redirect pages of every language; how many were written."""
    return sum(write_redirects(language_root(site, language), redirects, language) for language in LANGUAGES)
