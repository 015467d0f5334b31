<?xml version="1.0" encoding="UTF-8"?>
<!-- Stage 20: number the notes that become endnotes and the figures of each text (@k:n).
     A note is an endnote unless it belongs to a figure or has @place="inline". -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="k:doc[@kind = 'text']//tei:text//tei:note[not(parent::tei:figure or @place = 'inline')]">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="k:n">
        <xsl:number level="any" from="tei:TEI" count="tei:text//tei:note[not(parent::tei:figure or @place = 'inline')]"/>
      </xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="k:doc[@kind = 'text']//tei:text//tei:figure">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="k:n">
        <xsl:number level="any" from="tei:TEI" count="tei:text//tei:figure"/>
      </xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
