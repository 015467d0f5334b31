"""The citation files of a site: ``citations.json`` and ``cite/<id>.{bib,ris,json}``."""

from __future__ import annotations

from pathlib import Path

from teiedition.citation.formats import write_exports
from teiedition.citation.manifest import write_manifest
from teiedition.citation.units import CitationModel


def write_citation_files(model: CitationModel, out_dir: Path) -> list[Path]:
    """Write ``citations.json`` and ``cite/<id>.{bib,ris,json}`` (the edition as
    ``cite/edition.*`` and every paragraph) into the site folder ``out_dir``."""
    written = [write_manifest(model, out_dir / "citations.json")]
    written.extend(write_exports(model, out_dir / "cite"))
    return written
