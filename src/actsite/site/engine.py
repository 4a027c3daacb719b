"""The engine step: the site generator that turns docs/ into HTML, run as one subprocess.

`actsite build` hands the engine a configuration written for this build (`write_config`): the
project's mkdocs.yml, which stays the plain engine configuration, plus what the generator knows
and the engine cannot find out on its own:

- `nav`: the pages in the order MkDocs lists them by itself (index first, files by name, folders
  last), with the activations grouped by family (`navigation`); the family titles of the other
  languages join static-i18n's `nav_translations`;
- absolute paths for the folders, so the file can live in `.cache/`;
- the optional adapter (`mkdocs_adapter`), a speed trick that never changes the site.

Any engine that reads a MkDocs 1.x configuration and runs Material and static-i18n can take this
step: MkDocs 1.6 and its fork ProperDocs 1.6 (tested to build the same site).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from actsite.site.navigation import grouped_navigation

ENGINES = ("mkdocs", "properdocs")  # Python modules with a MkDocs 1.x command line
ADAPTER = Path(__file__).with_name("mkdocs_adapter.py")


class _Tagged:
    """A YAML value with a tag the engine resolves (`!ENV [SITE_URL, null]`), kept as written."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag = tag
        self.node = node


class _Loader(yaml.SafeLoader):
    """YAML reader that keeps the engine's own tags instead of resolving them."""


class _Dumper(yaml.SafeDumper):
    """YAML writer that writes those tags back."""


def _keep_tag(loader: yaml.Loader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged("!" + suffix, node)


def _write_tag(dumper: yaml.Dumper, value: _Tagged) -> yaml.Node:
    node = value.node
    node.tag = value.tag
    return node


_Loader.add_multi_constructor("!", _keep_tag)  # type: ignore[no-untyped-call]
_Dumper.add_representer(_Tagged, _write_tag)


def _page_order(page: str) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' own order of pages: by folder, the folder's index first, then by file name."""
    parts = tuple(page.split("/"))
    return parts[:-1], parts[-1] != "index.md", parts[-1]


def page_paths(docs: Path) -> list[str]:
    """The Markdown pages of docs/ as the engine names them (`activations/gelu.md`), one per page in every language."""
    pages = {path.relative_to(docs).as_posix().rsplit(".", 2)[0] + ".md" for path in docs.rglob("*.en.md")}
    return sorted(pages, key=_page_order)


def config_text(
    base: str,
    docs: Path,
    pages: list[str],
    family_of: Mapping[str, str],
    family_titles: Mapping[str, Mapping[str, str]],
    *,
    adapter: bool,
) -> str:
    """The engine configuration: `base` (mkdocs.yml's text) with the navigation, absolute folders and the adapter.

    `family_titles`: language → family id → title, in the order the family sections take.
    """
    config: dict[str, Any] = yaml.load(base, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader that keeps tags unresolved
    root = docs.parent
    config["docs_dir"] = str(docs)
    theme = config["theme"]
    if "custom_dir" in theme:
        theme["custom_dir"] = str(root / theme["custom_dir"])
    config.pop("watch", None)  # `actsite serve` watches the sources
    config.pop("hooks", None)
    if adapter:
        config["hooks"] = [str(ADAPTER)]
    default, *others = _i18n_languages(config)
    titles = family_titles[default["locale"]]
    config["nav"] = grouped_navigation(pages, family_of, titles)
    for language in others:  # static-i18n translates the family sections' titles as it does the folders'
        translated = family_titles[language["locale"]]
        language.setdefault("nav_translations", {}).update({titles[family]: translated[family] for family in titles})
    return "# Written by actsite for one build from mkdocs.yml (src/actsite/site/engine.py); edit mkdocs.yml.\n" + yaml.dump(
        config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200
    )


def _i18n_languages(config: dict[str, Any]) -> list[dict[str, Any]]:
    """static-i18n's languages, the default one first."""
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages: list[dict[str, Any]] = plugin["i18n"]["languages"]
            return sorted(languages, key=lambda language: not language.get("default", False))
    raise ValueError("mkdocs.yml: plugins: the i18n plugin (static-i18n) is not configured")


def write_config(root: Path, folder: Path, family_of: Mapping[str, str], family_titles: Mapping[str, Mapping[str, str]], *, adapter: bool) -> Path:
    """Write the engine configuration of this build into `folder`; its path."""
    docs = root / "docs"
    text = config_text((root / "mkdocs.yml").read_text(encoding="utf-8"), docs, page_paths(docs), family_of, family_titles, adapter=adapter)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def start(engine: str, config: Path, site: Path, root: Path) -> subprocess.Popen[bytes]:
    """Start `<engine> build --strict` of `config` into `site`; its output goes to this process's."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(config), "--site-dir", str(site)]
    return subprocess.Popen(command, cwd=root, env=environment)
