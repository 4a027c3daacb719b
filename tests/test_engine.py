"""The engine step's configuration: mkdocs.yml plus the grouped navigation, absolute folders and the optional adapter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actsite.site import engine
from actsite.site.navigation import grouped_navigation
from conftest import ROOT

PAGES = ["index.md", "by-task.md", "activations/elu.md", "activations/gelu.md", "activations/new.md", "activations/relu.md", "families/index.md", "families/relu.md"]
FAMILY_OF = {"elu": "exponential-linear", "gelu": "self-gated", "relu": "relu"}
TITLES = {
    "en": {"relu": "ReLU family", "self-gated": "Self-gated", "exponential-linear": "Exponential linear", "empty": "No members"},
    "zh": {"relu": "ReLU 家族", "self-gated": "自门控", "exponential-linear": "指数线性", "empty": "无成员"},
}


def _read(text: str) -> dict[str, object]:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda reader, node: ("!ENV", reader.construct_sequence(node)))  # type: ignore[attr-defined]
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass


def test_the_pages_are_ordered_as_mkdocs_orders_them(tmp_path: Path) -> None:
    for page in ("index", "zeta", "alpha", "activations/gelu-tanh", "activations/gelu", "families/index", "families/a"):
        for language in ("en", "zh"):
            (tmp_path / f"{page}.{language}.md").parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / f"{page}.{language}.md").write_text("# page\n", encoding="utf-8")
    # index first, then files by name ('-' sorts before '.'), then folders
    assert engine.page_paths(tmp_path) == ["index.md", "alpha.md", "zeta.md", "activations/gelu-tanh.md", "activations/gelu.md", "families/index.md", "families/a.md"]


def test_the_activations_are_grouped_by_family_in_the_taxonomy_order() -> None:
    assert grouped_navigation(PAGES, FAMILY_OF, TITLES["en"]) == [
        "index.md",
        "by-task.md",
        {
            "Activations": [
                {"ReLU family": ["activations/relu.md"]},
                {"Self-gated": ["activations/gelu.md"]},
                {"Exponential linear": ["activations/elu.md"]},
                "activations/new.md",
            ]
        },
        {"Families": ["families/index.md", "families/relu.md"]},
    ]


def test_without_an_activations_folder_the_pages_are_only_nested() -> None:
    assert grouped_navigation(["index.md", "a/b.md", "a/c.md"], FAMILY_OF, TITLES["en"]) == ["index.md", {"A": ["a/b.md", "a/c.md"]}]


@pytest.mark.parametrize("adapter", [True, False])
def test_the_configuration_is_mkdocs_yml_with_the_navigation_and_the_adapter(adapter: bool) -> None:
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    written = _read(engine.config_text(base, ROOT / "docs", PAGES, FAMILY_OF, TITLES, adapter=adapter))
    original = _read(base)
    assert written["site_url"] == ("!ENV", ["SITE_URL", None])  # still read from the environment by the engine
    assert written["docs_dir"] == str(ROOT / "docs")
    assert written["theme"]["custom_dir"] == str(ROOT / "overrides")  # type: ignore[index]
    assert written.get("hooks") == ([str(engine.ADAPTER)] if adapter else None)
    assert "watch" not in written
    assert written["nav"] == grouped_navigation(PAGES, FAMILY_OF, TITLES["en"])
    plugins = {next(iter(p)) if isinstance(p, dict) else p: p for p in written["plugins"]}  # type: ignore[attr-defined]
    zh = next(language for language in plugins["i18n"]["i18n"]["languages"] if language["locale"] == "zh")
    assert zh["nav_translations"]["Activations"] == "激活函数"  # mkdocs.yml's own translations are kept
    assert zh["nav_translations"]["Self-gated"] == "自门控"
    assert {key: value for key, value in written.items() if key not in ("nav", "docs_dir", "theme", "hooks", "plugins")} == {
        key: value for key, value in original.items() if key not in ("docs_dir", "theme", "hooks", "plugins", "watch")
    }


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown engine 'sphinx'"):
        engine.start("sphinx", tmp_path / "mkdocs.yml", tmp_path / "site", tmp_path)
