"""Citable units and the edition's citation metadata, read from the enriched corpus.

What a citable unit is, is decided by the model (``transforms/model/model.xsl``) and marked
by pipeline stage 05: in each text, the elements its ``refsDecl/citeStructure`` selects
(``@k:cite``: paragraphs, figures, editorial notes in the Karakhan article); in each
register, every entry (``@k:entry``, with its kind, name and page). This module only reads
those marks, adds each unit's URL, its SHA-256 digest and its place in the source, and
checks that the addresses are unique.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from teiedition.errors import EditionError
from teiedition.xmlio import NS, SITE_NS, XML_NS

if TYPE_CHECKING:
    from teiedition.build.corpus import Document, EnrichedCorpus

#: Kinds of text units that get their own citation downloads (``cite/<id>.*``).
PASSAGE_KINDS = ("paragraph",)
#: The reference that names the edition as a whole (``edition cite``, ``cite/edition.*``).
EDITION_REF = "edition"


class CitationError(EditionError):
    """The sources lack what citation needs (header metadata, a usable citeStructure)."""


class UnknownReference(CitationError):
    """A reference names no citable unit; ``valid`` lists the ones that exist."""

    def __init__(self, ref: str, valid: Sequence[str]) -> None:
        self.ref = ref
        self.valid = list(valid)
        super().__init__(f"unknown reference '{ref}'; valid references: {', '.join(valid)}")


class UncitedReference(CitationError):
    """A reference names a passage of a text left out of the citation model: its header
    lacks what a citation needs."""


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
    #: Where the base URI was set: the project's key, ``--base-url``, or the header's
    #: ``idno[@type='URI']`` as "file:line:column" (for messages only).
    base_origin: str = field(default="", compare=False)

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
    #: A register entry's preferred name (the heading of its page); None for text units.
    name: str | None = None
    #: Where the unit is in its source (display path, line, column), worked out only when
    #: asked for: a message or a manifest check needs it, a build does not.
    locate: Callable[[], tuple[str, int, int]] | None = field(
        default=None, compare=False, repr=False)

    @property
    def location(self) -> tuple[str, int, int]:
        return self.locate() if self.locate is not None else ("", 1, 1)

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


def _k(name: str) -> str:
    return f"{{{SITE_NS}}}{name}"


def page_path(text: str) -> str:
    """The site-relative page of a text: ``<text-id>.html``."""
    return f"{text}.html"


def _text(node: etree._Element | None) -> str:
    if node is None:
        return ""
    return " ".join("".join(str(t) for t in node.itertext()).split())  # shown as written


def normalise(text: str) -> str:
    """NFC, whitespace collapsed to single spaces, trimmed: the text a digest is taken of."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edition_info(text: Document, base_url: str | None = None, base_origin: str = ""
                 ) -> EditionInfo:
    """Citation metadata from a text's ``teiHeader``; raises when something is missing.

    ``base_url`` (the project's, set where ``base_origin`` says) replaces the header's
    ``idno[@type='URI']``."""
    doc = text.source
    root = text.source_tei  # the file's root, or one TEI of a teiCorpus
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
    idno = first("tei:fileDesc/tei:publicationStmt/tei:idno[@type='URI']")
    uri = base_url or _text(idno)
    if base_url:
        origin = base_origin or "the base URL"
    elif idno is not None:
        line, column = doc.position(idno)
        origin = f"{doc.display}:{line}:{column}: publicationStmt/idno[@type='URI']"
    else:
        origin = ""
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
        base_uri=uri if uri.endswith("/") else uri + "/", text=text.id,
        language=text.tei.get(f"{{{XML_NS}}}lang") or "en", licence=licence,
        base_origin=origin,
    )


#: Reserved for documentation and testing (RFC 2606, RFC 6761): no edition lives there.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TLDS = ("example", "test", "invalid", "localhost")


def reserved_host(url: str) -> str | None:
    """The host of ``url`` when it is a reserved example or test domain, else None."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return None
    if host.rsplit(".", 1)[-1] in RESERVED_TLDS or any(
            host == d or host.endswith("." + d) for d in RESERVED_DOMAINS):
        return host
    return None


def base_url_warnings(model: CitationModel) -> list[str]:
    """A located warning for each text whose permalinks would use a reserved host."""
    warnings = []
    for info in model.editions:
        host = reserved_host(info.base_uri)
        if host is not None:
            where = info.base_origin or info.text
            warnings.append(f"{where}: the base URL {info.base_uri} uses the host {host}, "
                            "which is reserved for examples and tests (RFC 2606); every "
                            "permalink, export, canonical link and the PDF's 'How to cite' "
                            "would point there. Set the "
                            "edition's real address with --base-url or [edition] base-url "
                            "in edition.toml")
    return warnings


def published_source(data: bytes, root: etree._Element, base_url: str | None) -> bytes:
    """A source file as the site publishes it (``tei/``, DTS documents): with a base URL
    set, the header's ``publicationStmt/idno[@type='URI']`` and every other occurrence of
    that address in the file name the configured one; otherwise the bytes unchanged. The
    address is replaced in the file's bytes, so that nothing else changes (a file in an
    encoding other than UTF-8 or ASCII keeps its own address)."""
    if not base_url:
        return data
    idno = root.find("tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type='URI']", NS)
    old = _text(idno)
    if not old or old == base_url:
        return data
    new = base_url
    if not old.endswith("/"):
        new = base_url.rstrip("/")
    return data.replace(old.encode("utf-8"), new.encode("utf-8"))


def own_text(element: etree._Element, excluded: Iterable[etree._Element] = ()) -> str:
    """The element's normalised text without the text of nested citable units (they have
    digests of their own): the basis of the unit's digest."""
    skip = excluded if isinstance(excluded, (set, frozenset)) else set(excluded)
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


@dataclass
class CitationModel:
    """The edition as citation sees it: its texts' metadata and all citable units, read
    from the marks of the enriched corpus (once per build)."""

    editions: list[EditionInfo]
    units: list[CitableUnit]
    #: The texts left out for want of citation metadata (their site ids).
    uncited: list[str] = field(default_factory=list)
    #: The passages of those texts (their references), each with why it cannot be cited.
    withheld: dict[str, str] = field(default_factory=dict)

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
        """The passage named by ``ref``; None for ``edition``; UncitedReference for a
        passage of a text without citation metadata; UnknownReference otherwise."""
        if ref == EDITION_REF:
            return None
        for unit in self.passages():
            if unit.id == ref:
                return unit
        if ref in self.withheld:
            raise UncitedReference(f"'{ref}' is a passage of a text that cannot be cited: "
                                   f"{self.withheld[ref]}")
        raise UnknownReference(ref, self.citable_refs())


def _locator(doc: Document, element: etree._Element) -> Callable[[], tuple[str, int, int]]:
    return lambda: (doc.source.display, *doc.position(element))


def citation_model(corpus: EnrichedCorpus, base_url: str | None = None,
                   base_origin: str = "", *, skipped: list[str] | None = None
                   ) -> CitationModel:
    """Every citable unit of the edition, from the marks of the enriched corpus; permalinks
    under ``base_url`` when given (set where ``base_origin`` says), else under each text's
    ``idno[@type='URI']``.

    A text whose header lacks what a citation needs raises CitationError; with a
    ``skipped`` list, it is left out of the model instead (its problem appended to the
    list), and only an edition without any citable text raises."""
    texts = corpus.texts
    if not texts:
        raise CitationError(f"{corpus.sources}: no text to cite (only registers)")
    editions: list[EditionInfo] = []
    units: list[CitableUnit] = []
    uncited: list[str] = []
    withheld: dict[str, str] = {}
    for text in texts:
        try:
            info = edition_info(text, base_url, base_origin)
        except CitationError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            uncited.append(text.id)
            for el in text.tei.iter(etree.Element):
                if el.get(_k("cite")) and el.get(_k("cite-unit")) in PASSAGE_KINDS:
                    withheld.setdefault(el.get(_k("cite")) or "", str(exc))
            continue
        editions.append(info)
        cited = [el for el in text.tei.iter(etree.Element) if el.get(_k("cite")) is not None]
        nested = frozenset(cited)  # a unit's own text leaves out the units inside it
        for el in cited:
            ref = el.get(_k("cite")) or ""
            if not ref:
                line, column = text.position(el)
                raise CitationError(f"{text.source.display}:{line}:{column}: "
                                    f"<{etree.QName(el).localname}> is selected by citeStructure "
                                    f"'{el.get(_k('cite-unit'))}' but its reference is empty")
            units.append(CitableUnit(
                id=ref, kind=el.get(_k("cite-unit")) or "unit", page=info.page, n=el.get("n"),
                digest=digest(own_text(el, nested)), edition=info, source=text.path,
                locate=_locator(text, el)))
    if not editions:
        raise CitationError("no text has the citation metadata its teiHeader would need")
    edition = editions[0]
    for register, el in corpus.entries():
        units.append(CitableUnit(
            id=el.get(f"{{{XML_NS}}}id") or "", kind=el.get(_k("kind")) or "entry",
            page=el.get(_k("page")) or "", n=el.get("n"), digest=digest(own_text(el)),
            edition=edition, source=register.path,
            locate=_locator(register, el),
            name=el.get(_k("name")) or ""))
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
    return CitationModel(editions, units, uncited, withheld)
