"""Polylines in pixel space: split at breaks, cut at the top and bottom, simplified, tested against boxes.

Every vertex kept by `simplify` is a vertex given to it, i.e. a sampled point of the curve; the
only other vertices are where `cut_vertically` ends a line just outside the axes (on the segment
between two samples), so what is visible inside the axes is exactly the chords between samples.
Everything is NumPy on whole arrays: a figure's hundreds of points cost well under a millisecond.
"""

from __future__ import annotations

import numpy as np

Line = tuple[np.ndarray, np.ndarray]


def split_at_breaks(xs: np.ndarray, ys: np.ndarray) -> list[Line]:
    """The runs of finite points (NaN or ±inf lifts the pen); runs of a single point draw nothing and are dropped."""
    finite = np.isfinite(xs) & np.isfinite(ys)
    edges = np.flatnonzero(np.diff(np.concatenate([[False], finite, [False]]).astype(np.int8)))
    return [(xs[start:stop], ys[start:stop]) for start, stop in zip(edges[::2], edges[1::2], strict=True) if stop - start >= 2]


def cut_vertically(xs: np.ndarray, ys: np.ndarray, top: float, bottom: float) -> Line:
    """The line with each run of points above `top` (or below `bottom`) replaced by where it enters and leaves.

    The new end points lie on the segments that cross `top` or `bottom`, so the part of the line
    between them is unchanged; what is left outside runs along the line y = top (bottom), which a
    clip path just inside hides. Values far off the axes (exp at large x) stay small numbers.
    """
    side = np.where(ys < top, -1, np.where(ys > bottom, 1, 0))
    if not side.any():
        return xs, ys
    changes = np.flatnonzero(np.diff(side)) + 1
    starts = np.concatenate([[0], changes])
    stops = np.concatenate([changes, [len(xs)]])
    out_x: list[np.ndarray] = []
    out_y: list[np.ndarray] = []
    for start, stop in zip(starts, stops, strict=True):
        if side[start] == 0:
            out_x.append(xs[start:stop])
            out_y.append(ys[start:stop])
            continue
        limit = top if side[start] < 0 else bottom
        for inner, outer in ((start - 1, start), (stop, stop - 1)):
            if 0 <= inner < len(xs):
                fraction = (limit - ys[inner]) / (ys[outer] - ys[inner])
                out_x.append(np.array([xs[inner] + fraction * (xs[outer] - xs[inner])]))
                out_y.append(np.array([limit]))
    return np.concatenate(out_x), np.concatenate(out_y)


def simplify(xs: np.ndarray, ys: np.ndarray, tolerance: float) -> Line:
    """Douglas–Peucker: the fewest of the given vertices with every dropped one within `tolerance` of the line.

    Every segment of the current approximation is split at its farthest vertex in the same pass,
    so the number of NumPy passes is the depth of the recursion, not the number of vertices.
    """
    count = len(xs)
    if count <= 2:
        return xs, ys
    keep = np.zeros(count, dtype=bool)
    keep[[0, -1]] = True
    positions = np.arange(count)
    while True:
        kept = np.flatnonzero(keep)
        segment = np.minimum(np.searchsorted(kept, positions, side="right") - 1, len(kept) - 2)
        distance = _distance_to_segments(xs, ys, kept[segment], kept[segment + 1])
        distance[keep] = 0.0
        farthest = np.maximum.reduceat(distance, kept[:-1])
        split = farthest > tolerance
        if not split.any():
            return xs[keep], ys[keep]
        candidates = np.flatnonzero((distance == farthest[segment]) & split[segment])
        _, first = np.unique(segment[candidates], return_index=True)
        keep[candidates[first]] = True


def _distance_to_segments(xs: np.ndarray, ys: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Distance of each vertex i to the segment from vertex starts[i] to vertex stops[i]."""
    ax, ay = xs[starts], ys[starts]
    dx, dy = xs[stops] - ax, ys[stops] - ay
    length_squared = np.maximum(dx * dx + dy * dy, 1e-18)
    along = np.clip(((xs - ax) * dx + (ys - ay) * dy) / length_squared, 0.0, 1.0)
    return np.hypot(xs - (ax + along * dx), ys - (ay + along * dy))


def segments_hitting(lines: list[Line], left: float, top: float, right: float, bottom: float) -> int:
    """How many segments of `lines` touch the box [left, right] × [top, bottom]."""
    if not lines:
        return 0
    x0 = np.concatenate([xs[:-1] for xs, _ in lines])
    y0 = np.concatenate([ys[:-1] for _, ys in lines])
    x1 = np.concatenate([xs[1:] for xs, _ in lines])
    y1 = np.concatenate([ys[1:] for _, ys in lines])
    overlaps = (np.minimum(x0, x1) <= right) & (np.maximum(x0, x1) >= left) & (np.minimum(y0, y1) <= bottom) & (np.maximum(y0, y1) >= top)
    # The segment's line separates the box's corners unless all four lie on one side of it.
    sides = [(x1 - x0) * (cy - y0) - (y1 - y0) * (cx - x0) for cx, cy in ((left, top), (right, top), (left, bottom), (right, bottom))]
    lowest = np.minimum.reduce(sides)
    highest = np.maximum.reduce(sides)
    return int(np.count_nonzero(overlaps & (lowest <= 0) & (highest >= 0)))
