"""The static DTS 1.0 API (Level 0): every URI its templates can express for the edition's
documents is a file whose response validates against the official schemas, with the right
members; navigation equal to citeStructure; exact passages; several citation trees."""

from __future__ import annotations

import itertools
import json
import shutil
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jsonschema
import pytest
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from uritemplate import URITemplate

from teiedition.citation.dts import DTS_NS, whole_document, write_dts
from teiedition.citation.units import CitationError, citation_model
from teiedition.serve import make_server, url_of
from tests.support import call_xslt, enriched

from .conftest import EDITION, NS, SHARED, replace_in

SCHEMAS = SHARED / "external" / "dts-1.0-schemas"
TEXT = "karakhan-declarations"
TEI_FILE = EDITION / f"{TEXT}.xml"
BASE = "https://karakhan-edition.example.org/dts/"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REGISTERS = ["bibliography", "events", "organisations", "persons", "places", "treaties"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    corpus = enriched(EDITION)
    write_dts(corpus, citation_model(corpus), out)
    return out


@pytest.fixture(scope="module")
def schemas() -> dict[str, jsonschema.Draft202012Validator]:
    resources = []
    contents = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        contents[path.name] = schema
        resource = Resource.from_contents(schema, default_specification=DRAFT202012)
        resources += [(path.name, resource), (schema["$id"], resource)]
    registry: Registry[Any] = Registry().with_resources(resources)
    return {name: jsonschema.Draft202012Validator(schema, registry=registry)
            for name, schema in contents.items()}


def load(site: Path, rel: str) -> dict[str, Any]:
    data = json.loads((site / "dts" / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def citable_ids() -> list[str]:
    """The TEI's citable units, read independently of the library: what the header's
    citeStructure declares for this text, in document order."""
    tree = etree.parse(str(TEI_FILE))
    return [str(el.get(XML_ID)) for el in tree.xpath(
        "//tei:body//*[self::tei:p[@n] or self::tei:figure[@xml:id] or "
        "self::tei:note[@type='editorial']]", namespaces=NS)]


def register_ids(register: str) -> list[str]:
    tree = etree.parse(str(EDITION / "registers" / f"{register}.xml"))
    return [str(e.get(XML_ID)) for e in tree.xpath(
        "//tei:body//*[starts-with(local-name(..), 'list')][@xml:id]", namespaces=NS)]


def expand(template: str, **values: str | int | None) -> str:
    """An RFC 6570 expansion (uritemplate); None leaves a variable undefined."""
    return URITemplate(template).expand(
        {name: str(value) for name, value in values.items() if value is not None})


def local(site: Path, url: str) -> Path:
    """The file a static host serves for ``url``: its path, percent-decoded."""
    assert url.startswith(BASE), url
    return site / "dts" / unquote(url[len(BASE):])


# --------------------------------------------------------------- what the API must answer


@dataclass(frozen=True)
class U:
    """An expected citable unit: identifier, parent, level."""

    id: str
    parent: str | None = None
    level: int = 1


def expected_members(units: list[U], ref: U | None, down: int) -> list[str]:
    """The member list the specification asks for, worked out from each unit's ancestors
    (the library walks children instead)."""
    by_id = {u.id: u for u in units}

    def ancestors(u: U) -> list[str]:
        out = []
        while u.parent is not None:
            out.append(u.parent)
            u = by_id[u.parent]
        return out

    if ref is not None and down == 0:
        return [u.id for u in units if u.parent == ref.parent]
    top = 0 if ref is None else ref.level
    deep = [u.id for u in units if (ref is None or ref.id in ancestors(u))
            and (down == -1 or u.level - top <= down)]
    return ([ref.id] if ref is not None else []) + deep


def check_api(site: Path, expected: dict[str, dict[str | None, list[U]]],
              schemas: dict[str, jsonschema.Draft202012Validator]) -> list[str]:
    """Every expansion of the advertised templates for each resource: a file for each valid
    call, valid and with the right members; no file for an invalid one; no other file.
    ``expected``: resource -> tree (None: the default) -> its units in document order."""
    problems: list[str] = []
    entry = load(site, "index.json")
    root = load(site, "collection.json")
    if sorted(m["@id"] for m in root["member"]) != sorted(expected):
        problems.append(f"collection members {[m['@id'] for m in root['member']]}")
    served: set[Path] = set()
    for ident, trees in expected.items():
        resource = load(site, f"collection/{ident}.json")
        declared = [t.get("identifier") for t in resource["citationTrees"]]
        if declared != list(trees) or (len(trees) > 1) != ("tree" in URITemplate(
                resource["navigation"]).variable_names):
            problems.append(f"{ident}: citation trees {declared}")
        templates = [(entry["navigation"], {"resource": ident}), (resource["navigation"], {})]
        for (template, fixed), (tree, units) in itertools.product(templates, trees.items()):
            depth = max(u.level for u in units) if units else 1
            for ref, down in itertools.product([None, *units], [None, -1, 0, *range(1, depth + 1)]):
                url = expand(template, **fixed, tree=tree, down=down,
                             ref=ref.id if ref else None)
                path = local(site, url)
                call = f"{ident} tree={tree} ref={ref and ref.id} down={down}"
                if ref is None and down in (None, 0):  # a 400 error: nothing to serve
                    if path.exists():
                        problems.append(f"{call}: {path} answers an invalid call")
                        served.add(path)  # reported once
                    continue
                if not path.is_file():
                    problems.append(f"{call}: no file {path}")
                    continue
                served.add(path)
                nav = json.loads(path.read_text(encoding="utf-8"))
                problems += [f"{call}: {e}" for e in
                             errors(schemas["navigation_response.schema.json"], nav)]
                if nav["@id"] != url or nav["resource"]["@id"] != ident:
                    problems.append(f"{call}: @id {nav['@id']}")
                if (nav.get("ref") or {}).get("identifier") != (ref.id if ref else None):
                    problems.append(f"{call}: ref {nav.get('ref')}")
                if down is None:
                    if "member" in nav:
                        problems.append(f"{call}: a member without down")
                    continue
                got = [(m["identifier"], m["parent"], m["level"]) for m in nav["member"]]
                by_id = {u.id: u for u in units}
                want = [(i, by_id[i].parent, by_id[i].level)
                        for i in expected_members(units, ref, down)]
                if got != want:
                    problems.append(f"{call}: member {got} instead of {want}")
            for bad in ({"tree": "no-such-tree", "down": -1}, {"ref": "no-such-ref"}):
                if set(bad) <= URITemplate(template).variable_names and local(
                        site, expand(template, **fixed, **bad)).exists():
                    problems.append(f"{ident}: a file answers {bad}")
    every = set((site / "dts" / "navigation").rglob("*.json"))
    problems += [f"{p} is no expansion of the templates" for p in sorted(every - served)]
    return list(dict.fromkeys(problems))  # both templates name each file


def edition_expected() -> dict[str, dict[str | None, list[U]]]:
    """The edition's documents as their TEI declares them: the article's paragraphs,
    figures and editorial notes, each register's entries; one level, one tree each."""
    return {TEXT: {None: [U(i) for i in citable_ids()]},
            **{r: {None: [U(i) for i in register_ids(r)]} for r in REGISTERS}}


def test_entry_point_advertises_every_parameter_but_start_end(site: Path,
                                                             schemas: Any) -> None:
    entry = load(site, "index.json")
    assert errors(schemas["entry_response.schema.json"], entry) == []
    assert (entry["dtsVersion"], entry["@type"], entry["@context"]) == (
        "1.0", "EntryPoint", "https://dtsapi.org/context/v1.0.json")
    variables = {name: set(URITemplate(entry[name]).variable_names)
                 for name in ("collection", "navigation", "document")}
    assert variables == {"collection": {"id", "nav"},
                         "navigation": {"resource", "tree", "down", "ref"},
                         "document": {"resource", "tree", "ref"}}
    for template in [entry[name] for name in variables] + [
            load(site, f"collection/{d}.json")[k] for d in [TEXT, *REGISTERS]
            for k in ("collection", "navigation", "document")]:
        assert template.startswith(BASE)
        assert not {"start", "end", "page"} & set(URITemplate(template).variable_names)


def test_the_schema_check_can_fail(schemas: Any) -> None:
    bad = {"@id": "x", "@type": "Navigation", "dtsVersion": "1.0",
           "resource": {"@id": "x", "@type": "Resource"}, "member": [{"identifier": "p1"}]}
    found = errors(schemas["navigation_response.schema.json"], bad)
    assert any("citationTrees" in e for e in found)
    assert any("'level' is a required property" in e for e in found)


def test_every_navigation_uri_the_templates_express_is_a_valid_file(site: Path,
                                                                    schemas: Any) -> None:
    assert check_api(site, edition_expected(), schemas) == []
    top = load(site, f"navigation/{TEXT};down=1.json")
    assert [m["identifier"] for m in top["member"]] == citable_ids()
    assert len(top["member"]) == 8 + 2 + 13  # paragraphs, figures, editorial notes
    p3 = next(m for m in top["member"] if m["identifier"] == "p3")
    assert p3 == {"identifier": "p3", "@type": "CitableUnit", "level": 1, "parent": None,
                  "citeType": "paragraph",
                  "@id": "https://karakhan-edition.example.org/karakhan-declarations.html#p3",
                  "dublinCore": {"title": [{"lang": "en", "value": "¶ 3"}]}}


def test_the_api_check_finds_missing_stray_and_wrong_files(site: Path, schemas: Any,
                                                           tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    nav = copy / "dts" / "navigation"
    (nav / f"{TEXT};down=-1" / "p3.json").unlink()
    shutil.copy(nav / f"{TEXT};down=1.json", nav / f"{TEXT}.json")  # answers no ref, no down
    shutil.copy(nav / f"{TEXT};down=1.json", nav / f"{TEXT};down=7.json")
    persons = nav / "persons;down=0" / "karakhan.json"
    data = json.loads(persons.read_text(encoding="utf-8"))
    data["member"] = data["member"][:1]
    persons.write_text(json.dumps(data), encoding="utf-8")
    problems = check_api(copy, edition_expected(), schemas)
    assert any("ref=p3 down=-1: no file" in p for p in problems)
    assert any(f"{TEXT}.json answers an invalid call" in p for p in problems)
    assert any(f"{TEXT};down=7.json is no expansion" in p for p in problems)
    assert any("ref=karakhan down=0: member" in p for p in problems)
    assert len(problems) == 4, problems


def test_collections_by_id_and_nav(site: Path, schemas: Any) -> None:
    entry = load(site, "index.json")
    resources = [TEXT, *REGISTERS]
    for ident, nav in itertools.product([None, "edition", *resources],
                                        [None, "children", "parents"]):
        path = local(site, expand(entry["collection"], id=ident, nav=nav))
        data = json.loads(path.read_text(encoding="utf-8"))
        assert errors(schemas["collection_response.schema.json"], data) == [], path
        assert data["@id"] == ident or "edition"
        members = [m["@id"] for m in data.get("member", [])]
        if ident in resources:
            assert errors(schemas["resource.schema.json"], data) == [], path
            assert data["@type"] == "Resource"
            assert data["totalParents"] == 1
            assert members == (["edition"] if nav == "parents" else [])
            assert path == local(site, expand(data["collection"], nav=nav))
        else:
            assert data["@type"] == "Collection"
            assert data["totalChildren"] == len(resources)
            assert members == ([] if nav == "parents" else resources)  # in path order
    resource = load(site, f"collection/{TEXT}.json")
    assert resource["citationTrees"] == [{"@type": "CitationTree", "citeStructure": [
        {"@type": "CiteStructure", "citeType": t} for t in ("paragraph", "figure", "note")]}]


def test_every_unit_has_a_document_at_its_template(site: Path) -> None:
    entry = load(site, "index.json")
    for ident, refs in [(TEXT, citable_ids()), *((r, register_ids(r)) for r in REGISTERS)]:
        resource = load(site, f"collection/{ident}.json")
        assert "tree" not in URITemplate(resource["document"]).variable_names  # one tree
        for ref in refs:
            path = local(site, expand(entry["document"], resource=ident, ref=ref))
            assert path == local(site, expand(resource["document"], ref=ref))
            assert path.is_file(), ref
        files = {p.relative_to(site / "dts").as_posix()
                 for p in (site / "dts" / "document").rglob("*.xml")
                 if p.relative_to(site / "dts" / "document").parts[0].startswith(ident)}
        assert files == {f"document/{ident}.xml"} | {f"document/{ident}/{r}.xml" for r in refs}
    whole = local(site, expand(entry["document"], resource=TEXT))
    assert whole.read_bytes() == TEI_FILE.read_bytes()


def test_registers_are_resources_whose_units_are_their_entries(site: Path,
                                                               schemas: Any) -> None:
    for register in REGISTERS:
        nav = load(site, f"navigation/{register};down=-1.json")
        assert [m["identifier"] for m in nav["member"]] == register_ids(register), register
        for member in nav["member"]:
            assert member["@id"].endswith(f"/{register}/{member['identifier']}.html"
                                          f"#{member['identifier']}")
    karakhan = load(site, "navigation/persons/karakhan.json")["ref"]
    assert (karakhan["citeType"], karakhan["level"]) == ("person", 1)


def test_each_document_response_holds_exactly_its_passage(site: Path) -> None:
    source = etree.parse(str(TEI_FILE))
    for ref in citable_ids():
        [original] = source.xpath(f"//*[@xml:id='{ref}']")
        response = etree.parse(str(site / "dts" / "document" / TEXT / f"{ref}.xml"))
        root = response.getroot()
        assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"
        [wrapper] = list(root)
        assert wrapper.tag == f"{{{DTS_NS}}}wrapper"
        assert (wrapper.text or "").strip() == ""
        [passage] = list(wrapper)
        assert (passage.tail or "").strip() == ""
        expected = etree.fromstring(etree.tostring(original, with_tail=False))
        # exclusive c14n: the wrapper's dts namespace is in scope but not used by the passage
        assert (etree.tostring(passage, method="c14n", exclusive=True)
                == etree.tostring(expected, method="c14n", exclusive=True)), ref
        assert "".join(passage.itertext()) == "".join(original.itertext())


# ------------------------------------------------ a text with nested units and two trees

def file_desc(title: str) -> str:
    """The fileDesc of the test texts: title, version, publisher, address."""
    return f"""<fileDesc>
      <titleStmt><title>{title}</title></titleStmt>
      <editionStmt><edition n="1.0.0"><date when="2026-01-01">2026</date></edition></editionStmt>
      <publicationStmt><publisher>Test</publisher>
        <idno type="URI">https://karakhan-edition.example.org/</idno></publicationStmt>
      <sourceDesc><p>Made for the test.</p></sourceDesc>
    </fileDesc>"""


NESTED = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    {file_desc("Nested")}
    <encodingDesc>
      <refsDecl n="pages">
        <citeStructure unit="page" match="//body//pb" use="@n"/>
      </refsDecl>
      <refsDecl default="true">
        <citeStructure unit="chapter" match="//body/div" use="@n">
          <citeStructure unit="section" match="div" use="@n" delim=".">
            <citeStructure unit="paragraph" match="p" use="@n" delim="."/>
          </citeStructure>
          <citeStructure unit="paragraph" match="p" use="@n" delim="."/>
        </citeStructure>
      </refsDecl>
      <refsDecl xml:id="flat">
        <citeStructure unit="paragraph" match="//body//p" use="@xml:id"/>
      </refsDecl>
    </encodingDesc>
  </teiHeader>
  <text>
    <body>
      <div n="1">
        <pb n="i"/>
        <div n="1"><p n="1" xml:id="a">One.</p><p n="2" xml:id="b">Two.</p></div>
        <div n="2"><p n="1" xml:id="c">Three.</p></div>
      </div>
      <div n="2">
        <pb n="ii"/>
        <p n="1" xml:id="d">Four.</p>
      </div>
    </body>
  </text>
</TEI>
"""

NESTED_TREES: dict[str | None, list[U]] = {
    None: [U("1"), U("1.1", "1", 2), U("1.1.1", "1.1", 3), U("1.1.2", "1.1", 3),
           U("1.2", "1", 2), U("1.2.1", "1.2", 3), U("2"), U("2.1", "2", 2)],
    "pages": [U("i"), U("ii")],
    "flat": [U("a"), U("b"), U("c"), U("d")],
}


def dts_site(tmp_path_factory: pytest.TempPathFactory, name: str, tei: str) -> Path:
    """The DTS API of an edition of one file, ``<name>.xml`` holding ``tei``."""
    edition = tmp_path_factory.mktemp(name)
    (edition / f"{name}.xml").write_text(tei, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    corpus = enriched(edition)
    write_dts(corpus, citation_model(corpus), out)
    return out


@pytest.fixture(scope="module")
def nested_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dts_site(tmp_path_factory, "nested", NESTED)


def test_several_trees_and_levels_are_expressible(nested_site: Path, schemas: Any) -> None:
    assert check_api(nested_site, {"nested": NESTED_TREES}, schemas) == []
    resource = load(nested_site, "collection/nested.json")
    assert errors(schemas["resource.schema.json"], resource) == []
    trees = resource["citationTrees"]
    assert [t.get("identifier") for t in trees] == [None, "pages", "flat"]
    assert [t["citeType"] for t in trees[0]["citeStructure"][0]["citeStructure"]] == [
        "section", "paragraph"]
    # the spec's three cases, by name
    nav = "navigation/nested"
    assert [m["identifier"] for m in load(nested_site, f"{nav};down=1.json")["member"]] == [
        "1", "2"]
    assert len(load(nested_site, f"{nav};down=-1.json")["member"]) == 8
    assert [m["identifier"] for m in load(nested_site, f"{nav};down=1/1.json")["member"]] == [
        "1", "1.1", "1.2"]
    assert [m["identifier"] for m in
            load(nested_site, f"{nav};tree=pages;down=0/ii.json")["member"]] == ["i", "ii"]


def test_a_unit_of_another_tree_has_its_passage(nested_site: Path) -> None:
    entry = load(nested_site, "index.json")
    resource = load(nested_site, "collection/nested.json")
    for template in (entry["document"], resource["document"]):
        fixed = {"resource": "nested"} if "{resource}" in template else {}
        passage = etree.parse(str(local(nested_site, expand(template, **fixed, tree="flat",
                                                            ref="c"))))
        [p] = passage.getroot()[0]
        assert (p.get(XML_ID), p.text) == ("c", "Three.")
        chapter = etree.parse(str(local(nested_site, expand(template, **fixed, ref="1.2"))))
        assert "".join(chapter.getroot()[0].itertext()) == "Three."
        whole = local(nested_site, expand(template, **fixed, tree="pages"))
        assert whole.read_text(encoding="utf-8") == NESTED  # a tree alone changes nothing


def test_a_reference_used_twice_in_a_tree_is_a_located_error(tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "nested.xml").write_text(NESTED, encoding="utf-8")
    replace_in(edition / "nested.xml", '<pb n="ii"/>', '<pb n="i"/>')
    corpus = enriched(edition)
    with pytest.raises(CitationError, match=r"nested\.xml:\d+:\d+: the reference 'i' of "
                                            r"citation tree 'pages' is used twice"):
        write_dts(corpus, citation_model(corpus), tmp_path / "site")


TREES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><encodingDesc>
  <refsDecl n="first"><citeStructure unit="page" match="//pb" use="@n"/></refsDecl>
  <refsDecl><p>No citeStructure: no tree.</p></refsDecl>
  <refsDecl n="two words"><citeStructure unit="line" match="//lb" use="@n"/></refsDecl>
  <refsDecl n="pages" default="true"><citeStructure unit="p" match="//body//p" use="@n"/></refsDecl>
  <refsDecl n="first"><citeStructure unit="p" match="//body//p" use="@n"/></refsDecl>
  <refsDecl xml:id="named" n="x"><citeStructure unit="p" match="//body//p" use="@n"/></refsDecl>
  <refsDecl n=".."><citeStructure unit="p" match="//body//p" use="@n"/></refsDecl>
</encodingDesc></teiHeader><text><body><p n="1"><pb n="i"/>A<lb n="1"/>B</p></body></text></TEI>"""


def test_the_model_names_each_citation_tree() -> None:
    def call(expression: str) -> str:
        return call_xslt(expression, TREES, ["model/model.xsl"])

    # the default first (@default="true"), then the others in document order
    assert call("f:cite-trees(/) ! string(@n)") == "pages|first|two words|first|x|.."
    # '' for the default; @xml:id; @n when plain and free; else "tree" and the position
    assert call("f:cite-tree-ids(/) ! (if (. eq '') then '-' else .)") == (
        "-|first|tree3|tree4|named|tree6")
    assert call("f:cite-units(/) ! ?ref") == "1"  # the default tree's units
    assert call("f:cite-units(/, f:cite-trees(/)[3]) ! ?unit") == "line"


def test_the_preview_server_types_the_responses(site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)
    (root / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    (root / "other.json").write_text("{}", encoding="utf-8")
    server = make_server(root, 0, quiet=True)
    try:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        for path, kind in ((f"dts/navigation/{TEXT};down=1.json", "application/ld+json"),
                           (f"dts/document/{TEXT}/p3.xml", "application/tei+xml"),
                           ("other.json", "application/json")):
            with urllib.request.urlopen(url_of(server) + quote(path, safe="/;=")) as response:
                assert response.headers["Content-Type"] == kind, path
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------ the TEI of a teiCorpus

def _corpus_tei(title: str, lang: str, sections: str) -> str:
    lang_attr = f' xml:lang="{lang}"' if lang else ""
    return f"""<TEI{lang_attr}>
    <teiHeader>
      {file_desc(title)}
      <encodingDesc>
        <refsDecl><citeStructure unit="section" match="//body/div" use="@n"/></refsDecl>
      </encodingDesc>
    </teiHeader>
    <text><body>{sections}</body></text>
  </TEI>"""


CORPUS = f"""<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Letters</title></titleStmt>
      <publicationStmt><p>The corpus's own header.</p></publicationStmt>
      <sourceDesc><p>Made for the test.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  {_corpus_tei("First letter", "",
               '<div n="1"><p>Erster Brief, eins.</p></div><div n="2"><p>Erster, zwei.</p></div>')}
  {_corpus_tei("Second letter", "fr",
               '<div n="1"><p>Deuxième lettre, un.</p></div><div n="2"><p>Deux.</p></div>')}
</teiCorpus>
"""


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dts_site(tmp_path_factory, "letters", CORPUS)


def test_the_tei_of_a_corpus_is_a_document_of_its_own(corpus_site: Path,
                                                       schemas: Any) -> None:
    """Each TEI of a teiCorpus is a resource whose document is that TEI alone (without
    the corpus's header, with the language it inherits) and whose passages are its own."""
    sections = [U("1"), U("2")]
    assert check_api(corpus_site, {"letters-1": {None: sections},
                                   "letters-2": {None: sections}}, schemas) == []
    source = etree.fromstring(CORPUS.encode("utf-8"))
    parts = source.findall("tei:TEI", NS)
    for ident, part, lang in (("letters-1", parts[0], "de"), ("letters-2", parts[1], "fr")):
        resource = load(corpus_site, f"collection/{ident}.json")
        assert errors(schemas["resource.schema.json"], resource) == []
        assert resource["download"] == BASE + f"document/{ident}.xml"
        whole = etree.parse(str(corpus_site / "dts" / "document" / f"{ident}.xml")).getroot()
        assert whole.tag == "{http://www.tei-c.org/ns/1.0}TEI"
        assert whole.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert whole.findtext("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title",
                              namespaces=NS) == part.findtext(
            "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", namespaces=NS)
        assert "".join(whole.itertext()) == "".join(part.itertext())
        assert "Letters" not in "".join(whole.itertext())
        assert "xml:base" not in etree.tostring(whole, encoding="unicode")
        for n in ("1", "2"):
            [expected] = part.xpath(f"tei:text/tei:body/tei:div[@n='{n}']", namespaces=NS)
            passage = etree.parse(str(corpus_site / "dts" / "document" / ident / f"{n}.xml"))
            [div] = passage.getroot()[0]
            assert "".join(div.itertext()) == "".join(expected.itertext()), (ident, n)


def test_a_single_tei_keeps_its_file_as_document(site: Path) -> None:
    """The negative control: a document that is a whole file is served byte for byte, and
    downloaded from tei/."""
    assert (site / "dts" / "document" / f"{TEXT}.xml").read_bytes() == TEI_FILE.read_bytes()
    assert load(site, f"collection/{TEXT}.json")["download"] == (
        "https://karakhan-edition.example.org/tei/" + f"{TEXT}.xml")


def test_the_tei_of_a_corpus_names_the_configured_address(tmp_path: Path) -> None:
    (tmp_path / "letters.xml").write_text(CORPUS, encoding="utf-8")
    second = enriched(tmp_path).documents[1]
    assert second.id == "letters-2"
    moved = whole_document(second, "https://letters.example.net/").decode("utf-8")
    assert "<idno type=\"URI\">https://letters.example.net/</idno>" in moved
    assert "karakhan-edition" not in moved and "Deuxième lettre" in moved
    assert "Erster Brief" not in moved
