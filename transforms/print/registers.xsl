<?xml version="1.0" encoding="UTF-8"?>
<!-- The book's registers and works cited: the entries the printed text refers to,
     directly or through other entries, each with the parts of t:entry-body
     (common/entries.xsl) as labelled paragraphs (hook m:entry-part). -->
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

  <!-- Registers ======================================================================= -->

  <!-- What a text's PDF prints of the registers: the entries the text points to, the
       entries those point to (a person's birthplace, a treaty's signatories), and so on
       (@k:keys and @k:related of stage 10); not the rest of registers that other texts
       share, nor context-only entries that nothing refers to (they are on the site). -->
  <xsl:variable name="f:print-keys" as="map(xs:string, xs:boolean)">
    <xsl:variable name="corpus" as="document-node()" select="/"/>
    <xsl:variable name="text" as="element(k:doc)*" select="$corpus/k:corpus/k:doc[@kind = 'text'][@id = $text-id]"/>
    <xsl:sequence select="f:reachable(distinct-values($text//(@k:keys | @k:related) ! tokenize(., ' ')), map {}, $corpus)"/>
  </xsl:variable>

  <xsl:function name="f:reachable" as="map(xs:string, xs:boolean)">
    <xsl:param name="keys" as="xs:string*"/>
    <xsl:param name="seen" as="map(xs:string, xs:boolean)"/>
    <xsl:param name="corpus" as="document-node()"/>
    <xsl:variable name="new" as="xs:string*" select="$keys[not(map:contains($seen, .))]"/>
    <xsl:sequence select="if (empty($new)) then $seen else f:reachable(
      distinct-values($new ! key('f:entry', ., $corpus)//(@k:keys | @k:related) ! tokenize(., ' ')),
      map:merge(($seen, $new ! map { .: true() })), $corpus)"/>
  </xsl:function>

  <xsl:function name="f:printed" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="map:contains($f:print-keys, f:entry-key($entry))"/>
  </xsl:function>

  <!-- The entries of a register that this PDF prints. -->
  <xsl:function name="f:printed-entries" as="element()*">
    <xsl:param name="register" as="element(k:doc)"/>
    <xsl:sequence select="$register//*[@k:entry][f:printed(.)]"/>
  </xsl:function>

  <!-- The chronology of this PDF: its text's dates and those of the printed entries. -->
  <xsl:variable name="f:print-chronology" as="map(*)*">
    <xsl:variable name="corpus" as="element(k:corpus)" select="/k:corpus"/>
    <xsl:sequence select="f:chronology-items($corpus/k:doc[@kind = 'register'] ! f:printed-entries(.),
                                             $corpus/k:doc[@kind = 'text'][@id = $text-id])"/>
  </xsl:variable>

  <!-- Registers of entities (not works cited) with printed entries, persons first. -->
  <xsl:function name="f:print-registers" as="element(k:doc)*">
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:for-each select="$doc/../k:doc[@kind = 'register'][not(f:is-works(.))][exists(f:printed-entries(.))]">
      <xsl:sort select="(index-of($f:index-kinds, f:entry-kind((.//*[@k:entry])[1])), 99)[1]"/>
      <xsl:sequence select="."/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="f:is-works" as="xs:boolean">
    <xsl:param name="register" as="element(k:doc)"/>
    <xsl:variable name="entries" as="element()*" select="$register//*[@k:entry]"/>
    <xsl:sequence select="exists($entries) and (every $e in $entries satisfies f:entry-kind($e) = 'work')"/>
  </xsl:function>

  <xsl:template name="t:registers">
    <xsl:if test="exists(f:print-registers(.))">
    <section class="appendix registers" id="registers">
      <h1 class="section-title"><xsl:value-of select="f:i18n('print-registers')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n('print-registers-intro')"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="f:i18n-or('print-registers-no-ids', 'An entry without identifiers has none that the editors could verify; the reasons are given on the entry’s page of the HTML edition.')"/></p>
      <xsl:for-each select="f:print-registers(.)">
        <section class="register" id="register-{@id}">
          <h2><xsl:value-of select="f:register-title(.)"/></h2>
          <xsl:for-each-group select="f:printed-entries(.)" group-adjacent="string(../@type)">
            <section class="register-group">
              <h3><xsl:value-of select="f:i18n-or('register-' || current-grouping-key(), f:i18n('register-other'))"/></h3>
              <xsl:for-each select="current-group()">
                <xsl:sort select="f:index-sort-key(.)" lang="{$lang}"/>
                <xsl:apply-templates select="." mode="m:print-entry"/>
              </xsl:for-each>
            </section>
          </xsl:for-each-group>
        </section>
      </xsl:for-each>
    </section>
    </xsl:if>
  </xsl:template>


  <xsl:mode name="m:print-entry" on-no-match="fail"/>

  <!-- An entry in the book: name, kind and dates in one line, its parts, and where the
       printed text mentions it. -->
  <xsl:template match="*" mode="m:print-entry">
    <xsl:variable name="name" as="element()?" select="f:entry-name-element(.)"/>
    <xsl:variable name="dates" as="xs:string?" select="f:summary-dates(.)"/>
    <xsl:variable name="mentions" as="element()*"
      select="key('f:mentions', f:entry-key(.))[ancestor::k:doc[1]/@id = $text-id][@k:mention != 'ref' or f:entry-kind(current()) = 'work']"/>
    <article class="entry entry-{f:entry-kind(.)}" id="{f:print-entry-id(.)}">
      <!-- name, and in brackets the kind (only where the register mixes kinds) and dates -->
      <xsl:variable name="kind" as="xs:string?"
        select="if (f:entry-kind(.) != f:entry-kind((ancestor::k:doc[1]//*[@k:entry])[1]))
                then f:i18n('type-' || f:entry-kind(.)) else ()"/>
      <p class="entry-head">
        <strong class="entry-name">
          <xsl:if test="$name/@xml:lang"><xsl:attribute name="lang" select="$name/@xml:lang"/></xsl:if>
          <xsl:value-of select="f:entry-name(.)"/>
        </strong>
        <xsl:if test="exists(($kind, $dates))">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="string-join(($kind, $dates), ', ')"/>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </p>
      <xsl:call-template name="t:entry-body"/>
      <xsl:if test="exists($mentions)">
        <p class="entry-mentioned">
          <span class="label"><xsl:value-of select="f:i18n('print-mentioned-in')"/></span>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t:unit-links">
            <xsl:with-param name="mentions" select="$mentions"/>
          </xsl:call-template>
        </p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- The parts of an entry in the book (hook m:entry-part of t:entry-body): labelled
       paragraphs. The name in the heading is not repeated among the names, and a date
       without text is already in the line under the heading. -->
  <xsl:template match="*" mode="m:entry-part">
    <xsl:param name="part" as="xs:string"/>
    <xsl:param name="items" as="element()*"/>
    <xsl:choose>
      <xsl:when test="$part = 'names'">
        <xsl:variable name="names" as="element()*" select="$items except f:entry-name-element(.)"/>
        <xsl:if test="exists($names)">
          <p class="entry-names">
            <span class="label"><xsl:value-of select="f:i18n('print-other-names')"/></span>
            <xsl:for-each select="$names">
              <xsl:text> </xsl:text>
              <span class="name">
                <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </span>
              <xsl:variable name="notes" as="xs:string*" select="f:name-notes(., 'variant')"/>
              <xsl:if test="exists($notes)">
                <xsl:text> (</xsl:text><xsl:value-of select="string-join($notes, ', ')"/><xsl:text>)</xsl:text>
              </xsl:if>
              <xsl:if test="position() lt last()">;</xsl:if>
            </xsl:for-each>
          </p>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$part = 'dates'">
        <xsl:call-template name="t:entry-details">
          <xsl:with-param name="items" select="$items except tei:date[not(node())]"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$part = 'reference'">
        <!-- a work among other entries: its reference formatted by CSL -->
        <p class="entry-reference">
          <xsl:for-each select="$items"><xsl:call-template name="t:formatted-work"/></xsl:for-each>
        </p>
      </xsl:when>
      <xsl:when test="$part = 'description'">
        <xsl:for-each select="$items">
          <p class="entry-description"><xsl:apply-templates mode="m:content"/></p>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$part = 'details'">
        <xsl:call-template name="t:entry-details">
          <xsl:with-param name="items" select="$items"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$part = 'identifiers'">
        <!-- an entry without identifiers says nothing (the register's introduction says what
             that means); identifiers are links, their URLs not printed -->
        <xsl:if test="tei:idno">
          <p class="entry-ids">
            <span class="label"><xsl:value-of select="f:i18n('print-identifiers')"/></span>
            <xsl:for-each select="tei:idno">
              <xsl:text> </xsl:text>
              <xsl:variable name="url" as="xs:string?" select="f:idno-url(.)"/>
              <xsl:variable name="label" as="xs:string" select="f:i18n-or('id-' || @type, string(@type)) || ' ' || normalize-space(.)"/>
              <xsl:choose>
                <xsl:when test="exists($url)"><a class="url" href="{$url}"><xsl:value-of select="$label"/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="position() lt last()">;</xsl:if>
            </xsl:for-each>
            <xsl:for-each select="tei:note[@type = 'identifiers']">
              <xsl:text> </xsl:text><xsl:apply-templates mode="m:content"/>
            </xsl:for-each>
          </p>
        </xsl:if>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Dated elements or details of an entry, one paragraph per label (f:detail-label):
       "Label: value; value", e.g. every occupation under one "Occupation". -->
  <xsl:template name="t:entry-details">
    <xsl:param name="items" as="element()*"/>
    <xsl:for-each-group select="$items" group-by="f:detail-label(.)">
      <p class="entry-detail">
        <span class="label">
          <xsl:value-of select="current-grouping-key()"/>
          <xsl:text>: </xsl:text>
        </span>
        <xsl:for-each select="current-group()">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:call-template name="t:entry-detail-value"/>
        </xsl:for-each>
      </p>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The value of one dated element or detail (context: the element): coordinates, a
       statement of responsibility, or its text followed by its date in brackets unless
       the text gives that date already (f:shows-date); a date without text alone. -->
  <xsl:template name="t:entry-detail-value">
    <xsl:choose>
      <xsl:when test="self::tei:location and tei:geo">
        <xsl:value-of select="string-join(tokenize(normalize-space(tei:geo), '[\s,]+'), ', ')"/>
      </xsl:when>
      <xsl:when test="self::tei:respStmt">
        <xsl:call-template name="t:resp-statement"/>
      </xsl:when>
      <xsl:when test="normalize-space(.) = ''">
        <xsl:if test="f:has-date(.)"><xsl:value-of select="f:date-text(.)"/></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="m:content"/>
        <xsl:if test="f:shows-date(.)">
          <xsl:text> (</xsl:text><xsl:value-of select="f:date-text(.)"/><xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Works cited ===================================================================== -->

  <!-- The works formatted by CSL ($works, f:csl-work and t:formatted-work in
       common/entries.xsl); without them, works are printed from the TEI. -->
  <xsl:template name="t:works-cited">
    <xsl:variable name="works" as="element()*"
      select="../k:doc[@kind = 'register'][f:is-works(.)] ! f:printed-entries(.)"/>
    <xsl:if test="exists($works)">
    <section class="appendix works-cited" id="works-cited">
      <h1 class="section-title"><xsl:value-of select="f:i18n('register-works-cited')"/></h1>
      <xsl:for-each select="$works">
        <xsl:sort select="($f:csl-works(f:entry-key(.))/@sort, lower-case(f:entry-name(.)))[1]" lang="{$lang}"/>
        <xsl:variable name="csl" as="element()?" select="$f:csl-works(f:entry-key(.))"/>
        <div class="work bibl" id="{f:print-entry-id(.)}">
          <xsl:choose>
            <xsl:when test="exists($csl)">
              <xsl:for-each select="$csl"><xsl:call-template name="t:formatted-work"/></xsl:for-each>
              <xsl:for-each select="tei:note[@type = 'description']">
                <xsl:text> </xsl:text>
                <span class="work-note"><xsl:apply-templates mode="m:content"/></span>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="node()">
                <xsl:if test="self::* and preceding-sibling::* and not(preceding-sibling::node()[1][self::text()][normalize-space()])">
                  <xsl:text> </xsl:text>
                </xsl:if>
                <xsl:apply-templates select="." mode="m:content"/>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:for-each>
    </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
