"""The search index: Pagefind (its Python indexing API, the PyPI package ``pagefind``) fed
one record per citable unit, so that a hit leads to the paragraph, note, figure or register
entry it was found in, not just to a page.

Which units exist is the model's decision (:mod:`teiedition.citation.units`); this module
reads the written pages and gives Pagefind, for each unit, a small HTML document holding a
copy of the unit's element, its URL (``page.html#id``) and its marks:

- the filter ``type`` (the unit's kind: ``paragraph``, ``note``, ``figure``, ``person``,
  ``place``, ``organisation``, ``event``, ``treaty``, ``work``; ``text`` for what a reading
  page holds outside its units; ``page`` for the other pages), which the search page turns
  into type labels and filters;
- the metadata ``title`` (the text's title or the entry's name), ``kind`` and ``n`` (the
  number the reader sees: ¶ 2, note 3, figure 1);
- a ``data-pagefind-weight`` per kind (:data:`WEIGHTS`), so that the reading text ranks above
  register entries and the other pages.

Run-in labels of definition lists (``<dt>Publisher</dt><dd>…</dd>``) are left out of the
index and every value ends its own sentence, so excerpts read "Wikimedia Foundation.
https://…" rather than "PublisherWikimedia Foundation". The published pages are not changed.
Nothing is fetched: Pagefind runs locally as a subprocess.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree, html

from teiedition.citation.units import page_path
from teiedition.rendering.html import SiteError, pagefind_executable
from teiedition.xmlio import SITE_NS

if TYPE_CHECKING:
    from teiedition.build.corpus import EnrichedCorpus
    from teiedition.citation.units import CitationModel


class SearchIndexError(SiteError):
    """Pagefind could not index the site."""


#: How much a word counts, by the kind of record it is in (Pagefind's weight, 0–10).
WEIGHTS: dict[str, float] = {"paragraph": 10.0, "text": 3.0, "figure": 3.0, "note": 3.0,
                             "page": 0.25}
#: The weight of a register entry's words (any kind not named in WEIGHTS).
ENTRY_WEIGHT = 0.5
#: Parts of a register entry page that repeat other records (the places a text mentions the
#: entry, the entries that refer to it, the way back to the register) and stay out of it.
ENTRY_EXCLUDED = ("mentioned-in", "referred-by", "breadcrumb")
#: Labels of a register entry page (its kind line, the kind of each name; its heading, which
#: is the record's title, and the heads of its sections are left out too), so that excerpts
#: do not read "Boxer Rebellion. Names. Boxer Rebellion (preferred). Dates. …".
ENTRY_LABELS = ("summary-kind", "name-info")
#: Classes of what is there to navigate, not to read (note calls, the links back from a
#: note, words for screen readers only): kept out of every record's text.
NOT_TEXT = ("noteref", "backref", "visually-hidden")


@dataclass(frozen=True)
class SearchUnit:
    """One record of the index: the unit ``id`` on ``page`` (site-relative)."""

    id: str
    kind: str
    page: str
    title: str
    n: str | None = None
    #: True for an entry of a register (its record leaves out what repeats other records).
    entry: bool = False


@dataclass(frozen=True)
class Record:
    url: str  # relative to the site's root: "page.html#id"
    document: str  # the HTML document Pagefind indexes


def search_units(model: CitationModel | None, corpus: EnrichedCorpus | None = None
                 ) -> list[SearchUnit]:
    """The citable units of the model as search records; notes and figures get the
    number stage 20 of the pipeline gave them (``@k:n``)."""
    if model is None:
        return []
    numbers: dict[tuple[str, str], str] = {}
    if corpus is not None:
        for text in corpus.texts:
            for el in text.tei.iter(etree.Element):
                ref, n = el.get(f"{{{SITE_NS}}}cite"), el.get(f"{{{SITE_NS}}}n")
                if ref and n:
                    numbers[(page_path(text.id), ref)] = n
    units: list[SearchUnit] = []
    for unit in model.units:
        entry = unit.name is not None
        units.append(SearchUnit(
            id=unit.id, kind=unit.kind, page=unit.page,
            title=(unit.name or unit.id) if entry else unit.edition.title,
            n=unit.n or numbers.get((unit.page, unit.id)), entry=entry))
    return units


def _has_class(el: etree._Element, name: str) -> bool:
    return name in (el.get("class") or "").split()


def _prepare(element: etree._Element, *, entry: bool, weight: float,
             nested: Iterable[etree._Element] = ()) -> etree._Element:
    """A copy of ``element`` as it is indexed: nested units out (they are records of their
    own), labels of definition lists ignored, each value its own sentence, headings
    weighed like the rest (Pagefind weighs them up by default, which would rank every
    register entry above the text that mentions it)."""
    skip = set(nested)
    clone = copy.deepcopy(element)
    if "data-pagefind-body" in clone.attrib:
        del clone.attrib["data-pagefind-body"]
    # deepcopy loses identity: find the nested units again by id
    skip_ids = {el.get("id") for el in skip}
    for el in list(clone.iter(etree.Element)):
        if el is clone:
            continue
        if el.get("id") in skip_ids or (
                entry and any(_has_class(el, c) for c in ENTRY_EXCLUDED)):
            _drop(el)
    for el in list(clone.iter(etree.Element)):
        if el.tag == "dt" or any(_has_class(el, c) for c in NOT_TEXT) or (entry and (
                el.tag in ("h1", "h2", "h3") or any(_has_class(el, c) for c in ENTRY_LABELS))):
            el.set("data-pagefind-ignore", "")
        elif el.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            el.set("data-pagefind-weight", f"{weight:g}")
    for el in list(clone.iter("dd")):
        el.tag = "div"  # Pagefind ends a block's text with a full stop; <dd> is no block
    return clone


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    previous = el.getprevious()
    parent.remove(el)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def record_document(content: etree._Element, *, url: str, lang: str, kind: str, title: str,
                    n: str | None, weight: float) -> str:
    """The HTML document of one record: marks for Pagefind in an ignored block (filters and
    metadata are read from it, its text is not indexed), then the weighted content."""
    root = html.fromstring('<html><head><meta charset="utf-8"><title></title></head>'
                           "<body><main data-pagefind-body=\"\"></main></body></html>")
    if lang:
        root.set("lang", lang)
    root.find("head/title").text = title  # type: ignore[union-attr]
    main = root.find("body/main")
    assert main is not None
    marks = etree.SubElement(main, "div", {"data-pagefind-ignore": ""})
    for attribute, name, value in (("data-pagefind-filter", "type", kind),
                                   ("data-pagefind-meta", "title", title),
                                   ("data-pagefind-meta", "url", url),
                                   ("data-pagefind-meta", "n", n or "")):
        if value:
            etree.SubElement(marks, "span", {attribute: name}).text = value
    body = etree.SubElement(main, "div", {"data-pagefind-weight": f"{weight:g}"})
    body.append(content)
    return "<!DOCTYPE html>\n" + str(html.tostring(root, encoding="unicode"))


def _words(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _heading(main: etree._Element, page: etree._Element) -> str:
    for h1 in main.iter("h1"):
        return _words(h1)
    title = page.find("head/title")
    return _words(title) if title is not None else ""


def site_records(site: Path, units: Sequence[SearchUnit],
                 pages: Iterable[Path] | None = None) -> list[Record]:
    """Every record of the index: one per unit, what a reading page holds outside its units,
    and every other page marked ``data-pagefind-body`` as a whole. ``pages``: the pages to
    index (by default every ``.html`` file of ``site``)."""
    by_page: dict[str, list[SearchUnit]] = {}
    for unit in units:
        by_page.setdefault(unit.page, []).append(unit)
    records: list[Record] = []

    def add(url: str, content: etree._Element, lang: str, kind: str, title: str,
            n: str | None, weight: float) -> None:
        records.append(Record(url, record_document(content, url=url, lang=lang, kind=kind,
                                                   title=title, n=n, weight=weight)))

    for path in sorted(site.rglob("*.html") if pages is None else pages):
        rel = path.relative_to(site).as_posix()
        if rel.split("/", 1)[0] == "pagefind":
            continue
        page = html.parse(str(path)).getroot()
        main = next(iter(page.xpath("//*[@data-pagefind-body]")), None)
        if main is None:
            continue
        lang = page.get("lang") or ""
        own = by_page.get(rel, [])
        if not own:
            add(rel, _prepare(main, entry=False, weight=WEIGHTS["page"]), lang, "page",
                _heading(main, page), None, WEIGHTS["page"])
            continue
        ids: dict[str, etree._Element] = {}
        for el in page.iter(etree.Element):
            ids.setdefault(el.get("id") or "", el)
        found = {u.id: ids[u.id] for u in own if u.id in ids}
        for unit in own:
            element = found.get(unit.id)
            if element is None:
                continue
            nested = [other for other in found.values()
                      if other is not element and _contains(element, other)]
            weight = WEIGHTS.get(unit.kind, ENTRY_WEIGHT if unit.entry else 1.0)
            add(f"{rel}#{unit.id}", _prepare(element, entry=unit.entry, weight=weight,
                                             nested=nested),
                lang, unit.kind, unit.title, unit.n, weight)
        if not any(u.entry for u in own):  # a reading page: heads, header, the rest
            rest = _prepare(main, entry=False, weight=WEIGHTS["text"],
                            nested=list(found.values()))
            if _words(rest):
                add(rel, rest, lang, "text", own[0].title, None, WEIGHTS["text"])
    return records


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    return any(a is outer for a in inner.iterancestors())


def start_search_index(site: Path, units: Sequence[SearchUnit],
                       pages: Iterable[Path] | None = None, *,
                       timeout: float = 300) -> Callable[[], int]:
    """Start indexing the written site into ``site/pagefind/``: the records are written as
    files into a temporary folder and Pagefind (``pagefind --site``, its own process) indexes
    them there while the caller goes on; each record's address is its ``url`` metadata.
    ``pages``: as :func:`site_records`.
    The function returned waits for the index and gives the number of records (a
    SearchIndexError when Pagefind failed)."""
    records = site_records(site, units, pages)
    output = (site / "pagefind").resolve()
    # Pagefind does not write a file whose name (a hash of its content) exists: the index
    # of a site written over an older one (publish.staging_dir) is made in an empty folder
    shutil.rmtree(output, ignore_errors=True)
    folder = tempfile.TemporaryDirectory(prefix="teiedition-search-")
    try:
        for number, record in enumerate(records):
            (Path(folder.name) / f"r{number}.html").write_text(record.document,
                                                                encoding="utf-8")
        command = [str(pagefind_executable()), "--site", folder.name, "--output-path",
                   str(output), "--quiet"]
        indexer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
    except OSError as exc:
        folder.cleanup()
        raise SearchIndexError(f"Pagefind could not run: {exc}") from exc
    except BaseException:
        folder.cleanup()
        raise

    def finish() -> int:
        try:
            try:
                stdout, stderr = indexer.communicate(timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                indexer.kill()
                indexer.communicate()
                raise SearchIndexError(f"Pagefind could not run: {exc}") from exc
        finally:
            folder.cleanup()
        if indexer.returncode != 0 or not (output / "pagefind.js").is_file():
            detail = (stderr or stdout).strip().splitlines()[-5:]
            raise SearchIndexError("Pagefind failed to index the site: " + " | ".join(detail))
        return len(records)

    return finish
