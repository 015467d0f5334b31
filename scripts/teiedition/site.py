"""Write the HTML site from validated sources (issue 4).

Data flow, in one direction::

    SourceDocument trees ─▶ corpus (k:corpus/k:doc/tei:TEI)
        ─▶ transforms/pipeline/NN-*.xsl (resolve refs, number notes, mark mentions)
        ─▶ transforms/html.xsl (every page via xsl:result-document)
        ─▶ assets copied, basemap drawn (mapsvg), search index built (Pagefind)

Every document under ``edition_dir/registers/`` is a register; every other one is a text,
published at ``<text-id>.html`` (the file name without ``.xml``). Stylesheets are compiled
once per process (:mod:`teiedition.saxon`).
"""

from __future__ import annotations

import datetime as _dt
import functools
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from . import __version__, saxon, sitecite
from .diagnostics import EditionError
from .paths import REGISTERS_SUBDIR, TRANSFORMS_DIR
from .xmlio import SourceDocument

if TYPE_CHECKING:
    from collections.abc import Callable

    from .incremental import PdfCache

SITE_NS = "urn:teiedition:site"
HTML_XSL = TRANSFORMS_DIR / "html.xsl"
PIPELINE_DIR = TRANSFORMS_DIR / "pipeline"
ASSETS_DIR = TRANSFORMS_DIR / "assets"


class SiteError(EditionError):
    """The site cannot be written (name clash, failed transform, failed search index)."""


@dataclass
class SiteOptions:
    """What a build may vary; tests pin ``build_date`` and ``version``."""

    build_date: str = field(default_factory=lambda: _dt.date.today().isoformat())
    version: str = __version__
    lang: str = "en"
    #: 'render' (visible fallback), 'warn' or 'fail' for elements without a template.
    unhandled: str = "render"
    #: Build the Pagefind index (needs the pagefind binary from PyPI ``pagefind[bin]``).
    search: bool = True
    #: TopoJSON basemap; ``None`` uses node_modules/world-atlas/countries-110m.json.
    basemap: Path | None = None
    #: Typeset ``<text-id>.pdf`` for every text (teiedition.pdf, WeasyPrint).
    pdf: bool = True
    #: PDF/A-3b with the TEI source attached instead of tagged PDF/UA-1.
    archival: bool = False
    #: Citation sentence per text id for the PDF title page (else built from the header).
    citations: dict[str, str] = field(default_factory=dict)


@dataclass
class SiteResult:
    pages: list[Path]
    warnings: list[str]
    pdfs: list[Path] = field(default_factory=list)
    #: The PDFs copied unchanged from the previous site (a subset of ``pdfs``).
    pdfs_reused: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    """One document of the corpus."""

    doc: SourceDocument
    path: str  # relative to the edition folder, with "/"
    id: str
    kind: str  # "text" or "register"


def classify(docs: Sequence[SourceDocument], edition_dir: Path) -> list[Entry]:
    """Texts and registers, with their site ids; clashing ids are an error."""
    base = edition_dir.resolve()
    entries: list[Entry] = []
    seen: dict[tuple[str, str], str] = {}
    for doc in docs:
        rel = doc.path.resolve().relative_to(base)
        kind = "register" if rel.parts[0] == REGISTERS_SUBDIR and len(rel.parts) > 1 else "text"
        ident = rel.stem
        other = seen.get((kind, ident))
        if other is not None:
            raise SiteError(f"{rel.as_posix()} and {other} would both be published as "
                            f"'{ident}'; rename one of them")
        seen[(kind, ident)] = rel.as_posix()
        entries.append(Entry(doc, rel.as_posix(), ident, kind))
    entries.sort(key=lambda e: (e.kind != "text", e.path))
    return entries


def corpus_xml(entries: Sequence[Entry]) -> bytes:
    """The corpus document: every TEI tree in a ``k:doc`` wrapper with path, id and kind."""
    root = etree.Element(f"{{{SITE_NS}}}corpus", nsmap={"k": SITE_NS})
    for entry in entries:
        wrapper = etree.SubElement(root, f"{{{SITE_NS}}}doc",
                                   {"path": entry.path, "id": entry.id, "kind": entry.kind})
        tree = entry.doc.tree
        if tree is None:
            raise SiteError(f"{entry.path}: the document was not loaded")
        wrapper.append(_copy(tree.getroot()))
    return bytes(etree.tostring(root, encoding="utf-8"))


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def enrich(corpus: bytes, messages: list[str] | None = None) -> Any:
    """Run the numbered pipeline stages on the corpus; return the enriched Saxon tree."""
    node = saxon.parse(corpus.decode("utf-8"))
    for stage in pipeline_stages():
        node = saxon.transform_to_node(saxon.compile_file(stage), node, name=stage.name,
                                       messages=messages)
    return node


def pipeline_stages() -> list[Path]:
    return sorted(PIPELINE_DIR.glob("[0-9][0-9]-*.xsl"))


def html_params(options: SiteOptions, basemap: bytes | None,
                citations: bytes | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {
        "build-date": options.build_date,
        "generator-version": options.version,
        "lang": options.lang,
        "unhandled": options.unhandled,
    }
    if basemap is not None:
        params["basemap"] = saxon.parse(basemap.decode("utf-8"))
    if citations is not None:  # metadata and "Cite this" (teiedition.sitecite)
        params["citations"] = saxon.parse(citations.decode("utf-8"))
    return params


def write_site(docs: Sequence[SourceDocument], edition_dir: Path, staging: Path,
               options: SiteOptions | None = None, *, pdf_cache: PdfCache | None = None,
               jobs: int = 1, progress: Callable[[str], None] | None = None) -> SiteResult:
    """Write every page, the assets and the search index into ``staging``.

    ``pdf_cache`` lets unchanged PDFs be copied from the previous site; ``jobs`` worker
    processes typeset the others; ``progress`` receives one line per stage.
    """
    options = options or SiteOptions()
    if progress:
        progress("HTML: enriching the corpus")
    warnings: list[str] = []
    entries = classify(docs, edition_dir)
    messages: list[str] = []
    enriched = enrich(corpus_xml(entries), messages)
    basemap = _basemap(options, warnings)
    citations, no_citations = sitecite.site_citations(docs, edition_dir)
    if no_citations:
        warnings.append(no_citations)
    before = set(staging.rglob("*"))
    size = sum(len(d.data) for d in docs)
    shards = jobs if jobs > 1 and size >= PARALLEL_HTML_BYTES else 1
    if progress:
        progress("HTML: writing the pages" + (f" ({shards} processes)" if shards > 1 else ""))
    # what worker processes start from: serialised once, and only if a worker is started
    enriched_xml = functools.cache(lambda: saxon.serialize(enriched))
    write_pages(enriched, staging, options, basemap, citations, shards=shards,
                messages=messages, enriched_xml=enriched_xml)
    warnings.extend(m.strip() for m in messages if m.strip())
    pages = sorted(p for p in set(staging.rglob("*.html")) - before)
    for page in pages:
        page.resolve().relative_to(staging.resolve())  # never outside the site
    copy_assets(staging)
    reused: list[Path] = []
    pdfs = (write_pdfs(enriched, entries, edition_dir, staging, options, warnings,
                       pdf_cache=pdf_cache, jobs=jobs, progress=progress, reused=reused,
                       enriched_xml=enriched_xml)
            if options.pdf else [])
    if options.search:
        if progress:
            progress("search index (Pagefind)")
        build_search_index(staging)
    return SiteResult(pages, warnings, pdfs, reused)


#: A corpus with at least this many bytes of TEI writes its pages with ``jobs`` processes
#: (below it, starting a process costs more than it saves).
PARALLEL_HTML_BYTES = 6_000_000
_PRINCIPAL = ".principal-result"


def write_pages(enriched: Any, staging: Path, options: SiteOptions, basemap: bytes | None,
                citations: bytes | None, *, shards: int = 1, messages: list[str],
                enriched_xml: Callable[[], str] | None = None) -> None:
    """Run ``html.xsl`` on the enriched corpus: every page into ``staging``.

    With ``shards`` > 1 the pages are divided (:func:`_shard_pages`; the stylesheet
    parameters ``shared-pages``, ``text-ids`` and ``entry-keys`` say which pages a run
    writes): this process writes shard 0 while ``shards - 1`` worker processes (started
    with 'spawn', never forked from this process, which runs Saxon) parse the serialised
    corpus (``enriched_xml()``) and write the others. Every page is written by one shard,
    so the files are those of a serial run.
    """
    if shards <= 1:
        _write_shard(enriched, staging, options, basemap, citations, 0, None, messages)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    text = enriched_xml() if enriched_xml is not None else saxon.serialize(enriched)
    division = _shard_pages(text, shards)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=shards - 1, mp_context=context) as pool:
        futures = [pool.submit(_shard_worker, text, staging, options, basemap, citations, i,
                               division[i]) for i in range(1, shards)]
        _write_shard(enriched, staging, options, basemap, citations, 0, division[0], messages)
        for future in futures:
            messages.extend(future.result())


# --- Division of the pages among processes (to move into the build orchestration) -------
_TEI_NS = "http://www.tei-c.org/ns/1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Register entries, as f:is-entry in transforms/common/functions.xsl says.
_ENTRIES_XPATH = ".//*[@xml:id][starts-with(local-name(..), 'list')][ancestor::tei:body]"


def _shard_pages(enriched_xml: str, shards: int) -> list[tuple[list[str], list[str]]]:
    """The text ids and entry keys whose pages each of ``shards`` processes writes.

    Texts go in consecutive blocks; shard 0 also writes the pages shared by the site (the
    chronology grows with the corpus; with the home, map and search pages it costs about as
    much as 0.4 × the number of texts, measured with ``edition bench``), so it gets that
    many fewer texts: text n takes place W + n in a series of W + count places cut into
    ``shards`` equal blocks. The n-th entry of each register goes to shard (n - 1) mod
    ``shards``.
    """
    root = etree.fromstring(enriched_xml.encode("utf-8"),
                            etree.XMLParser(huge_tree=True, resolve_entities=False))
    docs = root.findall(f"{{{SITE_NS}}}doc")
    division: list[tuple[list[str], list[str]]] = [([], []) for _ in range(shards)]
    text_ids = [d.get("id", "") for d in docs if d.get("kind") == "text"]
    count = len(text_ids)
    shared = (2 * count + 4) // 5  # ceiling(0.4 × count), exactly
    block = max(1, -(-(shared + count) // shards))
    for n, text_id in enumerate(text_ids, start=1):
        division[min(shards - 1, (shared + n - 1) // block)][0].append(text_id)
    for register in (d for d in docs if d.get("kind") == "register"):
        entries = cast("list[etree._Element]",
                       register.xpath(_ENTRIES_XPATH, namespaces={"tei": _TEI_NS}))
        for n, entry in enumerate(entries, start=1):
            key = f"{register.get('id')}/{entry.get(_XML_ID)}"
            division[(n - 1) % shards][1].append(key)
    return division


def _write_shard(enriched: Any, staging: Path, options: SiteOptions, basemap: bytes | None,
                 citations: bytes | None, shard: int,
                 pages: tuple[list[str], list[str]] | None, messages: list[str]) -> None:
    """Write the pages of one shard: ``pages`` = (text ids, entry keys), ``None`` = all."""
    params = html_params(options, basemap, citations)
    params["shared-pages"] = shard == 0
    if pages is not None:
        params.update({"text-ids": " ".join(pages[0]), "entry-keys": " ".join(pages[1])})
    principal = f"{_PRINCIPAL}-{shard}"
    saxon.transform_to_directory(saxon.compile_file(HTML_XSL), enriched, staging,
                                 name=HTML_XSL.name, principal=principal, params=params,
                                 messages=messages)
    (staging / principal).unlink(missing_ok=True)


def _shard_worker(enriched_xml: str, staging: Path, options: SiteOptions,
                  basemap: bytes | None, citations: bytes | None, shard: int,
                  pages: tuple[list[str], list[str]]) -> list[str]:
    """In a worker process: write one shard of the pages; return the stylesheet's messages."""
    messages: list[str] = []
    _write_shard(saxon.parse(enriched_xml), staging, options, basemap, citations, shard,
                 pages, messages)
    return messages


def write_pdfs(enriched: Any, entries: Sequence[Entry], edition_dir: Path, staging: Path,
               options: SiteOptions, warnings: list[str], *, pdf_cache: PdfCache | None = None,
               jobs: int = 1, progress: Callable[[str], None] | None = None,
               reused: list[Path] | None = None,
               enriched_xml: Callable[[], str] | None = None) -> list[Path]:
    """Typeset every text into ``staging/<text-id>.pdf`` (see :mod:`teiedition.pdf`).

    A text whose PDF inputs are unchanged (``pdf_cache``) gets the previous site's PDF,
    copied byte for byte and appended to ``reused``; the others are typeset, by ``jobs``
    worker processes when there are several.
    """
    from . import pdf

    texts = [pdf.PdfText(e.id, e.path, e.doc.data) for e in entries if e.kind == "text"]
    citations = dict(options.citations) or pdf.formatted_citations(
        [e.doc for e in entries], edition_dir, warnings)
    keys = {t.id: pdf_cache.inputs.pdf_key(t.path, citations.get(t.id, ""))
            for t in texts} if pdf_cache is not None else {}
    todo = []
    for text in texts:
        target = staging / f"{text.id}.pdf"
        if pdf_cache is not None and pdf_cache.reuse(text.id, keys[text.id], target):
            if reused is not None:
                reused.append(target)
            warnings.extend(pdf_cache.warnings(text.id))  # a reused PDF keeps its warnings
        else:
            if pdf_cache is not None:
                text.known_pages = pdf_cache.known_pages(text.id)
            todo.append(text)
    done = [0]

    def report(result: pdf.PdfResult) -> None:
        done[0] += 1
        if progress:
            progress(f"PDF: {done[0]} of {len(todo)} typeset ({result.path.name})")

    if progress and todo:
        progress(f"PDF: typesetting {len(todo)} of {len(texts)} texts, {jobs} job(s)")
    parallel = jobs > 1 and len(todo) > 1
    serialised = None
    if parallel:
        serialised = enriched_xml() if enriched_xml is not None else saxon.serialize(enriched)
    results = pdf.write_pdfs(enriched, todo, staging, pdf.PdfOptions(
        build_date=options.build_date, version=options.version, lang=options.lang,
        unhandled=options.unhandled, archival=options.archival, citations=citations),
        progress=report, jobs=jobs, enriched_xml=serialised)
    warnings.extend(w for r in results for w in r.warnings)
    if pdf_cache is not None:
        for result, text in zip(results, todo, strict=True):
            pdf_cache.record(text.id, keys[text.id], result.path, result.warnings,
                             result.anchor_pages, result.layouts)
    return [staging / f"{t.id}.pdf" for t in texts]


def _basemap(options: SiteOptions, warnings: list[str]) -> bytes | None:
    from . import mapsvg

    path = options.basemap or mapsvg.DEFAULT_BASEMAP
    if not path.is_file():
        warnings.append(f"no basemap at {path} (run `npm install`): the map shows places only")
        return None
    return mapsvg.basemap_svg(path)


def copy_assets(staging: Path) -> None:
    target = staging / "assets"
    target.mkdir(parents=True, exist_ok=True)
    for asset in sorted(ASSETS_DIR.iterdir()):
        if asset.is_file():
            shutil.copy2(asset, target / asset.name)


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the PyPI package ``pagefind-bin``."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - install problem
        raise SiteError("the search index needs Pagefind: pip install 'pagefind[bin]'") from exc
    return Path(pagefind_bin.get_executable())


def build_search_index(site: Path, *, timeout: float = 300) -> None:
    """Index the written pages with Pagefind into ``site/pagefind/`` (no network)."""
    command = [str(pagefind_executable()), "--site", str(site), "--output-subdir", "pagefind",
               "--quiet"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                             check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteError(f"Pagefind could not run: {exc}") from exc
    if run.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        detail = (run.stderr or run.stdout).strip().splitlines()[-5:]
        raise SiteError("Pagefind failed to index the site: " + " | ".join(detail))
