"""The build's per-activation jobs: the assets rendered behind MkDocs run at the lowest priority."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import pytest

from actsite.site import activation_jobs
from actsite.site.activation_jobs import BACKGROUND_NICENESS, ActivationJobs, Needs
from conftest import BY_SLUG


class RecordingPool:
    """Runs each job at once in this process and records what was submitted (in place of the worker pool)."""

    def __init__(self) -> None:
        self.submitted: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run the job now: a math job passes its checks and computes nothing, the others return None."""
        self.submitted.append((function, args))
        future: Future[Any] = Future()
        if function is activation_jobs.run_job:
            future.set_result(activation_jobs.JobResult([]))  # checks passed, nothing computed
        else:
            future.set_result(None)
        return future

    def shutdown(self, cancel_futures: bool = False) -> None:
        """Nothing runs in the background."""


@pytest.mark.parametrize("background", [True, False])
def test_assets_and_family_jobs_are_asked_to_run_in_the_background_only_behind_mkdocs(background: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = RecordingPool()
    monkeypatch.setattr(activation_jobs, "process_pool", lambda workers: pool)
    definitions = [BY_SLUG["relu"], BY_SLUG["gelu"]]
    with ActivationJobs(2, lambda items: {loaded.slug: Needs(figures=True) for loaded in items}, background=background) as jobs:
        jobs.check(definitions)
        jobs.start_families([("relu", definitions)])
    jobs_of = {function: [args for submitted, args in pool.submitted if submitted is function] for function, _ in pool.submitted}
    assert len(jobs_of[activation_jobs.run_job]) == 2
    assert [args[-1] for args in jobs_of[activation_jobs.run_assets_job]] == [background, background]  # their last argument
    assert [args[-1] for args in jobs_of[activation_jobs.run_family_job]] == [background]


def test_a_worker_lowers_its_priority_once_and_only_for_background_jobs() -> None:
    script = (
        "import os\n"
        "from actsite.site.activation_jobs import _to_background\n"
        "start = os.nice(0)\n"
        "_to_background(False)\n"
        "after_foreground = os.nice(0)\n"
        "_to_background(True)\n"
        "_to_background(True)\n"
        "print(start, after_foreground, os.nice(0))\n"
    )
    start, after_foreground, after_background = map(int, subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split())
    assert after_foreground == start
    assert after_background == min(start + BACKGROUND_NICENESS, 19)  # 19 is the lowest priority there is
