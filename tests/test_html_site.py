"""The HTML site of the real edition: register pages, chronology, map, downloads, search
index, the basemap decoder and the preview server (no browser needed)."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition.rendering import mapsvg
from teiedition.serve import make_server, url_of
from tests.html_support import edition_site
from tests.support import EDITION, render_site
from tests.support import load as load_docs


@pytest.fixture(scope="module")
def site() -> Path:
    return edition_site()


def load(site: Path, name: str) -> html.HtmlElement:
    return html.fromstring((site / name).read_bytes())


def test_register_entry_page(site: Path) -> None:
    page = load(site, "persons/karakhan.html")
    article = page.get_element_by_id("karakhan")
    assert article.tag == "article"
    assert article.xpath("string(.//h1)") == "Lev Mikhailovich Karakhan"
    langs = {e.get("lang"): e.text_content() for e in article.xpath(".//ul[@class='names']//span[@lang]")}
    assert langs["ru"] == "Лев Михайлович Карахан"
    assert langs["hy"] == "Լևոն Միքայելի Կարախանյան"
    assert langs["zh-Hant"] == "加拉罕"
    mentioned = article.xpath(".//ul[@class='mentioned-in']//a/@href")
    for para in ("p2", "p5", "p6", "p8"):
        assert f"../karakhan-declarations.html#{para}" in mentioned
    assert "../karakhan-declarations.html#fig1" in mentioned
    assert "../places/tbilisi.html" in article.xpath(".//a/@href")


def test_authority_links(site: Path) -> None:
    stalin = load(site, "persons/stalin.html").xpath("//ul[@class='identifiers']//a/@href")
    assert stalin == ["https://www.wikidata.org/wiki/Q855", "https://viaf.org/viaf/101787139"]
    moscow = load(site, "places/moscow.html").xpath("//ul[@class='identifiers']//a/@href")
    assert "https://www.geonames.org/524901" in moscow
    assert "https://www.wikidata.org/wiki/Q649" in moscow


def test_every_entry_has_a_page_and_an_index(site: Path) -> None:

    for register in sorted((EDITION / "registers").glob("*.xml")):
        ids = etree.parse(str(register)).xpath(
            "//*[starts-with(local-name(..), 'list')]/@xml:id")
        assert ids
        index = load(site, f"{register.stem}/index.html").xpath("//main//a/@href")
        for ident in ids:
            assert (site / register.stem / f"{ident}.html").is_file()
            assert f"{ident}.html" in index


def test_citations_link_to_works_cited(site: Path) -> None:
    page = load(site, "karakhan-declarations.html")
    note1 = page.get_element_by_id("note1")
    assert "bibliography/gse-karakhan.html" in note1.xpath(".//a/@href")
    cited = load(site, "bibliography/gse-karakhan.html").xpath("//ul[@class='mentioned-in']//a")
    # one text: the unit alone ("note 1", never broken), not the edition's title each time
    assert [a.text_content() for a in cited][:1] == ["note\u00a01"]


def test_chronology_is_ordered_and_linked(site: Path) -> None:
    page = load(site, "chronology.html")
    items = page.xpath("//ol[@class='chronology']/li")
    assert len(items) > 30
    dates = [li.xpath("string(.//time/@datetime)") for li in items]
    keys = [d.split("/")[0] for d in dates if d]
    assert keys == sorted(keys)
    [july] = [li for li in items if "July 25, 1919" in li.text_content()
              and li.get("id", "").startswith("karakhan-declarations-m")]  # a dated mention
    assert july.xpath("string(.//time/@datetime)") == "1919-07-25"
    assert "karakhan-declarations.html#p2" in july.xpath(".//a/@href")
    signed = [li for li in items if "Sino-Soviet Agreement of 1924" in li.text_content()
              and "1924-05-31" in li.xpath("string(.//time/@datetime)")]
    assert signed and "treaties/sino-soviet-agreement-1924.html" in signed[0].xpath(".//a/@href")


def test_map_has_every_place_with_coordinates(site: Path) -> None:
    page = load(site, "map.html")
    svg = page.xpath("//*[local-name()='svg']")[0]
    links = svg.xpath(".//*[local-name()='a']/@href")
    assert sorted(links) == sorted(f"places/{p}.html" for p in
                                   ("moscow", "paris", "tbilisi", "harbin", "beijing"))
    assert svg.xpath(".//*[local-name()='g'][@class='map-land']/*[local-name()='path']")
    # where the markers sit: tests/test_search_index.py (one projection for land and places)


def test_downloads(site: Path) -> None:
    links = load(site, "karakhan-declarations.html").xpath("//*[@class='text-links']//a/@href")
    assert "tei/karakhan-declarations.xml" in links
    assert "karakhan-declarations.pdf" in links  # the PDF edition
    assert (site / "tei" / "karakhan-declarations.xml").is_file()


def test_search_index_is_built(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] >= 70
    assert (site / "assets" / "search.js").is_file()


def test_no_external_resources(site: Path) -> None:
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        tree = html.fromstring(page.read_bytes())
        # rel=canonical and rel=schema.DC name addresses; browsers load nothing from them
        for url in tree.xpath("//script/@src | //link[not(@rel = 'canonical' or "
                              "@rel = 'schema.DC')]/@href | //img/@src"):
            assert "://" not in url and not url.startswith("//"), (page, url)


def test_basemap_decodes_topojson(tmp_path: Path) -> None:
    topo = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, ~1]]}]}},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 0], [0, 4], [4, 0]]],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(topo))
    svg = mapsvg.basemap_svg(path).decode()
    # arc 0: (10,20) (12,20) (12,22); arc ~1 reversed: (12,22) (10,22) (10,20); y = -lat
    assert 'd="M10,-20L12,-20L12,-22L10,-22L10,-20Z"' in svg


def test_basemap_crossing_the_antimeridian_is_drawn_on_both_sides() -> None:
    points = mapsvg.unwrap([(179.0, 60.0), (-179.0, 60.0), (-179.0, 65.0), (179.0, 65.0)])
    assert points == [(179.0, 60.0), (181.0, 60.0), (181.0, 65.0), (179.0, 65.0)]


def test_basemap_error_is_typed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(mapsvg.BasemapError, match="cannot read the basemap"):
        mapsvg.basemap_svg(bad)


def test_serve_binds_loopback_only(site: Path) -> None:
    import threading

    server = make_server(site, 0, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with urllib.request.urlopen(url_of(server) + "index.html", timeout=10) as response:
            assert response.status == 200
            assert b"<main" in response.read()
    finally:
        server.shutdown()
        server.server_close()


def test_serve_refuses_a_folder_without_a_site(tmp_path: Path) -> None:
    from teiedition.errors import UsageError

    with pytest.raises(UsageError, match="no built site"):
        make_server(tmp_path, 0)


def test_a_large_corpus_has_one_navigation_entry_for_its_texts(tmp_path: Path) -> None:
    """Up to 8 texts are listed in every page's navigation; more would make every page grow
    with the corpus, so the navigation then links to the list on the home page."""
    from teiedition.build.bench import Corpus, write_corpus

    edition = write_corpus(Corpus(9), tmp_path, EDITION)
    out = tmp_path / "site"
    out.mkdir()
    render_site(load_docs(edition), edition, out, pdf=False, search=False)
    for name in ("index.html", "bench-0004.html", "persons/karakhan.html"):
        nav = load(out, name).xpath("//header//nav//a")
        hrefs = [a.get("href") for a in nav]
        # no reading page (the About page of the first text is there, as always)
        assert not [h for h in hrefs if re.search(r"(bench-\d+|karakhan-declarations)\.html$", h)]
        texts = [a for a in nav if a.get("href").endswith("index.html#home-texts")]
        assert [a.text_content() for a in texts] == ["Texts"], name
        current = texts[0].get("aria-current")
        assert current == ("page" if name == "bench-0004.html" else None), name
    listed = load(out, "index.html").xpath("//ul[@class='text-list']/li/a[1]/@href")
    assert len(listed) == 9 and "bench-0004.html" in listed
