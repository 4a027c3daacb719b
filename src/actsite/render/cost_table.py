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
