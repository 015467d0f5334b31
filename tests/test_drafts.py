"""Drafts: `edition build --draft` (or `[build] validation = "warn"`) reports every problem,
located, and builds anyway, every page saying it is a draft; files that cannot be read are
skipped; a normal build keeps the gate and leaves the previous site as it was."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from teiedition.cli import cli

from .conftest import minimal_tei

GOOD = minimal_tei('<p n="1" xml:id="g1">A good text about <persName>Ann</persName>.</p>')
BAD = minimal_tei('<p n="1" xml:id="b1">A text with faults <ref target="#nowhere">here</ref>'
                  ' on <date when="1919-13-01">a day</date>.</p>')
BROKEN = minimal_tei('<p n="1" xml:id="x1">Not well-formed <hi>here</p>')
BANNER = '<p class="draft-banner" role="note"><strong>Draft.</strong>'


def project(root: Path, texts: dict[str, str], build: str = "") -> Path:
    (root / "edition").mkdir(parents=True)
    (root / "edition.toml").write_text(f'[edition]\ntitle = "Drafts"\n{build}\n',
                                       encoding="utf-8")
    for name, text in texts.items():
        (root / "edition" / name).write_text(text, encoding="utf-8")
    return root


def build(root: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["build", "-P", str(root), "--no-search", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_a_gate_build_refuses_and_keeps_the_previous_site(tmp_path: Path) -> None:
    root = project(tmp_path, {"good.xml": GOOD})
    assert build(root, "--no-pdf").exit_code == 0
    site = root / "build" / "site"
    before = digests(site)
    assert not any(BANNER in p.read_text(encoding="utf-8") for p in pages(site))
    (root / "edition" / "bad.xml").write_text(BAD, encoding="utf-8")
    result = build(root, "--no-pdf")
    assert result.exit_code == 1
    assert "[ref-resolves]" in result.stderr and "[date-iso]" in result.stderr
    errors = result.stderr.count(": error: [")
    assert f"build refused: {errors} error(s) in the sources; nothing was written" \
        in result.stderr
    assert digests(site) == before


@pytest.mark.parametrize("how", ["option", "project-file"])
def test_a_draft_reports_every_problem_and_builds(tmp_path: Path, how: str) -> None:
    setting = '[build]\nvalidation = "warn"' if how == "project-file" else ""
    root = project(tmp_path, {"good.xml": GOOD, "bad.xml": BAD}, setting)
    result = build(root, "--no-pdf", *(["--draft"] if how == "option" else []))
    assert result.exit_code == 0, result.output
    located = [line for line in result.stderr.splitlines() if ": error: [" in line]
    # (the impossible date also breaks the tei_all grammar: "schema")
    assert {line.split("[")[1].split("]")[0] for line in located} == {
        "ref-resolves", "date-iso", "schema"}
    assert all(line.startswith(str(root / "edition" / "bad.xml") + ":") for line in located)
    assert ("draft: every page says it is a draft; validation: 2 files checked: "
            f"{len(located)} errors") in result.stdout
    site = root / "build" / "site"
    assert (site / "bad.html").is_file() and (site / "good.html").is_file()
    html = pages(site)
    assert len(html) >= 6
    for page in html:  # every page, the registers' and the chronology's too
        assert page.read_text(encoding="utf-8").count(BANNER) == 1, page
    # the same sources built normally: the gate holds, the draft stays as it was
    before = digests(site)
    (root / "edition.toml").write_text('[edition]\ntitle = "Drafts"\n', encoding="utf-8")
    assert build(root, "--no-pdf").exit_code == 1
    assert digests(site) == before


def test_a_draft_of_valid_sources_then_a_normal_build(tmp_path: Path) -> None:
    root = project(tmp_path, {"good.xml": GOOD})
    result = build(root, "--no-pdf", "--draft")
    assert result.exit_code == 0
    assert "validation: 1 file valid" in result.stdout
    site = root / "build" / "site"
    assert BANNER in (site / "good.html").read_text(encoding="utf-8")
    # not "up to date": a draft is another output
    result = build(root, "--no-pdf")
    assert result.exit_code == 0 and "up to date" not in result.stdout
    assert not any(BANNER in p.read_text(encoding="utf-8") for p in pages(site))


def test_a_draft_skips_files_that_cannot_be_read(tmp_path: Path) -> None:
    root = project(tmp_path, {"good.xml": GOOD, "broken.xml": BROKEN})
    result = build(root, "--no-pdf", "--draft")
    assert result.exit_code == 0, result.output
    assert "edition/broken.xml:12:" in result.stderr.replace(str(root) + "/", "")
    assert "[not-well-formed]" in result.stderr
    assert "draft: skipped 1 file(s) that cannot be read:" in result.stdout
    site = root / "build" / "site"
    assert (site / "good.html").is_file()
    assert not (site / "broken.html").exists()
    assert not (site / "tei" / "broken.xml").exists()


def test_a_draft_with_nothing_readable_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path, {"good.xml": GOOD})
    assert build(root, "--no-pdf").exit_code == 0
    site = root / "build" / "site"
    before = digests(site)
    (root / "edition" / "good.xml").write_text(BROKEN, encoding="utf-8")
    result = build(root, "--no-pdf", "--draft")
    assert result.exit_code == 1
    assert result.stderr.count("[not-well-formed]") == 1
    assert "no file can be read, so not even a draft can be built; nothing was written" \
        in result.stderr
    assert digests(site) == before


@pytest.mark.slow
def test_the_pdf_of_a_draft_says_so_on_its_title_page(tmp_path: Path) -> None:
    root = project(tmp_path, {"bad.xml": BAD})
    result = build(root, "--draft")
    assert result.exit_code == 0, result.output
    first = subprocess.run(["pdftotext", "-l", "1", str(root / "build" / "site" / "bad.pdf"),
                            "-"], capture_output=True, text=True, check=True).stdout
    assert "Draft. This is a preview built from sources that may not be valid yet" \
        in " ".join(first.split())
    assert build(root).exit_code == 1  # the gate: the draft PDF stays
    (root / "edition" / "bad.xml").write_text(GOOD, encoding="utf-8")
    assert build(root).exit_code == 0
    first = subprocess.run(["pdftotext", "-l", "1", str(root / "build" / "site" / "bad.pdf"),
                            "-"], capture_output=True, text=True, check=True).stdout
    assert "Draft." not in first
