"""Rule `references`: the reference list is well-formed: one origin at most, no source twice, canonical arXiv and DOI addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from actsite.definitions.lint.rule import Problem, Rule, Scope, Severity
from actsite.definitions.model import Activation

# New-style (2007+) and old-style (`math/0307152`) arXiv ids, optionally versioned.
_ARXIV_ABSTRACT = re.compile(r"https://arxiv\.org/abs/(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?")
_DOI = re.compile(r"https://doi\.org/10\.\d{4,9}/\S+")


def check(activation: Activation) -> Iterator[Problem]:
    """Repeated addresses, several origins, arXiv links that are not abstract pages, DOI links off doi.org, untidy text fields."""
    seen: dict[str, int] = {}
    origins = 0
    for index, reference in enumerate(activation.references):
        where = f"references[{index}]"
        if reference.url in seen:
            yield Problem(f"{where}.url", f"{reference.url!r} is already cited as references[{seen[reference.url]}]: cite each source once")
        seen.setdefault(reference.url, index)
        if "arxiv.org/" in reference.url and not _ARXIV_ABSTRACT.fullmatch(reference.url):
            yield Problem(f"{where}.url", f"{reference.url!r} is not an arXiv abstract page: link https://arxiv.org/abs/<id>")
        if "doi.org/" in reference.url and not _DOI.fullmatch(reference.url):
            yield Problem(f"{where}.url", f"{reference.url!r} is not a DOI address: link https://doi.org/10.<prefix>/<suffix>")
        for field in ("authors", "title", "venue"):
            value = getattr(reference, field)
            if value is not None and value != " ".join(value.split()):
                yield Problem(f"{where}.{field}", "has line breaks or extra spaces: write it on one line with single spaces")
        if reference.title.endswith("."):
            yield Problem(f"{where}.title", "ends with a period: write the title as the paper does, without it")
        if reference.role == "origin":
            origins += 1
            if origins == 2:
                yield Problem(f"{where}.role", "a second `origin`: only the source that introduced the function is the origin; mark this one usage or analysis")


RULE = Rule(
    name="references",
    description="References are well-formed: each source once, at most one origin, arXiv abstract pages, doi.org DOIs, tidy text.",
    scope=Scope.definition,
    severity=Severity.error,
    check=check,
)
