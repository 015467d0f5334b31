"""The corpus and the enriched corpus: the one data structure every output is made from.

:func:`enrich` wraps every loaded TEI document in ``k:corpus/k:doc[@path, @id]`` and runs
the numbered pipeline stages (``transforms/pipeline/``) over it; stage 05 marks the model
(which documents are registers, which elements are entries and citable units), later
stages resolve pointers, number notes and mark mentions. The result is an
:class:`EnrichedCorpus`: the Saxon tree the stylesheets run on, and for the Python code
that reads the marks (citation, DTS, PDF keys) a copy of each source tree with the marks
of the model on it. Nothing here decides
what a register or an entry is.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from teiedition import saxon
from teiedition.errors import EditionError
from teiedition.project import Project
from teiedition.resources import marks_stylesheet, pipeline_stages
from teiedition.xmlio import SITE_NS, TEI_NS, XML_NS, SourceDocument


class CorpusError(EditionError):
    """The corpus cannot be made (two documents with one site id, an unloaded document)."""


_XML_BASE = f"{{{XML_NS}}}base"


def _k(name: str) -> str:
    return f"{{{SITE_NS}}}{name}"


_XML_LANG = f"{{{XML_NS}}}lang"
_TEI = f"{{{TEI_NS}}}TEI"
_TEI_CORPUS = f"{{{TEI_NS}}}teiCorpus"


def site_id(path: Path) -> str:
    """The site id of a document: its file name without ``.xml``."""
    return path.stem


def tei_parts(root: etree._Element) -> list[etree._Element]:
    """The TEI documents of a source file: its root ``TEI``, or every ``TEI`` of a
    ``teiCorpus`` (nested corpora included), in document order. Each one is a document of
    the corpus of its own: a teiCorpus of three TEI is three texts (or registers)."""
    if root.tag != _TEI_CORPUS:
        return [root]
    return [el for el in root.iter(_TEI)
            if not any(a.tag == _TEI for a in el.iterancestors())]


def _inherited(element: etree._Element, attribute: str) -> str | None:
    """The attribute on the element or its nearest ancestor (a teiCorpus) that has it."""
    for el in (element, *element.iterancestors()):
        value = el.get(attribute)
        if value is not None:
            return value
    return None


def corpus_xml(docs: Sequence[SourceDocument], sources: Path) -> bytes:
    """Every TEI tree in a ``k:doc`` wrapper with its path (relative to the sources folder,
    with "/") and site id, in path order. The TEI of a ``teiCorpus`` are wrapped one by one,
    with the site ids ``<file name>-1``, ``-2`` … and their place among the file's TEI
    (``@part``, from 0). Each TEI gets an ``xml:base`` (its file's URI, or its corpus's)
    unless it has one, so that pointers resolve against the document's own location
    (model/pointers.xsl), and its corpus's ``xml:lang`` unless it has one. Written as text,
    TEI by TEI: nothing is copied twice and the loaded trees are left as they are."""
    base = sources.resolve()
    out = [f'<k:corpus xmlns:k="{SITE_NS}">'.encode()]
    for doc in sorted(docs, key=lambda d: d.path.resolve().relative_to(base).as_posix()):
        if doc.tree is None:
            raise CorpusError(f"{doc.display}: the document could not be loaded")
        rel = doc.path.resolve().relative_to(base).as_posix()
        source = doc.tree.getroot()
        for index, part in enumerate(tei_parts(source)):
            ident = site_id(doc.path)
            attrs = f"path={quoteattr(rel)} id={quoteattr(ident)}"
            if part is not source:
                attrs = (f"path={quoteattr(rel)} id={quoteattr(f'{ident}-{index + 1}')} "
                         f'part="{index}"')
            out.append(f"<k:doc {attrs}>".encode())
            out.append(_with_inherited(part, doc.path))
            out.append(b"</k:doc>")
    out.append(b"</k:corpus>")
    return b"".join(out)


def standalone_part(part: etree._Element) -> bytes:
    """One TEI of a ``teiCorpus`` as a document of its own (UTF-8, with an XML
    declaration): the ``TEI`` element alone, without the corpus's ``teiHeader``, carrying
    the ``xml:lang`` and ``xml:base`` it inherits from its corpus when the corpus sets them
    and the TEI does not (never a file URI of the machine that built it). What the DTS API
    serves as the whole document of such a text."""
    alone = copy.deepcopy(part)
    alone.tail = None
    for attribute in (_XML_LANG, _XML_BASE):
        value = _inherited(part, attribute)
        if part.get(attribute) is None and value is not None:
            alone.set(attribute, value)
    return bytes(etree.tostring(alone, xml_declaration=True, encoding="UTF-8"))


def _inherited_attributes(part: etree._Element, path: Path) -> dict[str, str]:
    """What a TEI lacks of ``xml:base`` (its corpus's, else its file's URI) and
    ``xml:lang`` (its corpus's)."""
    added = {}
    if part.get(_XML_BASE) is None:
        added["xml:base"] = _inherited(part, _XML_BASE) or path.resolve().as_uri()
    if part.get(_XML_LANG) is None:
        lang = _inherited(part, _XML_LANG)
        if lang is not None:
            added["xml:lang"] = lang
    return added


def _with_inherited(part: etree._Element, path: Path) -> bytes:
    """The TEI element serialised, with :func:`_inherited_attributes` in its start tag."""
    tei = etree.tostring(part, encoding="utf-8", xml_declaration=False, with_tail=False)
    added = "".join(f" {name}={quoteattr(value)}"
                    for name, value in _inherited_attributes(part, path).items())
    if not added:
        return bytes(tei)
    name_end = _TAG_NAME.match(tei)
    assert name_end is not None  # a serialised element starts with its name
    at = name_end.end()
    return tei[:at] + added.encode() + tei[at:]


_DOC_NAME = f"Q{{{SITE_NS}}}doc"
_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")

#: The start of a serialised element: "<" and its qualified name.
_TAG_NAME = re.compile(rb"<[^\s/>]+")


@dataclass(frozen=True)
class Document:
    """One document of the enriched corpus, as the model marked it."""

    id: str
    path: str  # relative to the sources folder, with "/"
    kind: str  # "text" or "register"
    source: SourceDocument
    element: etree._Element  # its k:doc in the lxml copy of the enriched corpus
    part: int = 0  # its place among the TEI of its file (a teiCorpus has several)

    @property
    def tei(self) -> etree._Element:
        return self.element[0]

    @functools.cached_property
    def source_tei(self) -> etree._Element:
        """Its ``TEI`` element in the source tree (the root, or one TEI of a teiCorpus)."""
        return tei_parts(self.source.root)[self.part]

    def source_element(self, element: etree._Element) -> etree._Element:
        """The element of the source tree that ``element`` (in this document's enriched
        TEI) was made from: the pipeline adds attributes, never elements."""
        steps: list[int] = []
        node = element
        while node is not self.tei:
            parent = node.getparent()
            if parent is None:
                raise CorpusError(f"{self.path}: an element outside the document")
            steps.append(parent.index(node))
            node = parent
        found = self.source_tei
        for step in reversed(steps):
            found = found[step]
        return found

    def position(self, element: etree._Element) -> tuple[int, int]:
        """Line and column of an enriched element's start tag in the source file."""
        return self.source.position(self.source_element(element))


@dataclass
class EnrichedCorpus:
    """The output of the pipeline: a Saxon tree for the stylesheets, an lxml copy for
    Python, and the documents as the model classified them."""

    tree: saxon.Node
    sources: Path
    documents: list[Document]
    messages: list[str] = field(default_factory=list)
    _xml: str | None = None
    _parts: dict[tuple[str, str], str] | None = None

    @property
    def texts(self) -> list[Document]:
        return [d for d in self.documents if d.kind == "text"]

    @property
    def registers(self) -> list[Document]:
        return [d for d in self.documents if d.kind == "register"]

    def xml(self) -> str:
        """The enriched corpus as XML text (serialised once), for worker processes."""
        if self._xml is None:
            self._xml = saxon.serialize(self.tree)
        return self._xml

    def doc_xml(self, ident: str) -> str:
        """One text of the enriched corpus (its ``k:doc``; ``ident`` its site id) as XML
        text."""
        return self._serialised()[("text", ident)]

    def part_xml(self, idents: Iterable[str] = ()) -> str:
        """The enriched corpus with only the registers and the texts ``idents`` (site ids),
        as XML text: what a worker process needs to typeset those texts, without reading
        the whole corpus."""
        wanted = set(idents)
        parts = self._serialised()
        chosen = [parts[(d.kind, d.id)] for d in self.documents
                  if d.kind == "register" or d.id in wanted]
        return f'<k:corpus xmlns:k="{SITE_NS}">{"".join(chosen)}</k:corpus>'

    def _serialised(self) -> dict[tuple[str, str], str]:
        """Each ``k:doc`` of the Saxon tree as XML text, by (kind, site id)."""
        if self._parts is None:
            self._parts = {}
            for child in self.tree.children[0].children:
                if child.name == _DOC_NAME:
                    key = (child.get_attribute_value("kind"), child.get_attribute_value("id"))
                    self._parts[key] = _DECLARATION.sub("", saxon.serialize(child), count=1)
        return self._parts

    def entries(self) -> list[tuple[Document, etree._Element]]:
        """Every register entry (``@k:entry``), register by register, in document order."""
        return [(d, el) for d in self.registers
                for el in d.tei.iter(etree.Element) if el.get(_k("entry")) is not None]


def enrich(docs: Sequence[SourceDocument], sources: Path, *, lang: str = "en",
           messages: list[str] | None = None) -> EnrichedCorpus:
    """Run the pipeline over the documents; classify them as the model marks them.

    The Python side gets its own copy of each source tree carrying the marks of the model
    (``k:doc/@kind``, ``@k:entry`` … ``@k:cite`` …), read from the pipeline's result by
    ``model/marks.xsl``: no serialisation and re-parsing of the whole enriched corpus."""
    said: list[str] = [] if messages is None else messages
    node = saxon.parse(corpus_xml(docs, sources).decode("utf-8"))
    for stage in pipeline_stages():
        node = saxon.transform_to_node(saxon.compile_file(stage), node, name=stage.name,
                                       params={"lang": lang},
                                       messages=said)
    corpus = EnrichedCorpus(node, sources.resolve(), [], said)
    marked = json.loads(saxon.transform(saxon.compile_file(marks_stylesheet()), node,
                                        name="marks"))
    by_path = {d.path.resolve().relative_to(corpus.sources).as_posix(): d for d in docs}
    root = etree.Element(_k("corpus"), nsmap={"k": SITE_NS})
    seen: dict[tuple[str, str], str] = {}
    for item in marked:
        path, ident, kind = item["path"], item["id"], item["kind"]
        other = seen.get((kind, ident))
        if other is not None:
            raise CorpusError(f"{path} and {other} would both be published as '{ident}'; "
                              "rename one of them")
        seen[(kind, ident)] = path
        source = by_path[path]
        part = int(item.get("part") or 0)
        wrapper = etree.SubElement(root, _k("doc"), {"path": path, "id": ident, "kind": kind})
        original = tei_parts(source.root)[part]
        tei = copy.deepcopy(original)
        for name, value in _inherited_attributes(original, source.path).items():
            tei.set(_XML_BASE if name == "xml:base" else _XML_LANG, value)
        wrapper.append(tei)
        if item["marks"]:
            elements = list(tei.iter(etree.Element))
            for ordinal, attributes in item["marks"]:
                element = elements[ordinal]
                for name, value in attributes.items():
                    element.set(_k(name), value)
        corpus.documents.append(Document(ident, path, kind, source, wrapper, part))
    return corpus


def load_corpus(project: Project, max_size: int | None = None) -> EnrichedCorpus:
    """Load every source of a project and enrich it (no validation): what ``edition cite``
    and ``edition citations`` work from. Documents that cannot be used are InvalidSources,
    with their located problems."""
    from teiedition.errors import InvalidSources
    from teiedition.validation.validate import load_sources

    docs = load_sources([], project, max_size) if max_size else load_sources([], project)
    problems = [p for d in docs for p in d.problems if p.severity == "error"]
    if problems:
        raise InvalidSources(problems)
    return enrich(docs, project.sources, lang=project.language)
