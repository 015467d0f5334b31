"""Shortcuts the tests share: the repository's project, and the library's stages run on any
edition folder (a copy, a fixture) with the repository's schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from teiedition.build.config import BuildConfig
from teiedition.build.corpus import EnrichedCorpus, enrich
from teiedition.build.orchestrator import BuildResult, render
from teiedition.citation.units import CitationModel, citation_model
from teiedition.project import Project, find_project
from teiedition.validation.validate import load_sources
from teiedition.xmlio import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
PROJECT = find_project(ROOT)
EDITION = PROJECT.sources
MAX = 16 * 1024 * 1024


def project_for(edition: Path) -> Project:
    """The repository's project reading its TEI from ``edition``."""
    return PROJECT.with_sources(edition)


def load(edition: Path = EDITION) -> list[SourceDocument]:
    return load_sources([], project_for(edition), MAX)


def enriched(edition: Path = EDITION, docs: list[SourceDocument] | None = None
             ) -> EnrichedCorpus:
    return enrich(load(edition) if docs is None else docs, edition)


def model_of(edition: Path = EDITION) -> CitationModel:
    """The citation model of an edition folder (the pipeline run over it)."""
    return citation_model(enriched(edition))


def render_site(docs: list[SourceDocument], edition: Path, out: Path, **config: Any
                ) -> BuildResult:
    """Every output of ``docs`` into ``out``, as the build writes it into its staging."""
    return render(docs, BuildConfig(project_for(edition), **config), out)
