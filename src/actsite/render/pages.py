"""Render the Markdown pages of both languages from validated definitions.

This module formats values (numbers, ranges, property words) in Python; the Jinja2 templates in
`templates/` beside this module only lay them out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import numpy as np
import sympy
import yaml

from actsite.analysis.properties import Bound, Properties
from actsite.analysis.samples import Samples
from actsite.definitions.escape import front_matter_string, inline_markdown
from actsite.definitions.load import ROOT, Loaded
from actsite.definitions.model import LANGUAGES, Activation
from actsite.definitions.symbolic import ScalarMath, X, latex, parse
from actsite.render.api_call import pytorch_expression
from actsite.render.live import live_view

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
I18N_DIR = ROOT / "i18n"
MINUS = "\u2212"


@cache
def ui_strings(language: str) -> dict[str, str]:
    """The UI strings of one language (`i18n/ui.<language>.yaml`)."""
    return yaml.safe_load((I18N_DIR / f"ui.{language}.yaml").read_text(encoding="utf-8"))


@cache
def taxonomy(name: str) -> dict[str, dict[str, dict[str, str]]]:
    """`tasks` or `families`: id → language → {name, description}."""
    return yaml.safe_load((I18N_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def environment() -> jinja2.Environment:
    """The Jinja2 environment for page templates; undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - the output is Markdown, not HTML
    )


def format_number(value: float, digits: int = 6) -> str:
    """`digits` significant digits (six by default), a real minus sign, ∞ for infinities, no trailing zeros."""
    if math.isinf(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    return text.replace("-", MINUS)


def format_distinct(left: float, right: float) -> tuple[str, str]:
    """Both numbers with as many digits (six at least) as it takes for different values to read differently."""
    digits = 6
    while digits < 17 and left != right and format_number(left, digits) == format_number(right, digits):
        digits += 1
    return format_number(left, digits), format_number(right, digits)


def format_range(properties: Properties) -> str:
    """The range as an interval, e.g. `(−0.278465, ∞)` or `[0, 6]`; a union such as `{0, 1}` or `{0} ∪ (1, ∞)` when f jumps."""
    if properties.pieces is None:
        return format_interval(properties.lower, properties.upper)
    points = [low.value for low, high in properties.pieces if low.value == high.value]
    if len(points) == len(properties.pieces):
        return "{" + ", ".join(format_number(p) for p in points) + "}"
    return " ∪ ".join("{" + format_number(low.value) + "}" if low.value == high.value else format_interval(low, high) for low, high in properties.pieces)


def format_interval(lower: Bound, upper: Bound) -> str:
    """`[a, b)`-style interval with brackets from whether each end is attained."""
    left = "[" if lower.attained else "("
    right = "]" if upper.attained else ")"
    return f"{left}{format_number(lower.value)}, {format_number(upper.value)}{right}"


def escape_cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def stars(level: int, language: str) -> str:
    """`★★★★☆` with a textual label for screen readers."""
    label = ui_strings(language)["stars_label"].format(level=level)
    return f'<span class="stars" role="img" aria-label="{label}">{"★" * level}{"☆" * (5 - level)}</span>'


PLAIN_SYMBOLS = {"f_{1}": "f₁"}  # LaTeX function symbols → plain text for table labels


def property_rows(properties: Properties, language: str, function_symbol: str = "f") -> list[dict[str, str]]:
    """The rows of the property table, in the page's language; f(0) reads g(0) on a gate's page."""
    t = ui_strings(language)
    symbol = PLAIN_SYMBOLS.get(function_symbol, function_symbol)
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
        {"label": t["prop_zero_centred"], "value": t[f"zero_centred_{properties.zero_centred}"]},
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


@dataclass(frozen=True)
class PageContext:
    """Everything computed once per activation and shared by its two language versions."""

    loaded: Loaded
    properties: Properties
    approximation_errors: dict[str, float]
    samples: Samples  # f and f′ on the export's grid


def approximation_errors(loaded: Loaded) -> dict[str, float]:
    """Largest |f − approximation| on [−6, 6] at default parameters, per approximation id."""
    f = loaded.math.f()
    xs = np.linspace(-6.0, 6.0, 2401)
    exact = np.array([f(x) for x in xs])
    errors: dict[str, float] = {}
    for approximation in loaded.activation.math.approximations:
        expression = parse(approximation.function, loaded.math.symbols)
        approx = loaded.math.evaluator(expression)
        errors[approximation.id] = float(np.max(np.abs(exact - np.array([approx(x) for x in xs]))))
    return errors


def page_view(context: PageContext, language: str) -> dict[str, Any]:
    """The values one activation page shows in `language`."""
    loaded = context.loaded
    activation: Activation = loaded.activation
    t = ui_strings(language)
    prose = activation.prose
    low, high = activation.math.plot_range
    name = activation.name.get(language)
    tasks = taxonomy("tasks")
    families = taxonomy("families")
    return {
        "slug": activation.slug,
        "title": name,
        "title_yaml": front_matter_string(name),
        "description": front_matter_string(prose.summary.get(language).replace('"', "'")),
        "tag_names": [front_matter_string(tasks[tag.task][language]["name"].replace('"', "'")) for tag in activation.tasks],
        "summary": inline_markdown(prose.summary.get(language)),
        "intuition": inline_markdown(prose.intuition.get(language)),
        "kind": t[f"kind_{activation.kind.value}"],
        "family": families[activation.family][language]["name"],
        "year": str(activation.year) if activation.year else t["none_available"],
        "aliases": ", ".join(f"`{a}`" for a in activation.aliases) or t["none_available"],
        "role_note": t.get(f"role_{activation.kind.value}"),
        "formula_blocks": [localize_latex(block, language) for block in formula_blocks(loaded)],
        "derivative_blocks": [localize_latex(block, language) for block in derivative_blocks(loaded)],
        "parameters": [
            {
                "latex": p.latex,
                "default": (f"{t['param_learnable']} " if p.learnable else "") + format_number(p.default),
                "meaning": escape_cell(inline_markdown(p.description.get(language))),
            }
            for p in activation.parameters
        ],
        "approximations": [
            {
                "name": inline_markdown(a.name.get(language)),
                "latex": "\\tilde f(x) = " + localize_latex(latex(parse(a.function, loaded.math.symbols, evaluate=False), loaded.math.symbol_latex), language),
                "max_error": format_number(context.approximation_errors[a.id]),
            }
            for a in activation.math.approximations
        ],
        "kink_note": kink_note(context.properties, loaded.math, language),
        "plot_src": f"../plots/{activation.slug}.svg",
        "plot_alt": t[f"plot_alt_{plot_role(activation.kind.value)}"].format(name=name, low=format_number(low), high=format_number(high)),
        "surface_src": f"../plots/{activation.slug}-surface.svg" if activation.kind.value == "gated" else None,
        "surface_alt": t["surface_alt"].format(name=name),
        **variants_view(activation, language, name),
        **live_view(loaded, language, t),
        "properties": property_rows(context.properties, language, loaded.math.function_symbol),
        "pros": [inline_markdown(item) for item in prose.pros.get(language)],
        "cons": [inline_markdown(item) for item in prose.cons.get(language)],
        "use_cases": [inline_markdown(item) for item in prose.use_cases.get(language)],
        "pitfalls": [inline_markdown(item) for item in prose.pitfalls.get(language)],
        "tasks": [
            {
                "name": tasks[tag.task][language]["name"],
                "stars": stars(tag.level, language),
                "reason": escape_cell(inline_markdown(tag.reason.get(language))),
            }
            for tag in sorted(activation.tasks, key=lambda tag: -tag.level)
        ],
        "recommendation": {
            "stars": stars(activation.recommendation.level, language),
            "reason": inline_markdown(activation.recommendation.reason.get(language)),
        },
        "api": api_rows(activation, language),
        "references": [
            {
                "authors": r.authors,
                "year": r.year,
                "title": r.title,
                "url": r.url,
                "venue": r.venue,
                "role": t[r.role],
            }
            for r in activation.references
        ],
    }


def formula_blocks(loaded: Loaded) -> list[str]:
    """The displayed equations of the formula section, by kind."""
    math_ = loaded.math
    kind = loaded.activation.kind.value
    if kind == "gated":
        return [r"f(a, b) = a \otimes g(b)", math_.formula_latex]
    if kind == "vector" and loaded.vector is not None:
        return [loaded.vector.component_latex(math_.symbol_latex), math_.formula_latex]
    if kind == "multi-output":
        others = [f"f_{{{index}}}(x) = " + latex(expression, math_.symbol_latex) for index, expression in enumerate(math_.other_outputs, 2)]
        return [math_.formula_latex, *others]
    return [math_.formula_latex]


def derivative_blocks(loaded: Loaded) -> list[str]:
    """The displayed equations of the derivative section, by kind."""
    math_ = loaded.math
    kind = loaded.activation.kind.value
    if kind == "gated":
        return [r"\frac{\partial f}{\partial a} = g(b), \qquad \frac{\partial f}{\partial b} = a \otimes g'(b)", math_.derivative_latex]
    if kind == "vector" and loaded.vector is not None:
        return [loaded.vector.jacobian_latex(math_.symbol_latex), math_.derivative_latex]
    if kind == "multi-output":
        others = [f"f_{{{index}}}'(x) = " + latex(sympy.diff(expression, X), math_.symbol_latex) for index, expression in enumerate(math_.other_outputs, 2)]
        return [math_.derivative_latex, *others]
    return [math_.derivative_latex]


def localize_latex(text: str, language: str) -> str:
    """Translate the words SymPy puts in Piecewise cases (`for`, `otherwise`)."""
    t = ui_strings(language)
    return text.replace(r"\text{for}\:", r"\text{" + t["latex_if"] + r"}\:").replace(r"\text{otherwise}", r"\text{" + t["latex_otherwise"] + "}")


def plot_role(kind: str) -> str:
    """Which alt text describes the main figure: the function, the gate, the slice or the outputs."""
    return {"gated": "gate", "vector": "slice", "multi-output": "outputs"}.get(kind, "function")


def variants_view(activation: Activation, language: str, name: str) -> dict[str, str | None]:
    """Source, alt text and caption of the parameter-variants figure, or None where there is none."""
    t = ui_strings(language)
    varied = [p for p in activation.parameters if len(p.variants) > 1]
    if not varied:
        return {"variants_src": None, "variants_alt": None, "variants_caption": None}
    low, high = activation.math.plot_range
    parameter = varied[0].name
    return {
        "variants_src": f"../plots/{activation.slug}-variants.svg",
        "variants_alt": t["variants_alt"].format(name=name, parameter=parameter, low=format_number(low), high=format_number(high)),
        "variants_caption": t["variants_caption"].format(parameter=f"${varied[0].latex}$"),
    }


def kink_note(properties: Properties, math_: ScalarMath, language: str) -> str | None:
    """Sentences on the pieces' joins: where f jumps, where f′ has a corner, where f′ is continuous.

    A point is a jump where `math_.jumps_at` says so (as the f′(0) row), so the reason given for an
    undefined f′ is the jump itself, not the slopes beside it.
    """
    if not properties.kinks:
        return None
    t = ui_strings(language)
    jumps = [k for k in properties.kinks if math_.jumps_at(k)]
    corners = [k for k in properties.kinks if k not in jumps and math_.derivative_undefined_at(k)]
    smooth = [k for k in properties.kinks if k not in jumps and k not in corners]
    sentences = [
        t[key].format(points=", ".join(format_number(k) for k in points))
        for key, points in (("kinks_jump_note", jumps), ("kinks_note", corners), ("kinks_smooth_note", smooth))
        if points
    ]
    return " ".join(sentences)


def api_rows(activation: Activation, language: str) -> list[dict[str, str]]:
    """One row per framework entry; '—' for a framework without the function."""
    t = ui_strings(language)
    dash = t["none_available"]
    rows: list[dict[str, str]] = []
    pytorch = activation.api.pytorch
    if pytorch is not None:
        calls = [f"`{c}`" for c in (pytorch_expression(pytorch) if pytorch.arguments else pytorch.module, pytorch.functional) if c]
        if pytorch.gate and not pytorch.module:
            calls.append(t["api_gate"].format(gate=f"`{pytorch.gate}`"))
        rows.append(
            {
                "framework": "PyTorch",
                "call": "<br>".join(calls),
                "defaults": format_defaults(pytorch.defaults, dash),
                "note": escape_cell(inline_markdown(pytorch.note.get(language))) if pytorch.note else "",
            }
        )
    else:
        rows.append({"framework": "PyTorch", "call": dash, "defaults": dash, "note": ""})
    for framework, entries in (("Keras", activation.api.keras), ("JAX", activation.api.jax)):
        if not entries:
            rows.append({"framework": framework, "call": dash, "defaults": dash, "note": ""})
        for entry in entries:
            rows.append(
                {
                    "framework": framework,
                    "call": f"`{entry.name}`",
                    "defaults": format_defaults(entry.defaults, dash),
                    "note": escape_cell(inline_markdown(entry.note.get(language))) if entry.note else "",
                }
            )
    return rows


def format_defaults(defaults: dict[str, object], dash: str) -> str:
    """`name=value` pairs in code style, or '—'."""
    if not defaults:
        return dash
    return ", ".join(f"`{name}={value!r}`" for name, value in defaults.items())


def render_activation_pages(context: PageContext) -> dict[str, str]:
    """Relative doc path → Markdown, for both languages."""
    template = environment().get_template("activation.md.j2")
    slug = context.loaded.slug
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        view = page_view(context, language)
        pages[page_path(f"activations/{slug}", language)] = template.render(page=view, t=ui_strings(language))
    return pages


def page_path(stem: str, language: str) -> str:
    """`activations/gelu` → `activations/gelu.en.md` / `activations/gelu.zh.md` (static-i18n suffix layout)."""
    return f"{stem}.{language}.md"


def render_home_pages(contexts: list[PageContext]) -> dict[str, str]:
    """The home page of each language: introduction and the catalogue table."""
    template = environment().get_template("home.md.j2")
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        rows = [
            {
                "slug": c.loaded.slug,
                "name": c.loaded.activation.name.get(language),
                "summary": escape_cell(inline_markdown(c.loaded.activation.prose.summary.get(language))),
                "range": format_range(c.properties),
                "stars": stars(c.loaded.activation.recommendation.level, language),
            }
            for c in sorted(contexts, key=lambda c: c.loaded.activation.name.en.lower())
        ]
        pages[page_path("index", language)] = template.render(rows=rows, t=ui_strings(language))
    return pages


def render_data_format_pages(example: dict[str, Any]) -> dict[str, str]:
    """The page that documents `data/activations.json`, per language."""
    template = environment().get_template("data-format.md.j2")
    return {page_path("data-format", language): template.render(t=ui_strings(language), language=language, example=example) for language in LANGUAGES}
