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


CALLER = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:f="urn:teiedition:functions"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="#all">
  {includes}
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:value-of select="{expression}" separator="|"/>
  </xsl:template>
</xsl:stylesheet>"""


def call_xslt(expression: str, document: str, modules: list[str], declarations: str = ""
              ) -> str:
    """Evaluate an XPath expression over ``document`` with the stylesheet ``modules`` (paths
    under transforms/) included and ``declarations`` (XSLT) added: the XSLT functions called
    one by one through saxonche."""
    from xml.sax.saxutils import escape

    from teiedition import saxon
    from teiedition.resources import transforms_dir

    includes = "".join(f'<xsl:include href="{(transforms_dir() / m).as_uri()}"/>'
                       for m in modules)
    text = CALLER.format(includes=includes + declarations,
                         expression=escape(expression, {'"': "&quot;"}))
    executable = saxon.compile_text(text, "caller")
    return saxon.transform(executable, saxon.parse(document), name="caller")
