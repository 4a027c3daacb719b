"""Cache of what is slow to compute per activation: properties, approximation errors, initialisation, samples.

Computing these for the whole catalogue takes most of a build (limits with mpmath, extremum
searches, one-sided limits at every kink, 2402 high-precision evaluations for the export). They
depend only on the math of a definition and on the code that computes them, so each result is
stored under a hash of exactly that and reused while the hash is unchanged: editing prose,
templates or translations recomputes nothing, editing one formula recomputes one activation.

The cache lives in `.cache/computed.json` (git-ignored). Values are stored in the JSON form of
`actsite.analysis.computed.ComputedValues`; floats round-trip exactly (Python writes the shortest
repr that reads back to the same double), so a page built from the cache has the same bytes as one
built from a fresh computation.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from actsite.analysis import approximation as approximation_module
from actsite.analysis import bounded_minimum as bounded_minimum_module
from actsite.analysis import gaussian_moments as gaussian_moments_module
from actsite.analysis import grid as grid_module
from actsite.analysis import propagation as propagation_module
from actsite.analysis import properties as properties_module
from actsite.analysis import samples as samples_module
from actsite.analysis import torch_gain as torch_gain_module
from actsite.analysis.samples import with_samples_json
from actsite.definitions import mpfr as mpfr_module
from actsite.definitions import symbolic as symbolic_module
from actsite.definitions.load import ROOT, Loaded

CACHE_FILE = ROOT / ".cache" / "computed.json"
FORMAT = 2  # 2: with the initialisation values


def cache_key(loaded: Loaded, code: str) -> str:
    """Hash of everything the computed values depend on: the math, the parameters (with their variants), the kind, torch's gain name and the code."""
    activation = loaded.activation
    material = {
        "format": FORMAT,
        "kind": activation.kind.value,
        "math": activation.math.model_dump(mode="json"),
        "parameters": [p.model_dump(mode="json", include={"name", "default", "variants"}) for p in activation.parameters],
        "calculate_gain": activation.api.pytorch.model_dump(mode="json", include={"calculate_gain", "parameter_map"}) if activation.api.pytorch else None,
        "code": code,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode("utf-8")).hexdigest()


def code_fingerprint(*functions: Any, extra: Any = None) -> str:
    """The code the computed values come from.

    That is the modules computing them (properties, bounded_minimum, grid, samples, approximation, gaussian_moments,
    propagation, torch_gain, symbolic, mpfr), the source of `functions`, any `extra` data they
    read (e.g. the sample grid), and the versions of the numerical libraries.
    """
    modules = (
        properties_module,
        bounded_minimum_module,
        grid_module,
        samples_module,
        approximation_module,
        gaussian_moments_module,
        propagation_module,
        torch_gain_module,
        symbolic_module,
        mpfr_module,
    )
    sources = [Path(module.__file__).read_text(encoding="utf-8") for module in modules]
    sources += [inspect.getsource(function) for function in functions]
    sources.append(json.dumps(extra))
    sources.append(" ".join(f"{name}=={metadata.version(name)}" for name in ("sympy", "mpmath", "gmpy2", "numpy", "scipy")))
    return "\n".join(sources)


def read_cache(path: Path = CACHE_FILE) -> dict[str, dict[str, Any]]:
    """Slug → stored entry; an unreadable or foreign cache counts as empty (it is only a cache)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def write_cache(entries: dict[str, dict[str, Any]], path: Path = CACHE_FILE, encoded_samples: Mapping[str, str] | None = None) -> None:
    """Replace the cache atomically with `entries` (slug → entry); `encoded_samples` (slug → JSON text) are the samples of entries that hold None."""
    encoded_samples = encoded_samples or {}
    parts: list[str] = []
    for slug, entry in entries.items():
        text = json.dumps(entry, separators=(",", ":"))
        encoded = encoded_samples.get(slug)
        parts.append(f"{json.dumps(slug)}:{text if encoded is None else with_samples_json(text, encoded)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(f'{{"format":{json.dumps(FORMAT)},"entries":{{{",".join(parts)}}}}}\n', encoding="utf-8")  # {"format":…,"entries":{…}}
    temporary.replace(path)
