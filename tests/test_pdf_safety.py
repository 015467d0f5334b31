"""No TEI value can become Typst code: hostile text and attribute values are printed literally.

A small TEI text full of Typst syntax (code, math, markup, labels, references, comments,
escapes), right-to-left text, combining marks and astral characters is typeset; its text
layer (pdftotext) must show every value as written, and the PDF's metadata must hold the
hostile title as a plain string. The compiler's root holds only the generated source.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from teiedition.build.config import BuildConfig
from teiedition.rendering import pdf
from tests.support import PROJECT
from tests.support import enriched as enriched_of

from .conftest import minimal_tei

pytestmark = pytest.mark.slow
pikepdf = pytest.importorskip("pikepdf")
if shutil.which("pdftotext") is None:  # pragma: no cover - setup.sh installs poppler
    pytest.skip("pdftotext is not installed (Debian: poppler-utils)", allow_module_level=True)

HOSTILE = [
    '#read("/etc/passwd")',
    '#import "main.typ": *',
    '#include "main.typ"',
    '#set text(size: 40pt)',
    '#panic("boom")',
    "$x^2 + y$",
    "*not bold* and _not emphasised_",
    "a ] closing and [ opening bracket",
    "// not a comment",
    "/* nor this */",
    "<x> a label",
    "@x a reference",
    "back\\slash \\u{41} \\#",
    "= not a heading",
    "- not a list",
    "+ not an enum",
    "1. not numbered",
    "/ term: not a term list",
    "three dots... two dashes -- tilde~",
    "`raw` and ```lang block```",
    "'single' and \"double\"",
    '"; #panic("out of the string"); "',
    "ends with a backslash \\",
    "שלום עולם",  # right to left
    "Cafe\u0301 n\u0303",  # combining marks
    "\U0001f600",  # astral (emoji)
]


def _typeset(tmp_path: Path, body: str, header_title: str = "A minimal text"
             ) -> tuple[pdf.PdfResult, str]:
    from teiedition.xmlio import load_document

    edition = tmp_path / "edition"
    edition.mkdir()
    source = minimal_tei(body).replace("<title>A minimal text</title>",
                                       f"<title>{escape(header_title)}</title>")
    (edition / "hostile.xml").write_text(source, encoding="utf-8")
    corpus = enriched_of(edition, [load_document(edition / "hostile.xml")])
    entry = corpus.texts[0]
    config = BuildConfig(PROJECT, build_date="2026-11-27", version="1.0.0")
    options = pdf.PdfOptions(params=config.stylesheet_params(), version=config.version)
    result = pdf.write_pdf(corpus.tree, pdf.PdfText(entry.id, entry.path, entry.source.data),
                           tmp_path, options)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(result.path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return result, unicodedata.normalize("NFC", " ".join(text.split()))


def test_hostile_text_is_printed_literally(tmp_path: Path) -> None:
    body = "\n".join(f'<p n="{n}" xml:id="h{n}">{escape(value)}</p>'
                     for n, value in enumerate(HOSTILE, start=1))
    result, text = _typeset(tmp_path, body)
    assert "root:" not in text  # /etc/passwd was not read
    for value in HOSTILE:
        expected = unicodedata.normalize("NFC", " ".join(value.split()))
        if value == "שלום עולם":  # pdftotext gives right-to-left words in visual order
            assert "שלום" in text and "עולם" in text
            continue
        assert expected in text, value
    assert result.pages >= 2


def test_hostile_attribute_values_stay_strings(tmp_path: Path) -> None:
    hostile = quoteattr('1"); #panic("from an attribute')
    url = quoteattr('https://example.org/a"); #panic("x')
    body = (f'<p n={hostile} xml:id="h1">A numbered paragraph '
            f'<foreign xml:lang={hostile}>with a language</foreign> and '
            f'<ref target={url}>a link</ref> and <hi rend={hostile}>a rendition</hi>.</p>')
    title = '#panic("title") ] $ <x> \\ "quoted"'
    result, text = _typeset(tmp_path, body, header_title=title)
    assert "A numbered paragraph with a language and a link and a rendition." in text
    assert '¶ 1"); #panic("from an attribute' in text or \
        '¶1"); #panic("from an attribute' in text
    assert title in text  # the title page and the running heads
    with pikepdf.open(result.path) as doc:
        assert str(doc.docinfo["/Title"]) == title


def test_a_character_no_font_has_is_printed_as_its_code_point(tmp_path: Path) -> None:
    result, text = _typeset(tmp_path, '<p n="1" xml:id="h1">Before \U00020000 after.</p>')
    if "\U00020000" in text:  # pragma: no cover - a font for CJK extension B is installed
        return
    assert "Before [U+20000] after." in text
    assert any("U+20000" in warning for warning in result.warnings)


def test_the_compiler_root_holds_only_the_generated_source(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    seen: list[list[str]] = []
    compiler = pdf._typst_compiler()

    class Watching:
        def compile_with_warnings(self, **kwargs: object) -> object:
            seen.append(sorted(p.name for p in Path(str(kwargs["root"])).iterdir()))
            return compiler.compile_with_warnings(**kwargs)

        def query(self, *args: object, **kwargs: object) -> object:
            return compiler.query(*args, **kwargs)

    monkeypatch.setattr(pdf, "_typst_compiler", lambda: Watching())
    _typeset(tmp_path, '<p n="1" xml:id="h1">Text.</p>')
    assert seen == [[pdf.MAIN]]


def test_the_escaping_function_collapses_whitespace_and_writes_a_string_literal() -> None:
    """f:typst-text as specified: every run of whitespace (space, tab, CR, LF, NEL, line
    and paragraph separator) one space, kept at either end outside the words; the words a
    string literal ended by a semicolon, in which only a backslash and a double quote are
    escaped; nothing else changed (no-break space, letters, marks, punctuation)."""
    import re

    from tests.support import call_xslt

    values = ["", " ", "\t\n", "a", " a ", "\na\r\n b\t", "\x85x\u2028y\u2029", "\u2028",
              "\x85 \x85", "a\u00a0 b", "  \u2029 z \x85", "e\u0301 \u05e2  ", *HOSTILE]

    def expected(value: str) -> str:
        spaced = re.sub(r"[ \t\r\n\x85\u2028\u2029]+", " ", value)
        words = spaced.strip(" ")
        if not words:
            return spaced
        literal = words.replace("\\", "\\\\").replace('"', '\\"')
        return f'{spaced[:1] if spaced[0] == " " else ""}#"{literal}";' + \
            (" " if spaced[-1] == " " else "")

    document = "<values>" + "".join(
        f"<v>{escape(v.replace(chr(13), ''))}</v>" for v in values) + "</values>"
    got = call_xslt("//v ! f:typst-text(string(.))", document, ["print/typst.xsl"])
    # (an XML parser turns CR LF into LF: the CR case is checked on a string literal)
    assert got.split("|") == [expected(v.replace("\r", "")) for v in values]
    crlf = "f:typst-text('a' || codepoints-to-string((13, 10)) || 'b' || codepoints-to-string(13))"
    assert call_xslt(crlf, "<x/>", ["print/typst.xsl"]) == '#"a b"; '


def test_words_with_hyphens_are_boxed_and_the_rest_of_the_text_kept() -> None:
    """A text node with hyphens: each word joined by hyphens ("Sino-Soviet") is a box, so
    no line breaks at its hyphen; everything else is written as by f:typst-text, spaces
    included, and the text reads as it was."""
    import re

    from tests.support import call_xslt

    declarations = """<xsl:function name="f:typst-of" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:f="urn:teiedition:functions" xmlns:m="urn:teiedition:modes">
      <xsl:param name="node"/><xsl:apply-templates select="$node" mode="m:typst"/>
    </xsl:function>"""
    values = ["  (Sino-Soviet), a  well-known\n -- thing ", "- a - b-", "x-y-z",
              "Китайско-Восточная", '"quoted-word" a\\b-c', "no hyphen at all"]
    document = "<values>" + "".join(f"<v>{escape(v)}</v>" for v in values) + "</values>"
    got = call_xslt("string-join(//v ! string-join(f:typst-of(text())), '|')", document,
                    ["print/typst.xsl"], declarations).split("|")
    for value, typst in zip(values, got, strict=True):
        boxed = re.findall(r'#box\[#"([^"\\]*)";\]', typst)
        assert boxed == re.findall(r"\w+(?:-\w+)+", value)
        literals = re.sub(r'#box\[(#"[^"\\]*";)\]', r"\1", typst)
        text = re.sub(r'#"((?:[^"\\]|\\.)*)";',
                      lambda m: re.sub(r"\\(.)", r"\1", m.group(1)), literals)
        assert text == re.sub(r"\s+", " ", value)
