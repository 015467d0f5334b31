"""``edition init``: a small working edition project, written from the package's templates.

The templates (``templates/init/``: ``edition.toml``, a README, a sample letter, two
registers, an ODD) are package data. ``@@TITLE…@@`` and ``@@DATE@@`` are filled in, each in
the syntax of its file; the ODD is then compiled, so that the project validates and builds
at once.
"""

from __future__ import annotations

import datetime as _dt
import json
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

from teiedition.errors import EditionError, UsageError
from teiedition.project import PROJECT_FILE, Project


def template_dir() -> Path:
    return Path(str(files("teiedition"))) / "templates" / "init"


def template_files() -> list[Path]:
    """Every template file, relative to the template folder, in a stable order."""
    root = template_dir()
    if not (root / PROJECT_FILE).is_file():  # pragma: no cover - a broken install
        raise EditionError(f"the templates of `edition init` are missing ({root}); "
                           "reinstall teiedition")
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def _fill(text: str, title: str, date: str) -> str:
    return (text.replace("@@TITLE_TOML@@", json.dumps(title, ensure_ascii=False))
            .replace("@@TITLE_XML@@", escape(title))
            .replace("@@TITLE@@", title)
            .replace("@@DATE@@", date))


def init_project(folder: Path, title: str, date: str | None = None) -> list[Path]:
    """Write a new project into ``folder`` (created if missing, refused unless empty) and
    compile its ODD; return the files written."""
    from teiedition.validation import odd

    title = " ".join(title.split())
    if not title:
        raise UsageError("the title must not be empty")
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{folder}: the folder is not empty; `edition init` writes a new "
                         "project only into an empty or new folder, and overwrites nothing")
    day = date or _dt.date.today().isoformat()
    written: list[Path] = []
    for relative in template_files():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (template_dir() / relative).read_text(encoding="utf-8")
        target.write_text(_fill(text, title, day), encoding="utf-8")
        written.append(target)
    project = Project.load(folder / PROJECT_FILE)
    written.extend(odd.write_schemas(project.schemas))
    return written
