"""The pipeline stages (transforms/pipeline) on small hand-made corpora, run through
saxonche one by one.

Stage 10 caches pointer resolution per folder (a pointer with a path means the same from
every file of a folder); these tests make sure the cache never lends one file's answer to
another: same-document pointers resolve in their own file, paths from their own folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from teiedition import saxon
from teiedition.resources import pipeline_stages

K = "urn:teiedition:site"
TEI = "http://www.tei-c.org/ns/1.0"


def doc(path: str, kind: str, body: str) -> str:
    ident = Path(path).stem
    return (f'<k:doc path="{path}" id="{ident}" kind="{kind}">'
            f'<TEI xmlns="{TEI}" xml:base="file:///edition/{path}"><teiHeader/>'
            f'<text><body>{body}</body></text></TEI></k:doc>')


def enrich(*docs: str, until: str = "10") -> etree._Element:
    """Run the stages numbered up to ``until`` over a corpus of ``docs``."""
    corpus = f'<k:corpus xmlns:k="{K}">{"".join(docs)}</k:corpus>'
    node: Any = saxon.parse(corpus)
    stages = [s for s in pipeline_stages() if s.name[:2] <= until]
    assert stages[-1].name.startswith(until + "-")
    for stage in stages:
        node = saxon.transform_to_node(saxon.compile_file(stage), node, name=stage.name)
    return etree.fromstring(saxon.serialize(node).encode())


def attrs(tree: etree._Element, path: str) -> list[dict[str, str]]:
    found = tree.xpath(f"k:doc[@path = '{path}']//tei:ref", namespaces={"k": K, "tei": TEI})
    return [{k.split("}")[1]: v for k, v in r.attrib.items() if k.startswith(f"{{{K}}}")}
            for r in found]


REGISTER = doc("registers/persons.xml", "register",
               '<listPerson><person xml:id="x"><persName>X</persName></person></listPerson>')


def test_paths_resolve_from_each_files_own_folder() -> None:
    tree = enrich(
        doc("a.xml", "text", '<p><ref target="registers/persons.xml#x">X</ref></p>'),
        doc("sub/b.xml", "text", '<p><ref target="../registers/persons.xml#x">X</ref>'
            '<ref target="registers/persons.xml#x">not from sub/</ref></p>'),
        doc("sub/c.xml", "text", '<p><ref target="../registers/persons.xml#x">X</ref></p>'),
        REGISTER)
    assert attrs(tree, "a.xml") == [{"keys": "persons/x"}]
    assert attrs(tree, "sub/b.xml") == [{"keys": "persons/x"}, {}]
    assert attrs(tree, "sub/c.xml") == [{"keys": "persons/x"}]


def test_same_document_pointers_resolve_in_their_own_file() -> None:
    tree = enrich(
        doc("a.xml", "text", '<p xml:id="pa"><ref target="#pa">here</ref></p>'),
        doc("b.xml", "text", '<p xml:id="pb"><ref target="#pa">not in b</ref>'
            '<ref target="#pb">here</ref><ref target="a.xml#pa">in a</ref></p>'),
        REGISTER)
    assert attrs(tree, "a.xml") == [{"local": "pa"}]
    assert attrs(tree, "b.xml") == [{}, {"local": "pb"}, {}]


def test_stage_05_classifies_by_content_not_by_folder() -> None:
    tree = enrich(doc("registers/notes.xml", "register", "<p>A text in the registers folder.</p>"),
                  doc("people.xml", "text", '<listPerson><person xml:id="y"/></listPerson>'),
                  until="05")
    kinds = {d.get("path"): d.get("kind") for d in tree}
    assert kinds == {"registers/notes.xml": "text", "people.xml": "register"}
    person = tree.find(f".//{{{TEI}}}person")
    assert person is not None and person.get(f"{{{K}}}entry") == "people/y"


def test_stage_20_numbers_endnotes_and_figures_per_text() -> None:
    body = ('<p>a<note>one</note><note place="inline">inline</note></p>'
            '<figure><head>F</head><note>caption note</note></figure><p>b<note>two'
            '<note>nested</note></note></p><figure><head>G</head></figure>')
    tree = enrich(doc("a.xml", "text", body), doc("b.xml", "text", body), until="20")
    for path in ("a.xml", "b.xml"):
        notes = tree.xpath(f"k:doc[@path = '{path}']//tei:note", namespaces={"k": K, "tei": TEI})
        assert [n.get(f"{{{K}}}n") for n in notes] == ["1", None, None, "2", "3"]
        figures = tree.xpath(f"k:doc[@path = '{path}']//tei:figure",
                             namespaces={"k": K, "tei": TEI})
        assert [f.get(f"{{{K}}}n") for f in figures] == ["1", "2"]


def test_stage_20_marks_mentions_with_type_number_and_unit() -> None:
    tree = enrich(
        doc("a.xml", "text", '<p xml:id="p1"><persName ref="registers/persons.xml#x">X</persName>'
            ' on <date when="1919-07-25">25 July</date>, <rs type="treaty">it</rs></p>'),
        REGISTER, until="20")
    marked = tree.xpath("k:doc[@path = 'a.xml']//*[@k:mention]", namespaces={"k": K})
    assert [(m.get(f"{{{K}}}mention"), m.get(f"{{{K}}}id"), m.get(f"{{{K}}}unit"))
            for m in marked] == [("person", "m1", "p1"), ("date", "m2", "p1"),
                                 ("treaty", "m3", "p1")]
    # an entry's own name is not a mention of it
    assert tree.xpath("k:doc[@kind = 'register']//*[@k:mention]", namespaces={"k": K}) == []
