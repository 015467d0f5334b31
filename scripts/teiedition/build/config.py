"""The build configuration: the project file and the command-line options, frozen, and the
one place that turns them into stylesheet parameters."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from teiedition import __version__
from teiedition.project import Project
from teiedition.resources import basemap as default_basemap
from teiedition.xmlio import DEFAULT_MAX_FILE_SIZE


@dataclass(frozen=True)
class BuildConfig:
    """Everything a build may vary. Tests pin ``build_date`` and ``version``."""

    project: Project
    #: Output folder of the site (default: the project's [build] output).
    out_dir: Path | None = None
    build_date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    version: str = __version__
    #: 'render' (visible fallback), 'warn' or 'fail' for elements without a template.
    unhandled: str = "render"
    #: Build the Pagefind index.
    search: bool = True
    #: TopoJSON basemap; None: the one shipped with the package.
    basemap: Path | None = None
    #: Typeset ``<text-id>.pdf`` for every text.
    pdf: bool = True
    #: PDF/A-3a, still PDF/UA-1, with the TEI source attached (default: tagged PDF/UA-1).
    archival: bool = False
    max_size: int = DEFAULT_MAX_FILE_SIZE
    #: Rebuild even when no input changed; reuse no PDF.
    force: bool = False
    #: Worker processes (PDFs; HTML pages of large corpora); None: the cores.
    jobs: int | None = None
    #: The base URI of every permalink, as the citation model resolved it (the project's
    #: base URL, else the header's ``idno[@type='URI']``); set by the build. Empty: the
    #: stylesheets read the header.
    base_uri: str = ""
    #: Build even when validation finds errors: report them, skip the documents that cannot
    #: be read, and mark every page and PDF as a draft. None: the project's
    #: ``[build] validation`` ("warn" is a draft).
    draft: bool | None = None

    @property
    def is_draft(self) -> bool:
        return self.draft if self.draft is not None else self.project.validation == "warn"

    @property
    def lang(self) -> str:
        return self.project.language

    @property
    def site(self) -> Path:
        return (self.out_dir or self.project.output).resolve()

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    @property
    def basemap_file(self) -> Path:
        return self.basemap or default_basemap()

    def replace(self, **changes: Any) -> BuildConfig:
        return dataclasses.replace(self, **changes)

    def stylesheet_params(self) -> dict[str, Any]:
        """The parameters every medium's stylesheet takes."""
        return {
            "build-date": self.build_date,
            "generator-version": self.version,
            "lang": self.lang,
            "unhandled": self.unhandled,
            "base-uri": self.base_uri,
            "draft": self.is_draft,
        }

    def recorded(self) -> dict[str, object]:
        """The options that change the output, as the build stamp records them."""
        return {
            "build_date": self.build_date, "version": self.version, "lang": self.lang,
            "unhandled": self.unhandled, "search": self.search,
            "basemap": str(self.basemap_file), "pdf": self.pdf, "archival": self.archival,
            "base_url": self.project.base_url, "max_size": self.max_size,
            "draft": self.is_draft,
        }
