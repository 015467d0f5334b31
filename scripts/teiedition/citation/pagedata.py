"""Citation data for the HTML templates: embedded metadata and "Cite this".

The values come from :mod:`teiedition.citation.metadata` and
:mod:`teiedition.citation.formats` (citeproc-py); this module only hands them to
``transforms/html.xsl`` as one XML document, the stylesheet parameter ``$citations``::

    <k:citations base-uri="https://…/" version="1.0.0" date="2026-11-27">
      <k:target ref="edition" kind="edition" text="…" page="….html" url="…" title="…">
        <k:meta name="citation_title" content="…"/> …     (Highwire, then Dublin Core)
        <k:json-ld>{"@context": "https://schema.org", …}</k:json-ld>
        <k:formatted style="chicago">…</k:formatted> …   (chicago, mla, apa)
        <k:export format="bibtex" href="cite/edition.bib" type="…"/> …
      </k:target>
      <k:target ref="p3" kind="paragraph" n="3" …> (formatted and exports) </k:target>
      <k:target ref="karakhan" kind="person" page="persons/karakhan.html" …> (metadata) </k:target>
    </k:citations>

Every value is an attribute or a text node written with lxml; the JSON-LD is a dict
serialised with :func:`json.dumps`. Nothing here is HTML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from lxml import etree

from teiedition.citation.formats import CSL_STYLES, SUFFIXES, Target, formatted_many, item_id
from teiedition.citation.metadata import metadata_for
from teiedition.citation.units import (
    EDITION_REF,
    PASSAGE_KINDS,
    CitableUnit,
    CitationModel,
    EditionInfo,
    page_path,
)
from teiedition.xmlio import SITE_NS

#: Media type of each download under ``cite/``.
EXPORT_TYPES = {
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "csl-json": "application/vnd.citationstyles.csl+json",
}


def _k(name: str) -> str:
    return f"{{{SITE_NS}}}{name}"


def json_ld_text(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">`` data block.

    ``<`` occurs only inside JSON strings, where ``\\u003c`` is the same character; writing
    it escaped means no value can close the script element (``</script>``)."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def _metadata(parent: etree._Element, target: CitableUnit | EditionInfo) -> None:
    meta = metadata_for(target)
    for name, content in [*meta["highwire"], *meta["dublin_core"]]:
        etree.SubElement(parent, _k("meta"), {"name": name, "content": content})
    etree.SubElement(parent, _k("json-ld")).text = json_ld_text(meta["json_ld"])


def _formatted(parent: etree._Element, texts: dict[str, str], target: Target,
               exports: bool) -> None:
    for style, text in texts.items():
        etree.SubElement(parent, _k("formatted"), {"style": style}).text = text
    if exports:
        for fmt, suffix in SUFFIXES.items():
            etree.SubElement(parent, _k("export"), {
                "format": fmt, "href": f"cite/{item_id(target)}{suffix}",
                "type": EXPORT_TYPES[fmt]})


def _all_formatted(targets: Sequence[Target]) -> list[dict[str, str]]:
    """Every target's citation in every CSL style (citeproc-py, see formatted_many)."""
    by_style = {style: formatted_many(targets, style) for style in CSL_STYLES}
    return [{style: by_style[style][i] for style in CSL_STYLES} for i in range(len(targets))]


def citation_document(corpus: CitationModel) -> bytes:
    """The ``$citations`` parameter document of ``transforms/html.xsl`` (UTF-8 XML)."""
    first = corpus.edition
    root = etree.Element(_k("citations"), {"base-uri": first.base_uri, "version": first.version,
                                          "date": first.date}, nsmap={"k": SITE_NS})
    passages = [u for u in corpus.units if u.kind in PASSAGE_KINDS]
    texts = _all_formatted([*corpus.editions, *passages])
    edition_texts = dict(zip(corpus.editions, texts, strict=False))
    passage_texts = dict(zip(passages, texts[len(corpus.editions):], strict=True))
    for info in corpus.editions:
        el = etree.SubElement(root, _k("target"), {
            "ref": EDITION_REF, "kind": "edition", "text": info.text, "page": info.page,
            "url": info.url, "title": info.title, "version": info.version})
        _metadata(el, info)
        # cite/edition.* describe the first text (citeformats.write_exports)
        _formatted(el, edition_texts[info], info, exports=info is first)
    for text in corpus.uncited:  # their pages describe no other text (html/citation.xsl)
        for page in (page_path(text), f"{text}-about.html"):
            etree.SubElement(root, _k("uncited"), {"page": page})
    for unit in corpus.units:
        attrs = {"ref": unit.id, "kind": unit.kind, "text": unit.edition.text, "page": unit.page,
                 "url": unit.url, "title": metadata_for(unit)["title"],
                 "version": unit.edition.version}
        if unit.n:
            attrs["n"] = unit.n
        if unit.kind in PASSAGE_KINDS:
            el = etree.SubElement(root, _k("target"), attrs)
            _formatted(el, passage_texts[unit], unit, exports=True)
        elif unit.name is not None:  # a register entry: its page describes it
            el = etree.SubElement(root, _k("target"), attrs)
            _metadata(el, unit)
    return bytes(etree.tostring(root, encoding="utf-8"))
