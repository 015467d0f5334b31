<?xml version="1.0" encoding="UTF-8"?>
<!-- Links on screen: mentions and references lead to the entry pages (or the chronology),
     and open a pop-up (edition.js) from the <template> elements of html/popups.xsl.
     Implements the hooks m:mention-attributes, m:mention-link-attributes, m:entry-href. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <xsl:template match="*" mode="m:mention-attributes">
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
    <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="m:mention-link-attributes">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="keys" as="xs:string*" select="tokenize(string(@k:keys), ' ')"/>
    <xsl:variable name="is-date" as="xs:boolean" select="@k:mention = 'date' and empty($keys)"/>
    <xsl:variable name="doc-id" as="xs:string" select="string(ancestor::k:doc[1]/@id)"/>
    <xsl:attribute name="href" select="
      if ($is-date) then $root || 'chronology.html#' || $doc-id || '-' || @k:id
      else f:entry-href($keys[1], $root)"/>
    <xsl:attribute name="data-pop" select="
      if ($is-date) then 'pop-' || $doc-id || '-' || @k:id
      else string-join($keys ! f:pop-id(.), ' ')"/>
  </xsl:template>

  <!-- An entry's page. -->
  <xsl:template match=".[. instance of xs:string]" mode="m:entry-href">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:sequence select="$root || f:entry-url(.)"/>
  </xsl:template>
</xsl:stylesheet>
