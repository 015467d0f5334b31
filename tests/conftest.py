"""Shared fixtures: the project's paths, a disposable copy of the edition, the CLI runner,
the browser of the browser tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from teiedition.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "edition"
SHARED = ROOT.parent / "shared"
SOURCE_TEXT = SHARED / "source" / "karakhan-declarations.txt"
TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI_NS}
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one for the whole session (Playwright's sync
    API runs one instance at a time); never a downloaded browser."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.is_file():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A copy of the edition folder that a test may change."""
    target = tmp_path / "edition"
    shutil.copytree(EDITION, target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Change a source file for a test; fail loudly if the text to change is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def run_cli() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str) -> object:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


MINIMAL_TEI = """<?xml version="1.0" encoding="UTF-8"?>
{prolog}<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A minimal text</title></titleStmt>
      <publicationStmt><p>Test data.</p></publicationStmt>
      <sourceDesc><p>Written for the tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      {body}
    </body>
  </text>
</TEI>
"""


def minimal_tei(body: str = '<p n="1" xml:id="t-p1">Some text.</p>', prolog: str = "") -> str:
    return MINIMAL_TEI.format(body=body, prolog=prolog)
