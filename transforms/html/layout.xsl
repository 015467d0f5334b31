<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell of the HTML site: head (CSP, stylesheet, script), skip link, header with
     navigation and search form, main, footer, pop-up dialog. Every page goes through
     t:page, which writes it with xsl:result-document. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <xsl:output name="k:html" method="html" html-version="5.0" encoding="UTF-8"
              include-content-type="no" indent="no"/>

  <!-- No script from anywhere but this site, no inline script or style, no plug-ins; the
       search page adds 'wasm-unsafe-eval' for Pagefind's WebAssembly. -->
  <xsl:function name="f:csp" as="xs:string">
    <xsl:param name="wasm" as="xs:boolean"/>
    <xsl:sequence select="string-join((
      &quot;default-src 'self'&quot;,
      &quot;script-src 'self'&quot; || (if ($wasm) then &quot; 'wasm-unsafe-eval'&quot; else ''),
      &quot;style-src 'self'&quot;, &quot;img-src 'self' data:&quot;, &quot;font-src 'self'&quot;,
      &quot;connect-src 'self'&quot;, &quot;object-src 'none'&quot;, &quot;base-uri 'none'&quot;,
      &quot;form-action 'self'&quot;), '; ')"/>
  </xsl:function>

  <!-- Up to this many texts are listed one by one in the navigation of every page. -->
  <xsl:variable name="f:nav-texts-max" as="xs:integer" select="8"/>

  <xsl:template name="t:page">
    <xsl:param name="corpus" as="element(k:corpus)"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="section" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="after" as="node()*" select="()"/>
    <xsl:param name="wasm" as="xs:boolean" select="false()"/>
    <xsl:param name="modules" as="xs:string*" select="()"/>
    <xsl:param name="description" as="xs:string?" select="()"/>
    <!-- false() keeps the page out of the search index -->
    <xsl:param name="index" as="xs:boolean" select="true()"/>
    <xsl:variable name="root" as="xs:string" select="f:root-for($href)"/>
    <xsl:variable name="first" as="element(k:doc)?" select="$corpus/k:doc[@kind = 'text'][1]"/>
    <xsl:variable name="site-title" as="xs:string"
      select="if (exists($first)) then f:text-title($first) else 'TEI edition'"/>
    <xsl:result-document href="{$href}" format="k:html">
      <html lang="{($first/tei:TEI/@xml:lang, $lang)[1]}">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta http-equiv="Content-Security-Policy" content="{f:csp($wasm)}"/>
          <meta name="referrer" content="no-referrer"/>
          <title><xsl:value-of select="if ($title = $site-title) then $title else $title || ' · ' || $site-title"/></title>
          <xsl:if test="exists($description)">
            <meta name="description" content="{$description}"/>
          </xsl:if>
          <meta name="generator" content="teiedition {$generator-version}"/>
          <xsl:call-template name="t:page-metadata">
            <xsl:with-param name="href" select="$href"/>
          </xsl:call-template>
          <link rel="icon" type="image/svg+xml" href="{$root}assets/favicon.svg"/>
          <link rel="stylesheet" href="{$root}assets/edition.css"/>
          <script src="{$root}assets/edition.js" defer=""></script>
          <xsl:for-each select="$modules">
            <script type="module" src="{$root}assets/{.}"></script>
          </xsl:for-each>
        </head>
        <body>
          <a class="skip-link" href="#main"><xsl:value-of select="f:i18n('skip-link')"/></a>
          <!-- One line at desktop: title, navigation (the registers under one menu), search;
               below 50rem the navigation and search fold into a "Menu" disclosure. Both
               menus are <details> elements: they open without the script. -->
          <header class="site-header">
            <xsl:if test="$draft">
              <p class="draft-banner" role="note"><strong><xsl:value-of select="f:i18n('draft-label')"/></strong><xsl:text> </xsl:text><xsl:value-of select="f:i18n('draft-banner')"/></p>
            </xsl:if>
            <p class="site-title"><a href="{$root}index.html"><xsl:if test="$section = 'home'"><xsl:attribute name="aria-current" select="'page'"/></xsl:if><xsl:value-of select="$site-title"/></a></p>
            <details class="site-menu" data-menu="">
              <summary class="site-menu-button"><xsl:value-of select="f:i18n('nav-menu')"/></summary>
              <div class="site-menu-body">
                <nav aria-label="{f:i18n('nav-label')}">
                  <ul class="nav-list">
                    <!-- the title links to the home page: no "Home" item -->
                    <xsl:variable name="texts" as="element(k:doc)*" select="$corpus/k:doc[@kind = 'text']"/>
                    <xsl:choose>
                      <xsl:when test="count($texts) gt $f:nav-texts-max">
                        <!-- a large corpus: one entry for the list of texts on the home page,
                             so that no page grows with the corpus -->
                        <xsl:call-template name="t:nav-item">
                          <xsl:with-param name="href" select="$root || 'index.html#home-texts'"/>
                          <xsl:with-param name="label" select="f:i18n('nav-texts')"/>
                          <xsl:with-param name="current" select="starts-with($section, 'text:')"/>
                        </xsl:call-template>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:for-each select="$texts">
                          <xsl:call-template name="t:nav-item">
                            <xsl:with-param name="href" select="$root || @id || '.html'"/>
                            <xsl:with-param name="label" select="if (count($texts) = 1) then f:i18n('nav-text') else f:text-title(.)"/>
                            <xsl:with-param name="current" select="$section = 'text:' || @id"/>
                          </xsl:call-template>
                        </xsl:for-each>
                      </xsl:otherwise>
                    </xsl:choose>
                    <xsl:if test="exists($first)">
                      <xsl:call-template name="t:nav-item">
                        <xsl:with-param name="href" select="$root || $first/@id || '-about.html'"/>
                        <xsl:with-param name="label" select="f:i18n('nav-about-short')"/>
                        <xsl:with-param name="current" select="$section = 'about'"/>
                      </xsl:call-template>
                    </xsl:if>
                    <xsl:variable name="registers" as="element(k:doc)*" select="$corpus/k:doc[@kind = 'register']"/>
                    <xsl:if test="exists($registers)">
                      <li class="nav-group-item">
                        <details class="nav-group" data-menu="">
                          <summary>
                            <xsl:if test="starts-with($section, 'register:')"><xsl:attribute name="class" select="'current'"/></xsl:if>
                            <xsl:value-of select="f:i18n('nav-registers')"/>
                          </summary>
                          <ul>
                            <xsl:for-each select="$registers">
                              <xsl:call-template name="t:nav-item">
                                <xsl:with-param name="href" select="$root || @id || '/index.html'"/>
                                <xsl:with-param name="label" select="f:register-title(.)"/>
                                <xsl:with-param name="current" select="$section = 'register:' || @id"/>
                              </xsl:call-template>
                            </xsl:for-each>
                          </ul>
                        </details>
                      </li>
                    </xsl:if>
                    <xsl:call-template name="t:nav-item">
                      <xsl:with-param name="href" select="$root || 'chronology.html'"/>
                      <xsl:with-param name="label" select="f:i18n('nav-chronology')"/>
                      <xsl:with-param name="current" select="$section = 'chronology'"/>
                    </xsl:call-template>
                    <xsl:call-template name="t:nav-item">
                      <xsl:with-param name="href" select="$root || 'map.html'"/>
                      <xsl:with-param name="label" select="f:i18n('nav-map')"/>
                      <xsl:with-param name="current" select="$section = 'map'"/>
                    </xsl:call-template>
                    <xsl:if test="$section = 'search'">
                      <xsl:call-template name="t:nav-item">
                        <xsl:with-param name="href" select="$root || 'search.html'"/>
                        <xsl:with-param name="label" select="f:i18n('nav-search')"/>
                        <xsl:with-param name="current" select="true()"/>
                      </xsl:call-template>
                    </xsl:if>
                  </ul>
                </nav>
                <xsl:if test="$section != 'search'">
                  <form class="site-search" role="search" action="{$root}search.html" method="get">
                    <label for="site-search-q" class="visually-hidden"><xsl:value-of select="f:i18n('search-label')"/></label>
                    <input id="site-search-q" type="search" name="q" placeholder="{f:i18n('search-label')}"/>
                    <button type="submit"><xsl:value-of select="f:i18n('search-button')"/></button>
                  </form>
                </xsl:if>
              </div>
            </details>
          </header>
          <main id="main" tabindex="-1">
            <xsl:if test="$index"><xsl:attribute name="data-pagefind-body" select="''"/></xsl:if>
            <xsl:sequence select="$content"/>
          </main>
          <footer class="site-footer">
            <xsl:if test="exists($first/tei:TEI/tei:teiHeader[.//tei:editionStmt/tei:edition/@n or .//tei:availability/tei:licence[exists(f:safe-href(@target))]])">
              <xsl:variable name="header" as="element()?" select="$first/tei:TEI/tei:teiHeader"/>
              <xsl:variable name="version" as="xs:string?" select="($header//tei:editionStmt/tei:edition/@n)[1]"/>
              <xsl:variable name="date" as="element()?" select="($header/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
              <p>
                <xsl:if test="exists($version)">
                  <xsl:value-of select="f:i18n('footer-version', ($version, if (exists($date)) then (f:date-text($date), normalize-space($date))[1] else ''))"/>
                  <xsl:text> </xsl:text>
                </xsl:if>
                <xsl:for-each select="($header//tei:availability/tei:licence[f:safe-href(@target)])[1]">
                  <xsl:value-of select="f:i18n('footer-licence')"/>
                  <xsl:text> </xsl:text>
                  <a rel="license" href="{f:safe-href(@target)}"><xsl:value-of select="f:safe-href(@target)"/></a>
                </xsl:for-each>
              </p>
            </xsl:if>
            <p><xsl:value-of select="f:i18n('footer-built', ($build-date, $generator-version))"/></p>
            <xsl:call-template name="t:cite-edition">
              <xsl:with-param name="href" select="$href"/>
              <xsl:with-param name="root" select="$root"/>
            </xsl:call-template>
          </footer>
          <xsl:sequence select="$after"/>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="t:nav-item">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="current" as="xs:boolean"/>
    <li>
      <a href="{$href}">
        <xsl:if test="$current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
        <xsl:value-of select="$label"/>
      </a>
    </li>
  </xsl:template>

  <!-- The dialog that edition.js fills from a <template id="pop-..."> element. -->
  <xsl:template name="t:popup-dialog">
    <dialog id="popup" class="popup">
      <div class="popup-body"></div>
      <p class="popup-actions"><button type="button" class="popup-close"><xsl:value-of select="f:i18n('popup-close')"/></button></p>
    </dialog>
  </xsl:template>
</xsl:stylesheet>
