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
* ``html`` - pipeline and every HTML page (:func:`teiedition.site.write_site`, no PDF, no
  search index), with ``jobs`` processes when the corpus is large enough
  (:data:`teiedition.site.PARALLEL_HTML_BYTES`);
* ``pdf`` - typesetting at most ``pdf_limit`` texts (Typst), with ``jobs`` workers;
* ``build`` - the whole ``edition build`` (validation, HTML, PDF, exports, search index)
  cold, and the rebuild with nothing changed (warm) - for N = 1 only, the edition itself.

Peak memory is the largest resident memory of the measuring process and the worker
processes it runs at the same moment (HTML shards, PDF workers, Pagefind, the second
validation process), sampled every 20 ms from ``/proc`` (:class:`MemorySampler`), and
``ru_maxrss`` of the measuring process alone. (``ru_maxrss`` of the children is no use: a
child forked from a large process counts the parent's pages until it executes.)
"""

from __future__ import annotations

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
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        ppid = int(text.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(stat.parent.name))
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


def _sample(root: int, interval: float = 0.02) -> None:
    """In the sampler process: until stdin closes, sum the memory of ``root`` and its
    descendants (except this process); then print the largest sum in bytes."""
    import select

    me, peak = os.getpid(), 0
    while True:
        pids = [pid for pid in (root, *_descendants(root)) if pid != me]
        peak = max(peak, sum(_rss_bytes(pid) for pid in pids))
        ready, _, _ = select.select([sys.stdin], [], [], interval)
        if ready and not sys.stdin.read(1):
            break
    print(peak)


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


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
        stages["validation"] = {"cold": _timed(validate), "warm": _timed(validate)}
        config = BuildConfig(bench_project, pdf=False, search=False, jobs=jobs)
        runs = iter(range(10))

        def html() -> None:
            out = folder / f"html-{next(runs)}"
            out.mkdir()
            render(docs, config, out)

        stages["html"] = {"cold": _timed(html), "warm": _timed(html)}
        if pdf:
            enriched = enrich(docs, edition, lang=bench_project.language)
            registers = {d.path for d in enriched.registers}
            texts = [d.source for d in enriched.texts][:pdf_limit]
            chosen = enrich(texts + [d for d in docs if d.path.resolve().relative_to(
                edition.resolve()).as_posix() in registers], edition)
            pdf_config = config.replace(pdf=True)
            model = citation_model_or_warning(chosen, pdf_config, [])

            def typeset() -> None:
                out = folder / f"pdf-{next(runs)}"
                out.mkdir()
                write_pdfs(chosen, model, out, pdf_config, BuildResult(), None, None)()

            stages["pdf"] = {"cold": _timed(typeset), "warm": _timed(typeset),
                             "documents": len(texts)}
        if whole_build:
            whole = BuildConfig(bench_project, out_dir=folder / "build" / "site", jobs=jobs)
            cold = _timed(lambda: build_site(whole))
            warm = _timed(lambda: build_site(whole))
            stages["build"] = {"cold": cold, "warm": warm, "documents": corpus.texts}
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
    lines = [f"{'corpus':<18} {'stage':<11} {'docs':>5} {'cold s':>8} {'docs/s':>8} "
             f"{'warm s':>8} {'docs/s':>8} {'peak MB':>8}"]
    for result in report["results"]:
        peak = result["peak_memory_mb"]
        for name, stage in result["stages"].items():
            warm = stage.get("warm")
            lines.append(
                f"{result['corpus']:<18} {name:<11} {stage['documents']:>5} "
                f"{stage['cold']:>8.2f} {stage['documents_per_second_cold']:>8.1f} "
                + (f"{warm:>8.2f} {stage['documents_per_second_warm']:>8.1f}" if warm
                   is not None else f"{'-':>8} {'-':>8}")
                + f" {peak['total']:>8.0f}")
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
