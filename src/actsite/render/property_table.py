"""The property table of an activation page: computed properties in the page's language."""

from __future__ import annotations

import math

from actsite.analysis.properties import Properties
from actsite.render.i18n import ui_strings
from actsite.render.markup import escape_cell
from actsite.render.numbers import format_distinct, format_number, format_range


def property_rows(properties: Properties, language: str, symbol: str = "f") -> list[dict[str, str]]:
    """The rows of the property table, in the page's language; f(0) reads g(0) on a gate's page.

    `symbol` is the function's plain-text symbol (`ScalarMath.function_symbol_text`).
    """
    t = ui_strings(language)
    bounded_below = not math.isinf(properties.lower.value)
    bounded_above = not math.isinf(properties.upper.value)
    bounded = {(True, True): t["both"], (True, False): t["below"], (False, True): t["above"], (False, False): t["neither"]}
    if properties.jumps_at_zero:
        d0 = t["undefined_jump"].format(symbol=symbol)
    elif properties.derivative_at_zero_sides is not None:
        left, right = format_distinct(*properties.derivative_at_zero_sides)
        d0 = t["undefined_sides"].format(left=left, right=right)
    else:
        d0 = format_number(properties.derivative_at_zero or 0.0)
    sup = properties.sup_abs_derivative
    rows = [
        {"label": t["prop_range"], "value": format_range(properties)},
        {"label": t["prop_bounded"], "value": bounded[(bounded_below, bounded_above)]},
        {"label": t["prop_monotonic"], "value": t[f"monotonic_{properties.monotonic}"]},
        {"label": t["prop_zero_centred"], "value": t[zero_centred_key(properties)]},
        {"label": t["prop_smoothness"], "value": smoothness_text(properties.smoothness, language)},
        {
            "label": t["prop_saturation"],
            "value": f"{t['saturation_' + properties.saturation_left]} / {t['saturation_' + properties.saturation_right]}",
        },
        {"label": t["prop_f0"].replace("f", symbol), "value": format_number(properties.value_at_zero)},
        {"label": t["prop_df0"].replace("f", symbol), "value": d0},
        {"label": t["prop_sup_df"].replace("f′", symbol + "′"), "value": t["unbounded"] if math.isinf(sup) else format_number(sup)},
    ]
    return [{"label": escape_cell(row["label"]), "value": escape_cell(row["value"])} for row in rows]


def zero_centred_key(properties: Properties) -> str:
    """The UI string of the zero-centred row: odd, both signs, or which sign a one-signed range never takes.

    `zero_centred` is "no" for a range on one side of 0; which side is read from the computed range,
    so log-softmax (range (−∞, 0]) says "never positive" where softplus says "never negative".
    """
    if properties.zero_centred != "no":
        return f"zero_centred_{properties.zero_centred}"
    return "zero_centred_nonpositive" if properties.upper.value <= 0 else "zero_centred_nonnegative"


def smoothness_text(smoothness: int | None, language: str) -> str:
    """C^k wording for a smoothness class (None = C^∞, −1 = discontinuous, 2 = at least C²)."""
    t = ui_strings(language)
    if smoothness is None:
        return t["smooth_infinite"]
    if smoothness < 0:
        return t["smooth_discontinuous"]
    if smoothness == 0:
        return t["smooth_0"]
    if smoothness >= 2:
        return t["smooth_at_least"].format(k=smoothness)
    return t["smooth_k"].format(k=smoothness)
