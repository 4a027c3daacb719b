"""Generate the site's sources: read → check and compute → pages → export → write.

Every definition is read and validated here; its math checks, then what the caches lack for it
(properties, and from fresh properties its pages and export record), run as one job per activation
in the worker processes (`activation_jobs`); its printed JavaScript, figures and export samples,
and the family overlays, render there while this process writes the catalogue, home and data
pages (or, through `actsite build`, while the engine builds the pages: `PendingAssets`).

Everything is computed in memory first; files are written only when every stage succeeded, and only
when their bytes changed, so a bad definition never leaves a half-written `docs/` behind and
`mkdocs serve` does not loop on its own output.

Run as `python -m actsite.site.build` (the Makefile does), or through `actsite build` (driver.py) on every build.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actsite.analysis.computed import ComputedValues, compute_values
from actsite.analysis.samples import SAMPLE_XS
from actsite.definitions.load import ROOT, DefinitionError, Loaded, load_all
from actsite.render.catalogue import catalogue_pages
from actsite.render.context import PageContext
from actsite.render.javascript import function_scripts, script_paths, scripts_missing
from actsite.render.katex.formula_cache import FORMULA_CACHE
from actsite.render.pages import render_data_format_pages, render_home_pages
from actsite.render.plots import figure_keys
from actsite.site.activation_jobs import ActivationJobs, Needs
from actsite.site.assets import katex_assets
from actsite.site.cache import CACHE_FILE, cache_key, code_fingerprint, read_cache, write_cache
from actsite.site.files import remove_generated, write_files, write_outputs
from actsite.site.generation_state import STATE_FILE
from actsite.site.plot_plan import PlotPlan, plan_plots, store_plots
from actsite.site.processes import process_pool

DOCS_DIR = ROOT / "docs"
PLOTS_DIR = ROOT / "plots"
PLOT_KEYS_FILE = PLOTS_DIR / ".keys.json"
FUNCTIONS_CACHE = ROOT / ".cache" / "functions.json"  # the generated JavaScript of each activation
GENERATED_MANIFEST = DOCS_DIR / ".generated.json"
EXPORT = "data/activations.json"
KATEX_DIR = ROOT / "node_modules" / "katex" / "dist"
WORKERS = 2


@dataclass
class BuildReport:
    """What a generation run did, for the log and the benchmark."""

    activations: int = 0
    plots_rendered: int = 0
    plots_cached: int = 0
    properties_computed: int = 0
    properties_cached: int = 0
    files_written: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the build log."""
        stages = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.timings.items())
        return (
            f"actsite: {self.activations} activations; properties computed {self.properties_computed}, cached {self.properties_cached}; "
            f"plots rendered {self.plots_rendered}, cached {self.plots_cached}; "
            f"files written {self.files_written}, unchanged {self.files_unchanged}, removed {self.files_removed}; "
            f"{self.seconds:.1f}s ({stages})"
        )


Mapper = Callable[[Callable[[Loaded], ComputedValues], list[Loaded]], Iterable[ComputedValues]]


def _pool_map(function: Callable[[Loaded], ComputedValues], items: list[Loaded]) -> list[ComputedValues]:
    """`map` over `WORKERS` processes when there is enough to share."""
    if len(items) < 4:
        return [function(item) for item in items]
    with process_pool(WORKERS) as pool:
        return list(pool.map(function, items, chunksize=4))


def values_missing(definitions: list[Loaded]) -> set[str]:
    """Slugs whose computed values the cache lacks (or holds for other math or code)."""
    code = code_fingerprint(extra=SAMPLE_XS.tolist())
    stored = read_cache()
    return {loaded.slug for loaded in definitions if not isinstance(entry := stored.get(loaded.slug), dict) or entry.get("key") != cache_key(loaded, code)}


def compute_contexts(definitions: list[Loaded], report: BuildReport | None = None, mapper: Mapper = _pool_map) -> list[PageContext]:
    """Properties, approximation errors and sampled curves of every activation, reusing cached values.

    An activation whose math and computing code are unchanged is read from the cache; the others
    are computed by `mapper` (in parallel). The cache is then rewritten with exactly these entries,
    unless some computed values still lack their samples (`store_values` stores them once whole).
    """
    code = code_fingerprint(extra=SAMPLE_XS.tolist())  # the computing modules' source is in the fingerprint
    stored = read_cache()
    keys = {loaded.slug: cache_key(loaded, code) for loaded in definitions}
    values: dict[str, ComputedValues] = {}
    for loaded in definitions:
        entry = stored.get(loaded.slug)
        if isinstance(entry, dict) and entry.get("key") == keys[loaded.slug]:
            with contextlib.suppress(KeyError, TypeError, ValueError):  # a damaged entry is only a cache miss
                values[loaded.slug] = ComputedValues.from_json(entry["values"])
    missing = [loaded for loaded in definitions if loaded.slug not in values]
    fresh = list(mapper(compute_values, missing))
    values.update({loaded.slug: computed for loaded, computed in zip(missing, fresh, strict=True)})
    if report is not None:
        report.properties_computed = len(fresh)
        report.properties_cached = len(definitions) - len(fresh)
    contexts = [PageContext(loaded, values[loaded.slug]) for loaded in definitions]
    if (fresh or set(stored) != set(keys)) and all(computed.samples is not None for computed in fresh):
        store_values(contexts)
    return contexts


def store_values(contexts: list[PageContext], encoded_samples: dict[str, str] | None = None) -> None:
    """Rewrite the value cache with exactly these values, whole: `encoded_samples` (slug → JSON text) are the samples of those that lack them."""
    code = code_fingerprint(extra=SAMPLE_XS.tolist())
    ordered = sorted(contexts, key=lambda c: c.loaded.slug)
    entries = {context.loaded.slug: {"key": cache_key(context.loaded, code), "values": context.computed.to_json()} for context in ordered}
    write_cache(entries, encoded_samples=encoded_samples)


class _StaleWork:
    """What the caches lack, found once per generation: `needs` for the jobs, and the plot plan it made."""

    def __init__(self) -> None:
        self._plan: tuple[list[str], PlotPlan] | None = None  # the slugs it was made for, the plan

    def needs(self, definitions: list[Loaded]) -> dict[str, Needs]:
        """What each activation lacks in the caches: computed values, its printed JavaScript, its figures."""
        values = values_missing(definitions)
        scripts = scripts_missing(definitions, FUNCTIONS_CACHE)
        plan = plan_plots(definitions, PLOTS_DIR, PLOT_KEYS_FILE)
        self._plan = ([loaded.slug for loaded in definitions], plan)
        figures = {loaded.slug for loaded in plan.activations}
        return {loaded.slug: Needs(values=loaded.slug in values, script=loaded.slug in scripts, figures=loaded.slug in figures) for loaded in definitions}

    def plot_plan(self, definitions: list[Loaded]) -> PlotPlan:
        """The plot plan of `definitions`: the one `needs` made, if it was for the same definitions."""
        if self._plan is not None and self._plan[0] == [loaded.slug for loaded in definitions]:
            return self._plan[1]
        return plan_plots(definitions, PLOTS_DIR, PLOT_KEYS_FILE)


class PendingAssets:
    """What is still rendering in the pool when the pages were written: new figures, the scripts, the export.

    The export waits for the samples of freshly computed values (only it shows them). `generate_deferring_assets`
    returns one so that the engine builds the pages while the workers finish them: `paths` are the docs/
    files still to come (already listed in the manifest), `finish()` waits for them, writes them (and
    the plot and value caches) and closes the pool; `cancel()` stops the pool after a failed build.
    """

    def __init__(
        self, jobs: ActivationJobs, contexts: list[PageContext], records: dict[str, dict[str, Any]], plan: PlotPlan, families: list[Future[dict[str, bytes]]]
    ) -> None:
        self._pool = contextlib.ExitStack()  # empty until `own_pool`: the generation's `with` closes it
        self._jobs = jobs
        self._contexts = contexts
        self._records = records  # slug → export record, its samples None where still computing
        self._plan = plan
        self._families = families
        names = [name for loaded in plan.activations for name in figure_keys(loaded)] + [f"family-{family_id}.svg" for family_id, _ in plan.families]
        self.figures = [f"plots/{name}" for name in names]
        self.export_pending = any(context.computed.samples is None for context in contexts)
        self.paths = self.figures + script_paths([context.loaded for context in contexts]) + ([EXPORT] if self.export_pending else [])

    def rendered(self) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """The new figures (file name → SVG) and the other files (docs path → bytes), waiting for the pool.

        The other files are every script and, when samples were still computing, the export (the
        value cache is stored then, now that the values are whole).
        """
        figures = {name: svg for loaded in self._plan.activations for name, svg in self._jobs.figures(loaded.slug).items()}
        for future in self._families:
            figures.update(future.result())
        files = function_scripts([context.loaded for context in self._contexts], FUNCTIONS_CACHE, self._jobs.mapper("script"))
        if self.export_pending:
            # The samples of fresh values come encoded from their second jobs: the cache and the export splice them in.
            encoded = {context.loaded.slug: text for context in self._contexts if (text := self._jobs.samples_json(context.loaded.slug)) is not None}
            store_values(self._contexts, encoded)
            files[EXPORT] = self.export(encoded).encode("utf-8")
        return figures, files

    def export(self, encoded_samples: dict[str, str] | None = None) -> str:
        """data/activations.json, from the records; `encoded_samples` (slug → JSON text) fill the records without samples."""
        from actsite.render.export import export_json

        return export_json(self._contexts, lambda context: self._records[context.loaded.slug], encoded_samples)

    def finish(self, report: BuildReport) -> dict[str, bytes]:
        """Wait for the assets, write them under docs/ and the plot cache; docs path → bytes of each."""
        try:
            figures, others = self.rendered()
        finally:
            self.cancel()
        store_plots(self._plan, figures, PLOTS_DIR, PLOT_KEYS_FILE)
        files = {**{f"plots/{name}": svg for name, svg in figures.items()}, **others}
        report.files_written += write_files(files, DOCS_DIR)
        return files

    def own_pool(self, pool: contextlib.ExitStack) -> None:
        """Take over closing the pool (it outlives the generation)."""
        self._pool = pool

    def cancel(self) -> None:
        """Close the pool (cancelling what has not started, after a failure); nothing is written."""
        self._pool.close()


def generate(report: BuildReport | None = None) -> BuildReport:
    """Run every stage and write the results; raise DefinitionError on invalid input (nothing written)."""
    return generate_loaded(report)[0]


def generate_loaded(report: BuildReport | None = None, before_writing: Callable[[], None] | None = None) -> tuple[BuildReport, list[Loaded]]:
    """`generate`, also returning the definitions it loaded; `before_writing` is called once every stage succeeded."""
    report, definitions, pending = _generate(report, before_writing, defer_assets=False)
    assert pending is None
    return report, definitions


def generate_deferring_assets(
    report: BuildReport | None = None, before_writing: Callable[[], None] | None = None
) -> tuple[BuildReport, list[Loaded], PendingAssets | None]:
    """`generate_loaded`, returning before the new figures and the scripts are rendered (None when none are new).

    docs/ then holds every page and data file; the pending assets are written by `PendingAssets.finish`
    (the driver calls it once the engine has built the pages: see driver.py).
    """
    return _generate(report, before_writing, defer_assets=True)


def _generate(report: BuildReport | None, before_writing: Callable[[], None] | None, *, defer_assets: bool) -> tuple[BuildReport, list[Loaded], PendingAssets | None]:
    report = report or BuildReport()
    started = time.perf_counter()

    def stage(name: str, since: float) -> float:
        now = time.perf_counter()
        report.timings[name] = now - since
        return now

    stale = _StaleWork()
    pool = contextlib.ExitStack()
    with pool:
        jobs = pool.enter_context(ActivationJobs(WORKERS, stale.needs, background=defer_assets))
        # Read every file here; each activation's math checks, then what its caches lack, run in the pool.
        definitions = load_all(check=jobs.check)
        read = jobs.started or started  # the checks start once every file was read
        report.timings["read"] = read - started
        mark = stage("checks and computing", read)
        contexts = compute_contexts(definitions, report, jobs.mapper("values"))
        plan = stale.plot_plan(definitions)
        families = jobs.start_families(plan.families)  # rendered while this process writes the pages
        records = {context.loaded.slug: jobs.record(context) for context in contexts}
        assets = PendingAssets(jobs, contexts, records, plan, families)

        outputs: dict[str, bytes] = {}
        for context in contexts:
            outputs.update({path: text.encode("utf-8") for path, text in jobs.pages(context).items()})
        outputs.update({path: text.encode("utf-8") for path, text in render_home_pages(contexts).items()})
        example = next(records[slug] for slug in sorted(records) if records[slug]["api"]["pytorch"])
        outputs.update({p: t.encode("utf-8") for p, t in render_data_format_pages(example).items()})
        if not assets.export_pending:
            outputs[EXPORT] = assets.export().encode("utf-8")
        outputs.update(catalogue_pages(contexts))
        deferred = defer_assets and (jobs.rendering_assets or bool(plan.families))  # else nothing is left to wait for
        new_figures: dict[str, bytes] = {}
        if not deferred:
            new_figures, others = assets.rendered()
            outputs.update(others)
        mark = stage("pages", mark)
        if deferred:
            assets.own_pool(pool.pop_all())  # the pool goes on rendering the assets after this block

    try:
        _write(report, before_writing, plan, outputs, new_figures, assets if deferred else None)
    except BaseException:
        assets.cancel()
        raise
    stage("write", mark)
    report.activations = len(definitions)
    report.seconds = time.perf_counter() - started
    return report, definitions, assets if deferred else None


def _write(
    report: BuildReport,
    before_writing: Callable[[], None] | None,
    plan: PlotPlan,
    outputs: dict[str, bytes],
    new_figures: dict[str, bytes],
    assets: PendingAssets | None,
) -> None:
    """Every stage succeeded: now write. Plots first (cache), then the docs tree (without `assets`, still rendering)."""
    if before_writing is not None:
        before_writing()
    rendered = len(assets.figures) if assets is not None else len(new_figures)
    report.plots_rendered, report.plots_cached = rendered, len(plan.keys) - rendered
    if assets is None:
        store_plots(plan, new_figures, PLOTS_DIR, PLOT_KEYS_FILE)
    pending = set(assets.paths) if assets is not None else set()
    for name in plan.keys:
        if f"plots/{name}" not in pending:
            outputs[f"plots/{name}"] = (PLOTS_DIR / name).read_bytes()
    outputs.update(katex_assets(KATEX_DIR))
    counts = write_outputs(outputs, DOCS_DIR, GENERATED_MANIFEST, pending=pending)
    report.files_written, report.files_unchanged, report.files_removed = counts.written, counts.unchanged, counts.removed


def generated_files() -> list[Path]:
    """Every file the last generation left: the docs/ files its manifest lists, the manifest, and plots/."""
    listed = json.loads(GENERATED_MANIFEST.read_text(encoding="utf-8"))
    return [DOCS_DIR / relative for relative in listed] + [GENERATED_MANIFEST, PLOT_KEYS_FILE, *sorted(PLOTS_DIR.glob("*.svg"))]


def clean() -> None:
    """Remove every generated file (docs tree, plots), the caches (properties, scripts, formulas) and the generation state."""
    STATE_FILE.unlink(missing_ok=True)
    remove_generated(DOCS_DIR, GENERATED_MANIFEST)
    shutil.rmtree(PLOTS_DIR, ignore_errors=True)
    CACHE_FILE.unlink(missing_ok=True)
    FUNCTIONS_CACHE.unlink(missing_ok=True)
    FORMULA_CACHE.unlink(missing_ok=True)


def main() -> int:
    """Command-line entry: generate, print the report, exit 1 with the problems on invalid input."""
    try:
        report = generate()
    except DefinitionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
