"""Shared helpers of the HTML tests: a golden-file driver and a site built once."""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree, html

from teiedition.xmlio import TEI_NS, load_document
from tests.support import EDITION, load, render_site

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures" / "html"
EXPECTED = TESTS / "expected"

#: Volatile values pinned for golden files.
PINNED = {"build_date": "2000-01-01", "version": "0.0.0-test"}


def _tempdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def render_fixture(fixture: Path, *, search: bool = False, unhandled: str = "render") -> Path:
    """Build a one-text edition from ``fixture`` (no registers) and return its site folder."""
    edition = _tempdir("edition-")
    shutil.copy(fixture, edition / fixture.name)
    docs = [load_document(edition / fixture.name)]
    assert docs[0].usable, docs[0].problems
    out = _tempdir("site-")
    render_site(docs, edition, out, build_date=PINNED["build_date"], version=PINNED["version"],
                search=search, basemap=Path("/nonexistent"), unhandled=unhandled, pdf=False)
    return out


def reading_page(fixture: Path) -> str:
    return (render_fixture(fixture) / f"{fixture.stem}.html").read_text(encoding="utf-8")


@functools.cache
def edition_site() -> Path:
    """The real edition built once per test session (with the search index)."""
    from teiedition.validation.validate import validate_documents
    from tests.support import PROJECT

    docs = load(EDITION)
    report = validate_documents(docs, PROJECT)
    assert report.ok, [d.format() for d in report.diagnostics]
    out = _tempdir("edition-site-")
    render_site(docs, EDITION, out, **PINNED)  # as the build writes its staging folder
    return out


def page_text(page: str) -> str:
    """The visible text of an HTML page (templates and scripts left out), spaces collapsed."""
    tree = html.fromstring(page)
    for bad in tree.xpath("//template | //script | //style | //head"):
        bad.getparent().remove(bad)
    return re.sub(r"\s+", " ", tree.text_content())


def source_text_nodes(tei_file: Path) -> list[str]:
    """Every non-blank text node inside <text>, whitespace collapsed."""
    tree = etree.parse(str(tei_file))
    nodes = tree.xpath("//tei:text//text()", namespaces={"tei": TEI_NS})
    return [re.sub(r"\s+", " ", str(n)).strip() for n in nodes if str(n).strip()]
