"""Every figure of the site, drawn by one helper (`render_plot`) from the definition's math.

Figures are SVG with text kept as text, a white card background (legible in Material's light and
dark schemes), and reproducible bytes. A figure is re-rendered only when its cache key changes:
the hash of the math it shows, the style and this module's source.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy

from actsite.analysis import grid
from actsite.analysis.grid import GridValues
from actsite.definitions import symbolic
from actsite.definitions.load import Loaded
from actsite.definitions.symbolic import ScalarMath, X

POINTS = 801
STYLE = {
    "figure.figsize": (6.4, 4.0),
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "svg.fonttype": "none",
    "svg.hashsalt": "activation-site",
    "axes.facecolor": "white",
    "figure.facecolor": "white",
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#222222",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
    "grid.color": "#d0d0d0",
    "lines.linewidth": 2.2,
}
FUNCTION_COLOR = "#1f5fbf"
DERIVATIVE_COLOR = "#c2410c"
VARIANT_COLORS = ("#1f5fbf", "#c2410c", "#15803d", "#7e22ce", "#a16207")


@dataclass(frozen=True)
class Curve:
    """One line of a figure: x and y arrays (NaN breaks the line), label, colour, dash style."""

    xs: np.ndarray
    ys: np.ndarray
    label: str
    color: str
    dashed: bool = False


@dataclass(frozen=True)
class Figure:
    """A figure to render: its file name (e.g. `gelu.svg`), curves, and cache key.

    With `surface_of` (a gate g), the figure is instead a heat map of f(a, b) = a·g(b).
    """

    file_name: str
    curves: tuple[Curve, ...]
    key: str
    surface_of: Callable[[float], float] | None = None


_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"
SURFACE_POINTS = 61


def sample_curve(
    math_: ScalarMath, expression: sympy.Expr, low: float, high: float, breaks: Sequence[float], parameters: dict[str, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sample `expression` on [low, high]; insert NaN at each break so jumps are not drawn as lines.

    The values are float64, checked against mpmath (see `actsite.analysis.grid`): within 1e−12 of the
    40-digit values, far below what a plot can show; the points beside a break are mpmath's.
    """
    xs = np.linspace(low, high, POINTS)
    inside = [b for b in breaks if low < b < high]
    xs = np.unique(np.concatenate([xs, np.array(inside, dtype=float)]))
    ys = GridValues(math_, expression, xs, parameters).values
    evaluate = math_.evaluator(expression, parameters)
    out_x: list[float] = []
    out_y: list[float] = []
    for x, y in zip(xs, ys, strict=True):
        if any(abs(x - b) < 1e-12 for b in inside):
            # Draw each side up to the break, then lift the pen.
            out_x += [x, x, x]
            out_y += [evaluate(x - 1e-12), math.nan, evaluate(x + 1e-12)]
        else:
            out_x.append(x)
            out_y.append(y)
    return np.array(out_x), np.array(out_y)


def render_plot(figure: Figure) -> bytes:
    """Draw the curves of `figure` and return the SVG bytes (deterministic)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(STYLE):
        fig, axes = plt.subplots()
        # The SVG names what it shows (dc:title = file stem): ELU and CELU at α = 1 draw the same
        # curves, yet each page's figure is its own file with its own bytes.
        metadata = {"Date": None, "Creator": None, "Title": figure.file_name.removesuffix(".svg")}
        if figure.surface_of is not None:
            return _render_surface(fig, axes, figure.surface_of, plt, metadata)
        for curve in figure.curves:
            axes.plot(curve.xs, curve.ys, color=curve.color, linestyle="--" if curve.dashed else "-", label=curve.label)
        axes.axhline(0.0, color="#888888", linewidth=0.8)
        axes.axvline(0.0, color="#888888", linewidth=0.8)
        axes.grid(True)
        axes.set_xlabel("x")
        axes.legend(loc="best", framealpha=0.95, fontsize="small" if len(figure.curves) > 6 else "medium", ncol=2 if len(figure.curves) > 8 else 1)
        _limit_y(axes, figure.curves)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata=metadata)
        plt.close(fig)
    return buffer.getvalue()


def _render_surface(fig: object, axes: object, gate: Callable[[float], float], plt: object, metadata: dict[str, str | None]) -> bytes:
    """Heat map of f(a, b) = a·g(b) over [−3, 3]², with a colour bar; deterministic SVG bytes."""
    grid = np.linspace(-3.0, 3.0, SURFACE_POINTS)
    gate_values = np.array([gate(b) for b in grid])
    surface = np.outer(gate_values, grid)  # rows: b, columns: a
    limit = float(np.max(np.abs(surface)))
    levels = np.linspace(-limit, limit, 17)
    image = axes.contourf(grid, grid, surface, levels=levels, cmap="RdBu_r")  # type: ignore[attr-defined]
    axes.contour(grid, grid, surface, levels=9, colors="#333333", linewidths=0.6)  # type: ignore[attr-defined]
    axes.set_xlabel("a")  # type: ignore[attr-defined]
    axes.set_ylabel("b")  # type: ignore[attr-defined]
    axes.set_title("f(a, b) = a ⊗ g(b)")  # type: ignore[attr-defined]
    fig.colorbar(image, ax=axes)  # type: ignore[attr-defined]
    fig.tight_layout()  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata=metadata)  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _limit_y(axes: object, curves: Sequence[Curve]) -> None:
    """Keep exploding curves (e.g. exp) from flattening everything else."""
    values = np.concatenate([c.ys[np.isfinite(c.ys)] for c in curves])
    low, high = float(np.percentile(values, 1)), float(np.percentile(values, 99))
    span = max(high - low, 1e-3)
    axes.set_ylim(low - 0.08 * span, high + 0.08 * span)  # type: ignore[attr-defined]


def figures_for(loaded: Loaded) -> list[Figure]:
    """The figures of one activation: f with f′, and the parameter variants where there are any."""
    activation = loaded.activation
    math_ = loaded.math
    low, high = activation.math.plot_range
    breaks = math_.kinks
    key_base = _key_material(loaded)
    symbol = math_.function_symbol_text
    f_x, f_y = sample_curve(math_, math_.function, low, high, breaks)
    d_x, d_y = sample_curve(math_, math_.derivative, low, high, breaks)
    curves = [Curve(f_x, f_y, f"{symbol}(x)", FUNCTION_COLOR), Curve(d_x, d_y, f"{symbol}′(x)", DERIVATIVE_COLOR, dashed=True)]
    for index, expression in enumerate(math_.other_outputs, 2):
        xs, ys = sample_curve(math_, expression, low, high, breaks)
        dxs, dys = sample_curve(math_, sympy.diff(expression, X), low, high, breaks)
        color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
        curves += [Curve(xs, ys, f"f{_SUBSCRIPTS[index]}(x)", color), Curve(dxs, dys, f"f{_SUBSCRIPTS[index]}′(x)", color, dashed=True)]
    figures = [Figure(file_name=f"{activation.slug}.svg", curves=tuple(curves), key=_hash(key_base, "main"))]
    if activation.kind.value == "gated":
        figures.append(Figure(file_name=f"{activation.slug}-surface.svg", curves=(), key=_hash(key_base, "surface"), surface_of=math_.f()))
    parameter = activation.varied_parameter
    if parameter is not None:
        curves: list[Curve] = []
        for index, value in enumerate(parameter.variants):
            xs, ys = sample_curve(math_, math_.function, low, high, math_.kinks_with({parameter.name: value}), {parameter.name: value})
            color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
            curves.append(Curve(xs, ys, f"{parameter.name} = {value:g}", color, dashed=index % 2 == 1))
        figures.append(Figure(file_name=f"{activation.slug}-variants.svg", curves=tuple(curves), key=_hash(key_base, "variants")))
    return figures


def _key_material(loaded: Loaded) -> str:
    """Everything a figure depends on: the math, parameters, slug, style and plotting code."""
    activation = loaded.activation
    material = {
        "slug": activation.slug,
        "math": activation.math.model_dump(mode="json"),
        "kind": activation.kind.value,
        "parameters": [p.model_dump(mode="json", include={"name", "default", "variants"}) for p in activation.parameters],
        "style": STYLE,
        "colors": [FUNCTION_COLOR, DERIVATIVE_COLOR, *VARIANT_COLORS],
        "code": [Path(module.__file__).read_text(encoding="utf-8") for module in (grid, symbolic)] + [Path(__file__).read_text(encoding="utf-8")],
    }
    return json.dumps(material, sort_keys=True, default=str)


def _hash(material: str, which: str) -> str:
    return hashlib.sha256(f"{which}\n{material}".encode()).hexdigest()


def figure_keys(loaded: Loaded) -> dict[str, str]:
    """File name → cache key, without sampling any curve (cheap: decides what needs rendering)."""
    base = _key_material(loaded)
    keys = {f"{loaded.slug}.svg": _hash(base, "main")}
    if loaded.activation.kind.value == "gated":
        keys[f"{loaded.slug}-surface.svg"] = _hash(base, "surface")
    if loaded.activation.varied_parameter is not None:
        keys[f"{loaded.slug}-variants.svg"] = _hash(base, "variants")
    return keys


def render_activation(loaded: Loaded) -> dict[str, bytes]:
    """Render every figure of one activation: file name → SVG bytes."""
    return {figure.file_name: render_plot(figure) for figure in figures_for(loaded)}


FAMILY_COLORS = (
    "#1f5fbf",
    "#c2410c",
    "#15803d",
    "#7e22ce",
    "#a16207",
    "#0e7490",
    "#be185d",
    "#4d7c0f",
    "#1e293b",
    "#b91c1c",
    "#6d28d9",
    "#0369a1",
)
FAMILY_RANGE = (-4.0, 4.0)


def family_key(family_id: str, members: list[Loaded]) -> str:
    """Cache key of a family overlay: its members' math, the style and the code."""
    return _hash("\n".join(_key_material(m) for m in members), f"family-{family_id}")


def family_figure(family_id: str, members: list[Loaded]) -> Figure:
    """Overlay of f for every member of a family over one common range; labels are slugs (language-neutral)."""
    low, high = FAMILY_RANGE
    curves = []
    for index, loaded in enumerate(members):
        xs, ys = sample_curve(loaded.math, loaded.math.function, low, high, loaded.math.kinks)
        color = FAMILY_COLORS[index % len(FAMILY_COLORS)]
        curves.append(Curve(xs, ys, loaded.slug, color, dashed=index >= len(FAMILY_COLORS) // 2))
    return Figure(file_name=f"family-{family_id}.svg", curves=tuple(curves), key=family_key(family_id, members))


def render_family(item: tuple[str, list[Loaded]]) -> dict[str, bytes]:
    """Render one family overlay: file name → SVG bytes."""
    family_id, members = item
    figure = family_figure(family_id, members)
    return {figure.file_name: render_plot(figure)}
