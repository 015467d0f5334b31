"""Property-based robustness: whatever is done to the edition's TEI, `edition validate` ends
with exit 0 or 1, prints only located messages and a summary, and never a traceback."""

from __future__ import annotations

import copy
import re
import shutil
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from teiedition.cli import cli

from .conftest import EDITION

TEXT = EDITION / "karakhan-declarations.xml"
LINE = re.compile(r"^.+:\d+:\d+: (error|warning): \[[a-z0-9-]+\] .+$")
SUMMARY = re.compile(r"^\d+ files? (valid|checked: \d+ errors?, \d+ warnings?)$")
STRANGE = ["\x00", "\u202e", "\u2066", "\u0301", "\U0001f600", "\U00020000", "\ufeff", "&", "<",
           "]]>", "\x1b"]
TAGS = ["p", "persName", "note", "div", "bogus", "TEI", "teiHeader", "ref", "date"]
ATTRIBUTES = ["ref", "when", "xml:id", "n", "type", "target", "from"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = TEXT.read_bytes()
    kind = draw(st.sampled_from(["delete", "duplicate", "rename", "attribute", "inject", "truncate"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    root = etree.fromstring(data)
    elements = list(root.iter(etree.Element))
    target = elements[draw(st.integers(1, len(elements) - 1))]
    if kind == "delete":
        target.getparent().remove(target)
    elif kind == "duplicate":
        target.addnext(copy.deepcopy(target))
    elif kind == "rename":
        target.tag = "{http://www.tei-c.org/ns/1.0}" + draw(st.sampled_from(TAGS))
    elif kind == "attribute":
        name = draw(st.sampled_from(ATTRIBUTES)).replace("xml:", "{http://www.w3.org/XML/1998/namespace}")
        if draw(st.booleans()) and target.attrib:
            del target.attrib[next(iter(target.attrib))]
        else:
            target.set(name, draw(st.text(alphabet="abcQ0123456789-:# ", max_size=12)))
    serialized = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True)
    if kind == "inject":
        text = serialized.decode("utf-8")
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(STRANGE)) + text[position:]
        return text.encode("utf-8")
    return serialized


@settings(max_examples=40, deadline=timedelta(seconds=20),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=mutated())
def test_validate_survives_any_mutation(tmp_path_factory: object, content: bytes) -> None:
    folder = Path(getattr(tmp_path_factory, "mktemp")("fuzz")) / "edition"  # noqa: B009
    shutil.copytree(EDITION, folder)
    (folder / TEXT.name).write_bytes(content)
    result = CliRunner().invoke(cli, ["validate", "--edition", str(folder)])
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    for line in lines[:-1]:
        assert LINE.match(line), line
