<?xml version="1.0" encoding="UTF-8"?>
<!-- The chronology page: every normalised date of the edition, in order (items from
     common/chronology.xsl); each links to its entry and to the paragraphs where it
     occurs. Implements the hooks m:chronology-row and m:unit-ref. -->
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

  <!-- A chronology item on the page: date, what happened, where the texts mention it. -->
  <xsl:template match="*" mode="m:chronology-row">
    <xsl:param name="item" as="map(*)"/>
    <xsl:param name="what" as="node()*"/>
    <xsl:param name="mentions" as="element()*"/>
    <li id="{$item?id}" class="chronology-item">
      <span class="chronology-date"><xsl:call-template name="t:time"/></span>
      <xsl:text> </xsl:text>
      <span class="chronology-what">
        <xsl:sequence select="$what"/>
        <xsl:text> </xsl:text>
        <xsl:if test="exists($mentions)">
          <span class="chronology-units">
            <xsl:text>(</xsl:text>
            <xsl:value-of select="f:i18n('chronology-in-text')"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t:unit-links">
              <xsl:with-param name="mentions" select="$mentions"/>
            </xsl:call-template>
            <xsl:text>)</xsl:text>
          </span>
        </xsl:if>
      </span>
    </li>
  </xsl:template>

  <!-- A unit in a list of units: a link to it on its text's reading page. -->
  <xsl:template match="*" mode="m:unit-ref">
    <xsl:param name="unit" as="element()?"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <a href="{$root}{ancestor::k:doc[1]/@id}.html{$unit/@xml:id ! ('#' || .)}">
      <!-- "¶ 2" never broken across lines -->
      <xsl:value-of select="if (exists($unit)) then replace(f:unit-label($unit), ' ', '&#xA0;') else f:text-title(ancestor::k:doc[1])"/>
    </a>
  </xsl:template>
</xsl:stylesheet>
