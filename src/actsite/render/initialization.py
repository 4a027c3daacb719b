"""The #initialization section: Gaussian moments, gains beside torch's, propagation through depth, the state.

Every number comes from `ComputedValues.initialization` (`analysis.propagation`), printed through
`numbers`; every word from i18n. The sentence on the state of a deep network is chosen from the
numbers: the slope of the recursion at q* = 1 (attracting, marginal, repelling) and the factor by
which the gradient's variance changes over the 50 layers.
"""

from __future__ import annotations

import math
from typing import Any

from actsite.analysis.propagation import DEPTH, Initialization, Propagation
from actsite.render.context import PageContext
from actsite.render.i18n import ui_strings
from actsite.render.numbers import format_code_number, format_number

MARGINAL = 1e-6  # |slope − 1| below this: the fixed point neither attracts nor repels (ReLU's map is linear)
CEILING_TEXT_KEY = "init_beyond"  # ∞ in the recursion means beyond its ceiling of 10¹²


def initialization_view(context: PageContext, language: str) -> dict[str, Any]:
    """What the section shows in `language`: either why it does not apply, or its tables, figure and sentences."""
    t = ui_strings(language)
    values: Initialization = context.computed.initialization
    activation = context.loaded.activation
    if values.reason is not None:
        return {"applies": False, "reason": t[f"init_not_applicable_{values.reason.replace('-', '_')}"]}
    kind = activation.kind.value
    symbol = context.loaded.math.function_symbol_text
    notes = [t[f"init_note_{kind.replace('-', '_')}"]] if f"init_note_{kind.replace('-', '_')}" in t else []
    moments = values.moments  # a computed kind: every value is there (reason is None)
    torch_name = activation.api.pytorch.calculate_gain if activation.api.pytorch else None
    return {
        "applies": True,
        "intro": t["sentence_separator"].join([t["init_intro"], *notes]),
        "moment_headers": [f"E[{symbol}(z)]", f"E[{symbol}(z)²]", f"E[{symbol}′(z)]", f"E[{symbol}′(z)²]"],
        "moments": [format_number(v, 12) for v in (moments.mean, moments.second, moments.slope_mean, moments.slope_second)],
        "gains": gain_rows(values, t, torch_name, gated=kind == "gated"),
        "code": f"nn.init.normal_(layer.weight, std={format_code_number(values.forward_gain)} / math.sqrt(layer.in_features))",
        "code_note": t["init_code_note"],
        "variants": variant_rows(values, symbol, t),
        "variant_headers": [t["init_variant"], f"E[{symbol}(z)²]", f"E[{symbol}′(z)²]", "$g_f$", "$g_b$"] + ([t["init_torch"]] if values.torch_gain is not None else []),
        "propagation_src": f"../plots/{activation.slug}-propagation.svg",
        "propagation_alt": t["init_figure_alt"].format(name=activation.name.get(language), depth=DEPTH),
        "propagation_caption": t["init_figure_caption"].format(depth=DEPTH),
        "propagation_headers": [t["init_gain"], f"$q_{{{DEPTH}}}$", f"$r_0 / r_{{{DEPTH}}}$", t["init_forward_state"], t["init_backward_state"]],
        "propagation": [propagation_row(line, index, len(values.propagation), t) for index, line in enumerate(values.propagation)],
        "state": state_sentence(values, t),
    }


def gain_rows(values: Initialization, t: dict[str, str], torch_name: str | None, *, gated: bool) -> list[dict[str, str]]:
    """g_f, g_b and torch's calculate_gain, each with what it is (and for torch, why it differs)."""
    suffix = "_gated" if gated else ""
    rows = [
        {"name": "$g_f$", "value": format_number(values.forward_gain), "meaning": t["init_forward_meaning" + suffix]},  # type: ignore[arg-type]
        {
            "name": "$g_b$",
            "value": format_number(values.backward_gain) if math.isfinite(values.backward_gain) else t["none_available"],  # type: ignore[arg-type]
            "meaning": t["init_backward_meaning" + suffix] if math.isfinite(values.backward_gain) else t["init_no_backward"],  # type: ignore[arg-type]
        },
    ]
    if torch_name is None or values.torch_gain is None:
        rows.append({"name": "`calculate_gain`", "value": t["none_available"], "meaning": t["init_torch_none"]})
    else:
        torch_line = values.propagation[1]
        rows.append(
            {
                "name": f"`calculate_gain('{torch_name}')`",
                "value": format_number(values.torch_gain),
                "meaning": t[f"init_torch_why_{torch_name}"].format(
                    torch=format_number(values.torch_gain),
                    ours=format_number(values.forward_gain),
                    q=_variance(torch_line.forward[-1], t),
                    depth=DEPTH,  # type: ignore[arg-type]
                ),
            }
        )
    return rows


def variant_rows(values: Initialization, symbol: str, t: dict[str, str]) -> list[list[str]]:
    """One row per parameter variant: the value, E[f²], E[f′²], g_f, g_b (and torch's gain where it has one)."""
    rows = []
    for variant in values.variants:
        row = [
            f"{variant.parameter} = {format_number(variant.value)}",
            format_number(variant.moments.second),
            format_number(variant.moments.slope_second),
            format_number(variant.forward_gain),
            format_number(variant.backward_gain) if math.isfinite(variant.backward_gain) else t["none_available"],
        ]
        if values.torch_gain is not None:
            row.append(format_number(variant.torch_gain) if variant.torch_gain is not None else t["none_available"])
        rows.append(row)
    return rows


def propagation_row(line: Propagation, index: int, count: int, t: dict[str, str]) -> list[str]:
    """The gain (named), q at the last layer, the gradient's factor over the depth, and the two states."""
    name = "1" if index == 0 else f"$g_f$ = {format_number(line.gain)}" if index == count - 1 else f"{t['init_torch']} = {format_number(line.gain)}"
    return [
        name,
        _variance(line.forward[-1], t),
        _factor(line.backward[0], line.backward[-1], t),
        t[f"init_word_{line.forward_state}"],
        t[f"init_word_{line.backward_state}"],
    ]


def state_sentence(values: Initialization, t: dict[str, str]) -> str:
    """At g_f: whether q* = 1 attracts, is marginal or repels (its slope), then what χ₁ does to the gradient over the depth."""
    slope, chi1 = values.fixed_point_slope, values.chi1
    key = "init_state_marginal" if abs(abs(slope) - 1) <= MARGINAL else "init_state_attracting" if abs(slope) < 1 else "init_state_repelling"
    forward = t[key].format(gain=format_number(values.forward_gain), slope=format_number(slope, 4))  # type: ignore[arg-type]
    line = values.propagation[-1]
    if chi1 == 0:
        backward = t["init_state_no_gradient"]
    elif not math.isfinite(line.backward[0]):
        backward = t["init_state_gradient_beyond"].format(chi1=format_number(chi1, 4), depth=DEPTH, state=t[f"init_word_{line.backward_state}"])
    else:
        backward = t["init_state_gradient"].format(
            chi1=format_number(chi1, 4), depth=DEPTH, factor=_factor(line.backward[0], line.backward[-1], t), state=t[f"init_word_{line.backward_state}"]
        )
    return t["sentence_separator"].join([forward, backward])


def _variance(value: float, t: dict[str, str]) -> str:
    return format_number(value, 4) if math.isfinite(value) else t[CEILING_TEXT_KEY]


def _factor(first: float, last: float, t: dict[str, str]) -> str:
    return format_number(first / last, 4) if math.isfinite(first) else t[CEILING_TEXT_KEY]
