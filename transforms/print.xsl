<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the PDF edition. Input: the enriched corpus (k:corpus, the output
     of transforms/pipeline/). Output: one paged HTML document for the text $text-id, styled
     by assets/print.css (CSS paged media) and rendered to PDF by teiedition.pdf with
     WeasyPrint. The content modules are the HTML edition's; print-content.xsl overrides the
     few templates that differ on paper (footnotes, mentions with index anchors, links
     inside the document), print-document.xsl builds the book around the text. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/params.xsl"/>
  <xsl:import href="modules/functions.xsl"/>
  <xsl:import href="modules/unhandled.xsl"/>
  <xsl:import href="modules/divisions.xsl"/>
  <xsl:import href="modules/names.xsl"/>
  <xsl:import href="modules/notes.xsl"/>
  <xsl:import href="modules/figures.xsl"/>
  <xsl:import href="modules/header.xsl"/>
  <xsl:import href="modules/print-content.xsl"/>
  <xsl:import href="modules/print-document.xsl"/>

  <xsl:output method="html" html-version="5.0" encoding="UTF-8" include-content-type="no"
              indent="no"/>

  <xsl:param name="output-media" as="xs:string" select="'print'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="." mode="m:print"/>
  </xsl:template>
</xsl:stylesheet>
