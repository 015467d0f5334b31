<?xml version="1.0" encoding="UTF-8"?>
<!-- Names, dates and pointers: entity mentions (marked by type, linked to their register
     entry), references, names outside the text, normalised dates (t:time).

     A mention renders as <span class="mention mention-TYPE">; its own text becomes links
     (<a class="mention-link">) to its entry, so that a mention nested in another (a date
     inside an event's name) keeps its own link and no link is nested in another. Where
     the links lead and what else the span carries is the medium's (hooks
     m:mention-attributes, m:mention-link-attributes, m:entry-href). -->
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

  <xsl:template match="tei:*[@k:mention = ('person', 'place', 'org', 'event', 'treaty', 'date', 'other')]" priority="2">
    <span class="mention mention-{@k:mention}">
      <xsl:apply-templates select="." mode="m:mention-attributes"/>
      <xsl:apply-templates>
        <xsl:with-param name="link" tunnel="yes"
          select="if (@k:keys or @k:mention = 'date') then . else ()"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- The link of a mention around a piece of its text (called for its text nodes). -->
  <xsl:template name="t:mention-link">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="content" as="item()*"/>
    <a class="mention-link">
      <xsl:apply-templates select="$mention" mode="m:mention-link-attributes"/>
      <xsl:sequence select="$content"/>
    </a>
  </xsl:template>

  <!-- Pointers (ref, ptr) and other elements with resolved @ref/@target. -->
  <xsl:template match="tei:ref | tei:ptr | tei:*[@k:mention = 'ref']" priority="1">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="href" as="xs:string?" select="
      if (@k:keys) then f:entry-href(tokenize(@k:keys, ' ')[1], $root)
      else if (@k:local) then '#' || @k:local
      else f:safe-href(@k:href)"/>
    <xsl:variable name="content" as="node()*">
      <xsl:apply-templates>
        <xsl:with-param name="link" tunnel="yes" select="()"/>
      </xsl:apply-templates>
      <xsl:if test="self::tei:ptr">
        <xsl:value-of select="(@target, @ref)[1]"/>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a href="{$href}">
          <xsl:call-template name="t:global-attributes">
            <xsl:with-param name="class" select="string-join((local-name(), @type ! ('ref-' || replace(., '[^\w-]', ''))), ' ')"/>
          </xsl:call-template>
          <xsl:sequence select="$content"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="t:global-attributes">
            <xsl:with-param name="class" select="local-name()"/>
          </xsl:call-template>
          <xsl:sequence select="$content"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Names and dates that are not mentions (header, register entries). -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:date
                       | tei:label | tei:addName | tei:forename | tei:surname | tei:roleName | tei:geogName">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- <time> for an element with normalised dates. -->
  <xsl:template name="t:time">
    <xsl:param name="e" as="element()" select="."/>
    <xsl:variable name="iso" as="xs:string?" select="f:date-iso($e)"/>
    <xsl:variable name="dt" as="xs:string?" select="f:html-datetime($iso)"/>
    <xsl:choose>
      <xsl:when test="exists($dt)">
        <time datetime="{$dt}"><xsl:value-of select="f:date-text($e)"/></time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date-norm"><xsl:value-of select="f:date-text($e)"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
