"""The pieces every figure's SVG is written with: numbers, text, path data, the document around them.

Coordinates are written with at most two decimals and no trailing zeros ("243.1", "12"), text is
kept as <text> (readers can select it, browsers render it crisp) in DejaVu Sans, and the document
names itself in a <title> that it is labelled by (role="img"): the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

import numpy as np

WIDTH, HEIGHT = 460.8, 288.0  # 6.4 × 4 in at 72 pt/in, the size the figures have always had
FONT_FAMILY = '"DejaVu Sans", sans-serif'
FONT_SIZE = 11.0
TEXT_COLOR = "#222222"

# Advance widths of DejaVu Sans in font units (2048 per em), grouped by width. Obtained once from
# the DejaVuSans.ttf that matplotlib ships (FT2Font.load_glyph(index, LoadFlags.NO_SCALE).horiAdvance
# for each character); a character not listed counts as a whole em, so a box sized with these
# widths holds its text.
_ADVANCES_BY_WIDTH = {
    465: "′",
    563: "'",
    569: "ijl",
    604: "IJ",
    651: " ,.·",
    690: "/:;\\|",
    721: "f",
    739: "-",
    765: "″",
    799: "()[]",
    803: "t",
    821: "!₀₁₂₃₄₅₆₇₈₉",
    842: "r",
    942: '"',
    1024: "*_`",
    1067: "s",
    1075: "z",
    1087: "?",
    1107: "ε",
    1126: "c",
    1141: "L",
    1178: "F",
    1186: "k",
    1212: "vxyγλ",
    1235: "P",
    1251: "TY",
    1253: "oδθ",
    1255: "a",
    1260: "e",
    1294: "E",
    1298: "hnuσ",
    1300: "Sbdgpq",
    1303: "$0123456789{}μ",
    1307: "β",
    1343: "K",
    1350: "α",
    1351: "φ",
    1401: "AV",
    1403: "XZ",
    1405: "B",
    1423: "R",
    1430: "C",
    1499: "U",
    1532: "N",
    1540: "H",
    1577: "D",
    1587: "G",
    1597: "&",
    1612: "OQ",
    1675: "w",
    1716: "#+<=>^~−×≤≥⊗",
    1767: "M",
    1946: "%",
    1995: "m",
    2025: "W",
    2048: "@",
}
_ADVANCE = {character: width for width, characters in _ADVANCES_BY_WIDTH.items() for character in characters}
_UNITS_PER_EM = 2048


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of `text` set in DejaVu Sans at `size` px (an estimate that never falls short for unlisted characters)."""
    return sum(_ADVANCE.get(character, _UNITS_PER_EM) for character in text) * size / _UNITS_PER_EM


def number(value: float) -> str:
    """`value` with at most two decimals and no trailing zeros: 243.12 → "243.12", 12.0 → "12", −0.001 → "0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points(xs: Sequence[float] | np.ndarray, ys: Sequence[float] | np.ndarray) -> str:
    """Path data of one polyline: "M x y L x y x y …" (the repeated L is implied)."""
    pairs = [f"{number(x)} {number(y)}" for x, y in zip(xs, ys, strict=True)]
    if len(pairs) == 1:
        return f"M{pairs[0]}"
    return f"M{pairs[0]}L" + " ".join(pairs[1:])


def polylines(lines: Iterable[tuple[np.ndarray, np.ndarray]]) -> str:
    """Path data of several polylines (subpaths) in one path."""
    return "".join(points(xs, ys) for xs, ys in lines)


def text(x: float, y: float, content: str, *, anchor: str | None = "middle", size: float | None = None, centred: bool = False) -> str:
    """A <text> element: `anchor` start, middle, end (None: inherited); `size` overrides the style's font size.

    With `centred`, y is the middle of the digits (dy = .35 em): where a y tick label's tick is.
    """
    attributes = f' x="{number(x)}" y="{number(y)}"'
    if centred:
        attributes += ' dy=".35em"'
    if anchor is not None and anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if size is not None:
        attributes += f' style="font-size:{number(size)}px"'
    return f"<text{attributes}>{escape(content, quote=False)}</text>"


def document(stem: str, body: Sequence[str], *, style: str = "", defs: str = "") -> bytes:
    """The whole SVG: white card, <title> naming `stem` (ELU and CELU draw the same curves yet are two figures), `body`."""
    width, height = number(WIDTH), number(HEIGHT)
    css = f"text{{font-family:{FONT_FAMILY};font-size:{number(FONT_SIZE)}px;fill:{TEXT_COLOR}}}{style}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="title-{stem}">\n'
        f'<title id="title-{stem}">{escape(stem, quote=False)}</title>\n'
        f"<style>{css}</style>\n"
    )
    if defs:
        head += f"<defs>{defs}</defs>\n"
    card = f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
    return (head + card + "\n".join(body) + "\n</svg>\n").encode("utf-8")
