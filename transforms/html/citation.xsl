<?xml version="1.0" encoding="UTF-8"?>
<!-- Citation on the HTML pages: the embedded metadata of every page (canonical
     link, Highwire citation_*, Dublin Core, schema.org JSON-LD) and the "Cite this"
     disclosures of the edition (every page) and of each paragraph.
     Every value comes from $citations (teiedition.sitecite: metadata_for() and citeproc-py);
     the JSON-LD arrives serialised by Python's json.dumps and is copied as data. Without
     $citations (sources lacking citation metadata) nothing is written. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <xsl:variable name="f:cite-data" as="element(k:citations)?" select="$citations/k:citations"/>

  <!-- Targets by the page that describes them (entries, passages' pages), editions also by
       their About page, paragraphs by "text#id": every page looks its targets up by key, so
       no page scans the whole corpus. -->
  <xsl:key name="f:target-page" match="k:target[@kind != 'edition']" use="@page"/>
  <xsl:key name="f:edition-page" match="k:target[@kind = 'edition']" use="@page, @text || '-about.html'"/>
  <xsl:key name="f:paragraph" match="k:target[@kind = 'paragraph']" use="@text || '#' || @ref"/>

  <xsl:variable name="f:first-edition" as="element(k:target)?"
    select="$f:cite-data/k:target[@kind = 'edition'][1]"/>

  <!-- The reading and About pages of texts without citation metadata: no metadata, no
       "Cite this" (not even the edition's). -->
  <xsl:key name="f:uncited" match="k:uncited" use="@page"/>
  <xsl:function name="f:cited-page" as="xs:boolean">
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="exists($f:cite-data) and empty(key('f:uncited', $href, root($f:cite-data)))"/>
  </xsl:function>

  <!-- What a page describes: a register entry page its entry, a text's reading and About
       pages that text, every other page the edition (its first text). -->
  <xsl:function name="f:page-target" as="element(k:target)?">
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="if (not(f:cited-page($href))) then () else
      (key('f:target-page', $href, root($f:cite-data))[k:meta],
       key('f:edition-page', $href, root($f:cite-data)),
       $f:first-edition)[1]"/>
  </xsl:function>

  <!-- The edition a page cites in its "Cite this edition" box. -->
  <xsl:function name="f:page-edition" as="element(k:target)?">
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="if (not(f:cited-page($href))) then () else
      (key('f:edition-page', $href, root($f:cite-data)), $f:first-edition)[1]"/>
  </xsl:function>

  <!-- In <head>: canonical link, Highwire and Dublin Core meta, JSON-LD. -->
  <xsl:template name="t:page-metadata">
    <xsl:param name="href" as="xs:string"/>
    <xsl:variable name="target" as="element(k:target)?" select="f:page-target($href)"/>
    <xsl:if test="exists($target)">
      <link rel="canonical" href="{$f:cite-data/@base-uri || $href}"/>
      <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
      <xsl:for-each select="$target/k:meta">
        <meta name="{@name}" content="{@content}"/>
      </xsl:for-each>
      <script type="application/ld+json"><xsl:value-of select="$target/k:json-ld"/></script>
    </xsl:if>
  </xsl:template>

  <!-- In the footer: the citation of the edition. -->
  <xsl:template name="t:cite-edition">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="target" as="element(k:target)?" select="f:page-edition($href)"/>
    <xsl:if test="exists($target)">
      <xsl:apply-templates select="$target" mode="m:cite-box">
        <xsl:with-param name="id" select="'cite-edition'"/>
        <xsl:with-param name="label" select="f:i18n('cite-edition')"/>
        <xsl:with-param name="root" select="$root"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- After a numbered paragraph: the citation of that passage (hook m:cite-after,
       declared in common/hooks.xsl and applied by common/divisions.xsl). -->
  <xsl:template match="tei:p[@xml:id]" mode="m:cite-after">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="target" as="element(k:target)?"
      select="if (empty($f:cite-data)) then () else
              key('f:paragraph', ancestor::k:doc[1]/@id || '#' || @xml:id, root($f:cite-data))[1]"/>
    <xsl:if test="exists($target)">
      <xsl:apply-templates select="$target" mode="m:cite-box">
        <xsl:with-param name="id" select="'cite-' || @xml:id"/>
        <xsl:with-param name="label" select="f:i18n('cite-paragraph', string(@n))"/>
        <!-- a small ¶ number beside the paragraph; "Cite" is said to assistive technology -->
        <xsl:with-param name="summary" as="node()*">
          <span class="visually-hidden"><xsl:value-of select="f:i18n('cite-paragraph-hidden')"/><xsl:text> </xsl:text></span>
          <xsl:value-of select="f:i18n('paragraph', string(@n))"/>
        </xsl:with-param>
        <xsl:with-param name="root" select="$root"/>
      </xsl:apply-templates>
    </xsl:if>
  </xsl:template>

  <!-- A disclosure with the formatted citations (each with a copy button that
       edition.js reveals) and the downloads. Context: k:target. -->
  <xsl:mode name="m:cite-box" on-no-match="shallow-skip"/>
  <xsl:template match="k:target" mode="m:cite-box">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:param name="summary" as="node()*" select="()"/>
    <details class="cite cite-{@kind}" id="{$id}" data-pagefind-ignore="">
      <summary>
        <xsl:if test="exists($summary)"><xsl:attribute name="title" select="$label"/></xsl:if>
        <xsl:sequence select="$summary"/>
        <xsl:if test="empty($summary)"><xsl:value-of select="$label"/></xsl:if>
      </summary>
      <div class="cite-body">
        <dl class="cite-styles">
          <xsl:for-each select="k:formatted">
            <xsl:variable name="style" as="xs:string" select="f:i18n('cite-style-' || @style)"/>
            <div class="cite-style">
              <dt><xsl:value-of select="$style"/></dt>
              <dd>
                <p class="cite-text" id="{$id}-{@style}"><xsl:value-of select="."/></p>
                <button type="button" class="cite-copy" hidden="" data-copy="{$id}-{@style}"
                        data-copied="{f:i18n('cite-copied', $style)}" data-failed="{f:i18n('cite-copy-failed')}">
                  <xsl:value-of select="f:i18n('cite-copy')"/>
                  <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="f:i18n('cite-copy-which', $style)"/></span>
                </button>
              </dd>
            </div>
          </xsl:for-each>
        </dl>
        <p class="cite-status" role="status"></p>
        <xsl:if test="exists(k:export)">
          <p class="cite-downloads">
            <xsl:value-of select="f:i18n('cite-downloads')"/>
            <xsl:for-each select="k:export">
              <xsl:text> </xsl:text>
              <a href="{$root}{@href}" type="{@type}" download=""><xsl:value-of select="f:i18n('cite-format-' || @format)"/></a>
            </xsl:for-each>
          </p>
        </xsl:if>
      </div>
    </details>
  </xsl:template>
</xsl:stylesheet>
