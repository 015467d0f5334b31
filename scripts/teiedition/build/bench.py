"""``edition bench``: build speed on a synthetic corpus derived from the edition.

For each size N the benchmark writes, in a temporary folder, a corpus of N TEI texts: the
edition's own text and N-1 copies of it whose ``xml:id``s (and the pointers to them) carry a
distinct prefix, so every copy has the size and markup density of the article and points
into the edition's registers, which are copied alongside. The variant ``N+10k persons`` adds
10,000 context-only persons to the persons register.

Each corpus is measured in a fresh Python process (so peak memory is that corpus's), stage by
stage, cold (first run in the process: stylesheets and schemas compiled, Saxon started) and
warm (the same stage again in the same process):

* ``validation`` - loading and validating every document (:mod:`teiedition.validate`);
* ``html`` - the pipeline, the citation model and every HTML page with the assets
  (:func:`teiedition.build.orchestrator.render` without PDF, citation files or search
  index), with ``jobs`` processes when the corpus is large enough;
* ``citations`` - ``citations.json``, ``cite/`` and the DTS API from the enriched corpus and
  its citation model;
* ``pdf`` - typesetting at most ``pdf_limit`` texts (Typst), with ``jobs`` workers;
* ``build`` - the whole ``edition build`` (validation, HTML, PDF, exports, search index)
  cold, and the rebuild with nothing changed (warm) - for N = 1 only, the edition itself.

Each stage is timed by the clock (``cold``, ``warm``: seconds) and by the processor
(``cpu_cold``, ``cpu_warm``: processor seconds of the measuring process and of the worker
processes it ran and waited for), which moves much less than the clock when other work
shares the machine.

Peak memory is the largest resident memory of the measuring process and the worker
processes it runs at the same moment (HTML shards, PDF workers, Pagefind, the second
validation process), sampled every 20 ms from ``/proc`` (:class:`MemorySampler`), and
``ru_maxrss`` of the measuring process alone. (``ru_maxrss`` of the children is no use: a
child forked from a large process counts the parent's pages until it executes.)
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from teiedition.errors import EditionError
from teiedition.project import Project, find_project

#: The folder of the registers in the edition the benchmark corpus is derived from.
REGISTERS_SUBDIR = "registers"

class BenchError(EditionError):
    """A benchmark run failed (an invalid generated corpus, a measuring process that died)."""


_ID = re.compile(rb'xml:id="([^"]+)"')
#: Persons added by the ``+10k persons`` variant.
EXTRA_PERSONS = 10_000


@dataclass(frozen=True)
class Corpus:
    """One corpus to measure: N texts, and whether the persons register is enlarged."""

    texts: int
    persons: int = 0

    @property
    def label(self) -> str:
        return f"{self.texts}" + (f"+{self.persons // 1000}k persons" if self.persons else "")


def _texts(edition_dir: Path) -> list[Path]:
    return sorted(p for p in edition_dir.glob("*.xml") if p.is_file())


def derived_copy(data: bytes, prefix: str) -> bytes:
    """The text with every ``xml:id`` and every local pointer to it prefixed."""
    ids = set(_ID.findall(data))
    data = _ID.sub(lambda m: b'xml:id="' + prefix.encode() + m.group(1) + b'"', data)

    def local(match: re.Match[bytes]) -> bytes:
        ident = match.group(1)
        return b"#" + prefix.encode() + ident if ident in ids else match.group(0)

    return re.sub(rb"#([A-Za-z_][\w.-]*)", local, data)


def extra_persons(n: int) -> str:
    return "".join(
        f'<person xml:id="bench-person-{i}"><persName type="preferred" xml:lang="en">Person '
        f'{i}</persName><persName type="variant" xml:lang="ru">Лицо {i}</persName>'
        f'<birth when="{1800 + i % 150}-01-01"/><death when="{1900 + i % 100}-12-31"/>'
        f'<note type="description">A generated person, number {i}.</note></person>'
        for i in range(n))


def write_corpus(corpus: Corpus, folder: Path, edition_dir: Path) -> Path:
    """Write the corpus into ``folder/edition`` and return that folder."""
    target = folder / "edition"
    shutil.copytree(edition_dir / REGISTERS_SUBDIR, target / REGISTERS_SUBDIR)
    originals = _texts(edition_dir)
    for text in originals:  # the registers point into the edition's own texts
        shutil.copy2(text, target / text.name)
    source = originals[0].read_bytes()
    for i in range(len(originals), corpus.texts):
        (target / f"bench-{i:04d}.xml").write_bytes(derived_copy(source, f"b{i:04d}-"))
    if corpus.persons:
        persons = target / REGISTERS_SUBDIR / "persons.xml"
        register = persons.read_text(encoding="utf-8")
        marker = '<listPerson type="context-only">'
        if marker not in register:
            raise BenchError(f"{persons}: no {marker} to add persons to")
        persons.write_text(
            register.replace(marker, marker + extra_persons(corpus.persons), 1),
            encoding="utf-8")
    return target


def _rss_bytes(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return 0
    return int(fields[1]) * os.sysconf("SC_PAGE_SIZE")


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8", errors="replace") as stat:
                text = stat.read()
        except OSError:
            continue
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        children = parents.get(todo.pop(), [])
        found.extend(children)
        todo.extend(children)
    return found


class MemorySampler:
    """The largest sum of resident memory of this process and its descendants.

    Sampled every 20 ms by a separate small process (``python -m teiedition.build.bench
    --memory-sampler PID``), so samples are taken while this process is busy in Saxon.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> MemorySampler:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "teiedition.build.bench", "--memory-sampler", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            out, _ = self._process.communicate("", timeout=30)  # closing stdin stops it
            self.peak = int(out.strip() or 0)


#: The sampler looks for new descendants every this many samples (a look at every process
#: of the machine; reading the memory of the known ones is cheap): it used a tenth of a core
#: when it looked every time, taken from the stages it measures.
FIND_PROCESSES_EVERY = 10


def _sample(root: int, interval: float = 0.02) -> None:
    """In the sampler process: until stdin closes, sum the memory of ``root`` and its
    descendants (except this process); then print the largest sum in bytes."""
    import select

    me, peak, pids = os.getpid(), 0, [root]
    for count in itertools.count():
        if count % FIND_PROCESSES_EVERY == 0:
            pids = [pid for pid in (root, *_descendants(root)) if pid != me]
        peak = max(peak, sum(_rss_bytes(pid) for pid in pids))
        ready, _, _ = select.select([sys.stdin], [], [], interval)
        if ready and not sys.stdin.read(1):
            break
    print(peak)


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], Any], cpu: list[float] | None = None) -> float:
    """Clock seconds of ``action``; its processor seconds are appended to ``cpu``.

    The files the stages before wrote are flushed to disk first (``os.sync``): the
    kernel writes them out in the background for up to half a minute, and that work
    would be measured as part of this stage. For the same reason Python's garbage is
    collected first."""
    os.sync()
    gc.collect()
    started, started_cpu = time.perf_counter(), _cpu()
    action()
    if cpu is not None:
        cpu.append(_cpu() - started_cpu)
    return time.perf_counter() - started


def _stage(action: Callable[[], Any], **extra: Any) -> dict[str, Any]:
    """The stage run twice in this process: cold and warm, clock and processor."""
    cpu: list[float] = []
    cold = _timed(action, cpu)
    warm = _timed(action, cpu)
    return {"cold": cold, "warm": warm, "cpu_cold": cpu[0], "cpu_warm": cpu[1], **extra}


def measure(corpus: Corpus, project: Project, *, pdf: bool, pdf_limit: int, jobs: int,
            whole_build: bool) -> dict[str, Any]:
    """Measure one corpus in this process (see the module docstring)."""
    from teiedition.build.config import BuildConfig
    from teiedition.build.corpus import enrich
    from teiedition.build.orchestrator import (
        BuildResult,
        build_site,
        citation_model_or_warning,
        render,
        write_pdfs,
    )
    from teiedition.citation.dts import write_dts
    from teiedition.citation.exports import write_citation_files
    from teiedition.validation.validate import load_sources, validate_documents

    result: dict[str, Any] = {"corpus": corpus.label, "texts": corpus.texts,
                              "extra_persons": corpus.persons, "stages": {}}
    with MemorySampler() as sampler, \
            tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        folder = Path(tmp)
        edition = write_corpus(corpus, folder, project.sources)
        bench_project = project.with_sources(edition)
        docs: list[Any] = []

        def validate() -> None:
            docs[:] = load_sources([], bench_project)
            report = validate_documents(docs, bench_project)
            if not report.ok:
                raise BenchError("the generated corpus is invalid: "
                                   + "; ".join(d.format() for d in report.diagnostics[:3]))

        stages: dict[str, dict[str, float]] = result["stages"]
        stages["validation"] = _stage(validate)
        config = BuildConfig(bench_project, pdf=False, search=False, jobs=jobs)
        runs = iter(range(10))

        def html() -> None:
            out = folder / f"html-{next(runs)}"
            out.mkdir()
            render(docs, config, out, citation_files=False)

        stages["html"] = _stage(html)
        enriched_all = enrich(docs, edition, lang=bench_project.language)
        model_all = citation_model_or_warning(enriched_all, config, [])

        def citations() -> None:
            out = folder / f"citations-{next(runs)}"
            out.mkdir()
            if model_all is not None:
                write_citation_files(model_all, out)
                write_dts(enriched_all, model_all, out)

        stages["citations"] = _stage(citations)
        if pdf:
            registers = {d.path for d in enriched_all.registers}
            texts = [d.source for d in enriched_all.texts][:pdf_limit]
            chosen = enrich(texts + [d for d in docs if d.path.resolve().relative_to(
                edition.resolve()).as_posix() in registers], edition)
            pdf_config = config.replace(pdf=True)
            model = citation_model_or_warning(chosen, pdf_config, [])

            def typeset() -> None:
                out = folder / f"pdf-{next(runs)}"
                out.mkdir()
                write_pdfs(chosen, model, out, pdf_config, BuildResult(), None, None)()

            stages["pdf"] = _stage(typeset, documents=len(texts))
        if whole_build:
            whole = BuildConfig(bench_project, out_dir=folder / "build" / "site", jobs=jobs)
            stages["build"] = _stage(lambda: build_site(whole), documents=corpus.texts)
    for stage in result["stages"].values():
        n = stage.get("documents", corpus.texts)
        stage["documents"] = n
        stage["documents_per_second_cold"] = n / stage["cold"] if stage["cold"] else 0.0
        if "warm" in stage:
            stage["documents_per_second_warm"] = n / stage["warm"] if stage["warm"] else 0.0
    usage_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["peak_memory_mb"] = {"self": usage_self / 1024, "total": sampler.peak / 2**20}
    return result


def run(sizes: Sequence[int], project: Project, *, persons_variant: bool = True,
        pdf: bool = True, pdf_limit: int = 4, jobs: int | None = None,
        echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure every size (and N+10k persons for the largest) in fresh processes; the
    corpora are derived from ``project``'s edition."""
    jobs = jobs or os.cpu_count() or 1
    corpora = [Corpus(n) for n in sizes]
    if persons_variant and sizes:
        corpora.append(Corpus(max(sizes), EXTRA_PERSONS))
    results = []
    for corpus in corpora:
        echo(f"measuring corpus {corpus.label} ...")
        args = json.dumps({"texts": corpus.texts, "persons": corpus.persons, "pdf": pdf,
                           "project": str(project.file or project.root),
                           "pdf_limit": pdf_limit, "jobs": jobs,
                           "whole_build": corpus.texts == 1 and not corpus.persons})
        run_ = subprocess.run([sys.executable, "-m", "teiedition.build.bench", args],
                              capture_output=True, text=True, check=False)
        if run_.returncode != 0:
            raise BenchError(f"corpus {corpus.label}: {run_.stderr.strip()[-2000:]}")
        results.append(json.loads(run_.stdout))
    return {"machine": machine(), "jobs": jobs, "pdf_limit": pdf_limit, "results": results}


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(memory, 1)}


def table(report: dict[str, Any]) -> str:
    """The report as a plain-text table."""
    lines = [f"{'corpus':<18} {'stage':<10} {'docs':>5} {'cold s':>7} {'docs/s':>7} "
             f"{'warm s':>7} {'docs/s':>7} {'cpu cold':>8} {'cpu warm':>8} {'peak MB':>7}"]
    for result in report["results"]:
        peak = result["peak_memory_mb"]
        for name, stage in result["stages"].items():
            lines.append(
                f"{result['corpus']:<18} {name:<10} {stage['documents']:>5} "
                f"{stage['cold']:>7.2f} {stage['documents_per_second_cold']:>7.1f} "
                f"{stage['warm']:>7.2f} {stage['documents_per_second_warm']:>7.1f} "
                f"{stage.get('cpu_cold', 0.0):>8.2f} {stage.get('cpu_warm', 0.0):>8.2f} "
                f"{peak['total']:>7.0f}")
    return "\n".join(lines)


def _main(argv: Sequence[str]) -> None:
    """Worker entry: measure one corpus, print its result as JSON (or sample memory)."""
    if argv[0] == "--memory-sampler":
        _sample(int(argv[1]))
        return
    args = json.loads(argv[0])
    project = find_project(Path(args["project"]))
    print(json.dumps(measure(Corpus(args["texts"], args["persons"]), project, pdf=args["pdf"],
                             pdf_limit=args["pdf_limit"], jobs=args["jobs"],
                             whole_build=args["whole_build"])))


if __name__ == "__main__":
    _main(sys.argv[1:])
