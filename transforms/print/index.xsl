<?xml version="1.0" encoding="UTF-8"?>
<!-- The index of the book: the entries mentioned in the text by kind, each with links to
     its mentions whose page numbers CSS fills in (one link per page once $index-pages
     gives the pages of a first layout). -->
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

  <!-- Index =========================================================================== -->
  <xsl:template name="t:index">
    <xsl:variable name="doc" as="element(k:doc)" select="."/>
    <xsl:variable name="mentions" as="element()*"
      select="tei:TEI/tei:text//*[@k:keys][@k:mention = $f:index-kinds or @k:mention = 'other']"/>
    <xsl:variable name="keys" as="xs:string*" select="distinct-values($mentions/@k:keys ! tokenize(., ' '))"/>
    <xsl:variable name="entries" as="element()*" select="$keys ! f:entry(., $doc)"/>
    <xsl:if test="exists($entries)">
    <section class="appendix index" id="index">
      <h1 class="section-title"><xsl:value-of select="f:i18n('print-index')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n('print-index-intro')"/></p>
      <xsl:for-each select="$f:index-kinds">
        <xsl:variable name="kind" as="xs:string" select="."/>
        <xsl:variable name="these" as="element()*" select="$entries[f:entry-kind(.) = $kind]"/>
        <xsl:if test="exists($these)">
          <section class="index-group" id="index-{$kind}">
            <h2><xsl:value-of select="f:i18n('types-' || $kind)"/></h2>
            <xsl:for-each select="$these">
              <xsl:sort select="lower-case(f:entry-name(.))" lang="{$lang}"/>
              <xsl:variable name="key" as="xs:string" select="f:entry-key(.)"/>
              <xsl:variable name="refs" as="element()*" select="$mentions[tokenize(@k:keys, ' ') = $key]"/>
              <p class="index-entry" data-key="{$key}">
                <a class="index-name" href="#{f:print-entry-id(.)}"><xsl:value-of select="f:entry-name(.)"/></a>
                <xsl:text> </xsl:text>
                <span class="index-pages">
                  <xsl:choose>
                    <xsl:when test="map:size($f:page-of) = 0">
                      <xsl:for-each select="$refs">
                        <a class="index-ref" href="#{(@xml:id, 'mention-' || @k:id)[1]}"></a>
                      </xsl:for-each>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:for-each-group select="$refs" group-by="($f:page-of(string((@xml:id, 'mention-' || @k:id)[1])), 0)[1]">
                        <xsl:sort select="current-grouping-key()"/>
                        <a class="index-ref" href="#{(@xml:id, 'mention-' || @k:id)[1]}"></a>
                      </xsl:for-each-group>
                    </xsl:otherwise>
                  </xsl:choose>
                </span>
              </p>
            </xsl:for-each>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
