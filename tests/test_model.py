"""The model (transforms/model/model.xsl, marked by pipeline stage 05): its functions called
through saxonche, the marks on the enriched corpus, and the agreement of every output that
publishes register entries: the HTML pages, citations.json and the DTS navigation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from teiedition.xmlio import SITE_NS
from tests.support import EDITION, call_xslt, enriched, load, render_site

from .conftest import replace_in

K = f"{{{SITE_NS}}}"
REGISTER_FOLDERS = ("persons", "places", "organisations", "events", "treaties", "bibliography")

REGISTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>
  <head>Persons</head>
  <listPerson xml:id="all">
    <person xml:id="a"><persName xml:lang="ru">Аня</persName><persName type="preferred">Anna</persName></person>
    <listPerson xml:id="group"><person xml:id="b"><persName>Boris</persName></person></listPerson>
    <person><persName>no id</persName></person>
  </listPerson>
  <listBibl><bibl xml:id="w">A work</bibl><bibl xml:id="t" type="treaty">A treaty</bibl></listBibl>
</body></text></TEI>"""

TEXT = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>
  <p xml:id="p1">A paragraph.</p><listPerson><person xml:id="x"/></listPerson>
</body></text></TEI>"""


def call(expression: str, document: str) -> str:
    return call_xslt(expression, document, ["model/model.xsl"])


def test_a_register_is_a_body_of_lists_and_headings() -> None:
    assert call("f:is-register(/tei:TEI)", REGISTER) == "true"
    assert call("f:is-register(/tei:TEI)", TEXT) == "false"


def test_entries_are_the_identified_members_of_lists_even_when_lists_nest_or_have_ids() -> None:
    assert call("//*[f:is-entry(.)]/@xml:id/string()", REGISTER) == "a|b|w|t"
    assert call("//*[f:is-entry(.)]/@xml:id/string()", TEXT) == ""  # a text has no entries


def test_entry_kinds_and_names() -> None:
    assert call("//*[f:is-entry(.)]/f:entry-kind(.)", REGISTER) == "person|person|work|treaty"
    assert call("//*[f:is-entry(.)]/f:unit-kind(.)", REGISTER) == "person|person|work|treaty"
    assert call("//*[@xml:id = 'a']/f:entry-name(., 'en')", REGISTER) == "Anna"
    assert call("//*[@xml:id = 'a']/f:entry-name(., 'ru')", REGISTER) == "Anna"  # preferred


def test_stage_05_marks_kinds_entries_and_citable_units() -> None:
    corpus = enriched(EDITION)
    kinds = {d.id: d.kind for d in corpus.documents}
    assert kinds["karakhan-declarations"] == "text"
    assert {kinds[name] for name in REGISTER_FOLDERS} == {"register"}
    entry = next(el for _, el in corpus.entries() if el.get(K + "entry") == "persons/karakhan")
    assert (entry.get(K + "kind"), entry.get(K + "name"), entry.get(K + "page")) == (
        "person", "Lev Mikhailovich Karakhan", "persons/karakhan.html")
    text = corpus.texts[0]
    cited = [el.get(K + "cite") for el in text.tei.iter() if el.get(K + "cite")]
    assert cited[:3] == ["fig1", "p1", "p2"]
    # the source keeps no marks, and every marked element maps back to its source element
    assert b"urn:teiedition:site" not in text.source.data
    p3 = next(el for el in text.tei.iter() if el.get(K + "cite") == "p3")
    assert text.source_element(p3).get("{http://www.w3.org/XML/1998/namespace}id") == "p3"


def _published_entries(site: Path) -> tuple[set[str], set[str], set[str]]:
    """Register entries as the HTML pages, citations.json and DTS each publish them."""
    pages = {f"{p.parent.name}/{p.name}#{p.stem}" for folder in REGISTER_FOLDERS
             for p in (site / folder).glob("*.html") if p.name != "index.html"}
    manifest = json.loads((site / "citations.json").read_text(encoding="utf-8"))
    cited = {f"{u['page']}#{u['id']}" for u in manifest["units"]
             if u["page"].split("/")[0] in REGISTER_FOLDERS}
    base = manifest["edition"]["uri"]
    dts: set[str] = set()
    for folder in REGISTER_FOLDERS:
        navigation = json.loads((site / "dts" / "navigation" / f"{folder};down=-1.json")
                                .read_text(encoding="utf-8"))
        dts |= {m["@id"].removeprefix(base) for m in navigation["member"]}
    return pages, cited, dts


@pytest.mark.parametrize("variant", ["edition", "xml:id on a register list"])
def test_html_pages_citations_and_dts_publish_the_same_register_entries(
        variant: str, tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    if variant != "edition":
        replace_in(edition / "registers" / "persons.xml", '<listPerson type="mentioned">',
                   '<listPerson type="mentioned" xml:id="persons-mentioned">')
    out = tmp_path / "site"
    out.mkdir()
    render_site(load(edition), edition, out, pdf=False, search=False)
    pages, cited, dts = _published_entries(out)
    assert "persons/karakhan.html#karakhan" in pages
    assert pages == cited == dts
    assert not any("persons-mentioned" in key for key in pages)


POINTER_CORPUS = """<corpus xmlns="urn:test">
{docs}
</corpus>"""


def _tei(base: str, body: str, prefixes: str = "") -> str:
    header = (f'<teiHeader><encodingDesc><listPrefixDef>{prefixes}</listPrefixDef>'
              '</encodingDesc></teiHeader>' if prefixes else "<teiHeader/>")
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:base="file:///ed/{base}">'
            f'{header}<text><body>{body}</body></text></TEI>')


def _prefix(ident: str, match: str, replacement: str) -> str:
    return (f'<prefixDef ident="{ident}" matchPattern="{match}" '
            f'replacementPattern="{replacement}"/>')


def test_pointers_resolved_together_are_what_each_resolves_alone() -> None:
    """The model resolves the prefixed pointers of all documents that define a prefix
    alike in one pass ($f:pointers); every result is the one f:resolve-pointer gives for
    that pointer in its document, whatever the prefix definitions: shared, different in
    file or pattern, or not matching the pointer."""
    persons = _tei("persons.xml", '<listPerson><person xml:id="a"/><person xml:id="b"/>'
                   '</listPerson>')
    places = _tei("places.xml", '<listPlace><place xml:id="a"/></listPlace>')
    per = _prefix("per", "([a-z]+)", "persons.xml#$1")
    texts = [
        _tei("t1.xml", '<p xml:id="x"><persName ref="per:a per:zz per:A1">A</persName>'
             '<ref target="#x">self</ref><ref target="https://example.org/">web</ref></p>', per),
        _tei("t2.xml", '<p><persName ref="per:b per:a">B</persName></p>', per),
        _tei("t3.xml", '<p><placeName ref="per:a">A place</placeName></p>',
             _prefix("per", "([a-z]+)", "places.xml#$1")),
        _tei("t4.xml", '<p><persName ref="per:a per:b">A</persName></p>',
             _prefix("per", "(a)", "persons.xml#$1")),
    ]
    corpus = POINTER_CORPUS.format(docs="\n".join([persons, places, *texts]))
    describe = ("for $d in //tei:TEI, $p in $f:document-pointers(generate-id($d)), "
                "$r in ({which}) return string-join((base-uri($d), $p, string($r?external), "
                "$r?uri, string-join($r?target?* ! (base-uri(.) || '#' || @xml:id), ' ')), ';')")
    modules = ["model/model.xsl", "model/pointers.xsl"]
    together = call_edition(describe.format(
        which="$f:pointers(generate-id($d) || ' ' || $p)"), corpus, modules)
    alone = call_edition(describe.format(which="f:resolve-pointer($p, $d)"), corpus, modules)
    assert together == alone
    found = dict((line.split(";")[0].rsplit("/", 1)[1] + " " + line.split(";")[1],
                  line.split(";")[4]) for line in together.split("|"))
    assert found["t1.xml per:a"] == "file:///ed/persons.xml#a"
    assert found["t2.xml per:b"] == "file:///ed/persons.xml#b"
    assert found["t3.xml per:a"] == "file:///ed/places.xml#a"
    assert found["t1.xml per:zz"] == found["t1.xml per:A1"] == ""
    assert found["t4.xml per:a"] == "file:///ed/persons.xml#a"
    assert found["t4.xml per:b"] == ""
    assert found["t1.xml #x"] == "file:///ed/t1.xml#x"


def call_edition(expression: str, document: str, modules: list[str]) -> str:
    """call_xslt with $edition, which the pointer model needs, set to the document."""
    return call_xslt(expression, document, modules, '<xsl:variable name="edition" select="/"/>')
