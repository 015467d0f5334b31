"""Open validation: an edition is validated against the schema its edition.toml names (its
ODD, a RELAX NG of its own, TEI P5 tei_all, or by default tei_all); the generic rules run
whatever the schema, the edition's policy rules only where its ODD declares them; a file
only libxml2 can read gets a located well-formedness error and the normal summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition import xmlio
from teiedition.cli import cli
from teiedition.project import Project, ProjectError
from teiedition.validation import validate as validation
from teiedition.validation.validate import validate_paths
from teiedition.xmlio import load_document

from .conftest import EDITION, ROOT, minimal_tei, replace_in

TEXT = "karakhan-declarations.xml"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def make_project(root: Path, schema: str = "", texts: dict[str, str] | None = None) -> Path:
    """A project folder with an edition.toml (``schema``: its [schema] table, if any) and
    the given TEI files under edition/."""
    (root / "edition").mkdir(parents=True)
    (root / "edition.toml").write_text(f'[edition]\ntitle = "Test"\n\n{schema}\n',
                                       encoding="utf-8")
    for name, text in (texts or {}).items():
        (root / "edition" / name).write_text(text, encoding="utf-8")
    return root


def rules(output: str) -> set[str]:
    return {line.split("[", 1)[1].split("]", 1)[0] for line in output.splitlines()
            if ": error: [" in line}


def where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


# --------------------------------------------------------------------- the project file


def load(tmp_path: Path, toml: str) -> Project:
    file = tmp_path / "edition.toml"
    file.write_text('[edition]\ntitle = "T"\n' + toml, encoding="utf-8")
    return Project.load(file)


def test_without_a_schema_table_the_grammar_is_tei_all(tmp_path: Path) -> None:
    project = load(tmp_path, "")
    assert project.schemas.tei_all and project.schemas.sch is None
    assert project.validation == "gate"
    assert load(tmp_path, "[schema]\ntei-all = true\n").schemas == project.schemas


def test_schema_table_forms(tmp_path: Path) -> None:
    odd = load(tmp_path, '[schema]\nodd = "s/my.odd.xml"\n').schemas
    assert (odd.rng, odd.sch) == (tmp_path / "s/my.rng", tmp_path / "s/my.sch")
    assert not odd.tei_all
    rng = load(tmp_path, '[schema]\nrng = "x.rng"\nschematron = "x.sch"\n').schemas
    assert (rng.odd, rng.rng, rng.sch) == (None, tmp_path / "x.rng", tmp_path / "x.sch")
    assert load(tmp_path, '[schema]\nrng = "x.rng"\n').schemas.sch is None
    assert load(tmp_path, '[build]\nvalidation = "warn"\n').validation == "warn"


@pytest.mark.parametrize(("toml", "message"), [
    ('[schema]\ntei-all = true\nrng = "x.rng"\n', "cannot be combined"),
    ("[schema]\ntei-all = false\n", "neither odd nor rng"),
    ('[schema]\ntei-all = "yes"\n', "must be true or false"),
    ('[schema]\ntei_all = true\n', "unknown key(s) in [schema]: tei_all"),
    ('[build]\nvalidation = "lenient"\n', "[build] validation must be one of 'gate', 'warn'"),
])
def test_schema_table_mistakes_are_named(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ProjectError, match=None) as caught:
        load(tmp_path, toml)
    assert message in str(caught.value)
    assert str(tmp_path / "edition.toml") in str(caught.value)


def test_a_missing_schema_file_is_a_usage_error(tmp_path: Path) -> None:
    project = make_project(tmp_path, '[schema]\nrng = "schemas/none.rng"',
                           {"a.xml": minimal_tei()})
    code, output = invoke("validate", "-P", str(project))
    assert code == 2
    assert "none.rng: the schema named in edition.toml ([schema]) does not exist" in output


# --------------------------------------------------------------------- each schema choice

SAID = minimal_tei('<p xml:id="a1">She <said>spoke</said>.</p>')
BOGUS = minimal_tei('<p xml:id="a1">She <bogus>spoke</bogus>.</p>')


@pytest.mark.parametrize("schema", ["", "[schema]\ntei-all = true"], ids=["default", "tei-all"])
def test_tei_all_projects(tmp_path: Path, schema: str) -> None:
    make_project(tmp_path / "ok", schema, {"a.xml": SAID})
    assert invoke("validate", "-P", str(tmp_path / "ok")) == (0, "1 file valid\n")
    make_project(tmp_path / "bad", schema, {"a.xml": BOGUS})
    code, output = invoke("validate", "-P", str(tmp_path / "bad"))
    assert code == 1
    line, column = where(BOGUS, "<bogus>")
    assert (f"edition/a.xml:{line}:{column}: error: [schema] <bogus> is not allowed by the "
            "TEI P5 tei_all schema") in output.replace(str(tmp_path / "bad") + "/", "")
    # --tei-all adds nothing when the grammar is tei_all already
    code, output = invoke("validate", "-P", str(tmp_path / "bad"), "--tei-all")
    assert "[tei-all]" not in output


NO_SAID_RNG = """<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         xmlns:tei="http://www.tei-c.org/ns/1.0" ns="http://www.tei-c.org/ns/1.0">
  <start><element name="TEI"><ref name="any"/></element></start>
  <define name="any">
    <zeroOrMore><choice>
      <attribute><anyName/></attribute>
      <text/>
      <element><anyName><except><name>tei:said</name></except></anyName><ref name="any"/></element>
    </choice></zeroOrMore>
  </define>
</grammar>
"""

def schematron(*patterns: str) -> str:
    """A project Schematron of these patterns (TEI namespace bound to ``tei``)."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">\n'
            '  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>\n'
            + "".join(patterns) + "</sch:schema>\n")


#: A project pattern with a generic rule's id that checks something else: dates are years.
YEARS_ONLY = """  <sch:pattern id="date-iso">
    <sch:rule context="tei:date[@when]">
      <sch:assert test="matches(@when, '^\\d{4}$')" id="date-year">dates are years here</sch:assert>
    </sch:rule>
  </sch:pattern>
"""

P_HAS_N_SCH = schematron("""  <sch:pattern id="p-has-n">
    <sch:rule context="tei:body/tei:p">
      <sch:assert test="@n" id="p-has-n">a paragraph of the body needs @n</sch:assert>
    </sch:rule>
  </sch:pattern>
""", YEARS_ONLY)


def test_a_local_relax_ng_with_its_schematron(tmp_path: Path) -> None:
    project = make_project(tmp_path, '[schema]\nrng = "schemas/own.rng"\n'
                           'schematron = "schemas/own.sch"', {"a.xml": SAID})
    (project / "schemas").mkdir()
    (project / "schemas" / "own.rng").write_text(NO_SAID_RNG, encoding="utf-8")
    (project / "schemas" / "own.sch").write_text(P_HAS_N_SCH, encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert code == 1
    # the grammar refuses <said> (libxml2 says where it stopped); the project's rule
    # needs @n
    assert rules(output) == {"schema", "p-has-n"}, output
    assert "[p-has-n] a paragraph of the body needs @n" in output
    (project / "edition" / "a.xml").write_text(SAID.replace("said>", "q>"), encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert rules(output) == {"p-has-n"}, output
    text = minimal_tei('<p n="1" xml:id="a1">On <date when="1919-07">July</date>.</p>'
                       '<p n="2" xml:id="a1">Again <date when="1919-13">never</date>.</p>')
    (project / "edition" / "a.xml").write_text(text, encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    # id-unique is generic; the generic date-iso's report on the impossible month is left
    # out, the project's own "date-iso" pattern (its assertion date-year) reports that date
    assert rules(output) == {"id-unique", "date-year"}, output
    assert output.count("[date-year]") == 2
    # without the Schematron, the generic date-iso runs (on the impossible month only)
    (project / "edition.toml").write_text('[edition]\ntitle = "T"\n[schema]\n'
                                          'rng = "schemas/own.rng"\n', encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert rules(output) == {"id-unique", "date-iso"}, output
    assert '@when="1919-13" on <date>' in output
    assert output.count("[date-iso]") == 1


def test_an_odd_project(tmp_path: Path) -> None:
    project = make_project(tmp_path, '[schema]\nodd = "schemas/karakhan.odd.xml"')
    shutil.rmtree(project / "edition")
    shutil.copytree(EDITION, project / "edition")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    assert invoke("validate", "-P", str(project)) == (0, "7 files valid\n")
    replace_in(project / "edition" / TEXT, '<persName ref="per:stalin">Stalin</persName>',
               "<said>Stalin</said>")
    code, output = invoke("validate", "-P", str(project))
    assert code == 1
    assert "[schema] <said> is not allowed by the project schema (karakhan.rng)" in output


# ------------------------------------------------- generic rules and policy rules


def test_generic_rules_fire_under_tei_all_with_locations(tmp_path: Path) -> None:
    text = minimal_tei(
        '<p xml:id="a1">One <ref target="#nowhere">x</ref> <ref target="#a1">self</ref>'
        ' <ref target="https://example.org/">web</ref> <ref target="other.xml#z">away</ref></p>\n'
        '      <p xml:id="a1" xml:lang="en_GB">Two <date when="1919-13-01">d</date>'
        ' <date when="1919">ok</date> <bibl><biblScope unit="page" from="12" to="13"/></bibl> <foreign xml:lang="qq">q</foreign></p>')
    project = make_project(tmp_path, "", {"a.xml": text})
    code, output = invoke("validate", "-P", str(project))
    assert code == 1
    lines = [line.replace(str(project) + "/", "") for line in output.splitlines()]
    first, second = where(text, '<p xml:id="a1">'), where(text, '<p xml:id="a1" xml:lang')
    expected = [
        f"edition/a.xml:{first[0]}:{first[1]}: error: [id-unique] xml:id \"a1\" is used 2 "
        "times in this file; an identifier must be unique in its document",
        "edition/a.xml:{}:{}: error: [ref-resolves] pointer \"#nowhere\" on <ref> does not "
        "resolve: no element has that xml:id (check the xml:id, the prefix and its "
        "prefixDef)".format(*where(text, '<ref target="#nowhere">')),
        f"edition/a.xml:{second[0]}:{second[1]}: error: [id-unique] xml:id \"a1\" is used 2 "
        "times in this file; an identifier must be unique in its document",
        f"edition/a.xml:{second[0]}:{second[1]}: error: [lang-bcp47] xml:lang=\"en_GB\" is "
        "not a well-formed BCP 47 language tag (examples: en, ru, zh-Hant, hy)",
        "edition/a.xml:{}:{}: error: [date-iso] @when=\"1919-13-01\" on <date> is not an ISO "
        "8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time)".format(
            *where(text, '<date when="1919-13-01">')),
        "edition/a.xml:{}:{}: error: [lang-registered] xml:lang=\"qq\" is well formed but not a "
        "registered BCP 47 tag (a subtag is not in the IANA language subtag registry)".format(
            *where(text, '<foreign xml:lang="qq">')),
    ]
    found = [line for line in lines if "[schema]" not in line][:-1]
    assert found == expected
    assert lines[-1].startswith("1 file checked: ")
    # the negative control: the same file without the faults
    fixed = (text.replace('<p xml:id="a1" xml:lang="en_GB">', '<p xml:id="a2" xml:lang="en-GB">')
             .replace("#nowhere", "#a2").replace("1919-13-01", "1919-12-01")
             .replace('xml:lang="qq"', 'xml:lang="la"'))
    (project / "edition" / "a.xml").write_text(fixed, encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert (code, output) == (0, "1 file valid\n"), output


def test_an_id_that_every_file_uses_is_reported_only_where_a_file_repeats_it(
        tmp_path: Path) -> None:
    """The generic id-unique rule counts an id within its file: four files that each have
    a "p1" are valid; the one with two gets one report per element, with the count of its
    own file (not of the edition)."""
    once = minimal_tei('<p xml:id="p1">One.</p><p xml:id="p2">Two.</p>')
    twice = minimal_tei('<p xml:id="p1">One.</p><p xml:id="p1">Again.</p>')
    texts = {f"t{i}.xml": once for i in range(3)}
    project = make_project(tmp_path, "", texts)
    assert invoke("validate", "-P", str(project)) == (0, "3 files valid\n")
    (project / "edition" / "t3.xml").write_text(twice, encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert code == 1
    reports = [line for line in output.splitlines() if "[id-unique]" in line]
    assert len(reports) == 2, output
    assert all(line.replace(str(project) + "/", "").startswith("edition/t3.xml:")
               for line in reports), output
    assert all('xml:id "p1" is used 2 times in this file' in line for line in reports), output


NARROW_SCH = schematron("""  <sch:pattern id="id-unique">
    <sch:rule context="tei:person[@xml:id]">
      <sch:assert test="count(//tei:person[@xml:id = current()/@xml:id]) le 1"
        id="person-id">a person's xml:id is unique</sch:assert>
    </sch:rule>
  </sch:pattern>
""", YEARS_ONLY)


def test_generic_rules_run_beside_the_editions_rules_of_the_same_id(tmp_path: Path) -> None:
    """An edition's patterns named id-unique and date-iso that check less than the generic
    rules do not silence them; where both report one element, the edition's words alone."""
    text = minimal_tei('<p n="1" xml:id="a1">On <date when="1919-07">July</date>.</p>'
                       '<p n="2" xml:id="a1">Never <date when="1919-13">x</date>'
                       ' <date notBefore="1919-13">y</date>.</p>')
    project = make_project(tmp_path, '[schema]\nschematron = "schemas/own.sch"',
                           {"a.xml": text})
    (project / "schemas").mkdir()
    (project / "schemas" / "own.sch").write_text(NARROW_SCH, encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert code == 1
    lines = [line.replace(str(project) + "/", "") for line in output.splitlines()
             if "[schema]" not in line][:-1]  # tei_all: the second "a1" is no ID either
    first, second = where(text, '<p n="1" xml:id="a1">'), where(text, '<p n="2" xml:id="a1">')
    never, uncertain = where(text, '<date when="1919-13">'), where(text, "<date notBefore")
    july = where(text, '<date when="1919-07">')
    unique = ("error: [id-unique] xml:id \"a1\" is used 2 times in this file; an identifier "
              "must be unique in its document")
    year = "error: [date-year] dates are years here"
    assert lines == [
        f"edition/a.xml:{first[0]}:{first[1]}: {unique}",
        f"edition/a.xml:{july[0]}:{july[1]}: {year}",
        f"edition/a.xml:{second[0]}:{second[1]}: {unique}",
        f"edition/a.xml:{never[0]}:{never[1]}: {year}",  # not also the generic date-iso
        f"edition/a.xml:{uncertain[0]}:{uncertain[1]}: error: [date-iso] "
        '@notBefore="1919-13" on <date> is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD '
        "or a date-time)",
    ], output


def test_pointers_into_other_files_of_the_edition(tmp_path: Path) -> None:
    register = minimal_tei('<listPerson><person xml:id="ann"><persName>Ann</persName></person>'
                           "</listPerson>")
    text = minimal_tei('<p><persName ref="people.xml#ann">Ann</persName> '
                       '<persName ref="people.xml#bob">Bob</persName></p>')
    project = make_project(tmp_path, "", {"people.xml": register, "a.xml": text})
    code, output = invoke("validate", "-P", str(project))
    assert code == 1
    assert rules(output) == {"ref-resolves"}
    assert 'pointer "people.xml#bob" on <persName>' in output
    assert "people.xml#ann" not in output


def test_policy_rules_run_only_where_the_odd_declares_them(edition_copy: Path,
                                                           tmp_path: Path) -> None:
    """The edition's policy rules (paragraph numbers, kinds of entries, referenced entries,
    identifier forms) fire under its ODD and not in a tei_all project of the same files."""
    replace_in(edition_copy / TEXT, 'n="3" xml:id="p3"', 'n="4" xml:id="p3"')
    replace_in(edition_copy / TEXT, 'persName ref="per:stalin"', 'persName ref="plc:moscow"')
    replace_in(edition_copy / "registers" / "persons.xml", '<idno type="wikidata">Q855</idno>',
               '<idno type="wikidata">q855</idno>')
    policy = {"p-numbering", "ref-kind", "idno-wikidata", "entry-referenced"}
    under_odd = validate_paths([], Project.load(ROOT / "edition.toml").with_sources(edition_copy))
    assert policy <= {d.rule for d in under_odd.diagnostics}
    tei_all = make_project(tmp_path / "p", "")
    shutil.rmtree(tei_all / "edition")
    shutil.copytree(edition_copy, tei_all / "edition")
    code, output = invoke("validate", "-P", str(tei_all), "--quiet")
    # valid; the only remarks: the files' xml-model points at schemas this project does not use
    assert (code, output) == (0, "7 files checked: 0 errors, 14 warnings\n")


# ------------------------------------------- files only libxml2 reads (well-formedness)


@pytest.mark.parametrize("stray", ["\U0001f600", "\U00020000", "\ufeff"],
                         ids=["emoji", "cjk-ext-b", "bom"])
def test_a_stray_character_in_a_start_tag_is_located(edition_copy: Path, stray: str) -> None:
    path = edition_copy / TEXT
    text = path.read_text(encoding="utf-8")
    needle = '<name ref="#editor">'
    line, column = where(text, needle)
    path.write_text(text.replace(needle, f"<name {stray}ref=\"#editor\">", 1), encoding="utf-8")
    code, output = invoke("validate", "--edition", str(edition_copy))
    assert code == 1
    lines = output.splitlines()
    assert lines[0] == (f"{path}:{line}:{column + 6}: error: [not-well-formed] not well-formed "
                        "(invalid token): a character XML 1.0 does not allow at this place (in "
                        "an element or attribute name, for instance)")
    assert lines[-1].startswith("7 files checked: ")
    assert "Saxon" not in output


def test_a_document_saxon_refuses_is_reported_and_the_rules_still_run(
        edition_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second line of defence: if the parsers disagree on something the expat check
    lets through, the document Saxon refuses gets an error and the others are checked."""
    path = edition_copy / TEXT
    replace_in(path, '<name ref="#editor">', '<name \U0001f600ref="#editor">')
    replace_in(edition_copy / "registers" / "persons.xml", '<idno type="wikidata">Q855</idno>',
               '<idno type="wikidata">q855</idno>')
    monkeypatch.setattr(xmlio, "_check_second_parser", lambda doc: None)
    assert load_document(path).usable  # libxml2 alone reads it
    project = Project.load(ROOT / "edition.toml").with_sources(edition_copy)
    report = validation.validate_paths([], project)
    refused = [d for d in report.diagnostics if d.rule == "not-well-formed"]
    assert [d.path for d in refused] == [str(path)]
    assert refused[0].message.startswith("not well-formed: ")
    assert "idno-wikidata" in {d.rule for d in report.diagnostics}


def test_an_xml_model_naming_tei_all_is_fine_in_a_tei_all_project(tmp_path: Path) -> None:
    prolog = ('<?xml-model href="https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/'
              'tei_all.rng" type="application/xml"?>\n')
    text = minimal_tei(prolog=prolog)
    make_project(tmp_path / "tei-all", "", {"a.xml": text})
    assert invoke("validate", "-P", str(tmp_path / "tei-all")) == (0, "1 file valid\n")
    # a project with a schema of its own: the same processing instruction is remarked upon
    project = make_project(tmp_path / "own", '[schema]\nrng = "own.rng"', {"a.xml": text})
    (project / "own.rng").write_text(NO_SAID_RNG, encoding="utf-8")
    code, output = invoke("validate", "-P", str(project))
    assert code == 0 and "warning: [xml-model] xml-model points at 'https://www.tei-c.org" in output


# ------------------------------------------------- one pass for both sets of rules

def _generic_sch() -> bytes:
    from teiedition.resources import generic_rules
    from teiedition.validation.odd import compile_rules

    return compile_rules(generic_rules())


def test_the_editions_schematron_and_the_generic_rules_combine() -> None:
    """The generic patterns join the edition's under prefixed ids; the model's functions,
    keys and variables, which both schemas declare, are declared once."""
    from lxml import etree

    from teiedition.validation.schematron import GENERIC_PATTERN, combined_schematron

    own = (ROOT / "schemas" / "karakhan.sch").read_bytes()
    combined = combined_schematron(own, _generic_sch())
    assert combined is not None
    root = etree.fromstring(combined)
    sch, xsl = "{http://purl.oclc.org/dsdl/schematron}", "{http://www.w3.org/1999/XSL/Transform}"
    ids = [p.get("id") for p in root.iter(f"{sch}pattern")]
    own_ids = [p.get("id") for p in etree.fromstring(own).iter(f"{sch}pattern")]
    assert ids == own_ids + [GENERIC_PATTERN + i for i in
                             ("id-unique", "ref-resolves", "date-iso", "lang-bcp47")]
    functions = [(f.get("name"), len(f.findall(f"{xsl}param")))
                 for f in root.findall(f"{xsl}function")]
    assert len(functions) == len(set(functions))
    assert ("f:file", 1) in functions and ("f:pointer", 2) in functions
    lets = [let.get("name") for let in root.findall(f"{sch}let")]
    assert len(lets) == len(set(lets)) and "f:pointers" in lets


@pytest.mark.parametrize("change", [
    ('uri="urn:teiedition:functions"', 'uri="urn:elsewhere"'),  # prefix f, two namespaces
    ('<xsl:sequence select="replace(string($uri)', '<xsl:sequence select="lower-case(string($uri)'),
    ('<sch:let name="f:pointers" value="map:merge(', '<sch:let name="f:pointers" value="(map{}, '),
])
def test_schemas_that_disagree_are_not_combined(change: tuple[str, str]) -> None:
    """A prefix, a function or a variable the two define differently: no combination (both
    then run in passes of their own)."""
    from teiedition.validation.schematron import combined_schematron

    own = (ROOT / "schemas" / "karakhan.sch").read_text(encoding="utf-8")
    assert change[0] in own
    assert combined_schematron(own.replace(change[0], change[1], 1).encode(),
                               _generic_sch()) is None


def test_a_hand_written_schematron_gets_the_generic_declarations() -> None:
    from teiedition.validation.schematron import combined_schematron

    combined = combined_schematron(NARROW_SCH.encode(), _generic_sch())
    assert combined is not None
    assert b'name="f:pointer"' in combined and b'id="date-iso"' in combined
