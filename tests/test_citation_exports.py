"""Citation exports parsed by real parsers and compared across formats."""

from __future__ import annotations

import json
from typing import Any

import bibtexparser
import jsonschema
import pytest
import rispy

from teiedition.citation.formats import (
    CSL_STYLES,
    bibtex,
    csl_item,
    csl_json,
    formatted,
    render,
    ris,
)
from teiedition.citation.units import CitableUnit, EditionInfo
from teiedition.citation.units import CitationModel as Corpus
from tests.support import model_of

from .conftest import EDITION, SHARED

CSL_SCHEMA = SHARED / "external" / "csl-data.json"
TITLE = "First and Second Karakhan Declaration: a digital edition"
BASE = "https://karakhan-edition.example.org/karakhan-declarations.html"
EDITOR = "Karakhan Edition Project team"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return model_of(EDITION)


def targets(corpus: Corpus) -> list[tuple[str, EditionInfo | CitableUnit]]:
    return [("edition", corpus.edition), *((u.id, u) for u in corpus.passages())]


def expected(ref: str) -> dict[str, str]:
    if ref == "edition":
        return {"title": TITLE, "url": BASE}
    return {"title": f"{TITLE}, ¶ {ref[1:]}", "url": f"{BASE}#{ref}"}


def test_there_is_one_target_per_paragraph_plus_the_edition(corpus: Corpus) -> None:
    assert [ref for ref, _ in targets(corpus)] == ["edition", *(f"p{i}" for i in range(1, 9))]


def test_bibtex_parses_without_failed_blocks(corpus: Corpus) -> None:
    for ref, target in targets(corpus):
        library = bibtexparser.parse_string(bibtex(target))
        assert library.failed_blocks == [], ref
        [entry] = library.entries
        assert entry.entry_type == "book"
        fields = {f.key: f.value for f in entry.fields}
        assert fields["title"] == expected(ref)["title"]
        assert fields["url"] == expected(ref)["url"]
        assert fields["date"] == "2026-11-30"
        assert fields["edition"] == "Version 1.1.0"
        assert fields["editor"] == "{" + EDITOR + "}"  # a body, not "First Last"
        assert fields["publisher"] == "Karakhan Edition Project"


def test_ris_parses_one_record(corpus: Corpus) -> None:
    for ref, target in targets(corpus):
        text = ris(target)
        assert text.startswith("TY  - EBOOK\n")
        records = rispy.loads(text)
        assert len(records) == 1, ref
        [record] = records
        assert record["title"] == expected(ref)["title"]
        assert record["urls"] == [expected(ref)["url"]]
        assert record["date"] == "2026/11/30"
        assert record["edition"] == "1.1.0"
        assert record["secondary_authors"] == [EDITOR]


def test_csl_json_is_valid_against_the_csl_schema(corpus: Corpus) -> None:
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    for ref, target in targets(corpus):
        data = json.loads(csl_json(target))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], ref
        [item] = data
        assert item["type"] == "book"
        assert item["title"] == expected(ref)["title"]
        assert item["URL"] == expected(ref)["url"]
        assert item["issued"] == {"date-parts": [[2026, 11, 30]]}
        assert item["version"] == "1.1.0"
        assert item["editor"] == [{"literal": EDITOR}]


def test_the_csl_schema_check_can_fail() -> None:
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    bad = [{"id": "x", "type": "edition-of-a-text", "title": "x"}]
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


@pytest.mark.parametrize("style", sorted(CSL_STYLES))
def test_formatted_citations_carry_version_url_and_editor_once(corpus: Corpus,
                                                              style: str) -> None:
    for ref, target in targets(corpus):
        text = formatted(target, style)
        assert "1.1.0" in text, (style, text)
        assert expected(ref)["url"] in text, (style, text)
        assert "2026" in text
        assert text.count(EDITOR) == 1, (style, text)  # citeproc-py substitute fix
        title = expected(ref)["title"]
        assert title.split(":")[0] in text


def test_formatted_citations_exact(corpus: Corpus) -> None:
    p3 = corpus.passage("p3")
    assert p3 is not None
    # the edition is a book (CSL "book"): its title in italics (plain text here), the
    # version as the styles give a book's, no "[Dataset]" (APA)
    assert formatted(p3, "chicago") == (
        "Karakhan Edition Project team. First and Second Karakhan Declaration: A Digital "
        "Edition, ¶ 3. Version 1.1.0. Karakhan Edition Project, 2026. "
        f"{BASE}#p3.")
    assert formatted(p3, "mla") == (
        "Karakhan Edition Project team, editor. First and Second Karakhan Declaration: A "
        "Digital Edition, ¶ 3. Version 1.1.0, Karakhan Edition Project, 2026, "
        f"{BASE}#p3.")
    assert formatted(p3, "apa") == (
        "Karakhan Edition Project team (ed.). (2026). First and Second Karakhan Declaration: "
        "a digital edition, ¶ 3 (Version 1.1.0). Karakhan Edition Project. "
        f"{BASE}#p3")


def test_all_formats_agree(corpus: Corpus) -> None:
    """Title, date, version and URL are the same in every export of every target."""
    for ref, target in targets(corpus):
        entry = bibtexparser.parse_string(bibtex(target)).entries[0]
        bib = {f.key: f.value for f in entry.fields}
        record = rispy.loads(ris(target))[0]
        item = json.loads(csl_json(target))[0]
        titles = {bib["title"], record["title"], item["title"]}
        urls = {bib["url"], record["urls"][0], item["URL"]}
        versions = {bib["edition"].removeprefix("Version "), record["edition"], item["version"]}
        dates = {bib["date"], record["date"].replace("/", "-"),
                 "-".join(f"{p:02d}" for p in item["issued"]["date-parts"][0])}
        assert titles == {expected(ref)["title"]}
        assert urls == {expected(ref)["url"]}
        assert versions == {"1.1.0"}
        assert dates == {"2026-11-30"}
        assert csl_item(target)["title"] in render(target, "csl-json")


@pytest.mark.parametrize(("style", "start"), [
    ("chicago", "Karakhan Edition Project team. First"),
    ("mla", "Karakhan Edition Project team, editor."),
    ("apa", "Karakhan Edition Project team (ed.). (2026)."),
    ("bibtex", "@book{karakhan-declarations-2026-p3,"),
    ("ris", "TY  - EBOOK"),
    ("csl-json", '[\n  {\n    "id": "p3",'),
])
def test_cli_cite_passage(run_cli: Any, corpus: Corpus, style: str, start: str) -> None:
    result = run_cli("cite", "p3", "--style", style, "--edition", str(EDITION))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(start)
    p3 = corpus.passage("p3")
    assert p3 is not None
    assert result.output == render(p3, style)


def test_cli_cite_edition_defaults_to_chicago(run_cli: Any, corpus: Corpus) -> None:
    result = run_cli("cite", "--edition", str(EDITION))
    assert result.exit_code == 0
    assert result.output == formatted(corpus.edition, "chicago") + "\n"
    assert f"{BASE}." in result.output


@pytest.mark.parametrize("style", ["chicago", "bibtex", "ris", "csl-json"])
def test_cli_cite_takes_the_base_url_from_the_command_line(run_cli: Any, style: str) -> None:
    """--base-url replaces the header's address in every style (a slash is added)."""
    result = run_cli("cite", "p3", "--style", style, "--base-url", "https://cite.test-host.org/k",
                     "--edition", str(EDITION))
    assert result.exit_code == 0, result.output
    assert "https://cite.test-host.org/k/karakhan-declarations.html#p3" in result.output
    assert "example.org" not in result.output


def test_cli_cite_refuses_a_base_url_that_is_no_web_address(run_cli: Any) -> None:
    result = run_cli("cite", "--base-url", "javascript:alert(1)", "--edition", str(EDITION))
    assert result.exit_code == 2
    assert "--base-url" in result.output and "Traceback" not in result.output


def test_cli_cite_unknown_reference(run_cli: Any) -> None:
    result = run_cli("cite", "p99", "--edition", str(EDITION))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: Invalid value for 'REF': 'p99' is not a citable passage; valid references: "
        "edition, p1, p2, p3, p4, p5, p6, p7, p8")


def test_cli_cite_unknown_style(run_cli: Any) -> None:
    result = run_cli("cite", "p3", "--style", "harvard", "--edition", str(EDITION))
    assert result.exit_code == 2
    assert "'harvard' is not one of 'chicago', 'mla', 'apa', 'bibtex', 'ris', 'csl-json'" \
        in result.output


def test_many_citations_at_once_equal_one_by_one(corpus: Corpus,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """formatted_many fills one citeproc template per text and style; the result must be
    what formatting each citation on its own gives, also for labels with letters or
    punctuation (formatted in full) and for texts with another title."""
    import dataclasses

    from teiedition.citation import formats as citeformats

    other = dataclasses.replace(corpus.edition, title="Notes on the treaty of 1924",
                                text="other")
    odd = [dataclasses.replace(u, n=None, id=f"x{i}", kind="letter")  # label "letter x0"
           for i, u in enumerate(corpus.passages()[:2])]
    moved = [dataclasses.replace(u, edition=other) for u in corpus.passages()]
    items: list[EditionInfo | CitableUnit] = [corpus.edition, other, *corpus.passages(),
                                              *moved, *odd]
    calls: list[str] = []
    real = citeformats._format_item

    def counted(item: dict[str, Any], style: str) -> str:
        calls.append(item["id"])
        return real(item, style)

    for style in CSL_STYLES:
        one_by_one = [formatted(t, style) for t in items]
        calls.clear()
        monkeypatch.setattr(citeformats, "_format_item", counted)
        assert citeformats.formatted_many(items, style) == one_by_one
        monkeypatch.setattr(citeformats, "_format_item", real)
        # per title one group of editions and one of passages, each a template and a
        # check; the odd labels in full
        assert len(calls) == 2 * 4 + len(odd) < len(items)
