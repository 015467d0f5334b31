<?xml version="1.0" encoding="UTF-8"?>
<!-- The index of the book: the entries named in the text, by kind, sorted as readers look
     names up (persons surname first: "Stalin, Joseph"), each with the ¶s and the pages
     where it is named. The ¶s and pages are found by Typst from the mentions' metadata
     (print/edition.typ, k-index-refs), so they are the pages the mentions land on. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- The name of an entry in the index: a person's surname first, from the register's
       surname and forename, else from the last word of the preferred name (a name with
       @sortKey is left as it is). -->
  <xsl:function name="f:index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" as="element()?" select="f:entry-name-element($entry)"/>
    <xsl:variable name="plain" as="xs:string" select="f:entry-name($entry)"/>
    <xsl:variable name="words" as="xs:string*" select="tokenize($plain)"/>
    <xsl:sequence select="
      if ($name/tei:surname) then
        string-join((normalize-space(string-join($name/tei:surname, ' ')),
                     normalize-space(string-join($name/(tei:forename | tei:addName | tei:roleName), ' '))[. != '']), ', ')
      else if (f:entry-kind($entry) = 'person' and empty($name/@sortKey | $entry/@sortKey) and count($words) gt 1)
      then $words[last()] || ', ' || string-join($words[position() lt last()], ' ')
      else $plain"/>
  </xsl:function>

  <!-- The sort key of an entry in the index: @sortKey, else the index name. -->
  <xsl:function name="f:index-sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="lower-case(string((f:entry-name-element($entry)/@sortKey, $entry/@sortKey, f:index-name($entry))[1]))"/>
  </xsl:function>

  <xsl:template name="t:index">
    <xsl:variable name="doc" as="element(k:doc)" select="."/>
    <xsl:variable name="mentions" as="element()*"
      select="tei:TEI/tei:text//*[@k:keys][@k:mention = $f:index-kinds or @k:mention = 'other']"/>
    <xsl:variable name="keys" as="xs:string*" select="distinct-values($mentions/@k:keys ! tokenize(., ' '))"/>
    <xsl:variable name="entries" as="element()*" select="$keys ! f:entry(., $doc)"/>
    <xsl:if test="exists($entries)">
    <section class="appendix index" id="index">
      <h1 class="section-title"><xsl:value-of select="f:i18n('print-index')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n-or('print-index-intro-units', 'Persons, places, organisations, events and treaties named in the text and in the notes, with the paragraphs (¶) and pages (p.) where they are named, including pronouns and other phrases that refer to them.')"/></p>
      <xsl:for-each select="$f:index-kinds">
        <xsl:variable name="kind" as="xs:string" select="."/>
        <xsl:variable name="these" as="element()*" select="$entries[f:entry-kind(.) = $kind]"/>
        <xsl:if test="exists($these)">
          <section class="index-group" id="index-{$kind}">
            <h2><xsl:value-of select="f:i18n('types-' || $kind)"/></h2>
            <xsl:for-each select="$these">
              <xsl:sort select="f:index-sort-key(.)" lang="{$lang}"/>
              <p class="index-entry" data-key="{f:entry-key(.)}">
                <a class="index-name" href="#{f:print-entry-id(.)}"><xsl:value-of select="f:index-name(.)"/></a>
                <index-refs key="{f:entry-key(.)}" para-word="" page-word="{f:i18n-or('print-pages-short', 'p.')}"/>
              </p>
            </xsl:for-each>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
