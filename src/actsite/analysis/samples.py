"""The sampled curves of the export: f and f′ on a fixed grid at default parameters."""

from __future__ import annotations

import json

import numpy as np

from actsite.definitions.symbolic import Evaluator, ScalarMath, at_kink

SAMPLE_XS = np.round(np.arange(-600, 601) * 0.01, 2)

Samples = dict[str, list[float | None]]


def sample_curves(math_: ScalarMath, kinks: tuple[float, ...]) -> Samples:
    """F and f′ at x = −6, −5.99, …, 6 at default parameters; f′ is null where undefined."""
    f = math_.f()
    df = math_.df()
    undefined = {round(kink, 2) for kink in kinks if math_.derivative_undefined_at(kink)}
    xs = [float(x) for x in SAMPLE_XS]
    return {
        "x": xs,
        "y": [round_sig(y) for y in f.many(xs)],
        "dy": _derivative_samples(df, xs, [x in undefined and at_kink(x, kinks) for x in xs]),
    }


def _derivative_samples(df: Evaluator, xs: list[float], undefined: list[bool]) -> list[float | None]:
    """f′ at every x, None where it is undefined (never evaluated there)."""
    values = iter(df.many(x for x, skip in zip(xs, undefined, strict=True) if not skip))
    return [None if skip else round_sig(next(values)) for skip in undefined]


def round_sig(value: float) -> float:
    """Round to 15 significant digits so the JSON stays compact and stable across platforms."""
    return float(f"{value:.15g}")


def samples_json(samples: Samples) -> str:
    """The samples as the compact JSON text the export and the value cache hold (NaN refused, as the export refuses it).

    The build's workers encode them (1201 points × 3 per activation) while MkDocs builds the pages;
    the export and the cache then splice the texts in (`with_samples_json`) instead of encoding them again.
    """
    return json.dumps(samples, separators=(",", ":"), allow_nan=False)


SAMPLES_PLACE = '"samples":null'


def with_samples_json(text: str, samples: str) -> str:
    """Compact JSON `text` whose last value, at every depth, is `"samples": null`, with the JSON `samples` in that place.

    The result is exactly the text of the same value encoded with those samples in it: only closing
    braces follow the place, and compact JSON text is the concatenation of its parts.
    """
    head, place, tail = text.rpartition(SAMPLES_PLACE)
    if not place or tail.strip("}"):
        raise ValueError('the JSON text does not end with "samples": null')
    return f'{head}"samples":{samples}{tail}'
