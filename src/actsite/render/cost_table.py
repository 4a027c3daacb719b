"""The `#cost` section: what autograd saves for backward, where the call stays finite, how fast it runs.

The numbers come from two committed files measured by running PyTorch: `data/activation-cost.json`
(saved tensors and safe ranges, `make activation-cost`, re-measured exactly by a test) and
`data/activation-speed.json` (CPU timings relative to ReLU, `make measure-cost`, checked for
completeness only: timings are noisy). The build only reads them, so it needs no torch.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from actsite.definitions.paths import ROOT

COST_PATH = ROOT / "data" / "activation-cost.json"
SPEED_PATH = ROOT / "data" / "activation-speed.json"


@cache
def activation_cost() -> dict[str, Any]:
    """The committed memory and range measurements (versions, and per slug its calls)."""
    return json.loads(COST_PATH.read_text(encoding="utf-8"))


@cache
def activation_speed() -> dict[str, Any]:
    """The committed CPU timings (machine, threads, versions, and per slug its ratios to ReLU)."""
    return json.loads(SPEED_PATH.read_text(encoding="utf-8"))


# The precisions of each table, in the order shown.
MEMORY_DTYPES = ("float32", "bfloat16")
RANGE_DTYPES = ("float16", "bfloat16", "float32")
SPEED_MEASURES = ("forward", "forward_backward")
RATIO_DIGITS = 2  # timings on a shared machine vary by tens of percent: two significant digits say enough
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def saved_description(code: str, strings: dict[str, str]) -> str:
    """A saved tensor as the file names it (`input`, `output`, `float32[input]`, `bool[row]`…), in words."""
    if code in ("input", "output"):
        return strings[f"cost_saved_is_{code}"]
    dtype, size = code.rstrip("]").split("[")
    key = f"cost_saved_{size}" if size in ("input", "output", "row", "scalar") else "cost_saved_shape"
    return strings[key].format(dtype=dtype, shape=size.replace("x", "×"))


def _bytes(entry: dict[str, Any], strings: dict[str, str], format_number: Any) -> str:
    text = format_number(entry["bytes_per_element"])
    if entry["constant_bytes"]:
        text += strings["cost_constant_bytes"].format(bytes=format_number(entry["constant_bytes"]))
    return text


def memory_table(entry: dict[str, Any], strings: dict[str, str], format_number: Any) -> dict[str, Any]:
    """One row per call (the snippet's module last): what autograd saves, and the bytes per input element."""
    rows = []
    for index, row in enumerate(entry["memory"]):
        call = f"`{row['call']}`"
        if index == len(entry["memory"]) - 1:
            call = strings["cost_snippet_call"].format(call=call)
        saved = row["float32"]["saved"]
        rows.append(
            [
                call,
                strings["list_separator"].join(saved_description(code, strings) for code in saved) or strings["cost_saved_nothing"],
                *(_bytes(row[dtype], strings, format_number) for dtype in MEMORY_DTYPES),
            ]
        )
    return {
        "caption": strings["cost_memory_caption"].format(torch=activation_cost()["versions"]["torch"]),
        "headers": [strings["cost_call"], strings["cost_saved"], *(strings["cost_bytes"].format(dtype=dtype) for dtype in MEMORY_DTYPES)],
        "rows": rows,
    }


def interval_text(interval: list[float], dtype: str, strings: dict[str, str], format_number: Any) -> str:
    """`−88.7228 ≤ x ≤ 88.7228`, `x ≤ 11.0859` where the other end is the largest number of the precision, or every finite x."""
    low, high = interval
    largest = LARGEST[dtype]
    if -low == high == largest:
        return strings["cost_all_finite"]
    if -low == largest:
        return f"x ≤ {format_number(high)}"
    if high == largest:
        return f"x ≥ {format_number(low)}"
    return f"{format_number(low)} ≤ x ≤ {format_number(high)}"


# The largest finite number of each precision (what a range reaches when nothing overflows).
LARGEST = {"float16": 65504.0, "bfloat16": 3.3895313892515355e38, "float32": 3.4028234663852886e38}


def snippet_range_differs(entry: dict[str, Any]) -> bool:
    """Whether the page's snippet module is finite on other intervals than the PyTorch call."""
    return any(entry["range"][dtype] != entry["snippet_range"][dtype] for dtype in RANGE_DTYPES)


def range_table(entry: dict[str, Any], strings: dict[str, str], format_number: Any) -> dict[str, Any]:
    """Per precision, where the PyTorch call's output is finite and where its gradient is too; the snippet's too if it differs."""
    sources = [("range", f"`{entry['range']['call']}`")]
    if snippet_range_differs(entry):
        sources.append(("snippet_range", strings["cost_snippet_call"].format(call=f"`{entry['snippet_range']['call']}`")))
    rows = [
        [call, dtype, *(interval_text(entry[key][dtype][part], dtype, strings, format_number) for part in ("output", "gradient"))]
        for key, call in sources
        for dtype in RANGE_DTYPES
    ]
    caption = strings["cost_range_caption"].format(torch=activation_cost()["versions"]["torch"])
    if entry["range_input"] != "x":
        caption += strings["sentence_separator"] + strings["cost_range_input"].format(input=entry["range_input"])
    if len(sources) == 1:
        caption += strings["sentence_separator"] + strings["cost_range_snippet_same"]
    return {
        "caption": caption,
        "headers": [strings["cost_call"], strings["cost_precision"], strings["cost_output_finite"], strings["cost_gradient_finite"]],
        "rows": rows,
    }


def ratio_text(ratio: float, strings: dict[str, str], format_number: Any) -> str:
    """A time relative to ReLU, e.g. `2.6×`."""
    return strings["cost_ratio"].format(ratio=format_number(ratio, RATIO_DIGITS))


def speed_caption(strings: dict[str, str]) -> str:
    """How the timings were taken: machine, threads, size, rounds, versions."""
    data = activation_speed()
    settings = data["settings"]
    exponent = str(settings["elements"].bit_length() - 1).translate(SUPERSCRIPTS)
    return strings["cost_speed_caption"].format(
        cpu=data["machine"]["cpu"],
        threads=data["machine"]["threads"],
        elements=f"2{exponent}",
        rounds=settings["rounds"],
        torch=data["versions"]["torch"],
    )


def speed_table(slug: str, strings: dict[str, str], format_number: Any) -> dict[str, Any]:
    """The call's forward and forward+backward time relative to ReLU."""
    entry = activation_speed()["activations"][slug]
    return {
        "caption": speed_caption(strings),
        "headers": [strings["cost_call"], *(strings[f"cost_{measure}"] for measure in SPEED_MEASURES)],
        "rows": [[f"`{entry['call']}`", *(ratio_text(entry[measure]["ratio"], strings, format_number) for measure in SPEED_MEASURES)]],
    }


def cost_view(slug: str, has_pytorch_call: bool, strings: dict[str, str], format_number: Any) -> dict[str, Any]:
    """The three tables of the `#cost` section, or the one line that says why there are none.

    Without a PyTorch call nothing can be measured; with one that the files lack (a new definition,
    a test fixture), the line names the commands that measure it. tests/test_activation_cost.py
    checks that the files cover every definition with a call, so a built page never says the latter.
    """
    entry = activation_cost()["activations"].get(slug)
    if entry is None or slug not in activation_speed()["activations"]:
        return {"line": strings["cost_unmeasured" if has_pytorch_call else "cost_none"]}
    return {
        "line": None,
        "memory": memory_table(entry, strings, format_number),
        "range": range_table(entry, strings, format_number),
        "speed": speed_table(slug, strings, format_number),
    }


def cost_columns(slug: str, strings: dict[str, str], format_number: Any) -> dict[str, Any]:
    """The comparison table's measured columns: text and sort value; where nothing was measured, one phrase and no value."""
    entry = activation_cost()["activations"].get(slug)
    if entry is None:
        missing = {"text": strings["cost_not_measured"], "value": ""}
        return {"cost_memory": missing, "cost_float16": missing, "cost_forward": missing, "cost_forward_backward": missing}
    speed = activation_speed()["activations"][slug]
    memory = entry["memory"][0]["float32"]
    float16 = entry["range"]["float16"]["gradient"]
    return {
        "cost_memory": {"text": format_number(memory["bytes_per_element"]), "value": memory["bytes_per_element"]},
        # Sorted by the nearer end: how far from 0 a float16 input may go before something is not finite.
        "cost_float16": {"text": interval_text(float16, "float16", strings, format_number), "value": min(-float16[0], float16[1])},
        **{f"cost_{measure}": {"text": ratio_text(speed[measure]["ratio"], strings, format_number), "value": speed[measure]["ratio"]} for measure in SPEED_MEASURES},
    }


def cost_record(slug: str) -> dict[str, Any] | None:
    """The export's `cost` field: memory per call, the ranges, the CPU ratios; None without a PyTorch call."""
    entry = activation_cost()["activations"].get(slug)
    if entry is None:
        return None
    speed = activation_speed()["activations"][slug]
    return {
        "memory": entry["memory"],
        "range": entry["range"],
        "snippet_range": entry["snippet_range"],
        "range_input": entry["range_input"],
        "speed": {measure: speed[measure]["ratio"] for measure in SPEED_MEASURES},
    }


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank (as Spearman's correlation needs)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def estimate_correlation(scores: dict[str, int]) -> tuple[int, float]:
    """How many functions have both, and the Spearman correlation of the formula's cost score with the measured forward ratio."""
    measured = activation_speed()["activations"]
    slugs = sorted(slug for slug in scores if slug in measured)
    x = _ranks([float(scores[slug]) for slug in slugs])
    y = _ranks([measured[slug]["forward"]["ratio"] for slug in slugs])
    mean_x, mean_y = sum(x) / len(x), sum(y) / len(y)
    covariance = sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y, strict=True))
    spread = (sum((a - mean_x) ** 2 for a in x) * sum((b - mean_y) ** 2 for b in y)) ** 0.5
    return len(slugs), covariance / spread
