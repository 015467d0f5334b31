"""The benchmark's synthetic corpus: valid, distinct ids, the article's size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from teiedition.build.bench import Corpus, table, write_corpus
from teiedition.validation.validate import validate_paths
from tests.support import EDITION, project_for


def test_the_synthetic_corpus_is_valid_with_distinct_ids(tmp_path: Path) -> None:
    edition = write_corpus(Corpus(3), tmp_path, EDITION)
    texts = sorted(p.name for p in edition.glob("*.xml"))
    assert texts == ["bench-0001.xml", "bench-0002.xml", "karakhan-declarations.xml"]
    article = (EDITION / "karakhan-declarations.xml").read_bytes()
    copy = (edition / "bench-0001.xml").read_bytes()
    assert abs(len(copy) - len(article)) < len(article) // 20  # the same size
    assert copy.count(b"<") == article.count(b"<")  # the same markup
    ids = [set(re.findall(rb'xml:id="([^"]+)"', (edition / t).read_bytes())) for t in texts]
    assert ids[0].isdisjoint(ids[1]) and ids[0].isdisjoint(ids[2])
    report = validate_paths([], project_for(edition))
    assert report.ok, [d.format() for d in report.diagnostics[:3]]


def test_the_persons_variant_adds_ten_thousand_persons(tmp_path: Path) -> None:
    edition = write_corpus(Corpus(1, 10_000), tmp_path, EDITION)
    persons = (edition / "registers" / "persons.xml").read_text(encoding="utf-8")
    assert persons.count('xml:id="bench-person-') == 10_000


def test_the_table_has_a_line_per_stage() -> None:
    stage = {"documents": 2, "cold": 1.0, "documents_per_second_cold": 2.0, "warm": 0.5,
             "documents_per_second_warm": 4.0, "cpu_cold": 1.5, "cpu_warm": 0.75}
    report = {"results": [{"corpus": "2", "peak_memory_mb": {"self": 10.0, "total": 15.0},
                           "stages": {"validation": stage,
                                      "citations": {**stage, "cpu_cold": 0.25}}}]}
    lines = table(report).splitlines()
    assert len(lines) == 3
    assert lines[1].split() == ["2", "validation", "2", "1.00", "2.0", "0.50", "4.0", "1.50",
                                "0.75", "15"]
    assert lines[2].split()[1] == "citations" and lines[2].split()[-3] == "0.25"


def test_the_memory_sampler_sees_a_child_process() -> None:
    import subprocess
    import sys

    from teiedition.build.bench import MemorySampler

    with MemorySampler() as alone:
        subprocess.run([sys.executable, "-c", "import time; time.sleep(0.5)"], check=True)
    with MemorySampler() as busy:
        subprocess.run([sys.executable, "-c",
                        "import time; b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]);"
                        " time.sleep(0.5)"], check=True)
    assert alone.peak > 0
    assert busy.peak - alone.peak > 250 * 2**20  # the child's 300 MB were seen


def test_a_stage_is_timed_after_earlier_writes_are_flushed_and_garbage_collected(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What the stages before left to do in the background (the kernel writing their files
    out, Python's collector walking their garbage) is done before the clock starts."""
    import gc
    import os

    from teiedition.build import bench

    calls: list[str] = []
    monkeypatch.setattr(os, "sync", lambda: calls.append("sync"))
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    cpu: list[float] = []
    seconds = bench._timed(lambda: calls.append("stage"), cpu)
    assert calls == ["sync", "collect", "stage"]
    assert seconds >= 0 and len(cpu) == 1
