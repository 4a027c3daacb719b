"""Axes of a figure: the linear map from data to pixels, and "nice" ticks with their labels.

Ticks fall on multiples of 1, 2 or 5 × 10^k, the smallest such step that gives at most
`max_ticks` ticks in the range; labels use the Unicode minus "−" and drop trailing zeros ("1", "0.5").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

STEP_MANTISSAS = (1, 2, 5)


@dataclass(frozen=True)
class Scale:
    """Data interval [low, high] drawn on pixels [start, end] (end < start for a y axis, which grows upwards)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, values: np.ndarray) -> np.ndarray:
        """Pixel positions of `values`."""
        return self.start + (values - self.low) * ((self.end - self.start) / (self.high - self.low))

    def pixel(self, value: float) -> float:
        """Pixel position of one value."""
        return self.start + (value - self.low) * ((self.end - self.start) / (self.high - self.low))


@dataclass(frozen=True)
class Ticks:
    """Tick values inside a range and their labels."""

    values: tuple[float, ...]
    labels: tuple[str, ...]


def nice_ticks(low: float, high: float, max_ticks: int = 9) -> Ticks:
    """Multiples of the smallest step 1, 2 or 5 × 10^k that puts at most `max_ticks` ticks in [low, high]."""
    exponent = math.floor(math.log10((high - low) / max_ticks))
    for power in range(exponent - 1, exponent + 3):
        for mantissa in STEP_MANTISSAS:
            step = mantissa * 10.0**power
            first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
            if last - first + 1 <= max_ticks:
                decimals = max(0, -power)
                values = tuple(index * mantissa * 10.0**power for index in range(first, last + 1))
                return Ticks(values, tuple(tick_label(value, decimals) for value in values))
    raise ValueError(f"no tick step for [{low}, {high}]")  # unreachable: the last step exceeds the range


def tick_label(value: float, decimals: int) -> str:
    """`value` to `decimals` places, trailing zeros dropped, with the Unicode minus: −0.5, 2, 0."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace("-", "−")
