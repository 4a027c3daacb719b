"""Search keys: what makes a page the first result for its names, and a page about a term rank for it.

Material's search (lunr) appends a wildcard to every query term and ranks by tf-idf, so a longer,
rarer name that starts with the query outranks the exact one (`tanh` finds Tanhshrink first, `swish`
Hardswish), and a Chinese query is cut into whatever words the index happens to hold (修正线性单元
finds ISRU). Page boosts cannot fix that: they apply to every query. So every activation page's entry
in the index gets two extra fields (site/search_index.py) holding *keys*, one per whole name:

- `names`: its names in both languages, with and without the parenthesised part, each alias and the
  slug;
- `topics`: the glossary terms (with the variants readers type: `avoid` and `synonyms`) that its
  prose uses.

A key is the name normalised (NFKC, lower case, letters and digits only: `Leaky ReLU`, `leaky-relu`
and `leakyrelu` are one name) and hashed (FNV-1a, 32 bits, base 36, `xn` in front), so it is one ASCII
token that no segmentation splits and no word of a page's text matches. The search worker
(docs/assets/javascripts/workers/search-names.js) computes the key of the whole query the same way
and adds one exact clause for it: a query that is a page's name ranks that page first, one that is a
glossary term ranks the pages about it first; every other query ranks as Material ranks it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from actsite.definitions.checks import prose_strings
from actsite.definitions.glossary import Term, load_glossary
from actsite.definitions.languages import LANGUAGES
from actsite.definitions.load import Loaded
from actsite.definitions.model import Activation
from actsite.render.i18n import taxonomy

KEY_PREFIX = "xn"
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193
PARENTHESISED = re.compile(r"\s*[（(]([^（）()]*)[）)]\s*")
BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def normalized(text: str) -> str:
    """The name as search compares it: NFKC, lower case, only letters and digits (spaces, hyphens, punctuation dropped)."""
    return "".join(character for character in unicodedata.normalize("NFKC", text).lower() if character.isalnum())


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = BASE36[digit] + digits
        if not number:
            return digits


def name_key(text: str) -> str | None:
    """The search key of a name (`xn` + FNV-1a of its normalised UTF-8, base 36); None for a name with no letter or digit."""
    name = normalized(text)
    if not name:
        return None
    value = FNV_OFFSET
    for byte in name.encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return KEY_PREFIX + _base36(value)


def name_variants(slug: str, activation: Activation) -> list[str]:
    """Every name a reader may type for an activation: both languages' names, their parts, the aliases and the slug."""
    variants = [slug, *activation.aliases]
    for language in LANGUAGES:
        name = activation.name.get(language)
        outside = PARENTHESISED.sub(" ", name).strip()
        inside = PARENTHESISED.findall(name)
        variants += [name, outside, *inside]
        # "SiLU / Swish", "ReLU（线性整流函数，修正线性单元）": each of several names is a name
        variants += [part.strip() for text in (outside, *inside) for part in re.split(r"\s+/\s+|，|、|;\s", text) if part.strip()]
    return list(dict.fromkeys(variants))


def term_variants(term: Term) -> list[str]:
    """The words of a glossary term in both languages: the term, the variants to avoid, the synonyms, and the English plurals."""
    english = [term.en, *term.avoid.en, *term.synonyms.en]
    return list(dict.fromkeys([*english, *(f"{word}s" for word in english), term.zh, *term.avoid.zh, *term.synonyms.zh]))


MAX_MENTIONS = 3  # a topic key is repeated once per mention up to this: the pages that discuss a term most rank first


def _mentions(prose: str, words: Iterable[str]) -> int:
    """How often the prose uses one of the words (English as whole words, a plural allowed; Chinese as written)."""
    count = 0
    for word in words:
        if re.search(r"[\u4e00-\u9fff]", word):
            count += prose.count(word)
        else:
            count += len(re.findall(r"(?<![\w-])" + re.escape(word) + r"(?:s|es)?(?![\w-])", prose, flags=re.IGNORECASE))
    return count


def _keys(texts: Iterable[str]) -> list[str]:
    return sorted({key for text in texts if (key := name_key(text)) is not None})


def _topic_keys(prose: str, terms: list[tuple[Term, list[str]]]) -> list[str]:
    """The keys of every glossary term the prose uses, each repeated by how often it is used (at most MAX_MENTIONS)."""
    keys: list[str] = []
    for term, words in terms:
        said = [term.en, *term.avoid.en, *term.synonyms.en, term.zh, *term.avoid.zh, *term.synonyms.zh]  # plurals are matched by _mentions itself
        mentions = min(_mentions(prose, said), MAX_MENTIONS)
        if mentions:
            keys += [key for key in _keys(words) for _ in range(mentions)]
    return sorted(keys)


def search_keys(activations: Iterable[tuple[str, Activation, str]], glossary: Iterable[Term]) -> dict[str, dict[str, list[str]]]:
    """Page location (`activations/gelu/`, the same in every language) → {"names": keys, "topics": keys}.

    `activations` holds (slug, definition, its texts in every language joined: prose, task reasons, notes); a topic is a glossary
    term the prose uses in either language.
    """
    terms = [(term, term_variants(term)) for term in glossary]
    keys: dict[str, dict[str, list[str]]] = {}
    for slug, activation, prose in activations:
        keys[f"activations/{slug}/"] = {"names": _keys(name_variants(slug, activation)), "topics": _topic_keys(prose, terms)}
    return keys


def shared_names(activations: Iterable[tuple[str, Activation]]) -> Iterator[tuple[str, list[str]]]:
    """(normalised name, slugs) for every name more than one activation carries: search could not rank one of them first."""
    owners: dict[str, set[str]] = {}
    for slug, activation in activations:
        for variant in name_variants(slug, activation):
            if normalized(variant):
                owners.setdefault(normalized(variant), set()).add(slug)
    for name, slugs in sorted(owners.items()):
        if len(slugs) > 1:
            yield name, sorted(slugs)


def catalogue_search_keys(definitions: Iterable[Loaded]) -> dict[str, dict[str, list[str]]]:
    """`search_keys` of every loaded definition with the project's glossary (what the search index gets).

    A page's texts are its definition's (prose, task reasons, notes) and the names and descriptions of
    the tasks it is tagged with: a page recommended for multi-class output is about multi-class
    classification even where its own prose says "classes".
    """
    tasks = taxonomy("tasks")

    def texts(loaded: Loaded) -> str:
        own = [text for _, text in prose_strings(loaded.activation)]
        tagged = [tasks[tag.task][language][field] for tag in loaded.activation.tasks for language in LANGUAGES for field in ("name", "description")]
        return "\n".join(own + tagged)

    return search_keys(((loaded.slug, loaded.activation, texts(loaded)) for loaded in definitions), load_glossary())
