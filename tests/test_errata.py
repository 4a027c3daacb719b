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
