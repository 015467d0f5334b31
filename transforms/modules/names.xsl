<?xml version="1.0" encoding="UTF-8"?>
<!-- Names, dates and pointers: entity mentions (marked by type, linked to their register
     entry, enhanced with a pop-up), references and register summaries.

     A mention renders as <span class="mention mention-TYPE">; its own text becomes links
     (<a class="mention-link">) to the entry page, so that a mention nested in another
     (a date inside an event's name) keeps its own link and no link is nested in another.
     Without JavaScript the links lead to the entry pages; edition.js opens the pop-up
     from the <template id="pop-..."> elements written once per page (t:popup-templates). -->
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
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="link" tunnel="yes"
          select="if (@k:keys or @k:mention = 'date') then . else ()"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- The link of a mention around a piece of its text. -->
  <xsl:template name="t:mention-link">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="keys" as="xs:string*" select="tokenize(string($mention/@k:keys), ' ')"/>
    <xsl:variable name="is-date" as="xs:boolean" select="$mention/@k:mention = 'date' and empty($keys)"/>
    <xsl:variable name="doc-id" as="xs:string" select="string($mention/ancestor::k:doc[1]/@id)"/>
    <a class="mention-link">
      <xsl:attribute name="href" select="
        if ($is-date) then $root || 'chronology.html#' || $doc-id || '-' || $mention/@k:id
        else $root || f:entry-url($keys[1])"/>
      <xsl:attribute name="data-pop" select="
        if ($is-date) then 'pop-' || $doc-id || '-' || $mention/@k:id
        else string-join($keys ! f:pop-id(.), ' ')"/>
      <xsl:sequence select="$content"/>
    </a>
  </xsl:template>

  <!-- Pointers (ref, ptr) and other elements with resolved @ref/@target. -->
  <xsl:template match="tei:ref | tei:ptr | tei:*[@k:mention = 'ref']" priority="1">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="href" as="xs:string?" select="
      if (@k:keys) then $root || f:entry-url(tokenize(@k:keys, ' ')[1])
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

  <!-- Pop-up templates ================================================================ -->

  <!-- One <template> per entry and per date mentioned in $mentions. -->
  <xsl:template name="t:popup-templates">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:for-each select="distinct-values($mentions[@k:mention != 'ref']/@k:keys ! tokenize(., ' '))">
      <xsl:sequence select="f:popup-template(f:entry(., $mentions[1]), $root)"/>
    </xsl:for-each>
    <xsl:for-each select="$mentions[@k:mention = 'date'][not(@k:keys)]">
      <template id="pop-{ancestor::k:doc[1]/@id}-{@k:id}">
        <div class="summary">
          <p class="summary-kind"><xsl:value-of select="f:i18n('type-date')"/></p>
          <h2 class="summary-name"><xsl:value-of select="normalize-space(.)"/></h2>
          <p>
            <xsl:value-of select="f:i18n('popup-normalised')"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t:time"/>
          </p>
          <p class="summary-link">
            <a href="{$root}chronology.html#{ancestor::k:doc[1]/@id}-{@k:id}">
              <xsl:value-of select="f:i18n('popup-chronology')"/>
            </a>
          </p>
        </div>
      </template>
    </xsl:for-each>
  </xsl:template>

  <!-- The pop-up template of an entry: the same for every page at the same depth, so the
       templates of every entry mentioned in a text are made once ($f:popups, for the
       pages at the top and one folder down) and copied onto each page. -->
  <xsl:function name="f:popup-template" as="element()?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="made" as="element()?"
      select="$entry ! $f:popups($root || '|' || f:entry-key(.))"/>
    <xsl:sequence select="if (exists($made)) then $made else f:make-popup-template($entry, $root)"/>
  </xsl:function>

  <xsl:variable name="f:popups" as="map(xs:string, element())">
    <xsl:variable name="corpus" as="document-node()" select="/"/>
    <xsl:map>
      <xsl:for-each select="distinct-values(
          $corpus/k:corpus/k:doc[@kind = 'text']//*[@k:keys][@k:mention != 'ref']/@k:keys ! tokenize(., ' '))">
        <xsl:variable name="entry" as="element()?" select="key('f:entry', ., $corpus)[1]"/>
        <xsl:if test="exists($entry)">
          <xsl:for-each select="('', '../')">
            <xsl:map-entry key=". || '|' || f:entry-key($entry)" select="f:make-popup-template($entry, .)"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="f:make-popup-template" as="element()?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:if test="exists($entry)">
      <template id="{f:pop-id(f:entry-key($entry))}">
        <xsl:apply-templates select="$entry" mode="m:summary">
          <xsl:with-param name="heading" select="'h2'"/>
          <xsl:with-param name="link" select="true()"/>
          <xsl:with-param name="root" tunnel="yes" select="$root"/>
        </xsl:apply-templates>
      </template>
    </xsl:if>
  </xsl:function>

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

  <!-- Register summary: kind, name, dates, one line, identifiers, link. ================ -->
  <xsl:mode name="m:summary" on-no-match="fail"/>

  <xsl:template match="*" mode="m:summary">
    <xsl:param name="heading" as="xs:string" select="'h2'"/>
    <xsl:param name="link" as="xs:boolean" select="false()"/>
    <xsl:param name="line" as="xs:boolean" select="true()"/>
    <xsl:param name="identifiers" as="xs:boolean" select="true()"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="name" as="element()?" select="f:entry-name-element(.)"/>
    <div class="summary summary-{f:entry-kind(.)}">
      <p class="summary-kind">
        <xsl:value-of select="f:i18n('type-' || f:entry-kind(.))"/>
        <xsl:variable name="dates" as="xs:string?" select="f:summary-dates(.)"/>
        <xsl:if test="exists($dates)">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="$dates"/>
        </xsl:if>
      </p>
      <xsl:element name="{$heading}">
        <xsl:attribute name="class" select="'summary-name'"/>
        <xsl:if test="$name/@xml:lang"><xsl:attribute name="lang" select="$name/@xml:lang"/></xsl:if>
        <xsl:value-of select="f:entry-name(.)"/>
      </xsl:element>
      <xsl:variable name="one-line" as="xs:string?" select="f:one-line(.)[$line]"/>
      <xsl:if test="exists($one-line)">
        <p class="summary-line"><xsl:value-of select="$one-line"/></p>
      </xsl:if>
      <xsl:if test="$identifiers">
        <xsl:call-template name="t:identifiers"/>
      </xsl:if>
      <xsl:if test="$link">
        <p class="summary-link">
          <a href="{$root}{f:entry-url(f:entry-key(.))}"><xsl:value-of select="f:i18n('popup-entry')"/></a>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="t:identifiers">
    <xsl:variable name="ids" as="element()*" select="tei:idno[exists(f:idno-url(.))]"/>
    <xsl:if test="exists($ids)">
      <ul class="identifiers">
        <xsl:for-each select="$ids">
          <li>
            <a href="{f:idno-url(.)}" rel="external">
              <xsl:value-of select="f:i18n-or('id-' || @type, string(@type)) || ' ' || normalize-space(.)"/>
            </a>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

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
    <xsl:sequence select="
      if (exists($birth) or exists($death))
        then string-join((($birth ! f:date-text(.)), '?')[1] || ' – ' || (($death ! f:date-text(.)), '')[1], '')
      else if (f:has-date($entry)) then f:date-text($entry)
      else ($entry/tei:date[f:has-date(.)][1] ! f:date-text(.))"/>
  </xsl:function>
</xsl:stylesheet>
