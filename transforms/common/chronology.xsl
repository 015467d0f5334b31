<?xml version="1.0" encoding="UTF-8"?>
<!-- The chronology, shared by the site's page and the book's appendix: its items (every
     normalised date of the register entries and of the texts), the description of an item
     and the list of citable units an item or entry is mentioned in. The medium lays out
     the row (hook m:chronology-row) and each unit of the list (hook m:unit-ref). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- Items of the chronology (HTML page and PDF appendix), unsorted: one map per
       normalised date, with 'sort' (ISO start), 'node' (the dated element), 'id' (the item's
       anchor) and 'entry' (the register key it belongs to, or ''). Dates come from the
       register entries (their own dates and every dated element inside them) and from the
       dates mentioned in the texts. Maps, not elements: they keep references to the dated
       nodes in the corpus. -->
  <xsl:function name="f:chronology-items" as="map(*)*">
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:sequence select="f:chronology-items($corpus/k:doc[@kind = 'register']//*[@k:entry],
                                             $corpus/k:doc[@kind = 'text'])"/>
  </xsl:function>

  <!-- The same for some register entries and some texts only. -->
  <xsl:function name="f:chronology-items" as="map(*)*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="texts" as="element(k:doc)*"/>
    <xsl:for-each select="$entries">
      <xsl:variable name="entry" as="element()" select="."/>
      <xsl:for-each select="(., .//*[f:has-date(.)][not(ancestor::tei:listRelation)])[f:has-date(.)]">
        <xsl:sequence select="map { 'sort': f:date-sort-key(.), 'node': .,
          'id': $entry/ancestor::k:doc[1]/@id || '-' || $entry/@xml:id || '-' || position(),
          'entry': f:entry-key($entry) }"/>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="$texts/tei:TEI/tei:text//*[@k:mention = 'date'][f:has-date(.)]">
      <xsl:sequence select="map { 'sort': f:date-sort-key(.), 'node': .,
        'id': ancestor::k:doc[1]/@id || '-' || @k:id,
        'entry': string(tokenize(ancestor::*[@k:keys][@k:mention != 'ref'][1]/@k:keys, ' ')[1]) }"/>
    </xsl:for-each>
  </xsl:function>

  <!-- One item of the chronology: what happened (the date as written in a text with its
       entry, or the entry the date belongs to, with the kind of date and what the dated
       element says), handed with the item's mentions in the texts to the medium. -->
  <xsl:template name="t:chronology-item">
    <xsl:param name="item" as="map(*)"/>
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="dated" as="element()" select="$item?node"/>
    <xsl:variable name="key" as="xs:string" select="$item?entry"/>
    <xsl:variable name="entry" as="element()?" select="if ($key != '') then key('f:entry', $key, root($corpus))[1] else ()"/>
    <xsl:variable name="in-text" as="xs:boolean" select="$dated/ancestor::k:doc[1]/@kind = 'text'"/>
    <xsl:variable name="what" as="node()*">
      <xsl:choose>
        <xsl:when test="$in-text">
          <xsl:value-of select="f:i18n('chronology-written', normalize-space($dated))"/>
          <xsl:if test="exists($entry)">
            <xsl:text> — </xsl:text>
            <a href="{f:entry-href($key, $root)}"><xsl:value-of select="f:entry-name($entry)"/></a>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="label" as="xs:string?"
            select="if ($dated is $entry) then () else f:part-label($dated, '')"/>
          <xsl:if test="exists($label[. != ''])">
            <span class="chronology-label"><xsl:value-of select="$label"/></span>
            <xsl:text>: </xsl:text>
          </xsl:if>
          <a href="{f:entry-href($key, $root)}"><xsl:value-of select="f:entry-name($entry)"/></a>
          <xsl:variable name="text" as="xs:string" select="normalize-space($dated)"/>
          <xsl:if test="not($dated is $entry) and not($dated/self::tei:date) and $text != ''">
            <xsl:text> — </xsl:text>
            <xsl:value-of select="if (string-length($text) gt 160) then substring($text, 1, 157) || '…' else $text"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:apply-templates select="$dated" mode="m:chronology-row">
      <xsl:with-param name="item" select="$item"/>
      <xsl:with-param name="what" select="$what"/>
      <xsl:with-param name="mentions" select="
        if ($in-text) then $dated
        else key('f:mentions', $key, root($corpus))[ancestor::k:doc[1]/@kind = 'text']"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- "¶ 1, ¶ 3, note 2": the citable units that contain some mentions, one item each
       (hook m:unit-ref), in the order of the mentions. -->
  <xsl:template name="t:unit-links">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each-group select="$mentions" group-by="ancestor::k:doc[1]/@id || '#' || @k:unit">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="m:unit-ref">
        <xsl:with-param name="unit" select="f:unit(.)"/>
      </xsl:apply-templates>
    </xsl:for-each-group>
  </xsl:template>
</xsl:stylesheet>
