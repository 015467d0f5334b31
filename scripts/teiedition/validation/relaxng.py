"""RELAX NG validation with libxml2 (lxml), without its slowness on TEI schemas.

Two properties of the TEI schemas make libxml2 slow, and both are removed in memory before
the schema is compiled, by rewrites that accept exactly the same documents:

* List content models such as ``listPerson``'s
  ``(..., ((person | listPerson)+, (relation | listRelation)*)+)`` make libxml2 try every
  way of splitting a long run of entries between the nested repetitions, so the time grows
  faster than the list (1000 persons 2 s, 2000 persons 18 s, 4000 persons 170 s measured
  here). Every ``(X+, Y*)+`` becomes the equivalent ``X, (X | Y)*``.
* Content models are choices of references to model classes, which are choices of further
  classes. libxml2 finds the branch for a child element in a hash table only when a choice
  lists its branches directly; otherwise it tries them one by one (about 40 microseconds per
  element here). Choices are flattened: references to non-element definitions inside a
  choice are replaced by the definitions' branches, nested choices are merged, and
  ``notAllowed`` branches (elements the ODD switched off) are dropped.

The files on disk stay as generated; only the compiled copy is rewritten.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

from lxml import etree

from teiedition.errors import Diagnostic
from teiedition.resources import tei_all_rng
from teiedition.xmlio import RNG_NS, TEI_NS, XML_NS, SourceDocument, safe_parser

_R = f"{{{RNG_NS}}}"


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_R)]


def unambiguous_repetitions(tree: etree._ElementTree) -> int:
    """Rewrite ``oneOrMore(group(oneOrMore(X), zeroOrMore(Y)))`` as ``X, (X|Y)*``."""
    count = 0
    for outer in list(tree.iter(f"{_R}oneOrMore")):
        inner = _children(outer)
        if len(inner) != 1 or inner[0].tag != f"{_R}group":
            continue
        parts = _children(inner[0])
        if len(parts) != 2 or parts[0].tag != f"{_R}oneOrMore" or parts[1].tag != f"{_R}zeroOrMore":
            continue
        x, y = _children(parts[0]), _children(parts[1])
        replacement = etree.Element(f"{_R}group")
        first = etree.SubElement(replacement, f"{_R}group")
        first.extend(copy.deepcopy(x))
        rest = etree.SubElement(etree.SubElement(replacement, f"{_R}zeroOrMore"), f"{_R}choice")
        rest.extend(copy.deepcopy(x))
        rest.extend(copy.deepcopy(y))
        parent = outer.getparent()
        assert parent is not None
        parent.replace(outer, replacement)
        count += 1
    return count


def _is_element_define(define: etree._Element) -> bool:
    return any(c.tag == f"{_R}element" for c in _children(define))


def flatten_choices(tree: etree._ElementTree) -> None:
    """Inline class references into the choices that use them (see the module docstring)."""
    root = tree.getroot()
    defines = {d.get("name", ""): d for d in root.iter(f"{_R}define")}
    memo: dict[str, list[etree._Element]] = {}

    def branches(name: str, depth: int) -> list[etree._Element] | None:
        """The branches a reference to ``name`` stands for, or None to keep the reference."""
        if name in memo:
            return memo[name]
        define = defines.get(name)
        if define is None or _is_element_define(define) or depth > 32:
            return None
        content = _children(define)
        result: list[etree._Element] | None
        if len(content) == 1 and content[0].tag == f"{_R}notAllowed":
            result = []
        else:
            if len(content) == 1 and content[0].tag == f"{_R}choice":
                content = _children(content[0])
            if all(c.tag == f"{_R}ref" for c in content):
                result = []
                for child in content:
                    sub = branches(child.get("name", ""), depth + 1)
                    result.extend([child] if sub is None else sub)
            elif len(content) == 1 and content[0].tag != f"{_R}choice":
                result = [content[0]]
            else:
                result = None
        if result is not None:
            memo[name] = result
        return result

    for choice in list(root.iter(f"{_R}choice")):
        new: list[etree._Element] = []
        pending = _children(choice)
        while pending:
            branch = pending.pop(0)
            if branch.tag == f"{_R}choice":
                pending[:0] = _children(branch)
            elif branch.tag == f"{_R}notAllowed":
                continue
            elif branch.tag == f"{_R}ref":
                expanded = branches(branch.get("name", ""), 0)
                new.extend([branch] if expanded is None else expanded)
            else:
                new.append(branch)
        seen: set[str] = set()
        unique: list[etree._Element] = []
        for branch in new:
            if branch.tag == f"{_R}ref":
                if branch.get("name", "") in seen:
                    continue
                seen.add(branch.get("name", ""))
            unique.append(branch)
        copies = [b if b.getparent() is choice else copy.deepcopy(b) for b in unique]
        for old in _children(choice):
            choice.remove(old)
        choice.extend(copies or [etree.Element(f"{_R}notAllowed")])


def _attribute_name(attribute: etree._Element) -> str:
    """The Clark name (``{ns}local``) an RNG ``attribute`` pattern declares."""
    name = attribute.get("name", "")
    if ":" in name:
        prefix, local = name.split(":", 1)
        uri = XML_NS if prefix == "xml" else attribute.nsmap.get(prefix, "")
        return f"{{{uri}}}{local}"
    uri = attribute.get("ns", "")
    return f"{{{uri}}}{name}" if uri else name


def restrict_to(tree: etree._ElementTree, names: frozenset[str],
                attributes: frozenset[str] | None = None) -> None:
    """Switch off every element whose name is not in ``names``, and drop optional
    attributes whose (Clark) name is not in ``attributes``.

    For documents that use only those elements and attributes this changes nothing: their
    validity under the restricted schema is their validity under the full one (a derivation
    of such a document never uses what was removed, and removing elements or optional
    attributes only removes documents). libxml2 then compiles the schema in milliseconds
    instead of seconds, and checks each element against fewer attribute patterns.
    """
    for define in tree.getroot().iterfind(f"{_R}define"):
        element = define.find(f"{_R}element")
        if element is not None and element.get("name") and element.get("name") not in names:
            for child in list(define):
                define.remove(child)
            define.append(etree.Element(f"{_R}notAllowed"))
    if attributes is None:
        return
    for optional in list(tree.iter(f"{_R}optional")):
        content = _children(optional)
        if (len(content) == 1 and content[0].tag == f"{_R}attribute" and content[0].get("name")
                and _attribute_name(content[0]) not in attributes):
            parent = optional.getparent()
            if parent is not None:
                parent.replace(optional, etree.Element(f"{_R}empty"))


class Grammar:
    """A RELAX NG schema, compiled for the element names of the documents at hand.

    Compiling a whole TEI schema is slow in libxml2 (tei_all: about 15 s here) and a
    flattened one slower still. So the schema is compiled restricted to the element names
    that occur in the documents being validated (see :func:`restrict_to`), flattened, and
    cached per set of names: the same validity, a fraction of the cost.
    """

    def __init__(self, path: Path, label: str) -> None:
        self.path = path
        self.label = label
        tree = etree.parse(str(path), safe_parser())
        unambiguous_repetitions(tree)
        self._tree = tree
        self._compiled: dict[tuple[frozenset[str], frozenset[str]], etree.RelaxNG] = {}
        self.elements = frozenset(
            el.get("name", "")
            for el in tree.iter(f"{_R}element")
            if el.get("name") and (el.get("ns") in (None, TEI_NS))
        )
        #: Some element patterns use a name class (anyName, nsName, choice): any element
        #: may then be admitted, and only libxml2 can say which.
        self.open = any(_admits_tei(el[0]) for el in tree.iter(f"{_R}element")
                        if not el.get("name") and len(el))

    def schema_for(self, names: frozenset[str], attributes: frozenset[str]) -> etree.RelaxNG:
        key = (names & self.elements, attributes)
        schema = self._compiled.get(key)
        if schema is None:
            tree = copy.deepcopy(self._tree)
            restrict_to(tree, *key)
            flatten_choices(tree)
            schema = self._compiled[key] = etree.RelaxNG(tree)
        return schema

    def validate(self, doc: SourceDocument, rule: str,
                 vocabulary: tuple[frozenset[str], frozenset[str]] | None = None, *,
                 covers: bool = False) -> list[Diagnostic]:
        """All problems of one parsed document, located. ``vocabulary`` (element and
        attribute names, a superset of the document's; see :func:`vocabulary`) lets several
        documents share one compiled schema. ``covers``: the vocabulary was worked out from
        a set of documents that includes this one, so the document's own names need not be
        collected when every name of the vocabulary is one the grammar admits."""
        if vocabulary is not None and covers and (self.open or vocabulary[0] <= self.elements):
            return self._check(doc, rule, self.schema_for(*vocabulary))
        out: list[Diagnostic] = []
        unknown_seen: set[str] = set()
        used: set[str] = set()
        used_attributes: set[str] = set()
        prefix = f"{{{TEI_NS}}}"
        for el in doc.root.iter(etree.Element):
            if el.attrib:
                used_attributes.update(str(k) for k in el.attrib)
            tag = el.tag
            if not isinstance(tag, str) or not tag.startswith(prefix):
                continue
            name = tag[len(prefix):]
            if name in used:
                continue
            used.add(name)
            if name not in self.elements and not self.open:
                for unknown in doc.root.iter(tag):
                    out.append(doc.diagnostic(
                        unknown, rule, f"<{name}> is not allowed by the {self.label}"
                        + ("" if name in unknown_seen else
                           " (it is not one of the elements the schema admits)")))
                    unknown_seen.add(name)
        if vocabulary is None or not (used <= vocabulary[0] and used_attributes <= vocabulary[1]):
            vocabulary = (frozenset(used), frozenset(used_attributes))
        return out + self._check(doc, rule, self.schema_for(*vocabulary))

    def _check(self, doc: SourceDocument, rule: str, schema: etree.RelaxNG) -> list[Diagnostic]:
        """libxml2's findings for one document, located."""
        out: list[Diagnostic] = []
        if schema.validate(doc.tree):
            return out
        entries = list(schema.error_log)
        deeper = [e for e in entries if "failed to validate content" not in e.message]
        for entry in deeper or entries:
            element = _element_at(doc, entry.path) if getattr(entry, "path", None) else None
            message = _clean(entry.message)
            if element is not None:
                out.append(doc.diagnostic(element, rule, message))
            else:
                out.append(Diagnostic(doc.display, entry.line or 1, max(entry.column, 1),
                                      "error", rule, message))
        return out


def _admits_tei(name_class: etree._Element) -> bool:
    """Whether an element pattern's name class may admit TEI elements the grammar does not
    name (tei_all's ``anyName`` except the TEI namespace does not)."""
    tag = name_class.tag
    if tag == f"{_R}anyName":
        return not any(c.tag == f"{_R}nsName" and _ns_of(c) == TEI_NS
                       for c in name_class.iterfind(f"{_R}except/*"))
    if tag == f"{_R}nsName":
        return _ns_of(name_class) == TEI_NS
    if tag == f"{_R}choice":
        return any(_admits_tei(c) for c in _children(name_class))
    return tag == f"{_R}name"  # a name given as an element: do not second-guess libxml2


def _ns_of(el: etree._Element) -> str:
    """The ``ns`` in effect on an RNG element (inherited from its ancestors)."""
    node: etree._Element | None = el
    while node is not None:
        if node.get("ns") is not None:
            return node.get("ns", "")
        node = node.getparent()
    return ""


def vocabulary(docs: list[SourceDocument]) -> tuple[frozenset[str], frozenset[str]]:
    """The TEI element names and the attribute (Clark) names used in some documents."""
    prefix = f"{{{TEI_NS}}}"
    names: set[str] = set()
    attributes: set[str] = set()
    for doc in docs:
        for el in doc.root.iter(etree.Element):
            attributes.update(str(k) for k in el.attrib)
            if el.tag.startswith(prefix):
                names.add(el.tag[len(prefix):])
    return frozenset(names), frozenset(attributes)


_RNG_PREFIX = re.compile(r"^(RELAXNG_ERR_\w+: )")


def _clean(message: str) -> str:
    return _RNG_PREFIX.sub("", message).strip()


def _element_at(doc: SourceDocument, path: str) -> etree._Element | None:
    try:
        found = doc.tree.xpath(path) if doc.tree is not None else []
    except etree.XPathError:
        return None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    return None


def project_grammar(rng: Path | None) -> Grammar:
    """The project's RELAX NG; without one, TEI P5 tei_all. Compiled once per process and
    version of the file (`edition schema` may rewrite it meanwhile)."""
    if rng is None:
        return tei_all_grammar()
    path = rng.resolve()
    stat = path.stat()
    return _grammar(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _grammar(path: Path, _mtime: int, _size: int) -> Grammar:
    return Grammar(path, f"project schema ({path.name})")


@functools.cache
def tei_all_grammar() -> Grammar:
    return Grammar(tei_all_rng(), "TEI P5 tei_all schema")
