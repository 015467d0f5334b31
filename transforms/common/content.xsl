<?xml version="1.0" encoding="UTF-8"?>
<!-- The content layer: what the edition's content is, the same for every output. Mode
     m:content renders TEI elements (one template per element or pattern, by family);
     what differs between the screen and the page goes through the hook modes declared in
     hooks.xsl, which every medium layer implements. Included (not imported) by the entry
     stylesheets html.xsl and print.xsl, so a conflict between modules is an error. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  exclude-result-prefixes="#all">

  <xsl:include href="../model/model.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="functions.xsl"/>
  <xsl:include href="hooks.xsl"/>
  <xsl:include href="unhandled.xsl"/>
  <xsl:include href="divisions.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="figures.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="entries.xsl"/>
  <xsl:include href="chronology.xsl"/>
</xsl:stylesheet>
