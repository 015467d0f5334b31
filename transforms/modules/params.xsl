<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters shared by every output. Entry stylesheets (html.xsl, print.xsl) set
     $output-media; Python sets the rest (tests pin the volatile ones). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <!-- 'screen' (HTML site) or 'print' (paged HTML for the PDF). -->
  <xsl:param name="output-media" as="xs:string" select="'screen'"/>
  <!-- Language of the user interface: selects transforms/i18n/{$lang}.xml. -->
  <xsl:param name="lang" as="xs:string" select="'en'"/>
  <!-- Date of the build (ISO 8601), shown in the footer. -->
  <xsl:param name="build-date" as="xs:string" select="string(current-date())"/>
  <!-- Version of the toolchain, shown in the footer. -->
  <xsl:param name="generator-version" as="xs:string" select="'0'"/>
  <!-- Elements without a dedicated template: 'render' (visible fallback, the default),
       'warn' (fallback plus an xsl:message), 'fail' (stop the transformation). -->
  <xsl:param name="unhandled" as="xs:string" select="'render'"/>
  <!-- The basemap for the map page: an svg:svg document drawn by teiedition.mapsvg with
       x = longitude and y = -latitude (equirectangular), or empty. -->
  <xsl:param name="basemap" as="document-node()?" select="()"/>
  <!-- Citation data (teiedition.sitecite): k:citations with the embedded metadata and the
       CSL-formatted citations of the edition, its paragraphs and the register entries, or
       empty (sources without citation metadata: pages without them). -->
  <xsl:param name="citations" as="document-node()?" select="()"/>
  <!-- Parallel builds (teiedition.site): this process writes the pages of shard $shard of
       $shards (0-based); the pages shared by the whole site are written by shard 0. -->
  <xsl:param name="shard" as="xs:integer" select="0"/>
  <xsl:param name="shards" as="xs:integer" select="1"/>
</xsl:stylesheet>
