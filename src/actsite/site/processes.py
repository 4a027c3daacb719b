"""The worker processes a build computes in: forked, unless forking is unsafe in this process.

Forking is fastest (the children inherit the imported generator), but a process that has loaded a
multithreaded runtime must not fork: JAX warns that the child may deadlock. Only the test suite
loads one (the framework tests import JAX in the same process that later generates a site), and
there the workers are started by a fork server instead.
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

UNSAFE_TO_FORK = ("jax", "jaxlib")


def forking() -> bool:
    """Whether `process_pool` forks its workers here (they then inherit this process's memory)."""
    return not any(name in sys.modules for name in UNSAFE_TO_FORK)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes, forked where that is safe."""
    method = "fork" if forking() else "forkserver"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
