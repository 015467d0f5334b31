"""A static DTS 1.0 API (Level 0: generated files) under the site's ``dts/`` (issue 6).

Layout, with path-style RFC 6570 URI templates that a static host serves as files::

    dts/index.json                              entry point
    dts/collection.json                         root collection (no id)
    dts/collection/<id>.json                    root collection by id, one Resource per text
    dts/navigation/<text>.json                  the whole citation tree (as down=-1)
    dts/navigation/<text>/<ref>.json            one citable unit (ref, no member)
    dts/document/<text>.xml                     the whole TEI text
    dts/document/<text>/<ref>.xml               the passage in <dts:wrapper>

Templates: ``collection{/id}.json``, ``navigation/{resource}{/ref}.json`` and
``document/{resource}{/ref}.xml`` under ``<canonical URI>dts/``. Resource ids are the texts'
site ids (file stems), as the DTS specification advises for path templates. The citation
tree is derived from each text's ``refsDecl/citeStructure`` (:func:`citation.cite_matches`).
The responses are built as Python dicts and serialised with :mod:`json`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from .citation import (
    CiteMatch,
    CiteStructureDecl,
    EditionInfo,
    cite_matches,
    cite_structures,
    edition_dir_of,
    edition_info,
    split_sources,
)
from .xmlio import TEI_NS, SourceDocument

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


def _cite_structure(decls: Sequence[CiteStructureDecl]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for decl in decls:
        item: dict[str, Any] = {"@type": "CiteStructure", "citeType": decl.unit}
        if decl.children:
            item["citeStructure"] = _cite_structure(decl.children)
        out.append(item)
    return out


def resource(api: Api, doc: SourceDocument, info: EditionInfo, source: str
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
        "download": api.site + "tei/" + source,
        "mediaTypes": [MEDIA_TYPE],
        "citationTrees": [{
            "@type": "CitationTree",
            "citeStructure": _cite_structure(cite_structures(doc)),
        }],
    }


def citable_unit(match: CiteMatch, info: EditionInfo) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "identifier": match.identifier,
        "@type": "CitableUnit",
        "level": match.level,
        "parent": match.parent,
        "citeType": match.unit,
        "@id": f"{info.url}#{match.identifier}",
    }
    n = match.element.get("n")
    if match.unit == "paragraph" and n:
        unit["dublinCore"] = {"title": [{"lang": info.language, "value": f"¶ {n}"}]}
    return unit


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


def write_dts(docs: Sequence[SourceDocument], out_dir: Path, *,
              edition_dir: Path | None = None) -> list[Path]:
    """Write the static DTS API for every text under ``out_dir/dts/``; return the files."""
    base_dir = edition_dir if edition_dir is not None else edition_dir_of(docs)
    texts, _registers = split_sources(docs, base_dir)
    infos = [edition_info(doc) for doc in texts]
    api = Api(infos[0].base_uri)
    dts_dir = out_dir / "dts"
    written: list[Path] = []
    root_dir = base_dir.resolve()

    entry = _response("EntryPoint", api.entry)
    entry.update(collection=api.collection_template(), navigation=api.navigation_template(),
                 document=api.document_template())
    _write_json(dts_dir / "index.json", entry, written)

    resources = []
    for doc, info in zip(texts, infos, strict=True):
        source = doc.path.resolve().relative_to(root_dir).as_posix()
        res = resource(api, doc, info, source)
        resources.append(res)
        _write_json(dts_dir / "collection" / f"{info.text}.json",
                    {**_response("Resource", info.text), **res}, written)
        matches = cite_matches(doc)
        tree = _response("Navigation", api.navigation(info.text))
        tree.update(resource=res, member=[citable_unit(m, info) for m in matches])
        _write_json(dts_dir / "navigation" / f"{info.text}.json", tree, written)
        for m in matches:
            nav = _response("Navigation", api.navigation(info.text, m.identifier))
            nav.update(resource=res, ref=citable_unit(m, info))
            _write_json(dts_dir / "navigation" / info.text / f"{m.identifier}.json", nav,
                        written)
            _write_bytes(dts_dir / "document" / info.text / f"{m.identifier}.xml",
                         passage_document(m.element), written)
        _write_bytes(dts_dir / "document" / f"{info.text}.xml", doc.data, written)

    root = _response("Collection", ROOT_COLLECTION)
    root.update(
        title=infos[0].publisher,
        description=f"Texts of the {infos[0].publisher}, each with its citation tree.",
        totalParents=0, totalChildren=len(resources), collection=api.collection_template(),
        member=resources)
    for path in (dts_dir / "collection.json", dts_dir / "collection" / f"{ROOT_COLLECTION}.json"):
        _write_json(path, root, written)
    return written
