"""The validation gate: RELAX NG, Schematron and cross-file rules over the edition."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from teiedition import saxon
from teiedition.errors import Diagnostic, TransformError, UsageError, sort_diagnostics
from teiedition.project import Project
from teiedition.validation import relaxng, schematron
from teiedition.validation.langtags import language_diagnostics
from teiedition.workers import worker_pool
from teiedition.xmlio import DEFAULT_MAX_FILE_SIZE, SourceDocument, load_document, reparse

T = TypeVar("T")


@dataclass
class Report:
    """What validation found, for the files that were checked."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def summary(self) -> str:
        n = len(self.files)
        files = f"{n} file{'s' if n != 1 else ''}"
        if self.ok and not self.warnings:
            return f"{files} valid"
        return (f"{files} checked: {self.errors} error{'s' if self.errors != 1 else ''}, "
                f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")

    def as_dict(self) -> dict[str, object]:
        return {
            "valid": self.ok,
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


def xml_files(directory: Path) -> list[Path]:
    """The XML files under a directory, in a stable order."""
    return sorted(p for p in directory.rglob("*.xml") if p.is_file())


def collect_targets(paths: list[Path], edition_dir: Path) -> list[Path]:
    """Files named by the user (directories expand to their XML files)."""
    if not paths:
        paths = [edition_dir]
    targets: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
        if path.is_dir():
            found = xml_files(path)
            if not found:
                raise UsageError(f"{path}: no TEI files (*.xml) in this directory")
            targets.extend(found)
        else:
            targets.append(path)
    unique: dict[Path, Path] = {}
    for target in targets:
        unique.setdefault(target.resolve(), target)
    return list(unique.values())


def load_sources(paths: list[Path], project: Project,
                 max_size: int = DEFAULT_MAX_FILE_SIZE) -> list[SourceDocument]:
    """Load the named files, and the rest of the edition as context for cross-file rules."""
    edition_dir = project.sources
    targets = collect_targets(paths, edition_dir)
    named = {t.resolve() for t in targets}
    allowed = project.schemas.allowed
    docs = [load_document(t, max_size=max_size, allowed_schema_files=allowed) for t in targets]
    if edition_dir.is_dir():
        for path in xml_files(edition_dir):
            if path.resolve() not in named:
                docs.append(load_document(path, max_size=max_size,
                                          allowed_schema_files=allowed, target=False))
    return docs


_SAXON_AT = re.compile(r"line (\d+) column (\d+)", re.IGNORECASE)
_SAXON_REASON = re.compile(r"Error reported by XML parser: (.*)", re.DOTALL)

#: Above this many elements, the grammar check runs in a second process while Saxon runs
#: the Schematron in this one (each holds its own lock, so the two use both cores).
PARALLEL_ABOVE = 40_000


def grammar_diagnostics(docs: list[SourceDocument], rng: Path | None,
                        tei_all: bool) -> list[Diagnostic]:
    """RELAX NG (the project's schema, else tei_all; and tei_all on request) for the target
    documents."""
    found: list[Diagnostic] = []
    vocabulary = relaxng.vocabulary(docs)
    project_grammar = relaxng.project_grammar(rng)
    for doc in docs:
        found.extend(project_grammar.validate(doc, "schema", vocabulary, covers=True))
        if tei_all and rng is not None:
            found.extend(relaxng.tei_all_grammar().validate(doc, "tei-all", vocabulary,
                                                            covers=True))
    return found


def _grammar_worker(paths: list[str], targets: list[bool], rng: Path | None,
                    tei_all: bool) -> list[Diagnostic]:
    """In the second process: parse the same files again (the first process has checked
    them) and check the targets against the grammar (the first process runs the Schematron
    meanwhile)."""
    docs = [reparse(Path(p), target=t) for p, t in zip(paths, targets, strict=True)]
    checked = [d for d in docs if d.usable and d.target]
    return grammar_diagnostics(checked, rng, tei_all) + language_diagnostics(checked)


def validate_documents(docs: list[SourceDocument], project: Project, *,
                       tei_all: bool = False) -> Report:
    """Validate loaded documents; diagnostics are reported for target documents only."""
    report = Report(files=[d.display for d in docs if d.target])
    found: list[Diagnostic] = []
    for doc in docs:
        if doc.target:
            found.extend(doc.problems)
    usable = [doc for doc in docs if doc.usable]
    targets = [doc for doc in usable if doc.target]
    size = sum(1 for doc in targets for _ in doc.root.iter())
    rng, sch = schema_files(project)
    if size > PARALLEL_ABOVE and (os.cpu_count() or 1) > 1:
        # the second process: the grammar and the language tags; this one: the Schematron
        # rules (each process holds its own lock, so the two use both cores)
        with worker_pool(1) as pool:
            second = pool.submit(_grammar_worker, [str(d.path) for d in usable],
                                 [d.target for d in usable], rng, tei_all)
            refused, (generic, own) = _rules(
                usable, lambda ds: schematron.rule_diagnostics(ds, sch))
            schematron.forget_corpus()
            grammar = second.result()
        found.extend(refused)
        found.extend(grammar)
        found.extend(schematron.merge(generic, own))
    else:
        found.extend(grammar_diagnostics(targets, rng, tei_all))
        found.extend(rule_diagnostics(usable, sch))
        found.extend(language_diagnostics(targets))
    report.diagnostics = sort_diagnostics(found)
    return report


def schema_files(project: Project) -> tuple[Path | None, Path | None]:
    """The project's RELAX NG (None: tei_all) and Schematron, which must exist."""
    schemas = project.schemas
    for path in (schemas.rng, schemas.sch):
        if path is not None and not path.is_file():
            hint = (" (generated from the ODD: run `edition schema`)"
                    if schemas.odd is not None else "")
            raise UsageError(f"{path}: the schema named in edition.toml ([schema]) does not "
                             f"exist{hint}")
    return schemas.rng, schemas.sch


def rule_diagnostics(docs: list[SourceDocument], sch: Path | None) -> list[Diagnostic]:
    """The generic rules and the project's Schematron over the usable documents (see
    :func:`_rules`)."""
    refused, found = _rules(docs, lambda ds: [
        (d, "") for d in schematron.run(ds, sch)])
    return refused + [d for d, _ in found]


def _rules(docs: list[SourceDocument], rules: Callable[[list[SourceDocument]], T]
           ) -> tuple[list[Diagnostic], T]:
    """Schematron ``rules`` over the usable documents: the "not-well-formed" problems of
    the documents Saxon refuses, and what the rules say of the others.

    The XSLT processor reads the documents again; where it refuses one that libxml2 read
    (the two parsers may disagree on a character), that document gets a "not-well-formed"
    error, is no longer usable, and the rules run over the others."""
    try:
        return [], rules(docs)
    except TransformError:
        refused = {id(doc): problem for doc in docs
                   if (problem := saxon_refusal(doc)) is not None}
        if not refused:
            raise
    usable = [doc for doc in docs if id(doc) not in refused]
    more, found = _rules(usable, rules)
    return [p for doc in docs if doc.target and (p := refused.get(id(doc))) is not None] + \
        more, found


def saxon_refusal(doc: SourceDocument) -> Diagnostic | None:
    """Parse one document with Saxon; when it fails, add a "not-well-formed" problem to
    the document (which makes it unusable) and return it: at the line and column Saxon's
    message names, else at the start of the file, with Saxon's reason."""
    try:
        encoding = (doc.tree.docinfo.encoding if doc.tree is not None else None) or "utf-8"
        saxon.parse(doc.data.decode(encoding))
    except (TransformError, LookupError, UnicodeDecodeError) as exc:
        message = str(exc)
        where = _SAXON_AT.search(message)
        line, column = (int(where.group(1)), int(where.group(2))) if where else (1, 1)
        reason = _SAXON_REASON.search(message)
        text = " ".join((reason.group(1) if reason else message).split())
        doc.problem(line, column, "not-well-formed", f"not well-formed: {text}")
        return doc.problems[-1]
    return None


def validate_paths(paths: list[Path], project: Project, *, tei_all: bool = False,
                   max_size: int = DEFAULT_MAX_FILE_SIZE) -> Report:
    """Load and validate: the whole edition by default, or the files and folders named."""
    return validate_documents(load_sources(paths, project, max_size), project, tei_all=tei_all)
