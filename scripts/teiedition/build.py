"""``edition build``: validate, then write the site into a temporary folder and swap it in."""

from __future__ import annotations

import shutil
from pathlib import Path

from .citation import write_citation_files
from .diagnostics import InvalidSources
from .dts import write_dts
from .publish import BuildLock, publish, recover, staging_dir
from .site import SiteOptions, write_site
from .validate import load_sources, validate_documents
from .xmlio import DEFAULT_MAX_FILE_SIZE, SourceDocument


def build_site(edition_dir: Path, out_dir: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
               site_options: SiteOptions | None = None) -> str:
    """Build the site from the edition; raise InvalidSources without touching ``out_dir``."""
    docs = load_sources([], edition_dir, max_size)
    report = validate_documents(docs)
    if not report.ok:
        raise InvalidSources([d for d in report.diagnostics if d.severity == "error"])
    with BuildLock(out_dir):
        recover(out_dir)
        return _write(docs, edition_dir, out_dir, site_options)


def _write(docs: list[SourceDocument], edition_dir: Path, out_dir: Path,
           site_options: SiteOptions | None) -> str:
    staging = staging_dir(out_dir)
    try:
        tei_dir = staging / "tei"
        for doc in docs:
            target = tei_dir / doc.path.resolve().relative_to(edition_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.data)
        result = write_site(docs, edition_dir, staging, site_options)
        write_citation_files(docs, staging, edition_dir=edition_dir)
        write_dts(docs, staging, edition_dir=edition_dir)
        publish(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    lines = [f"built {len(docs)} TEI files into {out_dir}: {len(result.pages)} pages"
             + (f", {len(result.pdfs)} PDF" if result.pdfs else "")]
    lines.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(lines)
