"""Every erratum names a check that exists, and activations that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actsite.definitions.errata import load_errata
from actsite.definitions.load import DefinitionError
from conftest import BY_SLUG, ROOT

ERRATA = load_errata()


@pytest.mark.parametrize("erratum", ERRATA, ids=[e.id for e in ERRATA])
def test_erratum_check_is_an_existing_test(erratum: object) -> None:
    path, _, name = erratum.check.partition("::")  # type: ignore[attr-defined]
    function, _, parameter = name.partition("[")
    source = (ROOT / path).read_text(encoding="utf-8")
    assert re.search(rf"^def {function}\(", source, flags=re.M), f"{erratum.check} does not exist"  # type: ignore[attr-defined]
    if parameter:
        slug = parameter.rstrip("]").split("-tanh")[0]
        assert slug in BY_SLUG, f"{erratum.check}: no activation {slug!r}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("erratum", ERRATA, ids=[e.id for e in ERRATA])
def test_erratum_names_existing_activations(erratum: object) -> None:
    for slug in erratum.slugs:  # type: ignore[attr-defined]
        assert slug in BY_SLUG


def test_errata_notes_exist() -> None:
    notes = ROOT.parent / "shared" / "notes"
    if notes.exists():  # the notes sit beside the repository in development and CI
        for erratum in ERRATA:
            assert (notes / erratum.note).exists(), erratum.note


def test_errata_file_is_read_strictly(tmp_path: Path) -> None:
    # A duplicated key would silently replace the first value with plain yaml.safe_load.
    path = tmp_path / "errata.yaml"
    path.write_text("- id: one\n  id: two\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as error:
        load_errata(path)
    assert error.value.problems == ["errata/errata.yaml: line 2: key 'id' appears twice: keep one"]


@pytest.mark.parametrize("erratum", ERRATA, ids=[e.id for e in ERRATA])
def test_erratum_about_the_notes_code_is_fixed_in_the_code_section(erratum: object) -> None:
    # An error in a note's code (a wrong derivative, constant or default) points to the corrected code.
    if "code" in erratum.where.en.lower().split():  # type: ignore[attr-defined]
        assert erratum.fixed_in == "code"  # type: ignore[attr-defined]
    if erratum.fixed_in is not None:  # type: ignore[attr-defined]
        assert erratum.slugs  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_errata_page_links_each_fixed_erratum_to_its_section(language: str) -> None:
    from actsite.render.catalogue import errata_pages

    page = errata_pages()[f"errata.{language}.md"].decode("utf-8")
    for erratum in ERRATA:
        anchor = f"#{erratum.fixed_in}" if erratum.fixed_in else ""
        row = next(line for line in page.splitlines() if line.startswith(f"| {erratum.where.get(language)}"))
        for slug in erratum.slugs:
            assert f"([{slug}](activations/{slug}.md{anchor}))" in row
    assert page.count("#code)") == sum(len(e.slugs) for e in ERRATA if e.fixed_in == "code")
