"""Every Schematron rule of the ODD, and the closed value lists, with a failing example and a
passing one (the negative control), checked through the validator on a copy of the edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from teiedition.validation.validate import Report, validate_paths
from tests.support import project_for

from .conftest import replace_in

TEXT = "karakhan-declarations.xml"
PERSONS = "registers/persons.xml"
PLACES = "registers/places.xml"


def error_rules(report: Report) -> set[str]:
    return {d.rule for d in report.diagnostics if d.severity == "error"}


def test_the_edition_as_published_passes_every_rule(edition_copy: Path) -> None:
    report = validate_paths([], project_for(edition_copy))
    assert report.diagnostics == []
    assert report.ok


# (rule id, file, text to replace, failing replacement, passing replacement)
CASES = [
    ("ref-resolves", TEXT, 'ref="per:stalin"', 'ref="per:stalinn"', 'ref="per:stalin"'),
    ("ref-resolves", TEXT, 'ref="per:stalin"', 'ref="px:stalin"', 'ref="registers/persons.xml#stalin"'),
    ("ref-kind", TEXT, 'persName ref="per:stalin"', 'persName ref="plc:moscow"',
     'persName ref="per:karakhan"'),
    ("ref-kind", TEXT, '<rs type="event" ref="evt:great-purge"', '<rs type="event" ref="per:stalin"',
     '<rs type="person" ref="per:stalin"'),
    ("id-unique", TEXT, 'xml:id="p8"', 'xml:id="p7"', 'xml:id="p8"'),
    ("date-iso", TEXT, 'when="1919-07-25"', 'when="1919-13-25"', 'when="1919-07"'),
    ("date-range", TEXT, 'from="1889" to="1937"', 'from="1937" to="1889"', 'from="1889" to="1889-02"'),
    ("date-range-uncertain", TEXT, 'from="1889" to="1937"', 'notBefore="1937-02" notAfter="1937-01"',
     'notBefore="1937-01-15" notAfter="1937-01"'),
    ("p-numbering", TEXT, 'n="3" xml:id="p3"', 'n="4" xml:id="p3"', 'n="3" xml:id="p3"'),
    ("idno-wikidata", PERSONS, '<idno type="wikidata">Q855</idno>', '<idno type="wikidata">q855</idno>',
     '<idno type="wikidata">Q855</idno>'),
    ("idno-digits", PERSONS, '<idno type="viaf">101787139</idno>', '<idno type="viaf">VIAF-101787139</idno>',
     '<idno type="viaf">101787139</idno>'),
    ("idno-lccn", PERSONS, '<idno type="viaf">101787139</idno>',
     '<idno type="viaf">101787139</idno><idno type="lccn">80044789</idno>',
     '<idno type="viaf">101787139</idno><idno type="lccn">n80044789</idno>'),
    ("idno-url", TEXT, '<idno type="URI">https://karakhan-edition.example.org/</idno>',
     '<idno type="URI">javascript:alert(1)</idno>', '<idno type="URI">https://example.org/x</idno>'),
    ("entry-referenced", PERSONS, "</listPerson>",
     '<person xml:id="nobody"><persName type="preferred">Nobody</persName></person></listPerson>',
     '</listPerson><listPerson type="context-only"><person xml:id="nobody"><persName '
     'type="preferred">Nobody</persName></person></listPerson>'),
    ("lang-bcp47", PERSONS, 'xml:lang="ru"', 'xml:lang="russian_"', 'xml:lang="ru-Cyrl-RU"'),
    ("lang-registered", PERSONS, 'xml:lang="ru"', 'xml:lang="qq"', 'xml:lang="ru-Cyrl"'),
    ("schema", PERSONS, 'persName type="variant" xml:lang="ru"', 'persName type="favourite" xml:lang="ru"',
     'persName type="variant" xml:lang="ru"'),
    ("schema", TEXT, "<rs type=", "<rs subtype=", "<rs type="),
]


@pytest.mark.parametrize(("rule", "file", "old", "bad", "good"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fails_and_passes(edition_copy: Path, rule: str, file: str, old: str, bad: str,
                               good: str) -> None:
    path = edition_copy / file
    original = path.read_text(encoding="utf-8")
    replace_in(path, old, bad)
    failing = validate_paths([], project_for(edition_copy))
    assert rule in error_rules(failing), [d.format() for d in failing.diagnostics]
    path.write_text(original, encoding="utf-8")
    replace_in(path, old, good)
    passing = validate_paths([], project_for(edition_copy))
    assert rule not in error_rules(passing), [d.format() for d in passing.diagnostics]


def test_unknown_element_is_named(edition_copy: Path) -> None:
    replace_in(edition_copy / TEXT, '<persName ref="per:stalin">Stalin</persName>',
               '<w><persName ref="per:stalin">Stalin</persName></w>')
    report = validate_paths([], project_for(edition_copy))
    messages = [d.message for d in report.diagnostics if d.rule == "schema"]
    assert any(m.startswith("<w> is not allowed by the project schema") for m in messages), messages


def test_duplicate_identifier_across_files_is_reported_in_both(edition_copy: Path) -> None:
    replace_in(edition_copy / TEXT, 'xml:id="p8"', 'xml:id="stalin"')
    report = validate_paths([], project_for(edition_copy))
    places = {d.path.rsplit("/", 1)[-1] for d in report.diagnostics if d.rule == "id-unique"}
    assert places == {"karakhan-declarations.xml", "persons.xml"}


def test_citation_must_point_to_a_work_cited(edition_copy: Path) -> None:
    replace_in(edition_copy / TEXT, 'target="bib:gse-karakhan"', 'target="per:karakhan"')
    report = validate_paths([], project_for(edition_copy))
    kinds = [d.message for d in report.diagnostics if d.rule == "ref-kind"]
    assert kinds and "must point to a work" in kinds[0]


def test_context_only_entries_may_stay_unreferenced(edition_copy: Path) -> None:
    text = (edition_copy / PERSONS).read_text(encoding="utf-8")
    assert 'type="context-only"' in text  # the edition relies on this list
    report = validate_paths([edition_copy / PERSONS], project_for(edition_copy))
    assert report.ok


def test_a_register_validated_alone_does_not_claim_unreferenced_entries(tmp_path: Path) -> None:
    register = tmp_path / "registers" / "persons.xml"
    register.parent.mkdir()
    register.write_bytes((Path(__file__).parents[1] / "edition" / PERSONS).read_bytes())
    report = validate_paths([register], project_for(tmp_path / "no-edition"))
    assert "entry-referenced" not in error_rules(report)


def test_parallel_grammar_check_reports_the_same(edition_copy: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from teiedition.validation import validate

    replace_in(edition_copy / PERSONS, 'persName type="variant" xml:lang="ru"',
               'persName type="favourite" xml:lang="ru"')
    replace_in(edition_copy / TEXT, 'when="1919-07-25"', 'when="1919-13-25"')
    replace_in(edition_copy / PLACES, 'xml:lang="ru"', 'xml:lang="qq"')
    serial = validate_paths([], project_for(edition_copy))
    monkeypatch.setattr(validate, "PARALLEL_ABOVE", 0)
    parallel = validate_paths([], project_for(edition_copy))
    # the second process checks the grammar and the language tags
    assert {"schema", "date-iso", "lang-registered"} <= error_rules(parallel)
    assert parallel.diagnostics == serial.diagnostics


def test_a_shared_vocabulary_finds_what_each_document_alone_finds(edition_copy: Path) -> None:
    """The grammar compiled once for the names of all documents (without collecting each
    document's names again) reports what a grammar for that one document reports; an
    element the schema does not know still gets its own message."""
    from teiedition.validation import relaxng
    from teiedition.validation.validate import load_sources, schema_files

    replace_in(edition_copy / PERSONS, 'persName type="variant" xml:lang="ru"',
               'persName type="favourite" xml:lang="ru"')
    project = project_for(edition_copy)
    rng, _ = schema_files(project)
    grammar = relaxng.project_grammar(rng)

    def both() -> list[tuple[list[str], list[str]]]:
        docs = [d for d in load_sources([], project) if d.usable]
        vocabulary = relaxng.vocabulary(docs)
        return [([str(x) for x in grammar.validate(d, "schema", vocabulary, covers=True)],
                 [str(x) for x in grammar.validate(d, "schema")]) for d in docs]

    pairs = both()
    assert any(shared for shared, _ in pairs)
    assert all(shared == alone for shared, alone in pairs)
    replace_in(edition_copy / TEXT, '<persName ref="per:stalin">Stalin</persName>',
               "<said>Stalin</said>")
    pairs = both()
    assert any("<said> is not allowed" in line for shared, _ in pairs for line in shared)
    assert all(shared == alone for shared, alone in pairs)


def test_one_combined_pass_reports_what_two_passes_report(
        edition_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generic rules compiled into the edition's Schematron (one walk) say what they say
    when they run in a pass of their own: the same diagnostics, the edition's words where
    both report an element, and what only a generic rule sees."""
    from teiedition.validation import schematron

    replace_in(edition_copy / TEXT, 'xml:id="p8"', 'xml:id="p7"')
    replace_in(edition_copy / TEXT, 'ref="per:stalin"', 'ref="per:stalinn"')
    replace_in(edition_copy / TEXT, 'when="1919-07-25"', 'when="1919-13-25"')
    replace_in(edition_copy / PERSONS, 'persName type="variant" xml:lang="ru"',
               'persName type="variant" xml:lang="r-u-"')
    project = project_for(edition_copy)
    combined = validate_paths([], project)
    assert {"id-unique", "ref-resolves", "date-iso", "lang-bcp47"} <= error_rules(combined)
    monkeypatch.setattr(schematron, "combined_schema", lambda sch: None)
    separate = validate_paths([], project)
    assert combined.diagnostics == separate.diagnostics
