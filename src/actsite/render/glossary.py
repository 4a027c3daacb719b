"""The Glossary / 术语表 page: every term of `i18n/glossary.yaml` under its language-neutral anchor.

Terms are sorted by the English term in both languages, so the two pages have the same structure.
"""

from __future__ import annotations

from actsite.definitions.escape import inline_markdown
from actsite.definitions.glossary import Term, load_glossary
from actsite.definitions.model import LANGUAGES
from actsite.render.front_matter import front_matter
from actsite.render.i18n import ui_strings
from actsite.render.templating import environment, page_path


def glossary_rows(terms: tuple[Term, ...], language: str) -> list[dict[str, str]]:
    """One row per term, sorted by the English term: anchor, the term, the term in the other language, the definition."""
    other = "zh" if language == "en" else "en"
    label = ui_strings(language)["glossary_other_term"]
    return [
        {
            "anchor": term.anchor,
            "term": getattr(term, language),
            "other": label.format(term=getattr(term, other)),
            "definition": inline_markdown(term.definition.get(language)),
        }
        for term in sorted(terms, key=lambda term: term.en.lower())
    ]


def glossary_pages(terms: tuple[Term, ...] | None = None) -> dict[str, bytes]:
    """`glossary.en.md` and `glossary.zh.md`: relative path → bytes."""
    terms = load_glossary() if terms is None else terms
    template = environment().get_template("glossary.md.j2")
    pages = {}
    for language in LANGUAGES:
        t = ui_strings(language)
        text = template.render(t=t, front_matter=front_matter({"title": t["glossary_title"]}), terms=glossary_rows(terms, language))
        pages[page_path("glossary", language)] = text.encode("utf-8")
    return pages
