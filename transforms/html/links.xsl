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
    <!-- the pop-up lists the referents of the mention and of the mentions nested in it -->
    <xsl:attribute name="data-pop" select="string-join(distinct-values(
      (., f:nested-mentions(.)) ! f:mention-pops(.)), ' ')"/>
  </xsl:template>

  <!-- On screen a mention is one unit: one link (when nothing in it is itself a link or a
       note) whose pop-up lists every referent, mentions nested in it included; the nested
       ones carry no colour or link of their own (span.mention-inner). Print keeps every
       mention apart (common/names.xsl), for its index. -->
  <xsl:variable name="f:mention-types" as="xs:string+"
    select="('person', 'place', 'org', 'event', 'treaty', 'date', 'other')"/>

  <!-- The mentions inside a mention, outside notes within it. -->
  <xsl:function name="f:nested-mentions" as="element()*">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="$mention/descendant::*[@k:mention = $f:mention-types]
      [empty(ancestor::tei:note intersect $mention/descendant::tei:note)]"/>
  </xsl:function>

  <!-- The outermost mention around a mention, within the same note (or none). -->
  <xsl:function name="f:outer-mention" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="note" as="element()?" select="$mention/ancestor::tei:note[1]"/>
    <xsl:sequence select="$mention/ancestor::*[@k:mention = $f:mention-types]
      [empty($note) or . >> $note][@k:keys or @k:mention = 'date'][1]"/>
  </xsl:function>

  <!-- The pop-up templates of one mention: its entries, or its date. -->
  <xsl:function name="f:mention-pops" as="xs:string*">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/@k:keys) then tokenize($mention/@k:keys, ' ')[. != ''] ! f:pop-id(.)
      else if ($mention/@k:mention = 'date')
      then 'pop-' || $mention/ancestor::k:doc[1]/@id || '-' || $mention/@k:id else ()"/>
  </xsl:function>

  <xsl:template match="tei:*[@k:mention = $f:mention-types][@k:keys or @k:mention = 'date']
                       [empty(.//tei:note[@k:n] | .//tei:ref | .//tei:ptr | .//*[@k:mention = 'ref'])]
                       [empty(f:outer-mention(.))]"
                mode="m:content" priority="2.5">
    <span class="mention mention-{@k:mention}">
      <xsl:apply-templates select="." mode="m:mention-attributes"/>
      <a class="mention-link">
        <xsl:apply-templates select="." mode="m:mention-link-attributes"/>
        <xsl:apply-templates mode="m:content">
          <xsl:with-param name="link" tunnel="yes" select="()"/>
        </xsl:apply-templates>
      </a>
    </span>
  </xsl:template>

  <xsl:template match="tei:*[@k:mention = $f:mention-types][exists(f:outer-mention(.))]"
                mode="m:content" priority="3">
    <span class="mention-inner" data-mention="{@k:mention}">
      <xsl:apply-templates select="." mode="m:mention-attributes"/>
      <xsl:apply-templates mode="m:content"/>
    </span>
  </xsl:template>

  <!-- An entry's page. -->
  <xsl:template match=".[. instance of xs:string]" mode="m:entry-href">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:sequence select="$root || f:entry-url(.)"/>
  </xsl:template>
</xsl:stylesheet>
