"""The one worker-pool helper: every parallel stage (grammar check, HTML shards, PDFs) gets
its processes here.

Workers are started with 'spawn', never forked: the parent runs Saxon's native runtime,
which must not be copied into a child mid-flight. A worker imports the package afresh and
receives its work as plain, picklable values.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def worker_pool(workers: int, initializer: Callable[..., Any] | None = None,
                initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes (use it as a context manager);
    ``initializer(*initargs)`` runs once in each."""
    return ProcessPoolExecutor(max_workers=max(1, workers),
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer, initargs=initargs)
