<?xml version="1.0" encoding="UTF-8"?>
<!-- Register pages: an index per register and one page per entry at
     {register}/{xml:id}.html, whose article carries the entry's xml:id; the parts of an
     entry (t:entry-body, common/entries.xsl) as sections (hook m:entry-part). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- Context: a register's k:doc. -->
  <xsl:template name="t:register-pages">
    <xsl:variable name="doc" as="element(k:doc)" select="."/>
    <xsl:variable name="corpus" as="element(k:corpus)" select="ancestor::k:corpus"/>
    <xsl:variable name="entries" as="element()*" select=".//*[@k:entry]"/>
    <xsl:if test="$shared-pages">
      <xsl:call-template name="t:page">
        <xsl:with-param name="corpus" select="$corpus"/>
        <xsl:with-param name="href" select="@id || '/index.html'"/>
        <xsl:with-param name="section" select="'register:' || @id"/>
        <xsl:with-param name="title" select="f:register-title(.)"/>
        <xsl:with-param name="content">
          <h1><xsl:value-of select="f:register-title(.)"/></h1>
          <xsl:apply-templates select="tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/node()" mode="m:content">
            <xsl:with-param name="root" tunnel="yes" select="'../'"/>
          </xsl:apply-templates>
          <xsl:for-each-group select="f:register-order(.)" group-adjacent="string(../@type)">
            <section aria-labelledby="list-{position()}">
              <h2 id="list-{position()}">
                <xsl:value-of select="f:i18n-or('register-' || current-grouping-key(), f:i18n('register-other'))"/>
              </h2>
              <ul class="entry-list">
                <xsl:for-each select="current-group()">
                  <xsl:variable name="csl" as="element()?" select="f:csl-work(.)"/>
                  <li>
                    <xsl:choose>
                      <xsl:when test="exists($csl)">
                        <xsl:attribute name="class" select="'work-reference'"/>
                        <xsl:for-each select="$csl"><xsl:call-template name="t:formatted-work"/></xsl:for-each>
                        <xsl:text> </xsl:text>
                        <a class="entry-link" href="{@xml:id}.html" aria-label="{f:i18n('work-entry-link')}: {f:entry-name(.)}">
                          <xsl:value-of select="f:i18n('work-entry-link')"/>
                        </a>
                      </xsl:when>
                      <xsl:otherwise>
                        <a href="{@xml:id}.html"><xsl:value-of select="f:entry-name(.)"/></a>
                        <xsl:variable name="dates" as="xs:string?" select="f:summary-dates(.)"/>
                        <xsl:if test="exists($dates)">
                          <span class="entry-list-dates"><xsl:text> (</xsl:text><xsl:value-of select="$dates"/>)</span>
                        </xsl:if>
                        <xsl:variable name="line" as="xs:string?" select="f:one-line(.)"/>
                        <xsl:if test="exists($line)">
                          <span class="entry-list-line"><xsl:text> — </xsl:text><xsl:value-of select="$line"/></span>
                        </xsl:if>
                      </xsl:otherwise>
                    </xsl:choose>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:for-each-group>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="$entries">
      <xsl:if test="f:writes-entry(f:entry-key(.))">
        <xsl:call-template name="t:entry-page">
          <xsl:with-param name="corpus" select="$corpus"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Context: the entry element. -->
  <xsl:template name="t:entry-page">
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:variable name="entry" as="element()" select="."/>
    <xsl:variable name="doc" as="element(k:doc)" select="ancestor::k:doc[1]"/>
    <xsl:variable name="key" as="xs:string" select="f:entry-key(.)"/>
    <xsl:variable name="mentions" as="element()*" select="key('f:mentions', $key)"/>
    <xsl:variable name="own-mentions" as="element()*" select=".//*[@k:mention]"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="$corpus"/>
      <xsl:with-param name="href" select="$key || '.html'"/>
      <xsl:with-param name="section" select="'register:' || $doc/@id"/>
      <xsl:with-param name="title" select="f:entry-name(.)"/>
      <xsl:with-param name="description" select="f:one-line(.)"/>
      <xsl:with-param name="content">
        <article class="entry entry-{f:entry-kind(.)}" id="{@xml:id}">
          <p class="breadcrumb"><a href="index.html"><xsl:value-of select="f:register-title($doc)"/></a></p>
          <xsl:apply-templates select="." mode="m:summary">
            <xsl:with-param name="heading" select="'h1'"/>
            <xsl:with-param name="line" select="empty(tei:note[@type = 'description'] | tei:desc)"/>
            <xsl:with-param name="identifiers" select="false()"/>
            <xsl:with-param name="reference" select="false()"/>
            <xsl:with-param name="root" tunnel="yes" select="'../'"/>
          </xsl:apply-templates>
          <xsl:call-template name="t:entry-body">
            <xsl:with-param name="root" tunnel="yes" select="'../'"/>
          </xsl:call-template>
          <section aria-labelledby="sec-mentioned-in">
            <h2 id="sec-mentioned-in">
              <xsl:value-of select="f:i18n(if (f:entry-kind(.) = 'work') then 'entry-cited-in' else 'entry-mentioned-in')"/>
            </h2>
            <xsl:variable name="in-texts" as="element()*" select="$mentions[ancestor::k:doc[1]/@kind = 'text']"/>
            <xsl:choose>
              <xsl:when test="exists($in-texts)">
                <xsl:variable name="several" as="xs:boolean" select="count($in-texts/ancestor::k:doc[1]) gt 1"/>
                <ul class="mentioned-in">
                  <xsl:for-each-group select="$in-texts" group-by="ancestor::k:doc[1]/@id || '#' || @k:unit">
                    <xsl:variable name="m" as="element()" select="current-group()[1]"/>
                    <xsl:variable name="tdoc" as="element(k:doc)" select="$m/ancestor::k:doc[1]"/>
                    <xsl:variable name="unit" as="element()?" select="f:unit($m)"/>
                    <li>
                      <a href="../{$tdoc/@id}.html{$unit/@xml:id ! ('#' || .)}">
                        <xsl:if test="$several or empty($unit)">
                          <xsl:value-of select="f:text-title($tdoc)"/>
                          <xsl:if test="exists($unit)"><xsl:text>, </xsl:text></xsl:if>
                        </xsl:if>
                        <xsl:if test="exists($unit)">
                          <xsl:value-of select="replace(f:unit-label($unit), ' ', '&#xA0;')"/>
                        </xsl:if>
                      </a>
                      <xsl:if test="exists($unit)">
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="t:keyword-in-context">
                          <xsl:with-param name="mention" select="$m"/>
                          <xsl:with-param name="unit" select="$unit"/>
                        </xsl:call-template>
                      </xsl:if>
                      <xsl:if test="count(current-group()) gt 1">
                        <xsl:text> (</xsl:text>
                        <xsl:value-of select="f:i18n('mentions-count', string(count(current-group())))"/>
                        <xsl:text>)</xsl:text>
                      </xsl:if>
                    </li>
                  </xsl:for-each-group>
                </ul>
              </xsl:when>
              <xsl:otherwise>
                <p><xsl:value-of select="f:i18n('entry-not-mentioned')"/></p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
          <xsl:variable name="in-registers" as="element()*"
            select="$mentions[ancestor::k:doc[1]/@kind = 'register'][@k:unit != $key]"/>
          <xsl:if test="exists($in-registers)">
            <section aria-labelledby="sec-referred-by">
              <h2 id="sec-referred-by"><xsl:value-of select="f:i18n('entry-referred-by')"/></h2>
              <ul class="referred-by">
                <xsl:for-each-group select="$in-registers" group-by="string(@k:unit)">
                  <xsl:variable name="other" as="element()?" select="f:entry(current-grouping-key(), $entry)"/>
                  <xsl:if test="exists($other)">
                    <li><a href="../{f:entry-url(current-grouping-key())}"><xsl:value-of select="f:entry-name($other)"/></a></li>
                  </xsl:if>
                </xsl:for-each-group>
              </ul>
            </section>
          </xsl:if>
        </article>
        <xsl:call-template name="t:entry-neighbours">
          <xsl:with-param name="entry" select="$entry"/>
          <xsl:with-param name="doc" select="$doc"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="after">
        <xsl:call-template name="t:popup-dialog"/>
        <xsl:call-template name="t:popup-templates">
          <xsl:with-param name="mentions" select="$own-mentions[@k:mention != 'ref']"/>
          <xsl:with-param name="root" tunnel="yes" select="'../'"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The parts of an entry on its page (hook m:entry-part of t:entry-body): a section
       with a heading each. -->
  <xsl:template match="*" mode="m:entry-part">
    <xsl:param name="part" as="xs:string"/>
    <xsl:param name="items" as="element()*"/>
    <section aria-labelledby="sec-{$part}">
      <h2 id="sec-{$part}"><xsl:value-of select="f:i18n('entry-' || $part)"/></h2>
      <xsl:choose>
        <xsl:when test="$part = 'names'">
          <ul class="names">
            <xsl:for-each select="$items">
              <li>
                <span class="name">
                  <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
                  <xsl:apply-templates mode="m:content"/>
                </span>
                <xsl:variable name="notes" as="xs:string*" select="f:name-notes(., ())"/>
                <xsl:if test="exists($notes)">
                  <span class="name-info"><xsl:text> (</xsl:text><xsl:value-of select="string-join($notes, ', ')"/>)</span>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:when test="$part = 'dates'">
          <dl class="dates">
            <xsl:if test="f:has-date(.)">
              <dt><xsl:value-of select="f:i18n-or('label-' || f:entry-kind(.), f:i18n('label-date'))"/></dt>
              <dd><xsl:call-template name="t:time"/></dd>
            </xsl:if>
            <xsl:for-each select="$items">
              <dt><xsl:value-of select="f:part-label(., f:i18n('label-date'))"/></dt>
              <dd>
                <xsl:call-template name="t:dated-text"><xsl:with-param name="separator" select="'. '"/></xsl:call-template>
              </dd>
            </xsl:for-each>
          </dl>
        </xsl:when>
        <xsl:when test="$part = 'reference'">
          <p class="work-reference">
            <xsl:for-each select="$items"><xsl:call-template name="t:formatted-work"/></xsl:for-each>
          </p>
        </xsl:when>
        <xsl:when test="$part = 'description'">
          <xsl:for-each select="$items">
            <p><xsl:apply-templates mode="m:content"/></p>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="$part = 'details'">
          <dl class="details">
            <!-- elements with the same label (several occupations) share one row -->
            <xsl:for-each-group select="$items" group-by="f:detail-label(.)">
              <dt><xsl:value-of select="current-grouping-key()"/></dt>
              <dd>
                <xsl:choose>
                  <xsl:when test="count(current-group()) gt 1">
                    <ul class="detail-items">
                      <xsl:for-each select="current-group()">
                        <li><xsl:call-template name="t:detail"/></li>
                      </xsl:for-each>
                    </ul>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:call-template name="t:detail"/>
                  </xsl:otherwise>
                </xsl:choose>
              </dd>
            </xsl:for-each-group>
          </dl>
        </xsl:when>
        <xsl:when test="$part = 'identifiers'">
          <xsl:call-template name="t:identifiers"/>
          <xsl:for-each select="tei:idno[empty(f:idno-url(.))]">
            <p><xsl:value-of select="f:i18n-or('id-' || @type, string(@type))"/>: <xsl:value-of select="."/></p>
          </xsl:for-each>
          <xsl:for-each select="tei:note[@type = 'identifiers']">
            <p><xsl:apply-templates mode="m:content"/></p>
          </xsl:for-each>
        </xsl:when>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- One detail of an entry (context: the element): a place's coordinates as a link to
       the map, a statement of responsibility, or the element's text with its date. -->
  <xsl:template name="t:detail">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:choose>
      <xsl:when test="self::tei:location and tei:geo">
        <xsl:variable name="c" as="xs:string*" select="tokenize(normalize-space(tei:geo), '[\s,]+')"/>
        <a href="../map.html#map-{ancestor::k:doc[1]/@id}-{../@xml:id}"><xsl:value-of select="f:i18n('entry-on-map', ($c[1], $c[2]))"/></a>
      </xsl:when>
      <xsl:when test="self::tei:respStmt">
        <xsl:call-template name="t:resp-statement"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t:dated-text"><xsl:with-param name="separator" select="': '"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A dated element's date (unless its text gives it already, f:date-in-prose), then
       its text. -->
  <xsl:template name="t:dated-text">
    <xsl:param name="separator" as="xs:string"/>
    <xsl:if test="f:shows-date(.)">
      <xsl:call-template name="t:time"/>
      <xsl:if test="normalize-space(.) != ''"><xsl:value-of select="$separator"/></xsl:if>
    </xsl:if>
    <xsl:apply-templates mode="m:content"/>
  </xsl:template>

  <!-- The entries of a register in the order of its index page: by list, then works by
       their formatted reference and other entries by name. -->
  <xsl:function name="f:register-order" as="element()*" cache="yes">
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:for-each-group select="$doc//*[@k:entry]" group-adjacent="string(../@type)">
      <xsl:perform-sort select="current-group()">
        <xsl:sort select="(f:csl-work(.)/@sort, lower-case(f:entry-name(.)))[1]" lang="{$lang}"/>
      </xsl:perform-sort>
    </xsl:for-each-group>
  </xsl:function>

  <!-- Each entry's place in f:register-order, by generate-id: worked out once per register,
       so that finding an entry's neighbours does not scan the register for every entry. -->
  <xsl:function name="f:register-positions" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:variable name="order" as="element()*" select="f:register-order($doc)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($order)
                                    return map:entry(generate-id($order[$i]), $i))"/>
  </xsl:function>

  <!-- Links to the previous and the next entry of the register (index order). -->
  <xsl:template name="t:entry-neighbours">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:variable name="order" as="element()*" select="f:register-order($doc)"/>
    <xsl:variable name="at" as="xs:integer?" select="f:register-positions($doc)(generate-id($entry))"/>
    <xsl:variable name="previous" as="element()?" select="$order[$at - 1]"/>
    <xsl:variable name="next" as="element()?" select="$order[$at + 1]"/>
    <xsl:if test="exists($previous) or exists($next)">
      <nav class="entry-neighbours" aria-label="{f:i18n('entry-neighbours')}">
        <ul>
          <xsl:if test="exists($previous)">
            <li class="entry-previous">
              <a href="{$previous/@xml:id}.html" rel="prev">
                <span class="neighbour-label"><xsl:value-of select="f:i18n('entry-previous')"/></span>
                <xsl:text> </xsl:text>
                <xsl:value-of select="f:neighbour-name($previous)"/>
              </a>
            </li>
          </xsl:if>
          <xsl:if test="exists($next)">
            <li class="entry-next">
              <a href="{$next/@xml:id}.html" rel="next">
                <span class="neighbour-label"><xsl:value-of select="f:i18n('entry-next')"/></span>
                <xsl:text> </xsl:text>
                <xsl:value-of select="f:neighbour-name($next)"/>
              </a>
            </li>
          </xsl:if>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- An entry's name in a link to it from another entry: a work's title with its container
       ("Lev Karakhan, Wikipedia, the free encyclopedia"), since two works may share a title. -->
  <xsl:function name="f:neighbour-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="container" as="element()?"
      select="$entry[f:entry-kind(.) = 'work'][tei:title[@level = 'a']]/tei:title[@level = ('m', 'j')][1]"/>
    <xsl:sequence select="string-join((f:entry-name($entry), $container ! normalize-space(.)), ', ')"/>
  </xsl:function>

  <!-- A short keyword-in-context snippet: some words of the unit before the mention, the
       mention marked, some words after (text of nested citable units, such as a note
       inside a paragraph, left out). -->
  <xsl:template name="t:keyword-in-context">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="own" as="text()*"
      select="$unit//text()[(ancestor::*[@k:cite][1] is $unit) or ($unit is $mention)]"/>
    <!-- the mention's own text comes after it in document order, and before its last node -->
    <xsl:variable name="end" as="node()" select="($mention/descendant-or-self::node())[last()]"/>
    <xsl:variable name="before" as="xs:string"
      select="normalize-space(string-join($own[. &lt;&lt; $mention], ''))"/>
    <xsl:variable name="after" as="xs:string"
      select="normalize-space(string-join($own[. >> $end], ''))"/>
    <!-- at most 60 characters each side, cut between words (the strings are normalised:
         a single space between words) -->
    <xsl:variable name="b" as="xs:string"
      select="if (string-length($before) le 60) then $before
              else let $tail := substring($before, string-length($before) - 59)
                   return '…' || (if (contains($tail, ' ')) then substring-after($tail, ' ') else $tail)"/>
    <xsl:variable name="a" as="xs:string"
      select="if (string-length($after) le 60) then $after
              else let $head := substring($after, 1, 60)
                   return (if (contains($head, ' ')) then string-join(tokenize($head, ' ')[position() lt last()], ' ') else $head) || '…'"/>
    <span class="kwic">
      <xsl:value-of select="$b"/>
      <!-- (both strings are normalised: they neither start nor end with a space) -->
      <xsl:if test="$b != '' and not(substring($b, string-length($b)) = ('(', '“', '‘'))"><xsl:text> </xsl:text></xsl:if>
      <mark><xsl:value-of select="normalize-space($mention)"/></mark>
      <xsl:if test="$a != '' and not(substring($a, 1, 1) = ('.', ',', ';', ':', '!', '?', ')', '”', '’'))"><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="$a"/>
    </span>
  </xsl:template>
</xsl:stylesheet>
