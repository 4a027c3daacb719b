"""The activation names of frameworks and model libraries (`data/registries/*.yaml`) and the page each resolves to.

A registry file holds the names one library exports, the library's version and where the list was
read from. A name resolves to the activation whose slug or alias has the same *key*: the last
dotted component, lower-cased, with every character but letters and digits dropped (`LeakyReLU`,
`leaky_relu`, `leaky-relu` and `torch.nn.functional.leaky_relu_` are all `leakyrelu`; a trailing
underscore marks PyTorch's in-place form of the same function). The key is what a reader types
into the search box, so a page is found under every spelling the libraries use; the catalogue must
give each key to one page only (`key_collisions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from actsite.definitions.paths import ROOT

REGISTRIES_DIR = ROOT / "data" / "registries"


@dataclass(frozen=True)
class RegistryName:
    """One name of a registry, with what it computes where the list was read from source."""

    name: str
    implementation: str | None = None
    computes: str | None = None  # SymPy expression in x of what the implementation's forward returns
    differs: str | None = None  # how it differs from its page's f outside ±10, if it does


@dataclass(frozen=True)
class Registry:
    """The names one library exports, with its version and where the list was read."""

    registry: str
    version: str
    source: str
    names: list[RegistryName] = field(default_factory=list)
    revision: str | None = None  # the commit or file digest read, for lists read from source

    def qualified(self, name: str) -> str:
        """`torch.nn.functional` + `relu` → `torch.nn.functional.relu`; a model library's keys (`gelu_new`) stay as they are."""
        return f"{self.registry}.{name}" if "." in self.registry else name


def key(name: str) -> str:
    """The resolution key of a name: its last dotted component, lower-case letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.rsplit(".", 1)[-1].lower())


def load_registry(path: Path) -> Registry:
    """Read one `data/registries/<registry>.yaml`; names are plain strings or mappings with `name`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = [RegistryName(name=entry) if isinstance(entry, str) else RegistryName(**entry) for entry in data["names"]]
    return Registry(registry=data["registry"], version=data["version"], source=data["source"], names=names, revision=data.get("revision"))


def load_registries(directory: Path = REGISTRIES_DIR) -> list[Registry]:
    """Every registry file, in file-name order."""
    return [load_registry(path) for path in sorted(directory.glob("*.yaml"))]


def page_keys(slugs_and_aliases: dict[str, list[str]]) -> dict[str, set[str]]:
    """Key → the slugs whose slug or aliases have it (more than one slug is a collision)."""
    keys: dict[str, set[str]] = {}
    for slug, aliases in slugs_and_aliases.items():
        for name in (slug, *aliases):
            keys.setdefault(key(name), set()).add(slug)
    return keys


def resolve(name: str, keys: dict[str, set[str]]) -> str | None:
    """The slug a registry name resolves to, or None."""
    slugs = keys.get(key(name), set())
    return next(iter(slugs)) if len(slugs) == 1 else None
