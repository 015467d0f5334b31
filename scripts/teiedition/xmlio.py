"""Safe loading of XML sources: no network, no external entities, located errors.

Every source file goes through :func:`load_document`. It never raises for a bad file: it
returns a :class:`SourceDocument` (possibly without a tree) whose ``problems`` say, with
line and column, why the file cannot be used.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from lxml import etree

from teiedition.errors import Diagnostic, display_path

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
#: The build's own namespace: the corpus wrapper (k:corpus, k:doc) and the marks the
#: pipeline puts on the TEI (@k:entry, @k:cite, …).
SITE_NS = "urn:teiedition:site"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
NS = {"tei": TEI_NS, "k": SITE_NS}

#: Files larger than this are refused (``--max-file-size`` changes it).
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_PSEUDO_ATTR = re.compile(r"""(\w[\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def safe_parser() -> etree.XMLParser:
    """An lxml parser that never touches the network or expands entities."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
        remove_comments=False,
    )


@dataclass
class SourceDocument:
    """One file of the edition (or named by the user), parsed or not."""

    path: Path
    tree: etree._ElementTree | None = None
    data: bytes = b""
    problems: list[Diagnostic] = field(default_factory=list)
    #: True when the file was named for checking (False: loaded only as context).
    target: bool = True
    _positions: list[tuple[int, int]] | None = None
    _ordinals: dict[etree._Element, int] | None = None

    @functools.cached_property
    def display(self) -> str:
        """The path as messages show it (worked out once: it resolves the path)."""
        return display_path(self.path)

    @property
    def root(self) -> etree._Element:
        assert self.tree is not None
        return self.tree.getroot()

    @property
    def usable(self) -> bool:
        return self.tree is not None and not any(p.severity == "error" for p in self.problems)

    def problem(self, line: int, column: int, rule: str, message: str,
                severity: str = "error") -> None:
        self.problems.append(
            Diagnostic(self.display, line, column, "warning" if severity == "warning" else "error",
                       rule, message)
        )

    def position(self, element: etree._Element) -> tuple[int, int]:
        """Line and column (1-based) of an element's start tag in this file."""
        if self._positions is None:
            self._positions = _element_positions(self.data)
            self._ordinals = {el: i for i, el in enumerate(self.root.iter(etree.Element))}
        assert self._ordinals is not None
        index = self._ordinals.get(element)
        if index is not None and index < len(self._positions):
            return self._positions[index]
        return (line_of(element), 1)

    def diagnostic(self, element: etree._Element, rule: str, message: str,
                   severity: str = "error") -> Diagnostic:
        line, column = self.position(element)
        return Diagnostic(self.display, line, column,
                          "warning" if severity == "warning" else "error", rule, message)


def line_of(element: etree._Element) -> int:
    """The element's line as libxml2 recorded it (1 when unknown)."""
    value = element.sourceline
    return value if isinstance(value, int) and value > 0 else 1


def _element_positions(data: bytes) -> list[tuple[int, int]]:
    """Start-tag positions of all elements in document order, read with expat.

    Only called for files lxml has already parsed; entity declarations were refused before.
    """
    positions: list[tuple[int, int]] = []
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(_name: str, _attrs: object) -> None:
        positions.append((parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))

    parser.StartElementHandler = start
    with contextlib.suppress(expat.ExpatError):
        parser.Parse(data, True)
    return positions


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BOMS):
        return False
    return b"\x00" in data[:8192]


def pseudo_attributes(text: str) -> dict[str, str]:
    """The pseudo-attributes of a processing instruction such as ``xml-model``."""
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _PSEUDO_ATTR.finditer(text or "")}


def _parse(data: bytes, path: Path) -> etree._Element:
    """A source file's bytes parsed safely (no network, no entity expansion), with the
    file's address as its base."""
    return etree.fromstring(data, safe_parser(), base_url=path.resolve().as_uri())


def load_document(path: Path, *, max_size: int = DEFAULT_MAX_FILE_SIZE,
                  allowed_schema_files: tuple[Path, ...] = (), target: bool = True
                  ) -> SourceDocument:
    """Read and parse one file safely; problems are collected, never raised."""
    doc = SourceDocument(path=path, target=target)
    try:
        size = path.stat().st_size
    except OSError as exc:
        doc.problem(1, 1, "file-unreadable", f"cannot read the file: {exc.strerror}")
        return doc
    if size > max_size:
        doc.problem(1, 1, "file-too-large",
                    f"the file is {size / 1048576:.1f} MB; the limit is "
                    f"{max_size / 1048576:.0f} MB (see --max-file-size)")
        return doc
    try:
        data = path.read_bytes()
    except OSError as exc:
        doc.problem(1, 1, "file-unreadable", f"cannot read the file: {exc.strerror}")
        return doc
    doc.data = data
    if not data.strip():
        doc.problem(1, 1, "file-empty", "the file is empty; a TEI document was expected")
        return doc
    if _looks_binary(data):
        doc.problem(1, 1, "not-xml", "this is a binary file, not an XML document")
        return doc
    try:
        root = _parse(data, path)
    except etree.XMLSyntaxError as exc:
        line, column = exc.lineno or 1, exc.offset or 1
        message = exc.msg or "not well-formed"
        message = re.sub(r",? line \d+, column \d+$", "", message)
        rule = "not-well-formed"
        if "Excessive depth" in message:
            message = "elements are nested more than 256 levels deep; the file is refused"
        elif "entity" in message.lower():
            rule = "dtd-entities"
            message = f"entity expansion refused ({message}); entity declarations are not allowed"
        if line == 1 and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            rule, message = "not-xml", f"this is not an XML document ({message})"
        doc.problem(line, column, rule, message)
        return doc
    doc.tree = root.getroottree()
    _check_doctype(doc)
    if not doc.problems:
        _check_second_parser(doc)
    _check_root(doc)
    _check_xinclude(doc)
    _check_xml_model(doc, allowed_schema_files)
    return doc


def reparse(path: Path, *, target: bool = True) -> SourceDocument:
    """Parse a file that :func:`load_document` has read and checked already (in another
    process), the same safe way, without checking it again. A file that no longer parses
    gets a problem, which makes it unusable."""
    doc = SourceDocument(path=path, target=target)
    try:
        doc.data = path.read_bytes()
        root = _parse(doc.data, path)
    except (OSError, etree.XMLSyntaxError) as exc:
        doc.problem(1, 1, "not-well-formed", f"the file changed while it was checked: {exc}")
        return doc
    doc.tree = root.getroottree()
    return doc


def _check_doctype(doc: SourceDocument) -> None:
    assert doc.tree is not None
    info = doc.tree.docinfo
    dtd = info.internalDTD
    if dtd is not None:
        # lxml-stubs lacks DTD.iterentities and DocInfo.system_url
        names = [str(e.name) for e in getattr(dtd, "iterentities")()]  # noqa: B009
        if names:
            doc.problem(1, 1, "dtd-entities",
                        "the DOCTYPE declares entities (" + ", ".join(names[:5])
                        + "); entity declarations are not allowed and were not expanded")
    external = getattr(info, "system_url", None) or info.public_id
    if external:
        doc.problem(1, 1, "dtd-external",
                    f"the DOCTYPE refers to an external DTD ({external}); "
                    "it was not read: TEI P5 documents need no DTD")


def _check_second_parser(doc: SourceDocument) -> None:
    """Read the file again with expat, which, like the XSLT processor's parser, applies the
    XML 1.0 name rules from before its fifth edition: libxml2 accepts some characters in
    names (U+FEFF, characters beyond U+FFFF) that the XSLT processor refuses. A file that
    only libxml2 reads gets a located "not-well-formed" error here, so that it never
    reaches Saxon. ASCII files read the same under both rules and are not read again."""
    if doc.data.isascii():
        return
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(doc.data, True)
    except expat.ExpatError as exc:
        if exc.code == expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]:
            return  # an encoding only libxml2 knows: nothing to compare
        reason = expat.errors.messages[exc.code]
        if not reason.startswith("not well-formed"):
            reason = f"not well-formed: {reason}"
        if exc.code == expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]:
            reason += (": a character XML 1.0 does not allow at this place "
                       "(in an element or attribute name, for instance)")
        doc.problem(exc.lineno or 1, (exc.offset or 0) + 1, "not-well-formed", reason)


def _check_root(doc: SourceDocument) -> None:
    root = doc.root
    qname = etree.QName(root)
    if qname.namespace == TEI_NS and qname.localname in ("TEI", "teiCorpus"):
        return
    if qname.namespace is None and qname.localname in ("TEI.2", "teiCorpus.2"):
        doc.problem(line_of(root), 1, "tei-p4",
                    f"<{qname.localname}> is a TEI P4 document; convert it to TEI P5 "
                    f"(root <TEI xmlns=\"{TEI_NS}\">)")
    elif qname.namespace is None and qname.localname in ("TEI", "teiCorpus"):
        doc.problem(line_of(root), 1, "tei-namespace",
                    f"<{qname.localname}> is in no namespace; TEI P5 elements belong to "
                    f"xmlns=\"{TEI_NS}\"")
    else:
        where = f"namespace {qname.namespace}" if qname.namespace else "no namespace"
        doc.problem(line_of(root), 1, "tei-namespace",
                    f"the root element <{qname.localname}> ({where}) is not a TEI document; "
                    f"expected <TEI xmlns=\"{TEI_NS}\">")


def _check_xinclude(doc: SourceDocument) -> None:
    for el in doc.root.iter(f"{{{XINCLUDE_NS}}}*"):
        href = el.get("href", "")
        doc.problems.append(doc.diagnostic(
            el, "xinclude",
            f"XInclude is not processed: '{href}' was not read; put the content in the file"))


def _check_xml_model(doc: SourceDocument, allowed: tuple[Path, ...]) -> None:
    assert doc.tree is not None
    node = doc.root.getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            href = pseudo_attributes(node.text or "").get("href", "")
            if not _is_allowed_schema(doc.path, href, allowed):
                doc.problem(line_of(node), 1, "xml-model",
                            f"xml-model points at '{href}', which was not read; "
                            "validation uses the project schema", severity="warning")
        node = node.getprevious()


def _is_allowed_schema(path: Path, href: str, allowed: tuple[Path, ...]) -> bool:
    """A relative reference to one of the project's schemas (by file name: copies of the
    edition keep their references). Nothing is read either way."""
    names = {a.name for a in allowed}
    if not href:
        return False
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
        # an address: only TEI's tei_all, when it is the project's schema
        return "tei_all.rng" in names and href.split("?")[0].rsplit("/", 1)[-1] == "tei_all.rng"
    return Path(href).name in names
