"""Every definition validates; lints over the whole catalogue (one concern per test)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from actsite.definitions.load import ACTIVATIONS_DIR, math_problems
from actsite.definitions.schema import SCHEMA_PATH, schema_text
from actsite.render.i18n import taxonomy, ui_strings
from conftest import BY_SLUG, DEFINITIONS, ROOT, SLUGS

REQUIRED_CORE = ["sigmoid", "tanh", "relu", "leaky-relu", "elu", "selu", "gelu", "silu", "mish", "softplus", "softsign", "hardswish"]


@pytest.mark.parametrize("slug", SLUGS)
def test_definition_passes_the_math_checks(slug: str) -> None:
    # conftest loads the definitions without these checks (every worker imports it); here they run once each.
    assert math_problems(BY_SLUG[slug]) == []


def test_core_catalogue_is_complete() -> None:
    missing = [slug for slug in REQUIRED_CORE if slug not in BY_SLUG]
    assert not missing, f"missing definitions: {missing}"


def test_published_json_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `make fix-schema`"


@pytest.mark.parametrize("slug", SLUGS)
def test_definition_validates_against_published_json_schema(slug: str) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    data = yaml.safe_load((ACTIVATIONS_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


@pytest.mark.parametrize("slug", SLUGS)
def test_definition_names_its_schema_for_editors(slug: str) -> None:
    first_line = (ACTIVATIONS_DIR / f"{slug}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/activation.schema.json"


@pytest.mark.parametrize("slug", SLUGS)
def test_task_and_family_ids_are_known(slug: str) -> None:
    activation = BY_SLUG[slug].activation
    tasks = taxonomy("tasks")
    assert activation.family in taxonomy("families"), f"unknown family {activation.family!r}"
    for tag in activation.tasks:
        assert tag.task in tasks, f"unknown task {tag.task!r}"
    assert len({tag.task for tag in activation.tasks}) == len(activation.tasks), "a task is listed twice"


@pytest.mark.parametrize("slug", SLUGS)
def test_has_an_origin_or_standard_reference(slug: str) -> None:
    references = BY_SLUG[slug].activation.references
    assert references, "every activation cites at least one source"


@pytest.mark.parametrize("slug", SLUGS)
def test_parameter_variants_include_the_default(slug: str) -> None:
    for parameter in BY_SLUG[slug].activation.parameters:
        if parameter.variants:
            assert parameter.default in parameter.variants, f"{parameter.name}: variants should show the default"


def test_ui_strings_have_identical_keys_in_both_languages() -> None:
    assert set(ui_strings("en")) == set(ui_strings("zh"))


@pytest.mark.parametrize("name", ["tasks", "families"])
def test_taxonomies_are_translated(name: str) -> None:
    for key, entry in taxonomy(name).items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)
        assert set(entry) == {"en", "zh"}, key
        for language in ("en", "zh"):
            assert entry[language]["name"], (key, language)
            assert entry[language]["description"], (key, language)


def test_slugs_and_aliases_are_unique() -> None:
    names = [d.slug for d in DEFINITIONS] + [a for d in DEFINITIONS for a in d.activation.aliases]
    assert len(names) == len(set(names))


def test_no_source_file_lists_the_activations() -> None:
    # Activations are discovered from activations/*.yaml; no list elsewhere may drift from it.
    for path in (ROOT / "src").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert text.count('"leaky-relu"') + text.count("'leaky-relu'") == 0, path


def test_folded_chinese_lines_join_without_spaces_but_latin_words_keep_theirs() -> None:
    from actsite.definitions.model import unfold_chinese

    assert unfold_chinese("梯度能被更新回来。 普通 ReLU 截断负输入， 负半轴 为零") == "梯度能被更新回来。普通 ReLU 截断负输入，负半轴为零"


def test_silu_is_attributed_to_the_gelu_paper_where_it_first_appeared() -> None:
    # Hendrycks & Gimpel (2016, arXiv:1606.08415) named x·σ(x) SiLU, as torch.nn.SiLU's docstring says;
    # Elfwing et al. (2017) and Ramachandran et al. (2017, "Swish") came later.
    silu = BY_SLUG["silu"].activation
    assert silu.year == 2016
    origins = [r for r in silu.references if r.role == "origin"]
    assert [r.url for r in origins] == ["https://arxiv.org/abs/1606.08415"]
    assert origins[0].year == 2016
    for language in ("en", "zh"):
        text = silu.prose.intuition.get(language)
        assert "Hendrycks" in text
        assert "2016" in text
