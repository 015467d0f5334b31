"""The HTML edition: every page from the enriched corpus (``transforms/html.xsl``), the
assets, the basemap and the Pagefind binary (the search index: :mod:`.search`).

Which pages a process writes is decided here, not in the stylesheets: ``$shared-pages``
(home, chronology, map, search, register indexes), ``$text-ids`` and ``$entry-keys`` name
them. A corpus of at least :data:`PARALLEL_HTML_BYTES` of TEI is divided among worker
processes; every page is written by exactly one, so the files are those of a serial run.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from teiedition import saxon
from teiedition.build.config import BuildConfig
from teiedition.build.corpus import EnrichedCorpus
from teiedition.errors import EditionError
from teiedition.resources import assets_dir, html_stylesheet
from teiedition.workers import WorkerPool, received, worker_pool
from teiedition.xmlio import SITE_NS


class SiteError(EditionError):
    """The site cannot be written (failed transform, failed search index)."""


#: A corpus with at least this many bytes of TEI writes its pages with several processes
#: (below it, starting a process costs more than it saves; measured with edition bench).
PARALLEL_HTML_BYTES = 6_000_000
#: What the shared pages (home, chronology, map, search, the registers' indexes) cost, in
#: texts' pages (a text's reading and About pages): a part that every corpus has, and a part
#: for each register entry (the indexes list them all). The process that writes them gets
#: that many fewer texts. A worker process also parses the enriched corpus before its
#: first page, which the base takes off (measured with a 300-text corpus and one of 100
#: texts and 10,000 persons: the two processes end within about a second).
SHARED_PAGES_BASE = 15
SHARED_PAGES_PER_ENTRY = 0.01
_PRINCIPAL = ".principal-result"


@dataclass(frozen=True)
class PageShare:
    """The pages one process writes: the shared ones or not, and which texts and entries
    (None: all)."""

    shared: bool = True
    texts: tuple[str, ...] | None = None
    entries: tuple[str, ...] | None = None

    def params(self) -> dict[str, Any]:
        return {"shared-pages": self.shared,
                "text-ids": "*" if self.texts is None else " ".join(self.texts),
                "entry-keys": "*" if self.entries is None else " ".join(self.entries)}


def divide(texts: Sequence[str], entries: Sequence[str], shares: int) -> list[PageShare]:
    """Divide the pages among ``shares`` processes: share 0 writes the shared pages and as
    many fewer texts as they weigh, the others the rest of the texts in equal consecutive
    blocks; entries go round-robin."""
    if shares <= 1:
        return [PageShare()]
    count = len(texts)
    shared = SHARED_PAGES_BASE + SHARED_PAGES_PER_ENTRY * len(entries)
    first = min(count, max(0, round((count + shared) / shares - shared)))
    rest, others = count - first, shares - 1
    bounds = [0, first] + [first + rest * i // others for i in range(1, shares)]
    return [PageShare(shared=i == 0, texts=tuple(texts[bounds[i]:bounds[i + 1]]),
                      entries=tuple(e for n, e in enumerate(entries) if n % shares == i))
            for i in range(shares)]


def shares_for(size: int, config: BuildConfig) -> int:
    """How many processes write the pages of a corpus of ``size`` bytes of TEI."""
    return config.workers if config.workers > 1 and size >= PARALLEL_HTML_BYTES else 1


def start_workers(size: int, config: BuildConfig) -> WorkerPool | None:
    """The worker processes that will write a share of the pages each (None: the pages are
    written by the caller alone), started now and made ready (the package imported, the
    stylesheet compiled) while the caller enriches the corpus. Give them to
    :func:`write_pages`; the caller shuts them down."""
    shares = shares_for(size, config)
    if shares <= 1:
        return None
    pool = worker_pool(shares - 1, compile_stylesheet, counted=True)
    for _ in range(shares - 1):
        pool.submit(compile_stylesheet)  # a process starts at its first task
    return pool


def compile_stylesheet() -> None:
    """Compile ``html.xsl`` now (it is kept for the process's life)."""
    saxon.compile_file(html_stylesheet())


def write_pages(corpus: EnrichedCorpus, staging: Path, config: BuildConfig,
                basemap: bytes | None, citations: bytes | None, works: str = "", *,
                workers: WorkerPool | None = None) -> list[str]:
    """Run ``html.xsl`` over the enriched corpus: every page into ``staging``; return the
    stylesheet's messages. ``works``: the works cited formatted by CSL
    (:func:`teiedition.citation.works.works_cited`), or empty. ``workers``: the processes
    :func:`start_workers` started for this corpus, else they are started here."""
    size = sum(len(d.source.data) for d in corpus.documents)
    shares = shares_for(size, config)
    parts = divide([t.id for t in corpus.texts],
                   [key for _, el in corpus.entries() for key in [_entry_key(el)]], shares)
    messages: list[str] = []
    if len(parts) == 1:
        _write_share(corpus.tree, staging, config, basemap, citations, works, parts[0], 0,
                     messages)
        return messages
    pool = workers if workers is not None else worker_pool(len(parts) - 1, counted=True)
    try:
        futures = [pool.submit(_share_worker, corpus.xml(), staging, config, basemap,
                               citations, works, part, i) for i, part in enumerate(parts[1:], 1)]
        pool.hand_over(futures)  # before Saxon holds Python's lock for a while
        _write_share(corpus.tree, staging, config, basemap, citations, works, parts[0], 0,
                     messages)
        for future in futures:
            messages.extend(future.result())
    finally:
        if workers is None:
            pool.shutdown(wait=True, cancel_futures=True)
    return messages


def _entry_key(element: Any) -> str:
    return str(element.get(f"{{{SITE_NS}}}entry"))


def html_params(config: BuildConfig, basemap: bytes | None, citations: bytes | None,
                works: str = "") -> dict[str, Any]:
    params: dict[str, Any] = config.stylesheet_params()
    if basemap is not None:
        params["basemap"] = saxon.parse(basemap.decode("utf-8"))
    if citations is not None:  # metadata and "Cite this" (teiedition.citation.pagedata)
        params["citations"] = saxon.parse(citations.decode("utf-8"))
    if works:  # the works cited formatted by CSL, as the PDF has them
        params["works"] = saxon.parse(works)
    return params


def _write_share(tree: Any, staging: Path, config: BuildConfig, basemap: bytes | None,
                 citations: bytes | None, works: str, share: PageShare, index: int,
                 messages: list[str]) -> None:
    params = html_params(config, basemap, citations, works)
    params.update(share.params())
    principal = f"{_PRINCIPAL}-{index}"
    stylesheet = html_stylesheet()
    saxon.transform_to_directory(saxon.compile_file(stylesheet), tree, staging,
                                 name=stylesheet.name, principal=principal, params=params,
                                 messages=messages)
    (staging / principal).unlink(missing_ok=True)


def _share_worker(enriched_xml: str, staging: Path, config: BuildConfig,
                  basemap: bytes | None, citations: bytes | None, works: str,
                  share: PageShare, index: int) -> list[str]:
    """In a worker process: write one share of the pages; return the stylesheet's messages."""
    received()
    messages: list[str] = []
    _write_share(saxon.parse(enriched_xml), staging, config, basemap, citations, works, share,
                 index, messages)
    return messages


def start_basemap(config: BuildConfig, warnings: list[str], worker: Executor | None = None
                  ) -> Callable[[], bytes | None]:
    """Start drawing the basemap as SVG (:func:`teiedition.rendering.mapsvg.basemap_svg`),
    in ``worker``'s process when one is given (the build's PDF worker, which has time while
    this process validates and enriches); return the function that gives it, or None (with
    a warning) when the file is missing."""
    from teiedition.rendering import mapsvg

    path = config.basemap_file
    if not path.is_file():
        warnings.append(f"no basemap at {path}: the map shows places only")
        return lambda: None
    if worker is None:
        return lambda: mapsvg.basemap_svg(path)
    pending = worker.submit(mapsvg.basemap_svg, path)

    def result() -> bytes | None:
        try:
            return pending.result()
        except mapsvg.BasemapError:
            raise
        except Exception:  # the worker process could not: drawn here
            return mapsvg.basemap_svg(path)

    return result


def copy_assets(staging: Path) -> None:
    target = staging / "assets"
    target.mkdir(parents=True, exist_ok=True)
    for asset in sorted(assets_dir().iterdir()):
        if asset.is_file():
            shutil.copy2(asset, target / asset.name)


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the PyPI package ``pagefind-bin``."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - install problem
        raise SiteError("the search index needs Pagefind: pip install 'pagefind[bin]'") from exc
    return Path(pagefind_bin.get_executable())
