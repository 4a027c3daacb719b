"""The values computed once per activation (properties, approximation errors, initialisation, sampled curves).

One type for them: the build computes or reads them from the cache, and every page, the catalogue
and the export read them from it. Their JSON form (floats round-trip exactly, ±∞ as strings) is
what the cache stores.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from actsite.analysis.approximation import approximation_errors
from actsite.analysis.gaussian_moments import Moments
from actsite.analysis.propagation import Initialization, Propagation, VariantGains, initialization
from actsite.analysis.properties import Bound, Properties, compute
from actsite.analysis.samples import Samples, sample_curves
from actsite.definitions.load import Loaded


@dataclass(frozen=True)
class ComputedValues:
    """The cached values of one activation."""

    properties: Properties
    approximation_errors: dict[str, float]
    initialization: Initialization
    samples: Samples | None  # None until computed, where the build computes them after the pages (the export alone shows them)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "properties": properties_to_json(self.properties),
            "approximation_errors": _encode(self.approximation_errors),
            "initialization": _encode(asdict(self.initialization)),
            "samples": self.samples,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ComputedValues:
        """The inverse of `to_json`."""
        return cls(
            properties=properties_from_json(data["properties"]),
            approximation_errors=_decode(data["approximation_errors"]),
            initialization=initialization_from_json(data["initialization"]),
            samples={axis: data["samples"][axis] for axis in ("x", "y", "dy")},  # the export's key order
        )


def properties_to_json(value: Properties) -> dict[str, Any]:
    """Properties as JSON-ready data (±inf kept as the strings "inf" / "-inf")."""
    return _encode(asdict(value))


def properties_from_json(data: dict[str, Any]) -> Properties:
    """The inverse of `properties_to_json`."""
    fields = _decode(data)
    fields["lower"], fields["upper"] = Bound(**fields["lower"]), Bound(**fields["upper"])
    fields["kinks"] = tuple(fields["kinks"])
    if fields["derivative_at_zero_sides"] is not None:
        fields["derivative_at_zero_sides"] = tuple(fields["derivative_at_zero_sides"])
    if fields["pieces"] is not None:
        fields["pieces"] = tuple((Bound(**low), Bound(**high)) for low, high in fields["pieces"])
    return Properties(**fields)


def initialization_from_json(data: dict[str, Any]) -> Initialization:
    """The inverse of `_encode(asdict(initialization))`."""
    fields = _decode(data)
    if fields["moments"] is not None:
        fields["moments"] = Moments(**fields["moments"])
    fields["variants"] = tuple(VariantGains(**(variant | {"moments": Moments(**variant["moments"])})) for variant in fields["variants"])
    fields["propagation"] = tuple(Propagation(item["gain"], tuple(item["forward"]), tuple(item["backward"])) for item in fields["propagation"])
    return Initialization(**fields)


def _encode(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            raise ValueError("a computed property is NaN")
        return "inf" if value > 0 else "-inf"
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if value == "inf":
        return math.inf
    if value == "-inf":
        return -math.inf
    if isinstance(value, dict):
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def compute_values(loaded: Loaded, *, samples: bool = True) -> ComputedValues:
    """The slow values of one activation: properties, approximation errors, initialisation, sampled curves (None without `samples`).

    Runs in a worker process: only these plain values come back, never `loaded` itself, whose
    unevaluated display expressions SymPy would re-evaluate when unpickling them (the page would
    then show `x + √(x²+1)/2 − 1/2` instead of the authored form).
    """
    properties = compute(loaded.math)
    return ComputedValues(
        properties,
        approximation_errors(loaded),
        initialization(loaded.math, loaded.activation),
        sample_curves(loaded.math, properties.kinks) if samples else None,
    )
