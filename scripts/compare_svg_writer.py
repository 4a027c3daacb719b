"""Measure the project's SVG figure writer against matplotlib's SVG backend drawing the same figures.

The README's "What stays hand-written and why" cites these figures. matplotlib is not a dependency of
the project any more, so the comparison runs in two interpreters:

    .venv/bin/python scripts/compare_svg_writer.py write /tmp/curves.json    # our writer; saves the curves
    python3 -m venv /tmp/mpl && /tmp/mpl/bin/pip install matplotlib numpy
    /tmp/mpl/bin/python scripts/compare_svg_writer.py matplotlib /tmp/curves.json

Both print, for the f/f′ figures of the given activations: the median time to draw one figure (the
curves already sampled, imports not counted) and the mean bytes per figure. matplotlib draws what
our writer draws: 6.4 × 4 in, the same curves (f solid, f′ dashed, line width 2.2), grid, zero lines,
legend and axis label, with text kept as text (`svg.fonttype: none`) and fixed metadata, the settings
TOOLCHAIN.md measured as matplotlib's smallest reproducible SVG.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

SLUGS = ("relu", "gelu", "silu", "tanh", "elu", "softplus", "mish", "hardswish", "sigmoid", "selu")
ROUNDS = 20


def _median_ms(draw: object) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        draw()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def ours(out: Path) -> None:
    """Draw each activation's main figure with the project's writer; save the sampled curves for matplotlib."""
    from actsite.definitions.load import load_all
    from actsite.render.plots import figures_for, render_plot

    by_slug = {loaded.slug: loaded for loaded in load_all()}
    saved, times, sizes = {}, [], []
    for slug in SLUGS:
        figure = figures_for(by_slug[slug])[0]
        times.append(_median_ms(lambda figure=figure: render_plot(figure)))
        sizes.append(len(render_plot(figure)))
        saved[slug] = [
            {"x": list(map(float, c.xs)), "y": [None if y != y else float(y) for y in c.ys], "label": c.label, "color": c.color, "dashed": c.dashed}
            for c in figure.curves
        ]
    out.write_text(json.dumps(saved), encoding="utf-8")
    print(f"project writer: {statistics.median(times):.1f} ms per figure (median over {len(SLUGS)} figures), {statistics.mean(sizes) / 1024:.1f} KiB per figure")


def matplotlib_svg(curves_file: Path) -> None:
    """Draw the same figures with matplotlib's SVG backend (run in a venv that has matplotlib)."""
    import io

    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    import numpy as np

    matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "actsite", "font.family": "DejaVu Sans", "font.size": 11})
    saved = json.loads(curves_file.read_text(encoding="utf-8"))

    def draw(curves: list[dict[str, object]]) -> bytes:
        figure, axes = plt.subplots(figsize=(6.4, 4.0))
        for curve in curves:
            y = np.array([np.nan if v is None else v for v in curve["y"]])  # type: ignore[union-attr]
            axes.plot(curve["x"], y, color=curve["color"], linewidth=2.2, linestyle="--" if curve["dashed"] else "-", label=curve["label"])
        axes.axhline(0, color="#888888", linewidth=0.8)
        axes.axvline(0, color="#888888", linewidth=0.8)
        axes.grid(True, color="#d0d0d0", linewidth=0.8)
        axes.set_xlabel("x")
        axes.legend()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
        return buffer.getvalue()

    times = [_median_ms(lambda curves=curves: draw(curves)) for curves in saved.values()]
    sizes = [len(draw(curves)) for curves in saved.values()]
    print(
        f"matplotlib {matplotlib.__version__} SVG: {statistics.median(times):.1f} ms per figure (median over {len(saved)} figures), "
        f"{statistics.mean(sizes) / 1024:.1f} KiB per figure"
    )


if __name__ == "__main__":
    mode, path = sys.argv[1], Path(sys.argv[2])
    ours(path) if mode == "write" else matplotlib_svg(path)
