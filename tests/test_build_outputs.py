"""`edition build` writes the citation files and the static DTS API into the site."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from teiedition.cli import cli

from .conftest import EDITION


def test_build_writes_citations_and_dts(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--edition", str(EDITION), "--out", str(out),
                                      "--no-search"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    ids = {unit["id"] for unit in manifest["units"]}
    assert {f"p{i}" for i in range(1, 9)} <= ids and "karakhan" in ids
    for name in ["edition", *[f"p{i}" for i in range(1, 9)]]:
        for suffix in (".bib", ".ris", ".json"):
            assert (out / "cite" / f"{name}{suffix}").stat().st_size > 0
    entry = json.loads((out / "dts" / "index.json").read_text(encoding="utf-8"))
    assert entry["@type"] == "EntryPoint"
    passage = (out / "dts" / "document" / "karakhan-declarations" / "p3.xml").read_text(encoding="utf-8")
    assert "dts:wrapper" in passage and 'xml:id="p3"' in passage
    # every citable paragraph is an anchor of the reading page
    page = (out / "karakhan-declarations.html").read_text(encoding="utf-8")
    for unit in manifest["units"]:
        if unit["id"].startswith("p") and unit["id"][1:].isdigit():
            assert f'id="{unit["id"]}"' in page
