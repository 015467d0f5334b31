"""Builds lose nothing and produce nothing unsafe: locking, interruption, read-only sources,
hostile values in the sources, any mutation of the text."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from lxml import html

from teiedition.build.publish import BuildLock
from teiedition.cli import cli

from .conftest import EDITION, replace_in
from .mutations import TEXT, mutated_text

pytestmark = pytest.mark.slow

EDITION_BIN = Path(sys.executable).parent / "edition"
RELEASED = Path(__file__).parents[1] / "edition" / "released" / "citations-1.0.0.json"


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(edition: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--edition", str(edition), "--out", str(out),
                                      "--no-search", *extra])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_second_build_stops_with_a_clear_message(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with BuildLock(out):
        code, output = build(EDITION, out)
    assert code == 1
    assert f"another build (process {os.getpid()}) is writing {out}" in output
    assert not out.exists()
    code, _ = build(EDITION, out)  # the lock is released with the first build
    assert code == 0 and (out / "index.html").is_file()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_build_leaves_the_previous_site(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "site"
    assert build(EDITION, out)[0] == 0
    (out / "previous-build.txt").write_text("the previous site", encoding="utf-8")
    before = digests(out)
    complete = set(before) - {"previous-build.txt"}
    for delay in (0.5, 1.5, 3.0):
        process = subprocess.Popen(
            [str(EDITION_BIN), "build", "--edition", str(EDITION), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
        assert b"Traceback" not in stderr
        now = digests(out)
        if "previous-build.txt" in now:
            assert now == before, f"the previous site changed (signal after {delay} s)"
        else:  # the build had finished: a complete new site
            assert complete <= set(now)
            return
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-tmp-")]
    if sig == signal.SIGINT:
        assert leftovers == []  # Ctrl-C cleans up at once
    assert build(EDITION, out)[0] == 0  # the next build recovers and cleans up
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-tmp-")] == []


def test_sources_are_read_only_to_every_command(tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(EDITION, edition)
    before = digests(edition)
    runner = CliRunner()
    for args in (["validate", "--edition", str(edition)],
                 ["validate", "--edition", str(edition), "--tei-all", "--format", "json"],
                 ["schema", "--check"],
                 ["build", "--edition", str(edition), "--out", str(tmp_path / "site"), "--no-search"],
                 ["build", "--edition", str(edition), "--out", str(tmp_path / "a"), "--archival",
                  "--no-search"],
                 ["cite", "p3", "--edition", str(edition)],
                 ["cite", "--style", "ris", "--edition", str(edition)],
                 ["citations", "--check", str(RELEASED), "--edition", str(edition)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.output)
        assert digests(edition) == before, args


HOSTILE = [
    '<ref target="javascript:alert(1)">script link</ref>',
    '<ref target="JaVaScRiPt:alert(2)">mixed case</ref>',
    '<ref target=" javascript:alert(3)">leading space</ref>',
    '<ref target="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;">data link</ref>',
    '<ref target="vbscript:msgbox(5)">vbscript link</ref>',
    '<ptr target="javascript:alert(6)"/>',
    '<hi facs="javascript:alert(7)" rend="bold">facsimile</hi>',
    '<ref target="https://example.org/ok">safe link</ref>',
]


def test_no_source_value_becomes_active_content(edition_copy: Path, tmp_path: Path) -> None:
    replace_in(edition_copy / "karakhan-declarations.xml", "with little success.",
               "with little success. " + " ".join(HOSTILE) + " <hi rend=\"x\" style=\"color:red\" "
               "rendition=\"#r\">onmouseover=\"alert(8)\"</hi>")
    out = tmp_path / "site"
    code, output = build(edition_copy, out)
    assert code == 0, output
    page = (out / "karakhan-declarations.html").read_text(encoding="utf-8")
    for path in out.rglob("*.html"):
        tree = html.fromstring(path.read_bytes())
        for attribute in ("href", "src", "action", "formaction", "data", "srcset"):
            for value in tree.xpath(f"//@{attribute}"):
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not cleaned.startswith(("javascript:", "data:", "vbscript:", "//")), \
                    (path.name, value)
        assert not tree.xpath("//@*[starts-with(name(), 'on')]"), path.name
        assert not tree.xpath("//script[not(@src) and not(@type='application/json')"
                              " and not(@type='application/ld+json')]"), path.name
        for block in tree.xpath("//script[@type='application/ld+json']"):
            assert isinstance(json.loads(block.text), dict), path.name  # data, intact
        csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "script-src 'self'" in csp[0], path.name
    text = html.fromstring(page).text_content()
    for words in ("script link", "mixed case", "data link", "facsimile", "safe link"):
        assert words in text
    assert 'href="https://example.org/ok"' in page


SCRIPTS = {
    "Hebrew": "שלום עולם",
    "Arabic": "مرحبا بالعالم",
    "combining": "Cafe\u0301 n\u0303 a\u0308\u0301",
    "CJK": "加拉罕 中東鐵路",
    "astral": "\U00020000\U0001f600",
    "bidi controls": "\u202bRTL\u202c and \u2066isolate\u2069",
}


def test_right_to_left_combining_and_cjk_survive_the_html(edition_copy: Path, tmp_path: Path) -> None:
    sample = " ".join(f"<foreign>{value}</foreign>" for value in SCRIPTS.values())
    replace_in(edition_copy / "karakhan-declarations.xml", "with little success.",
               f"with little success. {sample}")
    out = tmp_path / "site"
    assert build(edition_copy, out)[0] == 0
    page = (out / "karakhan-declarations.html").read_text(encoding="utf-8")
    text = html.fromstring(page).text_content()
    for name, value in SCRIPTS.items():
        assert value in text, name


@settings(max_examples=10, deadline=timedelta(seconds=90),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=mutated_text())
def test_build_survives_any_mutation(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz-build")
    edition = folder / "edition"
    shutil.copytree(EDITION, edition)
    (edition / TEXT.name).write_bytes(content)
    out = folder / "site"
    result = CliRunner().invoke(cli, ["build", "--edition", str(edition), "--out", str(out), "--no-search"])
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert not out.exists()
        located = [line for line in result.output.splitlines() if re.match(r"^.+:\d+:\d+: error: \[", line)]
        assert located or "Error:" in result.output
    else:
        assert (out / "karakhan-declarations.html").is_file()


def test_scripts_of_every_direction_survive_the_exports(edition_copy: Path, tmp_path: Path) -> None:
    import json

    import bibtexparser
    import rispy

    sample = "שלום مرحبا Cafe\u0301 加拉罕 \U00020000"
    replace_in(edition_copy / "karakhan-declarations.xml",
               "<title>First and Second Karakhan Declaration: a digital edition</title>",
               f"<title>First and Second Karakhan Declaration: a digital edition {sample}</title>")
    out = tmp_path / "site"
    assert build(edition_copy, out)[0] == 0
    page = (out / "karakhan-declarations.html").read_text(encoding="utf-8")
    assert sample in html.fromstring(page).text_content()
    csl = json.loads((out / "cite" / "p3.json").read_text(encoding="utf-8"))
    assert sample in csl[0]["title"]
    library = bibtexparser.parse_string((out / "cite" / "p3.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert sample in library.entries[0].fields_dict["title"].value
    records = rispy.loads((out / "cite" / "p3.ris").read_text(encoding="utf-8"))
    assert sample in records[0]["title"]


def test_right_to_left_combining_and_cjk_survive_the_pdf_text_layer(edition_copy: Path,
                                                                    tmp_path: Path) -> None:
    samples = [SCRIPTS["Hebrew"], SCRIPTS["Arabic"], SCRIPTS["combining"], SCRIPTS["CJK"]]
    replace_in(edition_copy / "karakhan-declarations.xml", "with little success.",
               "with little success. " + " ".join(f"<foreign>{s}</foreign>" for s in samples))
    out = tmp_path / "site"
    code, output = build(edition_copy, out)
    assert code == 0, output
    assert ".notdef" not in output  # every character had a glyph
    text = subprocess.run(["pdftotext", str(out / "karakhan-declarations.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for sample in samples:
        assert sample in text, sample


def test_a_failing_renderer_names_the_document_and_stage(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from teiedition.rendering import pdf

    out = tmp_path / "site"
    assert build(EDITION, out, "--no-pdf")[0] == 0
    before = digests(out)

    def broken(*_args: object, **_kwargs: object) -> str:  # markup Typst refuses
        return '#set document(title: "t")\nText.#k-dest("p3")\n#let broken = (\n'

    monkeypatch.setattr(pdf, "typst_source", broken)  # in this process: one job
    result = CliRunner().invoke(cli, ["build", "--edition", str(EDITION), "--out", str(out),
                                      "--no-search", "-j", "1"])
    assert result.exit_code == 1
    assert ("build failed: karakhan-declarations.xml: the PDF could not be typeset (near the "
            "element with xml:id 'p3'): Typst: ") in result.output
    assert "the previous site is unchanged" in result.output
    assert digests(out) == before


def test_a_failing_stylesheet_names_the_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from teiedition.build import corpus

    broken = tmp_path / "99-broken.xsl"
    broken.write_text(
        '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">'
        '<xsl:template match="/"><xsl:message terminate="yes">no way through '
        '<xsl:value-of select="count(//*:TEI)"/> documents</xsl:message></xsl:template>'
        '</xsl:stylesheet>', encoding="utf-8")
    stages = corpus.pipeline_stages()
    monkeypatch.setattr(corpus, "pipeline_stages", lambda: [*stages, broken])
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", "--edition", str(EDITION), "--out", str(out),
                                      "--no-search", "--no-pdf"])
    assert result.exit_code == 1
    assert "build failed: 99-broken.xsl: the transformation failed" in result.output
    assert "no way through 7 documents" in result.output
    assert not out.exists()


def _site_files(site: Path) -> dict[str, str]:
    """The site's files and digests, without the build stamp and Pagefind's filter and
    meta files, whose names and bytes differ from run to run."""
    return {name: digest for name, digest in digests(site).items()
            if name != ".build-stamp.json"
            and not re.fullmatch(r"pagefind/(filter/.*|pagefind-entry\.json|.*\.pf_meta)", name)}


def test_a_build_over_the_site_before_the_last_writes_what_a_build_into_a_new_folder_does(
        edition_copy: Path, tmp_path: Path) -> None:
    """The site before the last is kept beside the output and written over by the next
    build; what that build did not write again (here the page of a place since removed)
    is gone, and Pagefind's index is whole."""
    places = edition_copy / "registers" / "places.xml"
    original = places.read_text(encoding="utf-8")
    extra = ('<place xml:id="extra-town" type="city">\n<placeName type="preferred" '
             'xml:lang="en">Extra Town</placeName>\n<note type="description">A place that '
             'the third build no longer has.</note>\n</place>\n')
    places.write_text(original.replace('<place xml:id="gori"', extra + '<place xml:id="gori"',
                                       1), encoding="utf-8")
    out = tmp_path / "site"
    options = ["--edition", str(edition_copy), "--no-pdf", "--force"]
    args = ["build", "--out", str(out), *options]
    for _ in range(2):
        assert CliRunner().invoke(cli, args).exit_code == 0
    assert (out / "places" / "extra-town.html").is_file()
    spare = tmp_path / ".site-spare"
    assert (spare / "places" / "extra-town.html").is_file()

    places.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert not (out / "places" / "extra-town.html").exists()
    fresh = tmp_path / "fresh"
    assert CliRunner().invoke(cli, ["build", "--out", str(fresh), *options]).exit_code == 0
    assert _site_files(out) == _site_files(fresh)
    assert len(list((out / "pagefind" / "fragment").iterdir())) == \
        len(list((fresh / "pagefind" / "fragment").iterdir())) > 80
    assert sorted(p.name for p in tmp_path.iterdir()) == [".fresh.lock", ".site-spare", ".site.lock",
                                                          "edition", "fresh", "site"]
