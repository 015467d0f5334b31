"""The works cited, formatted once by CSL for every medium.

Each work of the registers (an entry the model marked ``k:kind="work"``, a TEI ``bibl`` or
``biblStruct``) becomes a CSL-JSON item (:func:`csl_work`), which citeproc-py formats as a
Chicago bibliography entry, the style of the edition's own citations. The result is one
XML document, the stylesheet parameter ``$works`` of both ``html.xsl`` and ``print.xsl``::

    <k:works>
      <k:work key="bibliography/whiting-1951" url="https://…" sort="whiting allen …">
        Whiting, A. S. “The Soviet Offer to China of 1919.” <k:i>The Far Eastern
        Quarterly</k:i>, 1951. https://….</k:work>
    </k:works>

Text only, with ``k:i`` for what the style sets in italics: the stylesheets make the URL a
link and the italics their medium's emphasis; no value is markup.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from lxml import etree

from teiedition.xmlio import SITE_NS, TEI_NS

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NS = {"t": TEI_NS}
#: Private-use characters that stand for the start and end of italics while citeproc-py
#: formats (its HTML formatter does not escape every value, so its markup is not used).
_I_START, _I_END = "\ue010", "\ue011"
_MARKS = re.compile(f"[{_I_START}{_I_END}]")


def _text(element: Any) -> str:
    return _MARKS.sub("", " ".join("".join(element.itertext()).split()))


def _italic(text: Any) -> str:
    return f"{_I_START}{text}{_I_END}"


#: A citeproc-py formatter (the interface of ``citeproc.formatter.plain``) that marks italics.
MARKING_FORMATTER = SimpleNamespace(
    preformat=lambda text: text, Italic=_italic, Oblique=_italic, Bold=str, Light=str,
    Underline=str, Superscript=str, Subscript=str, SmallCaps=str)


def csl_name(author: Any) -> dict[str, str]:
    """A CSL name: from ``surname``/``forename`` when the TEI has them, else the last word
    of the name as the family name (an organisation's name stays whole)."""
    surname = author.find(".//t:surname", _NS)
    if surname is not None:
        given = " ".join(_text(f) for f in author.iterfind(".//t:forename", _NS))
        return {"family": _text(surname), **({"given": given} if given else {})}
    if author.find(".//t:orgName", _NS) is not None:
        return {"literal": _text(author)}
    words = _text(author).split()
    if len(words) < 2:
        return {"literal": " ".join(words)}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def _first(bibl: Any, path: str) -> Any:
    return bibl.find(path, _NS)


def csl_work(key: str, bibl: Any) -> dict[str, Any]:
    """A CSL item for a work of the works-cited register (a TEI ``bibl`` or ``biblStruct``).

    Titles by level: ``a`` (an article, a page) is the title, ``m`` (a book, a website) or
    ``j`` (a journal) its container; ``author``, ``editor``, ``publisher``, ``pubPlace``,
    ``biblScope`` (``volume``, ``page``, ``issue``, otherwise a number such as a document's),
    ``date`` (``type="accessed"``: the access date; otherwise the date of issue) and the first
    http(s) ``ref/@target`` as the URL. The type: an article in a journal, a page of a
    website (with a URL), a chapter, or a book.
    """
    item: dict[str, Any] = {"id": key}
    scope = bibl
    if etree.QName(bibl).localname == "biblStruct":  # analytic/monogr: read them as one
        scope = SimpleNamespace(find=lambda p, ns=None: next(iter(bibl.iterfind(".//" + p, ns)),
                                                              None),
                                iterfind=lambda p, ns=None: bibl.iterfind(".//" + p, ns))
    analytic = _first(scope, "t:title[@level='a']")
    monograph = _first(scope, "t:title[@level='m']")
    journal = _first(scope, "t:title[@level='j']")
    main = analytic if analytic is not None else (monograph if monograph is not None
                                                  else _first(scope, "t:title"))
    if main is not None:
        item["title"] = _text(main)
    container = monograph if analytic is not None and monograph is not None else journal
    if container is not None and container is not main:
        item["container-title"] = _text(container)
    url = next((str(r.get("target")) for r in scope.iterfind("t:ref[@target]", _NS)
                if re.match(r"https?://", str(r.get("target")))), None)
    item["type"] = ("article-journal" if journal is not None and analytic is not None
                    else "webpage" if url else "chapter" if analytic is not None else "book")
    for role in ("author", "editor"):
        names = [csl_name(a) for a in scope.iterfind(f"t:{role}", _NS)]
        if names:
            item[role] = names
    lang = main.get("{http://www.w3.org/XML/1998/namespace}lang") if main is not None else None
    if lang:
        item["language"] = lang
    for tag, field_name in (("t:publisher", "publisher"), ("t:pubPlace", "publisher-place")):
        found = _first(scope, tag)
        if found is not None:
            item[field_name] = _text(found)
    for bscope in scope.iterfind("t:biblScope", _NS):
        unit = bscope.get("unit")
        item["page" if unit in ("page", "pp") else "volume" if unit == "volume"
             else "issue" if unit == "issue" else "number"] = _text(bscope)
    for date in scope.iterfind("t:date[@when]", _NS):
        parts = [int(p) for p in re.findall(r"\d+", str(date.get("when")))[:3]]
        if parts:
            item["accessed" if date.get("type") == "accessed" else "issued"] = {
                "date-parts": [parts]}
    if url:
        item["URL"] = url
    return item


def chicago_bibliography(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each CSL item as a Chicago bibliography entry, text with italics marked, as
    :mod:`teiedition.citation.formats` formats the edition's citations."""
    from teiedition.citation.formats import bibliography_entry, citeproc_fixes

    if not items:
        return []
    with citeproc_fixes(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about CSL features it lacks
        return [bibliography_entry(item, "chicago", MARKING_FORMATTER) for item in items]


def chicago_cleanup(text: str, item: Mapping[str, Any]) -> str:
    """What citeproc-py's Chicago bibliography does not do as the style says.

    A work without author starts with its title: citeproc-py puts what the style's
    ``cs:substitute`` found in the author's place and prints it again where it belongs, so
    that first segment is dropped when it occurs again. The locale's
    ``punctuation-in-quote`` (:func:`teiedition.citation.formats.quote_punctuation`). And a
    title that ends with a full stop ("… 1924 г.") does not get a second one.
    """
    from teiedition.citation.formats import quote_punctuation

    if "author" not in item and "editor" not in item:
        head, sep, rest = text.partition(". ")
        if sep and head and head in rest:
            text = rest
    text = quote_punctuation(text, True)
    return re.sub(r"\.([”’]?)\.", r".\1", text)


def _sort_key(text: str) -> str:
    """Author or title first, without quotation marks, italics or case."""
    return re.sub(r"[^\w\s]", "", _MARKS.sub("", text)).casefold().strip()


def works_cited(entries: Sequence[tuple[Any, Any]], warnings: list[str] | None = None) -> str:
    """The works of the registers formatted by CSL, as the parameter document ``$works`` of
    both media: ``<k:works><k:work key url sort>text <k:i>…</k:i></k:work>``.

    ``entries`` are the enriched corpus's (document, entry) pairs; works are those the model
    marked ``k:kind="work"``. Empty when citeproc fails (the works are then shown from their
    TEI, with a warning)."""
    root = etree.Element(f"{{{SITE_NS}}}works", nsmap={"k": SITE_NS})
    try:
        items = [csl_work(f"{document.id}/{entry.get(XML_ID)}", entry)
                 for document, entry in entries
                 if entry.get(f"{{{SITE_NS}}}kind") == "work" and entry.get(XML_ID)]
        for item, formatted in zip(items, chicago_bibliography(items), strict=True):
            text = chicago_cleanup(" ".join(formatted.split()), item)
            work = etree.SubElement(root, f"{{{SITE_NS}}}work", key=item["id"],
                                    url=item.get("URL", ""), sort=_sort_key(text))
            _append_marked(work, text)
    except Exception as exc:  # citeproc-py on unexpected data
        if warnings is not None:
            warnings.append(f"works cited: not formatted by CSL ({exc}); shown from the TEI")
        return ""
    return etree.tostring(root, encoding="unicode")


def _append_marked(parent: Any, text: str) -> None:
    """``text`` into ``parent``: plain runs as text, marked runs as ``k:i`` elements."""
    last: Any = None
    for index, run in enumerate(re.split(f"{_I_START}(.*?){_I_END}", text)):
        run = _MARKS.sub("", run)
        if index % 2:
            last = etree.SubElement(parent, f"{{{SITE_NS}}}i")
            last.text = run
        elif last is None:
            parent.text = (parent.text or "") + run
        else:
            last.tail = (last.tail or "") + run


def corpus_entries(corpus: Any) -> list[tuple[Any, Any]]:
    """The (register, entry) pairs of an enriched corpus parsed by lxml (``k:corpus``):
    what :func:`works_cited` reads, with ``register.id`` the register's site id."""
    pairs = []
    for doc in corpus.iterfind(f"{{{SITE_NS}}}doc[@kind='register']"):
        register = SimpleNamespace(id=doc.get("id"))
        pairs += [(register, entry) for entry in doc.iter() if entry.get(f"{{{SITE_NS}}}entry")]
    return pairs
