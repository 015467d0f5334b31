<?xml version="1.0" encoding="UTF-8"?>
<!-- Figures: the caption (head) as figcaption, the description (figDesc) as text, and a
     visible statement when the image is not available (no graphic, or one that this site
     cannot show). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  default-mode="m:content"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:figure">
    <xsl:variable name="src" as="xs:string?"
      select="(tei:graphic/@url ! f:safe-href(.))[not(matches(., '^[a-z]+:', 'i'))][1]"/>
    <figure>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'figure'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="exists($src)">
          <img src="{$src}" alt="{normalize-space(tei:figDesc)}"/>
        </xsl:when>
        <xsl:otherwise>
          <div class="image-missing">
            <p class="image-missing-label"><xsl:value-of select="f:i18n('image-missing')"/></p>
            <xsl:for-each select="tei:figDesc">
              <p class="figdesc">
                <span class="figdesc-label"><xsl:value-of select="f:i18n('image-description')"/></span>
                <xsl:text> </xsl:text>
                <xsl:apply-templates/>
              </p>
            </xsl:for-each>
          </div>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="tei:note">
        <p class="figure-note">
          <xsl:call-template name="t:global-attributes"/>
          <xsl:apply-templates/>
        </p>
      </xsl:for-each>
      <!-- a graphic's own description, and whatever else the figure holds -->
      <xsl:for-each select="tei:graphic/tei:desc[normalize-space()]">
        <p class="figdesc"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:apply-templates select="(node() except (tei:head | tei:figDesc | tei:graphic | tei:note))
                                   [self::* or normalize-space()]"/>
      <xsl:if test="tei:head or @k:n">
        <figcaption>
          <xsl:if test="@k:n">
            <span class="figure-label"><xsl:value-of select="f:i18n('figure-label', string(@k:n))"/></span>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:for-each select="tei:head">
            <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
            <span class="figure-head"><xsl:apply-templates/></span>
          </xsl:for-each>
        </figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:figDesc">
    <span class="figdesc"><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
