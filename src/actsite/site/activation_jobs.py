"""The build's per-activation work in its worker processes: one job per activation, checks first.

Loading reads and validates every definition in the main process (fast); the math checks, most of
loading, then run in the pool, and each job goes straight on to what the caches lack for what its
activation's pages show (properties, and from them its pages and export record), so checking and
computing keep both cores busy from the first file to the last instead of waiting for each other.
What a page only loads (its printed JavaScript and its figures), and the samples only the export
shows, are a second job per activation, queued as soon as the first passed its checks: the workers
render those while this process writes the catalogue and the home pages (through `actsite build`,
while the engine builds the pages).

The workers are forked after the definitions were read and inherit them: a job names its activation
by its index, and no definition is pickled (unpickling would re-evaluate its unevaluated display
expressions, so the checks would no longer see the authored forms). Where forking is unsafe
(`processes`), the checks run in this process and jobs receive their definition pickled, which is
enough to compute its values.

When the second jobs render while the engine builds the pages (`background=True`), a worker lowers its
own scheduling priority before its first one: the engine (the build's critical path) then keeps a core
to itself, and the assets take what the pages leave over.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

from actsite.analysis.computed import ComputedValues, compute_values
from actsite.analysis.samples import sample_curves, samples_json
from actsite.definitions.load import Loaded, check_serially, math_problems
from actsite.render.context import PageContext
from actsite.render.export import activation_record
from actsite.render.javascript import entry_script
from actsite.render.pages import render_activation_pages
from actsite.render.plots import render_activation, render_family
from actsite.site.processes import forking, process_pool


@dataclass(frozen=True)
class Needs:
    """What a job computes for its activation once its checks passed."""

    values: bool = False
    script: bool = False
    figures: bool = False
    pages: bool = False  # its pages and export record, from the values it computed (only where the definition was inherited, never pickled)


@dataclass(frozen=True)
class JobResult:
    """A job's answer: its activation's math problems, else what it was asked to compute for the pages."""

    problems: list[str]
    values: ComputedValues | None = None
    pages: dict[str, str] | None = None
    record: dict[str, Any] | None = None


@dataclass(frozen=True)
class PageAssets:
    """What the second job renders: the files an activation's page loads (its script and its figures), and its samples."""

    script: str | None = None
    figures: dict[str, bytes] = field(default_factory=dict)
    samples_json: str | None = None  # the export's sampled curves of freshly computed values, as JSON text (`samples_json`)


_inherited: list[Loaded] = []  # the definitions forked workers inherit (set before the pool starts)
BACKGROUND_NICENESS = 19  # the lowest priority: the scheduler gives such a worker a core only when nothing else wants it
_in_background = False  # whether this worker process has lowered its priority (it cannot raise it again)
Ticket = int | Loaded  # an index into `_inherited` (forked workers), else the definition itself


def _definition(ticket: Ticket) -> Loaded:
    return _inherited[ticket] if isinstance(ticket, int) else ticket


def run_job(ticket: Ticket, check: bool, needs: Needs) -> JobResult:
    """Check one activation's math (if `check`), then compute what `needs` asks for its pages."""
    loaded = _definition(ticket)
    problems = math_problems(loaded) if check else []
    if problems:
        return JobResult(problems)
    values = compute_values(loaded, samples=False) if needs.values else None  # the samples: in the second job
    context = PageContext(loaded, values) if needs.pages and values is not None else None
    return JobResult(
        [],
        values=values,
        pages=render_activation_pages(context) if context else None,
        record=activation_record(context) if context else None,
    )


def _to_background(background: bool) -> None:
    """Lower this worker's priority, once, if its jobs render in the background of the engine's build."""
    global _in_background
    if background and not _in_background:
        os.nice(BACKGROUND_NICENESS)
        _in_background = True


def run_assets_job(ticket: Ticket, needs: Needs, kinks: tuple[float, ...] | None, background: bool = False) -> PageAssets:
    """Print one activation's JavaScript, render its figures and sample its curves (at `kinks`' sides), as far as asked."""
    _to_background(background)
    loaded = _definition(ticket)
    return PageAssets(
        script=entry_script(loaded) if needs.script else None,
        figures=render_activation(loaded) if needs.figures else {},
        samples_json=samples_json(sample_curves(loaded.math, kinks)) if kinks is not None else None,
    )


def run_family_job(family_id: str, tickets: list[Ticket], background: bool = False) -> dict[str, bytes]:
    """Render one family overlay: file name → SVG bytes."""
    _to_background(background)
    return render_family((family_id, [_definition(ticket) for ticket in tickets]))


class ActivationJobs:
    """The pool of one generation and the results of its per-activation jobs, by slug.

    `check` is the math checker `load_all` takes; `needs` tells what each activation lacks (from the caches).
    With `background`, the second jobs and the family overlays run at the lowest priority (see above).
    """

    def __init__(self, workers: int, needs: Callable[[list[Loaded]], dict[str, Needs]], *, background: bool = False) -> None:
        self._workers = workers
        self._needs = needs
        self._background = background
        self._pool: ProcessPoolExecutor | None = None
        self._tickets: dict[str, Ticket] = {}
        self.results: dict[str, JobResult] = {}
        self._assets: dict[str, Future[PageAssets]] = {}  # the second jobs, queued behind the first ones
        self.started: float | None = None  # perf_counter() when the first job was submitted

    def __enter__(self) -> ActivationJobs:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=error is not None)
            self._pool = None

    def check(self, definitions: list[Loaded]) -> list[list[str]]:
        """Math problems of each definition, in order (the pool also computes what each needs)."""
        if forking():
            self._run(definitions, check=True)
            return [self.results[loaded.slug].problems for loaded in definitions]
        problems = check_serially(definitions)
        self._run([loaded for loaded, found in zip(definitions, problems, strict=True) if not found], check=False)
        return problems

    def _run(self, definitions: list[Loaded], *, check: bool) -> None:
        needs = {slug: replace(need, pages=need.values and forking()) for slug, need in self._needs(definitions).items()}
        if self._pool is None:
            self.started = time.perf_counter()
            _inherited[:] = definitions  # before the first job: the pool forks its workers then
            self._tickets = {loaded.slug: index if forking() else loaded for index, loaded in enumerate(definitions)}
            self._pool = process_pool(self._workers)
        pool = self._pool
        # The slowest jobs first (properties to compute), so neither worker is left with a long one at the end.
        order = sorted(definitions, key=lambda loaded: not needs[loaded.slug].values)
        futures = {pool.submit(run_job, self._tickets[loaded.slug], check, needs[loaded.slug]): loaded.slug for loaded in order}
        for future in as_completed(futures):
            slug = futures[future]
            self.results[slug] = result = future.result()
            need = needs[slug]
            kinks = result.values.properties.kinks if result.values is not None else None
            if not result.problems and (need.script or need.figures or kinks is not None):
                self._assets[slug] = pool.submit(run_assets_job, self._tickets[slug], need, kinks, self._background)

    def start_families(self, families: list[tuple[str, list[Loaded]]]) -> list[Future[dict[str, bytes]]]:
        """Start rendering the family overlays in the pool (after `check`); `.result()` of each is its figure."""
        if self._pool is None:
            raise RuntimeError("no jobs ran: the pool has not started")
        pool = self._pool
        return [pool.submit(run_family_job, family_id, [self._tickets[member.slug] for member in members], self._background) for family_id, members in families]

    def pages(self, context: PageContext) -> dict[str, str]:
        """The activation's pages: as its job rendered them, else rendered here."""
        return self._answer(context.loaded.slug, "pages", lambda: render_activation_pages(context))

    def record(self, context: PageContext) -> dict[str, Any]:
        """The activation's export record: as its job made it, else made here."""
        return self._answer(context.loaded.slug, "record", lambda: activation_record(context))

    @property
    def rendering_assets(self) -> bool:
        """Whether some second job (a script, figures, samples) was queued."""
        return bool(self._assets)

    def samples_json(self, slug: str) -> str | None:
        """The samples of the activation's freshly computed values as JSON text (waiting for its second job); None if it computed none."""
        future = self._assets.get(slug)
        return future.result().samples_json if future is not None else None

    def figures(self, slug: str) -> dict[str, bytes]:
        """The activation's figures its second job rendered (waiting for it); none if it had none to render."""
        future = self._assets.get(slug)
        return future.result().figures if future is not None else {}

    def _answer(self, slug: str, attribute: str, here: Callable[[], Any]) -> Any:
        """`attribute` of the slug's job result (its second job's for the script), else what `here` computes (no job computed it)."""
        if attribute == "script":
            future = self._assets.get(slug)
            answer = future.result().script if future is not None else None
        else:
            result = self.results.get(slug)
            answer = getattr(result, attribute) if result is not None else None
        return here() if answer is None else answer

    def mapper(self, attribute: str) -> Callable[[Callable[[Loaded], Any], Iterable[Loaded]], list[Any]]:
        """A `map` that answers from the jobs' results (`attribute` of each item's result).

        An item no job computed it for (a cache entry found damaged only when read) is computed here.
        """

        def answered(function: Callable[[Loaded], Any], items: Iterable[Loaded]) -> list[Any]:
            return [self._answer(loaded.slug, attribute, lambda loaded=loaded: function(loaded)) for loaded in items]

        return answered
