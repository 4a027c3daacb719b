"""The live parameters of an activation page's #plot section, and the links to the playground.

The controls are built in the browser from the generated function entries (render/javascript.py);
this module decides which pages get them, which scripts each page loads and the UI strings the
scripts show (from i18n/, in the page's language, passed in by pages.py).
"""

from __future__ import annotations

import html
import json
from typing import Any

from actsite.analysis.propagation import COMPUTED_KINDS
from actsite.definitions.load import Loaded
from actsite.render.javascript import FUNCTIONS_DIR
from actsite.render.plots import DERIVATIVE_COLOR, FAMILY_COLORS, FUNCTION_COLOR, VARIANT_COLORS

MAX_PLAYGROUND_FUNCTIONS = 6
SHIM_SCRIPT = "assets/javascripts/activation-math.js"
CHART_SCRIPT = "assets/javascripts/function-chart.js"
LIVE_SCRIPT = "assets/javascripts/live-parameters.js"
PLAYGROUND_SCRIPT = "assets/javascripts/playground.js"
STYLESHEET = "assets/stylesheets/live-parameters.css"
# From an activation or family page (activations/elu.md) to the playground page; MkDocs makes it the page URL of the same language.
PLAYGROUND_FROM_SUBPAGE = "../playground.md"
# The static figures' colours: f, f′ (and f″) on an activation page; one colour per function in the playground.
LIVE_COLORS = [FUNCTION_COLOR, DERIVATIVE_COLOR, VARIANT_COLORS[2]]
PLAYGROUND_COLORS = list(FAMILY_COLORS[:MAX_PLAYGROUND_FUNCTIONS])
SLICE_ROLES = {"gated": "live_slice_gate", "vector": "live_slice_slice", "multi-output": "live_slice_outputs"}


def strings_attribute(t: dict[str, str], keys: list[str]) -> str:
    """The named UI strings as JSON, escaped for an HTML attribute."""
    return html.escape(json.dumps({key: t[key] for key in keys}, ensure_ascii=False, sort_keys=True), quote=True)


LIVE_KEYS = [
    "live_title",
    "live_intro",
    "live_reset",
    "live_show_f",
    "live_show_df",
    "live_show_d2f",
    "live_chart_label",
    "live_parameter_value",
    "live_learnable",
    "live_default",
]


GAIN_KEYS = ["live_gains"]  # only where a scalar gain is defined: the script shows the moments and gains then (g_b = ∞ where f′ = 0)


def playground_link(slugs: list[str]) -> str:
    """The playground URL (relative to an activation or family page) with these functions selected."""
    return f"{PLAYGROUND_FROM_SUBPAGE}?f={','.join(slugs)}"


def live_view(loaded: Loaded, language: str, t: dict[str, str]) -> dict[str, Any]:
    """The #plot section's interactive parts of one activation page in `language` (UI strings `t`).

    Live controls where the activation has parameters, the scripts they need, and the playground link.
    """
    activation = loaded.activation
    live = None
    scripts: list[str] = []
    stylesheets: list[str] = []
    if activation.parameters:
        role = SLICE_ROLES.get(activation.kind.value)
        keys = LIVE_KEYS + (GAIN_KEYS if activation.kind.value in COMPUTED_KINDS else [])
        live = {
            "slug": activation.slug,
            "name": html.escape(activation.name.get(language), quote=True),
            "strings": strings_attribute(t, keys),
            "slice_note": html.escape(t[role], quote=True) if role else None,
            "colors": html.escape(json.dumps(LIVE_COLORS), quote=True),
        }
        scripts = [SHIM_SCRIPT, f"{FUNCTIONS_DIR}/{activation.slug}.js", CHART_SCRIPT, LIVE_SCRIPT]
        stylesheets = [STYLESHEET]
    return {
        "live": live,
        "scripts": scripts,
        "stylesheets": stylesheets,
        "compare_link": {"text": t["compare_with"], "url": playground_link([activation.slug])},
    }
