"""`actsite new <slug>`: the skeleton of a definition, complete in both languages and valid in shape.

Every value an author must write says `TODO` (or, for ids, `todo`), so `actsite check` fails with
one line per field still to fill (rules `unfilled-skeleton` and `known-taxonomy`) until it is done.
The skeleton is in canonical order and states nothing derivable, as `actsite fix` would write it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from actsite.definitions.model import SLUG_PATTERN, Kind

SKELETON = """\
# yaml-language-server: $schema=../schema/activation.schema.json
# New definition: replace every TODO and todo (`actsite check {slug}` lists those left); README, "Adding an activation".
# The slug is the file name; the year is the origin reference's (write `year:` only if it differs).
name:
  en: TODO English name
  zh: TODO 中文名称
aliases: []
kind: elementwise  # one of: {kinds}
family: todo  # an id of i18n/families.yaml
parameters: []  # each: name, latex, default, variants, description {{en, zh}}
math:
  function: TODO  # a SymPy expression in x and the parameter names, e.g. Piecewise((x, x >= 0), (0, True))
  plot_range: [-5, 5]
prose:
  summary:
    en: TODO one sentence on what the function is.
    zh: TODO 用一句话说明这个函数是什么。
  intuition:
    en: TODO how it behaves and why.
    zh: TODO 它的行为与原因。
  pros:
    en:
      - TODO an advantage.
    zh:
      - TODO 一个优点。
  cons:
    en:
      - TODO a drawback.
    zh:
      - TODO 一个缺点。
  use_cases:
    en:
      - TODO where it is used.
    zh:
      - TODO 它用在哪里。
  pitfalls:
    en:
      - TODO a mistake to avoid.
    zh:
      - TODO 一个需要避免的错误。
tasks:
  - task: todo  # an id of i18n/tasks.yaml
    level: 3
    reason:
      en: TODO why this level for this task.
      zh: TODO 为什么在这个任务上是这个推荐度。
recommendation:
  level: 3
  reason:
    en: TODO why this overall level.
    zh: TODO 为什么是这个总体推荐度。
references:
  - authors: TODO First Author, Second Author
    year: 2000
    title: TODO title of the paper that introduced the function
    url: https://TODO
    role: origin
"""


class SkeletonError(ValueError):
    """The slug cannot be used for a new definition; the message says why."""


def taken_names(directory: Path) -> dict[str, str]:
    """Every slug and alias of the definitions in `directory` → the file that holds it (unreadable files: their slug only)."""
    names: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        names[path.stem] = path.name
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        aliases = data.get("aliases") if isinstance(data, dict) else None
        for alias in aliases if isinstance(aliases, list) else []:
            names.setdefault(str(alias), path.name)
    return names


def skeleton_text(slug: str) -> str:
    """The skeleton of `activations/<slug>.yaml`."""
    return SKELETON.format(slug=slug, kinds=", ".join(kind.value for kind in Kind))


def write_skeleton(directory: Path, slug: str) -> Path:
    """Write the skeleton of `slug` into `directory`; raise SkeletonError for an invalid or taken slug."""
    if not re.match(SLUG_PATTERN, slug):
        raise SkeletonError(f"{slug!r} is not a slug: use lowercase letters, digits and single hyphens (e.g. `my-relu`)")
    taken = taken_names(directory)
    if slug in taken:
        raise SkeletonError(f"{slug!r} is already used by {directory.name}/{taken[slug]}: choose another slug, or edit that file")
    path = directory / f"{slug}.yaml"
    path.write_text(skeleton_text(slug), encoding="utf-8")
    return path
