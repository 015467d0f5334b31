"""The search index's records (teiedition.rendering.search): one per citable unit with its
address, type and number; labels of definition lists and navigation left out; nested units
and the parts of an entry page that repeat other records left out; the map page's places
(no browser needed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition.rendering import search
from teiedition.rendering.search import SearchUnit
from tests.conftest import replace_in
from tests.html_support import edition_site
from tests.support import EDITION, render_site
from tests.support import load as load_docs

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def site() -> Path:
    return edition_site()


def units_of(site: Path) -> list[SearchUnit]:
    """The units the build indexes, read back from the site's citations.json."""
    import json

    data = json.loads((site / "citations.json").read_text(encoding="utf-8"))
    numbers = {"note1": "1", "fig1": "1"}
    return [SearchUnit(id=u["id"], kind=u["kind"], page=u["page"],
                       title=u["id"], n=u["n"] or numbers.get(u["id"]),
                       entry=u["kind"] not in ("paragraph", "note", "figure"))
            for u in data["units"]]


@pytest.fixture(scope="module")
def records(site: Path) -> dict[str, html.HtmlElement]:
    return {r.url: html.fromstring(r.document) for r in search.site_records(site, units_of(site))}


def marks(record: html.HtmlElement) -> dict[str, str]:
    found = {f"filter:{e.get('data-pagefind-filter')}": e.text_content()
             for e in record.xpath("//*[@data-pagefind-filter]")}
    found.update({f"meta:{e.get('data-pagefind-meta')}": e.text_content()
                  for e in record.xpath("//*[@data-pagefind-meta]")})
    return found


def indexed_text(record: html.HtmlElement) -> str:
    """The words Pagefind indexes: the body without the ignored elements."""
    body = record.xpath("//*[@data-pagefind-body]")[0]
    for ignored in body.xpath(".//*[@data-pagefind-ignore]"):
        ignored.drop_tree()
    return " ".join(body.text_content().split())


def paragraph_words(n: str) -> str:
    tree = etree.parse(str(EDITION / "karakhan-declarations.xml"))
    p = tree.find(f".//{TEI}p[@n='{n}']")
    assert p is not None
    return " ".join("".join(t for t in p.itertext() if t).split())


def test_every_paragraph_is_a_record_with_its_address_and_type(records: dict[str, html.HtmlElement]
                                                               ) -> None:
    for n in range(1, 9):
        record = records[f"karakhan-declarations.html#p{n}"]
        assert marks(record) == {"filter:type": "paragraph", "meta:title": f"p{n}",
                                 "meta:url": f"karakhan-declarations.html#p{n}",
                                 "meta:n": str(n)}
        weight = record.xpath("//*[@data-pagefind-weight]")[0].get("data-pagefind-weight")
        assert float(weight) > search.ENTRY_WEIGHT
    text = indexed_text(records["karakhan-declarations.html#p2"])
    assert "czarist government" in text and "czarist government" in paragraph_words("2")
    assert "Note 1" not in text and "¶ 2" not in text  # note calls and ¶ links are navigation
    assert "Cite ¶" not in text


def test_notes_and_entries_are_records_of_their_own(records: dict[str, html.HtmlElement]) -> None:
    note = records["karakhan-declarations.html#note1"]
    assert marks(note)["filter:type"] == "note" and marks(note)["meta:n"] == "1"
    assert "Back to the text" not in indexed_text(note)
    person = records["persons/karakhan.html#karakhan"]
    assert marks(person)["filter:type"] == "person"
    # the whole reading page is not a second record of the paragraphs' words
    rest = indexed_text(records["karakhan-declarations.html"])
    assert "czarist" not in rest and "Back to the text" not in rest
    assert "persons/karakhan.html" not in records


def test_entry_records_leave_out_labels_and_repetition(records: dict[str, html.HtmlElement]
                                                       ) -> None:
    text = indexed_text(records["persons/karakhan.html#karakhan"])
    assert "Lev Mikhailovich Karakhan" in text and "Tiflis" in text
    for label in ("Mentioned in", "Birth", "Occupation", "Names", "Person ·", "(preferred)"):
        assert label not in text, label
    assert "a digital edition, ¶ 2" not in text  # the "mentioned in" list
    record = records["persons/karakhan.html#karakhan"]
    # every value of a definition list its own block: Pagefind ends it with a full stop
    assert not record.xpath("//dd") and not record.xpath("//dt[not(@data-pagefind-ignore)]")


def test_run_in_labels_are_separated_on_a_doctored_entry() -> None:
    page = html.fromstring(
        '<html lang="en"><body><main data-pagefind-body=""><article id="x">'
        "<h1>X</h1><dl><dt>Publisher</dt><dd>Wikimedia Foundation</dd><dt>Online</dt>"
        "<dd>https://example.org/</dd></dl></article></main></body></html>")
    element = page.get_element_by_id("x")
    prepared = search._prepare(element, entry=True, weight=1)
    assert [e.tag for e in prepared.iter("dt")] == ["dt", "dt"]
    assert all(e.get("data-pagefind-ignore") == "" for e in prepared.iter("dt"))
    assert [e.text for e in prepared.iter("div")] == ["Wikimedia Foundation",
                                                      "https://example.org/"]
    # the original page is untouched
    assert [e.tag for e in element.iter("dd")] == ["dd", "dd"]


def test_other_pages_are_typed_as_pages(records: dict[str, html.HtmlElement], site: Path) -> None:
    assert marks(records["index.html"])["filter:type"] == "page"
    assert "search.html" not in records  # kept out of the index by the page itself
    assert all(not url.startswith("pagefind/") for url in records)


def test_the_index_has_one_record_per_unit(site: Path) -> None:
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    units = json.loads((site / "citations.json").read_text())["units"]
    assert entry["languages"]["en"]["page_count"] >= len(units)


def test_map_places_are_projected_consistently(site: Path) -> None:
    page = html.fromstring((site / "map.html").read_bytes())
    svg = page.xpath("//*[local-name()='svg']")[0]
    width, height = (float(v) for v in svg.get("viewbox").split()[2:])
    places = etree.parse(str(EDITION / "registers" / "places.xml"))
    coordinates = {p.get("{http://www.w3.org/XML/1998/namespace}id"):
                   tuple(float(v) for v in p.findtext(f"{TEI}location/{TEI}geo").split())
                   for p in places.iter(f"{TEI}place") if p.find(f"{TEI}location/{TEI}geo") is not None}
    markers = {a.get("href").removeprefix("places/").removesuffix(".html"):
               a.xpath("./*[local-name()='circle']")[0] for a in svg.xpath(".//*[local-name()='a']")}
    assert set(markers) == set(coordinates)  # every place with coordinates, no other
    points = [(coordinates[k], float(c.get("cx")), float(c.get("cy"))) for k, c in markers.items()]
    # the markers sit where the basemap (drawn in degrees, y = -latitude) puts them
    matrix = svg.xpath("./*[local-name()='g'][*[@class='map-land']]/@transform")[0]
    k, _, _, k2, tx, ty = (float(v) for v in re.findall(r"-?[\d.]+", matrix))
    assert k == k2 > 0
    for (lat, lon), x, y in points:
        assert abs(x - (k * lon + tx)) < 0.05 and abs(y - (k * -lat + ty)) < 0.05
    assert all(0 < x < width and 0 < y < height for _, x, y in points)
    assert 1.25 <= width / height <= 2
    # the places that cannot be drawn are named, with the reason
    unplotted = page.xpath("//section[@aria-labelledby='map-unplotted']//a/@href")
    assert "places/petrograd.html" in unplotted and "places/moscow.html" not in unplotted
    caption = page.xpath("//figcaption")[0].text_content()
    assert "today's" in caption and "Natural Earth" in caption and "npm" not in caption


def test_a_place_without_coordinates_leaves_the_map(edition_copy: Path, tmp_path: Path) -> None:
    replace_in(edition_copy / "registers" / "places.xml",
               "<location><geo>55.75204 37.61781</geo></location>", "")
    out = tmp_path / "site"
    render_site(load_docs(edition_copy), edition_copy, out, pdf=False, search=False)
    page = html.fromstring((out / "map.html").read_bytes())
    drawn = page.xpath("//*[local-name()='svg']//*[local-name()='a']/@href")
    assert "places/moscow.html" not in drawn and "places/paris.html" in drawn
    assert "places/moscow.html" in page.xpath(
        "//section[@aria-labelledby='map-unplotted']//a/@href")
