"""What a scholar follows on the site: the works cited as a CSL-formatted bibliography, the
chronology of history, register entries without repetition, one base URL for every
permalink, and the punctuation of the formatted citations (no browser needed)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition.citation import formats
from teiedition.citation.units import reserved_host
from teiedition.citation.works import works_cited
from tests.html_support import edition_site
from tests.support import EDITION
from tests.support import load as load_docs

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def site() -> Path:
    return edition_site()


def load(site: Path, name: str) -> html.HtmlElement:
    return html.fromstring((site / name).read_bytes())


def text_of(element: html.HtmlElement) -> str:
    """The element's text, runs of ASCII white space as one space (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


# ------------------------------------------------------------------------- works cited

def works_in_sources() -> dict[str, etree._Element]:
    tree = etree.parse(str(EDITION / "registers" / "bibliography.xml"))
    return {str(b.get("{http://www.w3.org/XML/1998/namespace}id")): b
            for b in tree.iterfind(".//t:listBibl/t:bibl", TEI)}


def test_works_cited_is_a_sorted_bibliography_with_every_url_a_link(site: Path) -> None:
    index = load(site, "bibliography/index.html")
    items = index.xpath("//main//li[contains(@class, 'work-reference')]")
    works = works_in_sources()
    assert len(items) == len(works)
    for section in index.xpath("//main//ul[@class='entry-list']"):
        keys = [re.sub(r"[^\w\s]", "", text_of(li)).casefold()
                for li in section.xpath("li")]
        assert keys == sorted(keys), "each list is sorted by author or title"
    for bibl in works.values():
        for url in bibl.xpath("t:ref/@target", namespaces=TEI):
            assert index.xpath("//main//a[@href=$u][normalize-space()=$u]", u=url), url


def test_duplicate_titles_are_told_apart_by_their_container(site: Path) -> None:
    index = load(site, "bibliography/index.html")
    texts = [text_of(li) for li in index.xpath("//main//li[contains(@class, 'work-reference')]")]
    lev = [t for t in texts if t.startswith("“Lev Karakhan.”")]
    assert len(lev) == 2
    assert any("The Great Soviet Encyclopedia" in t and "1979" in t for t in lev)
    assert any("Wikipedia" in t for t in lev)
    manifesto = [t for t in texts if t.startswith("“Karakhan Manifesto.”")]
    assert len(manifesto) >= 2 and len(set(manifesto)) == len(manifesto)


def test_work_entry_page_shows_the_reference_where_it_is_cited_and_links_out(site: Path) -> None:
    page = load(site, "bibliography/frus-1920-v01-d804.html")
    main = text_of(page.xpath("//main")[0])
    reference = page.xpath("//p[@class='work-reference']")[0]
    assert "Papers Relating to the Foreign Relations of the United States, 1920" in text_of(reference)
    assert "No. 804" in text_of(reference)
    assert reference.xpath(".//a/@href") == ["https://history.state.gov/historicaldocuments/frus1920v01/d804"]
    cited = page.xpath("//ul[@class='mentioned-in']//a")
    assert [a.get("href") for a in cited] == ["../karakhan-declarations.html#note7"]
    for raw in ("(a)", "(m)", "Part 804", "Part: 804"):
        assert raw not in main, raw
    # the note's citation links to the entry
    text = load(site, "karakhan-declarations.html")
    assert text.xpath("//a[@href='bibliography/frus-1920-v01-d804.html']")


def test_no_raw_tei_codes_on_any_work_page(site: Path) -> None:
    for ident in works_in_sources():
        main = text_of(load(site, f"bibliography/{ident}.html").xpath("//main")[0])
        assert not re.search(r"\((?:a|m|j|s|u)\)|\bPart\b", main), ident


def test_the_pdf_and_the_pages_share_the_formatted_references(site: Path) -> None:
    docs = load_docs(EDITION)
    from teiedition.build.corpus import enrich

    corpus = enrich(docs, EDITION.resolve())
    works = etree.fromstring(works_cited(corpus.entries()).encode())
    elleman = works.find("{urn:teiedition:site}work[@key='bibliography/elleman-1997']")
    assert elleman is not None
    # given names kept whole (the style's initialize="false"), the book title in italics
    assert "".join(elleman.itertext()).startswith("Elleman, Bruce A. Diplomacy and Deception")
    assert elleman.findtext("{urn:teiedition:site}i", "").startswith("Diplomacy and Deception")
    page = load(site, "bibliography/elleman-1997.html")
    assert page.xpath("//p[@class='work-reference']/i/text()") == [elleman.findtext(
        "{urn:teiedition:site}i")]


# -------------------------------------------------------------------------- chronology

def chronology(site: Path) -> list[html.HtmlElement]:
    return load(site, "chronology.html").xpath("//li[contains(@class, 'chronology-item')]")


def test_chronology_has_no_dates_of_works_cited(site: Path) -> None:
    hrefs = [h for li in chronology(site) for h in li.xpath(".//a/@href")]
    assert not [h for h in hrefs if h.startswith("bibliography/")]
    dates = [text_of(li.xpath(".//*[@class='chronology-date']")[0]) for li in chronology(site)]
    for publication in ("1979", "1997", "April 2016", "30 November 2026", "1951"):
        assert publication not in dates, publication


def test_chronology_has_one_item_per_date_and_referent(site: Path) -> None:
    keys = []
    for li in chronology(site):
        date = li.xpath(".//time/@datetime") or [text_of(li.xpath(".//*[@class='chronology-date']")[0])]
        referent = li.xpath(".//*[@class='chronology-what']/a[1]/@href") or [""]
        keys.append((date[0], referent[0]))
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    china = [li for li in chronology(site)
             if li.xpath(".//a[@href='organisations/republic-of-china.html']")
             and li.xpath(".//*[@class='chronology-date']//text()[contains(., '1912')]")]
    assert len(china) == 1
    september = [li for li in chronology(site) if text_of(li).startswith("September 1920 ")]
    assert len(september) == 1


def test_chronology_labels_explain_themselves_and_numbers_do_not_break(site: Path) -> None:
    for li in chronology(site):
        text = text_of(li)
        assert "Date:" not in text, text
        assert not re.search(r"\b(Birth|Death): .* — (Born|Died)", text), text
        for unit in li.xpath(".//*[@class='chronology-units']//a"):
            label = unit.text_content()
            assert " " not in label and ("¶\u00a0" in label or "\u00a0" in label), label


# ------------------------------------------------------------------- register entries

def test_entry_does_not_repeat_a_date_its_text_gives(site: Path) -> None:
    page = load(site, "persons/karakhan.html")
    dates = text_of(page.xpath("//dl[@class='dates']")[0])
    assert dates.count("1 February 1889") == 1
    assert "Born on 1 February 1889" in dates


def test_entry_occupations_share_one_row(site: Path) -> None:
    page = load(site, "persons/karakhan.html")
    labels = page.xpath("//dl[@class='details']/dt/text()")
    assert labels.count("Occupation") == 1
    row = page.xpath("//dl[@class='details']/dt[.='Occupation']/following-sibling::dd[1]")[0]
    assert len(row.xpath(".//li")) == 4


def test_mentioned_in_gives_the_paragraph_and_its_context(site: Path) -> None:
    page = load(site, "persons/karakhan.html")
    items = page.xpath("//ul[@class='mentioned-in']/li")
    title = text_of(load(site, "karakhan-declarations.html").xpath("//h1")[0])
    p8 = next(li for li in items if li.xpath("a[@href='../karakhan-declarations.html#p8']"))
    assert text_of(p8.xpath("a")[0]) == "¶\u00a08"
    assert title not in text_of(p8)
    assert p8.xpath(".//mark/text()") == ["Leo Karakhan"]
    assert "executed by Stalin" in text_of(p8.xpath(".//*[@class='kwic']")[0])


def test_entries_link_to_previous_and_next_in_index_order(site: Path) -> None:
    index = [h for h in load(site, "persons/index.html").xpath("//main//ul[@class='entry-list']/li/a/@href")]
    assert len(index) >= 3
    middle = load(site, f"persons/{index[1]}")
    assert middle.xpath("//a[@rel='prev']/@href") == [index[0]]
    assert middle.xpath("//a[@rel='next']/@href") == [index[2]]
    first = load(site, f"persons/{index[0]}")
    assert first.xpath("//a[@rel='prev']") == []


# ----------------------------------------------------------------------------- base URL

@pytest.mark.parametrize(("url", "reserved"), [
    ("https://karakhan-edition.example.org/", True), ("https://example.com/x/", True),
    ("http://a.example.net/", True), ("https://edition.example/", True),
    ("https://x.test/", True), ("https://x.invalid/", True), ("http://localhost/", True),
    ("https://edition.test-host.org/k/", False), ("https://example.org.uni.edu/", False),
    ("https://notexample.com/", False),
])
def test_reserved_hosts(url: str, reserved: bool) -> None:
    assert (reserved_host(url) is not None) is reserved


def files_with(root: Path, needle: bytes) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and not p.is_relative_to(root / "pagefind")
                  and needle in p.read_bytes())


def build(out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    import sys

    return subprocess.run([sys.executable, "-c", "from teiedition.cli import cli; cli()",
                           "build", "--out", str(out),
                           "--no-search", "--force", *options], capture_output=True,
                          text=True, check=False, cwd=EDITION.parent)


def test_base_url_reaches_every_output_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "site"
    run = build(out, "--no-pdf", "--base-url", "https://edition.test-host.org/k")
    assert run.returncode == 0, run.stderr
    assert "RFC 2606" not in run.stdout + run.stderr
    assert files_with(out, b"example.org") == []
    for name in ("citations.json", "cite/edition.bib", "cite/p2.ris", "cite/p2.json",
                 "dts/index.json", "tei/karakhan-declarations.xml", "index.html",
                 "karakhan-declarations-about.html"):
        assert b"https://edition.test-host.org/k/" in (out / name).read_bytes(), name
    page = load(out, "persons/karakhan.html")
    assert page.xpath("//link[@rel='canonical']/@href") == [
        "https://edition.test-host.org/k/persons/karakhan.html"]
    # links inside the site stay relative
    assert not [h for h in page.xpath("//body//a/@href") if "test-host" in h]


def test_a_reserved_host_gets_a_located_warning(tmp_path: Path) -> None:
    run = build(tmp_path / "site", "--no-pdf")
    assert run.returncode == 0, run.stderr
    warning = [line for line in (run.stdout + run.stderr).splitlines() if "RFC 2606" in line]
    assert len(warning) == 1
    assert re.search(r"karakhan-declarations\.xml:\d+:\d+: publicationStmt/idno", warning[0])
    run = build(tmp_path / "other", "--no-pdf", "--base-url", "https://x.example.com/")
    assert run.returncode == 0
    assert "--base-url: the base URL https://x.example.com/" in run.stdout + run.stderr
    run = build(tmp_path / "bad", "--no-pdf", "--base-url", "javascript:alert(1)")
    assert run.returncode == 2 and "not an absolute http(s) URL" in run.stderr


@pytest.mark.slow
def test_base_url_reaches_the_pdf(tmp_path: Path) -> None:
    out = tmp_path / "site"
    run = build(out, "--base-url", "https://edition.test-host.org/k/")
    assert run.returncode == 0, run.stderr
    assert files_with(out, b"example.org") == []
    text = subprocess.run(["pdftotext", str(out / "karakhan-declarations.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "example.org" not in text
    assert "https://edition.test-host.org/k/karakhan-declarations.html" in text


# ------------------------------------------------------------------------- punctuation

def test_period_inside_quotation_marks_where_the_locale_says_so() -> None:
    assert formats.punctuation_in_quote("chicago") and formats.punctuation_in_quote("mla")
    assert formats.quote_punctuation("“Title”. Next", True) == "“Title.” Next"
    assert formats.quote_punctuation("“Title.”. Next", True) == "“Title.” Next"
    assert formats.quote_punctuation("“Title”. Next", False) == "“Title”. Next"
    item = {"id": "x", "type": "webpage", "title": "A Page", "container-title": "A Site",
            "URL": "https://host.name/page"}
    for style in ("chicago", "mla"):
        text = formats._format_item(dict(item), style)
        assert "“A Page.”" in text, text
        assert "”." not in text, text


def test_apa_does_not_call_the_edition_a_dataset() -> None:
    from teiedition.build.corpus import enrich
    from teiedition.citation.units import citation_model

    model = citation_model(enrich(load_docs(EDITION), EDITION.resolve()))
    apa = formats.formatted(model.edition, "apa")
    assert "Dataset" not in apa and "(Version 1.1.0)" in apa
    chicago = formats.formatted(model.passage("p2") or model.edition, "chicago")
    assert "¶ 2" in chicago and "”." not in chicago
