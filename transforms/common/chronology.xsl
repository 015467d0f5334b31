<?xml version="1.0" encoding="UTF-8"?>
<!-- The chronology, shared by the site's page and the book's appendix: its items (every
     normalised date of the register entries and of the texts), the description of an item
     and the list of citable units an item or entry is mentioned in. The medium lays out
     the row (hook m:chronology-row) and each unit of the list (hook m:unit-ref). -->
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

  <!-- Items of the chronology (HTML page and PDF appendix), unsorted: one map per
       normalised date, with 'sort' (ISO start), 'node' (the dated element), 'id' (the item's
       anchor) and 'entry' (the register key it belongs to, or ''). Dates come from the
       register entries (their own dates and every dated element inside them) and from the
       dates mentioned in the texts. Maps, not elements: they keep references to the dated
       nodes in the corpus. -->
  <xsl:function name="f:chronology-items" as="map(*)*">
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:sequence select="f:chronology-items($corpus/k:doc[@kind = 'register']//*[@k:entry],
                                             $corpus/k:doc[@kind = 'text'])"/>
  </xsl:function>

  <!-- The same for some register entries and some texts only. The chronology is of history:
       works cited (their publication and access dates) are left out, and so are the dates
       of names (when a name was official); one item per date and referent: the dated
       elements of one entry that begin on the same date are one item (the first, with the
       text around it), and dates in the texts are one item per date and entry (a date
       without an entry is left out where the same date has one); 'nodes' holds every dated
       element of an item. -->
  <xsl:function name="f:chronology-items" as="map(*)*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:param name="texts" as="element(k:doc)*"/>
    <xsl:variable name="from-entries" as="map(*)*">
      <xsl:for-each select="$entries[f:entry-kind(.) != 'work']">
        <xsl:variable name="entry" as="element()" select="."/>
        <xsl:for-each select="(., .//*[f:has-date(.)][not(ancestor::tei:listRelation)]
                                    [not(self::tei:persName | self::tei:placeName | self::tei:orgName
                                         | self::tei:name | self::tei:title | self::tei:label)])[f:has-date(.)]">
          <xsl:sequence select="map { 'sort': f:date-sort-key(.), 'node': .,
            'id': $entry/ancestor::k:doc[1]/@id || '-' || $entry/@xml:id || '-' || position(),
            'entry': f:entry-key($entry) }"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="from-texts" as="map(*)*">
      <xsl:for-each select="$texts/tei:TEI/tei:text//*[@k:mention = 'date'][f:has-date(.)]">
        <xsl:sequence select="map { 'sort': f:date-sort-key(.), 'node': .,
          'id': ancestor::k:doc[1]/@id || '-' || @k:id,
          'entry': string(tokenize(ancestor::*[@k:keys][@k:mention != 'ref'][1]/@k:keys, ' ')[1]) }"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="dated-entries" as="xs:string*" select="$from-texts[?entry != ''] ! (?sort)"/>
    <xsl:for-each-group select="$from-entries" group-by="?entry || '|' || ?sort">
      <xsl:sequence select="map:put(current-group()[1], 'nodes', current-group() ! ?node)"/>
    </xsl:for-each-group>
    <xsl:for-each-group select="$from-texts[?entry != '' or not(?sort = $dated-entries)]"
                        group-by="?entry || '|' || ?sort">
      <xsl:sequence select="map:put(current-group()[1], 'nodes', current-group() ! ?node)"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- One item of the chronology: what happened (the date as written in a text with its
       entry, or the entry the date belongs to, with the kind of date and what the dated
       element says), handed with the item's mentions in the texts to the medium. -->
  <xsl:template name="t:chronology-item">
    <xsl:param name="item" as="map(*)"/>
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="dated" as="element()" select="$item?node"/>
    <xsl:variable name="key" as="xs:string" select="$item?entry"/>
    <xsl:variable name="entry" as="element()?" select="if ($key != '') then key('f:entry', $key, root($corpus))[1] else ()"/>
    <xsl:variable name="in-text" as="xs:boolean" select="$dated/ancestor::k:doc[1]/@kind = 'text'"/>
    <xsl:variable name="what" as="node()*">
      <xsl:choose>
        <xsl:when test="$in-text">
          <xsl:value-of select="f:i18n('chronology-written', normalize-space($dated))"/>
          <xsl:if test="exists($entry)">
            <xsl:text> — </xsl:text>
            <a href="{f:entry-href($key, $root)}"><xsl:value-of select="f:entry-name($entry)"/></a>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <!-- the entry, then what its dated element says: its own words, or the sentence of
               a note the date stands in; a label (Signed, Issued) only where there are no
               words; a date alone in its note says nothing more than the entry's kind -->
          <xsl:variable name="own" as="xs:string" select="if ($dated is $entry) then '' else normalize-space($dated)"/>
          <xsl:variable name="context" as="xs:string"
            select="if ($dated/self::tei:date and $dated/parent::tei:note)
                    then f:clause-of($dated) else if ($dated/self::tei:date) then '' else $own"/>
          <xsl:variable name="label" as="xs:string?"
            select="if ($dated is $entry or $context != '') then () else f:part-label($dated, '')"/>
          <xsl:if test="exists($label[. != '']) and not($dated/self::tei:date[not(@type)])">
            <span class="chronology-label"><xsl:value-of select="$label"/></span>
            <xsl:text>: </xsl:text>
          </xsl:if>
          <a href="{f:entry-href($key, $root)}"><xsl:value-of select="f:entry-name($entry)"/></a>
          <xsl:choose>
            <xsl:when test="$context != '' and (not($dated/self::tei:date) or matches(
                              substring-before($context, normalize-space($dated)) || substring-after($context, normalize-space($dated)),
                              '\p{L}{2}'))">
              <xsl:text> — </xsl:text>
              <xsl:value-of select="if (string-length($context) gt 160) then substring($context, 1, 157) || '…' else $context"/>
            </xsl:when>
            <xsl:when test="not($dated is $entry) and empty($label[. != '']) and $entry/@type">
              <xsl:text> (</xsl:text>
              <xsl:value-of select="f:i18n-or('org-type-' || $entry/@type, string($entry/@type))"/>
              <xsl:text>)</xsl:text>
            </xsl:when>
          </xsl:choose>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:apply-templates select="$dated" mode="m:chronology-row">
      <xsl:with-param name="item" select="$item"/>
      <xsl:with-param name="what" select="$what"/>
      <xsl:with-param name="mentions" select="
        if ($in-text) then (if (exists($item?nodes)) then $item?nodes else $dated)
        else key('f:mentions', $key, root($corpus))[ancestor::k:doc[1]/@kind = 'text']"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The clause of a note that a date stands in: the note's text split at ";" (and at
       sentence ends), the part that holds the date's text; a trailing full stop dropped. -->
  <xsl:function name="f:clause-of" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="written" as="xs:string" select="normalize-space($date)"/>
    <xsl:variable name="clauses" as="xs:string*"
      select="tokenize(normalize-space($date/parent::*), '[;.]\s+')"/>
    <xsl:sequence select="replace(($clauses[contains(., $written)], normalize-space($date/parent::*))[1], '\.$', '')"/>
  </xsl:function>

  <!-- "¶ 1, ¶ 3, note 2": the citable units that contain some mentions, one item each
       (hook m:unit-ref), in the order of the mentions. -->
  <xsl:template name="t:unit-links">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each-group select="$mentions" group-by="ancestor::k:doc[1]/@id || '#' || @k:unit">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:apply-templates select="." mode="m:unit-ref">
        <xsl:with-param name="unit" select="f:unit(.)"/>
      </xsl:apply-templates>
    </xsl:for-each-group>
  </xsl:template>
</xsl:stylesheet>
