"""The cache of computed properties: exact round trip, invalidated by the math and the code only."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest

from actsite.analysis.approximation import approximation_errors
from actsite.analysis.computed import ComputedValues, properties_from_json, properties_to_json
from actsite.analysis.propagation import initialization
from actsite.analysis.properties import Bound, Properties
from actsite.analysis.samples import sample_curves, samples_json, with_samples_json
from actsite.render.context import PageContext
from actsite.render.export import export_json
from actsite.render.pages import render_activation_pages
from actsite.render.property_table import property_rows
from actsite.site import build
from actsite.site import cache as computed_cache
from actsite.site.cache import cache_key, code_fingerprint, read_cache, write_cache
from conftest import BY_SLUG, SLUGS, properties_of


@pytest.mark.parametrize("slug", SLUGS)
def test_properties_survive_the_cache_exactly(slug: str) -> None:
    fresh = properties_of(slug)
    stored = json.loads(json.dumps(properties_to_json(fresh), sort_keys=True))
    cached = properties_from_json(stored)
    assert cached == fresh
    symbol = BY_SLUG[slug].math.function_symbol_text
    for language in ("en", "zh"):
        assert property_rows(cached, language, symbol) == property_rows(fresh, language, symbol)


def test_infinite_bounds_and_pieces_round_trip() -> None:
    value = Properties(
        lower=Bound(-math.inf, False),
        upper=Bound(math.inf, False),
        monotonic="no",
        zero_centred="no",
        smoothness=-1,
        saturation_left="hard",
        saturation_right="no",
        value_at_zero=1.0,
        derivative_at_zero=None,
        derivative_at_zero_sides=(0.0, 1.5),
        sup_abs_derivative=math.inf,
        kinks=(0.0, 2.5),
        pieces=((Bound(0.0, True), Bound(0.0, True)), (Bound(1.0, True), Bound(math.inf, False))),
    )
    assert properties_from_json(json.loads(json.dumps(properties_to_json(value)))) == value


def test_computed_values_round_trip_with_undefined_slopes() -> None:
    loaded = BY_SLUG["binary-step"]
    fresh = ComputedValues(
        properties_of("binary-step"),
        approximation_errors(loaded),
        initialization(loaded.math, loaded.activation),
        sample_curves(loaded.math, properties_of("binary-step").kinks),
    )
    assert None in fresh.samples["dy"]  # f′ is undefined at the jump x = 0
    restored = ComputedValues.from_json(json.loads(json.dumps(fresh.to_json(), sort_keys=True)))
    assert restored == fresh
    assert list(restored.samples) == list(fresh.samples) == ["x", "y", "dy"]  # the export's bytes depend on this order


def test_nan_is_refused_rather_than_cached() -> None:
    value = Properties(
        lower=Bound(math.nan, False),
        upper=Bound(1.0, False),
        monotonic="no",
        zero_centred="no",
        smoothness=None,
        saturation_left="no",
        saturation_right="no",
        value_at_zero=0.0,
        derivative_at_zero=0.0,
        derivative_at_zero_sides=None,
        sup_abs_derivative=1.0,
        kinks=(),
    )
    with pytest.raises(ValueError, match="NaN"):
        properties_to_json(value)


def test_key_changes_with_the_math_and_the_code_not_with_prose() -> None:
    loaded = BY_SLUG["leaky-relu"]
    code = code_fingerprint(approximation_errors, extra=[0.0, 0.01])
    key = cache_key(loaded, code)
    activation = loaded.activation
    prose_changed = activation.model_copy(update={"year": 1999})
    function_changed = activation.model_copy(update={"math": activation.math.model_copy(update={"function": "Max(x, 0.02*x)"})})
    default_changed = activation.model_copy(update={"parameters": [activation.parameters[0].model_copy(update={"default": 0.2})]})
    rebuilt = type(loaded)
    assert cache_key(rebuilt(loaded.path, prose_changed, loaded.source_text, loaded.math), code) == key
    assert cache_key(rebuilt(loaded.path, function_changed, loaded.source_text, loaded.math), code) != key
    assert cache_key(rebuilt(loaded.path, default_changed, loaded.source_text, loaded.math), code) != key
    assert cache_key(loaded, code + "\n# edited") != key
    assert cache_key(loaded, code_fingerprint(approximation_errors, extra=[0.0, 0.02])) != key


def test_unreadable_or_foreign_cache_counts_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "computed.json"
    assert read_cache(path) == {}
    path.write_text("{not json", encoding="utf-8")
    assert read_cache(path) == {}
    path.write_text(json.dumps({"format": computed_cache.FORMAT + 1, "entries": {"relu": {}}}), encoding="utf-8")
    assert read_cache(path) == {}
    write_cache({"relu": {"key": "k"}}, path)
    assert read_cache(path) == {"relu": {"key": "k"}}


def test_stale_or_damaged_entries_are_recomputed_and_others_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_file = tmp_path / "computed.json"
    monkeypatch.setattr(build, "read_cache", lambda: read_cache(cache_file))
    monkeypatch.setattr(build, "write_cache", lambda entries, **options: write_cache(entries, cache_file, **options))
    definitions = [BY_SLUG["relu"], BY_SLUG["softsign"], BY_SLUG["tanh"]]
    first = build.BuildReport()
    contexts = build.compute_contexts(definitions, first)
    assert (first.properties_computed, first.properties_cached) == (3, 0)
    entries = read_cache(cache_file)
    entries["softsign"]["key"] = "stale"
    del entries["tanh"]["values"]["samples"]  # damaged (hand-edited): a miss, not a crash
    write_cache(entries, cache_file)
    second = build.BuildReport()
    again = build.compute_contexts(definitions, second)
    assert (second.properties_computed, second.properties_cached) == (2, 1)
    assert [c.computed for c in again] == [c.computed for c in contexts]
    assert read_cache(cache_file)["softsign"]["key"] != "stale"


def test_pages_and_export_from_the_cache_equal_fresh_ones_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_file = tmp_path / "computed.json"
    monkeypatch.setattr(build, "read_cache", lambda: read_cache(cache_file))
    monkeypatch.setattr(build, "write_cache", lambda entries, **options: write_cache(entries, cache_file, **options))
    # Four or more run in worker processes; bent-identity and lut have authored display forms.
    definitions = [BY_SLUG[slug] for slug in ("bent-identity", "binary-step", "lut", "softmax")]
    fresh_report, cached_report = build.BuildReport(), build.BuildReport()
    fresh = build.compute_contexts(definitions, fresh_report)
    cached = build.compute_contexts(definitions, cached_report)
    assert (fresh_report.properties_computed, cached_report.properties_cached) == (4, 4)
    for one, other in zip(fresh, cached, strict=True):
        assert render_activation_pages(one) == render_activation_pages(other)
    assert export_json(fresh) == export_json(cached)


def test_samples_spliced_as_json_text_give_the_bytes_of_the_whole_values(tmp_path: Path) -> None:
    slugs = ("binary-step", "gelu", "softmax")  # binary-step's f′ samples hold nulls
    contexts = {
        slug: PageContext(
            BY_SLUG[slug], ComputedValues(properties_of(slug), approximation_errors(BY_SLUG[slug]), initialization(BY_SLUG[slug].math, BY_SLUG[slug].activation), None)
        )
        for slug in slugs
    }
    samples = {slug: sample_curves(BY_SLUG[slug].math, properties_of(slug).kinks) for slug in slugs}
    whole = [PageContext(context.loaded, dataclasses.replace(context.computed, samples=samples[slug])) for slug, context in contexts.items()]
    encoded = {slug: samples_json(samples[slug]) for slug in slugs if slug != "gelu"}  # gelu's values come whole, as from the cache
    lacking = [whole[1] if context.loaded.slug == "gelu" else context for context in contexts.values()]
    assert export_json(lacking, encoded_samples=encoded) == export_json(whole)
    entries = {context.loaded.slug: {"key": "k", "values": context.computed.to_json()} for context in lacking}
    write_cache({context.loaded.slug: {"key": "k", "values": context.computed.to_json()} for context in whole}, tmp_path / "whole.json")
    write_cache(entries, tmp_path / "spliced.json", encoded_samples=encoded)
    assert (tmp_path / "spliced.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
    assert read_cache(tmp_path / "spliced.json")["binary-step"]["values"]["samples"] == samples["binary-step"]


def test_samples_are_spliced_only_in_place_of_a_last_null() -> None:
    assert with_samples_json('{"a":1,"v":{"b":[2],"samples":null}}', '{"x":[0.5]}') == '{"a":1,"v":{"b":[2],"samples":{"x":[0.5]}}}'
    for text in ('{"samples":null,"a":1}', '{"samples":[1]}', '{"samples":null]'):
        with pytest.raises(ValueError, match="does not end with"):
            with_samples_json(text, "[]")
    with pytest.raises(ValueError, match="not JSON compliant"):
        samples_json({"x": [0.0], "y": [math.nan], "dy": [None]})  # the export refuses NaN
