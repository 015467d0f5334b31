"""Citation on the HTML pages: embedded metadata on every page and "Cite this"
for the edition and for each paragraph, checked against the exports and citeproc-py."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from lxml import html

from teiedition.citation.formats import CSL_STYLES, csl_item, formatted
from teiedition.citation.pagedata import json_ld_text
from teiedition.citation.units import CitableUnit
from teiedition.citation.units import CitationModel as Corpus
from tests.html_support import FIXTURES, edition_site, render_fixture
from tests.support import EDITION, model_of, render_site
from tests.support import load as load_docs

TEXT = "karakhan-declarations"


@pytest.fixture(scope="module")
def site() -> Path:
    return edition_site()


@functools.cache
def corpus() -> Corpus:
    return model_of(EDITION)


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "pagefind" not in p.parts)


def load(site: Path, name: str) -> html.HtmlElement:
    return html.fromstring((site / name).read_bytes())


def metas(tree: html.HtmlElement, name: str) -> list[str]:
    return [str(m.get("content")) for m in tree.xpath("/html/head/meta[@name = $n]", n=name)]


def one(tree: html.HtmlElement, name: str) -> str:
    values = metas(tree, name)
    assert len(values) == 1, (name, values)
    return values[0]


def entries() -> dict[str, CitableUnit]:
    """Register entry pages and the unit each describes."""
    return {u.page: u for u in corpus().units if u.name is not None}


def expected_item(site: Path, page: str) -> dict[str, object]:
    """The CSL-JSON item a page's metadata must agree with: the entry's for a register
    entry page, else the edition's export ``cite/edition.json``."""
    unit = entries().get(page)
    if unit is not None:
        return csl_item(unit)
    items = json.loads((site / "cite" / "edition.json").read_text(encoding="utf-8"))
    assert len(items) == 1
    return dict(items[0])


def test_every_page_embeds_metadata_that_agrees_with_csl_json(site: Path) -> None:
    pages = site_pages(site)
    assert len(pages) > 70
    assert any(p in entries() for p in pages) and f"{TEXT}.html" in pages
    info = corpus().edition
    for page in pages:
        tree = load(site, page)
        item = expected_item(site, page)
        date = "/".join(f"{part:02d}" for part in item["issued"]["date-parts"][0])
        # Highwire
        assert one(tree, "citation_title") == item["title"], page
        assert metas(tree, "citation_author") == [e["literal"] for e in item["editor"]]
        assert one(tree, "citation_publication_date") == date, page
        assert one(tree, "citation_publisher") == item["publisher"]
        assert one(tree, "citation_public_url") == item["URL"], page
        assert one(tree, "citation_pdf_url") == f"{info.base_uri}{TEXT}.pdf"
        assert one(tree, "citation_language") == item["language"] == "en"
        # Dublin Core
        assert one(tree, "DC.title") == item["title"]
        assert one(tree, "DC.type") == "Text"
        assert one(tree, "DC.identifier") == item["URL"]
        assert one(tree, "DC.date") == info.date
        assert one(tree, "DC.relation.hasVersion") == item["version"] == "1.1.0"
        assert one(tree, "DC.rights") == "https://creativecommons.org/licenses/by/4.0/"
        assert tree.xpath("/html/head/link[@rel = 'schema.DC']/@href") == [
            "http://purl.org/dc/elements/1.1/"]
        # canonical link: the page's own address
        assert tree.xpath("//link[@rel = 'canonical']/@href") == [info.base_uri + page], page
        # JSON-LD
        scripts = tree.xpath("//script[@type = 'application/ld+json']")
        assert len(scripts) == 1, page
        data = json.loads(scripts[0].text)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] in ("Book", "CreativeWork")  # the edition, a part of it
        assert (data["name"], data["url"], data["version"]) == (
            item["title"], item["URL"], item["version"]), page
        assert data["datePublished"] == info.date


def test_register_entry_pages_describe_the_entry(site: Path) -> None:
    tree = load(site, "persons/karakhan.html")
    heading = tree.xpath("string(//article[@id = 'karakhan']//h1)")
    assert heading == "Lev Mikhailovich Karakhan"
    title = one(tree, "citation_title")
    assert title == f"{corpus().edition.title}, {heading}"
    assert one(tree, "citation_public_url") == (
        "https://karakhan-edition.example.org/persons/karakhan.html#karakhan")
    # every entry page's title names the heading of that page
    for page in entries():
        tree = load(site, page)
        assert one(tree, "DC.title").endswith(", " + tree.xpath("string(//main//h1)")), page
    # pages that are not entries describe the edition
    for page in ("index.html", "chronology.html", "persons/index.html", f"{TEXT}-about.html"):
        assert one(load(site, page), "citation_title") == corpus().edition.title


def test_version_and_build_date_in_every_footer(site: Path) -> None:
    for page in site_pages(site):
        footer = load(site, page).xpath("string(//footer)")
        assert "Version 1.1.0" in footer, page
        assert "Built on 2000-01-01" in footer, page  # tests pin the build date


def test_every_page_cites_the_edition(site: Path) -> None:
    info = corpus().edition
    expected = {style: formatted(info, style) for style in CSL_STYLES}
    for page in site_pages(site):
        tree = load(site, page)
        boxes = tree.xpath("//footer//details[@id = 'cite-edition']")
        assert len(boxes) == 1, page
        box = boxes[0]
        assert box.xpath("string(summary)") == "Cite this edition"
        texts = {p.get("id").removeprefix("cite-edition-"): p.text_content()
                 for p in box.xpath(".//p[@class = 'cite-text']")}
        assert texts == expected, page
        for text in texts.values():
            assert "1.1.0" in text and info.url in text
        links = box.xpath(".//p[@class = 'cite-downloads']/a/@href")
        root = "../" * page.count("/")
        assert links == [f"{root}cite/edition.{s}" for s in ("bib", "ris", "json")], page
        for link in links:
            assert (site / page).parent.joinpath(link).resolve().is_file(), (page, link)


def test_each_paragraph_has_its_cite_control(site: Path) -> None:
    tree = load(site, f"{TEXT}.html")
    paragraphs = corpus().passages()
    assert [u.id for u in paragraphs] == [f"p{n}" for n in range(1, 9)]
    controls = tree.xpath("//details[contains(concat(' ', @class, ' '), ' cite-paragraph ')]")
    assert [c.get("id") for c in controls] == [f"cite-p{n}" for n in range(1, 9)]
    for unit, control in zip(paragraphs, controls, strict=True):
        # right after its paragraph, labelled with its ¶ number
        before = control.getprevious()
        assert before is not None and before.get("id") == unit.id
        assert control.xpath("string(summary)") == f"Cite ¶ {unit.n}"
        texts = {p.get("id").removeprefix(f"cite-{unit.id}-"): p.text_content()
                 for p in control.xpath(".//p[@class = 'cite-text']")}
        assert texts == {style: formatted(unit, style) for style in CSL_STYLES}
        for text in texts.values():
            assert "1.1.0" in text and f"#{unit.id}" in text and f"¶ {unit.n}" in text
        links = control.xpath(".//p[@class = 'cite-downloads']/a/@href")
        assert links == [f"cite/{unit.id}.{s}" for s in ("bib", "ris", "json")]
        assert all((site / link).is_file() for link in links)
        # copy buttons are there for the script to reveal, one per style
        buttons = control.xpath(".//button[@class = 'cite-copy']")
        assert [b.get("data-copy") for b in buttons] == [f"cite-{unit.id}-{s}" for s in CSL_STYLES]
        assert all(b.get("hidden") is not None for b in buttons)
    # no other page has paragraph controls
    assert not load(site, "persons/karakhan.html").xpath("//details[contains(@class, 'cite-paragraph')]")


def test_json_ld_cannot_close_its_script_element() -> None:
    data = {"name": "a </script><script>alert(1)</script> & <!-- b"}
    text = json_ld_text(data)
    assert "<" not in text
    assert json.loads(text) == data


def test_sources_without_citation_metadata_get_no_citation_markup() -> None:
    """The fixtures have no idno[@type='URI']: pages are written, without metadata."""
    out = render_fixture(FIXTURES / "prose.1.xml")
    tree = html.fromstring((out / "prose.1.html").read_bytes())
    assert tree.xpath("//p[@id = 'p1']")
    assert not tree.xpath("//link[@rel = 'canonical'] | //meta[starts-with(@name, 'citation_')]"
                          " | //script[@type = 'application/ld+json'] | //details[contains(@class, 'cite')]")


def test_hostile_title_stays_data(tmp_path: Path) -> None:
    """A title that tries to close the JSON-LD script element stays one JSON string."""
    import shutil


    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    source = edition / f"{TEXT}.xml"
    hostile = "Declarations &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    text = source.read_text(encoding="utf-8")
    old = "<title>First and Second Karakhan Declaration: a digital edition</title>"
    assert text.count(old) == 1
    source.write_text(text.replace(old, f"<title>{hostile}</title>"), encoding="utf-8")
    docs = load_docs(edition)
    out = tmp_path / "site"
    out.mkdir()
    render_site(docs, edition, out, search=False, pdf=False, basemap=Path("/nonexistent"))
    title = "Declarations </script><script>alert(1)</script> & more"
    for page in ("index.html", f"{TEXT}.html", "persons/karakhan.html"):
        tree = load(out, page)
        scripts = tree.xpath("//script[not(@src)]")
        assert [s.get("type") for s in scripts] == ["application/ld+json"], page
        assert json.loads(scripts[0].text)["name"].startswith(title), page
        assert one(tree, "citation_title").startswith(title)
