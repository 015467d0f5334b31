"""The PDF edition: text, numbering, footnotes, index, navigation, fonts, metadata.

The real edition is typeset once per session in both variants (tagged PDF/UA-1 and
archival PDF/A-3a + PDF/UA-1) into a temporary folder. Page text comes from poppler's
``pdftotext`` (one string per page), structure from pikepdf, fonts from ``pdffonts``;
``qpdf --check`` must pass. Tests skip with a reason when those tools are missing.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from teiedition.build.config import BuildConfig
from teiedition.rendering import pdf
from tests.support import PROJECT
from tests.support import enriched as enriched_of

from .conftest import EDITION, NS

pytestmark = pytest.mark.slow

pikepdf = pytest.importorskip("pikepdf")
for tool in ("pdftotext", "pdffonts", "qpdf"):
    if shutil.which(tool) is None:  # pragma: no cover - setup.sh installs them
        pytest.skip(f"{tool} is not installed (Debian: poppler-utils, qpdf)",
                    allow_module_level=True)

TEXT_ID = "karakhan-declarations"
SOURCE = EDITION / f"{TEXT_ID}.xml"
PINNED = {"build_date": "2026-11-27", "version": "1.0.0"}


def pdf_options(archival: bool = False) -> pdf.PdfOptions:
    config = BuildConfig(PROJECT, archival=archival, **PINNED)
    return pdf.PdfOptions(params=config.stylesheet_params(), version=config.version,
                          archival=archival)


@dataclass
class Typeset:
    path: Path
    pages: list[str]  # text of each page (pdftotext), index 0 = page 1
    book: Any  # lxml tree of the book before it is written as Typst (every mention, every id)
    dests: dict[str, int]  # named destination -> page number (1-based)
    warnings: list[str]


def _page_texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


def flat(text: str) -> str:
    """Text with whitespace collapsed (a line broken after a hyphen joined again; the
    edition does not hyphenate)."""
    return " ".join(re.sub(r"(?<=\w)-\n(?=\w)", "-", text).split())


def _dests(path: Path) -> dict[str, int]:
    with pikepdf.open(path) as doc:
        numbers = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
        tree = pikepdf.NameTree(doc.Root.Names.Dests)
        return {str(name): numbers[dest[0].objgen] for name, dest in tree.items()}


@pytest.fixture(scope="session")
def typeset() -> Iterator[dict[str, Typeset]]:
    corpus = enriched_of(EDITION)
    enriched = corpus.tree
    entry = next(e for e in corpus.texts if e.id == TEXT_ID)
    text = pdf.PdfText(entry.id, entry.path, entry.source.data)
    out = Path(tempfile.mkdtemp(prefix="pdf-test-"))
    result: dict[str, Typeset] = {}
    try:
        for variant, archival in (("default", False), ("archival", True)):
            folder = out / variant
            folder.mkdir()
            options = pdf_options(archival=archival)
            written = pdf.write_pdf(enriched, text, folder, options)
            result[variant] = Typeset(
                written.path, _page_texts(written.path),
                etree.fromstring(pdf.book(enriched, text, options).encode()),
                _dests(written.path), written.warnings)
        yield result
    finally:
        shutil.rmtree(out, ignore_errors=True)


@pytest.fixture(scope="session")
def default(typeset: dict[str, Typeset]) -> Typeset:
    return typeset["default"]


def tei() -> Any:
    return etree.parse(str(SOURCE))


def paragraph_text(p: Any, numbers: dict[Any, int]) -> str:
    """A paragraph's text as printed: each footnote replaced by its call number."""
    parts: list[str] = [p.text or ""]
    for child in p:
        if child.tag == f"{{{NS['tei']}}}note":
            parts.append(str(numbers[child]))
        else:
            parts.append(paragraph_text(child, numbers))
        parts.append(child.tail or "")
    return "".join(parts)


def numbered_notes(tree: Any) -> dict[Any, int]:
    notes = tree.xpath("//tei:text//tei:note[not(parent::tei:figure)]", namespaces=NS)
    return {note: n for n, note in enumerate(notes, start=1)}


# --- text and numbering -----------------------------------------------------------------

TITLE = "First and Second Karakhan Declaration: a digital edition"


def running_text(ts: Typeset) -> str:
    """The text pages without running heads, footers, margin numbers and footnotes, as one
    flow: the words set in the text's size (``pdftotext -bbox``), line by line."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(ts.dests["article"]),
                          "-l", str(ts.dests["registers"] - 1), str(ts.path), "-"],
                         capture_output=True, check=True).stdout
    xhtml = "{http://www.w3.org/1999/xhtml}"
    flow: list[str] = []
    for page in etree.fromstring(out).iter(f"{xhtml}page"):
        words = list(page.iter(f"{xhtml}word"))
        margin = [float(w.get("yMin")) for w in words if w.text == "¶"]
        for word in words:
            y0, y1 = float(word.get("yMin")), float(word.get("yMax"))
            in_margin = any(abs(y0 - m) < 1 for m in margin) and \
                (word.text == "¶" or ((word.text or "").isdigit() and float(word.get("xMax")) < 120))
            if 13 < y1 - y0 < 16 and not in_margin:
                flow.append(word.text or "")
    return flat(" ".join(flow))


def test_every_paragraph_is_in_the_pdf_on_the_page_of_its_destination(default: Typeset) -> None:
    tree = tei()
    numbers = numbered_notes(tree)
    whole = running_text(default)
    for p in tree.xpath("//tei:body//tei:p[@n]", namespaces=NS):
        expected = " ".join(paragraph_text(p, numbers).split())
        assert expected in whole, f"¶ {p.get('n')} is not in the PDF text"
        ident = p.get("{http://www.w3.org/XML/1998/namespace}id")
        first_words = " ".join(expected.split()[:4])
        assert first_words in flat(default.pages[default.dests[ident] - 1]), ident


def test_paragraph_numbers_in_order_and_as_in_html(default: Typeset) -> None:
    numbers = [int(n) for n in tei().xpath("//tei:body//tei:p/@n", namespaces=NS)]
    start = default.dests["p1"] - 1
    end = default.dests["p8"]
    printed = [int(n) for page in default.pages[start:end]
               for n in re.findall(r"^¶\s?(\d+)$", page, flags=re.M)]
    assert printed == numbers == list(range(1, 9))


def test_figures_keep_caption_and_unavailability_statement(default: Typeset) -> None:
    for fig, caption in (("fig1", "Leo Karakhan"), ("fig2", "Chinese eastern railway")):
        page = flat(default.pages[default.dests[fig] - 1])
        assert "Image not available." in page
        assert f"Figure {fig[-1]}. {caption}" in page


def test_footnotes_are_on_the_page_of_their_call(default: Typeset) -> None:
    tree = tei()
    for note, n in numbered_notes(tree).items():
        ident = note.get("{http://www.w3.org/XML/1998/namespace}id")
        assert default.dests[ident] == default.dests[f"{ident}-ref"], ident
        # quotation marks come from <q>, which the TEI's text does not hold
        page = re.sub("[“”‘’]", "", flat(default.pages[default.dests[ident] - 1]))
        opening = " ".join(" ".join(note.itertext()).split()[:5])
        assert f"{n}. {opening}" in page, f"note {n} is not at the foot of its page"


# --- index --------------------------------------------------------------------------------

def _index_text(ts: Typeset) -> str:
    return "\n".join(ts.pages[ts.dests["index"] - 1:])


def test_index_gives_the_paragraphs_and_pages_of_the_mentions(default: Typeset) -> None:
    mentions: dict[str, set[int]] = {}
    units: dict[str, list[str]] = {}
    for span in default.book.xpath("//main//span[@data-keys][starts-with(@id, 'mention-')]"):
        for key in span.get("data-keys").split():
            mentions.setdefault(key, set()).add(default.dests[span.get("id")])
            unit = span.get("data-unit")
            if unit and unit not in units.setdefault(key, []):
                units[key].append(unit)
    entries = default.book.xpath("//p[@class='index-entry']")
    assert len(entries) > 20
    index = _index_text(default)
    for entry in entries:
        name = " ".join(entry.xpath("string(a[@class='index-name'])").split())
        found = re.search(rf"(?m)^{re.escape(name)} (.*?) ?p\. (\d+(?:,\s*\d+)*)\s*$", index)
        assert found, f"index entry {name!r} not found with paragraphs and pages"
        printed = [int(n) for n in re.split(r",\s*", found.group(2))]
        assert printed == sorted(mentions[entry.get("data-key")]), name
        key = entry.get("data-key")
        assert [u.strip() for u in found.group(1).split(",") if u.strip()] == units[key], name


def test_index_sorts_persons_surname_first(default: Typeset) -> None:
    index = _index_text(default)
    persons = index[index.index("Persons"):index.index("Places")]
    assert "Stalin, Joseph" in persons and "Karakhan, Lev Mikhailovich" in persons
    assert persons.index("Karakhan, Lev") < persons.index("Stalin")


def test_mentions_are_on_the_page_their_anchor_names(default: Typeset) -> None:
    checked = 0
    for span in default.book.xpath("//main//span[starts-with(@id, 'mention-')]"):
        words = "".join(span.itertext()).split()
        if not words:
            continue
        page = flat(default.pages[default.dests[span.get("id")] - 1])
        assert words[0] in page, (span.get("id"), words[0])
        checked += 1
    assert checked > 90


# --- navigation, metadata, accessibility ------------------------------------------------

def test_named_destinations_are_the_tei_ids(default: Typeset) -> None:
    ids = tei().xpath("//tei:text//@xml:id", namespaces=NS)
    assert {f"p{n}" for n in range(1, 9)} <= set(ids)
    assert set(ids) <= set(default.dests)
    for register_entry in ("karakhan", "moscow", "sino-soviet-agreement-1924", "gse-karakhan"):
        assert register_entry in default.dests


def _typst_pdf(folder: Path) -> bytes:
    """A small tagged PDF as Typst writes it: three pages, a labelled heading."""
    (folder / "main.typ").write_text(
        '#set document(title: "Test")\n#set text(lang: "en")\n= First <first>\nOne.\n'
        "#pagebreak()\nTwo.\n#pagebreak()\nThree.\n", encoding="utf-8")
    compiler = pdf._typst_compiler()
    data: bytes = compiler.compile(input=str(folder / "main.typ"), root=str(folder),
                                   pdf_standards=list(pdf.STANDARDS_DEFAULT))
    return data


PLACES = [{"id": "p1", "page": 1, "x": 10, "y": 20}, {"id": "é·2", "page": 2, "x": 10, "y": 30},
          {"id": "p1", "page": 3}, {"id": "beyond", "page": 9}, {"id": "", "page": 1}]


def _check_destinations(path: Path) -> None:
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0
    assert _dests(path) == {"first": 1, "p1": 1, "é·2": 2}
    with pikepdf.open(path) as doc:
        assert "/Suspects" not in doc.Root.MarkInfo
        tree = pikepdf.NameTree(doc.Root.Names.Dests)
        # the destination opens a little above its marker (the marked line shows whole)
        assert float(tree["é·2"][3]) == pytest.approx(
            float(doc.pages[1].mediabox[3]) - 30 + pdf.DEST_MARGIN)
    out = subprocess.run(["pdfinfo", "-dests", str(path)], capture_output=True, check=True)
    assert out.stderr == b"" and b'"p1"' in out.stdout and b'"first"' in out.stdout


def test_destinations_are_an_update_appended_to_typsts_file(tmp_path: Path) -> None:
    """Typst's bytes stay as they are; the named destinations (Typst's own of labelled
    headings kept, the first place of an id, places on no page left out) follow them."""
    data = _typst_pdf(tmp_path)
    pages, found = pdf.add_destinations(data, PLACES, tmp_path / "out.pdf")
    assert (pages, found) == (3, {"p1": 1, "é·2": 2})
    written = (tmp_path / "out.pdf").read_bytes()
    assert written.startswith(data) and written.count(b"%%EOF") == data.count(b"%%EOF") + 1
    _check_destinations(tmp_path / "out.pdf")


def test_destinations_of_a_file_with_a_cross_reference_stream(tmp_path: Path) -> None:
    """A file Typst did not write (here its objects packed by qpdf into object streams)
    is written anew with the same destinations."""
    packed = tmp_path / "packed.pdf"
    with pikepdf.open(io.BytesIO(_typst_pdf(tmp_path))) as doc:
        doc.save(packed, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert pdf.add_destinations(packed.read_bytes(), PLACES, tmp_path / "out.pdf") == \
        (3, {"p1": 1, "é·2": 2})
    _check_destinations(tmp_path / "out.pdf")


def _linking_pdf(folder: Path, odd: bool) -> bytes:
    """A small tagged PDF with links to addresses "#id" (what k-link writes), one to an id
    with no place and one to a web address; ``odd``: one to an id with a parenthesis."""
    (folder / "main.typ").write_text(
        '#set document(title: "Test")\n#set text(lang: "en")\n'
        '#link("#é·2")[to two] #link("#p1")[to one] #link("#nowhere")[lost]\n'
        + ('#link("#a)b")[odd]\n' if odd else "")
        + '#link("https://example.org/")[web]\n#pagebreak()\nTwo.\n', encoding="utf-8")
    data: bytes = pdf._typst_compiler().compile(
        input=str(folder / "main.typ"), root=str(folder),
        pdf_standards=list(pdf.STANDARDS_DEFAULT))
    return data


def _links(path: Path) -> list[tuple[str, Any]]:
    """(alternate description, page of the target or the action's address) of each link."""
    with pikepdf.open(path) as doc:
        numbers = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
        found = []
        for annot in doc.pages[0].Annots:
            if "/Dest" in annot:
                found.append((str(annot.Contents), numbers[annot.Dest[0].objgen]))
            else:
                found.append((str(annot.Contents), str(annot.A.URI) if "/A" in annot else None))
        return found


LINKED = [{"id": "p1", "page": 1, "x": 10, "y": 20}, {"id": "é·2", "page": 2, "x": 10, "y": 30},
          {"id": "a)b", "page": 2, "x": 0, "y": 0}]


@pytest.mark.parametrize("form", ["typst", "odd-id", "packed"])
def test_links_to_an_address_of_an_id_go_to_its_place(tmp_path: Path, form: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A link inside the book (the address "#id") becomes a link to the place of the id,
    described by its page in the document's words; a link to an id without a place goes
    nowhere and is reported; a link to the web stays as it is. The same links come from
    Typst's own file (its links changed in its bytes), from one with a link that is not
    changed there (an id with a parenthesis: read by pikepdf), and from a file that must be
    written anew (objects packed in streams)."""
    data = _linking_pdf(tmp_path, odd=form == "odd-id")
    if form == "packed":
        with pikepdf.open(io.BytesIO(data)) as doc:
            buffer = io.BytesIO()
            doc.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
            data = buffer.getvalue()
    in_bytes: list[bool] = []  # whether the links were changed in Typst's bytes
    typst_links = pdf._typst_links

    def spy(*args: Any) -> Any:
        found = typst_links(*args)
        in_bytes.append(found is not None)
        return found

    monkeypatch.setattr(pdf, "_typst_links", spy)
    dangling: list[str] = []
    out = tmp_path / "out.pdf"
    pdf.add_destinations(data, LINKED, out, ("Seite ", ""), dangling)
    expected = [("Seite 2", 2), ("Seite 1", 1), ("#nowhere", None)]
    expected += [("Seite 2", 2)] if form == "odd-id" else []
    assert _links(out) == [*expected, ("https://example.org/", "https://example.org/")]
    assert dangling == ["nowhere"]
    assert in_bytes == ([True] if form == "typst" else [False] if form == "odd-id" else [])
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    if form != "packed":  # an update of Typst's bytes
        assert out.read_bytes().startswith(data)


def test_a_link_inside_the_book_to_an_id_without_a_place_is_a_warning(tmp_path: Path) -> None:
    text = pdf.PdfText("t", "tei/t.xml", b"<TEI/>")
    source = (pdf.print_page().read_text(encoding="utf-8")
              + '#set document(title: "t")\n#show: k-edition.with(lang: "en")\n'
              + '#k-dest("here")Here. #k-link("here")[Back] #k-link("gone")[Lost]\n')
    result = pdf.compile_pdf(source, "", text, tmp_path, pdf_options(), 0.0)
    assert result.destinations == {"here": 1}
    assert result.warnings == ["t.pdf: a link to 'gone' has no place in the PDF to go to"]
    assert _links(result.path) == [("page 1", 1), ("#gone", None)]


def test_outline_has_every_section(default: Typeset) -> None:
    with pikepdf.open(default.path) as doc, doc.open_outline() as outline:
        titles: list[str] = []

        def walk(items: Any) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
    for title in (TITLE, "Contents",
                  "About this edition", "First and Second Karakhan Declaration", "Registers",
                  "Persons", "Places", "Organisations", "Events", "Chronology", "Works cited",
                  "Index"):
        assert title in titles


def _link_targets(doc: Any) -> list[tuple[int, int]]:
    """(page of the link, page of its target) for every internal link."""
    numbers = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
    links = []
    for n, page in enumerate(doc.pages, start=1):
        for annot in page.get("/Annots", []):
            dest = annot.get("/Dest")
            if dest is None and annot.get("/A") is not None:
                dest = annot.A.get("/D")
            if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in numbers:
                links.append((n, numbers[dest[0].objgen]))
    return links


def test_internal_links_go_both_ways_between_call_and_note(default: Typeset) -> None:
    with pikepdf.open(default.path) as doc:
        links = _link_targets(doc)
    for note in ("note1", "note12"):
        page = default.dests[note]
        assert sum(1 for a, b in links if a == b == page) >= 2, note  # call -> note -> call
    index = default.dests["index"]
    assert any(a >= index and b < default.dests["registers"] for a, b in links)  # to a page
    assert any(b == default.dests["karakhan"] for a, b in links)  # mention -> entry


def test_the_number_of_a_note_links_back_to_the_place_of_its_call(default: Typeset) -> None:
    """The number before a footnote goes to the named destination of its call (the same
    page and point), and the call's number goes to the page of the note."""
    with pikepdf.open(default.path) as doc:
        named = dict(pikepdf.NameTree(doc.Root.Names.Dests).items())
        numbers = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
        for note in ("note1", "note12"):
            call = named[f"{note}-ref"]
            page = doc.pages[default.dests[note] - 1]
            back = [annot for annot in page.get("/Annots", []) if "/Dest" in annot
                    and annot.Dest[0].objgen == call[0].objgen
                    and abs(float(annot.Dest[3]) - float(call[3])) < 0.01
                    and float(annot.Rect[1]) < float(named[note][3])]  # below: the foot
            assert len(back) == 1, note
            assert str(back[0].Contents) == f"page {numbers[call[0].objgen]}"


@pytest.mark.parametrize("variant", ["default", "archival"])
def test_every_link_inside_the_book_names_the_page_it_goes_to(
        typeset: dict[str, Typeset], variant: str) -> None:
    """No link is left as an address "#id" (how the print stylesheet writes a link to an
    id); every link to a place in the book goes to a page and says which (its alternate
    description for PDF/UA); none was reported as going nowhere. The archival PDF too."""
    default = typeset[variant]
    internal = 0
    with pikepdf.open(default.path) as doc:
        numbers = {page.objgen: n for n, page in enumerate(doc.pages, start=1)}
        for page in doc.pages:
            for annot in page.get("/Annots", []):
                if "/A" in annot:
                    assert not str(annot.A.get("/URI", "")).startswith("#")
                said = re.search(r"page (\d+)$", str(annot.get("/Contents", "")))
                if "/Dest" in annot and said:  # (Typst's footnote calls say "Footnote N")
                    internal += 1
                    assert int(said.group(1)) == numbers[annot.Dest[0].objgen]
    ids = Counter(default.book.xpath("//@id"))
    links = [a for a in default.book.xpath("//*[local-name() = 'a'][starts-with(@href, '#')]")
             if ids[a.get("href")[1:]] == 1 and "".join(a.itertext()).strip()
             and a.get("class") not in ("noteref", "footnote-back")]
    assert len(links) > 300 and internal >= len(links)  # (the index's links say pages too)
    assert not [w for w in default.warnings if "has no place" in w]


def test_a_pdf_address_with_an_id_opens_at_it(default: Typeset) -> None:
    out = subprocess.run(["pdfinfo", "-dests", str(default.path)], capture_output=True,
                         text=True, check=True).stdout
    dests = {line.split('"')[1]: int(line.split()[0]) for line in out.splitlines()
             if line.count('"') == 2}
    assert dests["p3"] == default.dests["p3"]
    assert "Soviet government repeated its offers"[:20] in flat(default.pages[dests["p5"] - 1])


def test_a_paragraph_opened_by_its_id_shows_its_first_line_whole(default: Typeset) -> None:
    """The view opened at ¶ 3 starts just above the paragraph's first line (the top of the
    first word's box, from pdftotext), not inside it."""
    page = default.dests["p3"]
    with pikepdf.open(default.path) as doc:
        dest = pikepdf.NameTree(doc.Root.Names.Dests)["p3"]
        top = float(doc.pages[page - 1].mediabox[3]) - float(dest[3])  # from the page's top
    words = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", "-enc",
                            "UTF-8", str(default.path), "-"],
                           capture_output=True, text=True, check=True).stdout
    first = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>This</word>', words)
    assert first is not None
    assert 0 < float(first.group(1)) - top < 15


def test_document_metadata(default: Typeset) -> None:
    with pikepdf.open(default.path) as doc:
        info = {str(k): str(v) for k, v in doc.docinfo.items()}
        assert info["/Title"] == "First and Second Karakhan Declaration: a digital edition"
        assert info["/Author"] == "Karakhan Edition Project team"
        assert "digital edition" in info["/Subject"]
        assert "Karakhan Declaration" in info["/Keywords"]
        assert info["/CreationDate"].startswith("D:20261127")
        assert str(doc.Root.Lang) == "en"


def test_tagged_pdf_ua_claims(default: Typeset) -> None:
    with pikepdf.open(default.path) as doc:
        root = doc.Root
        assert "/StructTreeRoot" in root
        assert len(root.StructTreeRoot.K) >= 1
        assert bool(root.MarkInfo.Marked) is True
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        meta = doc.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert meta.get("dc:title") == "First and Second Karakhan Declaration: a digital edition"


def test_fonts_are_embedded(default: Typeset) -> None:
    out = subprocess.run(["pdffonts", str(default.path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:
        fields = line.split()
        assert fields[-5] == "yes", f"not embedded: {line}"


def test_original_scripts_print_with_real_glyphs(default: Typeset) -> None:
    whole = flat("\n".join(default.pages))
    for name in ("Лев Михайлович Карахан", "Լևոն Միքայելի Կարախանյան", "加拉罕"):
        assert name in whole
    registers = EDITION / "registers"
    for path in sorted(registers.glob("*.xml")):
        tree = etree.parse(str(path))
        for element in tree.xpath("//tei:body//*[@xml:lang = 'ru' or @xml:lang = 'hy'"
                                  " or starts-with(@xml:lang, 'zh')]"
                                  "[self::tei:persName or self::tei:placeName or self::tei:orgName"
                                  " or self::tei:label or self::tei:title]", namespaces=NS):
            name = " ".join("".join(element.itertext()).split())
            assert name in whole, f"{path.name}: {name} is missing from the text layer"


def test_title_page_has_citation_and_canonical_address(default: Typeset) -> None:
    first = flat(default.pages[0])
    assert "Version 1.1.0, 30 November 2026" in first
    assert "Creative Commons Attribution 4.0" in first
    assert "How to cite" in first
    assert "karakhan-declarations.html" in first
    assert "karakhan-declarations.pdf#p1" in first


def test_running_heads_and_page_x_of_y(default: Typeset) -> None:
    total = len(default.pages)
    for number, page in enumerate(default.pages[1:], start=2):
        assert f"Page {number} of {total}" in page
        assert "First and Second Karakhan Declaration: a digital edition" in page
    assert "Page 1 of" not in default.pages[0]


def test_qpdf_check_passes(typeset: dict[str, Typeset]) -> None:
    for ts in typeset.values():
        run = subprocess.run(["qpdf", "--check", str(ts.path)], capture_output=True, text=True,
                             check=False)
        assert run.returncode == 0, run.stdout + run.stderr


def test_poppler_reads_the_pdf_without_a_complaint(typeset: dict[str, Typeset]) -> None:
    """pdfinfo and pdftotext print nothing on stderr (poppler's syntax errors go there)."""
    for ts in typeset.values():
        for command in (["pdfinfo", str(ts.path)], ["pdfinfo", "-dests", str(ts.path)],
                        ["pdftotext", str(ts.path), "-"]):
            run = subprocess.run(command, capture_output=True, text=True, check=False)
            assert run.returncode == 0, run.stderr
            assert run.stderr == "", f"{' '.join(command[:-1])}: {run.stderr.strip()}"
        with pikepdf.open(ts.path) as doc:
            assert bool(doc.Root.MarkInfo.Marked) is True  # still a tagged PDF


# --- archival variant -------------------------------------------------------------------

def test_archival_variant_is_pdf_a_3a_and_ua_1_with_the_tei_source(
        typeset: dict[str, Typeset]) -> None:
    archival = typeset["archival"]
    with pikepdf.open(archival.path) as doc:
        meta = doc.open_metadata()
        assert meta.get("pdfaid:part") == "3"
        assert meta.get("pdfaid:conformance") == "A"
        assert meta.get("pdfuaid:part") == "1"
        files = doc.attachments
        assert list(files) == [SOURCE.name]
        spec = files[SOURCE.name]
        assert spec.get_file().read_bytes() == SOURCE.read_bytes()
        assert str(spec.obj.AFRelationship) == "/Source"
        assert {str(entry.F) for entry in doc.Root.AF} == {SOURCE.name}
        assert {str(entry.AFRelationship) for entry in doc.Root.AF} == {"/Source"}
        assert "/StructTreeRoot" in doc.Root  # still tagged
        assert "/OutputIntents" in doc.Root


def test_default_variant_has_no_attachment(default: Typeset) -> None:
    with pikepdf.open(default.path) as doc:
        assert len(doc.attachments) == 0


# --- any TEI text, and the build ----------------------------------------------------------

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "html").glob("*.xml"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_any_text_typesets_without_loss(fixture: Path, tmp_path: Path) -> None:
    from teiedition.xmlio import load_document

    edition = tmp_path / "edition"
    edition.mkdir()
    shutil.copy(fixture, edition / fixture.name)
    docs = [load_document(edition / fixture.name)]
    corpus = enriched_of(edition, docs)
    entry = corpus.texts[0]
    result = pdf.write_pdf(corpus.tree, pdf.PdfText(entry.id, entry.path, entry.source.data),
                           tmp_path, pdf_options())
    assert result.warnings == []
    whole = flat("\n".join(_page_texts(result.path)))
    tree = etree.parse(str(fixture))
    for node in tree.xpath("//tei:text//text()[normalize-space()]", namespaces=NS):
        word = node.split()[0]
        assert word in whole, f"{fixture.name}: {word!r} is missing from the PDF"


def test_build_writes_the_pdf_the_reading_page_links_to() -> None:
    from .html_support import edition_site

    out = edition_site()
    assert f'href="{TEXT_ID}.pdf"' in (out / f"{TEXT_ID}.html").read_text(encoding="utf-8")
    assert (out / f"{TEXT_ID}.pdf").read_bytes().startswith(b"%PDF-")


def test_cli_build_offers_archival_and_no_pdf() -> None:
    from click.testing import CliRunner

    from teiedition.cli import cli

    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    assert "--archival" in result.output and "--no-pdf" in result.output


def test_a_texts_pdf_prints_the_entries_it_refers_to(tmp_path: Path) -> None:
    """Directly or through other entries; not what only another text refers to, nor
    context-only entries that nothing refers to (a corpus shares its registers)."""
    from .conftest import minimal_tei

    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    (edition / "second.xml").write_text(minimal_tei(
        '<p n="1" xml:id="s-p1">The <orgName ref="registers/organisations.xml#'
        'chinese-eastern-railway">railway</orgName>.</p>'), encoding="utf-8")
    corpus = enriched_of(edition)
    printed = {}
    for entry in corpus.texts:
        text = pdf.PdfText(entry.id, entry.path, entry.source.data)
        tree = etree.fromstring(pdf.book(corpus.tree, text, pdf_options()).encode())
        printed[entry.id] = set(tree.xpath("//article[contains(@class, 'entry')]/@id"))
    second = printed["second"]
    assert "chinese-eastern-railway" in second  # named in the text
    assert "harbin" in second  # named in the railway's entry
    assert "karakhan" not in second and "tbilisi" not in second  # only the article's
    main = printed[TEXT_ID]
    assert {"karakhan", "tbilisi", "chinese-eastern-railway", "harbin"} <= main
    assert "mongolian-peoples-republic" not in main | second  # context-only, unreferenced
    assert len(main) > 40


def test_worker_processes_typeset_each_text_from_its_own_part_of_the_corpus(
        tmp_path: Path) -> None:
    """With several jobs, each worker reads the registers and, per text, that text alone:
    the PDFs say what the PDFs typeset in this process from the whole corpus say."""
    from teiedition.build.bench import Corpus, write_corpus

    edition = write_corpus(Corpus(3), tmp_path, EDITION)
    corpus = enriched_of(edition)
    texts = [pdf.PdfText(t.id, t.path, t.source.data) for t in corpus.texts]
    assert len(texts) == 3
    part = etree.fromstring(corpus.part_xml([texts[0].id]).encode())
    assert sorted(d.get("id") for d in part) == sorted(
        [texts[0].id] + [d.id for d in corpus.registers])
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    serial.mkdir()
    parallel.mkdir()
    pdf.write_pdfs(corpus.tree, texts, serial, pdf_options(), jobs=1)
    pdf.write_pdfs(corpus.tree, texts, parallel, pdf_options(), jobs=2, parts=corpus)
    for text in texts:
        alone, in_worker = (_page_texts(folder / f"{text.id}.pdf")
                            for folder in (serial, parallel))
        assert len(alone) > 1 and in_worker == alone
    # a worker started before the corpus was known takes its share and says the same
    started = tmp_path / "started"
    started.mkdir()
    worker = pdf.start_worker()
    results = pdf.write_pdfs(corpus.tree, texts, started, pdf_options(), jobs=2, parts=corpus,
                             worker=worker)
    assert [r.path.name for r in results] == [f"{t.id}.pdf" for t in texts]
    for text in texts:
        assert _page_texts(started / f"{text.id}.pdf") == _page_texts(serial / f"{text.id}.pdf")
    with pytest.raises(RuntimeError):  # shut down with the others when the results were in
        worker.submit(print)


def test_the_pdf_worker_formats_the_works_cited_the_pages_show(tmp_path: Path) -> None:
    """A build with a PDF worker has it format the works cited, for its PDFs and for the
    pages: the same text as this process formats from the whole corpus."""
    from teiedition.citation.works import works_cited

    corpus = enriched_of(EDITION)
    here: list[str] = []
    expected = works_cited(corpus.entries(), here)
    worker = pdf.start_worker()
    try:
        works, said = pdf.worker_works(worker, corpus.part_xml()).result()
    finally:
        worker.shutdown(wait=True)
    assert works.count("<k:work ") >= 20
    assert (works, said) == (expected, here)
