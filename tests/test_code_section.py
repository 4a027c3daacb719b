"""The #code section: its "Use it" calls compute the page's function, its notes come from the api fields, both languages match."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from actsite.render.code import code_view, fence, porting_notes, pytorch_lines
from actsite.render.pages import ui_strings
from conftest import BY_SLUG, SLUGS

WITH_PYTORCH = [slug for slug in SLUGS if pytorch_lines(BY_SLUG[slug].activation)]
POINTS = np.linspace(-5.0, 5.0, 101) + 0.0137  # off every kink


def _inputs(kind: str) -> np.ndarray:
    """The input the page's function reads: x itself, or (x, 0) for a vector slice, or [a, b] = [1, x] for a gate."""
    if kind == "vector":
        return np.stack([POINTS, np.zeros_like(POINTS)], axis=-1)
    if kind == "gated":
        return np.stack([np.ones_like(POINTS), POINTS], axis=-1)
    return POINTS


@pytest.mark.parametrize("slug", WITH_PYTORCH)
def test_pytorch_calls_of_use_it_run_and_compute_the_page_function(slug: str) -> None:
    loaded = BY_SLUG[slug]
    kind = loaded.activation.kind.value
    # float32, the dtype a fresh PReLU's weight has (a float64 input would not mix with it).
    namespace: dict[str, object] = {"x": torch.tensor(_inputs(kind), dtype=torch.float32)}
    expected = np.array([loaded.math.f()(x) for x in POINTS])
    lines = [line for line in pytorch_lines(loaded.activation) if line]
    for line in lines:  # each call alone; the module of a stochastic unit is random until eval(), so only the last is compared
        exec("import torch\n" + line, namespace)  # noqa: S102 - the page's own lines
    got = namespace["y"].detach().numpy()  # type: ignore[attr-defined]
    got = got[:, 0] if got.ndim == 2 else got
    assert np.allclose(got, expected, rtol=1e-5, atol=1e-6), lines[-1]


def test_porting_notes_name_the_frameworks_own_defaults() -> None:
    activation = BY_SLUG["leaky-relu"].activation
    notes = porting_notes(activation, ui_strings("en"))
    for entry in activation.api.keras:
        default = entry.defaults["negative_slope"]
        assert any(f"`{entry.name}` defaults to `negative_slope={default!r}`" in note for note in notes)
    # jax.nn.leaky_relu shares PyTorch's default: nothing to say.
    assert not any("jax.nn.leaky_relu" in note for note in notes)


def test_a_parameter_pytorch_lacks_is_named() -> None:
    notes = porting_notes(BY_SLUG["silu"].activation, ui_strings("en"))
    assert notes[0] == "`torch.nn.SiLU` has no argument for the page's $\\beta$ = 1.0."


@pytest.mark.parametrize("slug", SLUGS)
def test_both_languages_show_the_same_code(slug: str) -> None:
    loaded = BY_SLUG[slug]
    en, zh = (code_view(loaded, language, ui_strings(language)) for language in ("en", "zh"))
    assert [b["framework"] for b in en["use"]] == [b["framework"] for b in zh["use"]]
    for block_en, block_zh in zip(en["use"], zh["use"], strict=True):
        code_lines = [(a, b) for a, b in zip(block_en["code"].splitlines(), block_zh["code"].splitlines(), strict=True) if not a.startswith("#")]
        assert all(a == b for a, b in code_lines)
    assert len(en["porting"]) == len(zh["porting"])
    assert [c["code"] for c in en["cells"]] == [c["code"] for c in zh["cells"]]


def test_a_fence_is_longer_than_any_backtick_run_in_the_code() -> None:
    assert fence("x = 1\n") == "```"
    assert fence('s = "````"\n') == "`````"
