"""Registered language tags: ``xml:lang`` values must be valid BCP 47, not only well formed.

The Schematron rule ``lang-bcp47`` checks the syntax (it works in XML editors too); this check
looks the subtags up in the IANA language subtag registry that the PyPI package ``langcodes``
ships, so ``xml:lang="qq"`` (well formed, but no such language) is caught as well.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import langcodes
from lxml import etree

from teiedition.errors import Diagnostic
from teiedition.xmlio import XML_NS, SourceDocument

_LANG = f"{{{XML_NS}}}lang"
# The same well-formedness test as the Schematron: malformed tags are reported there.
_WELL_FORMED = re.compile(
    r"^(((([A-Za-z]{2,3}(-[A-Za-z]{3}){0,3})|[A-Za-z]{4}|[A-Za-z]{5,8})(-[A-Za-z]{4})?"
    r"(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?)"
    r"|([Xx](-[A-Za-z0-9]{1,8})+)|(i-[A-Za-z]{2,8})|(en-GB-oed)|(sgn-(BE-FR|BE-NL|CH-DE)))$")


@functools.cache
def registered(tag: str) -> bool:
    """True when every subtag of a well-formed tag is in the IANA registry."""
    return bool(langcodes.tag_is_valid(tag))


def language_diagnostics(docs: Iterable[SourceDocument]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for doc in docs:
        for element in doc.root.iter(etree.Element):
            tag = element.get(_LANG)
            if not tag or not _WELL_FORMED.match(tag) or registered(tag):
                continue
            out.append(doc.diagnostic(
                element, "lang-registered",
                f'xml:lang="{tag}" is well formed but not a registered BCP 47 tag '
                "(a subtag is not in the IANA language subtag registry)"))
    return out
