"""The `#derivative` table of f′ at the kinks: the math's one-sided values and what autograd returns.

The values come from `data/kink-gradients.json`, measured by running the frameworks
(`make kink-gradients`, `actsite.verify.kink_gradients`) and checked by a test that measures again;
the build only reads the file, so it needs none of the frameworks.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from actsite.definitions.paths import ROOT

KINK_GRADIENTS_PATH = ROOT / "data" / "kink-gradients.json"
FRAMEWORKS = (("pytorch", "PyTorch"), ("jax", "JAX"), ("keras", "Keras"))
# Float64 rounding of a computed slope (λα of SELU is 1.7580993408473766 in float64, 1.75809934084737…88 exactly).
RELATIVE_ROUNDING = 1e-12


@cache
def kink_gradients() -> dict[str, Any]:
    """The committed measurements (versions, and per slug the rows of its kinks)."""
    return json.loads(KINK_GRADIENTS_PATH.read_text(encoding="utf-8"))


def same_value(measured: float, exact: float) -> bool:
    """True if a float64 autograd value is the exact one-sided derivative up to rounding (SELU's λα)."""
    return abs(measured - exact) <= RELATIVE_ROUNDING * max(1.0, abs(exact))


def distinguishing_digits(values: list[float], format_number: Any) -> int:
    """Significant digits (six at least) at which values that are not the same up to rounding read differently."""
    digits = 6
    while digits < 17 and any(
        not same_value(a, b) and format_number(a, digits) == format_number(b, digits) for index, a in enumerate(values) for b in values[index + 1 :]
    ):
        digits += 1
    return digits


def kink_table(slug: str, strings: dict[str, str], format_number: Any, dash: str) -> dict[str, Any] | None:
    """Caption, column labels and rows of the kink table of `slug`, or None where f′ exists everywhere.

    A framework cell lists each implementation's value with the call measured; a value that is
    neither one-sided derivative (up to float64 rounding) is bold, and the outside note says so.
    """
    data = kink_gradients()
    rows = data["activations"].get(slug)
    if not rows:
        return None
    outside = False
    table_rows = []
    for row in rows:
        sides = (row["left"], row["right"])
        values = [*sides, *(measured["value"] for key, _label in FRAMEWORKS for measured in row[key])]
        digits = distinguishing_digits(values, format_number)
        cells = []
        for key, _label in FRAMEWORKS:
            parts = []
            for measured in row[key]:
                value = format_number(measured["value"], digits)
                if not any(same_value(measured["value"], side) for side in sides):
                    value, outside = f"**{value}**", True
                # The callable's name without the constructor's arguments (the defaults, as measured).
                via = strings["kinks_via_formula"] if measured["via"] == "formula" else f"`{measured['via'].split('(')[0]}`"
                parts.append(f"{value}<br>{via}")
            cells.append("<br>".join(parts) or dash)
        table_rows.append(
            {
                "x": format_number(row["x"]),
                "status": strings[f"kinks_status_{row['status']}"],
                "left": format_number(row["left"], digits),
                "right": format_number(row["right"], digits),
                "frameworks": cells,
            }
        )
    return {
        "caption": strings["kinks_table_caption"].format(**data["versions"]),
        "headers": [strings["kinks_x"], strings["kinks_math"], strings["kinks_left"], strings["kinks_right"], *(label for _key, label in FRAMEWORKS)],
        "rows": table_rows,
        "outside_note": strings["kinks_outside_note"] if outside else None,
    }
