"""Every figure of the site, drawn by one helper (`render_plot`) from the definition's math.

Figures are SVG written directly (`actsite.render.svg_chart`, `actsite.render.svg_surface`): text
kept as text, a white card background (legible in Material's light and dark schemes), reproducible
bytes. A figure is re-rendered only when its cache key changes: the hash of the math it shows, the
style and the source of the modules that sample and draw it.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sympy

from actsite.analysis import gaussian_moments, grid, propagation, torch_gain
from actsite.analysis.grid import GridValues
from actsite.analysis.propagation import COMPUTED_KINDS, Propagation, propagations
from actsite.definitions import symbolic
from actsite.definitions.load import Loaded
from actsite.definitions.symbolic import ScalarMath, X
from actsite.render import chart_scale, polyline, svg_chart, svg_document, svg_surface
from actsite.render.svg_chart import STYLE, Curve, line_chart
from actsite.render.svg_surface import EXTENT, ROWS, Surface, surface_chart

POINTS = 801
FUNCTION_COLOR = "#1f5fbf"
DERIVATIVE_COLOR = "#c2410c"
VARIANT_COLORS = ("#1f5fbf", "#c2410c", "#15803d", "#7e22ce", "#a16207")
DRAWING_MODULES = (svg_document, chart_scale, polyline, svg_chart, svg_surface)


@dataclass(frozen=True)
class Figure:
    """A figure to render: its file name (e.g. `gelu.svg`), curves, and cache key.

    With `surface` (a gate g sampled over [−3, 3]), the figure is instead a heat map of f(a, b) = a·g(b).
    """

    file_name: str
    curves: tuple[Curve, ...]
    key: str
    surface: Surface | None = None
    x_label: str = "x"


_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"


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
    """Draw `figure` and return the SVG bytes (deterministic).

    The SVG names what it shows (<title> = file stem): ELU and CELU at α = 1 draw the same curves,
    yet each page's figure is its own file with its own bytes.
    """
    stem = figure.file_name.removesuffix(".svg")
    if figure.surface is not None:
        return surface_chart(stem, figure.surface)
    return line_chart(stem, figure.curves, figure.x_label)


def sample_gate(math_: ScalarMath) -> Surface:
    """The gate g on ROWS rows of [−3, 3] (and its kinks there), float64 checked against mpmath."""
    inside = [k for k in math_.kinks if -EXTENT < k < EXTENT]
    bs = np.unique(np.concatenate([np.linspace(-EXTENT, EXTENT, ROWS), np.array(inside, dtype=float)]))
    return Surface(bs, GridValues(math_, math_.function, bs).values)


def figures_for(loaded: Loaded) -> list[Figure]:
    """The figures of one activation: f with f′, the parameter variants where there are any, the propagation through depth where it is defined."""
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
        figures.append(Figure(file_name=f"{activation.slug}-surface.svg", curves=(), key=_hash(key_base, "surface"), surface=sample_gate(math_)))
    parameter = activation.varied_parameter
    if parameter is not None:
        curves: list[Curve] = []
        for index, value in enumerate(parameter.variants):
            xs, ys = sample_curve(math_, math_.function, low, high, math_.kinks_with({parameter.name: value}), {parameter.name: value})
            color = VARIANT_COLORS[index % len(VARIANT_COLORS)]
            curves.append(Curve(xs, ys, f"{parameter.name} = {value:g}".replace("-", "−"), color, dashed=index % 2 == 1))
        figures.append(Figure(file_name=f"{activation.slug}-variants.svg", curves=tuple(curves), key=_hash(key_base, "variants")))
    if activation.kind.value in COMPUTED_KINDS:
        figures.append(propagation_figure(activation.slug, propagations(math_, activation), _hash(key_base, "propagation")))
    return figures


PROPAGATION_COLORS = ("#64748b", "#c2410c", "#1f5fbf")  # gain 1, torch's gain, g_f
LOG_FLOOR = -12.0  # log₁₀ of the variances drawn: ∞ (beyond 10¹²) and 0 leave the figure


def propagation_figure(slug: str, lines: Sequence[Propagation], key: str) -> Figure:
    """log₁₀ of the forward variance q_l (solid) and the gradient variance r_l (dashed) over the layers, one colour per gain.

    Labels are language-neutral (the page's caption says what q, r and the gains are); the last
    gain is g_f, a middle one torch's.
    """
    layers = np.arange(len(lines[0].forward), dtype=float)
    curves: list[Curve] = []
    for index, line in enumerate(lines):
        color = PROPAGATION_COLORS[0 if index == 0 else 2 if index == len(lines) - 1 else 1]
        name = "1" if index == 0 else f"g_f = {line.gain:.6g}" if index == len(lines) - 1 else f"torch {line.gain:.6g}"
        for values, label, dashed in ((line.forward, "q", False), (line.backward, "r", True)):
            logs = _log10(values)
            if np.isfinite(logs).sum() >= 2:  # a step's gradient is 0 at every layer but the last: no line, no legend entry
                curves.append(Curve(layers, logs, f"{label}, g = {name}" if index == 0 else f"{label}, {name}", color, dashed=dashed))
    return Figure(file_name=f"{slug}-propagation.svg", curves=tuple(curves), key=key, x_label="l")


def _log10(values: Sequence[float]) -> np.ndarray:
    """log₁₀ of each value, NaN (a gap in the line) where it is 0, ∞ or below 10^LOG_FLOOR."""
    array = np.array(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(array)
    return np.where(np.isfinite(logs) & (logs >= LOG_FLOOR), logs, np.nan)


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
        "calculate_gain": activation.api.pytorch.calculate_gain if activation.api.pytorch else None,
        "code": [Path(module.__file__).read_text(encoding="utf-8") for module in (grid, symbolic, gaussian_moments, propagation, torch_gain, *DRAWING_MODULES)]
        + [Path(__file__).read_text(encoding="utf-8")],
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
    if loaded.activation.kind.value in COMPUTED_KINDS:
        keys[f"{loaded.slug}-propagation.svg"] = _hash(base, "propagation")
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
        # First round of colours: half solid, half dashed; the second round (families of 13 to 24) swaps the style.
        dashed = (index % len(FAMILY_COLORS) >= len(FAMILY_COLORS) // 2) != (index >= len(FAMILY_COLORS))
        curves.append(Curve(xs, ys, loaded.slug, color, dashed=dashed))
    return Figure(file_name=f"family-{family_id}.svg", curves=tuple(curves), key=family_key(family_id, members))


def render_family(item: tuple[str, list[Loaded]]) -> dict[str, bytes]:
    """Render one family overlay: file name → SVG bytes."""
    family_id, members = item
    figure = family_figure(family_id, members)
    return {figure.file_name: render_plot(figure)}
