"""What a page embeds so that reference managers can cite it: Highwire ``citation_*`` and
Dublin Core meta tags, schema.org JSON-LD, the canonical URL."""

from __future__ import annotations

from typing import Any

from teiedition.citation.units import CitableUnit, EditionInfo


def metadata_for(unit: CitableUnit | EditionInfo) -> dict[str, Any]:
    """What a page embeds for the edition or one unit, as data for the HTML templates.

    ``highwire`` and ``dublin_core`` are lists of (name, content) pairs for ``<meta>``
    (repeatable names such as ``citation_author`` stay separate); ``json_ld`` is a
    schema.org object for ``<script type="application/ld+json">``; ``canonical`` is the
    page's canonical URL (no fragment).
    """
    info = unit.edition if isinstance(unit, CitableUnit) else unit
    passage = unit if isinstance(unit, CitableUnit) else None
    title = info.title if passage is None else f"{info.title}, {passage.label}"
    url = info.url if passage is None else passage.url
    canonical = info.base_uri + (info.page if passage is None else passage.page)
    slash_date = info.date.replace("-", "/")
    highwire: list[tuple[str, str]] = [("citation_title", title)]
    # Highwire has no editor tag: the responsible body is given as citation_author, which
    # is what Zotero and Google Scholar read; DC and JSON-LD keep the role "editor".
    highwire += [("citation_author", name) for name in info.editors]
    highwire += [
        ("citation_publication_date", slash_date),
        ("citation_date", slash_date),
        ("citation_publisher", info.publisher),
        ("citation_public_url", url),
        ("citation_pdf_url", info.pdf_url),
        ("citation_language", info.language),
    ]
    dublin: list[tuple[str, str]] = [("DC.title", title)]
    dublin += [("DC.contributor", name) for name in info.editors]
    dublin += [
        ("DC.publisher", info.publisher),
        ("DC.date", info.date),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.identifier", url),
        ("DC.language", info.language),
        ("DC.relation.hasVersion", info.version),
    ]
    if info.licence:
        dublin.append(("DC.rights", info.licence))
    if passage is not None:
        dublin.append(("DC.relation.isPartOf", info.url))
    json_ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Book" if passage is None else "CreativeWork",
        "@id": url,
        "name": title,
        "url": url,
        "version": info.version,
        "datePublished": info.date,
        "inLanguage": info.language,
        "editor": [{"@type": "Organization", "name": name} for name in info.editors],
        "publisher": {"@type": "Organization", "name": info.publisher},
    }
    if info.licence:
        json_ld["license"] = info.licence
    if passage is not None:
        json_ld["isPartOf"] = {"@type": "Book", "@id": info.url, "name": info.title,
                               "url": info.url}
    return {
        "title": title,
        "url": url,
        "canonical": canonical,
        "version": info.version,
        "date": info.date,
        "highwire": highwire,
        "dublin_core": dublin,
        "json_ld": json_ld,
    }


