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
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from teiedition import saxon
from teiedition.errors import EditionError
from teiedition.project import Project
from teiedition.resources import marks_stylesheet, pipeline_stages
from teiedition.xmlio import SITE_NS, XML_NS, SourceDocument


class CorpusError(EditionError):
    """The corpus cannot be made (two documents with one site id, an unloaded document)."""


_XML_BASE = f"{{{XML_NS}}}base"


def _k(name: str) -> str:
    return f"{{{SITE_NS}}}{name}"


def site_id(path: Path) -> str:
    """The site id of a document: its file name without ``.xml``."""
    return path.stem


def corpus_xml(docs: Sequence[SourceDocument], sources: Path) -> bytes:
    """Every TEI tree in a ``k:doc`` wrapper with its path (relative to the sources folder,
    with "/") and site id, in path order; each root element gets an ``xml:base`` (its
    file's URI) unless it has one, so that pointers resolve against the document's own
    location (model/pointers.xsl). Written as text, root by root: nothing is copied twice
    and the loaded trees are left as they are."""
    base = sources.resolve()
    parts = [f'<k:corpus xmlns:k="{SITE_NS}">'.encode()]
    for doc in sorted(docs, key=lambda d: d.path.resolve().relative_to(base).as_posix()):
        if doc.tree is None:
            raise CorpusError(f"{doc.display}: the document could not be loaded")
        rel = doc.path.resolve().relative_to(base).as_posix()
        parts.append(f"<k:doc path={quoteattr(rel)} id={quoteattr(site_id(doc.path))}>"
                     .encode())
        root = doc.tree.getroot()
        tei = etree.tostring(root, encoding="utf-8", xml_declaration=False, with_tail=False)
        if root.get(_XML_BASE) is None:
            name_end = _TAG_NAME.match(tei)
            assert name_end is not None  # a serialised element starts with its name
            at = name_end.end()
            tei = (tei[:at] + f" xml:base={quoteattr(doc.path.resolve().as_uri())}".encode()
                   + tei[at:])
        parts.append(tei)
        parts.append(b"</k:doc>")
    parts.append(b"</k:corpus>")
    return b"".join(parts)


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

    @property
    def tei(self) -> etree._Element:
        return self.element[0]

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
        found = self.source.root
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
        wrapper = etree.SubElement(root, _k("doc"), {"path": path, "id": ident, "kind": kind})
        tei = copy.deepcopy(source.root)
        wrapper.append(tei)
        if item["marks"]:
            elements = list(tei.iter(etree.Element))
            for ordinal, attributes in item["marks"]:
                element = elements[ordinal]
                for name, value in attributes.items():
                    element.set(_k(name), value)
        corpus.documents.append(Document(ident, path, kind, source, wrapper))
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
