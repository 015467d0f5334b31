"""`edition init`: a new project that validates and builds at once, whose ODD can be
customised and whose rules run; it never writes into a folder that is not empty."""

from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner, Result

from teiedition.cli import cli
from teiedition.scaffold import template_files

from .conftest import replace_in


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_init_then_validate_then_build(tmp_path: Path) -> None:
    folder = tmp_path / "new-edition"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    written = {str(p) for p in template_files()} | {"schemas/edition.rng", "schemas/edition.sch"}
    assert {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} == written
    assert "README.md" in written and "edition.toml" in written
    assert run("schema", "--check", "-P", str(folder)).output == \
        "generated schemas are up to date\n"
    assert (run("validate", "-P", str(folder)).exit_code, run("validate", "-P", str(folder))
            .output) == (0, "3 files valid\n")
    result = run("build", "-P", str(folder), "--no-pdf", "--no-search")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    site = folder / "build" / "site"
    letter = (site / "letter.html").read_text(encoding="utf-8")
    assert "A letter from" in letter and 'href="persons/anna.html"' in letter
    for page in ("index.html", "persons/anna.html", "places/northport.html",
                 "citations.json", "dts/index.json"):
        assert (site / page).is_file(), page
    assert "draft-banner" not in letter


def test_the_odd_is_customised_and_its_rules_run(tmp_path: Path) -> None:
    folder = tmp_path / "ed"
    assert run("init", str(folder)).exit_code == 0
    letter = folder / "edition" / "letter.xml"
    # an element the ODD does not admit, a rule of its own, a generic rule
    replace_in(letter, "sends her greetings", "sends <said>her greetings</said>")
    replace_in(letter, 'n="3" xml:id="p3"', 'n="4" xml:id="p2"')
    result = run("validate", "-P", str(folder))
    assert result.exit_code == 1
    rules = {line.split("[")[1].split("]")[0] for line in result.output.splitlines()
             if ": error: [" in line}
    assert rules == {"schema", "p-numbering", "id-unique"}, result.output
    assert "<said> is not allowed by the project schema (edition.rng)" in result.output
    replace_in(letter, 'n="4" xml:id="p2"', 'n="3" xml:id="p3"')
    odd = folder / "schemas" / "edition.odd.xml"
    replace_in(odd, 'include="abbr add', 'include="said abbr add')
    assert run("schema", "--check", "-P", str(folder)).exit_code == 1
    assert run("schema", "-P", str(folder)).exit_code == 0
    result = run("validate", "-P", str(folder))
    assert (result.exit_code, result.output) == (0, "3 files valid\n")


def test_the_title_is_written_in_each_file_s_syntax(tmp_path: Path) -> None:
    title = 'Letters of "A" & <B>'
    folder = tmp_path / "ed"
    assert run("init", str(folder), "--title", title).exit_code == 0
    data = tomllib.loads((folder / "edition.toml").read_text(encoding="utf-8"))
    assert data["edition"]["title"] == title
    assert "<title>Letters of \"A\" &amp; &lt;B&gt;</title>" in \
        (folder / "edition" / "letter.xml").read_text(encoding="utf-8")
    assert run("validate", "-P", str(folder)).exit_code == 0


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", str(folder))
    assert result.exit_code == 2
    assert "the folder is not empty" in result.output and "overwrites nothing" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    result = run("init", str(file))
    assert result.exit_code == 2 and "is not a folder" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("init", str(empty)).exit_code == 0
