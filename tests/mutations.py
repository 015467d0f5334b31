"""Hypothesis strategy shared by the robustness tests: the edition's text, damaged."""

from __future__ import annotations

import copy

from hypothesis import strategies as st
from lxml import etree

from .conftest import EDITION

TEXT = EDITION / "karakhan-declarations.xml"
STRANGE = ["\x00", "\u202e", "\u2066", "\u0301", "\U0001f600", "\U00020000", "\ufeff", "&", "<",
           "]]>", "\x1b"]
TAGS = ["p", "persName", "note", "div", "bogus", "TEI", "teiHeader", "ref", "date", "seg", "hi"]
ATTRIBUTES = ["ref", "when", "xml:id", "n", "type", "target", "from", "rend", "facs"]


@st.composite
def mutated_text(draw: st.DrawFn) -> bytes:
    """The article's TEI with one element deleted, duplicated or renamed, an attribute changed
    or removed, a strange character injected, or the file truncated."""
    data = TEXT.read_bytes()
    kind = draw(st.sampled_from(["delete", "duplicate", "rename", "attribute", "inject", "truncate"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    root = etree.fromstring(data)
    elements = list(root.iter(etree.Element))
    target = elements[draw(st.integers(1, len(elements) - 1))]
    if kind == "delete":
        parent = target.getparent()
        assert parent is not None
        parent.remove(target)
    elif kind == "duplicate":
        target.addnext(copy.deepcopy(target))
    elif kind == "rename":
        target.tag = "{http://www.tei-c.org/ns/1.0}" + draw(st.sampled_from(TAGS))
    elif kind == "attribute":
        if draw(st.booleans()) and target.attrib:
            del target.attrib[next(iter(target.attrib))]
        else:
            name = draw(st.sampled_from(ATTRIBUTES)).replace(
                "xml:", "{http://www.w3.org/XML/1998/namespace}")
            target.set(name, draw(st.text(alphabet="abcQ0123456789-:#/ \u202e", max_size=14)))
    text = etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=True).decode()
    if kind == "inject":
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(STRANGE)) + text[position:]
    return text.encode("utf-8")
