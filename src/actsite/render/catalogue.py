"""Pages about the whole catalogue: comparison table, cheat sheet, by-task guide, families, linking.

Like pages.py, this module computes every value; the templates only lay them out.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from actsite.analysis.cost import cost_class, cost_score
from actsite.definitions.errata import load_errata
from actsite.definitions.escape import inline_markdown
from actsite.definitions.model import LANGUAGES, Activation
from actsite.render.context import PageContext
from actsite.render.cost_table import cost_columns, estimate_correlation
from actsite.render.front_matter import front_matter
from actsite.render.glossary import glossary_pages
from actsite.render.i18n import localize_latex, taxonomy, ui_strings
from actsite.render.markup import escape_cell, stars
from actsite.render.numbers import format_number, format_range
from actsite.render.playground import family_playground_link, playground_pages
from actsite.render.sections import SECTIONS
from actsite.render.templating import environment, page_path

CHEAT_SHEET_SIZE = 25
PRINT_PAGE_HIDE = ["navigation", "toc"]  # the comparison table and the cheat sheet use the full width


def _name(context: PageContext, language: str) -> str:
    return context.loaded.activation.name.get(language)


def short_smoothness(smoothness: int | None, language: str) -> str:
    """C∞, C⁰, C¹, C²+ or 'discontinuous' in a few characters."""
    if smoothness is None:
        return "C∞"
    if smoothness < 0:
        return ui_strings(language)["short_discontinuous"]
    return "C" + "⁰¹²³"[min(smoothness, 3)] + ("+" if smoothness >= 2 else "")


def pytorch_name(activation: Activation) -> str | None:
    """The PyTorch module, else the functional; None where PyTorch has neither (GEGLU's gate only)."""
    pytorch = activation.api.pytorch
    return (pytorch.module or pytorch.functional) if pytorch else None


def comparison_rows(contexts: list[PageContext], language: str) -> list[dict[str, Any]]:
    """One row per activation with the comparison columns, sorted by English name."""
    t = ui_strings(language)
    families = taxonomy("families")
    rows = []
    for context in sorted(contexts, key=lambda c: c.loaded.activation.sort_name):
        activation = context.loaded.activation
        p = context.computed.properties
        score = cost_score(context.loaded.math)
        rows.append(
            {
                "slug": activation.slug,
                "name": _name(context, language),
                "family_id": activation.family,
                "family": families[activation.family][language]["name"],
                "kind": t[f"kind_{activation.kind.value}"],
                "tasks": " ".join(tag.task for tag in activation.tasks),
                "range": format_range(p),
                "monotonic": t[f"short_monotonic_{p.monotonic}"],
                "smoothness": short_smoothness(p.smoothness, language),
                "zero_centred": t[f"short_zero_centred_{p.zero_centred}"],
                "saturation": f"{t['short_saturation_' + p.saturation_left]} / {t['short_saturation_' + p.saturation_right]}",
                "cost_class": cost_class(score),
                "cost": "●" * cost_class(score),
                "cost_label": t["cost_label"].format(level=cost_class(score), score=score),
                "pytorch": pytorch_name(activation),
                "none_available": t["none_available"],
                "year": activation.year or "",
                "level": activation.recommendation.level,
                **cost_columns(activation.slug, t, format_number),
                **gain_cells(context, t),
            }
        )
    return rows


def compare_legend(contexts: list[PageContext], language: str) -> str:
    """The legend of the comparison table, with how well the formula's estimate ranks the measured forward times."""
    count, correlation = estimate_correlation({c.loaded.slug: cost_score(c.loaded.math) for c in contexts})
    return ui_strings(language)["compare_legend_text"].format(correlation=format_number(correlation, 2), count=count)


def gain_cells(context: PageContext, t: dict[str, str]) -> dict[str, str]:
    """The forward and backward gains as shown and as sorted (`data-value`); '—' with no sort value where none is defined."""
    values = context.computed.initialization
    cells: dict[str, str] = {}
    for name, gain in (("forward_gain", values.forward_gain), ("backward_gain", values.backward_gain)):
        defined = gain is not None and math.isfinite(gain)
        cells[name] = format_number(gain) if defined else t["none_available"]  # type: ignore[arg-type]
        cells[f"{name}_value"] = repr(gain) if defined else ""
    return cells


def comparison_csv(contexts: list[PageContext], language: str) -> bytes:
    """The comparison table as CSV, UTF-8 with a byte-order mark so spreadsheet programs read Chinese."""
    t = ui_strings(language)
    columns = [
        "slug",
        "name",
        "family",
        "kind",
        "range",
        "monotonic",
        "smoothness",
        "zero_centred",
        "saturation",
        "cost",
        "cost_memory",
        "cost_float16",
        "cost_forward",
        "cost_forward_backward",
        "pytorch",
        "year",
        "forward_gain",
        "backward_gain",
    ]
    headers = [t[f"col_{c}"] for c in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in comparison_rows(contexts, language):
        values = {**row, "cost": row["cost_class"], "pytorch": row["pytorch"] or row["none_available"], **measured_csv_values(row)}
        writer.writerow([values[c] for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def measured_csv_values(row: dict[str, Any]) -> dict[str, Any]:
    """The measured columns as CSV cells: the number itself (the float16 range as written), or the phrase saying there is none."""
    return {
        key: row[key]["text"] if key == "cost_float16" or row[key]["value"] == "" else row[key]["value"]
        for key in ("cost_memory", "cost_float16", "cost_forward", "cost_forward_backward")
    }


def cheat_sheet_rows(contexts: list[PageContext], language: str) -> list[dict[str, Any]]:
    """The most used functions: highest recommendation first, then those PyTorch ships as a module."""

    def rank(context: PageContext) -> tuple[int, int, str]:
        activation = context.loaded.activation
        in_torch = bool(activation.api.pytorch and activation.api.pytorch.module)
        return (-activation.recommendation.level, 0 if in_torch else 1, activation.sort_name)

    chosen = sorted(contexts, key=rank)[:CHEAT_SHEET_SIZE]
    tasks = taxonomy("tasks")
    rows = []
    for context in sorted(chosen, key=lambda c: c.loaded.activation.sort_name):
        activation = context.loaded.activation
        best = max(activation.tasks, key=lambda tag: tag.level, default=None)
        rows.append(
            {
                "slug": activation.slug,
                "name": _name(context, language),
                "formula": localize_latex(context.loaded.math.formula_latex, language),
                "range": format_range(context.computed.properties),
                "smoothness": short_smoothness(context.computed.properties.smoothness, language),
                "best_for": tasks[best.task][language]["name"] if best else "",
                "pytorch": pytorch_name(activation),
                "none_available": ui_strings(language)["none_available"],
                "stars": stars(activation.recommendation.level, language),
            }
        )
    return rows


def by_task_sections(contexts: list[PageContext], language: str) -> list[dict[str, Any]]:
    """For every task: its description and the activations tagged with it, best first."""
    sections = []
    for task_id, entry in taxonomy("tasks").items():
        tagged = [(c, tag) for c in contexts for tag in c.loaded.activation.tasks if tag.task == task_id]
        tagged.sort(key=lambda pair: (-pair[1].level, -pair[0].loaded.activation.recommendation.level, pair[0].loaded.activation.sort_name))
        t = ui_strings(language)
        lead = entry[language]["description"]
        if tagged:  # the description, then the first function to try, as sentences of the page's language
            first = tagged[0][0]
            lead += t["sentence_separator"] + t["by_task_start_with"].format(name=f"**[{_name(first, language)}](activations/{first.loaded.slug}.md)**")
        sections.append(
            {
                "id": task_id,
                "name": entry[language]["name"],
                "description": entry[language]["description"],
                "lead": lead,
                "rows": [
                    {
                        "slug": c.loaded.slug,
                        "name": _name(c, language),
                        "stars": stars(tag.level, language),
                        "reason": escape_cell(inline_markdown(tag.reason.get(language))),
                    }
                    for c, tag in tagged
                ],
            }
        )
    return sections


def family_pages(contexts: list[PageContext]) -> dict[str, str]:
    """One overview page per family with members, its overlay plot and a comparison table."""
    template = environment().get_template("family.md.j2")
    pages: dict[str, str] = {}
    families = taxonomy("families")
    for family_id, entry in families.items():
        members = sorted((c for c in contexts if c.loaded.activation.family == family_id), key=lambda c: c.loaded.activation.sort_name)
        if not members:
            continue
        for language in LANGUAGES:
            rows = comparison_rows(members, language)
            summaries = {c.loaded.slug: escape_cell(inline_markdown(c.loaded.activation.prose.summary.get(language))) for c in members}
            pages[page_path(f"families/{family_id}", language)] = template.render(
                t=ui_strings(language),
                front_matter=front_matter({"title": entry[language]["name"]}),
                family={"id": family_id, **entry[language]},
                rows=rows,
                summaries=summaries,
                playground=family_playground_link(members, language),
                plot_alt=ui_strings(language)["family_plot_alt"].format(family=entry[language]["name"], members=", ".join(r["name"] for r in rows)),
            )
    return pages


def family_index(contexts: list[PageContext], language: str) -> list[dict[str, Any]]:
    """Families that have members, with their member count."""
    counts: dict[str, int] = {}
    for context in contexts:
        counts[context.loaded.activation.family] = counts.get(context.loaded.activation.family, 0) + 1
    return [
        {"id": family_id, "name": entry[language]["name"], "description": entry[language]["description"], "count": counts[family_id]}
        for family_id, entry in taxonomy("families").items()
        if family_id in counts
    ]


def linking_rows(contexts: list[PageContext]) -> list[dict[str, str]]:
    """Alias → canonical slug, for the linking page."""
    return [{"alias": alias, "slug": c.loaded.slug} for c in sorted(contexts, key=lambda c: c.loaded.slug) for alias in c.loaded.activation.aliases]


def section_rows(language: str) -> list[dict[str, str]]:
    """The sections of an activation page, in order: anchor and heading, for the linking page."""
    t = ui_strings(language)
    return [{"anchor": anchor, "title": t[key]} for anchor, key in SECTIONS.items()]


def errata_pages() -> dict[str, bytes]:
    """The errata page per language, grouped by source note."""
    errata = load_errata()
    notes = sorted({e.note for e in errata})
    template = environment().get_template("errata.md.j2")
    pages: dict[str, bytes] = {}
    for language in LANGUAGES:
        groups = [
            {
                "note": note,
                "index": index,
                "entries": [
                    {
                        "where": escape_cell(e.where.get(language)),
                        "said": escape_cell(e.said.get(language)),
                        "truth": escape_cell(e.truth.get(language)),
                        "check": e.check,
                        "links": [{"label": slug, "href": f"activations/{slug}.md" + (f"#{e.fixed_in}" if e.fixed_in else "")} for slug in e.slugs],
                    }
                    for e in errata
                    if e.note == note
                ],
            }
            for index, note in enumerate(notes)
        ]
        pages[page_path("errata", language)] = template.render(
            t=ui_strings(language), front_matter=front_matter({"title": ui_strings(language)["errata_title"]}), groups=groups
        ).encode("utf-8")
    return pages


def catalogue_pages(contexts: list[PageContext]) -> dict[str, bytes]:
    """Every catalogue-level page and download, both languages: relative path → bytes."""
    env = environment()
    outputs: dict[str, bytes] = {}
    for language in LANGUAGES:
        t = ui_strings(language)
        common = {"t": t}
        outputs[page_path("compare", language)] = (
            env.get_template("compare.md.j2")
            .render(
                **common,
                front_matter=front_matter({"hide": PRINT_PAGE_HIDE, "title": t["compare_title"]}),
                rows=comparison_rows(contexts, language),
                legend=compare_legend(contexts, language),
                tasks=[{"id": k, "name": v[language]["name"]} for k, v in taxonomy("tasks").items()],
                families=family_index(contexts, language),
                csv_name=f"activations-{language}.csv",
            )
            .encode("utf-8")
        )
        outputs[f"data/activations-{language}.csv"] = comparison_csv(contexts, language)
        outputs[page_path("cheat-sheet", language)] = (
            env.get_template("cheat-sheet.md.j2")
            .render(**common, front_matter=front_matter({"hide": PRINT_PAGE_HIDE, "title": t["cheat_sheet_title"]}), rows=cheat_sheet_rows(contexts, language))
            .encode("utf-8")
        )
        outputs[page_path("by-task", language)] = (
            env.get_template("by-task.md.j2")
            .render(**common, front_matter=front_matter({"title": t["by_task_title"]}), sections=by_task_sections(contexts, language))
            .encode("utf-8")
        )
        outputs[page_path("families/index", language)] = (
            env.get_template("families.md.j2")
            .render(**common, front_matter=front_matter({"title": t["families_title"]}), families=family_index(contexts, language))
            .encode("utf-8")
        )
        outputs[page_path("linking", language)] = (
            env.get_template("linking.md.j2")
            .render(
                **common,
                front_matter=front_matter({"title": t["linking_title"]}),
                sections=section_rows(language),
                aliases=linking_rows(contexts),
                example=sorted(c.loaded.slug for c in contexts)[0],
            )
            .encode("utf-8")
        )
        outputs[page_path("tags", language)] = env.get_template("tags.md.j2").render(**common, front_matter=front_matter({"title": t["tags_title"]})).encode("utf-8")
    outputs.update({path: text.encode("utf-8") for path, text in family_pages(contexts).items()})
    outputs.update(errata_pages())
    outputs.update(glossary_pages())
    outputs.update(playground_pages(contexts))
    return outputs
