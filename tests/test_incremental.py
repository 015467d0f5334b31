"""Incremental and parallel builds: an unchanged rebuild writes nothing, a change
rebuilds what depends on it, parallel and serial builds write the same files.

The edition used is a copy of the real one plus a small second text, so there are two PDFs.
No timing is asserted here; speed is measured by ``edition bench``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.build.incremental import STAMP_NAME
from teiedition.cli import cli

from .conftest import EDITION, minimal_tei, replace_in

pytestmark = pytest.mark.slow

MAIN = "karakhan-declarations.pdf"
SECOND = "second.pdf"
SECOND_HEADER = """<editionStmt><edition n="1.0.0">Version 1.0.0,
        <date when="2026-11-27">27 November 2026</date></edition></editionStmt>
      <publicationStmt><publisher>Karakhan Edition Project</publisher>
        <idno type="URI">https://karakhan-edition.example.org/</idno>
        <date when="2026-11-27">27 November 2026</date></publicationStmt>"""


def build(edition: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["build", "--edition", str(edition), "--out", str(out),
                                      "--no-search", "--quiet", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Inode, size and modification time of every file (any write changes one of them)."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_size,
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition with a second, small text (two PDFs)."""
    edition = tmp_path_factory.mktemp("incremental") / "edition"
    shutil.copytree(EDITION, edition)
    text = minimal_tei('<p n="1" xml:id="s-p1">A second text.</p>').replace(
        "<publicationStmt><p>Test data.</p></publicationStmt>", SECOND_HEADER)
    (edition / "second.xml").write_text(text, encoding="utf-8")
    return edition


@pytest.fixture(scope="module")
def built(two_texts: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A serial build of the two-text edition (kept unchanged by the tests that use it)."""
    out = tmp_path_factory.mktemp("serial") / "site"
    output = build(two_texts, out, "-j", "1")
    assert "2 PDF (2 typeset, 0 reused)" in output
    return out


def test_an_unchanged_rebuild_writes_no_file(two_texts: Path, built: Path) -> None:
    before = snapshot(built)
    output = build(two_texts, built)
    assert output.startswith(f"up to date: {built}")
    assert "nothing validated or written" in output
    assert snapshot(built) == before
    assert [p.name for p in built.parent.iterdir() if "-tmp-" in p.name] == []


def test_a_damaged_site_is_rebuilt(two_texts: Path, built: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(built, out)  # copytree keeps the times the stamp recorded
    assert build(two_texts, out).startswith("up to date")
    (out / "index.html").unlink()
    output = build(two_texts, out)
    assert "2 PDF (0 typeset, 2 reused)" in output  # no input changed: the PDFs stay
    assert (out / "index.html").is_file()
    assert digests(out) == digests(built)


def test_force_rebuilds_everything(two_texts: Path, built: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(built, out)
    output = build(two_texts, out, "--force", "-j", "1")
    assert "2 PDF (2 typeset, 0 reused)" in output
    assert "; 0 files changed" in output  # the same inputs give the same bytes
    assert digests(out) == digests(built)


def test_changing_one_text_rebuilds_only_its_pdf(built: Path, tmp_path: Path,
                                                  two_texts: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(two_texts, edition)
    out = tmp_path / "site"
    shutil.copytree(built, out)
    main_before = (out / MAIN).stat().st_mtime_ns, (out / MAIN).read_bytes()
    replace_in(edition / "second.xml", "A second text.", "A second, changed text.")
    output = build(edition, out)
    assert "2 PDF (1 typeset, 1 reused)" in output
    assert ((out / MAIN).stat().st_mtime_ns, (out / MAIN).read_bytes()) == main_before
    assert (out / SECOND).read_bytes() != (built / SECOND).read_bytes()
    stamp = json.loads((out / STAMP_NAME).read_text(encoding="utf-8"))
    assert stamp["files"]["second.html"][2] != digests(built)["second.html"]
    # the reused PDF is the one a full build makes
    forced = tmp_path / "forced"
    build(edition, forced, "--force")
    assert (forced / MAIN).read_bytes() == main_before[1]


@pytest.mark.parametrize("changed", ["registers/persons.xml", "stylesheet"])
def test_changing_a_register_or_a_stylesheet_rebuilds_every_pdf(
        changed: str, built: Path, tmp_path: Path, two_texts: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(two_texts, edition)
    out = tmp_path / "site"
    shutil.copytree(built, out)
    if changed == "stylesheet":
        from teiedition.build import incremental

        transforms = tmp_path / "transforms"
        shutil.copytree(incremental.tool_folders()["transforms"], transforms)
        page = transforms / "print" / "edition.typ"
        page.write_text(page.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
        monkeypatch.setattr(incremental, "tool_folders", lambda: {"transforms": transforms})
    else:
        replace_in(edition / changed, "</listPerson>", "</listPerson><!-- changed -->")
    output = build(edition, out)
    assert "2 PDF (2 typeset, 0 reused)" in output  # both typeset again, not copied


def test_parallel_and_serial_builds_write_the_same_files(two_texts: Path, built: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "site"
    output = build(two_texts, out, "-j", "2")
    assert "2 PDF (2 typeset, 0 reused)" in output
    serial, parallel = digests(built), digests(out)
    del serial[STAMP_NAME], parallel[STAMP_NAME]  # the stamp records file times
    assert serial.keys() == parallel.keys()
    assert {k for k in serial if serial[k] != parallel[k]} == set()


def test_pages_written_by_several_processes_are_those_of_one(
        two_texts: Path, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from teiedition.rendering import html as site

    monkeypatch.setattr(site, "PARALLEL_HTML_BYTES", 0)  # shard even this small edition
    out = tmp_path / "site"
    output = CliRunner().invoke(cli, ["build", "--edition", str(two_texts), "--out", str(out),
                                      "--no-search", "--no-pdf", "-j", "3"]).output
    assert "built" in output, output
    serial = {k: v for k, v in digests(built).items() if k.endswith(".html")}
    sharded = {k: v for k, v in digests(out).items() if k.endswith(".html")}
    assert len(serial) > 60  # reading, About, register and entry pages, chronology ...
    assert sharded == serial
    assert not list(out.glob(".principal-result*"))


@pytest.mark.parametrize(("texts", "entries", "shares"),
                         [(300, 70, 2), (100, 10_070, 2), (1000, 70, 4), (2, 30, 3)])
def test_pages_are_divided_once_each_and_the_shared_pages_weigh(texts: int, entries: int,
                                                                shares: int) -> None:
    """Every text and entry goes to one process; texts in consecutive blocks; the process
    with the shared pages gets fewer texts, the fewer the more entries the indexes list."""
    from teiedition.rendering import html as site

    ids = [f"t{n}" for n in range(texts)]
    keys = [f"e{n}" for n in range(entries)]
    parts = site.divide(ids, keys, shares)
    assert [p.shared for p in parts] == [True] + [False] * (shares - 1)
    assert [t for p in parts for t in p.texts or ()] == ids
    assert sorted(k for p in parts for k in p.entries or ()) == sorted(keys)
    counts = [len(p.texts or ()) for p in parts]
    assert counts[0] <= min(counts[1:])
    assert max(counts[1:]) - min(counts[1:]) <= 1
    shared = site.SHARED_PAGES_BASE + site.SHARED_PAGES_PER_ENTRY * entries
    if counts[0]:  # the shared pages weigh as many texts as the others have more
        assert abs(counts[1] - counts[0] - shared) <= 2


def test_progress_only_on_a_terminal(two_texts: Path, built: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--edition", str(two_texts), "--out", str(out),
                                      "--no-search", "--no-pdf"])
    assert result.exit_code == 0
    # no progress line ("[   0.4 s] validating 8 documents"); warnings may quote XPath
    assert "validating" not in result.output
    assert not re.search(r"\[\s*\d+\.\d s\]", result.output)
    assert os.path.isdir(out)


def test_a_build_that_is_running_is_not_taken_for_up_to_date(two_texts: Path,
                                                              built: Path) -> None:
    from teiedition.build.publish import BuildLock

    before = snapshot(built)
    with BuildLock(built):  # another build is writing the site
        result = CliRunner().invoke(cli, ["build", "--edition", str(two_texts), "--out",
                                          str(built), "--no-search", "--quiet"])
    assert result.exit_code == 1
    assert "another build" in result.output and "up to date" not in result.output
    assert snapshot(built) == before


def test_a_reused_pdf_repeats_the_warnings_of_its_typesetting(built: Path, tmp_path: Path,
                                                                two_texts: Path) -> None:
    stamp = json.loads((built / STAMP_NAME).read_text(encoding="utf-8"))
    assert stamp["pdfs"]["karakhan-declarations"]["warnings"] == []  # recorded, none
    edition = tmp_path / "edition"
    shutil.copytree(two_texts, edition)
    out = tmp_path / "site"
    shutil.copytree(built, out)
    recorded = json.loads((out / STAMP_NAME).read_text(encoding="utf-8"))
    recorded["pdfs"]["karakhan-declarations"]["warnings"] = [f"{MAIN}: a font lacks a glyph"]
    (out / STAMP_NAME).write_text(json.dumps(recorded), encoding="utf-8")
    replace_in(edition / "second.xml", "A second text.", "A second, changed text.")
    output = build(edition, out)
    assert "2 PDF (1 typeset, 1 reused)" in output
    assert f"warning: {MAIN}: a font lacks a glyph" in output
    again = json.loads((out / STAMP_NAME).read_text(encoding="utf-8"))
    assert again["pdfs"]["karakhan-declarations"]["warnings"] == [f"{MAIN}: a font lacks a glyph"]


def _stamp_pdf(site_dir: Path, text_id: str) -> dict[str, object]:
    stamp = json.loads((site_dir / STAMP_NAME).read_text(encoding="utf-8"))
    entry = stamp["pdfs"][text_id]
    assert isinstance(entry, dict)
    return entry


def test_a_changed_text_is_typeset_again_as_a_build_from_scratch_would(
        built: Path, tmp_path: Path, two_texts: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(two_texts, edition)
    out = tmp_path / "site"
    shutil.copytree(built, out)
    main = edition / "karakhan-declarations.xml"
    replace_in(main, '<p n="1" xml:id="p1">', '<p n="1" xml:id="p1">'
               + "A passage added at the start of the text. " * 120)
    output = build(edition, out)
    assert "2 PDF (1 typeset, 1 reused)" in output
    assert _stamp_pdf(out, "karakhan-declarations")["warnings"] == []
    forced = tmp_path / "forced"
    build(edition, forced, "--force")
    assert (forced / MAIN).read_bytes() == (out / MAIN).read_bytes()
