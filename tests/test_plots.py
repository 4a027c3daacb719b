"""Plots: one per activation, distinct, reproducible, cached by what they depend on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from actsite.render.plots import figure_keys, render_activation
from actsite.site import build
from conftest import BY_SLUG, DEFINITIONS, ROOT


def test_no_two_activations_share_a_plot(built_site: Path) -> None:
    digests: dict[str, str] = {}
    for svg in sorted((built_site / "plots").glob("*.svg")):
        digest = hashlib.sha256(svg.read_bytes()).hexdigest()
        assert digest not in digests, f"{svg.name} has the same bytes as {digests.get(digest)}"
        digests[digest] = svg.name
    expected = {name for d in DEFINITIONS for name in figure_keys(d)}
    # Family overlays (family-*.svg) are drawn from several activations and checked in test_catalogue.
    assert {name for name in digests.values() if not name.startswith("family-")} == expected


def test_rendering_is_byte_for_byte_reproducible() -> None:
    loaded = BY_SLUG["leaky-relu"]
    assert render_activation(loaded) == render_activation(loaded)


def test_plot_text_stays_text_and_has_no_date() -> None:
    svg = render_activation(BY_SLUG["leaky-relu"])["leaky-relu.svg"].decode()
    assert "<dc:date>" not in svg
    assert "f(x)" in svg
    assert "f′(x)" in svg


def test_noop_rebuild_renders_no_plot(built_site: Path, exclusive_root: None) -> None:
    report = build.generate()  # the site fixture already generated everything once
    assert report.plots_rendered == 0
    assert report.properties_computed == 0
    assert report.properties_cached == len(DEFINITIONS)
    assert report.files_written == 0


def test_cache_key_changes_with_the_math_and_not_with_prose() -> None:
    loaded = BY_SLUG["leaky-relu"]
    keys = figure_keys(loaded)
    prose_changed = loaded.activation.model_copy(update={"year": 1999})
    math_changed = loaded.activation.model_copy(update={"math": loaded.activation.math.model_copy(update={"plot_range": (-9.0, 9.0)})})
    assert figure_keys(type(loaded)(loaded.path, prose_changed, loaded.source_text, loaded.math)) == keys
    changed = figure_keys(type(loaded)(loaded.path, math_changed, loaded.source_text, loaded.math))
    assert all(changed[name] != keys[name] for name in keys)


@pytest.mark.parametrize("name", ["plots", "site", "node_modules"])
def test_build_outputs_are_git_ignored(name: str) -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert f"/{name}/" in ignored
