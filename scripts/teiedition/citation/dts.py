"""A static DTS 1.0 API (Level 0: generated files) under the site's ``dts/``.

Layout, with path-style RFC 6570 URI templates that a static host serves as files::

    dts/index.json                              entry point
    dts/collection.json                         root collection (no id)
    dts/collection/<id>.json                    root collection by id, one Resource per
                                                text and per register
    dts/navigation/<doc>.json                   the whole citation tree (as down=-1)
    dts/navigation/<doc>/<ref>.json             one citable unit (ref, no member)
    dts/document/<doc>.xml                      the whole TEI document
    dts/document/<doc>/<ref>.xml                the passage in <dts:wrapper>

Templates: ``collection{/id}.json``, ``navigation/{resource}{/ref}.json`` and
``document/{resource}{/ref}.xml`` under ``<canonical URI>dts/``. Resource ids are the
documents' site ids (file stems), as the DTS specification advises for path templates. The
citation tree is what stage 05 marked: a text's units from its ``refsDecl/citeStructure``,
a register's entries (one level, typed by kind): the same units as ``citations.json``.
The responses are built as Python dicts and serialised with :mod:`json`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from teiedition.citation.units import CitationModel, EditionInfo, published_source
from teiedition.xmlio import NS, SITE_NS, TEI_NS, XML_NS

if TYPE_CHECKING:
    from teiedition.build.corpus import Document, EnrichedCorpus

DTS_NS = "https://w3id.org/api/dts#"
DTS_CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
ROOT_COLLECTION = "edition"
MEDIA_TYPE = "application/tei+xml"


class Api:
    """The URLs of one static DTS API rooted at ``<base_uri>dts/``."""

    def __init__(self, base_uri: str) -> None:
        self.site = base_uri
        self.base = base_uri + "dts/"

    @property
    def entry(self) -> str:
        return self.base

    def collection_template(self) -> str:
        return self.base + "collection{/id}.json"

    def navigation_template(self, resource: str | None = None) -> str:
        return self.base + "navigation/" + (resource or "{resource}") + "{/ref}.json"

    def document_template(self, resource: str | None = None) -> str:
        return self.base + "document/" + (resource or "{resource}") + "{/ref}.xml"

    def collection(self, ident: str | None = None) -> str:
        return self.base + ("collection.json" if ident is None else f"collection/{ident}.json")

    def navigation(self, resource: str, ref: str | None = None) -> str:
        return self.base + f"navigation/{resource}" + (f"/{ref}" if ref else "") + ".json"

    def document(self, resource: str, ref: str | None = None) -> str:
        return self.base + f"document/{resource}" + (f"/{ref}" if ref else "") + ".xml"


@dataclass(frozen=True)
class Unit:
    """A citable unit of a text, as stage 05 marked it."""

    element: etree._Element  # in the enriched corpus
    identifier: str
    unit: str
    level: int
    parent: str | None
    #: A register entry's own page (site-relative); None for a text's units.
    page: str | None = None


def _k(name: str) -> str:
    return f"{{{SITE_NS}}}{name}"


def units_of(doc: Document) -> list[Unit]:
    """The citable units of a document in document order: a text's ``@k:cite`` marks (its
    citeStructure), a register's ``@k:entry`` marks (its entries, one level deep)."""
    if doc.kind == "register":
        return [Unit(el, el.get(f"{{{XML_NS}}}id") or "", el.get(_k("kind")) or "entry", 1,
                     None, el.get(_k("page")))
                for el in doc.tei.iter(etree.Element) if el.get(_k("entry")) is not None]
    return [Unit(el, el.get(_k("cite")) or "", el.get(_k("cite-unit")) or "unit",
                 int(el.get(_k("cite-level")) or 1), el.get(_k("cite-parent")))
            for el in doc.tei.iter(etree.Element) if el.get(_k("cite")) is not None]


def _tree(doc: Document, units: list[Unit]) -> list[dict[str, Any]]:
    """The citation tree of a document: a text's citeStructure declarations; for a
    register, one level per kind of entry."""
    if doc.kind == "register":
        kinds = list(dict.fromkeys(u.unit for u in units))
        return [{"@type": "CiteStructure", "citeType": kind} for kind in kinds]
    return [s for refs in doc.tei.iterfind("tei:teiHeader/tei:encodingDesc/tei:refsDecl", NS)
            for s in _cite_structure(refs)]


def _cite_structure(parent: etree._Element) -> list[dict[str, Any]]:
    """The citeStructure declarations under ``parent`` as DTS CiteStructure objects."""
    out: list[dict[str, Any]] = []
    for decl in parent.iterfind("tei:citeStructure", NS):
        item: dict[str, Any] = {"@type": "CiteStructure", "citeType": decl.get("unit") or "unit"}
        children = _cite_structure(decl)
        if children:
            item["citeStructure"] = children
        out.append(item)
    return out


def resource(api: Api, text: Document, info: EditionInfo, units: list[Unit]
             ) -> dict[str, Any]:
    """The Resource object of one text (used in collection and navigation responses)."""
    return {
        "@id": info.text,
        "@type": "Resource",
        "title": info.title,
        "totalParents": 1,
        "totalChildren": 0,
        "dublinCore": {
            "title": [{"lang": info.language, "value": info.title}],
            "publisher": [info.publisher],
            "date": info.date,
            "language": [info.language],
            **({"license": info.licence} if info.licence else {}),
        },
        "collection": api.collection(info.text),
        "navigation": api.navigation_template(info.text),
        "document": api.document_template(info.text),
        "download": api.site + "tei/" + text.path,
        "mediaTypes": [MEDIA_TYPE],
        "citationTrees": [{
            "@type": "CitationTree",
            "citeStructure": _tree(text, units),
        }],
    }


def citable_unit(match: Unit, info: EditionInfo) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "identifier": match.identifier,
        "@type": "CitableUnit",
        "level": match.level,
        "parent": match.parent,
        "citeType": match.unit,
        "@id": (info.base_uri + match.page if match.page else info.url) + f"#{match.identifier}",
    }
    n = match.element.get("n")
    if match.unit == "paragraph" and n:
        unit["dublinCore"] = {"title": [{"lang": info.language, "value": f"¶ {n}"}]}
    return unit


def _register_info(register: Document, edition: EditionInfo) -> EditionInfo:
    """A register described as a resource: the edition's metadata with the register's own
    title and site id."""
    title = " ".join((register.tei.findtext(
        "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", default="", namespaces=NS)).split())
    return dataclasses.replace(edition, title=title or register.id, text=register.id)


def _response(kind: str, ident: str) -> dict[str, Any]:
    return {"@context": DTS_CONTEXT, "dtsVersion": DTS_VERSION, "@id": ident, "@type": kind}


def passage_document(element: etree._Element) -> bytes:
    """A TEI document holding exactly one passage in ``<dts:wrapper>``."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    passage = copy.deepcopy(element)
    passage.tail = None
    wrapper.append(passage)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _write_json(path: Path, data: dict[str, Any], written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(path)


def _write_bytes(path: Path, data: bytes, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(path)


def write_dts(corpus: EnrichedCorpus, model: CitationModel, out_dir: Path,
              base_url: str | None = None) -> list[Path]:
    """Write the static DTS API for every text under ``out_dir/dts/``; return the files.
    With ``base_url`` (the project's), the documents name it as their address
    (:func:`teiedition.citation.units.published_source`)."""
    infos = {info.text: info for info in model.editions}
    first = model.edition
    api = Api(first.base_uri)
    dts_dir = out_dir / "dts"
    written: list[Path] = []

    entry = _response("EntryPoint", api.entry)
    entry.update(collection=api.collection_template(), navigation=api.navigation_template(),
                 document=api.document_template())
    _write_json(dts_dir / "index.json", entry, written)

    resources = []
    for text in corpus.documents:
        info = infos.get(text.id) if text.kind == "text" else _register_info(text, first)
        if info is None:
            continue
        units = units_of(text)
        res = resource(api, text, info, units)
        resources.append(res)
        _write_json(dts_dir / "collection" / f"{info.text}.json",
                    {**_response("Resource", info.text), **res}, written)
        tree = _response("Navigation", api.navigation(info.text))
        tree.update(resource=res, member=[citable_unit(m, info) for m in units])
        _write_json(dts_dir / "navigation" / f"{info.text}.json", tree, written)
        for m in units:
            nav = _response("Navigation", api.navigation(info.text, m.identifier))
            nav.update(resource=res, ref=citable_unit(m, info))
            _write_json(dts_dir / "navigation" / info.text / f"{m.identifier}.json", nav,
                        written)
            _write_bytes(dts_dir / "document" / info.text / f"{m.identifier}.xml",
                         passage_document(text.source_element(m.element)), written)
        _write_bytes(dts_dir / "document" / f"{info.text}.xml",
                     published_source(text.source.data, text.source.root, base_url), written)

    root = _response("Collection", ROOT_COLLECTION)
    root.update(
        title=first.publisher,
        description=f"Texts and registers of the {first.publisher}, each with its "
                    "citation tree.",
        totalParents=0, totalChildren=len(resources), collection=api.collection_template(),
        member=resources)
    for path in (dts_dir / "collection.json", dts_dir / "collection" / f"{ROOT_COLLECTION}.json"):
        _write_json(path, root, written)
    return written
