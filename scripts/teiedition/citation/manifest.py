"""The identifier manifest (``citations.json``) and the check that published citations
still resolve.

For each unit the manifest records its id, kind, URL, ¶ number, a SHA-256 digest of its
normalised text and the edition version. :func:`check_manifest` compares a published
manifest with the current one: an id that was published must not disappear, and its text
must not change unless the edition version changes too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from teiedition.citation.units import CitationError, CitationModel
from teiedition.errors import Diagnostic, display_path
from teiedition.files import write_over

MANIFEST_FORMAT = 1


def manifest(corpus: CitationModel) -> dict[str, Any]:
    """The content of ``citations.json``, as data."""
    info = corpus.edition
    return {
        "format": MANIFEST_FORMAT,
        "edition": {
            "title": info.title,
            "version": info.version,
            "date": info.date,
            "uri": info.base_uri,
            "licence": info.licence,
        },
        "texts": [{"id": e.text, "url": e.url, "title": e.title, "version": e.version}
                  for e in corpus.editions],
        "units": [u.as_dict() for u in corpus.units],
    }


def manifest_json(corpus: CitationModel) -> str:
    return json.dumps(manifest(corpus), ensure_ascii=False, indent=2) + "\n"


def write_manifest(corpus: CitationModel, path: Path) -> Path:
    """Write ``citations.json`` (UTF-8, stable key order, trailing newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_over(path, manifest_json(corpus))
    return path


def read_manifest(path: Path) -> dict[str, Any]:
    """A manifest from disk; a file that is no manifest is a CitationError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CitationError(f"{display_path(path)}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise CitationError(f"{display_path(path)}:{exc.lineno}:{exc.colno}: not JSON: "
                            f"{exc.msg}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise CitationError(f"{display_path(path)}: not a citations manifest (no 'units' list)")
    return data


def _keyed(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for unit in data.get("units", []):
        if isinstance(unit, Mapping) and "id" in unit and "page" in unit:
            out[f"{unit['page']}#{unit['id']}"] = unit
    return out


def check_manifest(previous: Mapping[str, Any], current: Mapping[str, Any], *,
                   previous_name: str = "PREVIOUS",
                   locations: Mapping[str, tuple[str, int, int]] | None = None
                   ) -> list[Diagnostic]:
    """Problems that would break published citations, located and in a stable order.

    - ``citation-id-gone``: a unit of ``previous`` is missing from ``current``;
    - ``citation-text-changed``: its digest changed while the version did not.

    ``locations`` (``page#id`` -> display path, line, column of the current source) places
    changed-text problems in the TEI; gone ids are placed in the previous manifest.
    """
    now = _keyed(current)
    places = locations or {}
    problems: list[Diagnostic] = []
    for key, old in _keyed(previous).items():
        new = now.get(key)
        if new is None:
            problems.append(Diagnostic(
                previous_name, 1, 1, "error", "citation-id-gone",
                f"'{old['id']}' ({old.get('kind', 'unit')}, {old.get('url', key)}) was published "
                f"in version {old.get('version', '?')} and is gone; identifiers never change"))
            continue
        if old.get("digest") != new.get("digest") and old.get("version") == new.get("version"):
            path, line, column = places.get(key, (previous_name, 1, 1))
            problems.append(Diagnostic(
                path, line, column, "error", "citation-text-changed",
                f"the text of '{old['id']}' ({old.get('kind', 'unit')}) changed but the edition "
                f"version is still {new.get('version')}; raise editionStmt/edition/@n"))
    return sorted(problems)


def locations(corpus: CitationModel) -> dict[str, tuple[str, int, int]]:
    return {u.key: u.location for u in corpus.units}


