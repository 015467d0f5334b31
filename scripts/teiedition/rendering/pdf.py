"""Write the PDF edition: paged HTML from ``transforms/print.xsl``, typeset by WeasyPrint.

Data flow, per text::

    enriched corpus ─▶ print.xsl (text-id) ─▶ paged HTML + assets/print.css
        ─▶ WeasyPrint: first layout ─▶ page of every mention anchor
        ─▶ print.xsl again with those pages (the index keeps one link per page)
        ─▶ WeasyPrint: final layout ─▶ <text-id>.pdf

When the pages of the previous build are known (incremental builds), the first layout is
made with them; if every mention is still on its page, it is the final layout.

The index's page numbers are CSS ``target-counter()`` values of links to the mention
anchors; the first layout only tells the stylesheet which mentions share a page, so that
the index prints each page once. The index is the last part of the document: what it
contains cannot move anything before it, so the second layout puts every anchor on the
page the first one found.

Nothing is fetched from the network: :class:`LocalFetcher` serves files from the staging
folder and ``transforms/assets`` and refuses every other URL. Fonts come from fontconfig
(Debian's fonts-noto-core and fonts-noto-cjk) and are embedded as subsets.

Default output is tagged PDF/UA-1 (structure tree, ``/Lang``, ``/MarkInfo``, document title
displayed); ``archival=True`` makes PDF/A-3b, still tagged, with the TEI source embedded as
an associated file (``AFRelationship /Source``).
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from teiedition import saxon
from teiedition.errors import EditionError
from teiedition.resources import assets_dir, print_stylesheet
from teiedition.workers import worker_pool

if TYPE_CHECKING:
    from teiedition.citation.units import CitationModel
#: WeasyPrint's names of the two variants the edition makes.
VARIANT_DEFAULT = "pdf/ua-1"
VARIANT_ARCHIVAL = "pdf/a-3b"
#: Prefix of the ids the print stylesheet gives to entity mentions (index targets).
MENTION_PREFIX = "mention-"


class PdfError(EditionError):
    """The PDF edition cannot be written (failed transform, refused resource, no renderer)."""


@dataclass
class PdfOptions:
    """What the PDF of a build depends on, besides the corpus (picklable for workers)."""

    #: The parameters every stylesheet takes (``BuildConfig.stylesheet_params``).
    params: Mapping[str, Any]
    version: str
    #: PDF/A-3b with the TEI source attached, instead of PDF/UA-1.
    archival: bool = False
    #: Citation sentence per text id for the title page; a text without one gets the
    #: sentence print.xsl builds from the TEI header.
    citations: Mapping[str, str] = field(default_factory=dict)


@dataclass
class PdfText:
    """One text to print: its site id, its path in the edition folder, its source bytes."""

    id: str
    path: str
    data: bytes
    #: The page of every mention anchor in the previous build of this text, if known: when
    #: the anchors are still on those pages, one layout suffices (see :func:`write_pdf`).
    known_pages: Mapping[str, int] | None = None


@dataclass
class PdfResult:
    path: Path
    pages: int
    seconds: float
    warnings: list[str]
    #: The page of every mention anchor (what the index was made from).
    anchor_pages: dict[str, int] = field(default_factory=dict)
    #: WeasyPrint layouts made: 2, or 1 when ``known_pages`` were right.
    layouts: int = 2


class LocalFetcher:
    """A WeasyPrint URL fetcher that serves local files from a few folders only.

    Any URL that is not a ``file:`` URL inside one of ``roots`` is refused and recorded in
    :attr:`refused` (WeasyPrint then renders without it; :func:`write_pdf` fails the build).
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []
        self._delegate: Any = None

    def allows(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        for root in self.roots:
            if path.is_relative_to(root) and path.is_file():
                return path
        return None

    def fetcher(self) -> Any:
        """The object WeasyPrint calls (a subclass of its own URLFetcher)."""
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        outer = self

        class _Fetcher(URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                path = outer.allows(url)
                if path is None:
                    outer.refused.append(url)
                    raise ValueError(f"refused (the PDF build fetches local files only): {url}")
                mime = "text/css" if path.suffix == ".css" else None
                return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                          {"Content-Type": mime} if mime else None)

        return _Fetcher(allowed_protocols=["file"])


def print_params(text: PdfText, options: PdfOptions, index_pages: Mapping[str, int]
                 ) -> dict[str, Any]:
    return {
        **options.params,
        "text-id": text.id,
        "pdf-name": f"{text.id}.pdf",
        "citation": options.citations.get(text.id, ""),
        "index-pages": " ".join(f"{k}={v}" for k, v in sorted(index_pages.items())),
    }


def paged_html(enriched: Any, text: PdfText, options: PdfOptions,
               index_pages: Mapping[str, int] | None = None) -> str:
    """The paged HTML document of one text (``print.xsl`` on the enriched corpus)."""
    executable = saxon.compile_file(print_stylesheet())
    try:
        return saxon.transform(executable, enriched, name=print_stylesheet().name,
                               params=print_params(text, options, index_pages or {}))
    except EditionError as exc:
        raise PdfError(f"{text.path}: the print transformation failed: {exc}") from exc


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:  # pragma: no cover - install problem
        raise PdfError("the PDF edition needs WeasyPrint: pip install weasyprint") from exc
    return weasyprint


class _Captured(logging.Handler):
    """Collects WeasyPrint's warnings and errors (unsupported CSS, missing resources)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def _render(html: str, base: Path, fetcher: LocalFetcher, font_config: Any) -> Any:
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=base.resolve().as_uri() + "/",
                               url_fetcher=fetcher.fetcher())
    return document.render(font_config=font_config, pdf_tags=True)


def anchor_pages(document: Any, prefix: str = MENTION_PREFIX) -> dict[str, int]:
    """Page number (1-based) of every anchor whose id starts with ``prefix``."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            if anchor.startswith(prefix):
                pages.setdefault(anchor, number)
    return pages


def write_pdf(enriched: Any, text: PdfText, site: Path, options: PdfOptions) -> PdfResult:
    """Typeset one text into ``site/<text-id>.pdf``."""
    weasyprint = _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    started = time.perf_counter()
    fetcher = LocalFetcher([site, assets_dir()])
    captured = _Captured()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(captured)
    try:
        font_config = FontConfiguration()
        # The index is the last part: what it contains moves no anchor before it, so any
        # layout tells the page of every mention. With the pages of the previous build,
        # the first layout is already the final one if the mentions have not moved.
        first = _render(paged_html(enriched, text, options, text.known_pages),
                        assets_dir().parent, fetcher, font_config)
        pages = anchor_pages(first)
        if text.known_pages and pages == dict(text.known_pages):
            final = first
        else:
            final = _render(paged_html(enriched, text, options, pages), assets_dir().parent,
                            fetcher, font_config)
        if anchor_pages(final) != pages:
            raise PdfError(f"{text.path}: mentions moved between the two layouts; "
                           "the index would be wrong")
        target = site / f"{text.id}.pdf"
        write_options: dict[str, Any] = {
            "pdf_variant": VARIANT_ARCHIVAL if options.archival else VARIANT_DEFAULT,
            "pdf_tags": True,
            "pdf_identifier": f"teiedition:{text.id}:{options.version}".encode(),
        }
        if options.archival:
            write_options["attachments"] = [weasyprint.Attachment(
                file_obj=io.BytesIO(text.data), name=Path(text.path).name,
                description=f"TEI P5 source of {text.id}", relationship="Source")]
        final.write_pdf(target, **write_options)
    except EditionError:
        raise
    except Exception as exc:  # WeasyPrint's own failures: name the document and the stage
        raise PdfError(f"{text.path}: the PDF renderer (WeasyPrint) failed: "
                       f"{type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(captured)
    if fetcher.refused:
        raise PdfError(f"{text.path}: the print document asked for resources outside the "
                       "site: " + ", ".join(sorted(set(fetcher.refused))))
    warnings = [f"{text.id}.pdf: {m}" for m in _relevant(captured.records)]
    return PdfResult(target, len(final.pages), time.perf_counter() - started, warnings,
                     pages, layouts=1 if final is first else 2)


def _relevant(records: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for record in records:
        if record not in seen:
            seen.append(record)
    return seen


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


def write_pdfs(enriched: Any, texts: Sequence[PdfText], site: Path, options: PdfOptions,
               progress: Callable[[PdfResult], None] | None = None, *, jobs: int = 1,
               enriched_xml: str | None = None) -> list[PdfResult]:
    """Typeset every text of the corpus into the site folder; results in the order of ``texts``.

    With ``jobs`` > 1, several texts and ``enriched_xml`` (the enriched corpus serialised),
    the texts are typeset by ``jobs`` worker processes started with the 'spawn' method (never
    forked from this process, which runs Saxon). Each worker parses ``enriched_xml`` once and
    then runs :func:`write_pdf` for the texts it is given, so the files are the same as from
    a serial build.
    """
    if jobs <= 1 or len(texts) <= 1 or enriched_xml is None:
        results = []
        for text in texts:
            result = write_pdf(enriched, text, site, options)
            if progress is not None:
                progress(result)
            results.append(result)
        return results
    from concurrent.futures import as_completed

    by_text: dict[str, PdfResult] = {}
    with worker_pool(min(jobs, len(texts)), _worker_init, (enriched_xml,)) as pool:
        futures = {pool.submit(_worker_write, text, site, options): text for text in texts}
        for future in as_completed(futures):
            result = future.result()
            by_text[futures[future].id] = result
            if progress is not None:
                progress(result)
    return [by_text[text.id] for text in texts]


#: The enriched corpus of a worker process (set once by :func:`_worker_init`).
_worker_enriched: Any = None


def _worker_init(enriched_xml: str) -> None:
    """In a worker process: read the enriched corpus once."""
    global _worker_enriched
    _worker_enriched = saxon.parse(enriched_xml)


def _worker_write(text: PdfText, site: Path, options: PdfOptions) -> PdfResult:
    return write_pdf(_worker_enriched, text, site, options)
