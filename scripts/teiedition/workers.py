"""The one worker-pool helper: every parallel stage (grammar check, HTML shards, PDFs) gets
its processes here.

Workers are started with 'spawn', never forked: the parent runs Saxon's native runtime,
which must not be copied into a child mid-flight. A worker imports the package afresh and
receives its work as plain, picklable values.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def worker_pool(workers: int, initializer: Callable[..., Any] | None = None,
                initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes (use it as a context manager);
    ``initializer(*initargs)`` runs once in each. A worker ends when its parent does (a
    build killed mid-way leaves no process behind)."""
    return ProcessPoolExecutor(max_workers=max(1, workers),
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start, initargs=(initializer, initargs))


def _start(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...]) -> None:
    """In a worker: end with the parent process, then run the pool's initializer."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            parent.join()  # returns when the parent has ended
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)
