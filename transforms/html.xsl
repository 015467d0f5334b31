<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the HTML site. Input: the enriched corpus (k:corpus, the output of
     transforms/pipeline/). Output: every page of the site, written with
     xsl:result-document relative to the output folder (see teiedition.site). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/params.xsl"/>
  <xsl:import href="modules/functions.xsl"/>
  <xsl:import href="modules/unhandled.xsl"/>
  <xsl:import href="modules/divisions.xsl"/>
  <xsl:import href="modules/names.xsl"/>
  <xsl:import href="modules/notes.xsl"/>
  <xsl:import href="modules/figures.xsl"/>
  <xsl:import href="modules/header.xsl"/>
  <xsl:import href="modules/layout.xsl"/>
  <xsl:import href="modules/citation.xsl"/>
  <xsl:import href="modules/registers.xsl"/>
  <xsl:import href="modules/chronology.xsl"/>
  <xsl:import href="modules/map.xsl"/>
  <xsl:import href="modules/site.xsl"/>

  <xsl:param name="output-media" as="xs:string" select="'screen'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="." mode="m:site"/>
  </xsl:template>
</xsl:stylesheet>
