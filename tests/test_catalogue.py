"""Catalogue pages: CSV download, alias redirects, by-task and family pages, linking page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from actsite.render.i18n import taxonomy
from conftest import BY_SLUG, DEFINITIONS, SLUGS

ALIASES = [(alias, d.slug) for d in DEFINITIONS for alias in d.activation.aliases]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_csv_has_a_bom_and_one_row_per_activation(built_site: Path, language: str) -> None:
    raw = (built_site / "data" / f"activations-{language}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len(body) == len(SLUGS)
    assert sorted(row[header.index("Slug")] for row in body) == sorted(SLUGS)
    assert all(len(row) == len(header) for row in body)


@pytest.mark.parametrize(("alias", "slug"), ALIASES)
def test_alias_pages_redirect_to_the_canonical_page_in_both_languages(built_site: Path, alias: str, slug: str) -> None:
    for prefix in ("", "zh/"):
        text = (built_site / prefix / "activations" / alias / "index.html").read_text(encoding="utf-8")
        assert f'url=../{slug}/"' in text
        assert f'window.location.replace("../{slug}/" + window.location.hash)' in text
        assert (built_site / prefix / "activations" / slug / "index.html").exists()


def test_by_task_page_lists_every_tagged_activation_under_its_task(built_site: Path) -> None:
    for prefix in ("", "zh/"):
        html = (built_site / prefix / "by-task" / "index.html").read_text(encoding="utf-8")
        for task_id in taxonomy("tasks"):
            tagged = [d.slug for d in DEFINITIONS if any(t.task == task_id for t in d.activation.tasks)]
            if not tagged:
                continue
            section = html.split(f'id="{task_id}"', 1)[1].split("<h2", 1)[0]
            for slug in tagged:
                assert f"activations/{slug}/" in section, (prefix, task_id, slug)


def test_at_least_twelve_task_types_in_both_languages() -> None:
    tasks = taxonomy("tasks")
    assert len(tasks) >= 12
    assert all(set(entry) == {"en", "zh"} for entry in tasks.values())


def test_every_family_with_members_has_a_page_and_an_overlay_plot(built_site: Path) -> None:
    families = {d.activation.family for d in DEFINITIONS}
    for family in families:
        assert (built_site / "plots" / f"family-{family}.svg").exists()
        for prefix in ("", "zh/"):
            html = (built_site / prefix / "families" / family / "index.html").read_text(encoding="utf-8")
            members = [d.slug for d in DEFINITIONS if d.activation.family == family]
            assert all(f"activations/{slug}/" in html for slug in members)


def test_comparison_table_has_a_row_per_activation_with_filter_data(built_site: Path) -> None:
    for prefix in ("", "zh/"):
        html = (built_site / prefix / "compare" / "index.html").read_text(encoding="utf-8")
        rows = re.findall(r'<tr data-slug="([a-z0-9-]+)" data-family="([a-z0-9-]+)" data-tasks="([a-z0-9 -]*)">', html)
        assert sorted(r[0] for r in rows) == sorted(SLUGS)
        for slug, family, tasks in rows:
            assert family == BY_SLUG[slug].activation.family
            assert tasks.split() == [t.task for t in BY_SLUG[slug].activation.tasks]


def test_linking_page_lists_every_alias(built_site: Path) -> None:
    for prefix in ("", "zh/"):
        html = (built_site / prefix / "linking" / "index.html").read_text(encoding="utf-8")
        for alias, _slug in ALIASES:
            assert f"/activations/{alias}/" in html


# The modern backbones the deep-vision task names, and the activation each one uses (EfficientNet:
# Swish/SiLU; ConvNeXt: GELU; YOLOv5 and YOLOv8: SiLU); ResNet is the classic ReLU backbone.
VISION_BACKBONES = {"EfficientNet": "silu", "ConvNeXt": "gelu", "YOLOv5": "silu", "YOLOv8": "silu", "ResNet": "relu"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_deep_vision_recommendation_is_what_its_example_backbones_use(language: str) -> None:
    from types import SimpleNamespace

    from actsite.render.catalogue import by_task_sections

    contexts = [SimpleNamespace(loaded=d) for d in DEFINITIONS]
    section = next(s for s in by_task_sections(contexts, language) if s["id"] == "deep-vision")  # type: ignore[arg-type]
    named = [model for model in VISION_BACKBONES if model in section["description"]]
    modern = [model for model in named if VISION_BACKBONES[model] != "relu"]
    assert modern, section["description"]
    # The page says "start with" the first row: it must be an activation the modern examples use.
    assert section["rows"][0]["slug"] in {VISION_BACKBONES[model] for model in modern}
    for model in named:
        slug = VISION_BACKBONES[model]
        tag = next(t for t in BY_SLUG[slug].activation.tasks if t.task == "deep-vision")
        assert tag.level >= 4, (model, slug)


@pytest.mark.parametrize(("language", "word", "other"), [("en", r"\text{if}", r"\text{当}"), ("zh", r"\text{当}", r"\text{if}")])
def test_cheat_sheet_formulas_speak_the_page_language(built_site: Path, language: str, word: str, other: str) -> None:
    # Piecewise case words (SymPy's `for` / `otherwise`) are translated like on the activation pages.
    page = (built_site / ("zh" if language == "zh" else "") / "cheat-sheet" / "index.html").read_text(encoding="utf-8")
    tex = re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>', page, flags=re.S)
    assert any(word in formula for formula in tex)
    assert not any(other in formula for formula in tex)


# Chinese typography: a full stop after Chinese text is 。, and nothing follows it but the next sentence.
_ASCII_STOP_AFTER_CHINESE = re.compile(r"[\u3400-\u9fff\uff09」”*\]）)]\.(?:\s|$)")
_SPACE_AFTER_CHINESE_STOP = re.compile(r"[。；！？] ")


def chinese_typography_problems(text: str) -> list[str]:
    """An ASCII full stop after Chinese text or markup, or a space after a Chinese full stop."""
    return [match.group(0) for pattern in (_ASCII_STOP_AFTER_CHINESE, _SPACE_AFTER_CHINESE_STOP) for match in pattern.finditer(text)]


def test_by_task_page_writes_chinese_typography_and_keeps_every_item_of_a_task_name() -> None:
    from types import SimpleNamespace

    from actsite.render.catalogue import by_task_sections

    contexts = [SimpleNamespace(loaded=d) for d in DEFINITIONS]
    for section in by_task_sections(contexts, "zh"):  # type: ignore[arg-type]
        assert not chinese_typography_problems(section["lead"]), section["lead"]
        assert section["lead"].endswith("。")
    for task_id, entry in taxonomy("tasks").items():
        # A parenthetical list in the name has as many items in Chinese as in English ("SE, LSTM-style gates").
        english = re.findall(r"\(([^)]*)\)", entry["en"]["name"])
        chinese = re.findall(r"（([^）]*)）", entry["zh"]["name"])
        assert [len(re.split(r", |/", item)) for item in english] == [len(re.split(r"、|/", item)) for item in chinese] or not english, task_id


def test_chinese_typography_check_rejects_the_old_by_task_lead() -> None:
    old = "把另一路信号按 0 到 1 缩放的输出，例如 SE 模块中的通道权重。 建议首先尝试 **[Sigmoid](activations/sigmoid.md)**."
    assert chinese_typography_problems(old) == ["*.", "。 "]
