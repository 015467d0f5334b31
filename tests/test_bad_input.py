"""Bad input of every kind gets a clear, located message and exit 1 or 2, never a traceback,
and nothing outside the named files is read."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from teiedition.cli import cli

from .conftest import minimal_tei

SECRET = "TOPSECRET-7f3a"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "no-edition").mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the validator tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def validate(folder: Path, name: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["validate", str(folder / name), "--edition", str(folder / "no-edition")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert SECRET not in result.output
    return result.exit_code, result.output


def write(folder: Path, name: str, content: str | bytes) -> None:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def test_missing_file(folder: Path) -> None:
    code, output = validate(folder, "missing.xml")
    assert code == 2
    assert output.endswith(f"Error: {folder / 'missing.xml'}: no such file or directory\n")


def test_directory_without_tei(folder: Path) -> None:
    (folder / "texts").mkdir()
    (folder / "texts" / "notes.txt").write_text("not xml", encoding="utf-8")
    code, output = validate(folder, "texts")
    assert code == 2
    assert output.endswith(f"Error: {folder / 'texts'}: no TEI files (*.xml) in this directory\n")


@pytest.mark.parametrize(("name", "content", "line"), [
    ("empty.xml", "", "1:1: error: [file-empty] the file is empty; a TEI document was expected"),
    ("binary.xml", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 20,
     "1:1: error: [not-xml] this is a binary file, not an XML document"),
    ("text.xml", "Dear reader,\nthis is plain text.\n",
     "1:1: error: [not-xml] this is not an XML document (Start tag expected, '<' not found)"),
    ("broken.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n<fileDesc></teiHeader></TEI>',
     "2:22: error: [not-well-formed] Opening and ending tag mismatch: fileDesc line 2 and teiHeader"),
    ("nons.xml", "<TEI><teiHeader/></TEI>",
     '1:1: error: [tei-namespace] <TEI> is in no namespace; TEI P5 elements belong to '
     'xmlns="http://www.tei-c.org/ns/1.0"'),
    ("xhtml.xml", '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
     "1:1: error: [tei-namespace] the root element <html> (namespace http://www.w3.org/1999/xhtml) "
     'is not a TEI document; expected <TEI xmlns="http://www.tei-c.org/ns/1.0">'),
    ("p4.xml", "<TEI.2><teiHeader/><text><body><p>x</p></body></text></TEI.2>",
     "1:1: error: [tei-p4] <TEI.2> is a TEI P4 document; convert it to TEI P5 "
     '(root <TEI xmlns="http://www.tei-c.org/ns/1.0">)'),
    ("deep.xml", '<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * 3000 + "</div>" * 3000 + "</TEI>",
     "1:1321: error: [not-well-formed] elements are nested more than 256 levels deep; "
     "the file is refused"),
])
def test_unusable_files(folder: Path, name: str, content: str | bytes, line: str) -> None:
    write(folder, name, content)
    code, output = validate(folder, name)
    assert code == 1
    assert output.splitlines() == [f"{folder / name}:{line}", "1 file checked: 1 error, 0 warnings"]


def test_file_of_50_mb_is_refused_without_reading_it(folder: Path) -> None:
    path = folder / "big.xml"
    path.write_bytes(b"<TEI/>")
    os.truncate(path, 50 * 1024 * 1024)
    code, output = validate(folder, "big.xml")
    assert code == 1
    assert output.splitlines()[0] == (
        f"{path}:1:1: error: [file-too-large] the file is 50.0 MB; the limit is 16 MB "
        "(see --max-file-size)")


def test_external_entity_is_never_read(folder: Path) -> None:
    secret = (folder / "secret.txt").as_uri()
    write(folder, "xxe.xml", f'<!DOCTYPE TEI [<!ENTITY s SYSTEM "{secret}">]>\n'
          '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&s;</p></body></text></TEI>')
    code, output = validate(folder, "xxe.xml")
    assert code == 1
    assert "[dtd-entities] the DOCTYPE declares entities (s)" in output


def test_the_second_process_parses_as_safely_and_notices_a_changed_file(folder: Path) -> None:
    """What the grammar process reads again: the same tree, entities never expanded, and a
    file that broke since the first reading is unusable, with a message, not a traceback."""
    from teiedition.xmlio import load_document, reparse

    secret = folder / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = folder / "a.xml"
    write(folder, "a.xml", minimal_tei('<p n="1" xml:id="a1">Text.</p>'))
    again = reparse(path, target=False)
    assert again.usable and not again.target
    assert again.root.findtext(".//{http://www.tei-c.org/ns/1.0}p") == (
        load_document(path).root.findtext(".//{http://www.tei-c.org/ns/1.0}p"))
    path.write_text(f'<!DOCTYPE TEI [<!ENTITY s SYSTEM "{secret.as_uri()}">]>\n'
                    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&s;</p></body>'
                    '</text></TEI>', encoding="utf-8")
    assert "SECRET" not in "".join(reparse(path).root.itertext())
    path.write_text("<TEI><text>", encoding="utf-8")
    broken = reparse(path)
    assert not broken.usable
    assert [p.rule for p in broken.problems] == ["not-well-formed"]
    assert "the file changed while it was checked" in broken.problems[0].message


def test_entity_expansion_bomb_is_refused_quickly(folder: Path) -> None:
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    write(folder, "bomb.xml", f"<!DOCTYPE TEI [{''.join(levels)}]>\n"
          '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&l9;</p></body></text></TEI>')
    code, output = validate(folder, "bomb.xml")
    assert code == 1
    assert "[dtd-entities]" in output
    assert "lollol" not in output


def test_xinclude_is_not_followed(folder: Path) -> None:
    write(folder, "xinclude.xml", minimal_tei(
        '<p n="1" xml:id="x1">Text.</p>'
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="secret.txt" parse="text"/>'
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="https://example.org/x.xml"/>'))
    code, output = validate(folder, "xinclude.xml")
    assert code == 1
    assert "[xinclude] XInclude is not processed: 'secret.txt' was not read" in output
    assert "[xinclude] XInclude is not processed: 'https://example.org/x.xml' was not read" in output


def test_xml_model_elsewhere_is_reported_and_not_read(folder: Path) -> None:
    prolog = ('<?xml-model href="secret.txt" type="application/xml"?>\n'
              '<?xml-model href="https://example.org/schema.rng" type="application/xml"?>\n')
    write(folder, "model.xml", minimal_tei(prolog=prolog))
    code, output = validate(folder, "model.xml")
    assert code == 0
    assert (f"{folder / 'model.xml'}:2:1: warning: [xml-model] xml-model points at 'secret.txt', "
            "which was not read; validation uses the project schema") in output
    assert "xml-model points at 'https://example.org/schema.rng'" in output


def test_a_minimal_tei_file_outside_the_edition_is_valid(folder: Path) -> None:
    write(folder, "minimal.xml", minimal_tei())
    code, output = validate(folder, "minimal.xml")
    assert (code, output) == (0, "1 file valid\n")
