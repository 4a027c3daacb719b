"""The machine-readable export `data/activations.json`, documented on the data-format page."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from actsite.analysis.gaussian_moments import Moments
from actsite.analysis.properties import Properties
from actsite.analysis.samples import with_samples_json
from actsite.render.api_call import pytorch_expression
from actsite.render.context import PageContext
from actsite.render.cost_table import cost_record

FORMAT_VERSION = 1
# The fields of an activation's record as the data-format page documents them: one table row per
# group (a test checks that together they are exactly the record's fields).
DOCUMENTED_FIELDS: tuple[tuple[str, ...], ...] = (
    ("slug",),
    ("name",),
    ("aliases",),
    ("kind", "family", "year"),
    ("parameters",),
    ("formula_latex", "derivative_latex"),
    ("sympy",),
    ("properties",),
    ("tasks",),
    ("recommendation",),
    ("api",),
    ("cost",),
    ("references",),
    ("url",),
    ("initialization",),
    ("samples",),
)


def _finite_or_none(value: float) -> float | None:
    return None if math.isinf(value) else value


def smoothness_id(smoothness: int | None) -> str:
    """`C^inf`, `C^k` or `discontinuous`."""
    if smoothness is None:
        return "C^inf"
    return "discontinuous" if smoothness < 0 else f"C^{smoothness}"


def properties_record(properties: Properties) -> dict[str, Any]:
    """The computed properties as JSON values."""
    return {
        "lower": _finite_or_none(properties.lower.value),
        "lower_attained": properties.lower.attained,
        "upper": _finite_or_none(properties.upper.value),
        "upper_attained": properties.upper.attained,
        "monotonic": properties.monotonic,
        "zero_centred": properties.zero_centred,
        "smoothness": smoothness_id(properties.smoothness),
        "saturation_left": properties.saturation_left,
        "saturation_right": properties.saturation_right,
        "f_at_0": properties.value_at_zero,
        "df_at_0": properties.derivative_at_zero,
        "sup_abs_derivative": _finite_or_none(properties.sup_abs_derivative),
        "kinks": list(properties.kinks),
        # The image as disjoint intervals when f jumps (binary step: [[0, 0], [1, 1]]); null otherwise.
        "image_pieces": None
        if properties.pieces is None
        else [
            {"lower": _finite_or_none(low.value), "lower_attained": low.attained, "upper": _finite_or_none(high.value), "upper_attained": high.attained}
            for low, high in properties.pieces
        ],
    }


def moments_record(moments: Moments) -> dict[str, float]:
    """E[f], E[f²], E[f′], E[f′²] under the export's names."""
    return {"mean": moments.mean, "mean_square": moments.second, "slope_mean": moments.slope_mean, "slope_mean_square": moments.slope_second}


def initialization_record(context: PageContext) -> dict[str, Any]:
    """The Gaussian moments, gains, fixed point and propagation (∞, beyond the recursion's ceiling, as null)."""
    values = context.computed.initialization
    pytorch = context.loaded.activation.api.pytorch
    if values.reason is not None or values.moments is None or values.forward_gain is None or values.backward_gain is None:
        return {"applies": False, "reason": values.reason}
    return {
        "applies": True,
        "reason": None,
        "moments": moments_record(values.moments),
        "forward_gain": values.forward_gain,
        "backward_gain": _finite_or_none(values.backward_gain),
        "torch_nonlinearity": pytorch.calculate_gain if pytorch else None,
        "torch_gain": values.torch_gain,
        "fixed_point_slope": values.fixed_point_slope,
        "chi1": values.chi1,
        "variants": [
            {
                "parameter": v.parameter,
                "value": v.value,
                "moments": moments_record(v.moments),
                "forward_gain": v.forward_gain,
                "backward_gain": _finite_or_none(v.backward_gain),
                "torch_gain": v.torch_gain,
            }
            for v in values.variants
        ],
        "propagation": [
            {"gain": line.gain, "forward": [_finite_or_none(q) for q in line.forward], "backward": [_finite_or_none(r) for r in line.backward]}
            for line in values.propagation
        ],
    }


def activation_record(context: PageContext) -> dict[str, Any]:
    """One entry of `activations`."""
    activation = context.loaded.activation
    math_ = context.loaded.math
    pytorch = activation.api.pytorch
    return {
        "slug": activation.slug,
        "name": activation.name.model_dump(),
        "aliases": activation.aliases,
        "kind": activation.kind.value,
        "family": activation.family,
        "year": activation.year,
        "parameters": [p.model_dump(mode="json", include={"name", "latex", "default", "learnable", "variants"}) for p in activation.parameters],
        "sympy": activation.math.function,
        "formula_latex": math_.formula_latex,
        "derivative_latex": math_.derivative_latex,
        "properties": properties_record(context.computed.properties),
        "tasks": [{"task": t.task, "level": t.level} for t in activation.tasks],
        "recommendation": activation.recommendation.level,
        "api": {
            "pytorch": pytorch_expression(pytorch) if pytorch else None,
            "pytorch_functional": pytorch.functional if pytorch else None,
            "keras": [k.name for k in activation.api.keras],
            "jax": [j.name for j in activation.api.jax],
        },
        "cost": cost_record(activation.slug),
        "references": [r.model_dump(mode="json") for r in activation.references],
        "url": {"en": f"activations/{activation.slug}/", "zh": f"zh/activations/{activation.slug}/"},
        "initialization": initialization_record(context),
        "samples": context.computed.samples,
    }


def export_json(
    contexts: list[PageContext], record: Callable[[PageContext], dict[str, Any]] = activation_record, encoded_samples: Mapping[str, str] | None = None
) -> str:
    """The whole export as deterministic JSON text; `record` gives each activation's entry (`activation_record`'s).

    `encoded_samples` (slug → JSON text, `samples_json`) are the samples of the records that have none yet.
    """
    encoded_samples = encoded_samples or {}
    entries: list[str] = []
    for context in sorted(contexts, key=lambda c: c.loaded.slug):
        entry = record(context)
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        encoded = encoded_samples.get(context.loaded.slug)
        entries.append(text if encoded is None else with_samples_json(text, encoded))
    head = json.dumps({"format_version": FORMAT_VERSION, "generated_from": len(entries)}, separators=(",", ":"))
    return f'{head[:-1]},"activations":[{",".join(entries)}]}}\n'  # {"format_version":…,"generated_from":…,"activations":[…]}
