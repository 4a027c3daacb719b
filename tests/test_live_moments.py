"""The Gaussian moments and gains under the sliders, computed in Chromium, against the build's values.

The live parameters show E[f²], E[f′²], g_f and g_b at any slider setting, computed in the browser
(`ActivationFunctions.moments` in docs/assets/javascripts/activation-math.js, which also gives the gains) from the generated
f, f′ and kinks of each entry (render/javascript.py), by the build's rule. Here the shim and the
generated entries run in Debian's chromium, for every activation with parameters and a scalar gain,
at the defaults and at every variant of every parameter, and each of the four moments and both gains
is compared with `analysis.gaussian_moments` (on 40-digit-checked values): relative 1e−9, or
1e−9 of the root mean square where a mean cancels to about 0. No site build is needed.
"""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Browser
from tests.conftest import DEFINITIONS

from actsite.analysis.gaussian_moments import moments
from actsite.analysis.propagation import COMPUTED_KINDS, gains
from actsite.definitions.load import ROOT
from actsite.render.javascript import SHIM, entry_script

pytestmark = pytest.mark.browser

RELATIVE = 1e-9
WITH_SLIDERS = [d for d in DEFINITIONS if d.activation.parameters and d.activation.kind.value in COMPUTED_KINDS]
SHIM_SOURCE = ROOT / "docs" / "assets" / "javascripts" / "activation-math.js"

EVALUATE = """jobs => jobs.map(job => {
  const entry = window.ActivationFunctions.get(job.slug);
  const m = window.ActivationFunctions.moments(entry, job.values);
  return [m.mean, m.second, m.slopeMean, m.slopeSecond, m.forward, Number.isFinite(m.backward) ? m.backward : "inf"];
})"""


def test_browser_moments_and_gains_match_python_at_every_setting(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
    page.add_script_tag(content=SHIM_SOURCE.read_text(encoding="utf-8"))
    calls = "".join(entry_script(loaded) for loaded in WITH_SLIDERS)
    page.add_script_tag(content=f"(function ({SHIM}, register) {{\n{calls}}})(window.ActivationMath, window.ActivationFunctions.register);\n")
    jobs = []
    for loaded in WITH_SLIDERS:
        jobs.append({"slug": loaded.slug, "values": {}})
        jobs += [{"slug": loaded.slug, "values": {p.name: value}} for p in loaded.activation.parameters for value in p.variants]
    answers = page.evaluate(EVALUATE, jobs)
    page.close()
    by_slug = {loaded.slug: loaded for loaded in WITH_SLIDERS}
    failures = []
    for job, answer in zip(jobs, answers, strict=True):
        loaded = by_slug[job["slug"]]
        values, _ = moments(loaded.math, job["values"] or None)
        forward, backward = gains(values, loaded.activation.kind.value == "gated")
        expected = [values.mean, values.second, values.slope_mean, values.slope_second, forward, backward]
        scales = [math.sqrt(values.second), 0.0, math.sqrt(values.slope_second), 0.0, 0.0, 0.0]
        got = [math.inf if value == "inf" else value for value in answer]
        for name, ours, theirs, scale in zip(("E[f]", "E[f²]", "E[f′]", "E[f′²]", "g_f", "g_b"), got, expected, scales, strict=True):
            agree = ours == theirs if math.isinf(theirs) else abs(ours - theirs) <= RELATIVE * max(abs(theirs), scale, 1e-300)
            if not agree:
                failures.append((job["slug"], job["values"], name, ours, theirs))
    assert not failures, failures
    assert len(jobs) > 100  # every activation with sliders, at its defaults and at every variant
