"""Run the Schematron rules over the whole edition at once, with located results.

Two sets of rules run: the toolchain's generic rules (``generic-rules.odd.xml``: unique
identifiers, local pointers, ISO dates, language tags), whatever the schema, and the
project's Schematron when ``edition.toml`` names one ([schema]). The generic rules always
run, also where the project's Schematron declares a pattern of the same id (its own form of
the rule, often stricter): a generic diagnostic is then dropped where that pattern reports
the same element, so that one problem is said once, in the edition's words, and a problem
only the generic rule sees is still reported. The generic patterns are compiled into the
project's Schematron when the two agree on what both declare (the model's functions, keys
and variables), so that one walk runs both and the edition's pointers are resolved once;
otherwise they run in a pass of their own. Each Schematron is compiled to XSLT 3.0 by
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
from teiedition.xmlio import SCH_NS, XML_NS, XSL_NS, SourceDocument

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
def generic_schematron() -> bytes:
    """The Schematron of the generic rules (their ODD's constraintSpecs), made once per
    process."""
    from teiedition.validation.odd import compile_rules

    return compile_rules(generic_rules())


@functools.cache
def generic_schema() -> saxon.Executable:
    """The generic rules, compiled once per process."""
    return _compile(generic_schematron().decode("utf-8"), generic_rules().as_uri(),
                    "generic rules")


#: Prefix of the generic patterns' ids in a combined Schematron (a name no ODD's
#: constraintSpec ident can clash with unnoticed: its diagnostics are told apart by it).
GENERIC_PATTERN = "teiedition-generic."
#: Schematron variables the validator sets itself (their values in the schemas do not count).
_SET_BY_VALIDATOR = frozenset({"edition"})


def combined_schema(sch_file: Path) -> saxon.Executable | None:
    """The project's Schematron and the generic rules compiled as one, once per process and
    version of the file; None when they cannot be combined."""
    return _combined_schema(sch_file, *_version(sch_file))


@functools.cache
def _combined_schema(sch_file: Path, _mtime: int, _size: int) -> saxon.Executable | None:
    combined = combined_schematron(sch_file.read_bytes(), generic_schematron())
    if combined is None:
        return None
    return _compile(combined.decode("utf-8"), sch_file.resolve().as_uri(), str(sch_file))


def combined_schematron(own: bytes, generic: bytes) -> bytes | None:
    """The project's Schematron with the generic rules added: their namespaces, variables
    and XSLT declarations where the project's lack them, their patterns under ids prefixed
    with :data:`GENERIC_PATTERN`. None when the two disagree: a prefix bound to two
    namespaces, a variable or a function, key or other declaration of the same name with
    different definitions (a model from another toolchain version, a hand-written schema's
    own function), or a construct of the generic rules that has no place in a combination."""
    from teiedition.xmlio import safe_parser

    try:
        mine = etree.fromstring(own, safe_parser())
        theirs = etree.fromstring(generic, safe_parser())
    except etree.XMLSyntaxError:
        return None
    if mine.tag != f"{{{SCH_NS}}}schema" or theirs.tag != f"{{{SCH_NS}}}schema":
        return None
    children = [c for c in mine if isinstance(c.tag, str)]
    prefixes = {c.get("prefix"): c.get("uri") for c in children if c.tag == f"{{{SCH_NS}}}ns"}
    lets = {c.get("name"): c.get("value") for c in children if c.tag == f"{{{SCH_NS}}}let"}
    declarations = {_declaration(c): _canonical(c) for c in children
                    if etree.QName(c).namespace == XSL_NS}
    heads: list[etree._Element] = []
    patterns: list[etree._Element] = []
    for child in theirs:
        if not isinstance(child.tag, str):
            continue
        q = etree.QName(child)
        if q.namespace == SCH_NS and q.localname == "title":
            continue
        if q.namespace == SCH_NS and q.localname == "ns":
            prefix = child.get("prefix")
            if prefix in prefixes:
                if prefixes[prefix] != child.get("uri"):
                    return None
                continue
            prefixes[prefix] = child.get("uri")
            heads.append(child)
        elif q.namespace == SCH_NS and q.localname == "let":
            name = child.get("name")
            if name in lets:
                if name not in _SET_BY_VALIDATOR and lets[name] != child.get("value"):
                    return None
                continue
            lets[name] = child.get("value")
            heads.append(child)
        elif q.namespace == XSL_NS:
            key = _declaration(child)
            if key in declarations:
                if declarations[key] != _canonical(child):
                    return None
                continue
            declarations[key] = _canonical(child)
            heads.append(child)
        elif q.namespace == SCH_NS and q.localname == "pattern":
            pattern_id = child.get("id") or f"pattern-{len(patterns) + 1}"
            child.set("id", GENERIC_PATTERN + pattern_id)
            patterns.append(child)
        else:
            return None
    first_pattern = mine.find(f"{{{SCH_NS}}}pattern")
    for head in heads:
        if first_pattern is not None:
            first_pattern.addprevious(head)
        else:
            mine.append(head)
    mine.extend(patterns)
    return etree.tostring(mine, xml_declaration=True, encoding="UTF-8")


def _declaration(element: etree._Element) -> tuple[str, str, int]:
    """What names an XSLT declaration: its kind, its name and (functions) its arity."""
    arity = sum(1 for c in element if c.tag == f"{{{XSL_NS}}}param")
    return etree.QName(element).localname, str(element.get("name", "")), arity


def _canonical(element: etree._Element) -> str:
    """A declaration's text with its layout (indentation) left out."""
    text = etree.tostring(element, method="c14n", exclusive=True).decode("utf-8")
    return " ".join(text.split())


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
        return merge(*rule_diagnostics(docs, sch_file))
    finally:
        forget_corpus()


def rule_diagnostics(docs: Sequence[SourceDocument], sch_file: Path | None
                     ) -> tuple[list[Found], list[Found]]:
    """The generic and the project's diagnostics (for :func:`merge`). Both sets of rules
    run in one walk over the corpus when the project's Schematron and the generic rules can
    be combined (:func:`combined_schematron`): what both compute (the model's pointer
    resolution, its keys) is then computed once; else one after the other."""
    if sch_file is None:
        return generic_diagnostics(docs), []
    executable = combined_schema(sch_file.resolve())
    if executable is None:
        return generic_diagnostics(docs), own_diagnostics(docs, sch_file)
    found = _apply(executable, docs)
    generic = [(d, pattern[len(GENERIC_PATTERN):]) for d, pattern in found
               if pattern.startswith(GENERIC_PATTERN)]
    return generic, [(d, pattern) for d, pattern in found
                     if not pattern.startswith(GENERIC_PATTERN)]


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
