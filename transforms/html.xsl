<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the HTML site. Input: the enriched corpus (k:corpus, the output of
     transforms/pipeline/). Output: every page of the site (or those $shared-pages,
     $text-ids and $entry-keys select), written with xsl:result-document relative to the
     output folder (see teiedition.site).

     The content layer (common/content.xsl):
       common/params.xsl       parameters of every output (lang, build date, version, unhandled)
       common/functions.xsl    localisation, safe links, register look-ups, dates, units
       common/hooks.xsl        the hook modes every medium implements (listed below)
       common/unhandled.xsl    mode m:content and its visible fallback
       common/divisions.xsl    text structure, paragraphs, verse, drama, lists, tables, phrases
       common/names.xsl        mentions, pointers, names, t:time
       common/notes.xsl        notes kept in place, apparatus; numbered notes to the medium
       common/figures.xsl      figures
       common/header.xsl       the TEI header ("About this edition"), bibliographic elements
       common/entries.xsl      the parts of a register entry (t:entry-body), f:part-label
       common/chronology.xsl   chronology items, t:chronology-item, t:unit-links
     The screen (html/):
       html/params.xsl         basemap, citations, which pages to write
       html/layout.xsl         the page shell (t:page): head, navigation, footer
       html/site.xsl           mode m:site: home, reading, About and search pages
       html/links.xsl          links to entry pages and the chronology, pop-up triggers
       html/notes.xsl          note markers and the endnotes section
       html/popups.xsl         pop-up templates and register summaries (mode m:summary)
       html/registers.xsl      register index pages and entry pages
       html/chronology.xsl     the chronology page
       html/map.xsl            the map page
       html/citation.xsl       embedded citation metadata and "Cite this" boxes
     Hook modes implemented here (see common/hooks.xsl): m:mention-attributes,
     m:mention-link-attributes, m:entry-href (html/links.xsl), m:note-call
     (html/notes.xsl), m:cite-after (html/citation.xsl), m:unit-ref and
     m:chronology-row (html/chronology.xsl), m:entry-part (html/registers.xsl). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <xsl:include href="common/content.xsl"/>

  <xsl:include href="html/params.xsl"/>
  <xsl:include href="html/layout.xsl"/>
  <xsl:include href="html/site.xsl"/>
  <xsl:include href="html/links.xsl"/>
  <xsl:include href="html/notes.xsl"/>
  <xsl:include href="html/popups.xsl"/>
  <xsl:include href="html/registers.xsl"/>
  <xsl:include href="html/chronology.xsl"/>
  <xsl:include href="html/map.xsl"/>
  <xsl:include href="html/citation.xsl"/>

  <xsl:template match="/">
    <xsl:apply-templates select="." mode="m:site"/>
  </xsl:template>
</xsl:stylesheet>
