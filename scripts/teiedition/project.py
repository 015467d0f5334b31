"""An edition project: a folder with an ``edition.toml`` at its root.

The project file says where the edition's files are and what it is called; every path in
it is relative to the project root. A minimal one::

    [edition]
    title = "Letters of N. N."

Everything else has a default::

    [edition]
    title = "..."
    base-url = "https://example.org/letters/"   # default: each text's idno[@type='URI']
    language = "en"                              # interface language of the outputs

    [sources]
    folder = "edition"                           # the TEI: texts and registers

    [schema]                                     # the schema the TEI is validated against
    odd = "schemas/my.odd.xml"                   # the edition's ODD, compiled by `edition schema`
    rng = "schemas/my.rng"                       # default: beside the ODD, same stem
    schematron = "schemas/my.sch"                # default: beside the ODD, same stem

    [schema]                                     # or: a RELAX NG of the edition's own
    rng = "schemas/letters.rng"
    schematron = "schemas/letters.sch"           # optional

    [schema]                                     # or: TEI P5 tei_all (also: no [schema])
    tei-all = true

    [build]
    output = "build/site"
    validation = "gate"                          # "warn": report problems, build anyway

    [citation]
    released = "releases"                        # manifests of published versions

:func:`find_project` looks for ``edition.toml`` in a folder and its parents, as git does.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from teiedition.errors import EditionError, UsageError

PROJECT_FILE = "edition.toml"
#: ``[build] validation``: "gate" (invalid sources stop the build) or "warn" (a draft).
VALIDATION_MODES = ("gate", "warn")
SCHEMA_KEYS = frozenset({"odd", "rng", "schematron", "tei-all"})
#: The file name of TEI P5 tei_all's RELAX NG, which TEI documents often name in an
#: ``<?xml-model?>``.
TEI_ALL_RNG = "tei_all.rng"


class ProjectError(EditionError):
    """The project file is missing, unreadable or names something that is not there."""


class NoProject(ProjectError, UsageError):
    """No ``edition.toml`` in the folder or any parent."""


@dataclass(frozen=True)
class Schemas:
    """The edition's schema files (absolute paths). Without a RELAX NG (``rng`` None) the
    grammar is TEI P5 tei_all; without a Schematron only the toolchain's generic rules
    run."""

    odd: Path | None = None
    rng: Path | None = None
    sch: Path | None = None

    @property
    def tei_all(self) -> bool:
        """True when the grammar is TEI P5 tei_all (the project names no RELAX NG)."""
        return self.rng is None

    @property
    def allowed(self) -> tuple[Path, ...]:
        """Files an ``<?xml-model?>`` may point to without a warning (for a tei_all
        project, ``tei_all.rng`` wherever it is: TEI's own address, for instance)."""
        named = tuple(p.resolve() for p in (self.rng, self.sch, self.odd) if p is not None)
        return named + ((Path(TEI_ALL_RNG),) if self.tei_all else ())


@dataclass(frozen=True)
class Project:
    """What ``edition.toml`` says, with every path made absolute."""

    root: Path
    title: str
    sources: Path
    schemas: Schemas
    output: Path
    base_url: str | None = None
    language: str = "en"
    released: Path | None = None
    file: Path | None = None
    #: "gate": invalid sources stop a build; "warn": they are reported and the build goes on
    #: (a draft, see ``edition build --draft``).
    validation: str = "gate"

    @classmethod
    def load(cls, file: Path) -> Project:
        """Read a project file; problems are a ProjectError naming the file."""
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ProjectError(f"{file}: cannot read the project file: {exc.strerror}") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ProjectError(f"{file}: not a valid TOML file: {exc}") from exc
        return cls.from_dict(data, file.resolve().parent, file=file.resolve())

    @classmethod
    def from_dict(cls, data: dict[str, Any], root: Path, *, file: Path | None = None
                  ) -> Project:
        where = str(file or root / PROJECT_FILE)

        def table(name: str) -> dict[str, Any]:
            value = data.get(name, {})
            if not isinstance(value, dict):
                raise ProjectError(f"{where}: [{name}] must be a table")
            return value

        def text(tbl: dict[str, Any], key: str, section: str, default: str | None = None
                 ) -> str | None:
            value = tbl.get(key, default)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ProjectError(f"{where}: [{section}] {key} must be a non-empty string")
            return value

        def path(value: str | None) -> Path | None:
            return None if value is None else (root / value).resolve()

        known = {"edition", "sources", "schema", "build", "citation"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ProjectError(f"{where}: unknown section(s) {', '.join(unknown)}; "
                               f"known: {', '.join(sorted(known))}")
        edition, sources, schema = table("edition"), table("sources"), table("schema")
        build, citation = table("build"), table("citation")
        title = text(edition, "title", "edition")
        if title is None:
            raise ProjectError(f"{where}: [edition] title is required")
        schemas = _schemas(schema, where, lambda key: path(text(schema, key, "schema")))
        base_url = text(edition, "base-url", "edition")
        if base_url is not None and not base_url.endswith("/"):
            base_url += "/"
        folder = path(text(sources, "folder", "sources", "edition"))
        output = path(text(build, "output", "build", "build/site"))
        assert folder is not None and output is not None
        validation = text(build, "validation", "build", "gate")
        if validation not in VALIDATION_MODES:
            raise ProjectError(f"{where}: [build] validation must be one of "
                               f"{', '.join(repr(m) for m in VALIDATION_MODES)}, "
                               f"not {validation!r}")
        return cls(root=root.resolve(), title=title, sources=folder,
                   schemas=schemas, output=output, base_url=base_url,
                   language=text(edition, "language", "edition", "en") or "en",
                   released=path(text(citation, "released", "citation")), file=file,
                   validation=validation)

    def with_sources(self, folder: Path) -> Project:
        """The same project reading its TEI from another folder (a copy, a test corpus)."""
        return dataclasses.replace(self, sources=folder.resolve())


def _schemas(schema: dict[str, Any], where: str, path: Callable[[str], Path | None]
             ) -> Schemas:
    """The [schema] table: an ODD, a RELAX NG (and Schematron) of the edition's own, or TEI
    P5 tei_all (``tei-all = true``, or no table at all)."""
    unknown = sorted(set(schema) - SCHEMA_KEYS)
    if unknown:
        raise ProjectError(f"{where}: unknown key(s) in [schema]: {', '.join(unknown)}; "
                           f"known: {', '.join(sorted(SCHEMA_KEYS))}")
    tei_all = schema.get("tei-all", False)
    if not isinstance(tei_all, bool):
        raise ProjectError(f"{where}: [schema] tei-all must be true or false")
    odd, rng, sch = path("odd"), path("rng"), path("schematron")
    if tei_all and (odd is not None or rng is not None):
        raise ProjectError(f"{where}: [schema] tei-all = true validates against TEI P5 "
                           "tei_all; it cannot be combined with odd or rng")
    if "tei-all" in schema and not tei_all and odd is None and rng is None:
        raise ProjectError(f"{where}: [schema] tei-all = false, but neither odd nor rng "
                           "names another schema")
    if odd is not None:
        stem = odd.name.removesuffix(".xml").removesuffix(".odd")
        rng = rng or odd.with_name(stem + ".rng")
        sch = sch or odd.with_name(stem + ".sch")
    return Schemas(odd, rng, sch)


def find_project(start: Path | None = None) -> Project:
    """The project whose ``edition.toml`` is in ``start`` (default: the current folder) or
    the nearest parent; NoProject when there is none."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        if here.name == PROJECT_FILE:
            return Project.load(here)
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return Project.load(candidate)
    raise NoProject(f"no {PROJECT_FILE} in {here} or any folder above it: this is not an "
                    f"edition project (an edition is a folder with an {PROJECT_FILE}; "
                    "see docs/usage.md), or pass --project")
