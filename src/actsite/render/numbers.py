"""How numbers and ranges read on the site: significant digits, a real minus sign, intervals.

The one place for number formatting: pages, catalogue and CSV all print numbers through it.
"""

from __future__ import annotations

import math

from actsite.analysis.properties import Bound, Properties

MINUS = "\u2212"


def format_number(value: float, digits: int = 6) -> str:
    """`digits` significant digits (six by default), a real minus sign, ∞ for infinities, no trailing zeros."""
    if math.isinf(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    return text.replace("-", MINUS)


def format_code_number(value: float, digits: int = 6) -> str:
    """`digits` significant digits as Python reads them (ASCII minus), for code a reader copies."""
    return f"{value:.{digits}g}"


def format_distinct(left: float, right: float) -> tuple[str, str]:
    """Both numbers with as many digits (six at least) as it takes for different values to read differently."""
    digits = 6
    while digits < 17 and left != right and format_number(left, digits) == format_number(right, digits):
        digits += 1
    return format_number(left, digits), format_number(right, digits)


def format_range(properties: Properties) -> str:
    """The range as an interval, e.g. `(−0.278465, ∞)` or `[0, 6]`; a union such as `{0, 1}` or `{0} ∪ (1, ∞)` when f jumps."""
    if properties.pieces is None:
        return format_interval(properties.lower, properties.upper)
    points = [low.value for low, high in properties.pieces if low.value == high.value]
    if len(points) == len(properties.pieces):
        return "{" + ", ".join(format_number(p) for p in points) + "}"
    return " ∪ ".join("{" + format_number(low.value) + "}" if low.value == high.value else format_interval(low, high) for low, high in properties.pieces)


def format_interval(lower: Bound, upper: Bound) -> str:
    """`[a, b)`-style interval with brackets from whether each end is attained."""
    left = "[" if lower.attained else "("
    right = "]" if upper.attained else ")"
    return f"{left}{format_number(lower.value)}, {format_number(upper.value)}{right}"
