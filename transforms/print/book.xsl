<?xml version="1.0" encoding="UTF-8"?>
<!-- The printed book around one text (mode m:print, starting at the corpus): head with the
     document metadata WeasyPrint writes into the PDF, title page with the citation,
     contents, "About this edition", the text, and the appendices (print/registers.xsl,
     print/chronology.xsl, print/index.xsl). Page numbers in the contents and the index
     come from CSS target-counter() on links to anchors, so they are the pages the anchors
     land on. -->
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

  <!-- The text to print: its k:doc/@id (the file name without .xml). -->
  <xsl:param name="text-id" as="xs:string" select="''"/>
  <!-- The citation sentence for the title page; '' builds one from the TEI header. -->
  <xsl:param name="citation" as="xs:string" select="''"/>
  <!-- Pages of the mentions from a first rendering ("mention-m3=5 mention-m7=5 ..."): the
       index then links to one mention per page. '' links to every mention. -->
  <xsl:param name="index-pages" as="xs:string" select="''"/>
  <!-- File name of the PDF, for the "how to cite" paragraph. -->
  <xsl:param name="pdf-name" as="xs:string" select="$text-id || '.pdf'"/>

  <xsl:mode name="m:print" on-no-match="fail"/>

  <!-- Entry kinds in the order of the registers and of the index. -->
  <xsl:variable name="f:index-kinds" as="xs:string*" select="('person', 'place', 'org', 'event', 'treaty')"/>

  <xsl:variable name="f:page-of" as="map(xs:string, xs:integer)" select="map:merge(
    for $t in tokenize($index-pages) return map { substring-before($t, '='): xs:integer(substring-after($t, '=')) })"/>

  <xsl:template match="document-node()" mode="m:print">
    <xsl:variable name="doc" as="element(k:doc)?" select="k:corpus/k:doc[@kind = 'text'][@id = $text-id]"/>
    <xsl:if test="empty($doc)">
      <xsl:message terminate="yes" error-code="f:no-text">no text "<xsl:value-of select="$text-id"/>" in the corpus</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$doc" mode="m:print"/>
  </xsl:template>

  <xsl:template match="k:doc" mode="m:print">
    <xsl:variable name="header" as="element(tei:teiHeader)" select="tei:TEI/tei:teiHeader"/>
    <xsl:variable name="title" as="xs:string" select="f:text-title(.)"/>
    <xsl:variable name="editors" as="xs:string*" select="$header/tei:fileDesc/tei:titleStmt/(tei:editor | tei:author) ! normalize-space(.)"/>
    <xsl:variable name="source-title" as="xs:string"
      select="normalize-space(($header/tei:fileDesc/tei:sourceDesc//tei:title, tei:TEI/tei:text//tei:head)[1])"/>
    <html lang="{(tei:TEI/@xml:lang, $lang)[1]}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <xsl:for-each select="$editors">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <meta name="description" content="{f:i18n('print-subject', $source-title)}"/>
        <meta name="keywords" content="{string-join($header/tei:profileDesc/tei:textClass//tei:term ! normalize-space(.), ', ')}"/>
        <meta name="generator" content="teiedition {$generator-version}"/>
        <meta name="dcterms.created" content="{$build-date}"/>
        <meta name="dcterms.modified" content="{$build-date}"/>
        <link rel="stylesheet" href="assets/print.css"/>
        <style>
          <xsl:text>@page { @bottom-center { content: </xsl:text>
          <xsl:value-of select="f:css-content(f:i18n('print-page-of'), ('counter(page)', 'counter(pages)'))"/>
          <xsl:text>; } }&#10;</xsl:text>
        </style>
      </head>
      <body>
        <xsl:call-template name="t:title-page"/>
        <xsl:call-template name="t:contents"/>
        <section class="front about" id="about">
          <h1 class="section-title"><xsl:value-of select="f:i18n('about-title')"/></h1>
          <xsl:for-each select="$header">
            <xsl:call-template name="t:about"/>
          </xsl:for-each>
        </section>
        <main class="text-body" id="text">
          <xsl:if test="tei:TEI/@xml:lang"><xsl:attribute name="lang" select="tei:TEI/@xml:lang"/></xsl:if>
          <xsl:apply-templates select="tei:TEI/tei:text" mode="m:content"/>
        </main>
        <xsl:call-template name="t:registers"/>
        <xsl:call-template name="t:print-chronology"/>
        <xsl:call-template name="t:works-cited"/>
        <xsl:call-template name="t:index"/>
      </body>
    </html>
  </xsl:template>

  <!-- A CSS content value from a UI string whose {1}, {2} ... become CSS functions. -->
  <xsl:function name="f:css-content" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="values" as="xs:string*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$text" regex="\{{(\d)\}}">
        <xsl:matching-substring>
          <xsl:sequence select="$values[xs:integer(regex-group(1))]"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring>
          <xsl:sequence select="f:css-string(.)"/>
        </xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, ' ')"/>
  </xsl:function>

  <xsl:function name="f:css-string" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="'&quot;' || replace(replace(replace($s, '\\', '\\5C '), '&quot;', '\\22 '), '[\n\r]', ' ') || '&quot;'"/>
  </xsl:function>

  <!-- Title page ====================================================================== -->
  <xsl:template name="t:title-page">
    <xsl:variable name="header" as="element(tei:teiHeader)" select="tei:TEI/tei:teiHeader"/>
    <xsl:variable name="fd" as="element(tei:fileDesc)" select="$header/tei:fileDesc"/>
    <xsl:variable name="version" as="xs:string?" select="($fd/tei:editionStmt/tei:edition/@n)[1]"/>
    <xsl:variable name="date" as="element()?" select="($fd/tei:publicationStmt/tei:date, $fd/tei:editionStmt//tei:date)[1]"/>
    <xsl:variable name="base" as="xs:string?" select="($fd/tei:publicationStmt/tei:idno[@type = 'URI'] ! f:safe-href(normalize-space(.)))[1]"/>
    <xsl:variable name="url" as="xs:string?" select="$base ! ((if (ends-with(., '/')) then . else . || '/') || $text-id || '.html')"/>
    <xsl:variable name="first-p" as="element()?" select="(tei:TEI/tei:text//tei:p[@n][@xml:id])[1]"/>
    <section class="title-page" id="title-page">
      <h1 class="doc-title"><xsl:value-of select="f:text-title(.)"/></h1>
      <xsl:for-each select="$fd/tei:titleStmt/tei:editor">
        <p class="title-editor"><xsl:value-of select="f:i18n('print-edited-by', normalize-space(.))"/></p>
      </xsl:for-each>
      <xsl:if test="exists($version)">
        <p class="title-version"><xsl:value-of select="f:i18n('print-version', ($version, ($date ! f:date-text(.), '')[1]))"/></p>
      </xsl:if>
      <xsl:for-each select="$fd/tei:publicationStmt/tei:publisher">
        <p class="title-publisher"><xsl:value-of select="f:i18n('print-publisher', normalize-space(.))"/></p>
      </xsl:for-each>
      <div class="title-facts">
        <xsl:for-each select="$fd/tei:publicationStmt/tei:availability/tei:licence">
          <p class="title-licence">
            <span class="label"><xsl:value-of select="f:i18n('about-licence')"/>: </span>
            <xsl:apply-templates mode="m:content"/>
            <xsl:for-each select="f:safe-href(@target)">
              <xsl:text> </xsl:text><a href="{.}"><xsl:value-of select="."/></a>
            </xsl:for-each>
          </p>
        </xsl:for-each>
        <h2 class="title-cite-heading"><xsl:value-of select="f:i18n('print-how-to-cite')"/></h2>
        <p class="citation">
          <xsl:choose>
            <xsl:when test="normalize-space($citation) != ''">
              <xsl:value-of select="normalize-space($citation)"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="f:i18n('print-citation', (
                string-join($fd/tei:titleStmt/tei:editor ! normalize-space(.), ', '),
                f:text-title(.), string($version), string(($date/@when, normalize-space($date))[1]), string($url)))"/>
            </xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="exists($url) and exists($first-p)">
          <p class="cite-paragraph">
            <xsl:value-of select="f:i18n('print-cite-paragraph', ($url || '#' || $first-p/@xml:id, string($first-p/@n), $pdf-name || '#' || $first-p/@xml:id))"/>
          </p>
        </xsl:if>
        <p class="title-typeset"><xsl:value-of select="f:i18n('print-typeset', ($build-date, $generator-version, 'tei/' || @path))"/></p>
      </div>
    </section>
  </xsl:template>

  <!-- Contents ======================================================================== -->
  <xsl:template name="t:contents">
    <xsl:variable name="text-heads" as="element()*" select="tei:TEI/tei:text//tei:head[parent::tei:div]"/>
    <nav class="contents" id="contents">
      <h1 class="section-title"><xsl:value-of select="f:i18n('print-contents')"/></h1>
      <ol>
        <li><a href="#about"><xsl:value-of select="f:i18n('about-title')"/></a></li>
        <xsl:for-each select="$text-heads">
          <li><a href="#{(../@xml:id, 'text')[1]}"><xsl:value-of select="normalize-space(.)"/></a></li>
        </xsl:for-each>
        <xsl:if test="exists(f:print-registers(.))">
          <li><a href="#registers"><xsl:value-of select="f:i18n('print-registers')"/></a>
            <ol>
              <xsl:for-each select="f:print-registers(.)">
                <li><a href="#register-{@id}"><xsl:value-of select="f:register-title(.)"/></a></li>
              </xsl:for-each>
            </ol>
          </li>
        </xsl:if>
        <xsl:if test="exists($f:print-chronology)">
          <li><a href="#chronology"><xsl:value-of select="f:i18n('chronology-title')"/></a></li>
        </xsl:if>
        <xsl:if test="exists(../k:doc[@kind = 'register'][f:is-works(.)] ! f:printed-entries(.))">
          <li><a href="#works-cited"><xsl:value-of select="f:i18n('register-works-cited')"/></a></li>
        </xsl:if>
        <xsl:if test="exists(tei:TEI/tei:text//*[@k:keys][@k:mention = $f:index-kinds or @k:mention = 'other'])">
          <li><a href="#index"><xsl:value-of select="f:i18n('print-index')"/></a></li>
        </xsl:if>
      </ol>
    </nav>
  </xsl:template>
</xsl:stylesheet>
