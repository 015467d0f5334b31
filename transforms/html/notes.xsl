<?xml version="1.0" encoding="UTF-8"?>
<!-- Numbered notes on screen: a marker in the text (hook m:note-call) and an endnote with
     a link back in the notes section of the reading page (t:endnotes). -->
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

  <!-- The marker in the text; the note itself is in the notes section. -->
  <xsl:template match="tei:note" mode="m:note-call">
    <xsl:variable name="id" as="xs:string" select="f:note-id(.)"/>
    <sup class="noteref"><a href="#{$id}" id="{$id}-ref" class="noteref"><span class="visually-hidden"><xsl:value-of select="f:i18n('note-label', '') => normalize-space()"/><xsl:text> </xsl:text></span><xsl:value-of select="@k:n"/></a></sup>
  </xsl:template>

  <!-- The notes section of a text. -->
  <xsl:template name="t:endnotes">
    <xsl:param name="notes" as="element()*"/>
    <xsl:if test="exists($notes)">
      <xsl:variable name="editorial" as="xs:boolean" select="every $n in $notes satisfies $n/@type = 'editorial'"/>
      <!-- edition.js sets the notes beside the text on wide screens, in a pop-up on narrow
           ones; this section stays for the page without script and for print -->
      <section class="notes{if ($editorial) then ' notes-editorial' else ''}" aria-labelledby="notes-heading"
               data-more="{f:i18n('note-more')}" data-less="{f:i18n('note-less')}"
               data-note-label="{f:i18n(if ($editorial) then 'note-label-editorial' else 'note-label', '') => normalize-space()}">
        <h2 id="notes-heading"><xsl:value-of select="f:i18n(if ($editorial) then 'notes-heading-editorial' else 'notes-heading')"/></h2>
        <ol class="endnotes">
          <xsl:apply-templates select="$notes" mode="m:endnote"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:mode name="m:endnote" on-no-match="fail"/>

  <xsl:template match="tei:note" mode="m:endnote">
    <xsl:variable name="id" as="xs:string" select="f:note-id(.)"/>
    <li id="{$id}" value="{@k:n}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:variable name="back" as="element()">
        <a class="backref" href="#{$id}-ref"><span aria-hidden="true">↩</span><span class="visually-hidden"><xsl:value-of select="f:i18n('note-back', string(@k:n))"/></span></a>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="exists(tei:p | tei:ab | tei:lg | tei:list | tei:table)">
          <xsl:apply-templates/>
          <p class="backref-line"><xsl:sequence select="$back"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:apply-templates/><xsl:text> </xsl:text><xsl:sequence select="$back"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>
</xsl:stylesheet>
