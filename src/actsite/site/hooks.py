"""MkDocs hook: regenerate docs/ from activations/ before every build, unless nothing changed.

`mkdocs build` and `mkdocs serve` therefore always show the current definitions; there is no
separate generation step to forget. A build whose inputs, code and packages are those of the last
successful generation, and whose generated files are as that generation wrote them, skips the
generator (`generation_state`); the i18n plugin's second language always does.

New figures, the scripts and the export (which waits for the samples of new values) do not hold
MkDocs up: the generator returns once the pages are written, the worker processes render those
while MkDocs builds the pages of both languages (on the core it leaves idle; the second language's
build lists them from the first's), and `_finish_assets` writes them into docs/ and the site at
the end; the state is recorded then, so a build that fails in between generates again.

Formulas come from the formula cache; KaTeX (Node) starts only for formulas no build rendered
before, and is asked for a page's new formulas as soon as its HTML exists, so it renders them while
MkDocs reads the next pages.

While MkDocs indexes a page for search, the plugin is handed the page without the sections the
index leaves out whole (`search_index.searched_html`); the theme renders the whole page.

The navigation's activations are grouped by family (`navigation`); once both languages are built,
the search index is split per language with each activation page's name and topic keys
(`search_index`, `render.search_keys`), and robots.txt, the sitemap and the 404 page are made ready
for the host (`hosting`). What those need from the definitions (keys, families) is stored in the
generation state, so a build that skips generation has it too.

Only what a skipping build needs is imported here: the generator (SymPy, pydantic, NumPy, …)
is imported when it runs.
"""

from __future__ import annotations

import functools
import gc
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from actsite.definitions.paths import ROOT
from actsite.render.katex import FormulaError, Katex, render_formulas, request_formulas
from actsite.render.katex.formula_cache import FORMULA_CACHE, FormulaCache, renderer_identity
from actsite.site.files import write_files
from actsite.site.generation_state import (
    STATE_FILE,
    GenerationState,
    code_digest,
    current_digest,
    outputs_intact,
    read_state,
    up_to_date,
    write_state,
)
from actsite.site.hosting import HostingError, prepare_for_hosting
from actsite.site.redirects import AliasTarget, write_redirects
from actsite.site.search_index import SearchIndexError, searched_html, write_search_indexes

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from actsite.site.build import BuildReport, PendingAssets


@dataclass(frozen=True)
class _Pending:
    """The assets of this build still rendering, the report that counts them, and how to record the generation once written."""

    assets: PendingAssets
    report: BuildReport
    record: Callable[[], None]


_generated_digest: dict[str, str] | None = None  # what this process last generated (or found current)
_redirects: list[AliasTarget] = []  # what the alias redirect pages of the current site need
_search_keys: dict[str, dict[str, list[str]]] = {}  # each activation page's name and topic keys, for its search index entry
_families: dict[str, str] = {}  # slug → family, for the navigation's groups
_reported_digest: dict[str, str] | None = None  # the broken inputs whose problems were printed last
_serving = False  # `mkdocs serve`: a broken edit keeps the last good pages instead of stopping the build
_katex: Katex | None = None
_pending: _Pending | None = None  # the figures, scripts and export of this build still rendering (see _generate)
_build_failed = False
# The generator's code as this process loaded it: MkDocs does not re-import it under `mkdocs serve`, so
# after an edit to src/ the stored state names this code, and the next fresh build generates again.
_code_loaded = code_digest(ROOT)


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether MkDocs serves (rebuilding on every edit) or builds once."""
    global _serving
    _serving = command == "serve"


def _source_date_epoch() -> str:
    """The last commit's time (seconds), else the newest definition's mtime: the date the site shows."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10)  # noqa: S607 - git from PATH, as make does
        if result.stdout.strip().isdigit():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return str(max(int(path.stat().st_mtime) for path in (ROOT / "activations").glob("*.yaml")))


# MkDocs dates the sitemap (and gzips it) with SOURCE_DATE_EPOCH when set: same sources, same bytes, any day.
if not os.environ.get("SOURCE_DATE_EPOCH"):
    os.environ["SOURCE_DATE_EPOCH"] = _source_date_epoch()


def _generate(digest: dict[str, str]) -> None:
    """Load, validate and generate; record the state (with the code this process runs) once every file is written.

    New figures, the scripts and the export are written once MkDocs has built the pages (`_finish_assets`):
    until then the state stays forgotten, so a build that fails in between generates again.
    """
    global _redirects, _pending, _search_keys, _families
    from actsite.definitions.load import lint_warnings
    from actsite.render.search_keys import catalogue_search_keys
    from actsite.site.build import generate_deferring_assets
    from actsite.site.generation_state import forget_state
    from actsite.site.redirects import alias_targets

    # Once the generator starts writing and until the state is written, the outputs may be half new.
    report, definitions, pending = generate_deferring_assets(before_writing=lambda: forget_state(STATE_FILE))
    if pending is not None:
        _pending = _Pending(pending, report, lambda: None)  # cancelled by on_build_error if anything below fails
    print(report.summary() + (f"; {len(pending.paths)} files (figures, scripts, export) rendering while MkDocs builds the pages" if pending else ""), file=sys.stderr)
    warnings = lint_warnings(definitions)  # the error rules ran in load_all; warnings do not stop the build
    if warnings:
        print(f"actsite: {len(warnings)} lint warning(s): `actsite lint` lists them, `actsite fix` removes them", file=sys.stderr)
    loaded_code = _code_loaded if code_digest(ROOT) == _code_loaded else "changed while running"
    if loaded_code != digest["code"]:
        print("actsite: the generator's code changed since this process started: restart `mkdocs serve` to use it", file=sys.stderr)
    _redirects = alias_targets(definitions)
    _search_keys = catalogue_search_keys(definitions)
    _families = {loaded.slug: loaded.activation.family for loaded in definitions}
    if pending is None:
        _record_generation(digest, loaded_code, len(warnings))
    else:
        _pending = _Pending(pending, report, functools.partial(_record_generation, digest, loaded_code, len(warnings)))


def _record_generation(digest: dict[str, str], loaded_code: str, warnings: int) -> None:
    """Write the generation state: these inputs, this code, the files as generated."""
    global _generated_digest
    from actsite.site.build import generated_files
    from actsite.site.generation_state import record_outputs

    write_state(STATE_FILE, GenerationState({**digest, "code": loaded_code}, record_outputs(generated_files(), ROOT), _redirects, warnings, _search_keys, _families))
    _generated_digest = digest


def _cancel_pending() -> None:
    """Stop rendering the assets of a build that failed (their files are not written)."""
    global _pending
    if _pending is not None:
        _pending.assets.cancel()
        _pending = None


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate pages, plots and data unless the inputs and the generated files are unchanged since the last generation."""
    global _generated_digest, _redirects, _reported_digest, _search_keys, _families
    if _pending is not None and _building_other_language(config):
        return  # static-i18n builds the second language from the pages just generated; their assets are on the way
    _cancel_pending()  # left by a build that failed under `mkdocs serve`
    started = time.perf_counter()
    digest = current_digest(ROOT)
    state = read_state(STATE_FILE)
    # Current: recorded for these inputs, or generated by this process for them (see _code_loaded).
    if state is not None and (up_to_date(state, digest, ROOT) or (digest == _generated_digest and outputs_intact(state, ROOT))):
        if _generated_digest != digest:  # the first build of this process: say why nothing was generated
            print(
                f"actsite: generation skipped: inputs, code and packages as at the last generation, its {len(state.outputs)} files as written "
                f"(checked in {time.perf_counter() - started:.2f}s)",
                file=sys.stderr,
            )
            if state.lint_warnings:
                print(f"actsite: {state.lint_warnings} lint warning(s): `actsite lint` lists them, `actsite fix` removes them", file=sys.stderr)
        _generated_digest, _redirects, _search_keys, _families = digest, state.redirects, state.search_keys, state.families
        return
    from actsite.definitions.load import DefinitionError

    try:
        _generate(digest)
        if config is not None and not _serving:
            # The generator's objects (SymPy's caches, the definitions) live until the process ends; left
            # to the cyclic collector, every collection while MkDocs builds the pages, and the last one
            # at exit, would walk them all again (0.24 s at exit alone). A single build moves them out of
            # its reach; `mkdocs serve` (whose garbage must stay collectable) and callers without a
            # configuration (tests) do not.
            gc.freeze()
    except DefinitionError as error:
        message = "invalid activation definitions (nothing was written):\n" + "\n".join(error.problems)
        if _serving and _generated_digest is not None:
            # Under `mkdocs serve` an edit that breaks a definition leaves docs/ as the last good
            # generation: MkDocs rebuilds and serves that site, and the problems are printed, one line
            # each, until the definition is fixed (the digest is not updated, so the next edit retries).
            # Printed, not logged: the configuration is strict, and a logged error would stop the rebuild.
            if digest != _reported_digest:
                print(message + "\nstill serving the last good site", file=sys.stderr)
                _reported_digest = digest
            return
        # One line per problem and no traceback; `mkdocs build` exits with a non-zero status.
        raise PluginError(message) from None


def _language_built(config: MkDocsConfig) -> str:
    """The language static-i18n is building (it sets the theme's language for each one)."""
    return "zh" if str(config.theme.get("language", "en")).startswith("zh") else "en"


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The activations grouped by family, titled in the language being built (before static-i18n translates the rest)."""
    from actsite.render.i18n import taxonomy
    from actsite.site.navigation import group_by_family

    language = _language_built(config)
    titles = {family: names[language]["name"] for family, names in taxonomy("families").items()}
    return group_by_family(nav, _families, titles)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """List the assets still rendering (a clean build has none of them on disk yet), so links to them resolve."""
    if _pending is not None:
        for path in _pending.assets.paths:
            if files.get_file_from_path(path) is None:
                files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(-100)  # after every plugin's: MkDocs copies the static files next
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep MkDocs from copying the assets still rendering: `_finish_assets` writes them."""
    if _pending is not None:
        for path in _pending.assets.paths:
            listed = files.get_file_from_path(path)
            if listed is not None:
                files.remove(listed)
    return env


def _building_other_language(config: MkDocsConfig | None) -> bool:
    """Whether this is static-i18n's build of a further language, inside the first language's on_post_build."""
    return config is not None and bool(getattr(config.plugins.get("i18n"), "building", False))


@event_priority(-105)  # after static-i18n's on_post_build (-100) built the other language; before the search indexes are split
def _finish_assets(config: MkDocsConfig) -> None:
    """Write the assets rendered while MkDocs built the pages of both languages: into docs/ and into the site."""
    global _pending
    if _pending is None or _building_other_language(config):
        return
    pending, _pending = _pending, None
    started = time.perf_counter()
    files = pending.assets.finish(pending.report)  # waits for what the pool has not finished yet
    finishing = time.perf_counter() - started
    write_files(files, Path(config.site_dir))
    pending.record()
    print(f"actsite: {len(files)} files (figures, scripts, export) written after MkDocs built the pages (waiting and writing took {finishing:.1f}s)", file=sys.stderr)


def _renderer() -> Katex:
    """The KaTeX renderer of this build, with the formula cache the last build stored."""
    global _katex
    if _katex is None:
        node_modules = ROOT / "node_modules"
        _katex = Katex(node_modules, FormulaCache.load(FORMULA_CACHE, renderer_identity(node_modules)))
    return _katex


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Ask KaTeX ahead for the page's new formulas: Node renders them while MkDocs reads the next pages."""
    request_formulas(html, _renderer())
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page's formulas as KaTeX HTML (after the search plugin indexed the TeX source)."""
    try:
        return render_formulas(output, _renderer(), page.file.src_uri)
    except FormulaError as error:
        raise PluginError(str(error)) from None


def on_build_error(error: Exception) -> None:
    """Remember that the build failed: the formula cache then keeps what it knew (see on_shutdown); stop rendering assets."""
    global _build_failed
    _build_failed = True
    _cancel_pending()


def on_shutdown() -> None:
    """Stop the KaTeX process if one was started; store the formula cache."""
    global _katex
    _cancel_pending()
    if _katex is None:
        return
    _katex.close()
    # After a whole build the cache holds exactly its formulas (same sources, same file); after a failed
    # one it keeps every formula it knew, so a half build does not forget the rest.
    _katex.formulas.save(FORMULA_CACHE, only_used=not _build_failed)
    print(f"actsite: formulas: {_katex.formulas.used}, rendered by KaTeX {_katex.rendered}, from the cache {_katex.formulas.used - _katex.rendered}", file=sys.stderr)
    _katex = None


def _write_redirects(config: MkDocsConfig) -> None:
    """Write the alias redirect pages of the language just built.

    static-i18n builds every language into the same site_dir, prefixing the paths of the other
    languages (`zh/…`); the theme language tells which build this is.
    """
    language = _language_built(config)
    site_root = Path(config.site_dir) / ("zh" if language == "zh" else "")
    write_redirects(site_root, _redirects, language)


@event_priority(-110)  # after static-i18n's on_post_build (-100), which builds the other languages, then writes the shared index
def _write_search_indexes(config: MkDocsConfig) -> None:
    """Split the shared search index into one per language, once it holds every language.

    The other languages' builds run inside static-i18n's on_post_build of the first one (with its
    `building` flag set): their calls return at once; the first language's call comes last.
    """
    if _building_other_language(config):
        return
    try:
        write_search_indexes(Path(config.site_dir), keys=_search_keys)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


@event_priority(-115)  # once every language is built (static-i18n's on_post_build, -100)
def _prepare_for_hosting(config: MkDocsConfig) -> None:
    """robots.txt, the sitemap only where the site has an address, the 404 page's words (`hosting`)."""
    if _building_other_language(config):
        return
    try:
        prepare_for_hosting(Path(config.site_dir), config.site_url or None)
    except HostingError as error:
        raise PluginError(str(error)) from None


on_post_build = CombinedEvent(_write_redirects, _finish_assets, _write_search_indexes, _prepare_for_hosting)

_whole_content: tuple[Page, str] | None = None  # the page whose HTML the search plugin is reading cut, and its whole HTML


@event_priority(100)  # before the search plugin's (0), which indexes the page's HTML
def _cut_for_search(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Hand the search plugin the page without the sections the index leaves out (`searched_html`)."""
    global _whole_content
    cut = searched_html(page.content or "", page.url)
    if cut is not None:
        _whole_content = (page, page.content or "")
        page.content = cut
    return context


@event_priority(-100)  # after every plugin's: the theme then renders the whole page
def _restore_after_search(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Give the page its whole HTML back once it was indexed."""
    global _whole_content
    if _whole_content is not None and _whole_content[0] is page:
        page.content = _whole_content[1]
    _whole_content = None
    return context


on_page_context = CombinedEvent(_cut_for_search, _restore_after_search)
