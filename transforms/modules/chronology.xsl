<?xml version="1.0" encoding="UTF-8"?>
<!-- The chronology: every normalised date of the edition, in order. Items come from the
     register entries (their own dates: events, life dates, dates of documents, dates in
     notes) and from the dates named in the texts; each links to its entry and to the
     paragraphs where it occurs. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- Context: k:corpus. -->
  <xsl:template name="t:chronology-page">
    <xsl:variable name="corpus" as="element(k:corpus)" select="."/>
    <xsl:variable name="items" as="map(*)*" select="f:chronology-items($corpus)"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="$corpus"/>
      <xsl:with-param name="href" select="'chronology.html'"/>
      <xsl:with-param name="section" select="'chronology'"/>
      <xsl:with-param name="title" select="f:i18n('chronology-title')"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="f:i18n('chronology-title')"/></h1>
        <p><xsl:value-of select="f:i18n('chronology-intro')"/></p>
        <ol class="chronology">
          <xsl:for-each select="$items">
            <xsl:sort select="?sort"/>
            <xsl:call-template name="t:chronology-item">
              <xsl:with-param name="item" select="."/>
              <xsl:with-param name="corpus" select="$corpus"/>
            </xsl:call-template>
          </xsl:for-each>
        </ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="t:chronology-item">
    <xsl:param name="item" as="map(*)"/>
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:variable name="dated" as="element()" select="$item?node"/>
    <xsl:variable name="key" as="xs:string" select="$item?entry"/>
    <xsl:variable name="entry" as="element()?" select="if ($key != '') then key('f:entry', $key, root($corpus))[1] else ()"/>
    <xsl:variable name="in-text" as="xs:boolean" select="$dated/ancestor::k:doc[1]/@kind = 'text'"/>
    <li id="{$item?id}" class="chronology-item">
      <span class="chronology-date"><xsl:call-template name="t:time"><xsl:with-param name="e" select="$dated"/></xsl:call-template></span>
      <xsl:text> </xsl:text>
      <span class="chronology-what">
        <xsl:choose>
          <xsl:when test="$in-text">
            <xsl:value-of select="f:i18n('chronology-written', normalize-space($dated))"/>
            <xsl:if test="exists($entry)">
              <xsl:text> — </xsl:text>
              <a href="{f:entry-url($key)}"><xsl:value-of select="f:entry-name($entry)"/></a>
            </xsl:if>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t:unit-links">
              <xsl:with-param name="mentions" select="$dated"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="label" as="xs:string?" select="
              if ($dated is $entry) then ()
              else f:i18n-or('label-' || ($dated/@type[parent::tei:date], local-name($dated))[1] ! replace(., '^note$', 'dates'), '')"/>
            <xsl:if test="exists($label[. != ''])">
              <span class="chronology-label"><xsl:value-of select="$label"/></span>
              <xsl:text>: </xsl:text>
            </xsl:if>
            <a href="{f:entry-url($key)}"><xsl:value-of select="f:entry-name($entry)"/></a>
            <xsl:variable name="what" as="xs:string" select="normalize-space($dated)"/>
            <xsl:if test="not($dated is $entry) and not($dated/self::tei:date) and $what != ''">
              <xsl:text> — </xsl:text>
              <xsl:value-of select="if (string-length($what) gt 160) then substring($what, 1, 157) || '…' else $what"/>
            </xsl:if>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t:unit-links">
              <xsl:with-param name="mentions" select="key('f:mentions', $key, root($corpus))[ancestor::k:doc[1]/@kind = 'text']"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </span>
    </li>
  </xsl:template>

  <!-- "In the text: ¶ 1, ¶ 3" links to the units of some mentions. -->
  <xsl:template name="t:unit-links">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:if test="exists($mentions)">
      <span class="chronology-units">
        <xsl:text>(</xsl:text>
        <xsl:value-of select="f:i18n('chronology-in-text')"/>
        <xsl:text> </xsl:text>
        <xsl:for-each-group select="$mentions" group-by="ancestor::k:doc[1]/@id || '#' || @k:unit">
          <xsl:variable name="unit" as="element()?" select="f:unit(.)"/>
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="{$root}{ancestor::k:doc[1]/@id}.html{$unit/@xml:id ! ('#' || .)}">
            <xsl:value-of select="if (exists($unit)) then f:unit-label($unit) else f:text-title(ancestor::k:doc[1])"/>
          </a>
        </xsl:for-each-group>
        <xsl:text>)</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
