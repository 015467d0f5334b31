"""The command line: exit codes, exact messages, JSON output, help everywhere."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.cli import cli

from .conftest import EDITION, ROOT, replace_in

COMMANDS = [[], ["validate"], ["schema"], ["build"], ["serve"], ["cite"], ["citations"], ["bench"]]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "edition")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_on_every_command(command: list[str], flag: str) -> None:
    code, output = invoke(*command, flag)
    assert code == 0
    assert output.startswith("Usage: ")
    assert "Example" in output


def test_valid_edition() -> None:
    code, output = invoke("validate")
    assert (code, output) == (0, "7 files valid\n")


def position(path: Path, needle: str) -> tuple[int, int]:
    text = path.read_text(encoding="utf-8")
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def test_invalid_edition_exact_messages(edition_copy: Path) -> None:
    persons = edition_copy / "registers" / "persons.xml"
    replace_in(persons, '<idno type="wikidata">Q855</idno>', '<idno type="wikidata">q855</idno>')
    line, column = position(persons, '<idno type="wikidata">q855')
    code, output = invoke("validate", "--edition", str(edition_copy))
    assert code == 1
    assert output.splitlines() == [
        f"{persons}:{line}:{column}: error: [idno-wikidata] Wikidata identifier \"q855\" is "
        "malformed: expected Q followed by digits, as in Q855",
        "7 files checked: 1 error, 0 warnings",
    ]


def test_all_problems_are_collected(edition_copy: Path) -> None:
    text = edition_copy / "karakhan-declarations.xml"
    replace_in(text, 'ref="per:stalin"', 'ref="per:nobody"')
    replace_in(text, 'when="1919-07-25"', 'when="1919-07-35"')
    code, output = invoke("validate", "--edition", str(edition_copy), str(text))
    assert code == 1
    lines = output.splitlines()
    rules = [line.split("[", 1)[1].split("]", 1)[0] for line in lines[:-1]]
    assert "ref-resolves" in rules and "date-iso" in rules
    assert lines[-1].startswith("1 file checked: ")
    assert all(line.startswith(f"{text}:") for line in lines[:-1])


def test_json_output(edition_copy: Path) -> None:
    replace_in(edition_copy / "karakhan-declarations.xml", 'n="3" xml:id="p3"', 'n="9" xml:id="p3"')
    code, output = invoke("validate", "--edition", str(edition_copy), "--format", "json")
    assert code == 1
    report = json.loads(output)
    assert report["valid"] is False
    assert report["errors"] == len([d for d in report["diagnostics"] if d["severity"] == "error"])
    first = report["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "rule", "message"}
    assert first["rule"] == "p-numbering"
    assert len(report["files"]) == 7


def test_json_output_when_valid() -> None:
    code, output = invoke("validate", "--format", "json")
    assert code == 0
    assert json.loads(output)["valid"] is True


def test_unknown_option_is_a_usage_error() -> None:
    code, output = invoke("validate", "--no-such-option")
    assert code == 2
    assert "Error: No such option '--no-such-option'." in output


def test_tei_all_conformance_is_checked_on_demand(edition_copy: Path) -> None:
    code, output = invoke("validate", "--tei-all")
    assert (code, output) == (0, "7 files valid\n")
    # <w> is TEI (tei_all allows it) but not admitted by the project schema
    replace_in(edition_copy / "karakhan-declarations.xml", "<persName ref=\"per:stalin\">Stalin</persName>",
               "<w>Stalin</w>")
    code, output = invoke("validate", "--tei-all", "--edition", str(edition_copy))
    assert code == 1
    assert "[schema] <w> is not allowed" in output
    assert "[tei-all]" not in output


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_validation_never_modifies_a_file(edition_copy: Path) -> None:
    before = digests(edition_copy)
    mtimes = {p: p.stat().st_mtime_ns for p in edition_copy.rglob("*.xml")}
    invoke("validate", "--edition", str(edition_copy), "--tei-all")
    invoke("validate", "--edition", str(edition_copy), "--format", "json")
    assert digests(edition_copy) == before
    assert {p: p.stat().st_mtime_ns for p in edition_copy.rglob("*.xml")} == mtimes
    assert digests(EDITION) == digests(EDITION)


def test_build_refuses_invalid_sources(edition_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    replace_in(edition_copy / "karakhan-declarations.xml", 'ref="per:karakhan"', 'ref="per:nobody"')
    result = CliRunner().invoke(
        cli, ["build", "--edition", str(edition_copy), "--out", str(out)])
    assert result.exit_code == 1
    assert "[ref-resolves] pointer \"per:nobody\"" in result.stderr
    assert "build refused: 1 error(s) in the sources; nothing was written" in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition", "site"]


# ------------------------------------------------------------ the project file

@pytest.mark.parametrize("command", [["build"], ["validate"], ["schema", "--check"], ["cite"]])
def test_a_folder_without_a_project_file_is_misuse(command: list[str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 2
    assert f"no edition.toml in {tmp_path.resolve()} or any folder above it" in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_project_is_found_from_a_subfolder_and_paths_are_relative_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("edition", "schemas"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "edition.toml", project / "edition.toml")
    monkeypatch.chdir(project / "edition" / "registers")
    result = CliRunner().invoke(cli, ["build", "--no-pdf", "--no-search", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (project / "build" / "site" / "index.html").is_file()  # [build] output
    assert not (project / "edition" / "registers" / "build").exists()


def test_a_broken_project_file_is_a_located_usage_error(tmp_path: Path) -> None:
    (tmp_path / "edition.toml").write_text("[edition]\ntitle = \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path.resolve() / 'edition.toml'}: not a valid TOML file" in result.output
    (tmp_path / "edition.toml").write_text("[edition]\nname = 'x'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert "[edition] title is required" in result.output


# ------------------------------------------- citing an edition with texts that cannot be cited

def _text(ident: str, header: str) -> str:
    """A text with one citable paragraph (``<ident>-p1``) and the given publication data."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Text {ident}</title></titleStmt>
      {header}
      <sourceDesc><p>Written for the tests.</p></sourceDesc>
    </fileDesc>
    <encodingDesc>
      <refsDecl><citeStructure unit="paragraph" match="//body/p" use="@xml:id"/></refsDecl>
    </encodingDesc>
  </teiHeader>
  <text><body><p n="1" xml:id="{ident}-p1">A paragraph of {ident}.</p></body></text>
</TEI>
"""


CITED = _text("c", '<editionStmt><edition n="1.0.0"><date when="2026-01-01">2026</date>'
                   "</edition></editionStmt><publicationStmt><publisher>Test Press</publisher>"
                   '<idno type="URI">https://example.org/cited/</idno></publicationStmt>')
UNCITED = _text("u", "<publicationStmt><publisher>Test Press</publisher></publicationStmt>")


def _cite_project(root: Path, files: dict[str, str]) -> Path:
    (root / "edition").mkdir(parents=True)
    for name, content in files.items():
        (root / "edition" / name).write_text(content, encoding="utf-8")
    (root / "edition.toml").write_text('[edition]\ntitle = "Cite"\n', encoding="utf-8")
    return root


def _left_out(project: Path) -> str:
    path = project / "edition" / "uncited.xml"
    line, column = position(path, "<teiHeader>")
    return (f"{path}:{line}:{column}: the teiHeader lacks what a citation needs: "
            "editionStmt/edition/@n; edition date (editionStmt/edition/date/@when or "
            "publicationStmt/date/@when); publicationStmt/idno[@type='URI']")


def test_cite_leaves_out_texts_without_citation_data_with_a_warning(tmp_path: Path) -> None:
    project = _cite_project(tmp_path, {"cited.xml": CITED, "uncited.xml": UNCITED})
    warning = f"warning: left out, it cannot be cited: {_left_out(project)}\n"
    result = CliRunner().invoke(cli, ["cite", "c-p1", "--style", "bibtex", "-P", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stderr == warning
    assert "https://example.org/cited/cited.html#c-p1" in result.stdout
    result = CliRunner().invoke(cli, ["cite", "-P", str(project)])
    assert (result.exit_code, result.stderr) == (0, warning)
    assert result.stdout.endswith("Version 1.0.0. Test Press, 2026. "
                                  "https://example.org/cited/cited.html.\n")
    assert "Text u" not in result.stdout and "None" not in result.stdout  # no editor
    # a passage of the text without citation data: why it cannot be cited, located
    result = CliRunner().invoke(cli, ["cite", "u-p1", "-P", str(project)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{warning}Error: 'u-p1' is a passage of a text that cannot be "
                             f"cited: {_left_out(project)}\n")
    # a reference that is nowhere: misuse, with the references that can be cited
    result = CliRunner().invoke(cli, ["cite", "u-p2", "-P", str(project)])
    assert result.exit_code == 2
    assert ("Invalid value for 'REF': 'u-p2' is not a citable passage; valid references: "
            "edition, c-p1") in result.stderr


def test_cite_without_any_citable_text_is_an_error(tmp_path: Path) -> None:
    project = _cite_project(tmp_path, {"uncited.xml": UNCITED})
    for command in (["cite"], ["citations", "--check", str(tmp_path / "none.json")]):
        if command[0] == "citations":
            (tmp_path / "none.json").write_text('{"format": 1, "units": []}', encoding="utf-8")
        result = CliRunner().invoke(cli, [*command, "-P", str(project)])
        assert result.exit_code == 1, result.output
        assert result.stderr == (
            f"warning: left out, it cannot be cited: {_left_out(project)}\n"
            "Error: no text has the citation metadata its teiHeader would need\n"), command


def test_citations_check_works_for_the_citable_texts(tmp_path: Path) -> None:
    from teiedition.build.corpus import load_corpus
    from teiedition.citation.manifest import write_manifest
    from teiedition.citation.units import citation_model
    from teiedition.project import find_project

    cited = _cite_project(tmp_path / "cited", {"cited.xml": CITED})
    released = write_manifest(citation_model(load_corpus(find_project(cited))),
                              tmp_path / "citations-1.0.0.json")
    project = _cite_project(tmp_path / "both", {"cited.xml": CITED, "uncited.xml": UNCITED})
    result = CliRunner().invoke(cli, ["citations", "--check", str(released), "-P", str(project)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: left out, it cannot be cited: {_left_out(project)}\n"
    assert result.stdout == ("1 published identifiers checked: all present, texts unchanged "
                             "or versioned\n")
    # the check still finds a changed text in the texts it can cite
    replace_in(project / "edition" / "cited.xml", "A paragraph of c.", "Another paragraph.")
    result = CliRunner().invoke(cli, ["citations", "--check", str(released), "-P", str(project)])
    assert result.exit_code == 1
    assert "[citation-text-changed] the text of 'c-p1' (paragraph) changed" in result.stdout
