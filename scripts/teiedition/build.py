"""``edition build``: validate, then write the site into a temporary folder and swap it in."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .diagnostics import InvalidSources
from .site import SiteOptions, write_site
from .validate import load_sources, validate_documents
from .xmlio import DEFAULT_MAX_FILE_SIZE


def build_site(edition_dir: Path, out_dir: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
               site_options: SiteOptions | None = None) -> str:
    """Build the site from the edition; raise InvalidSources without touching ``out_dir``."""
    docs = load_sources([], edition_dir, max_size)
    report = validate_documents(docs)
    if not report.ok:
        raise InvalidSources([d for d in report.diagnostics if d.severity == "error"])
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        tei_dir = staging / "tei"
        for doc in docs:
            target = tei_dir / doc.path.resolve().relative_to(edition_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(doc.data)
        result = write_site(docs, edition_dir, staging, site_options)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    lines = [f"built {len(docs)} TEI files into {out_dir}: {len(result.pages)} pages"]
    lines.extend(f"warning: {w}" for w in result.warnings)
    return "\n".join(lines)


def _swap(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``staging`` with renames only (the old site stays until then)."""
    old = out_dir.with_name(f".{out_dir.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    if old.exists():
        shutil.rmtree(old)
