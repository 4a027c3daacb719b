"""`actsite build`: generate docs/, run the engine once, post-process the site it wrote, publish it.

    generate (or reuse)  →  engine build (subprocess)  →  assets, KaTeX, redirects, search split, hosting  →  publish

- **Generate.** Unless the inputs, code and packages are those of the last successful generation
  and its files are as written (`generation_state`), the generator writes every page into docs/.
  New figures, the scripts and the export go on rendering in the worker processes: the driver
  writes an empty placeholder for each one docs/ lacks (the engine's strict link check sees every
  file) and starts the engine at once; the engine and the workers share the two cores.
- **Engine.** `engine.start` runs `mkdocs build --strict` (or ProperDocs) with the configuration
  `engine.write_config` writes: mkdocs.yml, the navigation grouped by family, the optional adapter.
  It builds into `<site>.tmp`; nothing is written into docs/ while it runs (the second language's
  build lists docs/ again).
- **Post-process** (`postprocess`): the assets into docs/ and the site; the generation state is
  recorded then; the formulas as KaTeX HTML (from the formula cache; the formulas it lacks were asked
  for from the generated Markdown when the engine started, so Node renders them meanwhile);
  the alias redirects; the search index per language with each page's keys; the hosting files.
- **Publish** (`publish`): the finished folder replaces `<site>` in one step, so a failed build
  leaves the previous site whole.

Everything one build knows lives in its `BuildSession`; nothing is kept in module globals
(`actsite serve` runs each rebuild as a whole `actsite build` in a child process).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from actsite.definitions.paths import ROOT
from actsite.render.katex import FormulaError, Katex, drawn_by_katex, formulas_in_markdown
from actsite.render.katex.formula_cache import FORMULA_CACHE, FormulaCache, renderer_identity
from actsite.site import engine, postprocess
from actsite.site.generation_state import STATE_FILE, GenerationState, current_digest, read_state, up_to_date, write_state
from actsite.site.hosting import HostingError
from actsite.site.publish import publish
from actsite.site.search_index import SearchIndexError

if TYPE_CHECKING:
    from actsite.site.build import BuildReport, PendingAssets
    from actsite.site.redirects import AliasTarget

ENGINE_CONFIG_DIR = ROOT / ".cache" / "engine"


class BuildError(Exception):
    """The build stopped: the engine failed, or a post-process step found the written site unusable (one line)."""


@dataclass
class BuildSession:
    """What one build knows: the digest it generated for, what the steps after the engine need from the definitions."""

    digest: dict[str, str]
    redirects: list[AliasTarget]
    search_keys: dict[str, dict[str, list[str]]]
    families: dict[str, str]  # slug → family id, for the navigation's groups
    lint_warnings: int
    generated: bool  # False when the last generation was current and reused
    pending: PendingAssets | None = None  # figures, scripts, export still rendering
    report: BuildReport | None = None
    timings: dict[str, float] = field(default_factory=dict)  # step → seconds, for the build's last log line

    def state(self) -> GenerationState:
        """The generation state to record once every generated file is written."""
        from actsite.site.build import generated_files
        from actsite.site.generation_state import record_outputs

        return GenerationState(self.digest, record_outputs(generated_files(), ROOT), self.redirects, self.lint_warnings, self.search_keys, self.families)

    def cancel(self) -> None:
        """Stop rendering the assets of a build that failed (their files are not written)."""
        if self.pending is not None:
            self.pending.cancel()
            self.pending = None


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else the newest definition's mtime: the date the site shows."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10)  # noqa: S607 - git from PATH, as make does
        if result.stdout.strip().isdigit():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return str(max(int(path.stat().st_mtime) for path in (ROOT / "activations").glob("*.yaml")))


def _say(message: str) -> None:
    print(f"actsite: {message}", file=sys.stderr)


def prepare() -> BuildSession:
    """Generate docs/ unless the last generation is current; the session of this build.

    Raises DefinitionError on invalid definitions (nothing written).
    """
    started = time.perf_counter()
    digest = current_digest(ROOT)
    state = read_state(STATE_FILE)
    if state is not None and up_to_date(state, digest, ROOT):
        checked = time.perf_counter() - started
        _say(f"generation skipped: inputs, code and packages as at the last generation, its {len(state.outputs)} files as written (checked in {checked:.2f}s)")
        if state.lint_warnings:
            _say(f"{state.lint_warnings} lint warning(s): `actsite lint` lists them, `actsite fix` removes them")
        return BuildSession(digest, state.redirects, state.search_keys, state.families, state.lint_warnings, generated=False)
    return _generate(digest)


def _generate(digest: dict[str, str]) -> BuildSession:
    """Load, validate and generate, the new assets left rendering; record the state if nothing is pending."""
    from actsite.definitions.load import lint_warnings
    from actsite.render.search_keys import catalogue_search_keys
    from actsite.site.build import generate_deferring_assets
    from actsite.site.generation_state import forget_state
    from actsite.site.redirects import alias_targets

    # Once the generator starts writing and until the state is written, the outputs may be half new.
    report, definitions, pending = generate_deferring_assets(before_writing=lambda: forget_state(STATE_FILE))
    _say(report.summary().removeprefix("actsite: ") + (f"; {len(pending.paths)} files (figures, scripts, export) rendering while the engine builds" if pending else ""))
    warnings = lint_warnings(definitions)  # the error rules ran in load_all; warnings do not stop the build
    if warnings:
        _say(f"{len(warnings)} lint warning(s): `actsite lint` lists them, `actsite fix` removes them")
    session = BuildSession(
        digest,
        alias_targets(definitions),
        catalogue_search_keys(definitions),
        {loaded.slug: loaded.activation.family for loaded in definitions},
        len(warnings),
        generated=True,
        pending=pending,
        report=report,
    )
    if pending is None:
        write_state(STATE_FILE, session.state())
    return session


def write_placeholders(session: BuildSession, docs: Path) -> list[Path]:
    """An empty file for each pending asset docs/ lacks, so the engine's link check finds it; the files written."""
    written = []
    if session.pending is not None:
        for relative in session.pending.paths:
            path = docs / relative
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"")
                written.append(path)
    return written


def family_titles() -> dict[str, dict[str, str]]:
    """Language → family id → the family's name, in the order of i18n/families.yaml."""
    from actsite.definitions.languages import LANGUAGES
    from actsite.render.i18n import taxonomy

    families = taxonomy("families")
    return {language: {family: names[language]["name"] for family, names in families.items()} for language in LANGUAGES}


def run_engine(session: BuildSession, staging: Path, *, engine_name: str, adapter: bool) -> None:
    """Build `staging` with the engine; raise BuildError if it fails."""
    config = engine.write_config(ROOT, ENGINE_CONFIG_DIR, session.families, family_titles(), adapter=adapter)
    started = time.perf_counter()
    status = engine.start(engine_name, config, staging, ROOT).wait()
    session.timings["engine"] = time.perf_counter() - started
    if status != 0:
        raise BuildError(f"{engine_name} build failed (exit status {status}); its messages are above")


def finish_assets(session: BuildSession, staging: Path) -> None:
    """Write the assets rendered meanwhile into docs/ and the site, then record the generation (now whole)."""
    if session.pending is None or session.report is None:
        return  # nothing was left rendering: the generation was recorded when it wrote its files
    pending, session.pending = session.pending, None
    started = time.perf_counter()
    files = pending.finish(session.report)
    postprocess.write_assets(staging, files)
    write_state(STATE_FILE, session.state())
    _say(f"{len(files)} files (figures, scripts, export) written after the engine built the pages (waiting and writing took {time.perf_counter() - started:.1f}s)")


def formula_renderer() -> Katex:
    """The KaTeX renderer of this build, with the formula cache the last build stored."""
    node_modules = ROOT / "node_modules"
    return Katex(node_modules, FormulaCache.load(FORMULA_CACHE, renderer_identity(node_modules)))


def prefetch_formulas(renderer: Katex, docs: Path) -> int:
    """Ask KaTeX for the formulas of the generated pages the cache lacks: Node renders them while the engine runs.

    Returns how many formulas the pages hold (most come from the cache and start nothing).
    """
    formulas = [formula for page in sorted(docs.rglob("*.md")) for formula in formulas_in_markdown(page.read_text(encoding="utf-8"))]
    renderer.request([formula for formula in formulas if drawn_by_katex(formula)])
    return len(formulas)


def render_formulas(staging: Path, renderer: Katex) -> None:
    """Every page's formulas as KaTeX HTML."""
    try:
        postprocess.render_site_pages(staging, renderer)
    except FormulaError as error:
        raise BuildError(str(error)) from None


def close_renderer(renderer: Katex, *, whole: bool) -> None:
    """Stop Node; store the formula cache: exactly this site's formulas after a whole build, every formula known after a failure."""
    renderer.close()
    renderer.formulas.save(FORMULA_CACHE, only_used=whole)
    if whole:
        _say(f"formulas: {renderer.formulas.used}, rendered by KaTeX {renderer.rendered}, from the cache {renderer.formulas.used - renderer.rendered}")


def site_url() -> str | None:
    """The published address (`SITE_URL`), ending in `/` as MkDocs writes it; None without one."""
    url = os.environ.get("SITE_URL") or None
    return url if url is None or url.endswith("/") else url + "/"


def build_site(site: Path, *, engine_name: str = "mkdocs", adapter: bool = True) -> BuildSession:
    """Build the whole site into `site` (replaced only when every step succeeded).

    Raises DefinitionError (invalid definitions, nothing written) or BuildError (one line).
    """
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()  # the engine dates the sitemap with it: same sources, same bytes
    session = prepare()
    staging = site.with_name(site.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    renderer = formula_renderer()
    whole = False
    try:
        write_placeholders(session, ROOT / "docs")
        prefetch_formulas(renderer, ROOT / "docs")
        run_engine(session, staging, engine_name=engine_name, adapter=adapter)
        after = time.perf_counter()
        finish_assets(session, staging)
        render_formulas(staging, renderer)
        post_process(session, staging)
        session.timings["after the engine"] = time.perf_counter() - after
        whole = True
    except BaseException:
        session.cancel()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        close_renderer(renderer, whole=whole)
    publish(staging, site)
    _say("site built: " + ", ".join(f"{step} {seconds:.1f}s" for step, seconds in session.timings.items()))
    return session


def post_process(session: BuildSession, staging: Path) -> None:
    """The redirects, the per-language search indexes and the hosting files of the written site."""
    postprocess.write_alias_redirects(staging, session.redirects)
    try:
        postprocess.write_search_indexes(staging, keys=session.search_keys)
        postprocess.prepare_for_hosting(staging, site_url())
    except (SearchIndexError, HostingError) as error:
        raise BuildError(str(error)) from None


def main(site: Path, *, engine_name: str, adapter: bool) -> int:
    """`actsite build`: the exit status; problems as one line each, without a traceback."""
    from actsite.definitions.load import DefinitionError

    try:
        build_site(site, engine_name=engine_name, adapter=adapter)
    except DefinitionError as error:
        print("invalid activation definitions (nothing was written):\n" + "\n".join(error.problems), file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
