"""The TEI encoding of the article: fidelity to the source, tagging, registers, dates,
identifiers, editorial notes and header (checked independently of the Schematron)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from teiedition.validation.validate import validate_paths
from tests.support import PROJECT

from .conftest import EDITION, NS, SOURCE_TEXT, TEI_NS, replace_in

TEXT_FILE = EDITION / "karakhan-declarations.xml"
REGISTERS = sorted((EDITION / "registers").glob("*.xml"))
KIND = {"persons.xml": "person", "places.xml": "place", "organisations.xml": "org",
        "events.xml": "event", "treaties.xml": "bibl", "bibliography.xml": "bibl"}
ENTRY_ELEMENT = {"persName": "person", "placeName": "place", "orgName": "org"}

#: Identifiers that ../shared/facts/entities.md marks verified (the only ones allowed).
VERIFIED = {
    ("wikidata", v) for v in (
        "Q855", "Q649", "Q46", "Q48", "Q159", "Q34266", "Q139319", "Q2184", "Q15180", "Q29520",
        "Q13426199", "Q145", "Q174193", "Q142", "Q70802", "Q30", "Q17", "Q188712", "Q711",
        "Q212056", "Q199820", "Q79911", "Q187650")
} | {("viaf", "101787139")} | {
    ("geonames", v) for v in (
        "524901", "6255148", "6255147", "2017370", "1814991", "2635167", "3017382", "6252001",
        "1861060", "2029969", "2037013", "1816670", "2988507", "611717")
}


def parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.fixture(scope="module")
def text() -> etree._ElementTree:
    return parse(TEXT_FILE)


@pytest.fixture(scope="module")
def registers() -> dict[str, etree._ElementTree]:
    return {p.name: parse(p) for p in REGISTERS}


def normalise(value: str) -> str:
    return " ".join(value.split())


def test_text_is_the_source_word_for_word(text: etree._ElementTree) -> None:
    if not SOURCE_TEXT.exists():
        pytest.skip(f"source text not found at {SOURCE_TEXT}")
    body = text.find("tei:text", NS)
    assert body is not None
    parts: list[str] = []

    def collect(el: etree._Element) -> None:
        if el.tag == f"{{{TEI_NS}}}note":  # editorial additions
            if el.tail:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            collect(child)
        if el.tail and el is not body:
            parts.append(el.tail)

    for child in body:
        collect(child)
    assert normalise("".join(parts)) == normalise(SOURCE_TEXT.read_text(encoding="utf-8"))


def test_paragraphs_figures_and_notes_have_stable_ids(text: etree._ElementTree) -> None:
    paragraphs = text.xpath("//tei:body//tei:p[@n]", namespaces=NS)
    assert [(p.get("n"), p.get("{http://www.w3.org/XML/1998/namespace}id")) for p in paragraphs] \
        == [(str(i), f"p{i}") for i in range(1, 9)]
    figures = text.xpath("//tei:body//tei:figure", namespaces=NS)
    assert [f.xpath("string(tei:head)", namespaces=NS) for f in figures] == \
        ["Leo Karakhan", "Chinese eastern railway"]
    for figure in figures:
        assert figure.get("{http://www.w3.org/XML/1998/namespace}id")
        assert not figure.xpath(".//tei:graphic", namespaces=NS), "no invented image"
        statement = figure.xpath("string(tei:note[@type='availability'])", namespaces=NS)
        assert "not available" in statement
    for note in text.xpath("//tei:body//tei:note", namespaces=NS):
        assert note.get("{http://www.w3.org/XML/1998/namespace}id")


def resolve(pointer: str, document: etree._ElementTree, path: Path) -> tuple[Path, str] | None:
    prefix, _, local = pointer.partition(":")
    for definition in document.iterfind(".//tei:prefixDef", NS):
        if definition.get("ident") == prefix:
            pattern = f"^(?:{definition.get('matchPattern')})$"
            assert re.match(pattern, local), pointer
            target = re.sub(pattern, definition.get("replacementPattern", "").replace("$1", r"\1"),
                            local)
            file, _, fragment = target.partition("#")
            return (path.parent / file).resolve(), fragment
    return None


def all_entries(registers: dict[str, etree._ElementTree]) -> dict[tuple[str, str], etree._Element]:
    out = {}
    for name, tree in registers.items():
        for entry in tree.xpath("//tei:body//*[@xml:id]", namespaces=NS):
            out[(name, entry.get("{http://www.w3.org/XML/1998/namespace}id"))] = entry
    return out


def test_every_mention_resolves_to_an_entry_of_its_kind(
        text: etree._ElementTree, registers: dict[str, etree._ElementTree]) -> None:
    entries = all_entries(registers)
    mentions = text.xpath("//tei:text//*[@ref]", namespaces=NS)
    assert len(mentions) >= 60
    for mention in mentions:
        local = etree.QName(mention).localname
        for pointer in mention.get("ref", "").split():
            resolved = resolve(pointer, text, TEXT_FILE)
            assert resolved is not None, pointer
            file, fragment = resolved
            entry = entries.get((file.name, fragment))
            assert entry is not None, pointer
            expected = ENTRY_ELEMENT.get(local) or {"person": "person", "place": "place",
                                                    "org": "org", "event": "event",
                                                    "treaty": "bibl"}[mention.get("type", "")]
            assert etree.QName(entry).localname == expected, pointer
            assert KIND[file.name] == expected


@pytest.mark.parametrize(("words", "element", "ref"), [
    ("Leo Karakhan", "persName", "per:karakhan"),
    ("Karakhan", "persName", "per:karakhan"),
    ("Stalin", "persName", "per:stalin"),
    ("Moscow", "placeName", "plc:moscow"),
    ("Third International", "orgName", "org:comintern"),
    ("October Revolution", "rs", "evt:october-revolution"),
    ("Communist Revolution", "rs", "evt:october-revolution"),
    ("Boxer Rebellion", "rs", "evt:boxer-rebellion"),
    ("Paris Peace Conference", "rs", "evt:paris-peace-conference"),
    ("civil war", "rs", "evt:russian-civil-war"),
    ("purge of 1937", "rs", "evt:great-purge"),
    ("this declaration", "rs", "trt:karakhan-declaration-1"),
    ("unequal treaties", "rs", "trt:unequal-treaties"),
    ("Boxer indemnity", "rs", "trt:boxer-indemnity"),
    ("Sino-Soviet Treaty of 1924", "rs", "trt:sino-soviet-agreement-1924"),
    ("the treaty", "rs", "trt:sino-soviet-agreement-1924"),
    ("the railway", "rs", "org:chinese-eastern-railway"),
])
def test_named_mentions(text: etree._ElementTree, words: str, element: str, ref: str) -> None:
    found = [el for el in text.xpath(f"//tei:body//tei:{element}[@ref]", namespaces=NS)
             if words.lower() in normalise("".join(el.itertext())).lower()]
    assert found, f"no <{element}> containing {words!r}"
    assert any(ref in el.get("ref", "").split() for el in found), \
        [el.get("ref") for el in found]


@pytest.mark.parametrize(("words", "attributes"), [
    ("July 25, 1919", {"when": "1919-07-25"}),
    ("March 1920", {"when": "1920-03"}),
    ("1917", {"when": "1917"}),
    ("1889–1937", {"from": "1889", "to": "1937"}),
    ("between 1921 and 1923", {"from": "1921", "to": "1923"}),
    ("earlier that year", {"when": "1919"}),
    ("the previous year", {"when": "1919"}),
    ("1924", {"when": "1924"}),
    ("1937", {"when": "1937"}),
])
def test_dates_are_normalised(text: etree._ElementTree, words: str,
                              attributes: dict[str, str]) -> None:
    dates = [d for d in text.xpath("//tei:body//tei:date", namespaces=NS)
             if normalise("".join(d.itertext())) == words]
    assert dates, words
    assert any(all(d.get(k) == v for k, v in attributes.items()) for d in dates)


def first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def test_every_date_value_parses_and_ranges_are_ordered() -> None:
    count = 0
    for path in [TEXT_FILE, *REGISTERS]:
        for el in parse(path).iter():
            values = {k: el.get(k) for k in ("when", "from", "to", "notBefore", "notAfter")
                      if el.get(k)}
            for value in values.values():
                assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value), (path.name, value)
                first_day(value)
                count += 1
            if "from" in values and "to" in values:
                assert first_day(values["from"]) <= first_day(values["to"])
            if "notBefore" in values and "notAfter" in values:
                assert first_day(values["notBefore"]) <= first_day(values["notAfter"])
    assert count > 40


def test_only_verified_identifiers_in_well_formed_shape(
        registers: dict[str, etree._ElementTree]) -> None:
    found = set()
    for tree in registers.values():
        for idno in tree.xpath("//tei:body//tei:idno", namespaces=NS):
            kind, value = idno.get("type"), (idno.text or "")
            found.add((kind, value))
            pattern = {"wikidata": r"Q[1-9]\d*", "viaf": r"[1-9]\d*", "geonames": r"[1-9]\d*"}
            assert re.fullmatch(pattern[kind], value), (kind, value)
    assert found <= VERIFIED, found - VERIFIED
    assert ("wikidata", "Q148") not in found and ("wikidata", "Q8729") not in found
    assert len(found) > 30


def test_places_with_coordinates(registers: dict[str, etree._ElementTree]) -> None:
    geo = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p.xpath("string(.//tei:geo)",
                                                                     namespaces=NS)
           for p in registers["places.xml"].xpath("//tei:place", namespaces=NS)}
    assert geo["moscow"] == "55.75204 37.61781"
    assert geo["beijing"] == "39.9075 116.39723"


def test_every_entry_has_names_description_and_is_referenced_or_context_only(
        text: etree._ElementTree, registers: dict[str, etree._ElementTree]) -> None:
    pointed = set()
    for tree, path in [(text, TEXT_FILE)]:
        for el in tree.xpath("//*[@ref or @target or @corresp]", namespaces=NS):
            for pointer in " ".join(el.get(a, "") for a in ("ref", "target", "corresp")).split():
                resolved = resolve(pointer, tree, path)
                if resolved:
                    pointed.add((resolved[0].name, resolved[1]))
    for (file, xml_id), entry in all_entries(registers).items():
        parent_type = entry.getparent().get("type")
        if parent_type == "context-only":
            continue
        assert (file, xml_id) in pointed, f"{file}#{xml_id} is not referenced from the text"
        if file != "bibliography.xml":
            assert entry.xpath("string(tei:note[@type='description'])", namespaces=NS).strip(), \
                xml_id


def test_original_script_names(registers: dict[str, etree._ElementTree]) -> None:
    karakhan = registers["persons.xml"].xpath("//tei:person[@xml:id='karakhan']", namespaces=NS)[0]
    names = {n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text
             for n in karakhan.iterfind("tei:persName", NS)}
    assert names["ru"] == "Лев Михайлович Карахан"
    assert names["hy"] == "Լևոն Միքայելի Կարախանյան"
    assert names["zh-Hant"] == "加拉罕"


def test_treaty_of_1924_has_date_place_parties_signatories_and_titles(
        registers: dict[str, etree._ElementTree]) -> None:
    treaty = registers["treaties.xml"].xpath(
        "//tei:bibl[@xml:id='sino-soviet-agreement-1924']", namespaces=NS)[0]
    assert treaty.xpath("string(tei:date/@when)", namespaces=NS) == "1924-05-31"
    assert treaty.xpath("tei:placeName/@ref", namespaces=NS) == ["plc:beijing"]
    assert set(treaty.xpath(".//tei:note[@type='parties']//tei:orgName/@ref", namespaces=NS)) == \
        {"org:republic-of-china", "org:ussr"}
    assert set(treaty.xpath(".//tei:respStmt//tei:persName/@ref", namespaces=NS)) == \
        {"per:karakhan", "per:wellington-koo"}
    languages = set(treaty.xpath("tei:title[@type='official']/@xml:lang", namespaces=NS))
    assert {"ru", "zh-Hant", "en"} <= languages


def test_editorial_notes_cite_works_with_urls(
        text: etree._ElementTree, registers: dict[str, etree._ElementTree]) -> None:
    works = {w.get("{http://www.w3.org/XML/1998/namespace}id"): w
             for w in registers["bibliography.xml"].xpath("//tei:bibl", namespaces=NS)}
    notes = text.xpath("//tei:body//tei:note[@type='editorial']", namespaces=NS)
    assert len(notes) >= 10
    for note in notes:
        cited = [t.split(":", 1)[1] for t in note.xpath(".//tei:ref[@type='citation']/@target",
                                                        namespaces=NS)]
        assert cited, note.get("{http://www.w3.org/XML/1998/namespace}id")
        urls = [u for c in cited for u in works[c].xpath(".//tei:ref/@target", namespaces=NS)]
        assert any(u.startswith("https://") or u.startswith("http://") for u in urls)


@pytest.mark.parametrize("claim", [
    "1899", "Inter-Allied", "Deputy People", "1922", "1920-03-26", "23 September 1920",
    "September 1923", "Article V", "joint", "Military Collegium"])
def test_the_ten_disputed_claims_are_annotated(text: etree._ElementTree, claim: str) -> None:
    notes = " ".join(normalise("".join(n.itertext())) for n in
                     text.xpath("//tei:body//tei:note[@type='editorial']", namespaces=NS))
    assert claim in notes or claim.replace("1920-03-26", "26 March 1920") in notes, claim


def test_header_is_complete(text: etree._ElementTree) -> None:
    header = text.find("tei:teiHeader", NS)
    assert header is not None
    for xpath in [
        "tei:fileDesc/tei:titleStmt/tei:title",
        "tei:fileDesc/tei:titleStmt/tei:editor[@xml:id='editor']",
        "tei:fileDesc/tei:titleStmt/tei:respStmt",
        "tei:fileDesc/tei:editionStmt/tei:edition[@n='1.1.0']/tei:date[@when='2026-11-30']",
        "tei:fileDesc/tei:publicationStmt/tei:publisher",
        "tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence"
        "[@target='https://creativecommons.org/licenses/by/4.0/']",
        "tei:fileDesc/tei:publicationStmt/tei:idno[@type='URI']",
        "tei:fileDesc/tei:sourceDesc",
        "tei:encodingDesc/tei:projectDesc",
        "tei:encodingDesc/tei:editorialDecl",
        "tei:encodingDesc/tei:refsDecl/tei:citeStructure[@unit='paragraph']",
        "tei:encodingDesc/tei:listPrefixDef/tei:prefixDef",
        "tei:profileDesc/tei:langUsage/tei:language[@ident='en']",
        "tei:profileDesc/tei:textClass/tei:keywords/tei:term",
        "tei:revisionDesc/tei:change[@when='2026-11-30'][@n='1.1.0']",
    ]:
        assert header.xpath(xpath, namespaces=NS), xpath
    source = normalise("".join(header.find("tei:fileDesc/tei:sourceDesc", NS).itertext()))
    assert "not been identified" in source or "unknown" in source


@pytest.mark.parametrize("path", [TEXT_FILE, *REGISTERS], ids=lambda p: p.name)
def test_files_point_editors_at_the_generated_schemas(path: Path) -> None:
    models = [pi for pi in parse(path).xpath("/processing-instruction('xml-model')")]
    hrefs = [re.search(r'href="([^"]+)"', pi.text or "").group(1) for pi in models]  # type: ignore[union-attr]
    resolved = {(path.parent / h).resolve() for h in hrefs}
    root = EDITION.parent / "schemas"
    assert resolved == {root / "karakhan.rng", root / "karakhan.sch"}


def test_valid_against_project_schema_and_tei_all() -> None:
    report = validate_paths([], PROJECT, tei_all=True)
    assert report.diagnostics == []
    assert len(report.files) == 7


# ------------------------------------------------------------ rules checked over the whole edition
# Each rule is a function returning the problems it finds in an edition folder, so that the
# tests can run it both on the edition (no problems) and on a doctored copy (problems found).

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Elements that stand for a span of time; the header's rule keeps notBefore/notAfter off them.
SPAN_ELEMENTS = {"occupation", "event", "floruit", "residence", "affiliation", "state",
                 "education", "trait", "nationality"}


def edition_trees(folder: Path) -> dict[str, etree._ElementTree]:
    paths = [folder / TEXT_FILE.name, *sorted((folder / "registers").glob("*.xml"))]
    return {p.name: parse(p) for p in paths}


def language_of(el: etree._Element) -> str | None:
    found = el.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
    return str(found[0]) if found else None


def chinese_tag_problems(folder: Path) -> list[str]:
    """Han-script text is tagged zh-Hant or zh-Hans; bare zh (or zh with another subtag) is not."""
    problems = []
    for name, tree in edition_trees(folder).items():
        for el in tree.iter("{*}*"):
            tag = el.get(XML_LANG)
            if tag is not None and tag.split("-")[0] == "zh" and tag not in ("zh-Hant", "zh-Hans"):
                problems.append(f"{name}:{el.sourceline}: xml:lang={tag!r} lacks the script subtag")
            own_text = (el.text or "") + "".join(c.tail or "" for c in el)
            if HAN.search(own_text) and language_of(el) not in ("zh-Hant", "zh-Hans"):
                problems.append(f"{name}:{el.sourceline}: Han text tagged {language_of(el)!r}")
    return problems


def normalisation_rule(folder: Path) -> str:
    text = parse(folder / TEXT_FILE.name)
    return normalise(text.xpath("string(//tei:encodingDesc//tei:normalization)", namespaces=NS))


def uncertain_date_problems(folder: Path) -> list[str]:
    """notBefore/notAfter only on uncertain points: with @cert, without when/from/to, never on
    an element that stands for a span (the rule stated in the header's normalisation)."""
    problems = []
    for name, tree in edition_trees(folder).items():
        for el in tree.xpath("//*[@notBefore or @notAfter]"):
            where = f"{name}:{el.sourceline}: <{etree.QName(el).localname}>"
            if etree.QName(el).localname in SPAN_ELEMENTS:
                problems.append(f"{where} stands for a span; use from/to")
            if any(el.get(a) for a in ("when", "from", "to")):
                problems.append(f"{where} combines notBefore/notAfter with when/from/to")
            if not el.get("cert"):
                problems.append(f"{where} has notBefore/notAfter but no cert")
    return problems


def undeclared_languages(folder: Path) -> set[str]:
    trees = edition_trees(folder)
    declared = set(trees[TEXT_FILE.name].xpath("//tei:langUsage/tei:language/@ident",
                                               namespaces=NS))
    used = {str(v) for tree in trees.values() for v in tree.xpath("//@xml:lang")}
    return used - declared


def works(folder: Path, list_type: str | None = None) -> list[etree._Element]:
    tree = parse(folder / "registers" / "bibliography.xml")
    where = f"[@type='{list_type}']" if list_type else ""
    return tree.xpath(f"//tei:listBibl{where}/tei:bibl", namespaces=NS)


def web_citation_problems(folder: Path) -> list[str]:
    """Every work with a web address carries an access date (date type="accessed" @when)."""
    problems = []
    for bibl in works(folder):
        urls = bibl.xpath("(tei:ref/@target | tei:ptr/@target)[starts-with(., 'http')]",
                          namespaces=NS)
        accessed = bibl.xpath("tei:date[@type='accessed']/@when", namespaces=NS)
        if urls and not accessed:
            problems.append(f"{bibl.get(XML_ID)}: web citation without an access date")
    return problems


def incomplete_work_problems(folder: Path) -> list[str]:
    """A work the notes cite stands in the works-cited list and has an author (or editor) or,
    when it is part of a larger work (an article, a document), its host work, and a date: its date of publication or, for an undated web page, the date it
    was accessed."""
    problems = []
    text = parse(folder / TEXT_FILE.name)
    cited = {str(t).split(":", 1)[1]
             for t in text.xpath("//tei:ref[@type='citation']/@target", namespaces=NS)}
    listed = {str(w.get(XML_ID)): w for w in works(folder, "works-cited")}
    for xml_id in sorted(cited - set(listed)):
        problems.append(f"{xml_id}: cited by a note but not in the works-cited list")
    for xml_id, bibl in listed.items():
        responsible = bibl.xpath("tei:author | tei:editor | tei:title[@level='m' or @level='j']"
                                 "[../tei:title[@level='a']]", namespaces=NS)
        dates = bibl.xpath("tei:date[@when or @from or @notBefore]", namespaces=NS)
        published = [d for d in dates if d.get("type") != "accessed"]
        web = bibl.xpath("tei:ref[starts-with(@target, 'http')]", namespaces=NS)
        if not responsible:
            problems.append(f"{xml_id}: neither an author nor a host work")
        if not published and not (web and dates):
            problems.append(f"{xml_id}: no date")
    return problems


def doctor(edition_copy: Path, file: str, old: str, new: str) -> Path:
    replace_in(edition_copy / file, old, new)
    return edition_copy


def test_chinese_names_carry_a_script_subtag() -> None:
    assert chinese_tag_problems(EDITION) == []
    tags = {language_of(el) for tree in edition_trees(EDITION).values()
            for el in tree.iter("{*}*") if HAN.search(el.text or "")}
    assert tags == {"zh-Hant", "zh-Hans"}


@pytest.mark.parametrize(("file", "old", "new"), [
    ("registers/persons.xml", 'xml:lang="zh-Hant">加拉罕', 'xml:lang="zh">加拉罕'),
    ("registers/places.xml", 'xml:lang="zh-Hant">莫斯科', 'xml:lang="en">莫斯科'),
    ("registers/events.xml", 'xml:lang="zh-Hans">义和团运动', 'xml:lang="zh-CN">义和团运动'),
])
def test_the_script_subtag_check_can_fail(edition_copy: Path, file: str, old: str,
                                          new: str) -> None:
    assert chinese_tag_problems(doctor(edition_copy, file, old, new))


def test_uncertain_dates_follow_the_header_rule() -> None:
    rule = normalisation_rule(EDITION)
    assert "reserved for uncertain points in time" in rule
    assert "marks its uncertainty with cert" in rule
    assert "never combines them with when, from or to" in rule
    assert uncertain_date_problems(EDITION) == []


@pytest.mark.parametrize(("file", "old", "new"), [
    ("registers/persons.xml", 'from="1934" to="1937-05-03"', 'notAfter="1937-05-03" cert="high"'),
    ("registers/events.xml", 'from="1936-08" to="1938-11-17"',
     'from="1936-08" notAfter="1938-11-17"'),
    ("registers/treaties.xml", '<date type="issued" when="1920-09-27"/>',
     '<date type="issued" notBefore="1920-09-27" notAfter="1920-10-02"/>'),
])
def test_the_uncertain_date_check_can_fail(edition_copy: Path, file: str, old: str,
                                           new: str) -> None:
    assert uncertain_date_problems(doctor(edition_copy, file, old, new))


def test_an_uncertain_point_with_cert_is_allowed(edition_copy: Path) -> None:
    doctor(edition_copy, "registers/treaties.xml", '<date type="issued" when="1920-09-27"/>',
           '<date type="issued" notBefore="1920-09-27" notAfter="1920-10-02" cert="medium"/>')
    assert uncertain_date_problems(edition_copy) == []


def test_every_language_used_is_declared() -> None:
    assert undeclared_languages(EDITION) == set()
    declared = set(parse(TEXT_FILE).xpath("//tei:langUsage/tei:language/@ident", namespaces=NS))
    assert {"en", "ru", "de", "hy", "zh-Hant", "zh-Hans"} <= declared
    assert "zh" not in declared


def test_the_language_declaration_check_can_fail(edition_copy: Path) -> None:
    doctor(edition_copy, TEXT_FILE.name, '<language ident="de">', '<language ident="fr">')
    assert undeclared_languages(edition_copy) == {"de"}


def test_every_web_citation_has_an_access_date() -> None:
    assert web_citation_problems(EDITION) == []
    assert len(works(EDITION)) > 20


def test_the_access_date_check_can_fail(edition_copy: Path) -> None:
    doctor(edition_copy, "registers/bibliography.xml",
           '<date type="accessed" when="2026-11-30">accessed 30 November 2026</date>', "")
    assert web_citation_problems(edition_copy) == [
        "blog-copy-2016: web citation without an access date"]


def test_no_work_cited_without_author_or_host_and_date() -> None:
    assert incomplete_work_problems(EDITION) == []


@pytest.mark.parametrize(("file", "old", "new", "problem"), [
    ("registers/bibliography.xml", "<author>Bruce A. Elleman</author>", "",
     "elleman-1997: neither an author nor a host work"),
    ("registers/bibliography.xml", '<date when="1997">1997</date>', "", "elleman-1997: no date"),
    ("registers/bibliography.xml", '<date when="1951">1951</date>', "", None),
    (TEXT_FILE.name, '<ref type="citation" target="bib:elleman-1997">',
     '<ref type="citation" target="bib:wikisum-karakhan-manifesto">',
     "wikisum-karakhan-manifesto: cited by a note but not in the works-cited list"),
])
def test_the_complete_work_check_can_fail(edition_copy: Path, file: str, old: str, new: str,
                                          problem: str | None) -> None:
    problems = incomplete_work_problems(doctor(edition_copy, file, old, new))
    if problem is None:  # a web article without its publication date still has its access date
        assert problems == []
    else:
        assert problem in problems
