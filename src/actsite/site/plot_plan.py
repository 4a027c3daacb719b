"""Which figures to render: compare each figure's cache key with the last build's; store the rendered ones.

Plots live in `plots/` with their keys in `plots/.keys.json`; a figure is re-rendered when its key
(a hash of what it shows and of the plotting code) changed or its file is missing, never because
"the file exists".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from actsite.definitions.load import Loaded
from actsite.render.plots import family_key, figure_keys
from actsite.site.files import remove_stale, write_atomically


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


def plan_plots(definitions: list[Loaded], plots_dir: Path, keys_file: Path) -> PlotPlan:
    """Compare every figure's cache key with the last build's; stale or missing figures are re-rendered."""
    previous = json.loads(keys_file.read_text(encoding="utf-8")) if keys_file.exists() else {}

    def stale(name: str, key: str) -> bool:
        return previous.get(name) != key or not (plots_dir / name).exists()

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


def store_plots(plan: PlotPlan, figures: dict[str, bytes], plots_dir: Path, keys_file: Path) -> None:
    """Write the new figures and every figure's key; delete figures no longer planned."""
    plots_dir.mkdir(exist_ok=True)
    for name, svg in figures.items():
        write_atomically(plots_dir / name, svg)
    remove_stale(plots_dir, set(plan.keys), "*.svg")
    write_atomically(keys_file, (json.dumps(plan.keys, indent=1, sort_keys=True) + "\n").encode("utf-8"))
