"""Render the Markdown pages of both languages from validated definitions.

The values shown are decided here in Python (numbers through `numbers`, words through `i18n`, the
property table in `property_table`); the Jinja2 templates in `templates/` only lay them out.
"""

from __future__ import annotations

from typing import Any

import sympy

from actsite.analysis.properties import Properties
from actsite.definitions.escape import inline_markdown
from actsite.definitions.load import Loaded
from actsite.definitions.model import LANGUAGES, Activation, OtherApi
from actsite.definitions.symbolic import ScalarMath, X, latex, parse
from actsite.render.api_call import pytorch_expression
from actsite.render.code import code_view, pytorch_lines
from actsite.render.context import PageContext
from actsite.render.cost_table import cost_view
from actsite.render.export import DOCUMENTED_FIELDS
from actsite.render.framework_defaults import default_differences, overridden_defaults
from actsite.render.front_matter import front_matter
from actsite.render.i18n import localize_latex, taxonomy, ui_strings
from actsite.render.initialization import initialization_view
from actsite.render.kink_table import kink_table
from actsite.render.live import live_view
from actsite.render.markup import escape_cell, stars
from actsite.render.numbers import format_number, format_range
from actsite.render.property_table import property_rows
from actsite.render.templating import environment, page_path


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
    live = live_view(loaded, language, t)
    return {
        "slug": activation.slug,
        "title": name,
        "front_matter": front_matter(page_meta(activation, language) | assets(live)),
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
                "meaning": escape_cell(inline_markdown(p.description.get(language) + pytorch_argument_note(activation, p.name, t))),
            }
            for p in activation.parameters
        ],
        "approximations": [
            {
                "name": inline_markdown(a.name.get(language)),
                "latex": "\\tilde f(x) = " + localize_latex(latex(parse(a.function, loaded.math.symbols, evaluate=False), loaded.math.symbol_latex), language),
                "max_error": t["approx_max_error"].format(error=format_number(context.computed.approximation_errors[a.id])),
            }
            for a in activation.math.approximations
        ],
        "kink_note": kink_note(context.computed.properties, loaded.math, language),
        "kink_table": kink_table(activation.slug, t, format_number, t["none_available"]),
        **live,
        "plot_src": f"../plots/{activation.slug}.svg",
        "plot_alt": t[f"plot_alt_{plot_role(activation.kind.value)}"].format(name=name, low=format_number(low), high=format_number(high)),
        "surface_src": f"../plots/{activation.slug}-surface.svg" if activation.kind.value == "gated" else None,
        "surface_alt": t["surface_alt"].format(name=name),
        **variants_view(activation, language, name),
        "properties": property_rows(context.computed.properties, language, loaded.math.function_symbol_text),
        "initialization": initialization_view(context, language),
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
        "code": code_view(loaded, language, t),
        "cost": cost_view(activation.slug, bool(pytorch_lines(activation)), t, format_number),
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


def assets(live: dict[str, Any]) -> dict[str, list[str]]:
    """The front-matter lists of the scripts and stylesheets the live parameters load (none without them)."""
    return {"scripts": live["scripts"], "stylesheets": live["stylesheets"]} if live["scripts"] else {}


def search_boost(activation: Activation) -> float:
    """The page's weight in search (Material's `search.boost`): 1.1 to 1.5 by its recommendation level.

    Where a query matches several pages equally (a glossary term their prose uses, a task they are
    tagged with), the functions the site recommends more come first; a query that is a page's name
    ranks that page first whatever its level (render/search_keys.py).
    """
    return round(1 + activation.recommendation.level / 10, 1)


def page_meta(activation: Activation, language: str) -> dict[str, object]:
    """The front matter of an activation page: title, description (the summary), its task tags and its search boost.

    Double quotes become single ones in the description and the tags, as the pages have always shown them.
    """
    tasks = taxonomy("tasks")
    meta: dict[str, object] = {"title": activation.name.get(language), "description": activation.prose.summary.get(language).replace('"', "'")}
    if activation.tasks:
        meta["tags"] = [tasks[tag.task][language]["name"].replace('"', "'") for tag in activation.tasks]
    meta["search"] = {"boost": search_boost(activation)}
    return meta


def pytorch_argument_note(activation: Activation, name: str, t: dict[str, str]) -> str:
    """The sentence "`torch.nn.SELU` has no argument for it." after a parameter the PyTorch module fixes, from the API fields.

    Written from `api.pytorch.parameter_map` (checked against `inspect.signature` in the tests), so
    no description has to say it by hand.
    """
    pytorch = activation.api.pytorch
    if pytorch is None or pytorch.module is None or name in pytorch.parameter_map:
        return ""
    return t["sentence_separator"] + t["param_not_an_argument"].format(module=pytorch.module)


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


def plot_role(kind: str) -> str:
    """Which alt text describes the main figure: the function, the gate, the slice or the outputs."""
    return {"gated": "gate", "vector": "slice", "multi-output": "outputs"}.get(kind, "function")


def variants_view(activation: Activation, language: str, name: str) -> dict[str, str | None]:
    """Source, alt text and caption of the parameter-variants figure, or None where there is none."""
    t = ui_strings(language)
    varied = activation.varied_parameter
    if varied is None:
        return {"variants_src": None, "variants_alt": None, "variants_caption": None}
    low, high = activation.math.plot_range
    return {
        "variants_src": f"../plots/{activation.slug}-variants.svg",
        "variants_alt": t["variants_alt"].format(name=name, parameter=varied.name, low=format_number(low), high=format_number(high)),
        "variants_caption": t["variants_caption"].format(parameter=f"${varied.latex}$"),
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
                "call": "<br>".join(calls) or dash,  # an entry with only a note ("no built-in module: …")
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
            note = [inline_markdown(entry.note.get(language))] if entry.note else []
            rows.append(
                {
                    "framework": framework,
                    "call": f"`{entry.name}`",
                    "defaults": format_defaults(entry.defaults, dash),
                    "note": escape_cell(t["sentence_separator"].join(note + default_difference_sentences(activation, entry, language))),
                }
            )
    for library, names, call in (
        ("timm", activation.api.timm, "timm.layers.create_act_layer({name!r})"),
        ("transformers", activation.api.transformers, "transformers.activations.ACT2FN[{name!r}]"),
    ):
        if names:
            calls = "<br>".join(f"`{call.format(name=name)}`" for name in names)
            rows.append({"framework": library, "call": calls, "defaults": dash, "note": t["api_registry_name"]})
    return rows


def default_difference_sentences(activation: Activation, entry: OtherApi, language: str) -> list[str]:
    """Sentences saying where the entry's own defaults compute another function than the page's f."""
    t = ui_strings(language)
    sentences: list[str] = []
    for difference in default_differences(activation, entry):
        sentence = t["api_default_differs"].format(
            argument=difference.argument, value=repr(difference.framework_default), symbol=difference.latex, page=format_number(difference.page_default)
        )
        if difference.pytorch_default is not None:
            value = difference.pytorch_default
            sentence += t["sentence_separator"] + t["api_default_pytorch"].format(value=format_number(float(value)) if isinstance(value, int | float) else repr(value))
        sentences.append(sentence)
    overridden = overridden_defaults(entry)
    if overridden:
        call = f"`{entry.name}(x, " + ", ".join(f"{name}={value!r}" for name, value in entry.arguments.items()) + ")`"
        sentences.append(t["api_pass_arguments"].format(call=call))
    return sentences


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
                "range": format_range(c.computed.properties),
                "stars": stars(c.loaded.activation.recommendation.level, language),
            }
            for c in sorted(contexts, key=lambda c: c.loaded.activation.sort_name)
        ]
        pages[page_path("index", language)] = template.render(rows=rows, t=ui_strings(language), front_matter=front_matter({"title": ui_strings(language)["site_name"]}))
    return pages


def render_data_format_pages(example: dict[str, Any]) -> dict[str, str]:
    """The page that documents `data/activations.json`, per language."""
    template = environment().get_template("data-format.md.j2")
    return {
        page_path("data-format", language): template.render(
            t=ui_strings(language), front_matter=front_matter({"title": ui_strings(language)["data_title"]}), fields=data_field_rows(language), example=example
        )
        for language in LANGUAGES
    }


def data_field_rows(language: str) -> list[dict[str, str]]:
    """The data-format page's table of an activation's fields: the field names and what they hold."""
    t = ui_strings(language)
    return [{"fields": t["list_separator"].join(f"`{name}`" for name in group), "meaning": t[f"data_field_{group[0]}"]} for group in DOCUMENTED_FIELDS]
