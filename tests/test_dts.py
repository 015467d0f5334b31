"""The static DTS 1.0 API: schemas, navigation = citeStructure, passages exact."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from teiedition.citation.dts import DTS_NS, write_dts
from teiedition.citation.units import citation_model
from tests.support import enriched

from .conftest import EDITION, NS, SHARED

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


def expand(template: str, **values: str) -> str:
    """RFC 6570 level-3 subset used by the static API: {var} and {/var}; unset -> empty."""
    def one(m: re.Match[str]) -> str:
        op, name = m.group(1), m.group(2)
        value = values.get(name)
        if value is None:
            return ""
        return ("/" if op == "/" else "") + value
    return re.sub(r"\{(/?)(\w+)\}", one, template)


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return site / "dts" / url[len(BASE):]


def test_entry_point(site: Path, schemas: Any) -> None:
    entry = load(site, "index.json")
    assert errors(schemas["entry_response.schema.json"], entry) == []
    assert entry["dtsVersion"] == "1.0"
    assert entry["@type"] == "EntryPoint"
    assert entry["@context"] == "https://dtsapi.org/context/v1.0.json"
    assert entry["navigation"] == BASE + "navigation/{resource}{/ref}.json"


def test_the_schema_check_can_fail(schemas: Any) -> None:
    bad = {"@id": "x", "@type": "Navigation", "dtsVersion": "1.0",
           "resource": {"@id": "x", "@type": "Resource"}, "member": [{"identifier": "p1"}]}
    found = errors(schemas["navigation_response.schema.json"], bad)
    assert any("citationTrees" in e for e in found)
    assert any("'level' is a required property" in e for e in found)


def test_collections(site: Path, schemas: Any) -> None:
    root = load(site, "collection.json")
    assert root == load(site, "collection/edition.json")
    assert errors(schemas["collection_response.schema.json"], root) == []
    assert root["@type"] == "Collection"
    assert [m["@id"] for m in root["member"]] == [TEXT, *REGISTERS]  # in path order
    assert root["totalChildren"] == 1 + len(REGISTERS)
    resource = load(site, f"collection/{TEXT}.json")
    assert errors(schemas["collection_response.schema.json"], resource) == []
    assert errors(schemas["resource.schema.json"], resource) == []
    assert resource["@type"] == "Resource"
    assert resource["citationTrees"][0]["citeStructure"] == [
        {"@type": "CiteStructure", "citeType": t} for t in ("paragraph", "figure", "note")]
    entry = load(site, "index.json")
    assert local(site, expand(entry["collection"])).is_file()
    assert local(site, expand(entry["collection"], id=TEXT)).is_file()
    assert local(site, expand(entry["collection"], id=root["@id"])).is_file()


def test_navigation_lists_exactly_the_citable_units(site: Path, schemas: Any) -> None:
    nav = load(site, f"navigation/{TEXT}.json")
    assert errors(schemas["navigation_response.schema.json"], nav) == []
    assert [m["identifier"] for m in nav["member"]] == citable_ids()
    assert len(nav["member"]) == 8 + 2 + 13  # paragraphs, figures, editorial notes
    p3 = next(m for m in nav["member"] if m["identifier"] == "p3")
    assert p3 == {"identifier": "p3", "@type": "CitableUnit", "level": 1, "parent": None,
                  "citeType": "paragraph",
                  "@id": "https://karakhan-edition.example.org/karakhan-declarations.html#p3",
                  "dublinCore": {"title": [{"lang": "en", "value": "¶ 3"}]}}
    assert nav["@id"] == BASE + f"navigation/{TEXT}.json"


def test_every_unit_has_navigation_and_document_at_its_template(site: Path,
                                                                schemas: Any) -> None:
    entry = load(site, "index.json")
    resource = load(site, f"collection/{TEXT}.json")
    for ref in citable_ids():
        nav_path = local(site, expand(entry["navigation"], resource=TEXT, ref=ref))
        assert nav_path == local(site, expand(resource["navigation"], ref=ref))
        nav = json.loads(nav_path.read_text(encoding="utf-8"))
        assert errors(schemas["navigation_response.schema.json"], nav) == [], ref
        assert errors(schemas["citable_unit.schema.json"], nav["ref"]) == []
        assert nav["ref"]["identifier"] == ref
        assert "member" not in nav  # a ref without `down`
        doc_path = local(site, expand(entry["document"], resource=TEXT, ref=ref))
        assert doc_path == local(site, expand(resource["document"], ref=ref))
        assert doc_path.is_file(), ref
    whole = local(site, expand(entry["document"], resource=TEXT))
    assert whole.read_bytes() == TEI_FILE.read_bytes()
    files = {p.relative_to(site / "dts").as_posix() for p in (site / "dts").rglob("*.*")}
    assert {f for f in files if f.startswith(f"document/{TEXT}")} == (
        {f"document/{TEXT}.xml"} | {f"document/{TEXT}/{r}.xml" for r in citable_ids()})


def test_registers_are_resources_whose_units_are_their_entries(site: Path,
                                                               schemas: Any) -> None:
    for register in REGISTERS:
        resource = load(site, f"collection/{register}.json")
        assert errors(schemas["resource.schema.json"], resource) == [], register
        nav = load(site, f"navigation/{register}.json")
        assert errors(schemas["navigation_response.schema.json"], nav) == [], register
        tree = etree.parse(str(EDITION / "registers" / f"{register}.xml"))
        entries = [str(e.get(XML_ID)) for e in tree.xpath(
            "//tei:body//*[starts-with(local-name(..), 'list')][@xml:id]", namespaces=NS)]
        assert [m["identifier"] for m in nav["member"]] == entries, register
        for member in nav["member"]:
            assert member["@id"].endswith(f"/{register}/{member['identifier']}.html"
                                          f"#{member['identifier']}")
            assert (site / "dts" / "document" / register / f"{member['identifier']}.xml").is_file()
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
