"""Located problems found in sources, and the exceptions that carry them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: ``path:line:column: severity: [rule] message``."""

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: [{self.rule}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def display_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def sort_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Unique diagnostics in file, line, column order."""
    return sorted(set(items))


class EditionError(Exception):
    """Base class of every error the library raises on purpose."""


class UsageError(EditionError):
    """The request itself cannot be carried out (missing path, nothing to validate, ...)."""


class InvalidSources(EditionError):
    """Validation found errors; ``diagnostics`` says where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = sum(1 for d in diagnostics if d.severity == "error")
        super().__init__(f"{errors} error(s) in the sources")


class TransformError(EditionError):
    """A stylesheet failed to compile or to run."""
