"""Run the Schematron rules over the whole edition at once, with located results.

Two sets of rules run: the toolchain's generic rules (``generic-rules.odd.xml``: unique
identifiers, local pointers, ISO dates, language tags), whatever the schema, and the
project's Schematron when ``edition.toml`` names one ([schema]). A project pattern with the
same id as a generic rule takes its place. Each Schematron is compiled to XSLT 3.0 by
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
from teiedition.errors import Diagnostic, EditionError, Severity
from teiedition.resources import generic_rules, schematron_compiler
from teiedition.xmlio import SCH_NS, TEI_NS, XML_NS, SourceDocument, safe_parser

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
def generic_rule_ids() -> frozenset[str]:
    """The identifiers of the generic rules (their constraintSpecs)."""
    tree = etree.parse(str(generic_rules()), safe_parser())
    return frozenset(str(c.get("ident")) for c in tree.iter(f"{{{TEI_NS}}}constraintSpec")
                     if c.get("ident") != "generic-context")


def declared_ids(sch_file: Path) -> frozenset[str]:
    """The pattern and assertion ids a Schematron declares."""
    return _declared_ids(sch_file, *_version(sch_file))


@functools.cache
def _declared_ids(sch_file: Path, _mtime: int, _size: int) -> frozenset[str]:
    try:
        tree = etree.parse(str(sch_file), safe_parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise EditionError(f"{sch_file}: cannot read the Schematron: {exc}") from exc
    return frozenset(str(el.get("id")) for el in tree.iter(
        f"{{{SCH_NS}}}pattern", f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report")
        if el.get("id"))


@functools.cache
def generic_schema(leave_out: frozenset[str]) -> saxon.Executable | None:
    """The generic rules but those in ``leave_out``, compiled once per process (None when
    none is left)."""
    if generic_rule_ids() <= leave_out:
        return None
    from teiedition.validation.odd import compile_rules

    rules = generic_rules()
    text = compile_rules(rules, leave_out).decode("utf-8")
    return _compile(text, rules.as_uri(), "generic rules")


def schemas_for(sch_file: Path | None) -> list[saxon.Executable]:
    """The compiled Schematrons an edition runs: the generic rules (without those its own
    Schematron takes over) and its own."""
    own = [compiled_schema(sch_file.resolve())] if sch_file is not None else []
    taken = declared_ids(sch_file.resolve()) if sch_file is not None else frozenset()
    generic = generic_schema(generic_rule_ids() & taken)
    return ([generic] if generic is not None else []) + own


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
    the documents whose ``target`` flag is set. A corpus Saxon cannot read is a
    TransformError."""
    schemas = schemas_for(sch_file)
    if not docs or not schemas:
        return []
    corpus = saxon.parse(corpus_text(docs))
    out: list[Diagnostic] = []
    for executable in schemas:
        svrl = saxon.transform(executable, corpus, name="schematron", params={"edition": corpus})
        out.extend(_diagnostics(docs, svrl))
    return out


def _diagnostics(docs: Sequence[SourceDocument], svrl: str) -> list[Diagnostic]:
    report = etree.fromstring(svrl.encode("utf-8"))
    out: list[Diagnostic] = []
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
            out.append(Diagnostic(doc.display, 1, 1, severity, rule, message))
        else:
            out.append(doc.diagnostic(element, rule, message, severity))
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
