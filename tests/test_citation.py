"""Citable units, the identifier manifest and `edition citations --check`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from teiedition.citation.exports import write_citation_files
from teiedition.citation.manifest import check_manifest, manifest
from teiedition.citation.metadata import metadata_for
from teiedition.citation.units import CitationError, UnknownReference
from teiedition.citation.units import CitationModel as Corpus
from tests.support import model_of

from .conftest import EDITION, NS, ROOT, replace_in

RELEASED = ROOT / "edition" / "released" / "citations-1.1.0.json"
FIRST_RELEASE = ROOT / "edition" / "released" / "citations-1.0.0.json"
#: The kind of every entry of each register of the edition, as citations name it.
REGISTER_KINDS = {"persons": "person", "places": "place", "organisations": "organisation",
                  "events": "event", "treaties": "treaty", "bibliography": "work"}
BASE = "https://karakhan-edition.example.org/"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return model_of(EDITION)


def tei_ids(xpath: str, path: Path = EDITION / "karakhan-declarations.xml") -> list[str]:
    tree = etree.parse(str(path))
    return [str(el.get(XML_ID)) for el in tree.xpath(xpath, namespaces=NS)]


# ------------------------------------------------------------ units

def test_text_units_are_the_cite_structure_selections_in_document_order(corpus: Corpus) -> None:
    expected = tei_ids("//tei:body//*[self::tei:p[@n] or self::tei:figure[@xml:id]"
                       " or self::tei:note[@type='editorial']]")
    got = [u.id for u in corpus.units if u.page == "karakhan-declarations.html"]
    assert got == expected
    assert got[:3] == ["fig1", "p1", "p2"]
    assert {u.kind for u in corpus.units if u.page == "karakhan-declarations.html"} == {
        "paragraph", "figure", "note"}


def test_paragraphs_carry_their_number_and_canonical_url(corpus: Corpus) -> None:
    paragraphs = corpus.passages()
    assert [u.id for u in paragraphs] == [f"p{i}" for i in range(1, 9)]
    assert [u.n for u in paragraphs] == [str(i) for i in range(1, 9)]
    p3 = corpus.passage("p3")
    assert p3 is not None
    assert p3.url == "https://karakhan-edition.example.org/karakhan-declarations.html#p3"
    assert p3.edition.version == "1.1.0"
    assert p3.location[0].endswith("edition/karakhan-declarations.xml")


def test_every_register_entry_is_a_unit_with_its_page(corpus: Corpus) -> None:
    for path in sorted((EDITION / "registers").glob("*.xml")):
        expected = tei_ids("//tei:text//*[@xml:id][not(ancestor::*[@xml:id])]", path)
        units = [u for u in corpus.units if u.source == f"registers/{path.name}"]
        assert [u.id for u in units] == expected, path.name
        assert expected, path.name
        assert {u.kind for u in units} == {REGISTER_KINDS[path.stem]}
    karakhan = next(u for u in corpus.units if u.key == "persons/karakhan.html#karakhan")
    assert karakhan.url == BASE + "persons/karakhan.html#karakhan"


CITE_TEXT = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Poems</title></titleStmt>
      <editionStmt><edition n="1.1.0"><date when="2026-01-01"/></edition></editionStmt>
      <publicationStmt><publisher>P</publisher><idno type="URI">https://example.org/p/</idno>
      </publicationStmt>
      <sourceDesc><p>Test.</p></sourceDesc>
    </fileDesc>
    <encodingDesc><refsDecl>
      <citeStructure unit="poem" match="//body/div[@type = 'poem']" use="@n" delim=".">
        <citeStructure unit="stanza" match="lg[count(l) gt 1]"
                       use="count(preceding-sibling::lg) + 1" delim=".">
          <citeStructure unit="line" match="l" use="@n" delim="."/>
        </citeStructure>
      </citeStructure>
    </refsDecl></encodingDesc>
  </teiHeader>
  <text><body>
    <div type="poem" n="A"><lg><l n="1">one</l><l n="2">two</l></lg><lg><l n="3">x</l></lg></div>
    <div type="poem" n="B"><lg><l n="1">three</l><l n="2">four</l></lg></div>
  </body></text>
</TEI>
"""


def test_cite_structure_is_evaluated_by_saxon_as_written(tmp_path: Path) -> None:
    """Unprefixed names, functions, comparisons and nesting with @delim, as TEI allows."""
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "poems.xml").write_text(CITE_TEXT, encoding="utf-8")
    units = [(u.id, u.kind) for u in model_of(edition).units]
    assert units == [("A", "poem"), ("A.1", "stanza"), ("A.1.1", "line"), ("A.1.2", "line"),
                     ("B", "poem"), ("B.1", "stanza"), ("B.1.1", "line"), ("B.1.2", "line")]


def test_a_cite_structure_that_is_no_xpath_is_a_clear_error(tmp_path: Path) -> None:
    from teiedition.errors import TransformError

    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "poems.xml").write_text(CITE_TEXT.replace("lg[count(l) gt 1]", "lg[[["),
                                       encoding="utf-8")
    with pytest.raises(TransformError, match=r"citeStructure/@match \"lg\[\[\[\" is not a usable"):
        model_of(edition)


def test_unknown_passage_lists_the_valid_ones(corpus: Corpus) -> None:
    with pytest.raises(UnknownReference) as info:
        corpus.passage("p99")
    assert info.value.valid == ["edition", *(f"p{i}" for i in range(1, 9))]


def test_missing_version_is_a_located_error(edition_copy: Path) -> None:
    replace_in(edition_copy / "karakhan-declarations.xml", '<edition n="1.1.0">', "<edition>")
    with pytest.raises(CitationError, match=r"karakhan-declarations\.xml:5:\d+: the teiHeader "
                       r"lacks what a citation needs: editionStmt/edition/@n"):
        model_of(edition_copy)


# ------------------------------------------------------------ digests

def test_digest_covers_the_unit_text_but_not_nested_units(edition_copy: Path,
                                                         corpus: Corpus) -> None:
    before = {u.key: u.digest for u in corpus.units}
    replace_in(edition_copy / "karakhan-declarations.xml",
               "The title is the article's own wording.", "The title is the article's wording.")
    after = {u.key: u.digest for u in model_of(edition_copy).units}
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"karakhan-declarations.html#note1"}


def test_markup_and_whitespace_do_not_change_a_digest(edition_copy: Path,
                                                      corpus: Corpus) -> None:
    replace_in(edition_copy / "karakhan-declarations.xml",
               '<placeName ref="plc:europe">Europe</placeName>,', "Europe,\n          ")
    after = model_of(edition_copy)
    assert [u.digest for u in after.units] == [u.digest for u in corpus.units]


# ------------------------------------------------------------ manifest and check

def test_manifest_records_id_kind_url_number_digest_version(corpus: Corpus,
                                                            tmp_path: Path) -> None:
    write_citation_files(model_of(EDITION), tmp_path)
    data = json.loads((tmp_path / "citations.json").read_text(encoding="utf-8"))
    assert data == manifest(corpus)
    assert data["edition"]["version"] == "1.1.0"
    assert len(data["units"]) == len(corpus.units)
    p3 = next(u for u in data["units"] if u["id"] == "p3")
    assert p3 == {
        "id": "p3", "kind": "paragraph", "n": "3",
        "url": BASE + "karakhan-declarations.html#p3", "page": "karakhan-declarations.html",
        "source": "karakhan-declarations.xml", "digest": p3["digest"], "version": "1.1.0"}
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", p3["digest"])
    assert all(u["version"] == "1.1.0" for u in data["units"])


def test_the_committed_manifest_matches_the_sources(corpus: Corpus) -> None:
    released = json.loads(RELEASED.read_text(encoding="utf-8"))
    assert check_manifest(released, manifest(corpus)) == []
    assert {u["id"] for u in released["units"]} >= {f"p{i}" for i in range(1, 9)}


def doctored(tmp_path: Path, change: Any) -> Path:
    data = json.loads(RELEASED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "doctored.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_no_identifier_of_the_first_release_is_gone(run_cli: Any) -> None:
    result = run_cli("citations", "--check", str(FIRST_RELEASE), "--edition", str(EDITION))
    assert result.exit_code == 0, result.output


def test_check_passes_on_the_committed_manifest(run_cli: Any) -> None:
    result = run_cli("citations", "--check", str(RELEASED), "--edition", str(EDITION))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("all present, texts unchanged or versioned\n")


def test_check_fails_when_a_published_id_is_gone(run_cli: Any, tmp_path: Path) -> None:
    def add_gone(data: dict[str, Any]) -> None:
        data["units"].append({**data["units"][1], "id": "p9", "n": "9",
                              "url": BASE + "karakhan-declarations.html#p9"})

    path = doctored(tmp_path, add_gone)
    result = run_cli("citations", "--check", str(path), "--edition", str(EDITION))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:1:1: error: [citation-id-gone] 'p9' (paragraph, "
        f"{BASE}karakhan-declarations.html#p9) was published in version 1.1.0 and is gone; "
        "identifiers never change"]


def test_check_fails_when_text_changed_but_version_did_not(run_cli: Any,
                                                           edition_copy: Path) -> None:
    tei = edition_copy / "karakhan-declarations.xml"
    replace_in(tei, "became a prime target", "became the prime target")
    result = run_cli("citations", "--check", str(RELEASED), "--edition", str(edition_copy))
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    row = next(i for i, text in enumerate(tei.read_text(encoding="utf-8").splitlines(), 1)
               if 'xml:id="p1"' in text)
    assert re.fullmatch(rf".*karakhan-declarations\.xml:{row}:9: error: \[citation-text-changed\] "
                        r"the text of 'p1' \(paragraph\) changed but the edition version is "
                        r"still 1\.1\.0; raise editionStmt/edition/@n", line), line


def test_check_accepts_changed_text_with_a_new_version(run_cli: Any,
                                                       edition_copy: Path) -> None:
    tei = edition_copy / "karakhan-declarations.xml"
    replace_in(tei, "became a prime target", "became the prime target")
    replace_in(tei, '<edition n="1.1.0">', '<edition n="1.0.1">')
    result = run_cli("citations", "--check", str(RELEASED), "--edition", str(edition_copy))
    assert result.exit_code == 0, result.output


def test_check_with_a_base_url_cites_texts_without_their_own(run_cli: Any,
                                                            edition_copy: Path) -> None:
    """A text without publicationStmt/idno[@type='URI'] cannot be cited, unless --base-url
    gives the address; a bad address is misuse."""
    tei = edition_copy / "karakhan-declarations.xml"
    replace_in(tei, f'<idno type="URI">{BASE}</idno>', "")
    args = ("citations", "--check", str(RELEASED), "--edition", str(edition_copy))
    result = run_cli(*args)
    assert result.exit_code == 1
    assert "idno[@type='URI']" in result.output
    result = run_cli(*args, "--base-url", "https://cite.test-host.org/k/")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("all present, texts unchanged or versioned\n")
    result = run_cli(*args, "--base-url", "ftp://cite.test-host.org/")
    assert result.exit_code == 2
    assert "--base-url" in result.output


def test_check_reports_a_doctored_digest_in_the_previous_manifest(corpus: Corpus) -> None:
    previous = json.loads(RELEASED.read_text(encoding="utf-8"))
    previous["units"][0]["digest"] = "sha256:" + "0" * 64
    problems = check_manifest(previous, manifest(corpus), previous_name="old.json")
    assert [(p.rule, p.path) for p in problems] == [("citation-text-changed", "old.json")]


def test_check_of_a_file_that_is_no_manifest_is_misuse(run_cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]", encoding="utf-8")
    result = run_cli("citations", "--check", str(path), "--edition", str(EDITION))
    assert result.exit_code == 2
    assert "not a citations manifest (no 'units' list)" in result.output


# ------------------------------------------------------------ site files and metadata

def test_citation_files_for_the_edition_and_every_paragraph(tmp_path: Path) -> None:
    written = write_citation_files(model_of(EDITION), tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    targets = ["edition", *(f"p{i}" for i in range(1, 9))]
    assert names == {"citations.json"} | {f"cite/{t}{s}" for t in targets
                                          for s in (".bib", ".ris", ".json")}
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_metadata_for_a_paragraph(corpus: Corpus) -> None:
    p3 = corpus.passage("p3")
    assert p3 is not None
    meta = metadata_for(p3)
    highwire = dict(meta["highwire"])
    assert highwire["citation_title"] == ("First and Second Karakhan Declaration: "
                                          "a digital edition, ¶ 3")
    assert highwire["citation_publication_date"] == "2026/11/30"
    assert highwire["citation_public_url"] == BASE + "karakhan-declarations.html#p3"
    assert highwire["citation_pdf_url"] == BASE + "karakhan-declarations.pdf"
    assert highwire["citation_author"] == "Karakhan Edition Project team"
    dc = dict(meta["dublin_core"])
    assert dc["DC.type"] == "Text"
    assert dc["DC.date"] == "2026-11-30"
    assert dc["DC.relation.hasVersion"] == "1.1.0"
    assert meta["canonical"] == BASE + "karakhan-declarations.html"
    ld = json.loads(json.dumps(meta["json_ld"]))
    assert ld["@type"] == "CreativeWork"  # a paragraph, part of the edition (a Book)
    assert ld["isPartOf"]["@type"] == "Book"
    assert ld["version"] == "1.1.0"
    assert ld["url"] == highwire["citation_public_url"]
    assert ld["isPartOf"]["url"] == BASE + "karakhan-declarations.html"
    assert metadata_for(corpus.edition)["title"] == corpus.edition.title
