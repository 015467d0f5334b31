"""The one worker-pool helper: every parallel stage (grammar check, HTML shards, PDFs) gets
its processes here.

Workers are started with 'spawn': the parent runs Saxon's native runtime, which must not
be copied into a child mid-flight. A worker imports the package afresh and receives its work
as plain, picklable values. The one exception is a pool asked to ``fork`` while this process
has not started Saxon and runs a single thread (the build's PDF worker, started before
validation): there is nothing to copy then, and the child starts without a new interpreter
or imports (0.1-0.2 processor seconds less).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


class WorkerPool(ProcessPoolExecutor):
    """A pool of spawned processes that can tell when its workers have received their tasks.

    The pool's own threads in this process send each task (pickled) to a worker, and they
    need Python's lock to do it; Saxon keeps that lock for as long as it transforms. A task
    larger than a pipe's buffer (64 KB), submitted just before this process starts a
    transformation, can therefore wait for the whole transformation before its worker has
    it (seen: a worker given its share of the pages, the enriched corpus, 13 s late).
    :meth:`hand_over` waits until the workers have their tasks. (A small task is written to
    the pipe at once and needs no waiting.)"""

    def __init__(self, workers: int, initializer: Callable[..., Any] | None,
                 initargs: tuple[Any, ...], counted: bool = False, fork: bool = False) -> None:
        context = multiprocessing.get_context("fork" if fork and _may_fork() else "spawn")
        # the count of tasks received lives in shared memory (made only for a pool that
        # hands over: it costs a lock, and Python's resource tracker process once)
        self._received = context.Value("q", 0) if counted else None
        self._expected = 0
        self._workers = max(1, workers)
        super().__init__(max_workers=self._workers, mp_context=context, initializer=_start,
                         initargs=(initializer, initargs, self._received))

    @property
    def counts(self) -> bool:
        """Whether the pool counts the tasks its workers received (``counted``)."""
        return self._received is not None

    def hand_over(self, futures: list[Future[Any]], timeout: float = 30.0) -> None:
        """Return when the workers have received as many of ``futures``' tasks as they can
        take at once (each task calls :func:`received` first), when one of them has ended,
        or after ``timeout`` seconds. Only for a pool made with ``counted``."""
        if self._received is None:
            raise ValueError("hand_over needs a pool made with counted=True")
        self._expected += min(len(futures), self._workers)
        deadline = time.monotonic() + timeout
        while (self._received.value < self._expected and time.monotonic() < deadline
               and not any(f.done() for f in futures)):
            time.sleep(0.001)  # without the lock: the pool's threads send the tasks


def worker_pool(workers: int, initializer: Callable[..., Any] | None = None,
                initargs: tuple[Any, ...] = (), *, counted: bool = False,
                fork: bool = False) -> WorkerPool:
    """A pool of ``workers`` spawned processes (use it as a context manager);
    ``initializer(*initargs)`` runs once in each; ``counted``: the pool can
    :meth:`~WorkerPool.hand_over` tasks; ``fork``: forked instead where that is safe
    (:func:`_may_fork`). A worker ends when its parent does (a build killed
    mid-way leaves no process behind)."""
    return WorkerPool(workers, initializer, initargs, counted, fork)


def _may_fork() -> bool:
    """Whether a child may be forked from this process: Saxon's runtime not started
    (:func:`teiedition.saxon.started`; a process that has not imported that module has
    not) and no other thread running."""
    saxon = sys.modules.get("teiedition.saxon")
    return ((saxon is None or not saxon.started()) and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


#: In a worker process: the pool's count of tasks received (see :func:`received`).
_received: Any = None


def received() -> None:
    """In a worker process, first thing in a task the parent waits to hand over
    (:meth:`WorkerPool.hand_over`): count it as received."""
    if _received is not None:
        with _received.get_lock():
            _received.value += 1


def _start(initializer: Callable[..., Any] | None, initargs: tuple[Any, ...],
           counter: Any = None) -> None:
    """In a worker: end with the parent process, then run the pool's initializer."""
    global _received
    _received = counter
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            parent.join()  # returns when the parent has ended
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if initializer is not None:
        initializer(*initargs)
