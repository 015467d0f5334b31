"""Shared helpers of the HTML tests: a golden-file driver and a site built once."""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path

from lxml import etree, html

from teiedition.citation import write_citation_files
from teiedition.paths import DEFAULT_EDITION_DIR
from teiedition.site import SiteOptions, write_site
from teiedition.xmlio import TEI_NS, load_document

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
    write_site(docs, edition, out, SiteOptions(
        build_date=PINNED["build_date"], version=PINNED["version"], search=search,
        basemap=Path("/nonexistent"), unhandled=unhandled, pdf=False))
    return out


def reading_page(fixture: Path) -> str:
    return (render_fixture(fixture) / f"{fixture.stem}.html").read_text(encoding="utf-8")


@functools.cache
def edition_site() -> Path:
    """The real edition built once per test session (with the search index)."""
    from teiedition.validate import load_sources, validate_documents

    docs = load_sources([], DEFAULT_EDITION_DIR, 16 * 1024 * 1024)
    report = validate_documents(docs)
    assert report.ok, [d.format() for d in report.diagnostics]
    out = _tempdir("edition-site-")
    tei = out / "tei"
    for doc in docs:
        target = tei / doc.path.resolve().relative_to(DEFAULT_EDITION_DIR.resolve())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(doc.data)
    write_site(docs, DEFAULT_EDITION_DIR, out, SiteOptions(**PINNED))
    write_citation_files(docs, out, edition_dir=DEFAULT_EDITION_DIR)  # as the build does
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
