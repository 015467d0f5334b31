"""``edition build``: the one place that runs the stages, in order.

    validate ─▶ enrich (pipeline) ─▶ citation model ─▶ HTML pages, assets ─▶ PDFs
        ─▶ citations.json, cite/, DTS ─▶ search index ─▶ stamp ─▶ publish

Everything is written into a staging folder beside the output and swapped in only when
every stage succeeded (:mod:`teiedition.build.publish`); invalid sources stop the build
before anything is written. Builds are incremental (:mod:`teiedition.build.incremental`):
when every input is unchanged and the site is intact, nothing is validated or written;
PDFs whose own inputs are unchanged are copied from the previous site.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from teiedition.build import incremental
from teiedition.build.config import BuildConfig
from teiedition.build.publish import (
    BuildLock,
    prune_unwritten,
    publish,
    recover,
    staging_dir,
    written,
)
from teiedition.errors import Diagnostic, InvalidSources
from teiedition.files import write_over

if TYPE_CHECKING:
    from teiedition.build.corpus import EnrichedCorpus
    from teiedition.citation.units import CitationModel
    from teiedition.validation.validate import Report
    from teiedition.workers import WorkerPool
    from teiedition.xmlio import SourceDocument

#: Receives one progress line ("stage: done/total").
Progress = Callable[[str], None]


def terminal_progress(quiet: bool = False) -> Progress | None:
    """Progress lines on stderr when it is a terminal and ``quiet`` is off; else None."""
    if quiet or not sys.stderr.isatty():
        return None
    started = time.perf_counter()

    def show(line: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {line}", file=sys.stderr, flush=True)

    return show


@dataclass
class BuildResult:
    """What a build wrote."""

    documents: int = 0
    pages: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    #: The PDFs copied unchanged from the previous site (a subset of ``pdfs``).
    pdfs_reused: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    #: A draft: what validation found (built anyway), and the files that could not be read.
    draft: Report | None = None
    skipped: list[str] = field(default_factory=list)

    def summary(self, out_dir: Path) -> str:
        line = f"built {self.documents} TEI files into {out_dir}: {len(self.pages)} pages"
        if self.pdfs:
            typeset = len(self.pdfs) - len(self.pdfs_reused)
            line += f", {len(self.pdfs)} PDF ({typeset} typeset, {len(self.pdfs_reused)} reused)"
        line += f"; {len(self.changed)} files changed"
        lines = [line]
        if self.draft is not None:
            lines.append(f"draft: every page says it is a draft; validation: "
                         f"{self.draft.summary()}")
            if self.skipped:
                lines.append(f"draft: skipped {len(self.skipped)} file(s) that cannot be "
                             f"read: {', '.join(self.skipped)}")
        return "\n".join([*lines, *(f"warning: {w}" for w in self.warnings)])


def build_site(config: BuildConfig, *, progress: Progress | None = None,
               problems: list[Diagnostic] | None = None) -> str:
    """Build the site of ``config.project`` into ``config.site``; raise InvalidSources
    without touching it. Unless ``config.force``, a site built from the same inputs is left
    alone ("up to date", nothing validated or written).

    A draft (``config.is_draft``) is built despite validation errors: every diagnostic is
    added to ``problems``, the documents that cannot be read (not well-formed, refused) are
    left out, and only when none is left is the build refused."""
    out_dir = config.site
    recorded = config.recorded()
    if not config.force and out_dir.is_dir():
        # under the lock (without creating it): a running build may be changing the site
        with BuildLock(out_dir, create=False):
            inputs = incremental.collect_inputs(config.project, recorded)
            if incremental.up_to_date(out_dir, inputs):
                return (f"up to date: {out_dir} was built from these {len(inputs.sources)} "
                        "TEI files with these options; nothing validated or written "
                        "(--force rebuilds)")
    # with more than one core, a PDF worker gets ready (imports, stylesheet, fonts) while
    # the sources are validated and enriched
    pdf_worker = _started_pdf_worker(config)
    try:
        return _build(config, recorded, out_dir, progress, problems, pdf_worker)
    finally:
        if pdf_worker is not None:
            pdf_worker.shutdown(wait=True, cancel_futures=True)


def _started_pdf_worker(config: BuildConfig) -> Executor | None:
    if not config.pdf or config.workers <= 1:
        return None
    from teiedition.rendering import pdf

    return pdf.start_worker()


def _build(config: BuildConfig, recorded: dict[str, object], out_dir: Path,
           progress: Progress | None, problems: list[Diagnostic] | None,
           pdf_worker: Executor | None) -> str:
    """:func:`build_site` from validation on."""
    from teiedition.validation.validate import load_sources, validate_documents

    docs = load_sources([], config.project, config.max_size)
    if progress:
        progress(f"validating {len(docs)} documents")
    report = validate_documents(docs, config.project)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    if not report.ok and not config.is_draft:
        raise InvalidSources(errors)
    inputs = incremental.collect_inputs(config.project, recorded,
                                        {d.path: d.data for d in docs})
    skipped: list[str] = []
    if config.is_draft:
        if problems is not None:
            problems.extend(report.diagnostics)
        skipped = [d.display for d in docs if not d.usable]
        docs = [d for d in docs if d.usable]
        if not docs:
            raise InvalidSources(errors)
    with BuildLock(out_dir):
        recover(out_dir)
        staging = staging_dir(out_dir)
        cache = incremental.PdfCache.load(out_dir, inputs, force=config.force)
        try:
            result = render(docs, config, staging, pdf_cache=cache, progress=progress,
                            pdf_worker=pdf_worker)
            if config.is_draft:
                result.draft, result.skipped = report, skipped
            prune_unwritten(staging)  # what was left of the site the folder held before
            result.changed = incremental.write_stamp(staging, inputs, cache.entries,
                                                     out_dir if out_dir.is_dir() else None)
            if progress:
                progress("publishing")
            publish(staging, out_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return result.summary(out_dir)


def render(docs: Sequence[SourceDocument], config: BuildConfig, staging: Path, *,
           pdf_cache: incremental.PdfCache | None = None,
           progress: Progress | None = None, citation_files: bool = True,
           pdf_worker: Executor | None = None) -> BuildResult:
    """Write every output of valid sources into ``staging``: the TEI copies, the pages,
    the assets, the PDFs, the citation files, the DTS API and the search index.
    (``citation_files`` False leaves out citations.json, cite/ and the DTS API: the
    benchmark measures them as a stage of their own; ``pdf_worker``: a PDF worker process
    started by the caller, see :func:`write_pdfs`.)"""
    from teiedition.citation.units import published_source
    from teiedition.rendering import html

    # with a corpus large enough for several page writers, they get ready meanwhile
    page_workers = html.start_workers(sum(len(d.data) for d in docs), config)
    try:
        result = BuildResult(documents=len(docs))
        sources = config.project.sources.resolve()
        for doc in docs:
            target = staging / "tei" / doc.path.resolve().relative_to(sources)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_over(target, published_source(doc.data, doc.root, config.project.base_url))
        return _render(docs, config, staging, result, pdf_cache, progress, citation_files,
                       pdf_worker, page_workers)
    finally:
        if page_workers is not None:
            page_workers.shutdown(wait=True, cancel_futures=True)


def _render(docs: Sequence[SourceDocument], config: BuildConfig, staging: Path,
            result: BuildResult, pdf_cache: incremental.PdfCache | None,
            progress: Progress | None, citation_files: bool, pdf_worker: Executor | None,
            page_workers: WorkerPool | None) -> BuildResult:
    """:func:`render` from the enrichment on."""
    from teiedition.build.corpus import enrich
    from teiedition.citation.pagedata import citation_document
    from teiedition.citation.units import base_url_warnings
    from teiedition.citation.works import works_cited
    from teiedition.rendering import html, pdf

    sources = config.project.sources.resolve()
    basemap_pending = html.start_basemap(config, result.warnings, pdf_worker)
    if progress:
        progress("enriching the corpus")
    corpus = enrich(docs, sources, lang=config.lang)
    model = citation_model_or_warning(corpus, config, result.warnings)
    if model is not None:
        result.warnings.extend(base_url_warnings(model))
        # every medium's permalinks: the base URL the citation model uses
        config = config.replace(base_uri=model.edition.base_uri)
    # the works cited, formatted once by CSL for the pages and the PDFs: by the PDF worker,
    # when one was started, while this process goes on
    works_pending = (pdf.worker_works(pdf_worker, corpus.part_xml())
                     if pdf_worker is not None else None)
    works = (pdf.WORKS_IN_WORKER if works_pending is not None
             else works_cited(corpus.entries(), result.warnings))
    # the PDFs are typeset by worker processes (or a thread) while the pages (and what
    # only they need) are written
    finish_pdfs = (write_pdfs(corpus, model, staging, config, result, pdf_cache, progress,
                              overlap=True, works=works, started=pdf_worker)
                   if config.pdf else None)
    citations = citation_document(model) if model is not None else None
    if works_pending is not None:
        html.compile_stylesheet()  # while the worker formats the works
        works = _works_from_worker(works_pending, corpus, result.warnings)
    try:
        basemap = basemap_pending()
        before = {p for p in staging.rglob("*.html") if written(p)}
        if progress:
            progress("HTML: writing the pages")
        messages = list(corpus.messages)
        messages += html.write_pages(corpus, staging, config, basemap, citations, works,
                                      workers=page_workers)
        result.warnings.extend(m.strip() for m in messages if m.strip())
        result.pages = sorted({p for p in staging.rglob("*.html") if written(p)} - before)
        html.copy_assets(staging)
        # Pagefind indexes the pages while the citation files and the DTS API are written
        finish_search = start_search(corpus, model, staging, config, progress, result.pages)
        try:
            if progress and model is not None and citation_files:
                progress("citations and DTS")
            write_citations(corpus, model if citation_files else None, staging, config,
                            result.warnings)
        finally:
            finish_search()
    except BaseException:
        if finish_pdfs is not None:  # let the compiling thread end before the staging goes
            with contextlib.suppress(Exception):
                finish_pdfs()
        raise
    if finish_pdfs is not None:  # Typst compiled the PDFs meanwhile
        finish_pdfs()
    return result


def _works_from_worker(pending: Future[tuple[str, list[str]]], corpus: EnrichedCorpus,
                       warnings: list[str]) -> str:
    """The works cited the PDF worker formatted, with its warnings; formatted here if the
    worker could not (its own error then stops the PDF, and is reported there)."""
    from teiedition.citation.works import works_cited

    try:
        works, said = pending.result()
    except Exception:
        return works_cited(corpus.entries(), warnings)
    warnings.extend(said)
    return works


def write_citations(corpus: EnrichedCorpus, model: CitationModel | None, staging: Path,
                    config: BuildConfig, warnings: list[str] | None = None) -> None:
    """The citation files and the DTS API (none without a citation model)."""
    if model is None:
        return
    from teiedition.citation.dts import write_dts
    from teiedition.citation.exports import write_citation_files

    write_citation_files(model, staging)
    write_dts(corpus, model, staging, config.project.base_url, warnings)


def start_search(corpus: EnrichedCorpus, model: CitationModel | None, staging: Path,
                 config: BuildConfig, progress: Progress | None,
                 pages: Sequence[Path]) -> Callable[[], object]:
    """Start indexing the written ``pages`` for search (unless the configuration leaves the
    index out); return the function that waits for the index and raises its error."""
    if not config.search:
        return lambda: None
    if progress:
        progress("search index (Pagefind)")
    from teiedition.rendering import search

    return search.start_search_index(staging, search.search_units(model, corpus), pages)


def citation_model_or_warning(corpus: EnrichedCorpus, config: BuildConfig,
                              warnings: list[str]) -> CitationModel | None:
    """The citation model, with a warning for each text whose header lacks what a
    citation needs (its pages, exports and DTS resources go without citation metadata);
    None with a warning when no text has it: the site is then built without citation
    metadata, exports or DTS."""
    from teiedition.citation.units import CitationError, citation_model

    skipped: list[str] = []
    try:
        model: CitationModel | None = citation_model(corpus, config.project.base_url,
                                                     config.project.base_url_origin,
                                                     skipped=skipped)
    except CitationError as exc:
        model = None
        problem = str(exc)
    warnings.extend(f"built without its citation metadata: {s}" for s in skipped)
    if model is None:
        warnings.append(f"no citation metadata, exports or DTS API: {problem}")
    return model


def write_pdfs(corpus: EnrichedCorpus, model: CitationModel | None, staging: Path,
               config: BuildConfig, result: BuildResult,
               pdf_cache: incremental.PdfCache | None, progress: Progress | None, *,
               overlap: bool = False, works: str | None = None,
               started: Executor | None = None) -> Callable[[], None]:
    """Start typesetting every text into ``staging/<text-id>.pdf``; return the function that
    waits for the PDFs and records them (the caller goes on meanwhile: Typst compiles in a
    background thread, see :func:`teiedition.rendering.pdf.start_pdfs`).

    A text whose PDF inputs are unchanged (``pdf_cache``) gets the previous site's PDF,
    copied byte for byte; the others are typeset, by worker processes when there are
    several. With ``overlap`` (the caller has other work meanwhile) and more than one core,
    even a single text goes to a worker process, ``started`` (:func:`pdf.start_worker`)
    when the caller started one.
    """
    from teiedition.citation.works import works_cited
    from teiedition.rendering import pdf

    texts = [pdf.PdfText(t.id, t.path, t.source.data) for t in corpus.texts]
    citations = pdf.formatted_citations(model, result.warnings)
    registers = [r.path for r in corpus.registers]
    keys = {t.id: pdf_cache.inputs.pdf_key(t.path, citations.get(t.id, ""), registers)
            for t in texts} if pdf_cache is not None else {}
    todo = []
    for text in texts:
        target = staging / f"{text.id}.pdf"
        if pdf_cache is not None and pdf_cache.reuse(text.id, keys[text.id], target):
            result.pdfs_reused.append(target)
            result.warnings.extend(pdf_cache.warnings(text.id))  # a reused PDF keeps them
        else:
            todo.append(text)
    done = [0]

    def report(one: pdf.PdfResult) -> None:
        done[0] += 1
        if progress:
            progress(f"PDF: {done[0]} of {len(todo)} typeset ({one.path.name})")

    jobs = config.workers
    if progress and todo:
        progress(f"PDF: typesetting {len(todo)} of {len(texts)} texts, {jobs} job(s)")
    # with more than one core, even one text goes to a worker process, which typesets it
    # (works cited included) while this process writes the pages
    parallel = jobs > 1 and len(todo) >= (1 if overlap else 2)
    if works is None:  # not formatted by the caller: by the process that typesets
        works = (pdf.WORKS_IN_WORKER if parallel
                 else works_cited(corpus.entries(), result.warnings) if todo else "")
    options = pdf.PdfOptions(params=config.stylesheet_params(), version=config.version,
                             archival=config.archival, citations=citations, works=works)
    pending = pdf.start_pdfs(corpus.tree, todo, staging, options, progress=report, jobs=jobs,
                             parts=corpus if parallel else None,
                             worker=started if parallel else None)

    def finish() -> None:
        results = pending()
        result.warnings.extend(w for r in results for w in r.warnings)
        if pdf_cache is not None:
            for one, text in zip(results, todo, strict=True):
                pdf_cache.record(text.id, keys[text.id], one.path, one.warnings)
        result.pdfs = [staging / f"{t.id}.pdf" for t in texts]

    return finish
