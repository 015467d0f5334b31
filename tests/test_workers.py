"""The worker-pool helper: spawned processes (forked only before Saxon runs), and tasks handed over before this process
goes on (a task the pool's threads still have to send would wait for any long call that
holds Python's lock, such as a Saxon transformation)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from teiedition.workers import received, worker_pool


def _slow_length(payload: str) -> int:
    received()
    time.sleep(1.0)
    return len(payload)


def test_hand_over_returns_when_the_worker_has_the_task_not_when_it_is_done() -> None:
    payload = "x" * 8_000_000  # far larger than a pipe's buffer
    with worker_pool(1, counted=True) as pool:
        future = pool.submit(_slow_length, payload)
        started = time.monotonic()
        pool.hand_over([future])
        assert pool._received.value == 1  # the worker has unpickled the task and begun it
        assert not future.done()
        assert time.monotonic() - started < 30
        assert future.result() == len(payload)


def test_hand_over_stops_waiting_when_a_task_fails_before_it_is_received() -> None:
    with worker_pool(1, counted=True) as pool:
        future = pool.submit(len, 3)  # fails in the worker; never counted as received
        pool.hand_over([future], timeout=30)
        assert future.done() and future.exception() is not None


def test_only_a_counted_pool_hands_over() -> None:
    with worker_pool(1) as pool:
        assert not pool.counts
        with pytest.raises(ValueError, match="counted"):
            pool.hand_over([])


_FORK_PROBE = """
import sys
from teiedition import saxon
from teiedition.workers import worker_pool

MARK = []

def marked():
    return list(MARK)

if __name__ == "__main__":
    if sys.argv[1] == "saxon-started":
        saxon.processor()
    MARK.append("set in the parent after its start")
    with worker_pool(1, fork=True) as pool:
        print(pool.submit(marked).result())
"""


@pytest.mark.parametrize(("state", "forked"), [("fresh", True), ("saxon-started", False)])
def test_a_worker_is_forked_only_before_saxon_runs_in_this_process(
        state: str, forked: bool, tmp_path: Path) -> None:
    """A pool asked to fork forks while this process has not started Saxon's runtime (the
    child then has the parent's state, here a list filled after the start); once Saxon
    runs, its workers are spawned (a fresh interpreter: the list is empty)."""
    probe = tmp_path / "probe.py"
    probe.write_text(_FORK_PROBE, encoding="utf-8")
    result = subprocess.run([sys.executable, str(probe), state], capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.strip() == (
        "['set in the parent after its start']" if forked else "[]")
