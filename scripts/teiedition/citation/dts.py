"""A static DTS 1.0 API (Level 0: generated files) under the site's ``dts/``.

Every endpoint is advertised with an RFC 6570 URI template whose expansions are plain
paths: optional parameters are path-style parameters (``{;tree,down}``, ``{;nav}``), which
name themselves, so present and absent are told apart; the reference is a path segment
(``{/ref}``). A static host maps each expansion to one file (the path, percent-decoded)::

    dts/index.json                               entry point
    collection{/id}{;nav}.json                   collection.json, collection/edition.json,
                                                 collection/<doc>.json, …;nav=parents.json
    navigation/{resource}{;tree,down}{/ref}.json navigation/<doc>;down=1.json,
                                                 navigation/<doc>/<ref>.json,
                                                 navigation/<doc>;down=-1/<ref>.json, …
    document/{resource}{;tree}{/ref}.xml         document/<doc>.xml, document/<doc>/<ref>.xml

A file is written for every valid call these templates can express: for each document
(text or register), each citation tree, each reference and no reference, ``down`` absent,
``-1``, ``0`` (with a reference) and each depth from 1 to the depth of the tree. What the
specification makes an error has no file, so a static host answers it with 404: no
``ref`` and no ``down``, ``down=0`` without ``ref``, an unknown ``ref`` or ``tree``, and
``down`` deeper than the tree (``down=-1`` answers that). ``start``/``end`` (which Level 0
may leave out), ``page`` (nothing is paginated) and ``mediaType`` (TEI only, the default)
are not in the templates.

Resource ids are the documents' site ids (file stems; ``<file>-1``, ``-2`` … for the TEI
of a ``teiCorpus``). The document of such a TEI, and its ``download``, is that TEI alone
(:func:`whole_document`), its passages are taken from it. A text's citation trees are what
stage 05 marked from its ``refsDecl/citeStructure`` (``@k:cite`` for the default tree,
``@k:cites`` for the others, ``@k:cite-tree`` on each ``refsDecl``); a register has one
tree: its entries, one level, typed by kind. The responses are built as Python dicts and
serialised with :mod:`json`; the templates are expanded with :mod:`uritemplate`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from lxml import etree
from uritemplate import URITemplate

from teiedition.citation.units import (
    CitationError,
    CitationModel,
    EditionInfo,
    published_source,
)
from teiedition.files import write_over
from teiedition.xmlio import NS, SITE_NS, TEI_NS, XML_NS

if TYPE_CHECKING:
    from teiedition.build.corpus import Document, EnrichedCorpus

DTS_NS = "https://w3id.org/api/dts#"
DTS_CONTEXT = "https://dtsapi.org/context/v1.0.json"
DTS_VERSION = "1.0"
ROOT_COLLECTION = "edition"
MEDIA_TYPE = "application/tei+xml"

#: The endpoints' templates, relative to the API's base (``<canonical URI>dts/``).
COLLECTION_TEMPLATE = "collection{/id}{;nav}.json"
NAVIGATION_TEMPLATE = "navigation/{resource}{;tree,down}{/ref}.json"
DOCUMENT_TEMPLATE = "document/{resource}{;tree}{/ref}.xml"


def _segment(value: str) -> str:
    """A value as RFC 6570 simple expansion writes it: everything but unreserved
    characters percent-encoded."""
    return quote(value, safe="")


class Api:
    """The URLs of one static DTS API rooted at ``<base_uri>dts/``, and the file each
    URL is served from."""

    def __init__(self, base_uri: str) -> None:
        self.site = base_uri
        self.base = base_uri + "dts/"

    @property
    def entry(self) -> str:
        return self.base

    def collection_template(self, ident: str | None = None) -> str:
        if ident is None:
            return self.base + COLLECTION_TEMPLATE
        return self.base + f"collection/{_segment(ident)}{{;nav}}.json"

    def navigation_template(self, resource: str | None = None, trees: bool = True) -> str:
        if resource is None:
            return self.base + NAVIGATION_TEMPLATE
        params = "{;tree,down}" if trees else "{;down}"
        return self.base + f"navigation/{_segment(resource)}{params}{{/ref}}.json"

    def document_template(self, resource: str | None = None, trees: bool = True) -> str:
        if resource is None:
            return self.base + DOCUMENT_TEMPLATE
        params = "{;tree}" if trees else ""
        return self.base + f"document/{_segment(resource)}{params}{{/ref}}.xml"

    def collection(self, ident: str | None = None, nav: str | None = None) -> str:
        return _expand(self.collection_template(), id=ident, nav=nav)

    def navigation(self, resource: str, ref: str | None = None, down: int | None = None,
                   tree: str | None = None) -> str:
        return _expand(self.navigation_template(), resource=resource, ref=ref,
                       down=None if down is None else str(down), tree=tree)

    def document(self, resource: str, ref: str | None = None, tree: str | None = None) -> str:
        return _expand(self.document_template(), resource=resource, ref=ref, tree=tree)

    def file(self, url: str) -> Path:
        """The file, relative to the API's folder, that a static host serves for ``url``:
        its path after the base, percent-decoded."""
        if not url.startswith(self.base):
            raise ValueError(f"{url} is not under {self.base}")
        return Path(unquote(url[len(self.base):]))


def _expand(template: str, **values: str | None) -> str:
    return _template(template).expand({k: v for k, v in values.items() if v is not None})


@cache
def _template(template: str) -> URITemplate:
    """A URI template parsed once (the API's few templates are expanded for every file)."""
    return URITemplate(template)


@dataclass(frozen=True)
class Unit:
    """A citable unit of a document in one of its citation trees."""

    element: etree._Element  # in the enriched corpus
    identifier: str
    unit: str
    level: int
    parent: str | None
    #: A register entry's own page (site-relative); None for a text's units.
    page: str | None = None


@dataclass
class Tree:
    """One citation tree of a document: its identifier (None for the default tree), its
    declaration as DTS CiteStructure objects and its units in document order."""

    identifier: str | None
    structure: list[dict[str, Any]]
    units: list[Unit] = field(default_factory=list)

    @property
    def depth(self) -> int:
        """The depth the tree has: the deeper of its declaration and its units (at least
        1, so that ``down=1`` is always answered)."""
        return max(1, _depth(self.structure), *(u.level for u in self.units))

    @cached_property
    def _children(self) -> dict[str | None, list[Unit]]:
        out: dict[str | None, list[Unit]] = {}
        for unit in self.units:
            out.setdefault(unit.parent, []).append(unit)
        return out

    def children(self, parent: str | None) -> list[Unit]:
        return self._children.get(parent, [])

    def subtree(self, top: Unit | None, down: int) -> list[Unit]:
        """``top`` (None: the root) and its descendants down to ``down`` levels below it
        (-1: all), in document order."""
        base = top.level if top is not None else 0
        out: list[Unit] = [top] if top is not None else []

        def walk(parent: str | None) -> None:
            for child in self.children(parent):
                if down == -1 or child.level - base <= down:
                    out.append(child)
                    walk(child.identifier)

        walk(top.identifier if top is not None else None)
        return out

    def members(self, ref: Unit | None, down: int) -> list[Unit]:
        """The ``member`` array of a navigation request (``down`` given)."""
        if down == 0 and ref is not None:
            return self.children(ref.parent)
        return self.subtree(ref, down)


def _depth(structure: list[dict[str, Any]]) -> int:
    return max((1 + _depth(s.get("citeStructure", [])) for s in structure), default=0)


def _k(name: str) -> str:
    return f"{{{SITE_NS}}}{name}"


def units_of(doc: Document) -> list[Unit]:
    """The units of a document's default citation tree in document order: a text's
    ``@k:cite`` marks (its citeStructure), a register's ``@k:entry`` marks (its entries,
    one level deep)."""
    if doc.kind == "register":
        return [Unit(el, el.get(f"{{{XML_NS}}}id") or "", el.get(_k("kind")) or "entry", 1,
                     None, el.get(_k("page")))
                for el in doc.tei.iter(etree.Element) if el.get(_k("entry")) is not None]
    return [Unit(el, el.get(_k("cite")) or "", el.get(_k("cite-unit")) or "unit",
                 int(el.get(_k("cite-level")) or 1), el.get(_k("cite-parent")))
            for el in doc.tei.iter(etree.Element) if el.get(_k("cite")) is not None]


def trees_of(doc: Document) -> list[Tree]:
    """A document's citation trees, the default first. A register has one (its entries,
    one level per kind of entry); a text one per ``refsDecl`` with citeStructure, or none."""
    default = units_of(doc)
    if doc.kind == "register":
        kinds = list(dict.fromkeys(u.unit for u in default))
        return [Tree(None, [{"@type": "CiteStructure", "citeType": kind} for kind in kinds],
                     default)]
    declared: dict[str, list[dict[str, Any]]] = {}
    for decl in doc.tei.iterfind("tei:teiHeader/tei:encodingDesc/tei:refsDecl", NS):
        ident = decl.get(_k("cite-tree"))
        if ident is not None:
            declared[ident] = _cite_structure(decl)
    if not declared:
        return []
    units: dict[str, list[Unit]] = {ident: [] for ident in declared}
    units[""] = default
    for el in doc.tei.iter(etree.Element):
        for mark in json.loads(el.get(_k("cites")) or "[]"):
            units[mark["tree"]].append(Unit(
                el, str(mark["ref"]), str(mark["unit"]), int(mark["level"]),
                str(mark["parent"]) or None))
    ordered = [Tree(ident or None, declared.get(ident, []), found)
               for ident, found in sorted(units.items(), key=lambda item: item[0] != "")]
    for tree in ordered:
        _check(doc, tree)
    return ordered


def _check(doc: Document, tree: Tree) -> None:
    """Each reference names one unit of its tree and can be one path segment."""
    seen: set[str] = set()
    for unit in tree.units:
        bad = ("is used twice in its citation tree" if unit.identifier in seen
               else "cannot be a path segment of the DTS API"
               if "/" in unit.identifier or unit.identifier in ("", ".", "..") else "")
        if bad:
            line, column = doc.position(unit.element)
            where = f" '{tree.identifier}'" if tree.identifier else ""
            raise CitationError(f"{doc.source.display}:{line}:{column}: the reference "
                                f"'{unit.identifier}' of citation tree{where} {bad}")
        seen.add(unit.identifier)


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


def resource(api: Api, text: Document, info: EditionInfo, trees: list[Tree]
             ) -> dict[str, Any]:
    """The Resource object of one document (used in collection and navigation responses)."""
    many = len(trees) > 1
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
        "collection": api.collection_template(info.text),
        "navigation": api.navigation_template(info.text, trees=many),
        "document": api.document_template(info.text, trees=many),
        "download": _download(api, text),
        "mediaTypes": [MEDIA_TYPE],
        "citationTrees": [{
            "@type": "CitationTree",
            **({"identifier": tree.identifier} if tree.identifier else {}),
            "citeStructure": tree.structure,
        } for tree in trees],
    }


def citable_unit(match: Unit, info: EditionInfo) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "identifier": match.identifier,
        "@type": "CitableUnit",
        "level": match.level,
        "parent": match.parent,
        "citeType": match.unit,
    }
    anchor = match.element.get(f"{{{XML_NS}}}id")
    if anchor:  # the unit's place on its page
        unit["@id"] = (info.base_uri + match.page if match.page else info.url) + f"#{anchor}"
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


def whole_document(doc: Document, base_url: str | None = None) -> bytes:
    """What ``document/<id>.xml`` serves: the document's source file as the site publishes
    it (:func:`teiedition.citation.units.published_source`); for a TEI of a ``teiCorpus``,
    that TEI alone (:func:`teiedition.build.corpus.standalone_part`), its address replaced
    as in the file: the one its own header names, else its corpus's."""
    from teiedition.build.corpus import standalone_part

    tei, root = doc.source_tei, doc.source.root
    if tei is root:
        return published_source(doc.source.data, root, base_url)
    named = tei.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type='URI']", NS)
    return published_source(standalone_part(tei), tei if named is not None else root,
                            base_url)


def _download(api: Api, text: Document) -> str:
    """A document's download link: its file under ``tei/``; for a TEI of a teiCorpus, its
    own TEI (the DTS document), not the corpus file."""
    if text.source_tei is text.source.root:
        return api.site + "tei/" + text.path
    return api.document(text.id)


def passage_document(element: etree._Element) -> bytes:
    """A TEI document holding exactly one passage in ``<dts:wrapper>``."""
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})  # type: ignore[dict-item]
    wrapper = etree.SubElement(root, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    passage = copy.deepcopy(element)
    passage.tail = None
    wrapper.append(passage)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


#: A ``down=0`` call answers a unit with all its siblings, so a level of n units needs n
#: files of n members each. Levels with more units than this (a register of thousands of
#: persons) get no ``down=0`` files: a static API of such an edition would otherwise grow
#: with the square of the register (10,000 entries: about 100 million members).
MAX_SIBLINGS = 250


def navigation_calls(tree: Tree) -> Iterator[tuple[Unit | None, int | None]]:
    """Every valid (ref, down) of a Level 0 navigation request on ``tree``: no reference
    with ``down`` -1 or 1 … depth; each reference without ``down`` and with ``down`` -1,
    0, 1 … depth."""
    downs = [-1, *range(1, tree.depth + 1)]
    for down in downs:
        yield None, down
    for unit in tree.units:
        for ref_down in (None, 0, *downs):
            yield unit, ref_down


class _Writer:
    def __init__(self, api: Api, folder: Path) -> None:
        self.api = api
        self.folder = folder
        self.written: list[Path] = []
        self._folders: set[Path] = set()
        self._calls: dict[Path, str] = {}

    def _path(self, url: str) -> Path:
        path = self.folder / self.api.file(url)
        other = self._calls.setdefault(path, url)
        if other != url:  # two calls would share one file: ids that read as parameters
            raise CitationError(f"the DTS calls {other} and {url} would be one file, "
                                f"{path}: rename the document or the reference")
        if path.parent not in self._folders:  # (one call per folder, not per file)
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        self.written.append(path)
        return path

    def json(self, url: str, data: dict[str, Any]) -> None:
        # compact: json's fast (C) encoder works only without indentation
        write_over(self._path(url),
                   json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")

    def bytes(self, url: str, data: bytes) -> None:
        write_over(self._path(url), data)


def _navigation(api: Api, res: dict[str, Any], info: EditionInfo, tree: Tree,
                ref: Unit | None, down: int | None) -> tuple[str, dict[str, Any]]:
    url = api.navigation(info.text, ref.identifier if ref else None, down, tree.identifier)
    nav = _response("Navigation", url)
    nav["resource"] = res
    if ref is not None:
        nav["ref"] = citable_unit(ref, info)
    if down is not None:
        nav["member"] = [citable_unit(u, info) for u in tree.members(ref, down)]
    return url, nav


def write_dts(corpus: EnrichedCorpus, model: CitationModel, out_dir: Path,
              base_url: str | None = None, warnings: list[str] | None = None) -> list[Path]:
    """Write the static DTS API for every text and register under ``out_dir/dts/``; return
    the files. With ``base_url`` (the project's), the documents name it as their address
    (:func:`teiedition.citation.units.published_source`). Where a level of a tree has more
    than :data:`MAX_SIBLINGS` units, the ``down=0`` calls on them are not written (see
    there), and ``warnings`` says so."""
    infos = {info.text: info for info in model.editions}
    first = model.edition
    api = Api(first.base_uri)
    out = _Writer(api, out_dir / "dts")

    entry = _response("EntryPoint", api.entry)
    entry.update(collection=api.collection_template(), navigation=api.navigation_template(),
                 document=api.document_template())
    out.json(api.entry + "index.json", entry)

    documents = []
    for text in corpus.documents:
        info = infos.get(text.id) if text.kind == "text" else _register_info(text, first)
        if info is not None:
            trees = trees_of(text)
            documents.append((text, info, trees, resource(api, text, info, trees)))

    root = _response("Collection", ROOT_COLLECTION)
    root.update(
        title=first.publisher,
        description=f"Texts and registers of the {first.publisher}, each with its "
                    "citation tree.",
        totalParents=0, totalChildren=len(documents), collection=api.collection_template())
    parent = {key: value for key, value in root.items()
              if key not in ("@context", "dtsVersion", "description")}
    for ident in (None, ROOT_COLLECTION):
        for nav in (None, "children"):
            out.json(api.collection(ident, nav), {**root, "member": [d[3] for d in documents]})
        out.json(api.collection(ident, "parents"), {**root, "member": []})

    for text, info, trees, res in documents:
        for nav in (None, "children", "parents"):
            out.json(api.collection(info.text, nav), {
                **_response("Resource", info.text), **res,
                **({"member": [parent]} if nav == "parents" else {})})
        source = whole_document(text, base_url)
        for tree in trees or [Tree(None, [])]:  # no tree: an empty member for every request
            crowded = 0
            for ref, down in navigation_calls(tree):
                if down == 0 and ref is not None and \
                        len(tree.children(ref.parent)) > MAX_SIBLINGS:
                    crowded += 1
                    continue
                out.json(*_navigation(api, res, info, tree, ref, down))
            if crowded and warnings is not None:
                warnings.append(
                    f"DTS: {info.text}: {crowded} units share a level with more than "
                    f"{MAX_SIBLINGS} others; their down=0 calls (the unit and all its "
                    "siblings) are not written, the rest of the API is")
            for unit in tree.units:
                out.bytes(api.document(info.text, unit.identifier, tree.identifier),
                          passage_document(text.source_element(unit.element)))
            if tree.identifier is not None:  # without a reference the tree changes nothing
                out.bytes(api.document(info.text, tree=tree.identifier), source)
        out.bytes(api.document(info.text), source)
    return out.written
