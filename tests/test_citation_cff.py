"""CITATION.cff: valid CFF 1.2.0 and in step with the TEI header."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.support import model_of

from .conftest import EDITION, ROOT

CFF = ROOT / "CITATION.cff"
# The CFF 1.2.0 JSON Schema (citation-file-format/citation-file-format, CC-BY-4.0), as shipped
# in cffconvert 2.0.0; see tests/fixtures/citation/README.md.
SCHEMA = Path(__file__).parent / "fixtures" / "citation" / "cff-1.2.0.schema.json"


def load_cff() -> dict[str, Any]:
    data = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML reads unquoted dates as date objects; CFF (JSON Schema) wants strings
    return json.loads(json.dumps(data, default=lambda v: v.isoformat()
                                 if isinstance(v, dt.date) else str(v)))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_citation_cff_is_valid_cff_1_2_0(validator: jsonschema.Draft7Validator) -> None:
    data = load_cff()
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data["cff-version"] == "1.2.0"
    assert data["type"] == "dataset"
    assert data["preferred-citation"]["type"] == "data"


def test_the_cff_check_can_fail(validator: jsonschema.Draft7Validator) -> None:
    data = load_cff()
    del data["authors"]
    data["type"] = "article"
    assert len(list(validator.iter_errors(data))) == 2


def test_citation_cff_agrees_with_the_tei_header() -> None:
    info = model_of(EDITION).edition
    data = load_cff()
    for record in (data, data["preferred-citation"]):
        assert record["title"] == info.title
        assert record["version"] == info.version
        assert record["url"] == info.url
    assert data["date-released"] == info.date
    assert data["preferred-citation"]["date-published"] == info.date
    assert data["preferred-citation"]["publisher"]["name"] == info.publisher
    assert [e["name"] for e in data["preferred-citation"]["editors"]] == list(info.editors)
