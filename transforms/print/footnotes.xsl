<?xml version="1.0" encoding="UTF-8"?>
<!-- Footnotes: numbered notes become the call and, right after it, the note itself, which
     Typst sets at the foot of the page of the call (print/typst.xsl).
     Numbers are the HTML edition's (@k:n). Implements the hook m:note-call. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  default-mode="m:content"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:note" mode="m:note-call">
    <xsl:variable name="id" as="xs:string" select="f:note-id(.)"/>
    <a class="noteref" id="{$id}-ref" href="#{$id}"><xsl:value-of select="@k:n"/></a>
    <span class="footnote" id="{$id}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <a class="footnote-back" href="#{$id}-ref"><xsl:value-of select="@k:n"/></a>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The paper layer's one template in the content mode: blocks inside a footnote stay
       phrase-level in HTML (the footnote sits inside a paragraph). -->
  <xsl:template match="tei:note[@k:n]//*[local-name() = ('p', 'ab', 'lg', 'list', 'table', 'quote', 'cit')][not(ancestor::tei:figure)]" priority="3">
    <span class="note-block note-{local-name()}">
      <xsl:call-template name="t:global-attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
