"""What an activation costs: saved tensors and safe ranges re-measured, the prose's thresholds against them, the timings file complete."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
import torch

from actsite.render import cost_table
from actsite.verify import activation_cost
from conftest import DEFINITIONS, ROOT

WITH_PYTORCH_CALL = sorted(d.slug for d in DEFINITIONS if activation_cost.pytorch_calls(d))


def test_cost_file_is_what_pytorch_measures_now() -> None:
    # Exact equality: the same torch computes the same saved tensors and the same last finite numbers;
    # `make activation-cost` rewrites the file.
    committed = cost_table.COST_PATH.read_text(encoding="utf-8")
    assert activation_cost.serialise(activation_cost.measure(DEFINITIONS)) == committed
    assert cost_table.activation_cost()["versions"]["torch"].startswith("2.13.0")


def test_cost_file_covers_every_activation_with_a_pytorch_call() -> None:
    data = cost_table.activation_cost()["activations"]
    assert sorted(data) == WITH_PYTORCH_CALL
    assert len(WITH_PYTORCH_CALL) >= 30
    for slug in WITH_PYTORCH_CALL:
        labels = [row["call"] for row in data[slug]["memory"]]
        assert labels[-1] == data[slug]["snippet_range"]["call"]  # the snippet's module comes last
        assert labels[0] == data[slug]["range"]["call"]


def test_saved_tensors_are_the_documented_pytorch_behaviour() -> None:
    # Known autograd formulas (tools/autograd/derivatives.yaml): relu and sigmoid save their result,
    # gelu and silu their input, logsigmoid its input and a buffer; in-place ReLU saves the output it overwrote.
    data = cost_table.activation_cost()["activations"]

    def first(slug: str, dtype: str = "float32") -> dict:
        return data[slug]["memory"][0][dtype]

    assert first("relu")["saved"] == ["output"]
    assert first("sigmoid")["saved"] == ["output"]
    assert first("tanh")["saved"] == ["output"]
    assert first("gelu")["saved"] == ["input"]
    assert first("silu")["saved"] == ["input"]
    assert first("logsigmoid")["saved"] == ["input", "float32[input]"]
    assert first("relu", "bfloat16")["bytes_per_element"] == 2.0
    assert first("identity")["saved"] == []
    assert first("identity")["bytes_per_element"] == 0.0
    assert first("prelu")["constant_bytes"] == 4.0  # the one learnable slope
    in_place = data["relu"]["memory"][1]
    assert in_place["call"] == "torch.nn.ReLU(inplace=True)"
    assert in_place["float32"]["saved"] == ["output"]


def test_ranges_are_intervals_of_representable_numbers() -> None:
    for slug, entry in cost_table.activation_cost()["activations"].items():
        for key in ("range", "snippet_range"):
            for dtype_name, dtype in activation_cost.RANGE_DTYPES.items():
                for part in ("output", "gradient"):
                    low, high = entry[key][dtype_name][part]
                    largest = torch.finfo(dtype).max
                    assert -largest <= low < 0 < high <= largest, (slug, key, dtype_name, part)
                    assert float(torch.tensor(high, dtype=dtype)) == high, (slug, key, dtype_name)
                gradient, output = entry[key][dtype_name]["gradient"], entry[key][dtype_name]["output"]
                assert output[0] <= gradient[0]
                assert gradient[1] <= output[1]


def _naive(expression: Callable[[torch.Tensor], torch.Tensor], dtype: torch.dtype) -> dict[str, list[float]]:
    return activation_cost.finite_intervals(expression, dtype)


# Every threshold the prose states for a value or gradient going non-finite: the formula the prose
# names, the precision, which end (output or gradient, lower or upper), and the number as written.
PROSE_THRESHOLDS = [
    ("exponential", "88.7 in float32", torch.exp, torch.float32, "output", 1, 88.7),
    ("exponential", "11.1 in float16", torch.exp, torch.float16, "output", 1, 11.1),
    ("softplus", "above x ≈ 88.7", lambda x: torch.log(1 + torch.exp(x)), torch.float32, "output", 1, 88.7),
    ("softmax", "above about 88.7 in float32", torch.exp, torch.float32, "output", 1, 88.7),
    ("softmin", "beyond about −88.7 in float32", lambda x: torch.exp(-x), torch.float32, "output", -1, -88.7),
    ("parametric-softplus", "exceeds about 88 in float32", lambda x: torch.log(1 + torch.exp(x)), torch.float32, "output", 1, 88.0),
    ("shifted-softplus", "above about 88 in float32", lambda x: torch.log(0.5 * torch.exp(x) + 0.5), torch.float32, "output", 1, 88.0),
    ("tanhexp", "above about 88 in float32", lambda x: x * torch.tanh(torch.exp(x)), torch.float32, "gradient", 1, 88.0),
    ("tanhexp", "709.78 (float64)", lambda x: x * torch.tanh(torch.exp(x)), torch.float64, "gradient", 1, 709.78),
    ("tanhexp", "88.72 (float32)", lambda x: x * torch.tanh(torch.exp(x)), torch.float32, "gradient", 1, 88.72),
    ("golu", "below about −88 in float32", lambda x: x * torch.exp(-torch.exp(-x)), torch.float32, "gradient", -1, -88.0),
    ("logsigmoid", "x ≤ −88.723", lambda x: torch.log(torch.sigmoid(x)), torch.float32, "output", -1, -88.723),
    ("logsigmoid", "x ≤ −709.783", lambda x: torch.log(torch.sigmoid(x)), torch.float64, "output", -1, -709.783),
    ("bent-identity", "|x| > 256", lambda x: (torch.sqrt(x * x + 1) - 1) / 2 + x, torch.float16, "output", 1, 256.0),
    ("mish", "x = 100 in float32", lambda x: x * torch.tanh(torch.log(1 + torch.exp(x))), torch.float32, "gradient", 1, 100.0),
    ("mish", "x = 12 in float16", lambda x: x * torch.tanh(torch.log(1 + torch.exp(x))), torch.float16, "gradient", 1, 12.0),
]


@pytest.mark.parametrize(("slug", "phrase", "formula", "dtype", "part", "side", "stated"), PROSE_THRESHOLDS, ids=lambda v: v if isinstance(v, str) else None)
def test_prose_thresholds_agree_with_the_measured_edge(slug: str, phrase: str, formula: Callable, dtype: torch.dtype, part: str, side: int, stated: float) -> None:
    text = (ROOT / "activations" / f"{slug}.yaml").read_text(encoding="utf-8")
    assert phrase in text, f"{slug}: the prose no longer says {phrase!r}; update this table"
    edge = _naive(formula, dtype)[part][0 if side < 0 else 1]
    # "about 88" and "x = 100" name a point: the last finite number is at it (to the digits written) or,
    # for "once … (x = 100)", before it; "x ≤ −88.723" names the first non-finite one.
    digits = len(str(stated).split(".")[1].rstrip("0")) if "." in str(stated) else 0
    if phrase.startswith("x = "):
        assert abs(edge) < abs(stated), (slug, phrase, edge)
    elif "≤" in phrase or ">" in phrase:
        assert abs(edge) < abs(stated), (slug, phrase, edge)
        assert math.floor(abs(edge) * 10**digits + 1) >= abs(stated) * 10**digits, (slug, phrase, edge)
    else:
        assert round(abs(edge), digits) == abs(stated) or (digits == 0 and math.floor(abs(edge)) == abs(stated)), (slug, phrase, edge)


def test_speed_file_is_complete_and_well_formed() -> None:
    # No timing assertion (the machine is shared and timings are noisy): every activation with a
    # PyTorch call has both measures, as positive finite numbers, with the machine and versions recorded.
    from actsite.verify import activation_speed

    data = cost_table.activation_speed()
    assert sorted(data["activations"]) == WITH_PYTORCH_CALL
    assert data["machine"]["cpu"]
    assert data["machine"]["threads"] == activation_speed.THREADS
    assert data["versions"]["torch"] == cost_table.activation_cost()["versions"]["torch"]
    settings = data["settings"]
    assert settings["elements"] >= 2**22
    assert settings["elements"] == math.prod(settings["shape"])
    assert settings["rounds"] >= 7
    assert settings["dtype"] == "float32"
    for slug, entry in data["activations"].items():
        assert entry["call"] == cost_table.activation_cost()["activations"][slug]["range"]["call"]
        for measure in activation_speed.MEASURES:
            for key in ("ratio", "ms", "relu_ms"):
                value = entry[measure][key]
                assert isinstance(value, float), (slug, measure, key)
                assert math.isfinite(value), (slug, measure, key)
                assert value > 0, (slug, measure, key)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_cost_section_shows_the_three_tables_or_says_why_not(language: str) -> None:
    from actsite.render.pages import format_number, ui_strings

    strings = ui_strings(language)
    data = cost_table.activation_cost()["activations"]
    for loaded in DEFINITIONS:
        view = cost_table.cost_view(loaded.slug, bool(activation_cost.pytorch_calls(loaded)), strings, format_number)
        if loaded.slug not in WITH_PYTORCH_CALL:
            assert view == {"line": strings["cost_none"]}
            continue
        assert view["line"] is None
        assert len(view["memory"]["rows"]) == len(data[loaded.slug]["memory"])
        assert len(view["range"]["rows"]) == 3 * (1 + cost_table.snippet_range_differs(data[loaded.slug]))
        assert len(view["speed"]["rows"]) == 1
        for table in (view["memory"], view["range"], view["speed"]):
            assert all(len(row) == len(table["headers"]) for row in table["rows"])
            assert all(cell.strip() for row in table["rows"] for cell in row)  # never an empty cell
    mish = cost_table.cost_view("mish", True, strings, format_number)
    assert mish["speed"]["rows"][0][0] == "`torch.nn.Mish()`"
    assert "2²²" in mish["speed"]["caption"]
    assert cost_table.activation_speed()["machine"]["cpu"] in mish["speed"]["caption"]
    exponential = cost_table.cost_view("exponential", True, strings, format_number)
    assert exponential["range"]["rows"][0][1:] == ["float16", "x ≤ 11.0859", "x ≤ 11.0859"]


def test_saved_tensor_codes_read_as_words_in_both_languages() -> None:
    from actsite.render.pages import ui_strings

    codes = {
        code
        for entry in cost_table.activation_cost()["activations"].values()
        for row in entry["memory"]
        for dtype in ("float32", "bfloat16")
        for code in row[dtype]["saved"]
    }
    assert {"input", "output", "float32[input]", "bool[input]", "float32[row]", "float32[scalar]"} <= codes
    for language in ("en", "zh"):
        strings = ui_strings(language)
        for code in codes:
            text = cost_table.saved_description(code, strings)
            assert "{" not in text
            assert "[" not in text


def test_comparison_columns_are_numbers_to_sort_or_one_phrase() -> None:
    from actsite.render.pages import format_number, ui_strings

    strings = ui_strings("en")
    for loaded in DEFINITIONS:
        columns = cost_table.cost_columns(loaded.slug, strings, format_number)
        assert len(columns) == 4
        for cell in columns.values():
            assert cell["text"]
            if loaded.slug in WITH_PYTORCH_CALL:
                assert isinstance(cell["value"], float)
            else:
                assert cell == {"text": strings["cost_not_measured"], "value": ""}


def test_estimate_correlation_is_spearmans() -> None:
    from scipy.stats import spearmanr

    from actsite.analysis.cost import cost_score

    scores = {d.slug: cost_score(d.math) for d in DEFINITIONS}
    count, correlation = cost_table.estimate_correlation(scores)
    measured = cost_table.activation_speed()["activations"]
    assert count == len(WITH_PYTORCH_CALL)
    expected = spearmanr([scores[s] for s in WITH_PYTORCH_CALL], [measured[s]["forward"]["ratio"] for s in WITH_PYTORCH_CALL]).statistic
    assert correlation == pytest.approx(expected, abs=1e-12)
