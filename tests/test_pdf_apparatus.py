"""The PDF's apparatus as a printed edition sets it: works cited, registers, index, measure,
alignment, full pages, and every word of the source in the text layer.

The edition is typeset once for the module (with the works cited formatted by CSL, as the
build does); word positions come from ``pdftotext -bbox``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from teiedition.build.config import BuildConfig
from teiedition.rendering import pdf
from tests.support import PROJECT
from tests.support import enriched as enriched_of

from .conftest import EDITION, NS

pytestmark = pytest.mark.slow
pikepdf = pytest.importorskip("pikepdf")
if shutil.which("pdftotext") is None:  # pragma: no cover - setup.sh installs poppler
    pytest.skip("pdftotext is not installed (Debian: poppler-utils)", allow_module_level=True)

TEXT_ID = "karakhan-declarations"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def body(self) -> bool:
        """Set in the text's size (10.5 pt), not in the notes' or the heads' smaller one."""
        return 13 < self.y1 - self.y0 < 16


@dataclass
class Book:
    path: Path
    pages: list[str]
    words: list[list[Word]]  # per page
    dests: dict[str, int]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    corpus = enriched_of(EDITION)
    entry = next(e for e in corpus.texts if e.id == TEXT_ID)
    config = BuildConfig(PROJECT, build_date="2026-11-27", version="1.0.0")
    warnings: list[str] = []
    options = pdf.PdfOptions(params=config.stylesheet_params(), version=config.version,
                             works=pdf.works_cited(corpus.entries(), warnings))
    assert warnings == []
    out = tmp_path_factory.mktemp("apparatus")
    result = pdf.write_pdf(corpus.tree, pdf.PdfText(entry.id, entry.path, entry.source.data),
                           out, options)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(result.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    bbox = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(result.path), "-"],
                          capture_output=True, check=True).stdout
    tree = etree.fromstring(bbox)
    words = [[Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")),
                   float(w.get("xMax")), float(w.get("yMax"))) for w in page.iter(f"{XHTML}word")]
             for page in tree.iter(f"{XHTML}page")]
    yield Book(result.path, text.split("\f")[:-1], words, result.destinations)


def flat(text: str) -> str:
    return " ".join(text.split())


def part(book: Book, start: str, end: str | None) -> str:
    last = book.dests[end] - 1 if end else len(book.pages)
    return "\n".join(book.pages[book.dests[start] - 1:last])


def test_works_cited_are_a_chicago_bibliography_sorted_with_links(book: Book) -> None:
    works = flat(part(book, "works-cited", "index"))
    # Chicago: author inverted, titles in quotation marks with the period inside
    assert "Whiting, A. S. “The Soviet Offer to China of 1919.” The Far Eastern Quarterly, 1951." \
        in works
    assert "“Lev Karakhan.” The Great Soviet Encyclopedia, 1979." in works
    assert "“The Great Soviet Encyclopedia." not in works  # no substitute in the author's place
    # sorted by author or title (leading quotation marks ignored)
    heads = ["Elleman, B", "“First and Second Karakhan Declaration.”", "“Lev Karakhan.” The Great",
             "Whiting, A. S."]
    assert [works.index(h) for h in heads] == sorted(works.index(h) for h in heads)
    with pikepdf.open(book.path) as doc:
        uris = {str(a.A.URI) for page in doc.pages for a in page.get("/Annots", [])
                if a.get("/A") is not None and "/URI" in a.A}
    assert "https://en.wikipedia.org/wiki/Lev_Karakhan" in uris


def test_registers_run_on_compact_and_say_boilerplate_once(book: Book) -> None:
    registers = flat(part(book, "registers", "chronology"))
    assert "No authority identifier" not in registers
    assert registers.count("has none that the editors could verify") == 1
    assert "Joseph Stalin (18 December 1878 – 5 March 1953)" in registers
    assert "https://www.wikidata.org" not in registers  # identifiers are links, not URLs
    # registers run on: a register starts on the page where the previous one ends
    assert book.dests["register-places"] - book.dests["register-persons"] <= 1


def test_register_entries_say_each_label_and_each_date_once(book: Book) -> None:
    """Details with the same label share one paragraph ("Occupation: …; …"), and a date
    that the detail's own words give is not printed again before or after them."""
    registers = flat(part(book, "registers", "chronology"))
    karakhan = registers[registers.index("Lev Mikhailovich Karakhan ("):]
    karakhan = karakhan[:karakhan.index("In the text:")]
    assert karakhan.count("Occupation:") == 1
    tree = etree.parse(str(EDITION / "registers" / "persons.xml"))
    occupations = tree.xpath("//tei:person[@xml:id = 'karakhan']/tei:occupation", namespaces=NS)
    assert len(occupations) == 4
    for occupation in occupations:  # every occupation is there, in the source's order
        assert flat(occupation.xpath("string()")) in karakhan
    starts = [karakhan.index(flat(o.xpath("string()"))) for o in occupations]
    assert starts == sorted(starts)
    # "Birth: Born on 1 February 1889 …", not "Birth: 1 February 1889. Born on …"
    assert karakhan.count("1 February 1889") == 2  # the heading's dates and the birth's words
    assert "Birth: Born on 1 February 1889" in karakhan
    assert "Death: Shot in Moscow on 20 September 1937" in karakhan
    # a date the words do not give is printed after them
    assert "China (September 1923 to August 1926);" in karakhan


def test_index_names_persons_surname_first_with_paragraphs(book: Book) -> None:
    index = part(book, "index", None)
    assert re.search(r"(?m)^Stalin, Joseph ¶ 8 p\. \d+$", index)
    assert re.search(r"(?m)^Karakhan, Lev Mikhailovich figure 1, ¶ 2, ¶ 5, ¶ 6, ¶ 8 p\. ", index)


def text_pages(book: Book) -> range:
    return range(book.dests["article"] - 1, book.dests["registers"] - 1)


def body_lines(book: Book, index: int) -> list[list[Word]]:
    """The lines of the running text on a page (words in the text's size, without the ¶
    numbers in the margin), each a list of words."""
    lines: dict[float, list[Word]] = {}
    for word in book.words[index]:
        if word.body:
            lines.setdefault(round(word.y0), []).append(word)
    margin = [w for w in book.words[index] if w.text == "¶"]
    return [[w for w in line if not any(abs(w.y0 - m.y0) < 1 and w.x0 < m.x1 + 12
                                        for m in margin)]
            for _, line in sorted(lines.items())]


def test_measure_is_at_most_about_75_characters(book: Book) -> None:
    lengths = [len(" ".join(w.text for w in line))
               for index in text_pages(book) for line in body_lines(book, index) if line]
    assert lengths and max(lengths) <= 78, max(lengths)
    assert sorted(lengths)[len(lengths) // 2] >= 60  # and the lines are full


def test_footnotes_and_running_heads_align_with_the_text_block(book: Book) -> None:
    for index in text_pages(book):
        body = [w for line in body_lines(book, index) for w in line]
        left = min(w.x0 for w in body)
        right = max(w.x1 for w in body)
        words = book.words[index]
        head = min(words, key=lambda w: w.y0)
        assert abs(head.x0 - left) < 0.5  # the running head starts at the text's edge
        assert max(w.x1 for w in words) <= right + 0.5  # nothing runs past the text block
        footer = max(w.y0 for w in words)
        below = max(w.y0 for w in body)
        notes = [w for w in words if not w.body and below < w.y0 < footer - 1]
        if notes:  # the footnotes' frame is the text block: same left edge, same measure
            assert abs(min(w.x0 for w in notes) - left) < 0.5
            assert right - 40 < max(w.x1 for w in notes) <= right + 0.5


def test_no_short_page_except_where_a_part_ends(book: Book) -> None:
    ends = {book.dests[d] - 1 for d in ("contents", "about", "article", "registers",
                                         "chronology", "works-cited", "index")} - {0}
    for number, page in enumerate(book.pages[1:], start=2):
        lines = [line for line in page.splitlines() if line.strip()]
        if number not in ends and number != len(book.pages):
            assert len(lines) >= 8, f"page {number} holds {len(lines)} lines"


def test_every_word_of_the_source_is_in_the_text_layer(book: Book) -> None:
    whole = flat("\n".join(book.pages))
    tree = etree.parse(str(EDITION / f"{TEXT_ID}.xml"))
    missing = [word for node in tree.xpath("//tei:text//text()", namespaces=NS)
               for word in node.split() if word not in whole]
    assert missing == []


def test_a_worker_process_formats_the_same_works_cited() -> None:
    """A worker reads the enriched corpus as XML text; its works cited are the build's."""
    corpus = enriched_of(EDITION)
    from_xml = pdf.works_cited(pdf.corpus_entries(etree.fromstring(corpus.xml().encode())))
    assert from_xml == pdf.works_cited(corpus.entries()) != ""
