<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters of the content layer, shared by every output; Python sets them (tests pin
     the volatile ones). Each medium declares its own parameters in its layer. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <!-- Language of the user interface: selects transforms/i18n/{$lang}.xml. -->
  <xsl:param name="lang" as="xs:string" select="'en'"/>
  <!-- Date of the build (ISO 8601), shown in the footer. -->
  <xsl:param name="build-date" as="xs:string" select="string(current-date())"/>
  <!-- Version of the toolchain, shown in the footer. -->
  <xsl:param name="generator-version" as="xs:string" select="'0'"/>
  <!-- Elements without a dedicated template: 'render' (visible fallback, the default),
       'warn' (fallback plus an xsl:message), 'fail' (stop the transformation). -->
  <xsl:param name="unhandled" as="xs:string" select="'render'"/>
  <!-- A draft (the build option draft, or [build] validation = "warn"): built from sources
       that may not be valid; every page and the PDF title page say so. -->
  <xsl:param name="draft" as="xs:boolean" select="false()"/>
</xsl:stylesheet>
