<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes and critical apparatus. Numbered notes (@k:n, from pipeline stage 20) go to the
     medium (hook m:note-call: endnotes on screen, footnotes on paper); other notes (in
     figures, with @place="inline", in the header) stay where they are. -->
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

  <xsl:function name="f:note-id" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="string(($note/@xml:id, 'note-' || $note/@k:n)[1])"/>
  </xsl:function>

  <!-- A numbered note: the medium decides what stands in the text (hook m:note-call). -->
  <xsl:template match="tei:note[@k:n]">
    <xsl:apply-templates select="." mode="m:note-call"/>
  </xsl:template>

  <!-- Notes kept in place. -->
  <xsl:template match="tei:note">
    <xsl:element name="{if (f:is-block(.) and not(f:in-phrase(.))) then 'div' else 'span'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="string-join(('note-inline', @type ! ('note-' || replace(., '[^\w-]', ''))), ' ')"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Apparatus: the lemma in the flow, the readings after it in brackets with their
       witnesses, so that every reading is in the page. -->
  <xsl:template match="tei:app">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'app'"/>
      </xsl:call-template>
      <!-- a reading group may hold the lemma, readings and further groups -->
      <xsl:variable name="groups" as="element()*" select="tei:rdgGrp/descendant-or-self::tei:rdgGrp"/>
      <xsl:apply-templates select="tei:lem | $groups/tei:lem"/>
      <xsl:variable name="readings" as="element()*" select="tei:rdg | $groups/tei:rdg"/>
      <xsl:if test="exists($readings)">
        <xsl:text> </xsl:text>
        <span class="rdgs">
          <xsl:text>[</xsl:text>
          <xsl:for-each select="$readings">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:apply-templates select="."/>
          </xsl:for-each>
          <xsl:text>]</xsl:text>
        </span>
      </xsl:if>
      <xsl:apply-templates select="(node() | $groups/node()) except (tei:lem | tei:rdg | $groups
                                   | $groups/tei:lem | $groups/tei:rdg)
                                   [self::* or normalize-space()]"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:lem | tei:rdg">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
      <xsl:if test="@wit">
        <xsl:text> </xsl:text>
        <span class="wit"><xsl:value-of select="string-join(tokenize(normalize-space(@wit), ' ') ! replace(., '^.*#', ''), ' ')"/></span>
      </xsl:if>
    </span>
  </xsl:template>
</xsl:stylesheet>
