"""Run the Schematron rules over the whole edition at once, with located results.

Two sets of rules run: the toolchain's generic rules (``generic-rules.odd.xml``: unique
identifiers, local pointers, ISO dates, language tags), whatever the schema, and the
project's Schematron when ``edition.toml`` names one ([schema]). The generic rules always
run, also where the project's Schematron declares a pattern of the same id (its own form of
the rule, often stricter): a generic diagnostic is then dropped where that pattern reports
the same element, so that one problem is said once, in the edition's words, and a problem
only the generic rule sees is still reported. Each Schematron is compiled to XSLT 3.0 by
``transforms/schematron/compile.xsl`` and run by Saxon over one in-memory *corpus*
document that holds every loaded TEI file (each root carries ``xml:base`` with its file's
URI). The compiled schema's ``$edition`` parameter is set to that corpus, so cross-file
rules (references, unique identifiers, unreferenced entries) use keys over the whole
edition. SVRL locations (``path()``) are mapped back to the source file, line and column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from teiedition import saxon
from teiedition.errors import Diagnostic, Severity
from teiedition.resources import generic_rules, schematron_compiler
from teiedition.xmlio import XML_NS, SourceDocument

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
CORPUS_NS = "urn:teiedition:corpus"
_STEP = re.compile(r"(@?)(?:Q\{([^}]*)\})?([^/\[]+)(?:\[(\d+)\])?")


def compiled_schema(sch_file: Path) -> saxon.Executable:
    """A Schematron compiled to XSLT, once per process and version of the file."""
    return _compiled_schema(sch_file, *_version(sch_file))


def _version(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@functools.cache
def _compiled_schema(sch_file: Path, _mtime: int, _size: int) -> saxon.Executable:
    return _compile(sch_file.read_text(encoding="utf-8"), sch_file.resolve().as_uri(),
                    str(sch_file))


def _compile(text: str, uri: str, name: str) -> saxon.Executable:
    compiler = saxon.compile_file(schematron_compiler())
    xslt = saxon.transform(compiler, saxon.parse(text, uri), name=name)
    return saxon.compile_text(xslt, name)


@functools.cache
def generic_schema() -> saxon.Executable:
    """The generic rules, compiled once per process."""
    from teiedition.validation.odd import compile_rules

    rules = generic_rules()
    text = compile_rules(rules).decode("utf-8")
    return _compile(text, rules.as_uri(), "generic rules")


def corpus_text(docs: Sequence[SourceDocument]) -> str:
    """One XML document holding all roots, each with xml:base set to its file URI."""
    parts = [f'<corpus xmlns="{CORPUS_NS}">']
    base = f"{{{XML_NS}}}base"
    for doc in docs:
        root = doc.root
        had_base = root.get(base)
        if had_base is None:
            root.set(base, doc.path.resolve().as_uri())
        try:
            parts.append(etree.tostring(root, encoding="unicode"))
        finally:
            if had_base is None:
                del root.attrib[base]
    parts.append("</corpus>")
    return "".join(parts)


def run(docs: Sequence[SourceDocument], sch_file: Path | None) -> list[Diagnostic]:
    """Diagnostics of the generic rules and of the project's Schematron (``sch_file``) for
    the documents whose ``target`` flag is set: the generic ones first, without those that
    the project's pattern of the same id reports on the same element. A corpus Saxon cannot
    read is a TransformError."""
    try:
        return merge(generic_diagnostics(docs), own_diagnostics(docs, sch_file))
    finally:
        forget_corpus()


#: A diagnostic with the id of the Schematron pattern that made it.
Found = tuple[Diagnostic, str]


#: The last corpus handed to Saxon, by the identity of its documents: the project's rules
#: and the generic rules that follow them in the same process read it once.
_last_corpus: tuple[tuple[int, ...], saxon.Node] | None = None


def _corpus(docs: Sequence[SourceDocument]) -> saxon.Node:
    global _last_corpus
    key = tuple(id(d) for d in docs)
    if _last_corpus is None or _last_corpus[0] != key:
        _last_corpus = None  # the previous tree can go before the next is made
        _last_corpus = (key, saxon.parse(corpus_text(docs)))
    return _last_corpus[1]


def forget_corpus() -> None:
    """Let the last corpus go (the documents' rules have all run)."""
    global _last_corpus
    _last_corpus = None


def _apply(executable: saxon.Executable, docs: Sequence[SourceDocument]) -> list[Found]:
    if not docs:
        return []
    corpus = _corpus(docs)
    svrl = saxon.transform(executable, corpus, name="schematron", params={"edition": corpus})
    return _diagnostics(docs, svrl)


def generic_diagnostics(docs: Sequence[SourceDocument]) -> list[Found]:
    """The toolchain's generic rules over the documents (a TransformError when Saxon cannot
    read them)."""
    return _apply(generic_schema(), docs)


def own_diagnostics(docs: Sequence[SourceDocument], sch_file: Path | None) -> list[Found]:
    """The project's Schematron over the documents; none without one."""
    return _apply(compiled_schema(sch_file.resolve()), docs) if sch_file is not None else []


def merge(generic: Sequence[Found], own: Sequence[Found]) -> list[Diagnostic]:
    """The generic diagnostics without those that the project's pattern of the same id
    reports on the same element, then the project's."""
    said = {(d.path, d.line, d.column, name) for d, pattern in own for name in (pattern, d.rule)}
    return ([d for d, pattern in generic if (d.path, d.line, d.column, pattern) not in said]
            + [d for d, _ in own])


def _diagnostics(docs: Sequence[SourceDocument], svrl: str) -> list[tuple[Diagnostic, str]]:
    """Each failed assertion or successful report with the id of its pattern."""
    report = etree.fromstring(svrl.encode("utf-8"))
    out: list[tuple[Diagnostic, str]] = []
    for item in report.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
        doc, element = _locate(docs, item.get("location", ""))
        if doc is None or not doc.target:
            continue
        text = item.findtext(f"{{{SVRL_NS}}}text") or ""
        severity: Severity = ("warning" if item.get("role") in ("warning", "warn", "info")
                              else "error")
        rule = item.get("id") or item.get("pattern") or "schematron"
        message = " ".join(text.split())
        if element is None:
            found = Diagnostic(doc.display, 1, 1, severity, rule, message)
        else:
            found = doc.diagnostic(element, rule, message, severity)
        out.append((found, item.get("pattern") or rule))
    return out


def _locate(docs: Sequence[SourceDocument], location: str
            ) -> tuple[SourceDocument | None, etree._Element | None]:
    """Map an SVRL ``path()`` in the corpus to the document and element it names."""
    steps = [m for m in _STEP.finditer(location) if m.group(3)]
    # steps[0] is the corpus element; steps[1] selects a document root by name and position.
    if len(steps) < 2:
        return None, None
    root_step = steps[1]
    wanted = (root_step.group(2) or None, root_step.group(3))
    position = int(root_step.group(4) or 1)
    seen = 0
    doc: SourceDocument | None = None
    for candidate in docs:
        q = etree.QName(candidate.root)
        if (q.namespace, q.localname) == wanted:
            seen += 1
            if seen == position:
                doc = candidate
                break
    if doc is None:
        return None, None
    element = doc.root
    for step in steps[2:]:
        if step.group(1) or step.group(3).endswith("()"):
            break
        tag = f"{{{step.group(2)}}}{step.group(3)}" if step.group(2) else step.group(3)
        index = int(step.group(4) or 1)
        matches = [c for c in element if c.tag == tag]
        if index > len(matches):
            break
        element = matches[index - 1]
    return doc, element
