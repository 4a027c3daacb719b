"""Generate the site's sources: validate → compute → plots → pages → export → write.

Everything is computed in memory first; files are written only when every stage succeeded, and only
when their bytes changed, so a bad definition never leaves a half-written `docs/` behind and
`mkdocs serve` does not loop on its own output.

Run as `python -m actsite.build` (the Makefile does), or through the MkDocs hook on every build.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import catalogue_pages
from .load import ROOT, DefinitionError, Loaded, load_all
from .pages import (
    PageContext,
    approximation_errors,
    render_activation_pages,
    render_data_format_pages,
    render_home_pages,
)
from .plots import family_key, figure_keys, render_activation, render_family
from .properties import compute

DOCS_DIR = ROOT / "docs"
PLOTS_DIR = ROOT / "plots"
PLOT_KEYS_FILE = PLOTS_DIR / ".keys.json"
GENERATED_MANIFEST = DOCS_DIR / ".generated.json"
KATEX_DIR = ROOT / "node_modules" / "katex" / "dist"
WORKERS = 2


@dataclass
class BuildReport:
    """What a generation run did, for the log and the benchmark."""

    activations: int = 0
    plots_rendered: int = 0
    plots_cached: int = 0
    files_written: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the build log."""
        stages = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.timings.items())
        return (
            f"actsite: {self.activations} activations; plots rendered {self.plots_rendered}, cached {self.plots_cached}; "
            f"files written {self.files_written}, unchanged {self.files_unchanged}, removed {self.files_removed}; "
            f"{self.seconds:.1f}s ({stages})"
        )


def _context(loaded: Loaded) -> PageContext:
    return PageContext(loaded=loaded, properties=compute(loaded.math), approximation_errors=approximation_errors(loaded))


def compute_contexts(definitions: list[Loaded]) -> list[PageContext]:
    """Properties and approximation errors of every activation, computed in parallel."""
    if len(definitions) < 4:
        return [_context(d) for d in definitions]
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(_context, definitions, chunksize=4))


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


def generate(report: BuildReport | None = None) -> BuildReport:
    """Run every stage and write the results; raise DefinitionError on invalid input (nothing written)."""
    report = report or BuildReport()
    started = time.perf_counter()

    def stage(name: str, since: float) -> float:
        now = time.perf_counter()
        report.timings[name] = now - since
        return now

    mark = started
    definitions = load_all()
    mark = stage("load", mark)
    contexts = compute_contexts(definitions)
    mark = stage("properties", mark)
    plan = plan_plots(definitions)
    plot_keys = plan.keys
    new_figures = render_plots(plan)
    mark = stage("plots", mark)

    from .export import export_json  # imported late: only needed once validation passed

    outputs: dict[str, bytes] = {}
    for context in contexts:
        outputs.update({path: text.encode("utf-8") for path, text in render_activation_pages(context).items()})
    outputs.update({path: text.encode("utf-8") for path, text in render_home_pages(contexts).items()})
    export = export_json(contexts)
    example = next(r for r in json.loads(export)["activations"] if r["api"]["pytorch"])
    outputs.update({p: t.encode("utf-8") for p, t in render_data_format_pages(example).items()})
    outputs["data/activations.json"] = export.encode("utf-8")
    outputs.update(catalogue_pages(contexts))
    mark = stage("pages", mark)

    # Every stage succeeded: now write. Plots first (cache), then the docs tree.
    PLOTS_DIR.mkdir(exist_ok=True)
    for name, svg in new_figures.items():
        (PLOTS_DIR / name).write_bytes(svg)
    _remove_stale(PLOTS_DIR, set(plot_keys), "*.svg")
    PLOT_KEYS_FILE.write_text(json.dumps(plot_keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")
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
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
        report.files_written += 1
    for relative in sorted(previous - set(outputs)):
        stale = DOCS_DIR / relative
        if stale.exists():
            stale.unlink()
            report.files_removed += 1
    manifest = json.dumps(sorted(outputs), indent=0) + "\n"
    if not GENERATED_MANIFEST.exists() or GENERATED_MANIFEST.read_text(encoding="utf-8") != manifest:
        GENERATED_MANIFEST.write_text(manifest, encoding="utf-8")


def clean() -> None:
    """Remove every generated file (docs tree, plots, site)."""
    if GENERATED_MANIFEST.exists():
        for relative in json.loads(GENERATED_MANIFEST.read_text(encoding="utf-8")):
            (DOCS_DIR / relative).unlink(missing_ok=True)
        GENERATED_MANIFEST.unlink()
    shutil.rmtree(PLOTS_DIR, ignore_errors=True)


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
