"""The pipeline stages (transforms/pipeline) on small hand-made corpora.

Stage 10 caches pointer resolution per folder (a pointer with a path means the same from
every file of a folder); these tests make sure the cache never lends one file's answer to
another: same-document pointers resolve in their own file, paths from their own folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from teiedition import saxon, site

K = "urn:teiedition:site"
TEI = "http://www.tei-c.org/ns/1.0"


def doc(path: str, kind: str, body: str) -> str:
    ident = Path(path).stem
    return (f'<k:doc path="{path}" id="{ident}" kind="{kind}">'
            f'<TEI xmlns="{TEI}"><teiHeader/><text><body>{body}</body></text></TEI></k:doc>')


def enrich(*docs: str) -> etree._Element:
    corpus = f'<k:corpus xmlns:k="{K}">{"".join(docs)}</k:corpus>'
    node: Any = saxon.parse(corpus)
    stage = site.pipeline_stages()[0]
    assert stage.name.startswith("10-")
    result = saxon.transform_to_node(saxon.compile_file(stage), node, name=stage.name)
    return etree.fromstring(saxon.serialize(result).encode())


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
