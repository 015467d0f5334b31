"""`edition schema`: the ODD is the single source of the committed RELAX NG and Schematron."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teiedition.cli import cli
from teiedition.project import Schemas
from teiedition.validation import odd
from tests.support import PROJECT

from .conftest import replace_in

ODD_FILE, RNG_FILE, SCH_FILE = (PROJECT.schemas.odd, PROJECT.schemas.rng, PROJECT.schemas.sch)
assert ODD_FILE is not None and RNG_FILE is not None and SCH_FILE is not None



def test_committed_schemas_are_up_to_date() -> None:
    result = CliRunner().invoke(cli, ["schema", "--check"])
    assert (result.exit_code, result.output) == (0, "generated schemas are up to date\n")


def test_generated_files_carry_the_banner() -> None:
    for path in (RNG_FILE, SCH_FILE):
        head = path.read_text(encoding="utf-8")[:400]
        assert "generated from karakhan.odd.xml by `edition schema` - do not edit" in head


def test_compilation_is_deterministic() -> None:
    first, second = odd.compile_odd(ODD_FILE), odd.compile_odd(ODD_FILE)
    assert first == second
    assert first.rng == RNG_FILE.read_bytes()


@pytest.fixture
def odd_copy(tmp_path: Path) -> Path:
    target = tmp_path / "karakhan.odd.xml"
    shutil.copy(ODD_FILE, target)
    return target


def test_a_changed_odd_makes_the_schemas_stale(odd_copy: Path) -> None:
    replace_in(odd_copy, '<valItem ident="birth">', '<valItem ident="pseudonym"><desc>a pen name</desc>'
               '</valItem>\n              <valItem ident="birth">')
    assert odd.stale_schemas(Schemas(odd_copy, RNG_FILE, SCH_FILE)) == [RNG_FILE]
    rng = etree.fromstring(odd.compile_odd(odd_copy).rng)
    values = rng.xpath("//r:define[@name='persName']//r:attribute[@name='type']//r:value/text()",
                       namespaces={"r": "http://relaxng.org/ns/structure/1.0"})
    assert values == ["preferred", "variant", "pseudonym", "birth"]


def test_a_changed_rule_makes_the_schematron_stale(odd_copy: Path) -> None:
    replace_in(odd_copy, "expected digits only", "expected only digits")
    assert odd.stale_schemas(Schemas(odd_copy, RNG_FILE, SCH_FILE)) == [SCH_FILE]


def test_switched_off_elements_are_not_allowed() -> None:
    rng = etree.parse(str(RNG_FILE))
    ns = {"r": "http://relaxng.org/ns/structure/1.0"}
    names = set(rng.xpath("//r:element/@name", namespaces=ns))
    assert {"persName", "placeName", "orgName", "listPerson", "citeStructure"} <= names
    assert not {"w", "egXML", "msDesc", "sp" + "Grp"} & names


def test_every_constraint_becomes_a_pattern_with_its_id() -> None:
    sch = etree.parse(str(SCH_FILE))
    ids = sch.xpath("//s:pattern/@id", namespaces={"s": "http://purl.oclc.org/dsdl/schematron"})
    assert ids == ["ref-resolves", "ref-kind", "id-unique", "date-iso", "date-order",
                   "p-numbering", "idno-form", "entry-referenced", "lang-bcp47"]


@pytest.mark.parametrize(("old", "new", "message"), [
    ('include="cell figDesc', 'include="nonsense figDesc', "includes 'nonsense', which is not a TEI"),
    ('<elementSpec ident="persName"', '<elementSpec ident="w"', "elementSpec 'w' changes an element"),
    ('<moduleRef key="figures" include="cell figDesc figure row table"/>', '<moduleRef key="figures"/>',
     "moduleRef 'figures' needs @include"),
])
def test_odd_errors_are_explained(odd_copy: Path, old: str, new: str, message: str) -> None:
    replace_in(odd_copy, old, new)
    with pytest.raises(odd.OddError, match=message):
        odd.compile_odd(odd_copy)
