<?xml version="1.0" encoding="UTF-8"?>
<!-- The book's chronology: the dates of the printed text and of its printed entries, as a
     table (hook m:chronology-row; items and descriptions from common/chronology.xsl). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- Chronology ====================================================================== -->
  <xsl:template name="t:print-chronology">
    <xsl:variable name="corpus" as="element(k:corpus)" select=".."/>
    <xsl:variable name="items" as="map(*)*" select="$f:print-chronology"/>
    <xsl:if test="exists($items)">
    <section class="appendix chronology" id="chronology">
      <h1 class="section-title"><xsl:value-of select="f:i18n('chronology-title')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n('chronology-intro')"/></p>
      <table class="chronology-table">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="f:i18n('print-chronology-date')"/></th>
            <th scope="col"><xsl:value-of select="f:i18n('print-chronology-what')"/></th>
            <th scope="col"><xsl:value-of select="f:i18n('print-chronology-where')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$items">
            <xsl:sort select="?sort"/>
            <xsl:call-template name="t:chronology-item">
              <xsl:with-param name="item" select="."/>
              <xsl:with-param name="corpus" select="$corpus"/>
            </xsl:call-template>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
    </xsl:if>
  </xsl:template>

  <!-- A chronology item in the book: date, what happened, where the printed text
       mentions it. -->
  <xsl:template match="*" mode="m:chronology-row">
    <xsl:param name="item" as="map(*)"/>
    <xsl:param name="what" as="node()*"/>
    <xsl:param name="mentions" as="element()*"/>
    <tr>
      <xsl:if test="ancestor::k:doc[1]/@kind = 'text'"><xsl:attribute name="id" select="f:chronology-row-id(.)"/></xsl:if>
      <td class="chronology-date"><xsl:value-of select="f:date-text(.)"/></td>
      <td class="chronology-what"><xsl:sequence select="$what"/></td>
      <td class="chronology-where">
        <xsl:call-template name="t:unit-links">
          <xsl:with-param name="mentions" select="$mentions[ancestor::k:doc[1]/@id = $text-id]"/>
        </xsl:call-template>
      </td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
