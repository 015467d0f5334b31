"""The corpus and the enriched corpus: the one data structure every output is made from.

:func:`enrich` wraps every loaded TEI document in ``k:corpus/k:doc[@path, @id]`` and runs
the numbered pipeline stages (``transforms/pipeline/``) over it; stage 05 marks the model
(which documents are registers, which elements are entries and citable units), later
stages resolve pointers, number notes and mark mentions. The result is an
:class:`EnrichedCorpus`: the Saxon tree the stylesheets run on, and the same tree as lxml
for the Python code that reads the marks (citation, DTS, PDF keys). Nothing here decides
what a register or an entry is.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teiedition import saxon
from teiedition.errors import EditionError
from teiedition.project import Project
from teiedition.resources import pipeline_stages
from teiedition.xmlio import SITE_NS, TEI_NS, XML_NS, SourceDocument, safe_parser


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
    (``@part``, from 0); the corpus's ``xml:lang`` and ``xml:base`` are carried down to
    them."""
    root = etree.Element(_k("corpus"), nsmap={"k": SITE_NS})
    base = sources.resolve()
    for doc in sorted(docs, key=lambda d: d.path.resolve().relative_to(base).as_posix()):
        if doc.tree is None:
            raise CorpusError(f"{doc.display}: the document could not be loaded")
        rel = doc.path.resolve().relative_to(base).as_posix()
        source = doc.tree.getroot()
        parts = tei_parts(source)
        for index, part in enumerate(parts):
            attrs = {"path": rel, "id": site_id(doc.path)}
            if part is not source:
                attrs.update(id=f"{site_id(doc.path)}-{index + 1}", part=str(index))
            wrapper = etree.SubElement(root, _k("doc"), attrs)
            tei = etree.fromstring(etree.tostring(part), safe_parser())
            # pointers resolve against the document's own URI (model/pointers.xsl)
            tei.set(_XML_BASE, _inherited(part, _XML_BASE) or doc.path.resolve().as_uri())
            lang = _inherited(part, _XML_LANG)
            if lang is not None:
                tei.set(_XML_LANG, lang)
            wrapper.append(tei)
    return bytes(etree.tostring(root, encoding="utf-8"))


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

    def entries(self) -> list[tuple[Document, etree._Element]]:
        """Every register entry (``@k:entry``), register by register, in document order."""
        return [(d, el) for d in self.registers
                for el in d.tei.iter(etree.Element) if el.get(_k("entry")) is not None]


def enrich(docs: Sequence[SourceDocument], sources: Path, *, lang: str = "en",
           messages: list[str] | None = None) -> EnrichedCorpus:
    """Run the pipeline over the documents; classify them as the model marks them."""
    said: list[str] = [] if messages is None else messages
    node = saxon.parse(corpus_xml(docs, sources).decode("utf-8"))
    for stage in pipeline_stages():
        node = saxon.transform_to_node(saxon.compile_file(stage), node, name=stage.name,
                                       params={"lang": lang},
                                       messages=said)
    corpus = EnrichedCorpus(node, sources.resolve(), [], said)
    root = etree.fromstring(corpus.xml().encode("utf-8"), safe_parser())
    by_path = {d.path.resolve().relative_to(corpus.sources).as_posix(): d for d in docs}
    seen: dict[tuple[str, str], str] = {}
    for wrapper in root.iterchildren(_k("doc")):
        path, ident, kind = wrapper.get("path", ""), wrapper.get("id", ""), wrapper.get("kind", "")
        other = seen.get((kind, ident))
        if other is not None:
            raise CorpusError(f"{path} and {other} would both be published as '{ident}'; "
                              "rename one of them")
        seen[(kind, ident)] = path
        corpus.documents.append(Document(ident, path, kind, by_path[path], wrapper,
                                         int(wrapper.get("part", "0"))))
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
