"""Write the PDF edition: Typst markup from ``transforms/print.xsl``, compiled by Typst.

Data flow, per text::

    enriched corpus ─▶ print.xsl (text-id) ─▶ Typst markup (print/edition.typ + the book)
        ─▶ typst (the PyPI package, in process) ─▶ PDF + the positions of every id
        ─▶ pikepdf: a named destination per id ─▶ <text-id>.pdf

One compilation lays the book out: the index's ¶ and page numbers are found by Typst
itself from the mentions' metadata (``k-index-refs`` in print/edition.typ).

Safety: print.xsl escapes every TEI value (``f:typst-text``, ``f:typst-string``); the
compiler's root is a private temporary folder holding only the generated source and, for
an archival PDF, the TEI source to attach; no package is imported. Fonts come from the
system's font folders (Debian's fonts-noto-core and fonts-noto-cjk) and are embedded.

Default output is tagged PDF/UA-1; ``archival=True`` makes PDF/A-3a, still PDF/UA-1, with
the TEI source attached (``AFRelationship /Source``). Typst checks both standards at
export and refuses a document that breaks them.

Named destinations: Typst exports them only for labelled headings, so every element with
an id is marked (``k-dest``), the document reports the page and position of all the marks
in one list (``<k-dests>``, queried after compilation) and pikepdf writes ``/Names /Dests``
with the TEI ``xml:id``s (``<text>.pdf#p3`` opens at ¶ 3).

Links inside the book are not links to Typst labels: resolving a label is introspection,
so Typst would lay out every paragraph holding such a link a second time (a third of its
time for the edition). They are written as the address "#id" (``k-link``) and made links
to the place of the id by the same update that adds the destinations.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from teiedition import saxon
from teiedition.citation.works import corpus_entries, works_cited
from teiedition.errors import EditionError
from teiedition.files import write_over
from teiedition.resources import print_page, print_stylesheet
from teiedition.workers import worker_pool

if TYPE_CHECKING:
    from teiedition.citation.units import CitationModel

#: What Typst is asked to claim.
STANDARDS_DEFAULT = ("ua-1",)
STANDARDS_ARCHIVAL = ("a-3a", "ua-1")
#: The system's font folders (only these are searched; nothing is downloaded).
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts")
#: Name of the generated source inside the compiler's root.
MAIN = "main.typ"


class PdfError(EditionError):
    """The PDF edition cannot be written (failed transform, Typst error, no compiler)."""


@dataclass
class PdfOptions:
    """What the PDF of a build depends on, besides the corpus (picklable for workers)."""

    #: The parameters every stylesheet takes (``BuildConfig.stylesheet_params``).
    params: Mapping[str, Any]
    version: str
    #: PDF/A-3a (and PDF/UA-1) with the TEI source attached.
    archival: bool = False
    #: Citation sentence per text id for the title page; a text without one gets the
    #: sentence print.xsl builds from the TEI header.
    citations: Mapping[str, str] = field(default_factory=dict)
    #: The works cited formatted by CSL (:func:`works_cited`, an XML document); empty: the
    #: works are printed from their TEI.
    works: str = ""


@dataclass
class PdfText:
    """One text to print: its site id, its path in the edition folder, its source bytes."""

    id: str
    path: str
    data: bytes


@dataclass
class PdfResult:
    path: Path
    pages: int
    seconds: float
    warnings: list[str]
    #: The page (1-based) of every named destination.
    destinations: dict[str, int] = field(default_factory=dict)


def font_folders() -> list[str]:
    return [folder for folder in FONT_FOLDERS if Path(folder).is_dir()]


_compiler: Any = None


def _typst_compiler() -> Any:
    """One Typst compiler per process (it keeps the fonts and its caches warm)."""
    global _compiler
    if _compiler is None:
        try:
            import typst
        except ImportError as exc:  # pragma: no cover - install problem
            raise PdfError("the PDF edition needs Typst: pip install typst") from exc
        _compiler = typst.Compiler(font_paths=font_folders(), ignore_system_fonts=True)
    return _compiler


def print_params(text: PdfText, options: PdfOptions, attachment: str = "") -> dict[str, Any]:
    return {
        **options.params,
        "text-id": text.id,
        "pdf-name": f"{text.id}.pdf",
        "citation": options.citations.get(text.id, ""),
        "attachment": attachment,
    }


@functools.lru_cache(maxsize=1)
def _works_node(works: str) -> Any:
    """The works cited parsed for the print stylesheet (the same for every text of a build:
    parsed once)."""
    return saxon.parse(works)


def _transform(enriched: Any, text: PdfText, options: PdfOptions, **params: str) -> str:
    executable = saxon.compile_file(print_stylesheet())
    values: dict[str, Any] = {**print_params(text, options), **params}
    try:
        if options.works:
            values["works"] = _works_node(options.works)
        return saxon.transform(executable, enriched, name=print_stylesheet().name,
                               params=values)
    except EditionError as exc:
        raise PdfError(f"{text.path}: the print transformation failed: {exc}") from exc


def typst_source(enriched: Any, text: PdfText, options: PdfOptions, attachment: str = ""
                 ) -> str:
    """The Typst document of one text (``print.xsl`` on the enriched corpus)."""
    return _transform(enriched, text, options, attachment=attachment)


def book(enriched: Any, text: PdfText, options: PdfOptions) -> str:
    """The book of one text as XML elements, before it is written as Typst (for tests)."""
    return _transform(enriched, text, options, output="book")


def attachment_name(text: PdfText) -> str:
    """The file name the TEI source is attached under: the source's own name, made safe."""
    name = re.sub(r"[^\w.-]", "_", Path(text.path).name).lstrip(".")
    return name if name and name != MAIN else f"source-{text.id}.xml"


def write_pdf(enriched: Any, text: PdfText, site: Path, options: PdfOptions) -> PdfResult:
    """Typeset one text into ``site/<text-id>.pdf``."""
    started = time.perf_counter()
    attachment = attachment_name(text) if options.archival else ""
    source = typst_source(enriched, text, options, attachment)
    return compile_pdf(source, attachment, text, site, options, started)


def compile_pdf(source: str, attachment: str, text: PdfText, site: Path, options: PdfOptions,
                started: float) -> PdfResult:
    """Compile the Typst document of a text and write ``site/<text-id>.pdf`` with its named
    destinations. Runs without Python's lock for most of its time (Typst's own code), so a
    thread can compile while the build goes on (:func:`write_pdfs`)."""
    compiler = _typst_compiler()
    standards = list(STANDARDS_ARCHIVAL if options.archival else STANDARDS_DEFAULT)
    missing: list[str] = []
    with tempfile.TemporaryDirectory(prefix="teiedition-typst-") as folder:
        root = Path(folder)
        if attachment:
            (root / attachment).write_bytes(text.data)
        while True:
            (root / MAIN).write_text(with_substitutes(source, missing), encoding="utf-8")
            try:
                data, warnings = compiler.compile_with_warnings(
                    input=str(root / MAIN), root=str(root), pdf_standards=standards)
                reported = json.loads(compiler.query("<k-dests>", field="value",
                                                     root=str(root)))
                break
            except Exception as exc:  # typst.TypstError: name the document and the element
                more = [c for c in undisplayable(exc) if c not in missing]
                if not more or len(missing) > MAX_SUBSTITUTES:
                    raise PdfError(typst_error_message(text, source, exc)) from exc
                missing += more
    target = site / f"{text.id}.pdf"
    places = [place for found in reported for place in found["places"]]
    link_alt = tuple(reported[0]["link-alt"]) if reported else LINK_ALT
    dangling: list[str] = []
    pages, destinations = add_destinations(data, places, target, link_alt, dangling)
    messages = [f"{text.id}.pdf: {_warning_text(w)}" for w in warnings or ()]
    messages += [f"{text.id}.pdf: a link to {ident!r} has no place in the PDF to go to"
                 for ident in dangling]
    messages += [f"{text.id}.pdf: no installed font has a glyph for U+{ord(c):04X}; printed as "
                 f"[U+{ord(c):04X}]" for c in missing]
    return PdfResult(target, pages, time.perf_counter() - started, _unique(messages),
                     destinations)


#: Characters without a glyph in any installed font that one document may substitute.
MAX_SUBSTITUTES = 64
_UNDISPLAYABLE = re.compile(r'the text `"(.*?)"` could not be displayed', re.S)


def undisplayable(exc: BaseException) -> list[str]:
    """The characters a Typst error says no font can display (PDF/UA and PDF/A forbid
    missing glyphs)."""
    found = _UNDISPLAYABLE.search(str(exc))
    return [c for c in dict.fromkeys(found.group(1)) if not c.isspace()] if found else []


def with_substitutes(source: str, characters: Sequence[str]) -> str:
    """The Typst source with each of ``characters`` printed as its code point ("[U+20000]"),
    by show rules placed after the page setup (code points only: no text is copied)."""
    if not characters:
        return source
    rules = "".join(f'#show "\\u{{{ord(c):x}}}": [\\[U\\+{ord(c):04X}\\]]\n'
                    for c in characters)
    marker = "\n#show: k-edition.with("
    at = source.find(marker)
    end = source.find("\n", at + 1) if at >= 0 else -1
    return source[:end + 1] + rules + source[end + 1:] if end >= 0 else rules + source


#: The alternate description of a link inside the PDF, before and after its target's page
#: number, when the document does not give one (PDF/UA-1: every link has one).
LINK_ALT = ("page ", "")


def add_destinations(data: bytes, places: Sequence[Mapping[str, Any]], target: Path,
                     link_alt: Sequence[str] = LINK_ALT, dangling: list[str] | None = None
                     ) -> tuple[int, dict[str, int]]:
    """Write the PDF to ``target`` with a named destination for every reported place (the
    first one of an id); return the number of pages and the page of each destination.

    Links inside the book (``k-link``: Typst writes them as the address "#id") become links
    to the place of their id, described as "page N" (``link_alt``); the ids of those that
    have no place are added to ``dangling`` (their link goes nowhere).

    The destinations are appended to Typst's file as an incremental update (ISO 32000-1,
    7.5.6): a new catalog holding one name-tree node with every destination (Typst's own, of
    labelled headings, kept), its cross-reference section and a trailer pointing back to
    Typst's. Typst's objects are copied byte for byte; reading and writing all of them again
    (a tagged book has thousands) took as long as the print stylesheet."""
    import pikepdf

    destinations: dict[str, int] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        previous = _classic_xref(data)
        if previous is None:  # not the file layout Typst writes: write the whole file again
            return _rewrite_with_destinations(pdf, places, target, link_alt, dangling)
        names = pdf.Root.get("/Names")
        others = ({str(k): v for k, v in names.items()}
                  if isinstance(names, pikepdf.Dictionary) else {})
        entries: dict[str, Any] = (dict(pikepdf.NameTree(others.pop("/Dests")).items())
                                   if "/Dests" in others else {})
        ours = dict(_destinations(pdf, places, destinations))
        entries.update(ours)
        links = _typst_links(data, ours, destinations, link_alt, dangling)
        if links is None:  # not as Typst writes them: read and changed by pikepdf
            annots = _resolve_links(pdf, ours, destinations, link_alt, dangling)
            if any(not annot.is_indirect for annot in annots):
                return _rewrite_with_destinations(pdf, places, target, link_alt, dangling)
            links = [(*annot.objgen, annot.unparse(resolved=True)) for annot in annots]
        keys = sorted((pikepdf.String(ident) for ident in entries), key=bytes)  # byte order
        # the tree's one node is written in the catalog (a new object would need a number
        # from pikepdf, which reads the whole file to find one)
        tree = pikepdf.Dictionary(Names=pikepdf.Array(
            [item for key in keys for item in (key, entries[str(key)])]))
        catalog = pdf.Root
        catalog.Names = pikepdf.Dictionary({**others, "/Dests": tree})
        changed = [catalog]
        mark_info = catalog.get("/MarkInfo")
        if _drop_false_suspects(pdf) and mark_info is not None and mark_info.is_indirect:
            changed.append(mark_info)
        out = bytearray(data if data.endswith(b"\n") else data + b"\n")
        offsets: dict[int, tuple[int, int]] = {}
        for number, generation, text in [*((*obj.objgen, obj.unparse(resolved=True))
                                           for obj in changed), *links]:
            offsets[number] = (len(out), generation)
            out += b"%d %d obj\n%s\nendobj\n" % (number, generation, text)
        start = len(out)
        out += b"xref\n" + b"".join(b"%d 1\n%010d %05d n\r\n" % (number, *offsets[number])
                                      for number in sorted(offsets))
        trailer = pikepdf.Dictionary({str(k): v for k, v in pdf.trailer.items()
                                      if k not in ("/Prev", "/XRefStm")})
        trailer.Size = max(int(pdf.trailer.get("/Size", 0)), max(offsets) + 1)
        trailer.Prev = previous
        out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer.unparse(resolved=True), start)
        write_over(target, out)
        return len(pdf.pages), destinations


def _classic_xref(data: bytes) -> int | None:
    """The offset of the file's last cross-reference section if it is a table (what Typst
    writes), or None (a cross-reference stream, or a file this cannot read)."""
    found = re.search(rb"startxref\s+(\d+)\s*%%EOF\s*$", data[-256:])
    if found is None:
        return None
    offset = int(found.group(1))
    return offset if data[offset:offset + 4] == b"xref" else None


#: Points above its marker at which a destination opens, so that the marked line shows
#: whole, ascenders and accents included (a marker is at the line's cap height); Typst's own
#: links to a place do the same.
DEST_MARGIN = 10.0


def _destinations(pdf: Any, places: Sequence[Mapping[str, Any]], seen: dict[str, int]
                  ) -> Iterator[tuple[str, Any]]:
    """(id, explicit destination) of each place on a page of ``pdf``, the first of an id;
    ``seen`` gets the page of each."""
    import pikepdf

    pages = list(pdf.pages)
    for place in places:
        ident, number = str(place.get("id", "")), int(place.get("page", 0))
        if not ident or ident in seen or not 1 <= number <= len(pages):
            continue
        page = pages[number - 1]
        height = float(page.mediabox[3])
        seen[ident] = number
        top = min(height, height - float(place.get("y", 0)) + DEST_MARGIN)
        yield ident, pikepdf.Array([page.obj, pikepdf.Name.XYZ,
                                    round(float(place.get("x", 0)), 2), round(top, 2), None])


def _link_target(ident: str, targets: Mapping[str, Any], pages: Mapping[str, int],
                 link_alt: Sequence[str]) -> tuple[Any, str] | None:
    """Where a link to the address "#id" goes (the id's destination in ``targets``) and its
    alternate description ("page 3": ``link_alt`` is the text before and after the page
    number), or None when the id has no place."""
    if ident not in targets:
        return None
    return targets[ident], f"{link_alt[0]}{pages[ident]}{link_alt[1]}"


#: A link to an address "#id" as Typst writes it in a link annotation (a literal string, or
#: a hexadecimal one when the id is not ASCII), any link to such an address, the object
#: that holds it and its alternate description.
_TYPST_LINK = re.compile(
    rb"/A<</Type/Action/S/URI/URI(?:\(#([^()\\]*)\)|<23((?:[0-9A-Fa-f]{2})*)>)>>")
_ANY_LINK_TO_ID = re.compile(rb"/URI\s*(?:\(#|<\s*23)")
_OBJECT_HEAD = re.compile(rb"(\d+) (\d+) obj\n")
_CONTENTS = re.compile(rb"/Contents(?:\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>)", re.S)


def _typst_links(data: bytes, targets: Mapping[str, Any], pages: Mapping[str, int],
                 link_alt: Sequence[str], dangling: list[str] | None
                 ) -> list[tuple[int, int, bytes]] | None:
    """:func:`_resolve_links` on Typst's bytes: the new text of each link annotation to an
    address "#id", as (object number, generation, text), or None when a link is not in the
    form Typst writes (then pikepdf reads them all). Reading the annotations of a book with
    pikepdf (hundreds) took 15-25 ms, more than the rest of the update."""
    import pikepdf

    found: list[tuple[int, int, bytes]] = []
    nowhere: list[str] = []
    written: dict[str, tuple[bytes, bytes] | None] = {}  # an id's link text, made once
    for link in _TYPST_LINK.finditer(data):
        head_end = data.rfind(b" obj\n", 0, link.start()) + 5
        head = _OBJECT_HEAD.fullmatch(data, data.rfind(b"\n", 0, head_end - 5) + 1, head_end)
        end = data.find(b"\nendobj", link.end())
        if head is None or end < 0:
            return None
        body = data[head_end:end]
        at = link.start() - head_end
        contents = list(_CONTENTS.finditer(body))
        if not body.startswith(b"<</Type/Annot/Subtype/Link") or len(contents) != 1 \
                or body.count(b"/S/URI") != 1 or b" obj\n" in body:
            return None
        ident = (link.group(1) if link.group(2) is None else bytes.fromhex(
            link.group(2).decode())).decode("utf-8", errors="replace")
        if ident not in written:
            goes = _link_target(ident, targets, pages, link_alt)
            written[ident] = None if goes is None else (
                b"/Dest" + goes[0].unparse(), b"/Contents" + pikepdf.String(goes[1]).unparse())
        texts = written[ident]
        if texts is None:  # the action is left out
            nowhere.append(ident)
            parts = [(at, at + len(link.group(0)), b"")]
        else:
            parts = [(at, at + len(link.group(0)), texts[0]),
                     (contents[0].start(), contents[0].end(), texts[1])]
        for start, stop, text in sorted(parts, reverse=True):
            body = body[:start] + text + body[stop:]
        found.append((int(head.group(1)), int(head.group(2)), body))
    if len(found) != len(_ANY_LINK_TO_ID.findall(data)) or len({f[0] for f in found}) != len(found):
        return None
    if dangling is not None:
        dangling.extend(i for i in dict.fromkeys(nowhere) if i not in dangling)
    return found


def _resolve_links(pdf: Any, targets: Mapping[str, Any], pages: Mapping[str, int],
                   link_alt: Sequence[str], dangling: list[str] | None) -> list[Any]:
    """Make every link to an address "#id" a link to the destination of the id (``targets``,
    on page ``pages[id]``), described by the page; return the link annotations changed."""
    import pikepdf

    changed = []
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", ()):
            action = annot.get("/A")
            if not isinstance(action, pikepdf.Dictionary) or action.get("/S") != "/URI":
                continue
            address = bytes(action.get("/URI", b""))
            if not address.startswith(b"#"):
                continue
            ident = address[1:].decode("utf-8", errors="replace")
            del annot["/A"]
            goes = _link_target(ident, targets, pages, link_alt)
            if goes is not None:
                annot.Dest, annot.Contents = goes[0], pikepdf.String(goes[1])
            elif dangling is not None and ident not in dangling:
                dangling.append(ident)
            changed.append(annot)
    return changed


def _rewrite_with_destinations(pdf: Any, places: Sequence[Mapping[str, Any]], target: Path,
                               link_alt: Sequence[str] = LINK_ALT,
                               dangling: list[str] | None = None
                               ) -> tuple[int, dict[str, int]]:
    """:func:`add_destinations` for a file that cannot be updated: pikepdf writes it anew."""
    import pikepdf

    destinations: dict[str, int] = {}
    names = pdf.Root.get("/Names")
    if names is None:
        names = pdf.Root.Names = pdf.make_indirect(pikepdf.Dictionary())
    if "/Dests" not in names:
        names.Dests = pikepdf.NameTree.new(pdf).obj
    tree = pikepdf.NameTree(names.Dests)
    _drop_false_suspects(pdf)
    ours = dict(_destinations(pdf, places, destinations))
    for ident, destination in ours.items():
        tree[ident] = destination
    _resolve_links(pdf, ours, destinations, link_alt, dangling)
    # streams copied as Typst wrote them (not decoded and compressed again)
    pdf.save(target, deterministic_id=True, stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return len(pdf.pages), destinations


def _drop_false_suspects(pdf: Any) -> bool:
    """Leave out ``/MarkInfo /Suspects false``, which Typst writes: false is the value of an
    absent entry (ISO 32000-1, table 321; PDF/UA-1 only forbids true), and poppler (22.x
    here) takes a false entry for one of the wrong type and prints "Syntax Error: Suspects
    object is wrong type (boolean)" for every PDF of the edition."""
    import pikepdf

    mark_info = pdf.Root.get("/MarkInfo")
    if isinstance(mark_info, pikepdf.Dictionary):
        suspects = mark_info.get("/Suspects")  # a PDF boolean comes as a Python bool
        if isinstance(suspects, bool) and not suspects:
            del mark_info["/Suspects"]
            return True
    return False


def _warning_text(warning: Any) -> str:
    return " ".join(str(getattr(warning, "message", warning)).split())


def _unique(items: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


_DEST = re.compile(r'#k-dest\("((?:[^"\\]|\\.)*)"\)')


def typst_error_message(text: PdfText, source: str, exc: BaseException) -> str:
    """A Typst error as a sentence: the document, the nearest element with an id before the
    place of the error in the generated source (a TEI xml:id), and Typst's message."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    where = ""
    found = re.search(r"main\.typ:(\d+):(\d+)", str(getattr(exc, "diagnostic", "") or exc))
    lines = source.splitlines(keepends=True)
    if found and int(found.group(1)) <= len(lines):
        offset = sum(len(line) for line in lines[:int(found.group(1)) - 1]) + int(found.group(2))
        ids = [m.group(1) for m in _DEST.finditer(source, 0, offset)]
        if ids:
            ident = re.sub(r"\\(.)", r"\1", ids[-1])
            where = f" (near the element with xml:id {ident!r})"
    return f"{text.path}: the PDF could not be typeset{where}: Typst: {message}"


def formatted_citations(model: CitationModel | None, warnings: list[str] | None = None
                        ) -> dict[str, str]:
    """The Chicago citation of each text (CSL, :mod:`teiedition.citation.formats`), by text id.

    Without a citation model (sources without citation metadata) the result is empty and the
    title page gets the sentence print.xsl builds from the TEI header.
    """
    if model is None:
        return {}
    try:
        from teiedition.citation.formats import formatted_many

        texts = formatted_many(model.editions, "chicago")
        return {info.text: " ".join(text.split())
                for info, text in zip(model.editions, texts, strict=True)}
    except EditionError as exc:
        if warnings is not None:
            warnings.append(f"PDF title page: no CSL citation ({exc}); built from the header")
        return {}


class CorpusParts(Protocol):
    """The enriched corpus as XML text, piece by piece (for worker processes)."""

    def part_xml(self, idents: Iterable[str] = ()) -> str: ...

    def doc_xml(self, ident: str) -> str: ...


def write_pdfs(enriched: Any, texts: Sequence[PdfText], site: Path, options: PdfOptions,
               progress: Callable[[PdfResult], None] | None = None, *, jobs: int = 1,
               parts: CorpusParts | None = None, worker: Executor | None = None
               ) -> list[PdfResult]:
    """Typeset every text of the corpus into the site folder; results in the order of ``texts``.
    (:func:`start_pdfs`, waited for.)"""
    return start_pdfs(enriched, texts, site, options, progress, jobs=jobs, parts=parts,
                      worker=worker)()


def _collector(futures: Sequence[Future[PdfResult]],
               progress: Callable[[PdfResult], None] | None,
               *pools: Executor) -> Callable[[], list[PdfResult]]:
    """The function that waits for ``futures`` in order, reports each result, and shuts the
    pools down however it ends."""

    def collect() -> list[PdfResult]:
        try:
            results = []
            for future in futures:
                result = future.result()
                if progress is not None:
                    progress(result)
                results.append(result)
            return results
        finally:
            for pool in pools:
                pool.shutdown(wait=True, cancel_futures=True)

    return collect


def start_pdfs(enriched: Any, texts: Sequence[PdfText], site: Path, options: PdfOptions,
               progress: Callable[[PdfResult], None] | None = None, *, jobs: int = 1,
               parts: CorpusParts | None = None, worker: Executor | None = None
               ) -> Callable[[], list[PdfResult]]:
    """Start typesetting every text; return the function that waits for the results (in the
    order of ``texts``) and raises the first error.

    In this process, the Typst documents are written one after the other by the print
    stylesheet, and each is compiled by one background thread while the next is written
    and, after the last, while the caller goes on (Typst's compiler runs without Python's
    lock; Saxon is only ever used by the calling thread). With ``jobs`` > 1, several texts
    and ``parts`` (the enriched corpus as XML text, piece by piece:
    :class:`teiedition.build.corpus.EnrichedCorpus`), the texts are typeset by ``jobs``
    worker processes started with the 'spawn' method (never forked from this process,
    which runs Saxon). Each worker reads the registers once and, for each
    text, that text alone, and runs :func:`write_pdf`: a text's PDF depends only on the
    text and the registers, so the files are the same as from a serial build.

    ``worker`` (:func:`start_worker`, with ``jobs`` > 1 and ``parts``): a worker process
    started earlier, ready to typeset; it takes its share of the texts (one in ``jobs``)
    and is shut down with the others when the results are in.
    """
    if jobs <= 1 or not texts or parts is None:
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="typst")
        futures: list[Future[PdfResult]] = []
        try:
            for text in texts:
                started = time.perf_counter()
                attachment = attachment_name(text) if options.archival else ""
                source = typst_source(enriched, text, options, attachment)
                futures.append(pool.submit(compile_pdf, source, attachment, text, site,
                                           options, started))
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise

        return _collector(futures, progress, pool)
    registers = parts.part_xml()
    count = min(jobs, len(texts))
    pools: list[Executor] = []
    try:
        if worker is not None:  # one process in it: the registers arrive before any text
            worker.submit(_worker_init, registers)
            pools.append(worker)
        if count > len(pools):
            pools.append(worker_pool(count - len(pools), _worker_start, (registers,)))
        # the started worker takes every count-th text, the other pool the rest
        submitted = [(pools[0] if i % count == 0 or len(pools) == 1 else pools[-1]).submit(
            _worker_write, text, parts.doc_xml(text.id), site, options)
            for i, text in enumerate(texts)]
    except BaseException:
        for one in pools:
            one.shutdown(wait=True, cancel_futures=True)
        raise

    return _collector(submitted, progress, *pools)


def start_worker() -> Executor:
    """A PDF worker process, started now and made ready while the caller goes on: the
    package imported, the print stylesheet compiled, Typst's fonts found (what a worker
    otherwise does before its first text). Forked when this process has not started Saxon
    yet (see :mod:`teiedition.workers`). Give it to :func:`start_pdfs`, or shut it down."""
    pool = worker_pool(1, _worker_warm, fork=True)
    pool.submit(_worker_warm)  # a process starts at its first task
    return pool


#: The registers of a worker process's corpus as XML text (set once by :func:`_worker_init`):
#: a corpus element with the register documents only.
_worker_registers: str = ""


#: The works cited of a worker process, formatted once when its options ask for them.
_worker_works: str | None = None


def worker_works(worker: Executor, registers_xml: str) -> Future[tuple[str, list[str]]]:
    """Have a started PDF worker (:func:`start_worker`) format the works cited of these
    registers (the corpus's :meth:`part_xml`) now, for the caller's pages and for its own
    PDFs (``PdfOptions.works`` :data:`WORKS_IN_WORKER`): the works and the warnings."""
    worker.submit(_worker_init, registers_xml)
    return worker.submit(_worker_format_works)


def _worker_format_works() -> tuple[str, list[str]]:
    """In a worker process: the works cited of its registers, formatted once."""
    global _worker_works, _worker_works_warnings
    if _worker_works is None:
        from lxml import etree

        from teiedition.xmlio import safe_parser

        _worker_works_warnings = []
        # (a draft may repeat an xml:id: the parser must not collect them)
        _worker_works = works_cited(corpus_entries(
            etree.fromstring(_worker_registers.encode(), safe_parser())),
            _worker_works_warnings)
    return _worker_works, list(_worker_works_warnings)


#: What formatting the works cited of a worker process said (with :data:`_worker_works`).
_worker_works_warnings: list[str] = []


def _worker_warm() -> None:
    """In a worker process: compile the print stylesheet, find the fonts and typeset a
    small page with the edition's page setup (Typst then has the fonts read and its own
    state ready for the first text; all kept for the process's life).

    Typst lays out on one thread here (``RAYON_NUM_THREADS``, unless the environment sets
    it): the worker processes already keep the cores busy, and Typst's own threads only
    add the cost of sharing its work out (about a tenth of its processor time)."""
    os.environ.setdefault("RAYON_NUM_THREADS", "1")  # read when Typst first lays out
    saxon.compile_file(print_stylesheet())
    compiler = _typst_compiler()
    page = print_page().read_text(encoding="utf-8")
    with contextlib.suppress(Exception):  # only a warm-up: the texts report their errors
        compiler.compile(input=(page + _WARM_UP).encode("utf-8"),
                         pdf_standards=list(STANDARDS_DEFAULT))


#: The body of the warm-up page: a heading, a paragraph in the scripts the page's fonts
#: cover (Latin, Cyrillic, Chinese), a footnote.
_WARM_UP = """
#set document(title: "warm-up")
#show: k-edition.with(lang: "en")
= Warm-up
Text _and_ *text* with a note#footnote[A note.] — Карахан, 加拉罕.
"""


def _worker_init(registers_xml: str) -> None:
    """In a worker process: keep the registers, the part of the corpus every text needs."""
    global _worker_registers, _worker_works
    if registers_xml != _worker_registers:
        _worker_registers, _worker_works = registers_xml, None


def _worker_start(registers_xml: str) -> None:
    """In a worker process: :func:`_worker_warm`, then :func:`_worker_init`."""
    _worker_warm()
    _worker_init(registers_xml)


def _worker_write(text: PdfText, text_xml: str, site: Path, options: PdfOptions) -> PdfResult:
    """In a worker process: typeset one text from the registers and that text's document."""
    if options.works == WORKS_IN_WORKER:
        options = replace(options, works=_worker_format_works()[0])
    end = _worker_registers.rindex("</")
    enriched = saxon.parse(_worker_registers[:end] + text_xml + _worker_registers[end:])
    return write_pdf(enriched, text, site, options)


#: ``PdfOptions.works`` for worker processes that format the works cited themselves.
WORKS_IN_WORKER = "<worker/>"
