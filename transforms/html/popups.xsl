<?xml version="1.0" encoding="UTF-8"?>
<!-- Pop-ups and register summaries of the HTML site. Without JavaScript the mention links
     lead to the entry pages; edition.js opens the pop-up from the <template id="pop-...">
     elements written once per page (t:popup-templates). The summary of an entry (mode
     m:summary) is the pop-up's body and the head of the entry page. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

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

  <!-- Register summary: kind, name, dates, one line, identifiers, link. ================ -->
  <xsl:mode name="m:summary" on-no-match="fail"/>

  <xsl:template match="*" mode="m:summary">
    <xsl:param name="heading" as="xs:string" select="'h2'"/>
    <xsl:param name="link" as="xs:boolean" select="false()"/>
    <xsl:param name="line" as="xs:boolean" select="true()"/>
    <xsl:param name="identifiers" as="xs:boolean" select="true()"/>
    <xsl:param name="reference" as="xs:boolean" select="true()"/>
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
      <xsl:for-each select="f:csl-work(.)[$reference]">
        <p class="summary-reference"><xsl:call-template name="t:formatted-work"/></p>
      </xsl:for-each>
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
</xsl:stylesheet>
