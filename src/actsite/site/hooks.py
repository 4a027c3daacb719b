"""MkDocs hook: regenerate docs/ from activations/ before every build.

`mkdocs build` and `mkdocs serve` therefore always show the current definitions; there is no
separate generation step to forget. The i18n plugin builds once per language; the inputs' digest
makes the second call a no-op.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

from actsite.definitions.load import DefinitionError, Loaded, lint_warnings, load_all
from actsite.definitions.paths import ROOT
from actsite.render.katex import FormulaError, katex, render_formulas
from actsite.site.build import generate
from actsite.site.redirects import write_redirects
from actsite.site.search_index import SearchIndexError, write_search_indexes

_last_digest: str | None = None
_definitions: list[Loaded] = []  # those the last successful generation used
_reported_digest: str | None = None  # the broken inputs whose problems were printed last
_serving = False  # `mkdocs serve`: a broken edit keeps the last good pages instead of stopping the build


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


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("activations", "data", "errata", "i18n", "src"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate pages, plots and data unless the inputs are unchanged since the last call."""
    global _last_digest, _definitions, _reported_digest
    digest = _inputs_digest()
    if digest == _last_digest:
        return
    try:
        definitions = load_all()
        report = generate(definitions=definitions)
    except DefinitionError as error:
        message = "invalid activation definitions (nothing was written):\n" + "\n".join(error.problems)
        if _serving and _last_digest is not None:
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
    print(report.summary(), file=sys.stderr)
    warnings = lint_warnings(definitions)  # the error rules ran in load_all; warnings do not stop the build
    if warnings:
        print(f"actsite: {len(warnings)} lint warning(s): `actsite lint` lists them, `actsite fix` removes them", file=sys.stderr)
    _last_digest, _definitions = digest, definitions


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page's formulas as KaTeX HTML (after the search plugin indexed the TeX source)."""
    try:
        return render_formulas(output, katex(ROOT / "node_modules"), page.file.src_uri)
    except FormulaError as error:
        raise PluginError(str(error)) from None


def on_shutdown() -> None:
    """Stop the KaTeX process if this build started one."""
    if katex.cache_info().currsize:
        katex(ROOT / "node_modules").close()
        katex.cache_clear()


def _write_redirects(config: MkDocsConfig) -> None:
    """Write the alias redirect pages of the language just built.

    static-i18n builds every language into the same site_dir, prefixing the paths of the other
    languages (`zh/…`); the theme language tells which build this is.
    """
    language = "zh" if str(config.theme.get("language", "en")).startswith("zh") else "en"
    site_root = Path(config.site_dir) / ("zh" if language == "zh" else "")
    write_redirects(site_root, _definitions, language)


@event_priority(-110)  # after static-i18n's on_post_build (-100), which builds the other languages, then writes the shared index
def _write_search_indexes(config: MkDocsConfig) -> None:
    """Split the shared search index into one per language, once it holds every language.

    The other languages' builds run inside static-i18n's on_post_build of the first one (with its
    `building` flag set): their calls return at once; the first language's call comes last.
    """
    if getattr(config.plugins.get("i18n"), "building", False):
        return
    try:
        write_search_indexes(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


on_post_build = CombinedEvent(_write_redirects, _write_search_indexes)
