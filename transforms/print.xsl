<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the PDF edition. Input: the enriched corpus (k:corpus, the output
     of transforms/pipeline/). Output: one paged HTML document for the text $text-id, styled
     by assets/print.css (CSS paged media) and rendered to PDF by teiedition.pdf with
     WeasyPrint.

     The content layer is the HTML site's (common/content.xsl; its modules are listed in
     html.xsl). The page (print/):
       print/book.xsl          mode m:print: the book's head, title page, contents, About,
                               the text; parameters text-id, citation, index-pages, pdf-name
       print/links.xsl         links inside the book, anchors of mentions for the index
       print/footnotes.xsl     footnotes
       print/registers.xsl     the registers and works cited appendices
       print/chronology.xsl    the chronology appendix
       print/index.xsl         the index with page numbers
     Hook modes implemented here (see common/hooks.xsl): m:mention-attributes,
     m:mention-link-attributes, m:entry-href, m:unit-ref (print/links.xsl), m:note-call
     (print/footnotes.xsl), m:entry-part (print/registers.xsl), m:chronology-row
     (print/chronology.xsl); m:cite-after is left empty. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <xsl:include href="common/content.xsl"/>

  <xsl:include href="print/book.xsl"/>
  <xsl:include href="print/links.xsl"/>
  <xsl:include href="print/footnotes.xsl"/>
  <xsl:include href="print/registers.xsl"/>
  <xsl:include href="print/chronology.xsl"/>
  <xsl:include href="print/index.xsl"/>

  <xsl:output method="html" html-version="5.0" encoding="UTF-8" include-content-type="no"
              indent="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="." mode="m:print"/>
  </xsl:template>
</xsl:stylesheet>
