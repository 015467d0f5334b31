"""HTML transform: golden files, every text node reaches the page, safe links, fallback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import html

from teiedition.errors import TransformError
from tests.html_support import EXPECTED, FIXTURES, page_text, reading_page, render_fixture
from tests.html_support import source_text_nodes as text_nodes

FIXTURE_FILES = sorted(FIXTURES.glob("*.xml"))


def test_there_are_fixtures_of_every_kind() -> None:
    kinds = {f.name.split(".")[0] for f in FIXTURE_FILES}
    assert {"prose", "letter", "verse", "drama", "apparatus"} <= kinds


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.stem)
def test_golden(fixture: Path) -> None:
    """tests/fixtures/html/<feature>.<n>.xml -> tests/expected/<feature>.<n>.html.

    Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
    """
    page = reading_page(fixture)
    expected = EXPECTED / f"{fixture.stem}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(page, encoding="utf-8")
    assert expected.is_file(), f"missing golden file {expected}; run with UPDATE_GOLDEN=1"
    assert page == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.stem)
def test_every_text_node_reaches_the_page(fixture: Path) -> None:
    text = page_text(reading_page(fixture))
    missing = [node for node in text_nodes(fixture) if node not in text]
    assert not missing


def test_unhandled_elements_render_visibly() -> None:
    tree = html.fromstring(reading_page(FIXTURES / "prose.1.xml"))
    fallback = tree.xpath("//*[@data-tei='mysteryElement']")
    assert len(fallback) == 1
    assert "tei-unhandled" in fallback[0].get("class")
    assert fallback[0].text_content() == "mystery words stay"


def test_strict_mode_fails_on_unhandled_elements() -> None:
    with pytest.raises(TransformError, match=r"unhandled element <num> \(/corpus\[1\]/doc"):
        render_fixture(FIXTURES / "prose.1.xml", unhandled="fail")


def test_no_script_links_from_source_values() -> None:
    page = reading_page(FIXTURES / "prose.1.xml")
    tree = html.fromstring(page)
    hrefs = tree.xpath("//@href | //@src")
    assert "https://example.org/a" in hrefs
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert "javascript:" not in page
    # the unsafe link keeps its text, without a link
    assert "unsafe one" in page_text(page)
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")


def test_paragraphs_notes_and_figures_keep_their_ids() -> None:
    tree = html.fromstring(reading_page(FIXTURES / "prose.1.xml"))
    assert tree.get_element_by_id("p1").tag == "p"
    assert tree.get_element_by_id("p1").xpath("a[@class='pnum']/text()") == ["¶ 1"]
    assert tree.get_element_by_id("n1").tag == "li"
    assert tree.xpath("//a[@id='n1-ref']/@href") == ["#n1"]
    assert tree.xpath("//li[@id='n1']//a[@class='backref']/@href") == ["#n1-ref"]
    assert tree.get_element_by_id("fig1").tag == "figure"
    assert "Image not available" in tree.get_element_by_id("fig1").text_content()
    # a pointer to another paragraph of the same text becomes an in-page link
    assert tree.xpath("//a[. = 'pointer to paragraph one']/@href") == ["#p1"]


def test_about_page_from_header() -> None:
    site = render_fixture(FIXTURES / "prose.1.xml")
    about = page_text((site / "prose.1-about.html").read_text(encoding="utf-8"))
    for expected in ("Test Editor", "Version 0.1", "3 February 2020", "Fixture press",
                     "No licence link may be a script.", "Written for the transform tests.",
                     "First draft."):
        assert expected in about


def test_every_page_has_csp_skip_link_and_landmarks() -> None:
    site = render_fixture(FIXTURES / "letter.1.xml")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        tree = html.fromstring(page.read_text(encoding="utf-8"))
        csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "script-src 'self'" in csp[0] and "unsafe-inline" not in csp[0], page
        assert tree.xpath("//a[@class='skip-link']/@href") == ["#main"], page
        assert tree.xpath("//main[@id='main']") and tree.xpath("//nav"), page
        assert tree.xpath("//header"), page
        assert not tree.xpath("//script[not(@src)]"), f"inline script in {page}"
        assert not tree.xpath("//@style"), f"inline style in {page}"
