"""``edition build``: validate, then write the site into a temporary folder and swap it in.

Builds are incremental (:mod:`teiedition.incremental`): when every input is unchanged and
the site is intact, nothing is validated or written; otherwise a complete new site is
written, PDFs whose own inputs are unchanged are copied from the previous site, and the new
site is swapped in atomically (:mod:`teiedition.publish`).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import incremental
from .diagnostics import InvalidSources
from .publish import BuildLock, publish, recover, staging_dir
from .xmlio import DEFAULT_MAX_FILE_SIZE

if TYPE_CHECKING:
    from .site import SiteOptions
    from .xmlio import SourceDocument

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


def build_options(site_options: SiteOptions, max_size: int) -> dict[str, object]:
    """The options that change the output, as recorded in the build stamp."""
    values = dataclasses.asdict(site_options)
    values["basemap"] = str(site_options.basemap or incremental.default_basemap())
    values["max_size"] = max_size
    return values


def build_site(edition_dir: Path, out_dir: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
               site_options: SiteOptions | None = None, force: bool = False,
               jobs: int | None = None, progress: Progress | None = None) -> str:
    """Build the site from the edition; raise InvalidSources without touching ``out_dir``.

    Unless ``force``, a site built from the same inputs is left alone ("up to date", nothing
    validated or written). ``jobs`` worker processes typeset the PDFs (default: the cores).
    """
    from .site import SiteOptions

    options = site_options or SiteOptions()
    recorded = build_options(options, max_size)
    if not force and out_dir.is_dir():
        # under the lock (without creating it): a running build may be changing the site
        with BuildLock(out_dir, create=False):
            inputs = incremental.collect_inputs(edition_dir, recorded)
            if incremental.up_to_date(out_dir, inputs):
                return (f"up to date: {out_dir} was built from these {len(inputs.sources)} "
                        "TEI files with these options; nothing validated or written "
                        "(--force rebuilds)")
    from .validate import load_sources, validate_documents

    docs = load_sources([], edition_dir, max_size)
    if progress:
        progress(f"validating {len(docs)} documents")
    report = validate_documents(docs)
    if not report.ok:
        raise InvalidSources([d for d in report.diagnostics if d.severity == "error"])
    inputs = incremental.collect_inputs(edition_dir, recorded,
                                        {d.path: d.data for d in docs})
    with BuildLock(out_dir):
        recover(out_dir)
        return _write(docs, edition_dir, out_dir, options, inputs, force=force,
                      jobs=jobs or os.cpu_count() or 1, progress=progress)


def _write(docs: list[SourceDocument], edition_dir: Path, out_dir: Path,
           site_options: SiteOptions, inputs: incremental.BuildInputs, *, force: bool,
           jobs: int, progress: Progress | None) -> str:
    from .citation import write_citation_files
    from .dts import write_dts
    from .site import write_site

    staging = staging_dir(out_dir)
    cache = incremental.PdfCache.load(out_dir, inputs, force=force)
    try:
        tei_dir = staging / "tei"
        for doc in docs:
            target = tei_dir / doc.path.resolve().relative_to(edition_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.data)
        result = write_site(docs, edition_dir, staging, site_options, pdf_cache=cache,
                            jobs=jobs, progress=progress)
        if progress:
            progress("citations and DTS")
        write_citation_files(docs, staging, edition_dir=edition_dir)
        write_dts(docs, staging, edition_dir=edition_dir)
        changed = incremental.write_stamp(staging, inputs, cache.entries,
                                          out_dir if out_dir.is_dir() else None)
        if progress:
            progress("publishing")
        publish(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    total = len(cache.entries) or len(result.pdfs)
    rendered = total - len(result.pdfs_reused)
    lines = [f"built {len(docs)} TEI files into {out_dir}: {len(result.pages)} pages"
             + (f", {len(result.pdfs)} PDF ({rendered} typeset, {len(result.pdfs_reused)} "
                "reused)" if result.pdfs else "")
             + f"; {len(changed)} files changed"]
    lines.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(lines)
