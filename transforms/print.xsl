<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the PDF edition. Input: the enriched corpus (k:corpus, the output
     of transforms/pipeline/). Output: one Typst document for the text $text-id, which
     teiedition.rendering.pdf compiles with the typst package (in process, no network).

     Two steps: mode m:print builds the book (title page, contents, About, the text, the
     appendices) from the content layer shared with the HTML site (common/content.xsl)
     through the hook modes; mode m:typst (print/typst.xsl) writes that book as Typst
     markup calling the functions of print/edition.typ, escaping every value.
       print/book.xsl          mode m:print: the book, document metadata; parameters
                               text-id, citation, pdf-name, attachment, works
       print/links.xsl         links inside the book, mentions for the index
       print/footnotes.xsl     footnotes
       print/registers.xsl     the registers and works cited appendices
       print/chronology.xsl    the chronology appendix
       print/index.xsl         the index (¶ and page numbers, surname first)
       print/typst.xsl         mode m:typst and the escaping functions
       print/edition.typ       the page: fonts, running heads, footnotes, margins
     Hook modes implemented here (see common/hooks.xsl): m:mention-attributes,
     m:mention-link-attributes, m:entry-href, m:unit-ref (print/links.xsl), m:note-call
     (print/footnotes.xsl), m:entry-part (print/registers.xsl), m:chronology-row
     (print/chronology.xsl); m:cite-after is left empty. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <xsl:include href="common/content.xsl"/>

  <xsl:include href="print/book.xsl"/>
  <xsl:include href="print/links.xsl"/>
  <xsl:include href="print/footnotes.xsl"/>
  <xsl:include href="print/registers.xsl"/>
  <xsl:include href="print/chronology.xsl"/>
  <xsl:include href="print/index.xsl"/>
  <xsl:include href="print/typst.xsl"/>

  <!-- The book as elements ('book', for tests and debugging) or as Typst ('typst'). -->
  <xsl:param name="output" as="xs:string" select="'typst'"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="book" as="document-node()">
      <xsl:document><xsl:apply-templates select="." mode="m:print"/></xsl:document>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$output = 'book'">
        <xsl:value-of select="serialize($book, map { 'method': 'xml' })"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$book/html" mode="m:typst-document"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
