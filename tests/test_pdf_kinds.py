"""Other kinds of TEI typeset as an edition prints them: drama, verse, letters, critical
apparatus (the golden fixtures of tests/fixtures/html/, and a longer poem)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from teiedition.build.config import BuildConfig
from teiedition.rendering import pdf
from tests.support import PROJECT
from tests.support import enriched as enriched_of

from .conftest import minimal_tei

pytestmark = pytest.mark.slow
for tool in ("pdftotext", "pdffonts"):
    if shutil.which(tool) is None:  # pragma: no cover - setup.sh installs poppler
        pytest.skip(f"{tool} is not installed (Debian: poppler-utils)", allow_module_level=True)

FIXTURES = Path(__file__).parent / "fixtures" / "html"
XHTML = "{http://www.w3.org/1999/xhtml}"


def typeset(tmp_path: Path, name: str, source: str | None = None) -> tuple[Path, str]:
    """Typeset one document; return the PDF and its Typst source."""
    from teiedition.xmlio import load_document

    edition = tmp_path / "edition"
    edition.mkdir()
    target = edition / name
    if source is None:
        shutil.copy(FIXTURES / name, target)
    else:
        target.write_text(source, encoding="utf-8")
    corpus = enriched_of(edition, [load_document(target)])
    entry = corpus.texts[0]
    config = BuildConfig(PROJECT, build_date="2026-11-27", version="1.0.0")
    options = pdf.PdfOptions(params=config.stylesheet_params(), version=config.version)
    text = pdf.PdfText(entry.id, entry.path, entry.source.data)
    result = pdf.write_pdf(corpus.tree, text, tmp_path, options)
    assert result.warnings == []
    return result.path, pdf.typst_source(corpus.tree, text, options)


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def words_of(path: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, xMax) of every word."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True).stdout
    return [(w.text or "", float(w.get("xMin")), float(w.get("xMax")))
            for w in etree.fromstring(out).iter(f"{XHTML}word")]


def fonts_of(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout


def test_drama_sets_speakers_off_and_stage_directions_in_italics(tmp_path: Path) -> None:
    path, source = typeset(tmp_path, "drama.1.xml")
    assert "#k-speaker[" in source and "#k-stage" in source
    lines = [line.strip() for line in text_of(path).splitlines()]
    assert "ALICE" in lines and "BOB" in lines  # each speaker on a line of its own
    assert "An inn at night. Rain." in lines
    fonts = fonts_of(path)
    assert "NotoSerif-Bold" in fonts and "NotoSerif-Italic" in fonts


def test_verse_numbers_every_fifth_line_in_the_margin(tmp_path: Path) -> None:
    lines = "\n".join(f'<l n="{n}">This is the line of verse number {n} here</l>'
                      for n in range(1, 13))
    path, _ = typeset(tmp_path, "poem.xml", minimal_tei(f'<lg type="poem">{lines}</lg>'))
    words = words_of(path)
    verse_left = min(x0 for w, x0, _ in words if w == "This")
    numbers = [w for w, _, x1 in words if w.isdigit() and x1 < verse_left]
    assert numbers == ["5", "10"]


def test_letters_set_dateline_and_closer_to_the_right(tmp_path: Path) -> None:
    path, source = typeset(tmp_path, "letter.1.xml")
    assert "#k-dateline[" in source and "#k-closer[" in source
    words = words_of(path)
    right = max(x1 for w, _, x1 in words if w == "you")  # a full line of the letter
    for word in ("1890", "Charles", "faithfully,"):
        x1 = next(x1 for w, _, x1 in words if w == word)
        assert abs(x1 - right) < 3, word
    left = min(x0 for w, x0, _ in words if w == "Dear")
    assert left < right - 300  # the salute of the opener stays at the left


def test_critical_apparatus_is_a_second_series_after_the_paragraph(tmp_path: Path) -> None:
    path, _ = typeset(tmp_path, "apparatus.1.xml")
    text = " ".join(text_of(path).split())
    assert "In the beginning was the word a, and the word was spoken b." in text
    assert "[voice B]" not in text  # the readings are not in the running text
    assert "word A] voice B" in text
    assert "spoken] written B; sung A B" in text
    # the footnotes are the first series, still at the foot of the page
    assert "1. The witnesses disagree here; see Smith, Readings." in text


def paragraph_starts(path: Path) -> list[list[bool]]:
    """Per page, for each line of running text, whether a paragraph starts on it (the line
    has a ¶ number in the margin)."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True).stdout
    pages = []
    for page in etree.fromstring(out).iter(f"{XHTML}page"):
        words = [(w.text, float(w.get("yMin")), float(w.get("yMax")))
                 for w in page.iter(f"{XHTML}word")]
        marks = [y0 for text, y0, _ in words if text == "¶"]
        lines = sorted({round(y0, 1) for _, y0, y1 in words if 13 < y1 - y0 < 16})  # 10.5 pt
        pages.append([any(abs(line - mark) < 3 for mark in marks) for line in lines])
    return pages


def test_no_paragraph_leaves_a_widow_or_an_orphan(tmp_path: Path) -> None:
    """Eighty paragraphs of one to fourteen lines break across a dozen pages, and no page
    ends with a paragraph's first line alone (an orphan) or starts with its last line alone
    (a widow)."""
    vocabulary = ("the", "treaty", "of", "peace", "was", "signed", "at", "the", "conference",
                  "by", "delegates", "from", "both", "governments", "who", "had", "met", "in",
                  "secret")
    lengths = (12, 25, 40, 60, 90, 130, 170)
    paragraphs = "\n".join(
        f'<p n="{n}" xml:id="t-p{n}">'
        + " ".join(vocabulary[(n * 7 + i * 5 + i // 3) % len(vocabulary)]
                   for i in range(lengths[(n * 3) % len(lengths)]))
        + "</p>" for n in range(1, 81))
    path, _ = typeset(tmp_path, "long.xml", minimal_tei(paragraphs))
    pages = [starts for starts in paragraph_starts(path) if any(starts)]  # the text's pages
    assert len(pages) >= 10
    for number, (page, following) in enumerate(itertools.pairwise(pages), start=1):
        continues = not following[0]  # the paragraph at the foot goes on over the page
        if continues:
            assert not page[-1], f"text page {number} ends with an orphan"
            assert len(following) > 1 and not following[1], \
                f"text page {number + 1} starts with a widow"
