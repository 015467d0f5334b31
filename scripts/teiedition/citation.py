"""Citable units, their stable addresses and the identifier manifest (issue 6).

Every citable unit of the edition is derived from the sources, never listed by hand:

- in each text, the units its ``refsDecl/citeStructure`` declares (paragraphs, figures,
  editorial notes in the Karakhan article);
- in each register (``registers/*.xml``), every entry that carries an ``xml:id``.

For each unit the manifest (``citations.json``) records its id, kind, URL, ¶ number, a
SHA-256 digest of its normalised text and the edition version. :func:`check_manifest`
compares a published manifest with the current one: an id that was published must not
disappear, and its text must not change unless the edition version changes too.

Formats (BibTeX, RIS, CSL-JSON, CSL-formatted citations) live in :mod:`teiedition.citeformats`;
this module only knows the units and the edition's metadata.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from .diagnostics import Diagnostic, EditionError, display_path
from .paths import REGISTERS_SUBDIR
from .xmlio import NS, TEI_NS, XML_NS, SourceDocument

#: Register file stem -> folder of its entry pages on the site, and the kind of its entries.
REGISTER_KINDS: dict[str, str] = {
    "persons": "person",
    "places": "place",
    "organisations": "organisation",
    "events": "event",
    "treaties": "treaty",
    "bibliography": "work",
}
#: Kinds of text units that get their own citation downloads (``cite/<id>.*``).
PASSAGE_KINDS = ("paragraph",)
#: The reference that names the edition as a whole (``edition cite``, ``cite/edition.*``).
EDITION_REF = "edition"
MANIFEST_FORMAT = 1


class CitationError(EditionError):
    """The sources lack what citation needs (header metadata, a usable citeStructure)."""


class UnknownReference(CitationError):
    """A reference names no citable unit; ``valid`` lists the ones that exist."""

    def __init__(self, ref: str, valid: Sequence[str]) -> None:
        self.ref = ref
        self.valid = list(valid)
        super().__init__(f"unknown reference '{ref}'; valid references: {', '.join(valid)}")


@dataclass(frozen=True)
class EditionInfo:
    """What every citation of one text says about the edition."""

    title: str
    editors: tuple[str, ...]
    publisher: str
    version: str
    date: str  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)
    base_uri: str  # canonical URI, ending with "/"
    text: str  # site id of the text (file stem); its page is <text>.html
    language: str = "en"
    licence: str = ""  # licence URL

    @property
    def page(self) -> str:
        return page_path(self.text)

    @property
    def url(self) -> str:
        return self.base_uri + self.page

    @property
    def pdf_url(self) -> str:
        return f"{self.base_uri}{self.text}.pdf"

    @property
    def date_parts(self) -> list[int]:
        return [int(part) for part in self.date.split("-")]


@dataclass(frozen=True)
class CitableUnit:
    """One citable unit: its identifier is its HTML anchor and its DTS reference."""

    id: str
    kind: str
    page: str  # site-relative page path, e.g. "karakhan-declarations.html"
    n: str | None
    digest: str
    edition: EditionInfo
    source: str  # edition-relative path of the TEI file, with "/"
    location: tuple[str, int, int] = ("", 1, 1)  # display path, line, column
    #: A register entry's preferred name (the heading of its page); None for text units.
    name: str | None = None

    @property
    def url(self) -> str:
        return f"{self.edition.base_uri}{self.page}#{self.id}"

    @property
    def key(self) -> str:
        """The published address relative to the site: ``page#id``."""
        return f"{self.page}#{self.id}"

    @property
    def label(self) -> str:
        """How citations name the unit: ``¶ 3`` for paragraph 3."""
        if self.kind == "paragraph" and self.n:
            return f"¶ {self.n}"
        if self.name:
            return self.name
        return f"{self.kind} {self.n or self.id}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "n": self.n,
            "url": self.url,
            "page": self.page,
            "source": self.source,
            "digest": self.digest,
            "version": self.edition.version,
        }


@dataclass(frozen=True)
class CiteMatch:
    """A node selected by a ``citeStructure``, with its place in the citation tree."""

    element: etree._Element
    identifier: str
    unit: str
    level: int
    parent: str | None


@dataclass
class CiteStructureDecl:
    """One ``citeStructure`` declaration (possibly nested)."""

    unit: str
    match: str
    use: str
    delim: str = ""
    children: list[CiteStructureDecl] = field(default_factory=list)


# ---------------------------------------------------------------- URL layout

def page_path(text_or_register: str, entry: str | None = None) -> str:
    """The site-relative page of a text (``<stem>.html``) or of a register entry
    (``<register>/<id>.html``, e.g. ``persons/karakhan.html``). The one place that knows
    the site's URL layout for citation purposes."""
    if entry is None:
        return f"{text_or_register}.html"
    return f"{text_or_register}/{entry}.html"


# ---------------------------------------------------------------- sources

def _is_register(doc: SourceDocument, edition_dir: Path) -> bool:
    rel = doc.path.resolve().relative_to(edition_dir.resolve())
    return len(rel.parts) > 1 and rel.parts[0] == REGISTERS_SUBDIR


def edition_dir_of(docs: Sequence[SourceDocument]) -> Path:
    """The edition folder of loaded sources: the folder that holds ``registers/`` or the texts."""
    for doc in docs:
        if doc.path.parent.name == REGISTERS_SUBDIR:
            return doc.path.parent.parent
    if not docs:
        raise CitationError("no sources were loaded")
    return docs[0].path.parent


def split_sources(docs: Sequence[SourceDocument], edition_dir: Path
                  ) -> tuple[list[SourceDocument], list[SourceDocument]]:
    """Texts and registers, each in path order; unusable documents are an error."""
    texts: list[SourceDocument] = []
    registers: list[SourceDocument] = []
    for doc in sorted(docs, key=lambda d: d.path.resolve().as_posix()):
        if doc.tree is None:
            raise CitationError(f"{doc.display}: the document could not be loaded")
        (registers if _is_register(doc, edition_dir) else texts).append(doc)
    if not texts:
        raise CitationError(f"{display_path(edition_dir)}: no text to cite (only registers)")
    return texts, registers


def _text(node: etree._Element | None) -> str:
    if node is None:
        return ""
    return " ".join("".join(str(t) for t in node.itertext()).split())  # shown as written


def normalise(text: str) -> str:
    """NFC, whitespace collapsed to single spaces, trimmed: the text a digest is taken of."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edition_info(doc: SourceDocument) -> EditionInfo:
    """Citation metadata from a text's ``teiHeader``; raises when something is missing."""
    root = doc.root
    header = root.find("tei:teiHeader", NS)
    if header is None:
        raise CitationError(f"{doc.display}: no teiHeader")

    def first(path: str) -> etree._Element | None:
        found = header.find(path, NS)
        return found

    title = _text(first("tei:fileDesc/tei:titleStmt/tei:title"))
    editors = tuple(_text(e) for e in header.iterfind("tei:fileDesc/tei:titleStmt/tei:editor", NS))
    publisher = _text(first("tei:fileDesc/tei:publicationStmt/tei:publisher"))
    edition = first("tei:fileDesc/tei:editionStmt/tei:edition")
    version = (edition.get("n") or "").strip() if edition is not None else ""
    date_el = edition.find("tei:date", NS) if edition is not None else None
    if date_el is None:
        date_el = first("tei:fileDesc/tei:publicationStmt/tei:date")
    date = (date_el.get("when") or "").strip() if date_el is not None else ""
    uri = _text(first("tei:fileDesc/tei:publicationStmt/tei:idno[@type='URI']"))
    licence_el = first("tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence")
    licence = (licence_el.get("target") or "") if licence_el is not None else ""
    missing = [name for name, value in (
        ("titleStmt/title", title), ("editionStmt/edition/@n", version),
        ("edition date (editionStmt/edition/date/@when or publicationStmt/date/@when)", date),
        ("publicationStmt/publisher", publisher),
        ("publicationStmt/idno[@type='URI']", uri)) if not value]
    if missing:
        line, column = doc.position(header)
        raise CitationError(f"{doc.display}:{line}:{column}: the teiHeader lacks what a "
                            f"citation needs: {'; '.join(missing)}")
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date):
        raise CitationError(f"{doc.display}: the edition date '{date}' is not YYYY[-MM[-DD]]")
    return EditionInfo(
        title=title, editors=editors, publisher=publisher, version=version, date=date,
        base_uri=uri if uri.endswith("/") else uri + "/", text=doc.path.stem,
        language=root.get(f"{{{XML_NS}}}lang") or "en", licence=licence,
    )


# ---------------------------------------------------------------- citeStructure

_TOKEN = re.compile(r"""'[^']*'|"[^"]*"|(?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_*][\w.\-]*)?)"""
                    r"""|(?P<other>::|//|.)""", re.S)
_NAME_CONTEXT = {"", "/", "//", "[", "(", ",", "|", "::", "and", "or"}


def tei_xpath(expression: str) -> str:
    """Put unprefixed element name tests into the TEI namespace (prefix ``tei:``).

    ``citeStructure/@match`` is written without prefixes (``//body//p[@n]``); lxml's XPath 1.0
    has no default element namespace. Attributes, functions, axes and literals are left as
    they are; an element name test is a name that follows ``/``, ``//``, ``[``, ``(``, ``,``,
    ``|``, a non-attribute axis, ``and``/``or`` or the start of the expression.
    """
    out: list[str] = []
    previous = ""  # last significant token
    axis = ""
    for m in _TOKEN.finditer(expression):
        token = m.group(0)
        if token.isspace():
            out.append(token)
            continue
        name = m.group("name")
        if name is not None:
            rest = expression[m.end():].lstrip()
            is_test = (previous in _NAME_CONTEXT and ":" not in name
                       and not rest.startswith("(") and not rest.startswith("::")
                       and not (previous == "::" and axis == "attribute"))
            if previous == "::" or rest.startswith("::"):
                axis = name if rest.startswith("::") else axis
            out.append(f"tei:{name}" if is_test else name)
        else:
            out.append(token)
        previous = token
    return "".join(out)


def cite_structures(doc: SourceDocument) -> list[CiteStructureDecl]:
    """The top-level ``citeStructure`` declarations of a text's ``refsDecl`` elements."""

    def read(el: etree._Element) -> CiteStructureDecl:
        match, use = el.get("match"), el.get("use")
        if not match or not use:
            line, column = doc.position(el)
            raise CitationError(f"{doc.display}:{line}:{column}: citeStructure needs "
                                "@match and @use")
        return CiteStructureDecl(
            unit=el.get("unit") or "unit", match=match, use=use, delim=el.get("delim") or "",
            children=[read(c) for c in el.iterfind("tei:citeStructure", NS)])

    return [read(el) for el in
            doc.root.iterfind("tei:teiHeader/tei:encodingDesc/tei:refsDecl/tei:citeStructure", NS)]


def cite_matches(doc: SourceDocument) -> list[CiteMatch]:
    """Every node a text's citeStructure selects, in document order (pre-order)."""
    order = {el: i for i, el in enumerate(doc.root.iter())}
    found: list[CiteMatch] = []

    def select(decl: CiteStructureDecl, context: etree._Element, level: int,
               parent: CiteMatch | None) -> None:
        try:
            nodes = context.xpath(tei_xpath(decl.match), namespaces=NS)
            uses = etree.XPath(f"string({tei_xpath(decl.use)})", namespaces=NS)
        except etree.XPathError as exc:
            raise CitationError(f"{doc.display}: citeStructure/@match '{decl.match}' or "
                                f"@use '{decl.use}' is not a usable XPath: {exc}") from exc
        if not isinstance(nodes, list):
            raise CitationError(f"{doc.display}: citeStructure/@match '{decl.match}' "
                                "selects no elements")
        for node in nodes:
            if not isinstance(node, etree._Element):
                continue
            value = str(uses(node)).strip()
            if not value:
                line, column = doc.position(node)
                name = etree.QName(node).localname
                raise CitationError(f"{doc.display}:{line}:{column}: <{name}> is selected by "
                                    f"citeStructure '{decl.unit}' but '{decl.use}' is empty")
            ident = (parent.identifier + decl.delim + value) if parent and decl.delim else value
            match = CiteMatch(node, ident, decl.unit, level,
                              parent.identifier if parent else None)
            found.append(match)
            for child in decl.children:
                select(child, node, level + 1, match)

    for decl in cite_structures(doc):
        select(decl, doc.root, 1, None)
    # pre-order: by document position, a parent before its descendants
    found.sort(key=lambda m: (order.get(m.element, 0), m.level))
    seen: dict[str, CiteMatch] = {}
    for m in found:
        if m.identifier in seen:
            line, column = doc.position(m.element)
            raise CitationError(f"{doc.display}:{line}:{column}: the reference "
                                f"'{m.identifier}' is selected twice by the citeStructure")
        seen[m.identifier] = m
    return found


def own_text(element: etree._Element, excluded: Iterable[etree._Element] = ()) -> str:
    """The element's normalised text without the text of nested citable units (they have
    digests of their own): the basis of the unit's digest."""
    skip = set(excluded)
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and child not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return normalise("".join(parts))


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- the units

def _register_entries(doc: SourceDocument) -> list[etree._Element]:
    """Outermost elements with ``xml:id`` inside the register's ``text``."""
    entries: list[etree._Element] = []
    xml_id = f"{{{XML_NS}}}id"
    for text in doc.root.iterfind("tei:text", NS):
        for el in text.iter(etree.Element):
            if el.get(xml_id) is None:
                continue
            ancestor = el.getparent()
            nested = False
            while ancestor is not None and ancestor is not text:
                if ancestor.get(xml_id) is not None:
                    nested = True
                    break
                ancestor = ancestor.getparent()
            if not nested:
                entries.append(el)
    return entries


#: Elements that name a register entry, in the order the HTML templates consider them.
_NAME_TAGS = ("persName", "placeName", "orgName", "label", "title", "name", "head", "term")


def entry_name(entry: etree._Element, lang: str = "en") -> str:
    """The preferred name of a register entry, as its page shows it in ``<h1>`` (the same
    choice as ``f:entry-name`` in transforms/modules/functions.xsl): a name child with
    ``@type='preferred'``, else one in the interface language or without ``xml:lang``,
    else the first; without any, the start of its text."""
    names = [c for c in entry if isinstance(c.tag, str) and etree.QName(c).namespace == TEI_NS
             and etree.QName(c).localname in _NAME_TAGS
             and not (etree.QName(c).localname == "placeName" and c.get("ref") is not None)]
    xml_lang = f"{{{XML_NS}}}lang"
    chosen = ([c for c in names if c.get("type") == "preferred"]
              + [c for c in names if c.get(xml_lang) in (None, lang)] + names)
    if chosen:
        return _text(chosen[0])
    return normalise(" ".join(str(t) for t in entry.itertext()))[:80]


@dataclass
class Corpus:
    """The edition as citation sees it: its texts' metadata and all citable units."""

    editions: list[EditionInfo]
    units: list[CitableUnit]

    @property
    def edition(self) -> EditionInfo:
        """The edition as a whole: the metadata of the first text (in path order)."""
        return self.editions[0]

    def passages(self) -> list[CitableUnit]:
        return [u for u in self.units if u.kind in PASSAGE_KINDS]

    def citable_refs(self) -> list[str]:
        """What ``edition cite`` accepts: ``edition`` and every passage id."""
        return [EDITION_REF, *(u.id for u in self.passages())]

    def passage(self, ref: str) -> CitableUnit | None:
        """The passage named by ``ref``; None for ``edition``; UnknownReference otherwise."""
        if ref == EDITION_REF:
            return None
        for unit in self.passages():
            if unit.id == ref:
                return unit
        raise UnknownReference(ref, self.citable_refs())


def load_corpus(docs: Sequence[SourceDocument], edition_dir: Path | None = None) -> Corpus:
    """Derive every citable unit from loaded sources (see the module docstring)."""
    base = edition_dir if edition_dir is not None else edition_dir_of(docs)
    texts, registers = split_sources(docs, base)
    editions: list[EditionInfo] = []
    units: list[CitableUnit] = []
    root_dir = base.resolve()
    for doc in texts:
        info = edition_info(doc)
        editions.append(info)
        matches = cite_matches(doc)
        cited = [m.element for m in matches]
        source, display = doc.path.resolve().relative_to(root_dir).as_posix(), doc.display
        for m in matches:
            nested = [e for e in cited if e is not m.element]
            units.append(CitableUnit(
                id=m.identifier, kind=m.unit, page=info.page, n=m.element.get("n"),
                digest=digest(own_text(m.element, nested)), edition=info, source=source,
                location=(display, *doc.position(m.element))))
    edition = editions[0]
    for doc in registers:
        stem = doc.path.stem
        kind = REGISTER_KINDS.get(stem, stem)
        source, display = doc.path.resolve().relative_to(root_dir).as_posix(), doc.display
        for el in _register_entries(doc):
            ident = el.get(f"{{{XML_NS}}}id") or ""
            units.append(CitableUnit(
                id=ident, kind=kind, page=page_path(stem, ident), n=el.get("n"),
                digest=digest(own_text(el)), edition=edition, source=source,
                location=(display, *doc.position(el)), name=entry_name(el, edition.language)))
    keys: dict[str, CitableUnit] = {}
    for unit in units:
        other = keys.get(unit.key)
        if other is not None:
            raise CitationError(f"{unit.location[0]}:{unit.location[1]}:{unit.location[2]}: "
                                f"'{unit.key}' is also published by {other.source}")
        keys[unit.key] = unit
    passage_ids: dict[str, CitableUnit] = {}
    for unit in units:
        if unit.kind in PASSAGE_KINDS:
            if unit.id in passage_ids or unit.id == EDITION_REF:
                raise CitationError(f"{unit.location[0]}:{unit.location[1]}: passage id "
                                    f"'{unit.id}' is not unique across the texts; `edition cite` "
                                    "and cite/<id>.* need unique passage ids")
            passage_ids[unit.id] = unit
    return Corpus(editions, units)


# ---------------------------------------------------------------- the manifest

def manifest(corpus: Corpus) -> dict[str, Any]:
    """The content of ``citations.json``, as data."""
    info = corpus.edition
    return {
        "format": MANIFEST_FORMAT,
        "edition": {
            "title": info.title,
            "version": info.version,
            "date": info.date,
            "uri": info.base_uri,
            "licence": info.licence,
        },
        "texts": [{"id": e.text, "url": e.url, "title": e.title, "version": e.version}
                  for e in corpus.editions],
        "units": [u.as_dict() for u in corpus.units],
    }


def manifest_json(corpus: Corpus) -> str:
    return json.dumps(manifest(corpus), ensure_ascii=False, indent=2) + "\n"


def write_manifest(corpus: Corpus, path: Path) -> Path:
    """Write ``citations.json`` (UTF-8, stable key order, trailing newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(manifest_json(corpus), encoding="utf-8")
    return path


def read_manifest(path: Path) -> dict[str, Any]:
    """A manifest from disk; a file that is no manifest is a CitationError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CitationError(f"{display_path(path)}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise CitationError(f"{display_path(path)}:{exc.lineno}:{exc.colno}: not JSON: "
                            f"{exc.msg}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise CitationError(f"{display_path(path)}: not a citations manifest (no 'units' list)")
    return data


def _keyed(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for unit in data.get("units", []):
        if isinstance(unit, Mapping) and "id" in unit and "page" in unit:
            out[f"{unit['page']}#{unit['id']}"] = unit
    return out


def check_manifest(previous: Mapping[str, Any], current: Mapping[str, Any], *,
                   previous_name: str = "PREVIOUS",
                   locations: Mapping[str, tuple[str, int, int]] | None = None
                   ) -> list[Diagnostic]:
    """Problems that would break published citations, located and in a stable order.

    - ``citation-id-gone``: a unit of ``previous`` is missing from ``current``;
    - ``citation-text-changed``: its digest changed while the version did not.

    ``locations`` (``page#id`` -> display path, line, column of the current source) places
    changed-text problems in the TEI; gone ids are placed in the previous manifest.
    """
    now = _keyed(current)
    places = locations or {}
    problems: list[Diagnostic] = []
    for key, old in _keyed(previous).items():
        new = now.get(key)
        if new is None:
            problems.append(Diagnostic(
                previous_name, 1, 1, "error", "citation-id-gone",
                f"'{old['id']}' ({old.get('kind', 'unit')}, {old.get('url', key)}) was published "
                f"in version {old.get('version', '?')} and is gone; identifiers never change"))
            continue
        if old.get("digest") != new.get("digest") and old.get("version") == new.get("version"):
            path, line, column = places.get(key, (previous_name, 1, 1))
            problems.append(Diagnostic(
                path, line, column, "error", "citation-text-changed",
                f"the text of '{old['id']}' ({old.get('kind', 'unit')}) changed but the edition "
                f"version is still {new.get('version')}; raise editionStmt/edition/@n"))
    return sorted(problems)


def locations(corpus: Corpus) -> dict[str, tuple[str, int, int]]:
    return {u.key: u.location for u in corpus.units}


# ---------------------------------------------------------------- embedded metadata

def metadata_for(unit: CitableUnit | EditionInfo) -> dict[str, Any]:
    """What a page embeds for the edition or one unit, as data for the HTML templates.

    ``highwire`` and ``dublin_core`` are lists of (name, content) pairs for ``<meta>``
    (repeatable names such as ``citation_author`` stay separate); ``json_ld`` is a
    schema.org object for ``<script type="application/ld+json">``; ``canonical`` is the
    page's canonical URL (no fragment).
    """
    info = unit.edition if isinstance(unit, CitableUnit) else unit
    passage = unit if isinstance(unit, CitableUnit) else None
    title = info.title if passage is None else f"{info.title}, {passage.label}"
    url = info.url if passage is None else passage.url
    canonical = info.base_uri + (info.page if passage is None else passage.page)
    slash_date = info.date.replace("-", "/")
    highwire: list[tuple[str, str]] = [("citation_title", title)]
    # Highwire has no editor tag: the responsible body is given as citation_author, which
    # is what Zotero and Google Scholar read; DC and JSON-LD keep the role "editor".
    highwire += [("citation_author", name) for name in info.editors]
    highwire += [
        ("citation_publication_date", slash_date),
        ("citation_date", slash_date),
        ("citation_publisher", info.publisher),
        ("citation_public_url", url),
        ("citation_pdf_url", info.pdf_url),
        ("citation_language", info.language),
    ]
    dublin: list[tuple[str, str]] = [("DC.title", title)]
    dublin += [("DC.contributor", name) for name in info.editors]
    dublin += [
        ("DC.publisher", info.publisher),
        ("DC.date", info.date),
        ("DC.type", "Dataset"),
        ("DC.format", "text/html"),
        ("DC.identifier", url),
        ("DC.language", info.language),
        ("DC.relation.hasVersion", info.version),
    ]
    if info.licence:
        dublin.append(("DC.rights", info.licence))
    if passage is not None:
        dublin.append(("DC.relation.isPartOf", info.url))
    json_ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": url,
        "name": title,
        "url": url,
        "version": info.version,
        "datePublished": info.date,
        "inLanguage": info.language,
        "editor": [{"@type": "Organization", "name": name} for name in info.editors],
        "publisher": {"@type": "Organization", "name": info.publisher},
    }
    if info.licence:
        json_ld["license"] = info.licence
    if passage is not None:
        json_ld["isPartOf"] = {"@type": "Dataset", "@id": info.url, "name": info.title,
                               "url": info.url}
    return {
        "title": title,
        "url": url,
        "canonical": canonical,
        "version": info.version,
        "date": info.date,
        "highwire": highwire,
        "dublin_core": dublin,
        "json_ld": json_ld,
    }


# ---------------------------------------------------------------- site files

def write_citation_files(docs: Sequence[SourceDocument], out_dir: Path, *,
                         edition_dir: Path | None = None) -> list[Path]:
    """Write ``citations.json`` and ``cite/<id>.{bib,ris,json}`` (the edition as
    ``cite/edition.*`` and every paragraph) into the site folder ``out_dir``."""
    from .citeformats import write_exports  # the formats depend on this module

    corpus = load_corpus(docs, edition_dir)
    written = [write_manifest(corpus, out_dir / "citations.json")]
    written.extend(write_exports(corpus, out_dir / "cite"))
    return written
