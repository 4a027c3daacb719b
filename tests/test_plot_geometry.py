"""Figures read back from their SVG alone: the curves drawn are the definition's functions.

Each figure's axes are recovered from its tick labels and their positions, every vertex of every
curve is mapped back to data coordinates and compared with f (or f′, or a variant's f) evaluated
by the project's math; the surfaces' colours are compared with the sign and size of a·g(b) read
off their own colour bar. Nothing here asks the renderer how it placed anything.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest
import sympy

from actsite.analysis.propagation import initialization
from actsite.definitions.load import Loaded
from actsite.definitions.symbolic import X
from actsite.render.plots import render_activation, render_family
from actsite.site.plot_plan import families_of
from conftest import BY_SLUG, DEFINITIONS, SLUGS

NS = {"svg": "http://www.w3.org/2000/svg"}
HALF_PIXEL = 0.5
ROUNDING = 0.01  # coordinates are written to 2 decimals: x is known to about this many pixels
GATED = [d.slug for d in DEFINITIONS if d.activation.kind.value == "gated"]
SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"


@functools.cache
def figures_of(slug: str) -> dict[str, bytes]:
    return render_activation(BY_SLUG[slug])


@functools.cache
def family_figures() -> dict[str, bytes]:
    """Every family overlay, rendered once."""
    figures: dict[str, bytes] = {}
    for item in families_of(DEFINITIONS).items():
        figures.update(render_family(item))
    return figures


def parse(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the renderer's own output


def number(label: str) -> float:
    return float(label.replace("−", "-"))


@dataclass(frozen=True)
class Axis:
    """Pixel = offset + slope × value, fitted to the labelled ticks of one axis."""

    values: np.ndarray
    positions: np.ndarray
    offset: float
    slope: float

    def value(self, pixels: np.ndarray) -> np.ndarray:
        """Data values at `pixels`."""
        return (pixels - self.offset) / self.slope

    def pixel(self, values: np.ndarray) -> np.ndarray:
        """Pixel positions of `values`."""
        return self.offset + self.slope * values


def read_axis(root: ET.Element, group: str, attribute: str) -> Axis:
    texts = root.findall(f".//svg:g[@class='{group}']/svg:text", NS)
    values = np.array([number(t.text or "") for t in texts])
    positions = np.array([float(t.get(attribute, "nan")) for t in texts])
    assert len(values) >= 2, f"{group}: fewer than two labelled ticks"
    slope, offset = np.polyfit(values, positions, 1)
    # Labels are rounded (8.57 for 8.571…): a label is off its tick by up to half its last digit.
    decimals = max(len(t.text.partition(".")[2]) for t in texts if t.text)
    allowed = 0.02 + abs(slope) * 0.5 * 10.0**-decimals if decimals else 0.02
    assert np.max(np.abs(offset + slope * values - positions)) < allowed, f"{group}: tick labels are not on a linear scale"
    return Axis(values, positions, float(offset), float(slope))


def subpaths(d: str) -> list[np.ndarray]:
    """The polylines of path data made of M, L, H, V and Z (absolute), as (n, 2) arrays."""
    lines: list[list[tuple[float, float]]] = []
    command, numbers = "", []
    for token in re.findall(r"[MLHVZ]|-?\d*\.?\d+", d):
        if token.isalpha():
            command = token
            if command == "Z":
                lines[-1].append(lines[-1][0])
            continue
        numbers.append(float(token))
        current = lines[-1][-1] if lines else (0.0, 0.0)
        if command in "HV":
            lines[-1].append((numbers.pop(), current[1]) if command == "H" else (current[0], numbers.pop()))
        elif len(numbers) == 2:
            point = (numbers[0], numbers[1])
            numbers.clear()
            if command == "M":
                lines.append([point])
                command = "L"  # pairs after a moveto are line-tos
            else:
                lines[-1].append(point)
    return [np.array(line) for line in lines]


def stroke_of(element: ET.Element) -> tuple[str, bool]:
    return element.get("stroke", ""), element.get("stroke-dasharray") is not None


def legend_of(root: ET.Element) -> ET.Element:
    legends = [g for g in root.iter(f"{{{NS['svg']}}}g") if "legend" in g.get("class", "").split()]
    assert len(legends) == 1, "not one legend"
    return legends[0]


def legend_entries(root: ET.Element) -> dict[tuple[str, bool], str]:
    """(colour, dashed) of each legend sample → the label next to it."""
    legend = legend_of(root)
    samples = legend.findall("svg:path", NS)
    labels = [t.text or "" for t in legend.findall("svg:text", NS)]
    assert len(samples) == len(labels)
    entries = {stroke_of(sample): label for sample, label in zip(samples, labels, strict=True)}
    assert len(entries) == len(labels), "two legend entries look the same"
    return entries


def clip_box(root: ET.Element) -> tuple[float, float, float, float]:
    rect = root.find(".//svg:clipPath/svg:rect", NS)
    assert rect is not None
    left, top = float(rect.get("x", "")), float(rect.get("y", ""))
    return left, top, left + float(rect.get("width", "")), top + float(rect.get("height", ""))


Function = Callable[[list[float]], list[float]]


def expected_functions(loaded: Loaded, file_name: str) -> dict[str, Function]:
    """Legend label → the function that curve must be, from the definition (not from the renderer)."""
    math_ = loaded.math
    if file_name.endswith("-variants.svg"):
        parameter = loaded.activation.varied_parameter
        assert parameter is not None
        return {f"{parameter.name} = {value:g}".replace("-", "−"): math_.f({parameter.name: value}).many for value in parameter.variants}
    if file_name.endswith("-propagation.svg"):
        return propagation_functions(loaded)
    symbol = math_.function_symbol_text
    functions: dict[str, Function] = {f"{symbol}(x)": math_.f().many, f"{symbol}′(x)": math_.df().many}
    for index, expression in enumerate(math_.other_outputs, 2):
        functions[f"f{SUBSCRIPTS[index]}(x)"] = math_.evaluator(expression).many
        functions[f"f{SUBSCRIPTS[index]}′(x)"] = math_.evaluator(sympy.diff(expression, X)).many
    return functions


def propagation_functions(loaded: Loaded) -> dict[str, Function]:
    """Legend label → log₁₀ of the recursion's variances, straight between layers (as drawn), from the cached analysis values."""
    values = initialization(loaded.math, loaded.activation)
    functions: dict[str, Function] = {}
    for index, line in enumerate(values.propagation):
        name = "g = 1" if index == 0 else f"g_f = {line.gain:.6g}" if index == len(values.propagation) - 1 else f"torch {line.gain:.6g}"
        for label, series in (("q", line.forward), ("r", line.backward)):
            with np.errstate(divide="ignore"):
                logs = np.log10(np.array(series, dtype=float))
            if (np.isfinite(logs) & (logs >= -12)).sum() >= 2:
                functions[f"{label}, {name}"] = lambda xs, logs=logs: list(np.interp(_at_layers(xs), np.arange(logs.size), logs))
    return functions


def _at_layers(xs: list[float]) -> np.ndarray:
    """X read back from pixels, put on the layer it is within 0.01 of (a vertex beside a gap must not blend in the gap)."""
    array = np.array(xs, dtype=float)
    return np.where(np.abs(array - np.round(array)) < 0.01, np.round(array), array)


def assert_curves_are(svg: bytes, functions: dict[str, Function]) -> dict[str, int]:
    """Every vertex drawn inside the axes lies within half a pixel of its curve's function.

    Returns label → vertices checked. x is known to ROUNDING pixels, so the function's change over
    that much x is allowed on top of the half pixel (it matters only where a curve is steep).
    """
    root = parse(svg)
    x_axis, y_axis = read_axis(root, "xticks", "x"), read_axis(root, "yticks", "y")
    _, top, _, bottom = clip_box(root)
    entries = legend_entries(root)
    assert sorted(entries.values()) == sorted(functions), "the legend does not name the definition's curves"
    curves = root.findall(".//svg:g[@class='curves']/svg:path", NS)
    assert len(curves) == len(functions)
    checked: dict[str, int] = {}
    step = ROUNDING / abs(x_axis.slope)
    for path in curves:
        label = entries[stroke_of(path)]
        lines = subpaths(path.get("d", ""))
        checked[label] = 0
        for index, line in enumerate(lines):
            keep = np.ones(len(line), dtype=bool)
            # The ends of a line at a break are the one-sided values at the break: not checked.
            keep[0] = index == 0
            keep[-1] = index == len(lines) - 1
            keep &= (line[:, 1] >= top) & (line[:, 1] <= bottom)  # beyond the clip path: not drawn
            if not keep.any():
                continue
            xs, drawn = x_axis.value(line[keep, 0]), line[keep, 1]
            centre, before, after = (y_axis.pixel(np.array(functions[label](list(xs + shift)))) for shift in (0.0, -step, step))
            error = np.abs(centre - drawn) - np.maximum(np.abs(before - centre), np.abs(after - centre))
            worst = int(np.argmax(error))
            drawn_y, true_y = (float(y_axis.value(np.array([value]))[0]) for value in (drawn[worst], centre[worst]))
            assert error[worst] <= HALF_PIXEL, f"{label} at x = {xs[worst]:.6g} is drawn at y = {drawn_y:.6g}, is {true_y:.6g}"
            checked[label] += int(keep.sum())
    return checked


@pytest.mark.parametrize("slug", SLUGS)
def test_every_curve_drawn_is_the_definitions_function(slug: str) -> None:
    loaded = BY_SLUG[slug]
    for name, svg in figures_of(slug).items():
        if not name.endswith("-surface.svg"):
            checked = assert_curves_are(svg, expected_functions(loaded, name))
            # A propagation line is straight where the variance changes by a constant factor per layer (one vertex
            # at each end), and the y range (1st to 99th percentile) may leave one end outside the axes.
            assert min(checked.values()) >= (1 if name.endswith("-propagation.svg") else 2), f"{name}: {checked}"


def test_a_family_overlay_draws_each_member() -> None:
    members = max(families_of(DEFINITIONS).values(), key=len)
    family = members[0].activation.family
    checked = assert_curves_are(family_figures()[f"family-{family}.svg"], {loaded.slug: loaded.math.f().many for loaded in members})
    assert min(checked.values()) >= 10, checked


def line_figures() -> dict[str, bytes]:
    figures = {name: svg for slug in SLUGS for name, svg in figures_of(slug).items() if not name.endswith("-surface.svg")}
    return figures | family_figures()


def test_ticks_are_nice_increasing_and_inside_the_axes() -> None:
    for name, svg in line_figures().items():
        root = parse(svg)
        left, top, right, bottom = clip_box(root)
        for group, attribute, low, high in (("xticks", "x", left, right), ("yticks", "y", top, bottom)):
            axis = read_axis(root, group, attribute)
            assert np.all(np.diff(axis.values) > 0), f"{name}: {group} labels not increasing"
            assert 3 <= len(axis.values) <= 9, f"{name}: {len(axis.values)} {group}"
            steps = np.diff(axis.values)
            step = steps[0]
            assert np.allclose(steps, step), f"{name}: {group} unevenly spaced"
            mantissa = step / 10.0 ** np.floor(np.log10(step) + 1e-9)
            assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-6, f"{name}: {group} step {step}"
            assert np.all((axis.positions >= low - 0.01) & (axis.positions <= high + 0.01)), f"{name}: a {group} label outside the axes"
        labels = [t.text or "" for t in root.iter(f"{{{NS['svg']}}}text")]
        assert not any(re.search(r"\.0\b|\.\d*0$|^-", label) for label in labels), f"{name}: {labels}"


def test_legend_is_inside_the_axes_and_names_every_curve() -> None:
    for name, svg in line_figures().items():
        root = parse(svg)
        left, top, right, bottom = clip_box(root)
        legend = legend_of(root).find("svg:rect", NS)
        assert legend is not None, name
        x, y = float(legend.get("x", "")), float(legend.get("y", ""))
        assert left < x < x + float(legend.get("width", "")) < right, name
        assert top < y < y + float(legend.get("height", "")) < bottom, name
        curves = root.findall(".//svg:g[@class='curves']/svg:path", NS)
        assert sorted(stroke_of(c) for c in curves) == sorted(legend_entries(root)), name


def test_svg_names_itself_and_is_reproducible() -> None:
    for slug in ("elu", "celu", GATED[0]):
        for name, svg in figures_of(slug).items():
            root = parse(svg)
            title = root.find("svg:title", NS)
            assert title is not None
            assert title.text == name.removesuffix(".svg")
            assert root.get("role") == "img"
            assert root.get("aria-labelledby") == title.get("id")
            assert root.get("viewBox") == "0 0 460.8 288"
            assert render_activation(BY_SLUG[slug])[name] == svg
    assert figures_of("elu")["elu.svg"] != figures_of("celu")["celu.svg"]
    family = next(iter(families_of(DEFINITIONS).items()))
    assert render_family(family) == render_family(family)


# Surfaces: the heat map of a·g(b) for the gated activations.


def polygons_of(root: ET.Element) -> list[tuple[str, np.ndarray]]:
    heat = root.findall(".//svg:g[@class='heat']/svg:path", NS)
    return [(p.get("fill", ""), line) for p in heat for line in subpaths(p.get("d", ""))]


def inside(polygon: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Even–odd test of every point against one closed polygon."""
    x0, y0 = polygon[:-1, 0], polygon[:-1, 1]
    x1, y1 = polygon[1:, 0], polygon[1:, 1]
    px, py = points[:, :1], points[:, 1:]
    straddles = (y0 > py) != (y1 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = x0 + (py - y0) * (x1 - x0) / (y1 - y0)
    return np.count_nonzero(straddles & (px < crossing), axis=1) % 2 == 1


def colour_bar(root: ET.Element) -> dict[str, tuple[float, float]]:
    """Band colour → the interval of values it stands for, read off the colour bar's labels."""
    bar = root.find(".//svg:g[@class='colourbar']", NS)
    assert bar is not None
    scale = read_axis(bar, "cticks", "y")
    bands = {}
    for rect in bar.findall("svg:rect[@fill]", NS):
        y, height = float(rect.get("y", "")), float(rect.get("height", ""))
        low, high = sorted(scale.value(np.array([y + height, y])))
        bands[rect.get("fill", "")] = (float(low), float(high))
    assert len(bands) == 16
    return bands


@pytest.mark.parametrize("slug", GATED)
def test_surface_colours_are_the_bands_of_a_times_g(slug: str) -> None:
    root = parse(figures_of(slug)[f"{slug}-surface.svg"])
    a_axis, b_axis = read_axis(root, "xticks", "x"), read_axis(root, "yticks", "y")
    bands = colour_bar(root)
    polygons = polygons_of(root)
    grid = np.linspace(-2.95, 2.95, 40)
    a, b = (values.ravel() for values in np.meshgrid(grid, grid))
    pixels = np.column_stack([a_axis.pixel(a), b_axis.pixel(b)])
    painted = np.full(len(a), "", dtype=object)
    for fill, polygon in polygons:  # painted in order: the last polygon over a point is what shows
        painted[inside(polygon, pixels)] = fill
    gate = BY_SLUG[slug].math.f()
    db, da = HALF_PIXEL / abs(b_axis.slope), HALF_PIXEL / abs(a_axis.slope)
    z = a * np.array(gate.many(list(b)))
    # How much a·g(b) changes within half a pixel: a band edge that close may fall either way.
    near = np.maximum.reduce([np.abs((a + sa) * np.array(gate.many(list(b + sb))) - z) for sa in (-da, da) for sb in (-db, db)])
    tolerance = near + 1e-9
    for value, fill, slack in zip(z, painted, tolerance, strict=True):
        assert fill in bands, f"a colour not on the colour bar: {fill!r}"
        low, high = bands[fill]
        assert low - slack <= value <= high + slack, f"a·g(b) = {value:.4g} painted in the band [{low:.4g}, {high:.4g}]"
    # The premise and the check spelled out: g(2) > 0, so a = 2, b = 2 is on the warm (red) side.
    assert gate(2.0) > 0
    warm = painted[np.argmin(np.hypot(a - 2, b - 2))]
    red, blue = int(warm[1:3], 16), int(warm[5:7], 16)
    assert red > blue, f"{slug}: a·g(b) > 0 at (2, 2) painted {warm}"
    cold = painted[np.argmin(np.hypot(a + 2, b - 2))]
    assert int(cold[1:3], 16) < int(cold[5:7], 16), f"{slug}: a·g(b) < 0 at (−2, 2) painted {cold}"


@pytest.mark.parametrize("slug", GATED)
def test_surface_contours_lie_on_the_labelled_levels(slug: str) -> None:
    root = parse(figures_of(slug)[f"{slug}-surface.svg"])
    a_axis, b_axis = read_axis(root, "xticks", "x"), read_axis(root, "yticks", "y")
    bar = root.find(".//svg:g[@class='colourbar']", NS)
    assert bar is not None
    levels = read_axis(bar, "cticks", "y").values
    gate = BY_SLUG[slug].math.f()
    checked = 0
    for path in root.findall(".//svg:g[@class='contours']/svg:path", NS):
        for line in subpaths(path.get("d", "")):
            a, b = a_axis.value(line[:, 0]), b_axis.value(line[:, 1])
            interior = np.abs(a) < 3 - 1e-3  # the ends on the border are where the line leaves the map
            if not interior.any():
                continue
            a, b = a[interior], b[interior]
            z = a * np.array(gate.many(list(b)))
            db, da = HALF_PIXEL / abs(b_axis.slope), HALF_PIXEL / abs(a_axis.slope)
            slack = np.maximum.reduce([np.abs((a + sa) * np.array(gate.many(list(b + sb))) - z) for sa in (-da, da) for sb in (-db, db)])
            nearest = levels[np.argmin(np.abs(z[:, None] - levels[None, :]), axis=1)]
            assert np.all(np.abs(z - nearest) <= slack + 0.006), f"a contour vertex off every labelled level: {z}"
            assert np.all((nearest < 0) == (path.get("class") == "negative")), "negative levels are the dashed contours"
            checked += len(z)
    assert checked > 20
