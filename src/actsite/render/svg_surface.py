"""The surface figure of a gated activation: f(a, b) = a·g(b) over [−3, 3]² as SVG.

For each b, f is linear in a, so the region where f exceeds a level is, row by row, the interval
of a beyond level / g(b): each band of the colour map is painted as exact polygons whose edge is
the curve a = level / g(b) at every sampled b (601 rows, simplified within 0.1 px), nested from
the centre out. Contour lines are the same curves at every other band edge (the labelled ones).
A value on a band edge belongs to the band below it, as in matplotlib's contourf.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from actsite.render.chart_scale import Scale, nice_ticks, tick_label
from actsite.render.polyline import Line, simplify
from actsite.render.svg_chart import TICK_LENGTH, TICK_PAD, tick_marks_and_labels
from actsite.render.svg_document import FONT_SIZE, HEIGHT, TEXT_COLOR, WIDTH, document, number, points, text, text_width

EXTENT = 3.0  # a and b both run over [−EXTENT, EXTENT]
ROWS = 601
BANDS = 16
# matplotlib's RdBu_r at the middle of each of 16 equal bands, as contourf(…, levels=17 edges,
# cmap="RdBu_r") colours them: obtained once with matplotlib 3.11.2 as
# [to_hex(colormaps["RdBu_r"]((k + 0.5) / 16)) for k in range(16)], identical to the face colours of
# such a contourf. Coldest (most negative) first.
BAND_COLORS = (
    "#0e4179",
    "#1f63a8",
    "#3480b9",
    "#529dc8",
    "#84bcd9",
    "#aed3e6",
    "#d4e6f1",
    "#ecf2f5",
    "#f9eee7",
    "#fddcc9",
    "#f8bb9e",
    "#ee9677",
    "#db6b55",
    "#c53e3d",
    "#ab162a",
    "#7c0722",
)
CONTOUR_COLOR = "#333333"
TITLE = "f(a, b) = a ⊗ g(b)"
TITLE_SIZE = 1.2 * FONT_SIZE
SIMPLIFY_PX = 0.1
CSS = (
    f".tick{{stroke:{TEXT_COLOR};stroke-width:.8}}"
    ".frame{fill:none;stroke:#444444;stroke-width:.8}"
    f".contours{{fill:none;stroke:{CONTOUR_COLOR};stroke-width:.6}}"
    ".contours .negative{stroke-dasharray:2.22 .96}"
)
TOP, BOTTOM_SPACE, OUTER_PAD = 30.0, 44.88, 7.0
BAR_WIDTH, BAR_GAP = 11.5, 20.0


@dataclass(frozen=True)
class Surface:
    """The gate g sampled at rows b (increasing, covering [−3, 3])."""

    bs: np.ndarray
    gs: np.ndarray


def surface_chart(stem: str, surface: Surface) -> bytes:
    """The SVG of the heat map of a·g(b) with contour lines and a colour bar, titled `stem`."""
    finite = np.isfinite(surface.gs)
    bs, gs = surface.bs[finite], surface.gs[finite]
    limit = max(EXTENT * float(np.max(np.abs(gs))), 1e-12)
    levels = np.linspace(-limit, limit, BANDS + 1)
    labelled = levels[::2]
    bar_labels = [tick_label(level, 2) for level in labelled]
    axis_ticks = nice_ticks(-EXTENT, EXTENT)
    left = OUTER_PAD + FONT_SIZE + 4.0 + max(text_width(label) for label in axis_ticks.labels) + TICK_LENGTH + TICK_PAD
    bar_right = WIDTH - OUTER_PAD - max(text_width(label) for label in bar_labels) - TICK_LENGTH - TICK_PAD
    bar_left = bar_right - BAR_WIDTH
    right, bottom = bar_left - BAR_GAP, HEIGHT - BOTTOM_SPACE
    a_scale, b_scale = Scale(-EXTENT, EXTENT, left, right), Scale(-EXTENT, EXTENT, bottom, TOP)
    body = [
        _bands(bs, gs, levels, a_scale, b_scale),
        _contours(bs, gs, labelled[1:-1], a_scale, b_scale),
        f'<rect class="frame" x="{number(left)}" y="{number(TOP)}" width="{number(right - left)}" height="{number(bottom - TOP)}"/>',
        tick_marks_and_labels(axis_ticks, axis_ticks, a_scale, b_scale),
        text((left + right) / 2, bottom + TICK_LENGTH + TICK_PAD + 23.86, "a"),
        text(OUTER_PAD + FONT_SIZE / 2, (TOP + bottom) / 2 + 0.35 * FONT_SIZE, "b"),
        text((left + right) / 2, TOP - 8.0, TITLE, size=TITLE_SIZE),
        _colour_bar(levels, labelled, bar_labels, Scale(-limit, limit, bottom, TOP), bar_left),
    ]
    return document(stem, body, style=CSS)


def _bands(bs: np.ndarray, gs: np.ndarray, levels: np.ndarray, a_scale: Scale, b_scale: Scale) -> str:
    """The heat map: the band just below 0 everywhere, then each region beyond a level painted over the last."""
    middle = BANDS // 2
    left, right = a_scale.start, a_scale.end
    paths = [f'<path fill="{BAND_COLORS[middle - 1]}" d="M{number(left)} {number(b_scale.start)}H{number(right)}V{number(b_scale.end)}H{number(left)}Z"/>']
    for step in range(middle):
        level = float(levels[middle + step])  # 0, L/8, …: a·g(b) above it gets the next band up
        for polygon in _beyond(bs, gs, level, a_scale, b_scale):
            paths.append(f'<path fill="{BAND_COLORS[middle + step]}" d="{points(*polygon)}Z"/>')
        if step:  # a·g(b) at or below −level: a·(−g(b)) at or above level
            for polygon in _beyond(bs, -gs, level, a_scale, b_scale):
                paths.append(f'<path fill="{BAND_COLORS[middle - 1 - step]}" d="{points(*polygon)}Z"/>')
    return '<g class="heat">\n' + "\n".join(paths) + "\n</g>"


def _beyond(bs: np.ndarray, gs: np.ndarray, level: float, a_scale: Scale, b_scale: Scale) -> list[Line]:
    """Pixel polygons of {(a, b): a·g(b) > level} for level ≥ 0: right of level/g where g > 0, left of it where g < 0."""
    polygons = []
    for sign in (1.0, -1.0):
        side = sign * gs > 0
        with np.errstate(divide="ignore"):
            edge = np.where(side, np.clip(level / np.where(side, gs, 1.0), -EXTENT, EXTENT), sign * EXTENT)
        if not np.any(np.abs(edge - sign * EXTENT) > 1e-12):
            continue  # empty on this side
        xs, ys = simplify(a_scale(edge), b_scale(bs), SIMPLIFY_PX)
        border = a_scale.pixel(sign * EXTENT)
        polygons.append((np.concatenate([xs, [border, border]]), np.concatenate([ys, [ys[-1], ys[0]]])))
    return polygons


def _contours(bs: np.ndarray, gs: np.ndarray, contour_levels: np.ndarray, a_scale: Scale, b_scale: Scale) -> str:
    """Lines a·g(b) = c at the labelled levels (negative ones dashed): a = c/g(b), and for c = 0 a = 0 and g's sign changes."""
    paths = []
    for level in contour_levels:
        lines = _zero_contour(bs, gs) if level == 0 else _level_contour(bs, gs, float(level))
        pixel_lines = [simplify(a_scale(a), b_scale(b), SIMPLIFY_PX) for a, b in lines]
        if pixel_lines:
            kind = ' class="negative"' if level < 0 else ""
            paths.append(f'<path{kind} d="{"".join(points(*line) for line in pixel_lines)}"/>')
    return '<g class="contours">\n' + "\n".join(paths) + "\n</g>"


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of each run of True in `mask`."""
    edges = np.flatnonzero(np.diff(np.concatenate([[False], mask, [False]]).astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _level_contour(bs: np.ndarray, gs: np.ndarray, level: float) -> list[Line]:
    """The line a = level/g(b) where it lies in [−3, 3], each run ending on the border in the row beyond it."""
    with np.errstate(divide="ignore", invalid="ignore"):
        a = level / gs
    inside = (gs != 0) & (np.abs(a) <= EXTENT)
    lines = []
    for start, stop in _runs(inside):
        # g keeps its sign inside a run unless it jumps across 0: split there.
        flips = (np.flatnonzero(np.diff(np.sign(gs[start:stop]))) + start + 1).tolist()
        for first, last in zip([start, *flips], [*flips, stop], strict=True):
            line_a, line_b = list(a[first:last]), list(bs[first:last])
            if first == start and start > 0:
                line_a.insert(0, float(np.sign(a[first])) * EXTENT)
                line_b.insert(0, bs[start - 1])
            if last == stop and stop < len(bs):
                line_a.append(float(np.sign(a[last - 1])) * EXTENT)
                line_b.append(bs[stop])
            if len(line_a) >= 2:
                lines.append((np.array(line_a), np.array(line_b)))
    return lines


def _zero_contour(bs: np.ndarray, gs: np.ndarray) -> list[Line]:
    """a·g(b) = 0: the line a = 0 where g ≠ 0 (to the neighbouring rows), and b = b* across where g changes sign."""
    lines = []
    for start, stop in _runs(gs != 0):
        low, high = bs[max(start - 1, 0)], bs[min(stop, len(bs) - 1)]
        lines.append((np.zeros(2), np.array([low, high])))
    nonzero = np.flatnonzero(gs != 0)
    for i, j in itertools.pairwise(nonzero):
        if gs[i] * gs[j] < 0:
            crossing = bs[i] + (bs[j] - bs[i]) * gs[i] / (gs[i] - gs[j])
            lines.append((np.array([-EXTENT, EXTENT]), np.array([crossing, crossing])))
    return lines


def _colour_bar(levels: np.ndarray, labelled: np.ndarray, labels: list[str], scale: Scale, left: float) -> str:
    """The 16 bands stacked from the coldest (bottom) up, framed, with the labelled levels on the right."""
    right = left + BAR_WIDTH
    parts = []
    for color, low, high in zip(BAND_COLORS, levels[:-1], levels[1:], strict=True):
        top, bottom = scale.pixel(float(high)), scale.pixel(float(low))
        parts.append(f'<rect x="{number(left)}" y="{number(top)}" width="{number(BAR_WIDTH)}" height="{number(bottom - top)}" fill="{color}"/>')
    parts.append(f'<rect class="frame" x="{number(left)}" y="{number(scale.end)}" width="{number(BAR_WIDTH)}" height="{number(scale.start - scale.end)}"/>')
    marks = "".join(f"M{number(right)} {number(scale.pixel(float(level)))}h{number(TICK_LENGTH)}" for level in labelled)
    parts.append(f'<path class="tick" d="{marks}"/>')
    label_left = right + TICK_LENGTH + TICK_PAD
    texts = "".join(text(label_left, scale.pixel(float(level)), label, anchor=None, centred=True) for level, label in zip(labelled, labels, strict=True))
    parts.append(f'<g class="cticks">{texts}</g>')
    return '<g class="colourbar">\n' + "\n".join(parts) + "\n</g>"
