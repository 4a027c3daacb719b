"""A line figure as SVG: axes with a grid at nice ticks, zero lines, the curves, and a legend.

Layout and look follow the figures matplotlib drew before (same size, font, colours, line widths):
the axes leave room for the widest y tick label, the curves are clipped to the axes, and the
legend goes where its box covers the fewest curve segments (a corner, else the middle of a side
or the centre, tried in the order of matplotlib's "best"), in two columns above eight curves.

The SVG is structured so that a test can read the drawing back: tick labels are <text> in
`g.xticks` (x = the tick's position) and `g.yticks` (y = the tick's position), curves are the
paths of `g.curves`, the legend is `g.legend` (a sample line and a label per curve).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from actsite.render.chart_scale import Scale, Ticks, nice_ticks
from actsite.render.polyline import Line, cut_vertically, segments_hitting, simplify, split_at_breaks
from actsite.render.svg_document import FONT_FAMILY, FONT_SIZE, HEIGHT, TEXT_COLOR, WIDTH, document, number, polylines, text, text_width

STYLE = {
    "font": FONT_FAMILY,
    "font size": FONT_SIZE,
    "text": TEXT_COLOR,
    "grid": "#d0d0d0",
    "zero lines": "#888888",
    "frame": "#444444",
    "legend frame": "#cccccc",
    "line width": 2.2,
    "dashes": "8.14 3.52",  # matplotlib's "--" at this line width
    "simplify within px": 0.1,
}
SMALL = 0.833  # matplotlib's "small" font (class "small"), used in legends of more than six curves
CSS = (
    f".grid{{stroke:{STYLE['grid']};stroke-width:.8}}"
    f".zero{{stroke:{STYLE['zero lines']};stroke-width:.8}}"
    f".frame{{fill:none;stroke:{STYLE['frame']};stroke-width:.8}}"
    f".tick{{stroke:{TEXT_COLOR};stroke-width:.8}}"
    f".curves,.legend path{{fill:none;stroke-width:{STYLE['line width']};stroke-linejoin:round;stroke-linecap:round}}"
    "path[stroke-dasharray]{stroke-linecap:butt}"
    f".legend rect{{fill:#ffffff;fill-opacity:.95;stroke:{STYLE['legend frame']};stroke-width:.8}}"
    f".small text{{font-size:{number(FONT_SIZE * SMALL)}px}}"
)
TICK_LENGTH, TICK_PAD = 3.5, 3.5
OUTER_PAD = 7.0
TOP, RIGHT_PAD, BOTTOM_SPACE = 11.88, 11.88, 44.88
CUT_MARGIN = 3.0  # lines leave the axes this far beyond the clip path
Y_MAX_TICKS = 8  # at least 3 font sizes apart on the 231 px tall axes, as matplotlib spaces them
# Where the legend may go, in matplotlib's order for loc="best" (corners first; ties go to the first).
LEGEND_PLACES = (
    "upper right",
    "upper left",
    "lower left",
    "lower right",
    "center left",
    "center right",
    "lower center",
    "upper center",
    "center center",
)


@dataclass(frozen=True)
class Curve:
    """One line of a figure: x and y arrays (NaN breaks the line), label, colour, dash style."""

    xs: np.ndarray
    ys: np.ndarray
    label: str
    color: str
    dashed: bool = False


def y_limits(curves: Sequence[Curve]) -> tuple[float, float]:
    """The 1st to 99th percentile of every curve's values, 8 % wider: exploding curves (exp) do not flatten the rest."""
    values = np.concatenate([c.ys[np.isfinite(c.ys)] for c in curves])
    if not values.size:
        return -1.0, 1.0
    low, high = float(np.percentile(values, 1)), float(np.percentile(values, 99))
    span = max(high - low, 1e-3)
    return low - 0.08 * span, high + 0.08 * span


def x_limits(curves: Sequence[Curve]) -> tuple[float, float]:
    """The curves' x range with 5 % margins on each side."""
    low = min(float(np.min(c.xs)) for c in curves)
    high = max(float(np.max(c.xs)) for c in curves)
    span = max(high - low, 1e-3)
    return low - 0.05 * span, high + 0.05 * span


def line_chart(stem: str, curves: Sequence[Curve], x_label: str = "x") -> bytes:
    """The SVG of `curves` on one pair of axes, titled `stem`, the x axis named `x_label` (deterministic bytes)."""
    x_low, x_high = x_limits(curves)
    y_low, y_high = y_limits(curves)
    y_ticks = nice_ticks(y_low, y_high, Y_MAX_TICKS)
    left = OUTER_PAD + max(text_width(label) for label in y_ticks.labels) + TICK_LENGTH + TICK_PAD
    x_ticks = _x_ticks(x_low, x_high, left)
    right = WIDTH - max(RIGHT_PAD, text_width(x_ticks.labels[-1]) / 2 + 2.0)
    bottom = HEIGHT - BOTTOM_SPACE
    x_scale, y_scale = Scale(x_low, x_high, left, right), Scale(y_low, y_high, bottom, TOP)
    drawn = [_pixel_lines(curve, x_scale, y_scale) for curve in curves]
    body = [
        _grid(x_ticks, y_ticks, x_scale, y_scale),
        _zero_lines(x_scale, y_scale),
        _curves(stem, curves, drawn),
        f'<rect class="frame" x="{number(left)}" y="{number(TOP)}" width="{number(right - left)}" height="{number(bottom - TOP)}"/>',
        tick_marks_and_labels(x_ticks, y_ticks, x_scale, y_scale),
        text((left + right) / 2, bottom + TICK_LENGTH + TICK_PAD + 23.86, x_label),
        _legend(curves, drawn, x_scale, y_scale),
    ]
    clip = f'<clipPath id="clip-{stem}"><rect x="{number(left)}" y="{number(TOP)}" width="{number(right - left)}" height="{number(bottom - TOP)}"/></clipPath>'
    return document(stem, [part for part in body if part], style=CSS, defs=clip)


def _x_ticks(low: float, high: float, left: float) -> Ticks:
    """Nice x ticks, fewer when their labels would come closer than 6 px."""
    width = WIDTH - RIGHT_PAD - left
    for max_ticks in range(9, 2, -1):
        ticks = nice_ticks(low, high, max_ticks)
        spacing = width / (high - low) * (ticks.values[1] - ticks.values[0]) if len(ticks.values) > 1 else width
        if max(text_width(label) for label in ticks.labels) + 6.0 <= spacing:
            return ticks
    return ticks


@dataclass(frozen=True)
class _Drawn:
    """A curve in pixels: the dense lines (for placing the legend) and the simplified ones (to write)."""

    dense: list[Line]
    simplified: list[Line]


def _pixel_lines(curve: Curve, x_scale: Scale, y_scale: Scale) -> _Drawn:
    top, bottom = y_scale.end - CUT_MARGIN, y_scale.start + CUT_MARGIN
    dense = [cut_vertically(x_scale(xs), y_scale(ys), top, bottom) for xs, ys in split_at_breaks(curve.xs, curve.ys)]
    return _Drawn(dense, [simplify(xs, ys, float(STYLE["simplify within px"])) for xs, ys in dense])


def _grid(x_ticks: Ticks, y_ticks: Ticks, x_scale: Scale, y_scale: Scale) -> str:
    vertical = "".join(f"M{number(x_scale.pixel(v))} {number(y_scale.start)}V{number(y_scale.end)}" for v in x_ticks.values)
    horizontal = "".join(f"M{number(x_scale.start)} {number(y_scale.pixel(v))}H{number(x_scale.end)}" for v in y_ticks.values)
    return f'<path class="grid" d="{vertical}{horizontal}"/>'


def _zero_lines(x_scale: Scale, y_scale: Scale) -> str:
    lines = ""
    if x_scale.low < 0 < x_scale.high:
        lines += f"M{number(x_scale.pixel(0.0))} {number(y_scale.start)}V{number(y_scale.end)}"
    if y_scale.low < 0 < y_scale.high:
        lines += f"M{number(x_scale.start)} {number(y_scale.pixel(0.0))}H{number(x_scale.end)}"
    return f'<path class="zero" d="{lines}"/>' if lines else ""


def _stroke(curve: Curve) -> str:
    dashes = f' stroke-dasharray="{STYLE["dashes"]}"' if curve.dashed else ""
    return f'stroke="{curve.color}"{dashes}'


def _curves(stem: str, curves: Sequence[Curve], drawn: Sequence[_Drawn]) -> str:
    paths = [f'<path {_stroke(curve)} d="{polylines(lines.simplified)}"/>' for curve, lines in zip(curves, drawn, strict=True) if lines.simplified]
    return f'<g class="curves" clip-path="url(#clip-{stem})">\n' + "\n".join(paths) + "\n</g>"


def tick_marks_and_labels(x_ticks: Ticks, y_ticks: Ticks, x_scale: Scale, y_scale: Scale) -> str:
    """Tick marks outside the axes' bottom and left edges, labels in `g.xticks` and `g.yticks` (x or y = the tick)."""
    bottom, left = y_scale.start, x_scale.start
    marks = "".join(f"M{number(x_scale.pixel(v))} {number(bottom)}v{number(TICK_LENGTH)}" for v in x_ticks.values)
    marks += "".join(f"M{number(left)} {number(y_scale.pixel(v))}h-{number(TICK_LENGTH)}" for v in y_ticks.values)
    baseline = bottom + TICK_LENGTH + TICK_PAD + 0.76 * FONT_SIZE
    x_labels = "".join(text(x_scale.pixel(v), baseline, label, anchor=None) for v, label in zip(x_ticks.values, x_ticks.labels, strict=True))
    label_right = left - TICK_LENGTH - TICK_PAD
    y_labels = "".join(text(label_right, y_scale.pixel(v), label, anchor=None, centred=True) for v, label in zip(y_ticks.values, y_ticks.labels, strict=True))
    return f'<path class="tick" d="{marks}"/>\n<g class="xticks" text-anchor="middle">{x_labels}</g>\n<g class="yticks" text-anchor="end">{y_labels}</g>'


def _legend(curves: Sequence[Curve], drawn: Sequence[_Drawn], x_scale: Scale, y_scale: Scale) -> str:
    """A framed legend: a sample of each line and its label, in the emptiest corner of the axes."""
    size = FONT_SIZE * (SMALL if len(curves) > 6 else 1.0)
    columns = 2 if len(curves) > 8 else 1
    rows = math.ceil(len(curves) / columns)
    pad, pitch, handle, handle_gap, column_gap = 0.4 * size, 1.5 * size, 2.0 * size, 0.8 * size, 2.0 * size
    in_column = [list(curves[c * rows : (c + 1) * rows]) for c in range(columns)]
    column_widths = [handle + handle_gap + max(text_width(curve.label, size) for curve in column) for column in in_column if column]
    width = 2 * pad + sum(column_widths) + column_gap * (len(column_widths) - 1)
    height = 2 * pad + rows * pitch - 0.5 * size
    left, top = _legend_place(width, height, size, [lines.dense for lines in drawn], x_scale, y_scale)
    parts = [f'<rect x="{number(left)}" y="{number(top)}" width="{number(width)}" height="{number(height)}" rx="2"/>']
    column_left = left + pad
    for column, column_width in zip(in_column, column_widths, strict=False):
        for row, curve in enumerate(column):
            middle = top + pad + 0.5 * size + row * pitch
            parts.append(f'<path {_stroke(curve)} d="M{number(column_left)} {number(middle)}h{number(handle)}"/>')
            parts.append(text(column_left + handle + handle_gap, middle + 0.35 * size, curve.label, anchor="start"))
        column_left += column_width + column_gap
    small = " small" if size != FONT_SIZE else ""
    return f'<g class="legend{small}">\n' + "\n".join(parts) + "\n</g>"


def _legend_place(width: float, height: float, size: float, lines: list[list[Line]], x_scale: Scale, y_scale: Scale) -> tuple[float, float]:
    """Top-left corner of the legend box at the place in the axes whose box the fewest curve segments touch."""
    gap = 0.5 * size
    every_line = [line for curve_lines in lines for line in curve_lines]
    lefts = {"left": x_scale.start + gap, "center": (x_scale.start + x_scale.end - width) / 2, "right": x_scale.end - gap - width}
    tops = {"upper": y_scale.end + gap, "center": (y_scale.start + y_scale.end - height) / 2, "lower": y_scale.start - gap - height}
    placements = []
    for place in LEGEND_PLACES:
        vertical, horizontal = place.split()
        left, top = lefts[horizontal], tops[vertical]
        placements.append((segments_hitting(every_line, left, top, left + width, top + height), left, top))
    _, left, top = min(placements, key=lambda placement: placement[0])
    return left, top
