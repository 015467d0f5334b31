<?xml version="1.0" encoding="UTF-8"?>
<!-- Links on paper: every link stays inside the book. Mentions carry an anchor for the
     index (id "mention-mN", and the label of the unit they are in) and link to their register entry
     (or chronology row) in the appendices; lists of units link to the paragraphs.
     Implements the hooks m:mention-attributes, m:mention-link-attributes, m:entry-href,
     m:unit-ref. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- The whole corpus (global context item), for look-ups from templates on strings. -->
  <xsl:variable name="f:corpus" as="document-node()" select="/"/>

  <!-- Register entries by xml:id, to find ids that are not unique in the document. -->
  <xsl:key name="f:entry-by-id" match="k:doc[@kind = 'register']//*[@xml:id][@k:entry]" use="@xml:id"/>

  <!-- The id of a register entry in the printed document: its xml:id (so that the PDF's
       named destination equals the TEI identifier) unless another entry or an element of
       the text has the same one; then "register-xml:id". -->
  <xsl:function name="f:print-entry-id" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="id" as="xs:string" select="string($entry/@xml:id)"/>
    <xsl:sequence select="
      if (count(key('f:entry-by-id', $id, root($entry))) = 1
          and empty(key('f:id', $text-id || '#' || $id, root($entry))))
      then $id
      else $entry/ancestor::k:doc[1]/@id || '-' || $id"/>
  </xsl:function>

  <!-- Id of a chronology row for a date mentioned in a text (as on the HTML page). -->
  <xsl:function name="f:chronology-row-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="'chron-' || $mention/ancestor::k:doc[1]/@id || '-' || $mention/@k:id"/>
  </xsl:function>

  <!-- A mention: an anchor for the index and the register's keys; no pop-up. -->
  <xsl:template match="*" mode="m:mention-attributes">
    <xsl:attribute name="id" select="(@xml:id, 'mention-' || @k:id)[1]"/>
    <xsl:if test="@k:keys"><xsl:attribute name="data-keys" select="@k:keys"/></xsl:if>
    <xsl:for-each select="f:unit(.)">
      <xsl:attribute name="data-unit" select="f:unit-label(.)"/>
    </xsl:for-each>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="m:mention-link-attributes">
    <xsl:variable name="keys" as="xs:string*" select="tokenize(string(@k:keys), ' ')"/>
    <xsl:attribute name="href" select="if (empty($keys)) then '#' || f:chronology-row-id(.)
                                       else f:entry-href($keys[1], '')"/>
  </xsl:template>

  <!-- An entry in the book's registers. -->
  <xsl:template match=".[. instance of xs:string]" mode="m:entry-href">
    <xsl:variable name="entry" as="element()?" select="key('f:entry', ., $f:corpus)[1]"/>
    <xsl:sequence select="if (exists($entry)) then '#' || f:print-entry-id($entry) else '#'"/>
  </xsl:template>

  <!-- A unit in a list of units: a link to the paragraph ,
       or the text's title for mentions outside a unit. -->
  <xsl:template match="*" mode="m:unit-ref">
    <xsl:param name="unit" as="element()?"/>
    <xsl:choose>
      <xsl:when test="exists($unit)">
        <a class="unit-ref" href="#{$unit/@xml:id}"><xsl:value-of select="f:unit-label($unit)"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="f:text-title(ancestor::k:doc[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
