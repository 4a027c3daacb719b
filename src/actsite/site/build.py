"""Generate the site's sources: validate → compute → plots → pages → export → write.

Everything is computed in memory first; files are written only when every stage succeeded, and only
when their bytes changed, so a bad definition never leaves a half-written `docs/` behind and
`mkdocs serve` does not loop on its own output.

Run as `python -m actsite.site.build` (the Makefile does), or through the MkDocs hook on every build.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from actsite.render.catalogue import catalogue_pages
from actsite.site.cache import CACHE_FILE, ComputedValues, cache_key, code_fingerprint, read_cache, write_cache
from actsite.definitions.load import ROOT, DefinitionError, Loaded, load_all
from actsite.render.pages import (
    PageContext,
    approximation_errors,
    render_activation_pages,
    render_data_format_pages,
    render_home_pages,
)
from actsite.render.javascript import function_scripts
from actsite.render.plots import family_key, figure_keys, render_activation, render_family
from actsite.analysis.properties import compute
from actsite.analysis.samples import SAMPLE_XS, round_sig, sample_curves

DOCS_DIR = ROOT / "docs"
PLOTS_DIR = ROOT / "plots"
PLOT_KEYS_FILE = PLOTS_DIR / ".keys.json"
FUNCTIONS_CACHE = ROOT / ".cache" / "functions.json"  # the generated JavaScript of each activation
GENERATED_MANIFEST = DOCS_DIR / ".generated.json"
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


def _computed(loaded: Loaded) -> ComputedValues:
    """The slow values of one activation: properties, approximation errors, sampled curves.

    Runs in a worker process: only these plain values come back, never `loaded` itself, whose
    unevaluated display expressions SymPy would re-evaluate when unpickling them (the page would
    then show `x + √(x²+1)/2 − 1/2` instead of the authored form).
    """
    properties = compute(loaded.math)
    return ComputedValues(properties, approximation_errors(loaded), sample_curves(loaded.math, properties.kinks))


def compute_contexts(definitions: list[Loaded], report: BuildReport | None = None) -> list[PageContext]:
    """Properties, approximation errors and sampled curves of every activation, reusing cached values.

    An activation whose math and computing code are unchanged is read from the cache; the others
    are computed (in parallel). The cache is then rewritten with exactly these entries.
    """
    code = code_fingerprint(approximation_errors, sample_curves, round_sig, extra=SAMPLE_XS.tolist())
    stored = read_cache()
    keys = {loaded.slug: cache_key(loaded, code) for loaded in definitions}
    values: dict[str, ComputedValues] = {}
    for loaded in definitions:
        entry = stored.get(loaded.slug)
        if isinstance(entry, dict) and entry.get("key") == keys[loaded.slug]:
            with contextlib.suppress(KeyError, TypeError, ValueError):  # a damaged entry is only a cache miss
                values[loaded.slug] = ComputedValues.from_json(entry["values"])
    missing = [loaded for loaded in definitions if loaded.slug not in values]
    if len(missing) < 4:
        fresh = [_computed(d) for d in missing]
    else:
        with ProcessPoolExecutor(max_workers=WORKERS) as pool:
            fresh = list(pool.map(_computed, missing, chunksize=4))
    values.update({loaded.slug: computed for loaded, computed in zip(missing, fresh, strict=True)})
    if report is not None:
        report.properties_computed = len(fresh)
        report.properties_cached = len(definitions) - len(fresh)
    if fresh or set(stored) != set(keys):
        write_cache({slug: {"key": keys[slug], "values": values[slug].to_json()} for slug in sorted(values)})
    return [
        PageContext(
            loaded=loaded,
            properties=values[loaded.slug].properties,
            approximation_errors=values[loaded.slug].approximation_errors,
            samples=values[loaded.slug].samples,
        )
        for loaded in definitions
    ]


def families_of(definitions: list[Loaded]) -> dict[str, list[Loaded]]:
    """Family id → members sorted by slug."""
    families: dict[str, list[Loaded]] = {}
    for loaded in sorted(definitions, key=lambda d: d.slug):
        families.setdefault(loaded.activation.family, []).append(loaded)
    return families


@dataclass
class PlotPlan:
    """What must be rendered, and the full file → cache key map of every figure."""

    activations: list[Loaded]
    families: list[tuple[str, list[Loaded]]]
    keys: dict[str, str]


def plan_plots(definitions: list[Loaded]) -> PlotPlan:
    """Compare every figure's cache key with the last build's; stale or missing figures are re-rendered."""
    previous = json.loads(PLOT_KEYS_FILE.read_text(encoding="utf-8")) if PLOT_KEYS_FILE.exists() else {}

    def stale(name: str, key: str) -> bool:
        return previous.get(name) != key or not (PLOTS_DIR / name).exists()

    plan = PlotPlan(activations=[], families=[], keys={})
    for loaded in definitions:
        wanted = figure_keys(loaded)
        plan.keys.update(wanted)
        if any(stale(name, key) for name, key in wanted.items()):
            plan.activations.append(loaded)
    for family_id, members in families_of(definitions).items():
        name, key = f"family-{family_id}.svg", family_key(family_id, members)
        plan.keys[name] = key
        if stale(name, key):
            plan.families.append((family_id, members))
    return plan


def render_plots(plan: PlotPlan) -> dict[str, bytes]:
    """Render the stale figures in parallel: file name → SVG bytes."""
    figures: dict[str, bytes] = {}
    jobs = len(plan.activations) + len(plan.families)
    if jobs < 4:
        rendered = [render_activation(loaded) for loaded in plan.activations] + [render_family(item) for item in plan.families]
    else:
        with ProcessPoolExecutor(max_workers=WORKERS) as pool:
            rendered = list(pool.map(render_activation, plan.activations, chunksize=2))
            rendered += list(pool.map(render_family, plan.families))
    for one in rendered:
        figures.update(one)
    return figures


def generate(report: BuildReport | None = None, definitions: list[Loaded] | None = None) -> BuildReport:
    """Run every stage and write the results; raise DefinitionError on invalid input (nothing written).

    `definitions` are loaded here unless the caller already loaded them.
    """
    report = report or BuildReport()
    started = time.perf_counter()

    def stage(name: str, since: float) -> float:
        now = time.perf_counter()
        report.timings[name] = now - since
        return now

    mark = started
    definitions = load_all() if definitions is None else definitions
    mark = stage("load", mark)
    contexts = compute_contexts(definitions, report)
    mark = stage("properties", mark)
    plan = plan_plots(definitions)
    plot_keys = plan.keys
    new_figures = render_plots(plan)
    mark = stage("plots", mark)

    from actsite.render.export import export_json  # imported late: only needed once validation passed

    outputs: dict[str, bytes] = {}
    for context in contexts:
        outputs.update({path: text.encode("utf-8") for path, text in render_activation_pages(context).items()})
    outputs.update({path: text.encode("utf-8") for path, text in render_home_pages(contexts).items()})
    export = export_json(contexts)
    example = next(r for r in json.loads(export)["activations"] if r["api"]["pytorch"])
    outputs.update({p: t.encode("utf-8") for p, t in render_data_format_pages(example).items()})
    outputs["data/activations.json"] = export.encode("utf-8")
    outputs.update(catalogue_pages(contexts))
    outputs.update(function_scripts(definitions, FUNCTIONS_CACHE))
    mark = stage("pages", mark)

    # Every stage succeeded: now write. Plots first (cache), then the docs tree.
    PLOTS_DIR.mkdir(exist_ok=True)
    for name, svg in new_figures.items():
        _write_atomically(PLOTS_DIR / name, svg)
    _remove_stale(PLOTS_DIR, set(plot_keys), "*.svg")
    _write_atomically(PLOT_KEYS_FILE, (json.dumps(plot_keys, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    report.plots_rendered = len(new_figures)
    report.plots_cached = len(plot_keys) - len(new_figures)
    for name in plot_keys:
        outputs[f"plots/{name}"] = (PLOTS_DIR / name).read_bytes()
    outputs.update(_katex_assets())
    _write_outputs(outputs, report)
    stage("write", mark)
    report.activations = len(definitions)
    report.seconds = time.perf_counter() - started
    return report


def _katex_assets() -> dict[str, bytes]:
    """KaTeX's script, auto-render, stylesheet and woff2 fonts, from the npm package (no CDN)."""
    if not KATEX_DIR.exists():
        raise FileNotFoundError(f"{KATEX_DIR} is missing: run `npm ci` (the Makefile does)")
    files = {
        "assets/katex/katex.min.js": KATEX_DIR / "katex.min.js",
        "assets/katex/katex.min.css": KATEX_DIR / "katex.min.css",
        "assets/katex/contrib/auto-render.min.js": KATEX_DIR / "contrib" / "auto-render.min.js",
    }
    for font in sorted((KATEX_DIR / "fonts").glob("*.woff2")):
        files[f"assets/katex/fonts/{font.name}"] = font
    return {target: source.read_bytes() for target, source in files.items()}


def _remove_stale(directory: Path, keep: set[str], pattern: str) -> None:
    for path in directory.glob(pattern):
        if path.name not in keep:
            path.unlink()


def _write_outputs(outputs: dict[str, bytes], report: BuildReport) -> None:
    """Write changed files under docs/ and remove generated files no longer produced."""
    previous = set(json.loads(GENERATED_MANIFEST.read_text(encoding="utf-8"))) if GENERATED_MANIFEST.exists() else set()
    for relative, content in sorted(outputs.items()):
        target = DOCS_DIR / relative
        if target.exists() and target.read_bytes() == content:
            report.files_unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, content)
        report.files_written += 1
    for relative in sorted(previous - set(outputs)):
        stale = DOCS_DIR / relative
        if stale.exists():
            stale.unlink()
            report.files_removed += 1
    manifest = json.dumps(sorted(outputs), indent=0) + "\n"
    if not GENERATED_MANIFEST.exists() or GENERATED_MANIFEST.read_text(encoding="utf-8") != manifest:
        _write_atomically(GENERATED_MANIFEST, manifest.encode("utf-8"))


def _write_atomically(target: Path, content: bytes) -> None:
    """Write through a temporary file and a rename: an interrupted build never leaves half a file."""
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_bytes(content)
    temporary.replace(target)


def clean() -> None:
    """Remove every generated file (docs tree, plots) and the cache of computed properties."""
    if GENERATED_MANIFEST.exists():
        for relative in json.loads(GENERATED_MANIFEST.read_text(encoding="utf-8")):
            (DOCS_DIR / relative).unlink(missing_ok=True)
        GENERATED_MANIFEST.unlink()
    shutil.rmtree(PLOTS_DIR, ignore_errors=True)
    CACHE_FILE.unlink(missing_ok=True)
    FUNCTIONS_CACHE.unlink(missing_ok=True)


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
