"""Real TEI from public projects (tests/fixtures/real-tei/, each with its SOURCE.md): every
document builds alone, in a project of its own, and at least 99 % of the words of its
``<text>`` reach the HTML and the PDF.

The words are counted by one tokenizer on both sides (:func:`tei_words`, :func:`html_words`,
:func:`pdf_words`): runs of Unicode letters, and runs of digits (so that a note's number
printed after a word is no part of it), case-folded, counted with their repetitions; the coverage of a document is the share of its words (as a
multiset) found in the output. In the TEI, markup separates words, except the phrase-level
elements that may stand inside a word (``<c>``, ``<hi>``, ``<abbr>``, names …) and the
empty marks (``<lb/>``, ``<pb/>``, ``<anchor/>`` …), where the source's own whitespace
decides; in HTML, block elements and ``<br>`` separate words and inline ones do not.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from teiedition.build.corpus import site_id, tei_parts
from teiedition.cli import cli
from teiedition.xmlio import TEI_NS
from tests.html_support import reading_page, render_fixture

from .conftest import minimal_tei

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real-tei"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
THRESHOLD = 0.99

#: Fixtures that are valid only against their own project's schema, not against TEI
#: ``tei_all``: they are built as drafts (``validation = "warn"``), which reports the
#: problems and builds anyway.
DRAFTS = {
    "eltec-novel",        # ELTeC's own encoding of textDesc and langUsage
    "schnitzler-letter",  # xsi:schemaLocation, a title in publicationStmt
    "yasna-apparatus",    # ab/app directly in div, xml:lang="MP" (Pahlavi, unregistered)
}

T = f"{{{TEI_NS}}}"
WORD = re.compile(r"[^\W\d_]+|\d+")

#: TEI elements that may stand inside a word: their boundaries do not separate words.
IN_WORD = {
    "hi", "c", "g", "seg", "w", "emph", "foreign", "term", "abbr", "expan", "ex", "am",
    "supplied", "unclear", "add", "del", "sic", "corr", "orig", "reg", "damage", "surplus",
    "rs", "name", "persName", "placeName", "orgName", "forename", "surname", "roleName",
    "addName", "genName", "date", "time", "num", "measure", "title", "q", "said",
    "mentioned", "soCalled", "distinct", "ref", "choice", "subst",
}
#: Empty marks: transparent, the whitespace around them decides.
MARKS = {"lb", "pb", "cb", "milestone", "anchor", "space"}
#: Their children are alternatives: each one is a word boundary.
ALTERNATIVES = {"choice", "app", "subst", "rdgGrp"}
#: HTML elements that separate words.
HTML_BLOCKS = {
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "h1",
    "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td",
    "th", "caption", "br", "hr", "blockquote", "figure", "figcaption", "pre", "details",
    "summary", "sup", "sub",
}


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in WORD.findall(text))


def _tei_pieces(el: etree._Element) -> Iterator[str]:
    name = etree.QName(el).localname
    parent = el.getparent()
    joins = name in MARKS or (name in IN_WORD and not (
        parent is not None and etree.QName(parent).localname in ALTERNATIVES))
    if not joins:
        yield " "
    yield el.text or ""
    for child in el:
        if isinstance(child.tag, str):
            yield from _tei_pieces(child)
        yield child.tail or ""
    if not joins:
        yield " "


def tei_words(tei: etree._Element) -> Counter[str]:
    """The words of a TEI document's ``<text>`` (comments and processing instructions left
    out)."""
    counted: Counter[str] = Counter()
    for text in tei.iterchildren(T + "text"):
        counted += words("".join(_tei_pieces(text)))
    return counted


def _html_pieces(el: html.HtmlElement) -> Iterator[str]:
    block = el.tag in HTML_BLOCKS
    if block:
        yield " "
    yield el.text or ""
    for child in el:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "template"):
            yield from _html_pieces(child)
        yield child.tail or ""
    if block:
        yield " "


def html_words(page: str) -> Counter[str]:
    """The words of a page's ``<main>`` (scripts, styles and templates left out)."""
    tree = html.fromstring(page)
    main = tree.find(".//main")
    assert main is not None, "the page has no <main>"
    return words("".join(_html_pieces(main)))


def pdf_words(pdf: Path) -> Counter[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return words(text)


def coverage(source: Counter[str], output: Counter[str]) -> tuple[float, list[str]]:
    """The share of the source's words found in the output, and the missing ones (most
    frequent first)."""
    total = sum(source.values())
    found = sum(min(n, output[w]) for w, n in source.items())
    missing = sorted((w for w, n in source.items() if output[w] < n),
                     key=lambda w: output[w] - source[w])
    return (found / total if total else 1.0), missing


def documents(case: str) -> list[tuple[str, etree._Element]]:
    """(site id, TEI element) of each document of a fixture: one per file, one per TEI
    of a teiCorpus."""
    found = []
    for file in sorted((FIXTURES / case).glob("*.xml")):
        root = etree.parse(str(file)).getroot()
        parts = tei_parts(root)
        ids = ([site_id(file)] if parts == [root]
               else [f"{site_id(file)}-{i}" for i in range(1, len(parts) + 1)])
        found.extend(zip(ids, parts, strict=True))
    return found


def make_project(root: Path, files: list[Path], *, draft: bool = False,
                 extra: dict[str, str] | None = None) -> Path:
    """A project of its own: ``edition/`` with the files and an ``edition.toml`` with just
    a title (TEI tei_all), or a draft."""
    (root / "edition").mkdir(parents=True)
    for file in files:
        shutil.copy(file, root / "edition" / file.name)
    for name, content in (extra or {}).items():
        (root / "edition" / name).write_text(content, encoding="utf-8")
    toml = f'[edition]\ntitle = "{root.name}"\n'
    if draft:
        toml += '\n[build]\nvalidation = "warn"\n'
    (root / "edition.toml").write_text(toml, encoding="utf-8")
    return root


def build(project: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "-P", str(project), "-q", "--no-search",
                                      *options], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, bool], Path]:
    """The site of one fixture built alone (with or without PDFs), built once."""
    built: dict[tuple[str, bool], Path] = {}

    def site(case: str, pdf: bool) -> Path:
        if (case, pdf) not in built:
            root = tmp_path_factory.mktemp("real-tei") / case
            make_project(root, sorted((FIXTURES / case).glob("*.xml")), draft=case in DRAFTS)
            code, output = build(root, *(() if pdf else ("--no-pdf",)))
            assert code == 0, output
            built[(case, pdf)] = root / "build" / "site"
        return built[(case, pdf)]

    return site


def test_fixtures_come_from_five_projects_with_a_licence() -> None:
    repositories = set()
    for case in CASES:
        source = (FIXTURES / case / "SOURCE.md").read_text(encoding="utf-8")
        repo = re.search(r"https://github\.com/[\w.-]+/[\w.-]+", source)
        assert repo, f"{case}: SOURCE.md names no repository"
        repositories.add(repo.group(0).split("/")[3])  # the project (GitHub owner)
        assert re.search(r"\b[0-9a-f]{40}\b", source), f"{case}: SOURCE.md names no commit"
        assert re.search(r"(?i)licen[cs]e", source), f"{case}: SOURCE.md names no licence"
        assert list((FIXTURES / case).glob("*.xml")), case
    assert len(repositories) >= 5, repositories


@pytest.mark.parametrize("case", CASES)
def test_builds_alone_and_the_html_keeps_the_words(
        case: str, site_of: Callable[[str, bool], Path]) -> None:
    site = site_of(case, False)
    for ident, tei in documents(case):
        page = (site / f"{ident}.html").read_text(encoding="utf-8")
        share, missing = coverage(tei_words(tei), html_words(page))
        assert share >= THRESHOLD, f"{ident}: {share:.2%} of the words; missing {missing[:20]}"


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_the_pdf_keeps_the_words(case: str, site_of: Callable[[str, bool], Path]) -> None:
    if shutil.which("pdftotext") is None:  # pragma: no cover - setup.sh installs poppler
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    site = site_of(case, True)
    for ident, tei in documents(case):
        share, missing = coverage(tei_words(tei), pdf_words(site / f"{ident}.pdf"))
        assert share >= THRESHOLD, f"{ident}: {share:.2%} of the words; missing {missing[:20]}"


@pytest.mark.slow  # 300 entry pages
def test_the_person_index_as_a_register_keeps_the_words(tmp_path: Path) -> None:
    """The person index with nothing but its listPerson in the body is a register: a page
    per person, and the words of the entries reach those pages."""
    tree = etree.parse(str(FIXTURES / "ansorge-persons" / "listperson.xml"))
    body = tree.find(f".//{T}body")
    assert body is not None
    for child in list(body):
        if child.tag != T + "listPerson":
            body.remove(child)
    persons = tree.getroot()
    root = make_project(tmp_path / "register", [FIXTURES / "tei-corpus" / "test24.xml"],
                        extra={"persons.xml": etree.tostring(persons, encoding="unicode")})
    code, output = build(root, "--no-pdf")
    assert code == 0, output
    pages = sorted((root / "build" / "site" / "persons").glob("*.html"))
    assert len(pages) == len(persons.findall(f".//{T}person")) + 1  # and the index
    found: Counter[str] = Counter()
    for page in pages:
        found += html_words(page.read_text(encoding="utf-8"))
    share, missing = coverage(tei_words(persons), found)
    assert share >= THRESHOLD, f"{share:.2%} of the words; missing {missing[:20]}"


def test_the_measure_sees_lost_speeches(site_of: Callable[[str, bool], Path]) -> None:
    """The coverage check fails on a page that lost a little text: the last speeches of
    the drama (2 % of its words) taken out of its built page."""
    (ident, tei), = documents("dracor-verse-drama")
    page = (site_of("dracor-verse-drama", False) / f"{ident}.html").read_text(encoding="utf-8")
    source = tei_words(tei)
    tree = html.fromstring(page)
    removed = 0
    for speech in reversed(tree.xpath("//main//*[@class = 'sp']")):
        removed += len(speech.text_content().split())
        speech.drop_tree()
        if removed > 0.02 * sum(source.values()):
            break
    doctored = html.tostring(tree, encoding="unicode")
    assert coverage(source, html_words(page))[0] >= THRESHOLD
    assert coverage(source, html_words(doctored))[0] < THRESHOLD


def test_the_tokenizer_joins_and_separates_as_documented() -> None:
    tei = etree.fromstring(
        f'<TEI xmlns="{TEI_NS}"><text><body><p>ich <c>s</c>ende<pb/> das Ding'
        "<choice><abbr>Dr</abbr><expan>Doktor</expan></choice></p><p>neu</p>"
        '<p>Liebens<pb n="2"/>würdigkeit <app><lem>Je</lem><rdg>Tu</rdg></app></p>'
        "</body></text></TEI>")
    assert tei_words(tei) == Counter(["ich", "sende", "das", "ding", "dr", "doktor", "neu",
                                      "liebenswürdigkeit", "je", "tu"])
    page = ("<html><body><main><p>ich <span>s</span>ende</p><p>neu<br>zeile</p>"
            "<template>x</template></main></body></html>")
    assert html_words(page) == Counter(["ich", "sende", "neu", "zeile"])


def test_a_tei_corpus_keeps_every_text(site_of: Callable[[str, bool], Path]) -> None:
    site = site_of("tei-corpus", False)
    texts = documents("tei-corpus")
    assert len(texts) == 2
    for ident, tei in texts:
        heading = tei.findtext(f".//{T}body//{T}head")
        assert heading, ident
        page = html.fromstring((site / f"{ident}.html").read_text(encoding="utf-8"))
        assert heading in page.find(".//main").text_content()
        # the page is titled after its own TEI, not after the corpus
        title = tei.findtext(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}title")
        assert title and title in page.findtext(".//title")


def test_the_tei_link_of_a_corpus_text_says_it_is_the_corpus(
        site_of: Callable[[str, bool], Path]) -> None:
    """tei/ holds the corpus file as it is; every link to it from a text of the corpus
    says that it is the whole corpus and which part the text is. A text alone in its file
    has the plain link."""
    site = site_of("tei-corpus", False)
    corpus = FIXTURES / "tei-corpus" / "test24.xml"
    assert (site / "tei" / "test24.xml").read_bytes() == corpus.read_bytes()
    home = html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    for number, (ident, _) in enumerate(documents("tei-corpus"), start=1):
        label = f"TEI XML source: the whole corpus (this is part {number} of 2)"
        for page in (f"{ident}.html", f"{ident}-about.html"):
            tree = html.fromstring((site / page).read_text(encoding="utf-8"))
            assert [a.text_content() for a in tree.xpath("//a[@href='tei/test24.xml']")
                    ] == [label], page
        [item] = home.xpath(f"//ul[@class='text-list']/li[a/@href='{ident}.html']")
        assert [a.text_content() for a in item.xpath("a[@href='tei/test24.xml']")] == [label]
    (ident, _), = documents("dracor-verse-drama")
    alone = html.fromstring((site_of("dracor-verse-drama", False) / f"{ident}.html"
                             ).read_text(encoding="utf-8"))
    assert [a.text_content() for a in alone.xpath(f"//a[@href='tei/{ident}.xml']")] == [
        "TEI XML source"]


def test_the_tei_of_a_corpus_take_its_language(tmp_path: Path) -> None:
    """The corpus's xml:lang holds for a TEI without one; a TEI's own wins."""
    tei = minimal_tei('<p n="1" xml:id="x-p1">Worte.</p>')
    tei = tei[tei.index("<TEI"):].replace(' xml:lang="en"', "")
    header = tei[tei.index("<teiHeader>"):tei.index("</teiHeader>") + len("</teiHeader>")]
    fixture = tmp_path / "briefe.xml"
    french = tei.replace("<TEI ", '<TEI xml:lang="fr" ', 1)
    fixture.write_text(f'<teiCorpus xmlns="{TEI_NS}" xml:lang="de">{header}{tei}{french}'
                       "</teiCorpus>", encoding="utf-8")
    site = render_fixture(fixture)
    for ident, lang in (("briefe-1", "de"), ("briefe-2", "fr")):
        page = html.fromstring((site / f"{ident}.html").read_text(encoding="utf-8"))
        assert page.xpath("//*[contains(@class, 'tei-text')]/ancestor-or-self::*[@lang][1]/@lang"
                          ) == [lang], ident


def _cited_text() -> str:
    """A small text whose header has everything a citation needs."""
    header = ('<editionStmt><edition n="1.0.0"><date when="2026-01-01">2026</date>'
              "</edition></editionStmt>"
              "<publicationStmt><publisher>Test Press</publisher>"
              '<idno type="URI">https://example.org/cited/</idno></publicationStmt>')
    tei = minimal_tei('<p n="1" xml:id="c-p1">A cited paragraph.</p>')
    return tei.replace("<publicationStmt><p>Test data.</p></publicationStmt>", header)


def test_a_header_without_citation_data_warns_and_builds(tmp_path: Path) -> None:
    """Alone, a text without citation data builds with a warning and no citation files;
    beside a text that has them, only its own pages go without citation metadata."""
    corpus = FIXTURES / "tei-corpus" / "test24.xml"
    alone = make_project(tmp_path / "alone", [corpus])
    code, output = build(alone, "--no-pdf")
    assert code == 0, output
    assert re.search(r"warning: built without its citation metadata: \S*test24\.xml:18:5: "
                     r"the teiHeader lacks what a citation needs: editionStmt/edition/@n",
                     output), output
    assert "warning: no citation metadata, exports or DTS API" in output
    assert not (alone / "build" / "site" / "citations.json").exists()

    mixed = make_project(tmp_path / "mixed", [corpus], extra={"cited.xml": _cited_text()})
    code, output = build(mixed, "--no-pdf")
    assert code == 0, output
    assert re.search(r"warning: built without its citation metadata: \S*test24\.xml:42:5: ",
                     output), output
    assert "no citation metadata, exports or DTS API" not in output
    site = mixed / "build" / "site"
    cited = html.fromstring((site / "cited.html").read_text(encoding="utf-8"))
    assert cited.xpath("//meta[@name='citation_title']/@content") == ["A minimal text"]
    for ident in ("test24-1", "test24-2"):
        for page in (f"{ident}.html", f"{ident}-about.html"):
            tree = html.fromstring((site / page).read_text(encoding="utf-8"))
            assert not tree.xpath("//meta[starts-with(@name, 'citation_')]"), page
            assert not tree.xpath("//*[@id='cite-edition']"), page
        assert not (site / "dts" / "collection" / f"{ident}.json").exists()
    assert (site / "dts" / "collection" / "cited.json").exists()
    units = (site / "citations.json").read_text(encoding="utf-8")
    assert "cited.html" in units and "test24" not in units


def test_text_inside_elements_rendered_as_empty_marks(tmp_path: Path) -> None:
    """An anchor, a page, line or column break, a milestone, a gap or a space with content: the
    mark as usual, and the content in the visible fallback (the id once, on the mark)."""
    body = ('<p n="1" xml:id="m-p1">Before <anchor xml:id="a1">anchored words</anchor> '
            '<pb n="7">page words</pb> <lb>line words</lb> <cb>column words</cb> '
            '<milestone unit="section">milestone words</milestone> '
            '<gap reason="illegible">gap words</gap> <space>space words</space> '
            '<anchor xml:id="a2"/>after,<space quantity="1" unit="chars"/>next.</p>')
    fixture = tmp_path / "marks.xml"
    fixture.write_text(minimal_tei(body), encoding="utf-8")
    tree = html.fromstring(reading_page(fixture))
    for name in ("anchor", "pb", "lb", "cb", "milestone", "gap", "space"):
        fallback = tree.xpath(f"//main//*[@data-tei='{name}']")
        assert len(fallback) == 1, name
        assert "tei-unhandled" in fallback[0].get("class"), name
        assert fallback[0].text_content().strip().startswith(
            {"pb": "page", "lb": "line", "cb": "column"}.get(name, name if name != "anchor"
                                                          else "anchored")), name
    assert len(tree.xpath("//*[@id='a1']")) == 1
    assert tree.xpath("//*[@id='a1']")[0].get("data-tei") is None  # the mark keeps the id
    assert not tree.xpath("//*[@data-tei='anchor'][not(normalize-space())]")  # empty: a mark
    assert "[7]" in tree.find(".//main").text_content()
    assert "after, next." in tree.find(".//main").text_content()  # an empty space: a space


@pytest.mark.slow
def test_a_pdf_without_citation_data_prints_no_citation(
        site_of: Callable[[str, bool], Path]) -> None:
    """The title page of a text whose header lacks a version and a URI has no "How to cite"
    (rather than a citation with gaps), and keeps the rest."""
    if shutil.which("pdftotext") is None:  # pragma: no cover - setup.sh installs poppler
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    site = site_of("tei-corpus", True)
    for ident, _ in documents("tei-corpus"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(site / f"{ident}.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout
        assert "How to cite" not in text and "version ," not in text, ident
        assert "Typeset on" in text, ident


#: Elements the transforms have templates for, each holding a marked word.
KNOWN = ["ab", "abbr", "add", "addName", "anchor", "app", "att", "author", "bibl",
    "biblScope", "biblStruct", "birth", "c", "cb", "cell", "choice", "cit", "code", "corr",
    "date", "death", "del", "desc", "distinct", "editor", "emph", "expan", "figDesc",
    "figure", "floatingText", "floruit", "foreign", "forename", "gap", "geo", "geogName",
    "gi", "graphic", "head", "hi", "ident", "idno", "item", "l", "label", "lb", "lem",
    "lg", "list", "listBibl", "location", "mentioned", "milestone", "name", "note",
    "orgName", "orig", "p", "pb", "pc", "persName", "placeName", "q", "quote", "rdg",
    "rdgGrp", "ref", "reg", "roleName", "row", "rs", "s", "said", "seg", "sic", "soCalled",
    "sp", "space", "speaker", "stage", "supplied", "surname", "table", "term", "title",
    "unclear", "val", "w"]
#: Text where the transforms pick children: in a figure, a graphic, a table and its rows,
#: an apparatus and its reading groups, a choice.
PLACES = (
    '<figure><graphic url="x.png"><desc>zqgraphicdesc</desc></graphic><head>zqfighead</head>'
    "<figDesc>zqfigdesc</figDesc><note>zqfignote</note>zqfigtext<p>zqfigp</p></figure>"
    "<table><head>zqtablehead</head><row><cell>zqcell</cell><note>zqrownote</note>zqrowtext"
    "</row><note>zqtablenote</note>zqtabletext</table>"
    "<p><app><lem>zqlem</lem><rdg>zqrdg</rdg><rdgGrp><lem>zqgrouplem</lem><rdg>zqgrouprdg</rdg>"
    "<rdgGrp><rdg>zqnestedrdg</rdg></rdgGrp><note>zqgroupnote</note></rdgGrp>zqapptext</app>"
    "<choice>zqchoicetext<sic>zqsic</sic><corr>zqcorr</corr></choice></p>")


def _everywhere(tmp_path: Path) -> tuple[Path, set[str]]:
    words_in = " ".join(f"<{name}>zq{name.lower()} </{name}>" for name in KNOWN)
    fixture = tmp_path / "everywhere.xml"
    fixture.write_text(minimal_tei(f'<p n="1" xml:id="e-p1">{words_in}</p>{PLACES}'),
                       encoding="utf-8")
    return fixture, set(re.findall(r"zq\w+", fixture.read_text(encoding="utf-8")))


def test_text_in_any_element_reaches_the_page(tmp_path: Path) -> None:
    """Every element the transforms know, with text in it, and text where they pick
    children (figure, graphic, table, row, app, rdgGrp, choice): all of it on the page."""
    fixture, marked = _everywhere(tmp_path)
    tree = html.fromstring(reading_page(fixture))
    for hidden in tree.xpath("//script | //style | //template"):
        hidden.drop_tree()
    text = tree.text_content()
    assert sorted(w for w in marked if w not in text) == []


@pytest.mark.slow
def test_text_in_any_element_reaches_the_pdf(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:  # pragma: no cover - setup.sh installs poppler
        pytest.skip("pdftotext is not installed (Debian: poppler-utils)")
    fixture, marked = _everywhere(tmp_path)
    root = make_project(tmp_path / "project", [fixture], draft=True)
    code, output = build(root)
    assert code == 0, output
    text = subprocess.run(["pdftotext", "-enc", "UTF-8",
                           str(root / "build" / "site" / "everywhere.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert sorted(w for w in marked if w not in text) == []
