<?xml version="1.0" encoding="UTF-8"?>
<!-- The pages of the HTML site, written from the enriched corpus (k:corpus): home page,
     reading page and "About" page of every text, search page; registers, chronology and
     map have their own modules. Mode m:site starts at the corpus. -->
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

  <xsl:mode name="m:site" on-no-match="shallow-skip"/>

  <xsl:template match="/" mode="m:site">
    <xsl:apply-templates select="k:corpus" mode="m:site"/>
  </xsl:template>

  <!-- The pages this run writes: see $shared-pages, $text-ids and $entry-keys in
       html/params.xsl. -->
  <xsl:template match="k:corpus" mode="m:site">
    <xsl:if test="$shared-pages">
      <xsl:call-template name="t:home-page"/>
    </xsl:if>
    <xsl:for-each select="k:doc[@kind = 'text']">
      <xsl:if test="f:writes-text(@id)">
        <xsl:call-template name="t:reading-page"/>
        <xsl:call-template name="t:about-page"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:for-each select="k:doc[@kind = 'register']">
      <xsl:call-template name="t:register-pages"/>
    </xsl:for-each>
    <xsl:if test="$shared-pages">
      <xsl:call-template name="t:chronology-page"/>
      <xsl:call-template name="t:map-page"/>
      <xsl:call-template name="t:search-page"/>
    </xsl:if>
  </xsl:template>

  <xsl:variable name="f:text-ids" as="map(xs:string, xs:boolean)"
    select="map:merge(tokenize($text-ids) ! map { .: true() })"/>
  <xsl:variable name="f:entry-keys" as="map(xs:string, xs:boolean)"
    select="map:merge(tokenize($entry-keys) ! map { .: true() })"/>

  <!-- Does this run write the pages of the text with this id? -->
  <xsl:function name="f:writes-text" as="xs:boolean">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$text-ids = '*' or map:contains($f:text-ids, $id)"/>
  </xsl:function>

  <!-- Does this run write the page of the entry with this key? -->
  <xsl:function name="f:writes-entry" as="xs:boolean">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$entry-keys = '*' or map:contains($f:entry-keys, $key)"/>
  </xsl:function>

  <!-- Home ============================================================================ -->
  <xsl:template name="t:home-page">
    <xsl:variable name="corpus" as="element(k:corpus)" select="."/>
    <xsl:variable name="first" as="element(k:doc)?" select="k:doc[@kind = 'text'][1]"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="$corpus"/>
      <xsl:with-param name="href" select="'index.html'"/>
      <xsl:with-param name="section" select="'home'"/>
      <xsl:with-param name="title" select="if (exists($first)) then f:text-title($first) else 'TEI edition'"/>
      <xsl:with-param name="content">
        <!-- the header shows the edition's title (the first text's) on every page: here the
             page's heading is there for assistive technology, not shown a second time -->
        <h1 class="visually-hidden"><xsl:value-of select="if (exists($first)) then f:text-title($first) else 'TEI edition'"/></h1>
        <xsl:apply-templates select="$first/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:projectDesc/node()" mode="m:content"/>
        <section aria-labelledby="home-texts">
          <h2 id="home-texts"><xsl:value-of select="f:i18n('home-title')"/></h2>
          <ul class="text-list">
            <xsl:for-each select="k:doc[@kind = 'text']">
              <li>
                <!-- a single text, whose title is the edition's: what the link leads to, not
                     the title a third time; among several texts, each by its title -->
                <a href="{@id}.html"><xsl:value-of select="if (last() = 1) then f:i18n('about-read') else f:text-title(.)"/></a>
                <xsl:text> · </xsl:text>
                <a href="{@id}-about.html"><xsl:value-of select="f:i18n('nav-about')"/></a>
                <xsl:text> · </xsl:text>
                <a href="tei/{@path}"><xsl:value-of select="f:tei-download(.)"/></a>
                <xsl:text> · </xsl:text>
                <a href="{@id}.pdf"><xsl:value-of select="f:i18n('download-pdf')"/></a>
              </li>
            </xsl:for-each>
          </ul>
        </section>
        <section aria-labelledby="home-registers">
          <h2 id="home-registers"><xsl:value-of select="f:i18n('home-registers')"/></h2>
          <ul class="register-list">
            <xsl:for-each select="k:doc[@kind = 'register']">
              <li>
                <a href="{@id}/index.html"><xsl:value-of select="f:register-title(.)"/></a>
                <xsl:text> (</xsl:text>
                <xsl:value-of select="f:i18n('entries-count', string(count(.//*[@k:entry])))"/>
                <xsl:text>)</xsl:text>
              </li>
            </xsl:for-each>
          </ul>
        </section>
        <section aria-labelledby="home-explore">
          <h2 id="home-explore"><xsl:value-of select="f:i18n('home-explore')"/></h2>
          <ul>
            <li><a href="chronology.html"><xsl:value-of select="f:i18n('chronology-title')"/></a></li>
            <li><a href="map.html"><xsl:value-of select="f:i18n('map-title')"/></a></li>
            <li><a href="search.html"><xsl:value-of select="f:i18n('search-title')"/></a></li>
          </ul>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Reading page ==================================================================== -->
  <xsl:template name="t:reading-page">
    <xsl:variable name="doc" as="element(k:doc)" select="."/>
    <xsl:variable name="href" as="xs:string" select="@id || '.html'"/>
    <xsl:variable name="mentions" as="element()*" select="tei:TEI/tei:text//*[@k:mention]"/>
    <xsl:variable name="types" as="xs:string*"
      select="('person', 'place', 'org', 'event', 'treaty', 'date', 'other')[. = $mentions/@k:mention]"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="ancestor::k:corpus"/>
      <xsl:with-param name="href" select="$href"/>
      <xsl:with-param name="section" select="'text:' || @id"/>
      <xsl:with-param name="title" select="f:text-title(.)"/>
      <xsl:with-param name="content">
        <article class="reading">
          <xsl:if test="tei:TEI/@xml:lang"><xsl:attribute name="lang" select="tei:TEI/@xml:lang"/></xsl:if>
          <header class="text-header">
            <!-- the header of every page shows the edition's title: when the text's is the
                 same, the heading is there for assistive technology, not shown twice -->
            <h1>
              <xsl:if test="f:text-title(.) = f:text-title(ancestor::k:corpus/k:doc[@kind = 'text'][1])">
                <xsl:attribute name="class" select="'visually-hidden'"/>
              </xsl:if>
              <xsl:value-of select="f:text-title(.)"/>
            </h1>
            <xsl:call-template name="t:text-meta"/>
            <xsl:for-each select="tei:TEI/tei:teiHeader">
              <xsl:call-template name="t:source-statement">
                <xsl:with-param name="more" select="ancestor::k:doc[1]/@id || '-about.html#about-source'"/>
              </xsl:call-template>
            </xsl:for-each>
          </header>
          <xsl:if test="exists($types)">
            <!-- Highlighting of the mentions: off until the reader asks (edition.js keeps
                 the choice in localStorage); without the script the text reads clean and
                 every mention is a plain link. -->
            <div class="toggles" hidden="" data-toggles="" data-pagefind-ignore="">
              <button type="button" class="highlight-switch" aria-pressed="false" data-highlight=""
                      aria-controls="toggle-list">
                <span class="highlight-switch-mark" aria-hidden="true"></span>
                <xsl:value-of select="f:i18n('highlight-switch')"/>
              </button>
              <ul class="toggle-list" id="toggle-list" aria-label="{f:i18n('highlight-label')}">
                <xsl:for-each select="$types">
                  <li>
                    <button type="button" class="toggle toggle-{.}" aria-pressed="true" data-type="{.}">
                      <span class="toggle-swatch swatch-{.}" aria-hidden="true"></span>
                      <xsl:value-of select="f:i18n('types-' || .)"/>
                    </button>
                  </li>
                </xsl:for-each>
              </ul>
            </div>
          </xsl:if>
          <div class="text-body">
            <xsl:apply-templates select="tei:TEI/tei:text" mode="m:content">
              <xsl:with-param name="root" tunnel="yes" select="''"/>
            </xsl:apply-templates>
            <xsl:call-template name="t:endnotes">
              <xsl:with-param name="notes" select="tei:TEI/tei:text//tei:note[@k:n]"/>
            </xsl:call-template>
          </div>
        </article>
      </xsl:with-param>
      <xsl:with-param name="after">
        <xsl:call-template name="t:popup-dialog"/>
        <xsl:call-template name="t:popup-templates">
          <xsl:with-param name="mentions" select="$mentions"/>
          <xsl:with-param name="root" tunnel="yes" select="''"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The label of a text's link to its file under tei/: for a TEI of a teiCorpus, that
       file is the whole corpus, and the label says so (and which of its TEI this is). -->
  <xsl:function name="f:tei-download" as="xs:string">
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:sequence select="if (exists($doc/@part))
      then f:i18n('download-tei-corpus', (string(xs:integer($doc/@part) + 1),
                                          string(count($doc/../k:doc[@path = $doc/@path]))))
      else f:i18n('download-tei')"/>
  </xsl:function>

  <!-- Version, date, links to the About page and the downloads. Context: k:doc. -->
  <xsl:template name="t:text-meta">
    <xsl:variable name="header" as="element()?" select="tei:TEI/tei:teiHeader"/>
    <xsl:variable name="version" as="xs:string?" select="($header//tei:editionStmt/tei:edition/@n)[1]"/>
    <xsl:variable name="date" as="element()?" select="($header/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
    <p class="text-meta">
      <xsl:if test="exists($version)">
        <span class="text-version">
          <xsl:value-of select="f:i18n('footer-version', ($version, if (exists($date)) then (f:date-text($date), normalize-space($date))[1] else ''))"/>
        </span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <span class="text-links">
        <a href="{@id}-about.html"><xsl:value-of select="f:i18n('nav-about')"/></a>
        <xsl:text> · </xsl:text>
        <a href="tei/{@path}" type="application/tei+xml"><xsl:value-of select="f:tei-download(.)"/></a>
        <xsl:text> · </xsl:text>
        <a href="{@id}.pdf" type="application/pdf"><xsl:value-of select="f:i18n('download-pdf')"/></a>
      </span>
    </p>
  </xsl:template>

  <!-- About page ====================================================================== -->
  <xsl:template name="t:about-page">
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="ancestor::k:corpus"/>
      <xsl:with-param name="href" select="@id || '-about.html'"/>
      <xsl:with-param name="section" select="if (. is ../k:doc[@kind = 'text'][1]) then 'about' else 'text:' || @id"/>
      <xsl:with-param name="title" select="f:i18n('about-title')"/>
      <xsl:with-param name="content">
        <article class="about">
          <h1><xsl:value-of select="f:i18n('about-title')"/></h1>
          <!-- the header shows the edition's title: when it is this text's, the link says
               what it leads to instead of repeating it -->
          <p class="about-of"><a href="{@id}.html"><xsl:value-of select="
            if (f:text-title(.) = f:text-title(ancestor::k:corpus/k:doc[@kind = 'text'][1]))
            then f:i18n('about-read') else f:text-title(.)"/></a></p>
          <xsl:variable name="doc" as="element(k:doc)" select="."/>
          <xsl:for-each select="tei:TEI/tei:teiHeader">
            <xsl:call-template name="t:about">
              <xsl:with-param name="root" tunnel="yes" select="''"/>
              <xsl:with-param name="after" as="element()*">
                <section aria-labelledby="about-downloads">
                  <h2 id="about-downloads"><xsl:value-of select="f:i18n('downloads')"/></h2>
                  <ul>
                    <li><a href="tei/{$doc/@path}" type="application/tei+xml"><xsl:value-of select="f:tei-download($doc)"/></a></li>
                    <li><a href="{$doc/@id}.pdf" type="application/pdf"><xsl:value-of select="f:i18n('download-pdf')"/></a></li>
                  </ul>
                </section>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:for-each>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Search ========================================================================== -->
  <xsl:template name="t:search-page">
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="."/>
      <xsl:with-param name="href" select="'search.html'"/>
      <xsl:with-param name="section" select="'search'"/>
      <xsl:with-param name="title" select="f:i18n('search-title')"/>
      <xsl:with-param name="wasm" select="true()"/>
      <xsl:with-param name="index" select="false()"/>
      <xsl:with-param name="modules" select="'search.js'"/>
      <xsl:with-param name="content">
        <link rel="stylesheet" href="assets/search.css"/>
        <h1><xsl:value-of select="f:i18n('search-title')"/></h1>
        <p><xsl:value-of select="f:i18n('search-intro')"/></p>
        <form id="search-form" class="search-form" role="search" action="search.html" method="get">
          <label for="search-q"><xsl:value-of select="f:i18n('search-label')"/></label>
          <input id="search-q" type="search" name="q"/>
          <button type="submit"><xsl:value-of select="f:i18n('search-button')"/></button>
        </form>
        <p id="search-status" class="search-status" role="status"
           data-none="{f:i18n('search-none')}" data-count="{f:i18n('search-count')}" data-count-one="{f:i18n('search-count-one')}"
           data-searching="{f:i18n('search-searching')}" data-unavailable="{f:i18n('search-unavailable')}"></p>
        <!-- labels of the result types (the index's "type" filter: a unit's kind) -->
        <div id="search-labels" hidden=""
             data-order="paragraph figure text note person place organisation event treaty work page"
             data-tiers="paragraph figure text|note|*|page"
             data-type-paragraph="{f:i18n('search-type-paragraph')}" data-type-note="{f:i18n('search-type-note')}"
             data-type-figure="{f:i18n('search-type-figure')}" data-type-text="{f:i18n('search-type-text')}"
             data-type-page="{f:i18n('search-type-page')}" data-type-person="{f:i18n('type-person')}"
             data-type-place="{f:i18n('type-place')}" data-type-organisation="{f:i18n('type-org')}"
             data-type-event="{f:i18n('type-event')}" data-type-treaty="{f:i18n('type-treaty')}"
             data-type-work="{f:i18n('type-work')}" data-unit-paragraph="{f:i18n('paragraph')}"
             data-unit-note="{f:i18n('note-unit')}" data-unit-figure="{f:i18n('figure-unit')}"></div>
        <fieldset id="search-filters" class="search-filters" hidden="">
          <legend><xsl:value-of select="f:i18n('search-filter-legend')"/></legend>
          <ul id="search-filter-list" class="search-filter-list"></ul>
        </fieldset>
        <ol id="search-results" class="search-results"></ol>
        <p class="search-more-line"><button type="button" id="search-more" class="search-more" hidden=""
           data-label="{f:i18n('search-more')}"></button></p>
        <noscript><p><xsl:value-of select="f:i18n('search-noscript')"/></p></noscript>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
