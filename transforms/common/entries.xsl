<?xml version="1.0" encoding="UTF-8"?>
<!-- Register entries: the parts an entry is shown in (t:entry-body, the same on screen and
     on paper; the medium renders each part through the hook m:entry-part), the label of a
     part of an entry (f:part-label), the notes on a name, the one-line description and the
     dates of an entry in one line. -->
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

  <!-- The body of an entry, context: the entry. Its children fall into five parts, in this
       order: names, dates (the entry's own and its dated children), description, details
       (every other child) and identifiers; a work cited that has a formatted reference
       ($works) has the part 'reference' (its k:work) instead of names and dates, and its
       bibliographic elements are not repeated among the details. Each part that has something to show goes to
       the medium (hook m:entry-part) with its elements. -->
  <xsl:template name="t:entry-body">
    <xsl:variable name="names" as="element()*"
      select="(tei:persName | tei:placeName[not(@ref)] | tei:orgName | tei:label | tei:title | tei:name | tei:term)"/>
    <xsl:variable name="dated" as="element()*"
      select="(tei:birth | tei:death | tei:floruit | tei:date | tei:note[@type = 'dates'])"/>
    <xsl:variable name="description" as="element()*" select="tei:note[@type = 'description'] | tei:desc"/>
    <xsl:variable name="ids" as="element()*" select="tei:idno | tei:note[@type = 'identifiers']"/>
    <xsl:variable name="rest" as="element()*" select="* except ($names, $dated, $description, $ids)"/>
    <xsl:variable name="entry" as="element()" select="."/>
    <!-- a work cited with its reference formatted by CSL: the reference stands for the
         bibliographic elements (titles, names, dates, publisher, scope, URL) -->
    <xsl:variable name="csl" as="element()?" select="f:csl-work(.)"/>
    <xsl:variable name="bibliographic" as="element()*"
      select="(tei:title | tei:author | tei:editor | tei:respStmt | tei:date | tei:publisher
               | tei:pubPlace | tei:biblScope | tei:ref | tei:idno[@type = ('URI', 'URL')]
               | tei:analytic | tei:monogr | tei:series)[exists($csl)]"/>
    <xsl:for-each select="if (exists($csl))
                          then (map { 'reference': $csl }, map { 'description': $description },
                                map { 'details': $rest except $bibliographic },
                                map { 'identifiers': $ids except $bibliographic })
                          else (map { 'names': $names }, map { 'dates': $dated },
                                map { 'description': $description }, map { 'details': $rest },
                                map { 'identifiers': $ids })">
      <xsl:variable name="part" as="xs:string" select="map:keys(.)"/>
      <xsl:variable name="items" as="element()*" select="?*"/>
      <xsl:if test="exists($items) or ($part = 'dates' and f:has-date($entry) and empty($csl))">
        <xsl:apply-templates select="$entry" mode="m:entry-part">
          <xsl:with-param name="part" select="$part"/>
          <xsl:with-param name="items" select="$items"/>
        </xsl:apply-templates>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The works cited formatted by CSL once for every medium (teiedition.citation.works):
       k:work elements with @key, @url, @sort, text and k:i (italics); empty: the works are
       shown from their TEI. -->
  <xsl:param name="works" as="document-node()?" select="()"/>
  <xsl:variable name="f:csl-works" as="map(xs:string, element())"
    select="map:merge($works//k:work ! map { string(@key): . })"/>

  <!-- The formatted reference of a work cited (an entry), or empty. -->
  <xsl:function name="f:csl-work" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$f:csl-works(f:entry-key($entry))"/>
  </xsl:function>

  <!-- A formatted reference (context: its k:work): the style's italics as i, the work's
       URL as a link (a.url), the rest as text. -->
  <xsl:template name="t:formatted-work">
    <xsl:variable name="url" as="xs:string?" select="f:safe-href(@url)"/>
    <xsl:for-each select="node()">
      <xsl:choose>
        <xsl:when test="self::k:i"><i><xsl:value-of select="."/></i></xsl:when>
        <xsl:when test="exists($url) and $url != '' and contains(., $url)">
          <xsl:value-of select="substring-before(., $url)"/>
          <a class="url" href="{$url}"><xsl:value-of select="$url"/></a>
          <xsl:value-of select="substring-after(., $url)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A statement of responsibility in an entry: "resp: name, name". -->
  <xsl:template name="t:resp-statement">
    <xsl:apply-templates select="tei:resp" mode="m:content"/>
    <xsl:text>: </xsl:text>
    <xsl:for-each select="* except tei:resp">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="m:content"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The label of a part of an entry or of a dated element ("Birth", "Signed", "Dates",
       "Parties"): the type of a note or date, else the element's name; a note without a
       type that carries dates is "dates". $fallback when the UI has no such label. -->
  <xsl:function name="f:part-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:variable name="key" as="xs:string"
      select="if ($e/(self::tei:note | self::tei:date)/@type) then string($e/@type)
              else if ($e/self::tei:note and f:has-date($e)) then 'dates'
              else if ($e/self::tei:biblScope/@unit) then 'scope-' || $e/@unit
              else local-name($e)"/>
    <xsl:sequence select="f:i18n-or('label-' || $key, $fallback)"/>
  </xsl:function>

  <!-- The label under which a detail of an entry is shown: details with the same label
       (several occupations, several residences) are shown together, under one label, on
       screen and on paper. -->
  <xsl:function name="f:detail-label" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="f:part-label($e, local-name($e))"/>
  </xsl:function>

  <!-- What is said about a name after it: its type (unless one of $omit), its level when
       it has no type, its language when not the interface's. -->
  <xsl:function name="f:name-notes" as="xs:string*">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="omit" as="xs:string*"/>
    <xsl:sequence select="
      ($name/@type[not(. = $omit)] ! f:i18n-or('name-' || ., string(.))),
      ($name/@level ! f:i18n-or('title-level-' || ., string(.)))[empty($name/@type)],
      ($name/@xml:lang[. != $lang] ! f:lang-name(.))"/>
  </xsl:function>

  <!-- Whether a dated element's own words already give its date: every normalised date
       of it (@when, @from, @to, @notBefore, @notAfter), as the edition writes dates, occurs
       in its text ("Born on 1 February 1889 …"); the date is then not shown again before
       the text. -->
  <xsl:function name="f:date-in-prose" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="normalize-space($e)"/>
    <xsl:variable name="dates" as="attribute()*" select="$e/(@when | @from | @to | @notBefore | @notAfter)"/>
    <xsl:sequence select="$text != '' and exists($dates)
                          and (every $d in $dates satisfies contains($text, f:format-iso($d)))"/>
  </xsl:function>

  <!-- Whether a dated element's date is shown beside its text: it has one, and its own
       words do not give it already (f:date-in-prose). -->
  <xsl:function name="f:shows-date" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="f:has-date($e) and not(f:date-in-prose($e))"/>
  </xsl:function>

  <!-- First sentence of the description. -->
  <xsl:function name="f:one-line" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="d" as="xs:string"
      select="normalize-space(($entry/tei:note[@type = 'description'], $entry/tei:desc, $entry/tei:note[not(@type)])[1])"/>
    <xsl:sequence select="if ($d = '') then () else replace($d, '^(.*?[\p{Ll}\d)”’][.!?])\s+\p{Lu}.*$', '$1')"/>
  </xsl:function>

  <!-- Dates of an entry in one line: life dates, event span, date of a document. -->
  <xsl:function name="f:summary-dates" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="birth" as="element()?" select="$entry/tei:birth[f:has-date(.)][1]"/>
    <xsl:variable name="death" as="element()?" select="$entry/tei:death[f:has-date(.)][1]"/>
    <xsl:variable name="issued" as="element()?"
      select="$entry/tei:date[f:has-date(.)][not(@type = 'accessed')][1]"/>
    <xsl:sequence select="
      if (exists($birth) or exists($death))
        then string-join((($birth ! f:date-text(.)), '?')[1] || ' – ' || (($death ! f:date-text(.)), '')[1], '')
      else if (f:has-date($entry)) then f:date-text($entry)
      else ($issued ! f:date-text(.))"/>
  </xsl:function>
</xsl:stylesheet>
