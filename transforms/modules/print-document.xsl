<?xml version="1.0" encoding="UTF-8"?>
<!-- The printed book around one text (mode m:print, starting at the corpus): head with the
     document metadata WeasyPrint writes into the PDF, title page with the citation,
     contents, "About this edition", the text, and the appendices: registers, chronology,
     works cited and index. Page numbers in the contents and the index come from CSS
     target-counter() on links to anchors, so they are the pages the anchors land on. -->
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
    <xsl:sequence select="$register//*[f:is-entry(.)][f:printed(.)]"/>
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
      <xsl:sort select="(index-of($f:index-kinds, f:entry-kind((.//*[f:is-entry(.)])[1])), 99)[1]"/>
      <xsl:sequence select="."/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="f:is-works" as="xs:boolean">
    <xsl:param name="register" as="element(k:doc)"/>
    <xsl:variable name="entries" as="element()*" select="$register//*[f:is-entry(.)]"/>
    <xsl:sequence select="exists($entries) and (every $e in $entries satisfies f:entry-kind($e) = 'work')"/>
  </xsl:function>

  <xsl:template name="t:registers">
    <xsl:if test="exists(f:print-registers(.))">
    <section class="appendix registers" id="registers">
      <h1 class="section-title"><xsl:value-of select="f:i18n('print-registers')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n('print-registers-intro')"/></p>
      <xsl:for-each select="f:print-registers(.)">
        <section class="register" id="register-{@id}">
          <h2><xsl:value-of select="f:register-title(.)"/></h2>
          <xsl:for-each-group select="f:printed-entries(.)" group-adjacent="string(../@type)">
            <section class="register-group">
              <h3><xsl:value-of select="f:i18n-or('register-' || current-grouping-key(), f:i18n('register-other'))"/></h3>
              <xsl:for-each select="current-group()">
                <xsl:sort select="lower-case(f:entry-name(.))" lang="{$lang}"/>
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

  <xsl:template match="*" mode="m:print-entry">
    <xsl:variable name="name" as="element()?" select="f:entry-name-element(.)"/>
    <xsl:variable name="names" as="element()*"
      select="(tei:persName | tei:placeName[not(@ref)] | tei:orgName | tei:label | tei:title | tei:name | tei:term) except $name"/>
    <xsl:variable name="description" as="element()*" select="tei:note[@type = 'description'] | tei:desc"/>
    <xsl:variable name="ids" as="element()*" select="tei:idno | tei:note[@type = 'identifiers']"/>
    <xsl:variable name="rest" as="element()*"
      select="* except ($name, $names, $description, $ids, tei:date[not(node())])"/>
    <xsl:variable name="dates" as="xs:string?" select="f:summary-dates(.)"/>
    <xsl:variable name="mentions" as="element()*"
      select="key('f:mentions', f:entry-key(.))[ancestor::k:doc[1]/@id = $text-id][@k:mention != 'ref' or f:entry-kind(current()) = 'work']"/>
    <article class="entry entry-{f:entry-kind(.)}" id="{f:print-entry-id(.)}">
      <h4 class="entry-name">
        <xsl:if test="$name/@xml:lang"><xsl:attribute name="lang" select="$name/@xml:lang"/></xsl:if>
        <xsl:value-of select="f:entry-name(.)"/>
      </h4>
      <p class="entry-kind">
        <xsl:value-of select="f:i18n('type-' || f:entry-kind(.))"/>
        <xsl:if test="exists($dates)"><xsl:text> · </xsl:text><xsl:value-of select="$dates"/></xsl:if>
      </p>
      <xsl:if test="exists($names)">
        <p class="entry-names">
          <span class="label"><xsl:value-of select="f:i18n('print-other-names')"/></span>
          <xsl:for-each select="$names">
            <xsl:text> </xsl:text>
            <span class="name">
              <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
              <xsl:value-of select="normalize-space(.)"/>
            </span>
            <xsl:variable name="notes" as="xs:string*" select="
              (@type[. != 'variant'] ! f:i18n-or('name-' || ., string(.))),
              (@xml:lang[. != $lang] ! f:lang-name(.))"/>
            <xsl:if test="exists($notes)">
              <xsl:text> (</xsl:text><xsl:value-of select="string-join($notes, ', ')"/><xsl:text>)</xsl:text>
            </xsl:if>
            <xsl:if test="position() lt last()">;</xsl:if>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="$description">
        <p class="entry-description"><xsl:apply-templates mode="m:content"/></p>
      </xsl:for-each>
      <xsl:for-each select="$rest">
        <p class="entry-detail">
          <span class="label">
            <xsl:value-of select="f:i18n-or('label-' || (@type[parent::tei:note or parent::tei:date]/string(), local-name())[1] ! replace(., '^note$', 'dates'), local-name())"/>
            <xsl:text>: </xsl:text>
          </span>
          <xsl:choose>
            <xsl:when test="self::tei:location and tei:geo">
              <xsl:value-of select="string-join(tokenize(normalize-space(tei:geo), '[\s,]+'), ', ')"/>
            </xsl:when>
            <xsl:when test="self::tei:respStmt">
              <xsl:apply-templates select="tei:resp" mode="m:content"/>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="* except tei:resp">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:apply-templates select="." mode="m:content"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:if test="f:has-date(.)">
                <xsl:value-of select="f:date-text(.)"/>
                <xsl:if test="normalize-space(.) != ''"><xsl:text>. </xsl:text></xsl:if>
              </xsl:if>
              <xsl:apply-templates mode="m:content"/>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:for-each>
      <xsl:if test="exists($ids)">
        <p class="entry-ids">
          <span class="label"><xsl:value-of select="f:i18n('print-identifiers')"/></span>
          <xsl:for-each select="tei:idno">
            <xsl:text> </xsl:text>
            <xsl:variable name="url" as="xs:string?" select="f:idno-url(.)"/>
            <xsl:value-of select="f:i18n-or('id-' || @type, string(@type)) || ' ' || normalize-space(.)"/>
            <xsl:if test="exists($url)">
              <xsl:text> (</xsl:text><a class="url" href="{$url}"><xsl:value-of select="$url"/></a><xsl:text>)</xsl:text>
            </xsl:if>
            <xsl:if test="position() lt last()">;</xsl:if>
          </xsl:for-each>
          <xsl:for-each select="tei:note[@type = 'identifiers']">
            <xsl:text> </xsl:text><xsl:apply-templates mode="m:content"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:if test="exists($mentions)">
        <p class="entry-mentioned">
          <span class="label"><xsl:value-of select="f:i18n('print-mentioned-in')"/></span>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t:unit-refs">
            <xsl:with-param name="mentions" select="$mentions"/>
          </xsl:call-template>
        </p>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- "¶ 2, note 3" links to the citable units that contain some mentions. -->
  <xsl:template name="t:unit-refs">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each-group select="$mentions" group-by="string(@k:unit)">
      <xsl:variable name="unit" as="element()?" select="f:unit(.)"/>
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:choose>
        <xsl:when test="exists($unit)">
          <a class="unit-ref" href="#{$unit/@xml:id}"><xsl:value-of select="f:unit-label($unit)"/></a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="f:text-title(ancestor::k:doc[1])"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Chronology ====================================================================== -->
  <xsl:template name="t:print-chronology">
    <xsl:variable name="corpus" as="element(k:corpus)" select=".."/>
    <xsl:variable name="items" as="map(*)*" select="$f:print-chronology"/>
    <xsl:if test="exists($items)">
    <section class="appendix chronology" id="chronology">
      <h1 class="section-title"><xsl:value-of select="f:i18n('chronology-title')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n('chronology-intro')"/></p>
      <table class="chronology-table">
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="f:i18n('print-chronology-date')"/></th>
            <th scope="col"><xsl:value-of select="f:i18n('print-chronology-what')"/></th>
            <th scope="col"><xsl:value-of select="f:i18n('print-chronology-where')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$items">
            <xsl:sort select="?sort"/>
            <xsl:variable name="dated" as="element()" select="?node"/>
            <xsl:variable name="key" as="xs:string" select="?entry"/>
            <xsl:variable name="entry" as="element()?" select="if ($key != '') then key('f:entry', $key, root($corpus))[1] else ()"/>
            <xsl:variable name="in-text" as="xs:boolean" select="$dated/ancestor::k:doc[1]/@kind = 'text'"/>
            <tr>
              <xsl:if test="$in-text"><xsl:attribute name="id" select="f:chronology-row-id($dated)"/></xsl:if>
              <td class="chronology-date"><xsl:value-of select="f:date-text($dated)"/></td>
              <td class="chronology-what">
                <xsl:choose>
                  <xsl:when test="$in-text">
                    <xsl:value-of select="f:i18n('chronology-written', normalize-space($dated))"/>
                    <xsl:if test="exists($entry)">
                      <xsl:text> — </xsl:text>
                      <a href="{f:entry-url($key)}"><xsl:value-of select="f:entry-name($entry)"/></a>
                    </xsl:if>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:variable name="label" as="xs:string?" select="
                      if ($dated is $entry) then ()
                      else f:i18n-or('label-' || ($dated/@type[parent::tei:date], local-name($dated))[1] ! replace(., '^note$', 'dates'), '')"/>
                    <xsl:if test="exists($label[. != ''])">
                      <xsl:value-of select="$label"/><xsl:text>: </xsl:text>
                    </xsl:if>
                    <a href="{f:entry-url($key)}"><xsl:value-of select="f:entry-name($entry)"/></a>
                    <xsl:variable name="what" as="xs:string" select="normalize-space($dated)"/>
                    <xsl:if test="not($dated is $entry) and not($dated/self::tei:date) and $what != ''">
                      <xsl:text> — </xsl:text>
                      <xsl:value-of select="if (string-length($what) gt 160) then substring($what, 1, 157) || '…' else $what"/>
                    </xsl:if>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="chronology-where">
                <xsl:call-template name="t:unit-refs">
                  <xsl:with-param name="mentions" select="
                    if ($in-text) then $dated
                    else key('f:mentions', $key, root($corpus))[ancestor::k:doc[1]/@id = $text-id]"/>
                </xsl:call-template>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
    </xsl:if>
  </xsl:template>

  <!-- Works cited ===================================================================== -->
  <xsl:template name="t:works-cited">
    <xsl:variable name="works" as="element()*"
      select="../k:doc[@kind = 'register'][f:is-works(.)] ! f:printed-entries(.)"/>
    <xsl:if test="exists($works)">
    <section class="appendix works-cited" id="works-cited">
      <h1 class="section-title"><xsl:value-of select="f:i18n('register-works-cited')"/></h1>
      <xsl:for-each select="$works">
        <xsl:sort select="lower-case(f:entry-name(.))" lang="{$lang}"/>
        <div class="work bibl" id="{f:print-entry-id(.)}">
          <xsl:for-each select="node()">
            <xsl:if test="self::* and preceding-sibling::* and not(preceding-sibling::node()[1][self::text()][normalize-space()])">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:apply-templates select="." mode="m:content"/>
          </xsl:for-each>
        </div>
      </xsl:for-each>
    </section>
    </xsl:if>
  </xsl:template>

  <!-- Index =========================================================================== -->
  <xsl:template name="t:index">
    <xsl:variable name="doc" as="element(k:doc)" select="."/>
    <xsl:variable name="mentions" as="element()*"
      select="tei:TEI/tei:text//*[@k:keys][@k:mention = $f:index-kinds or @k:mention = 'other']"/>
    <xsl:variable name="keys" as="xs:string*" select="distinct-values($mentions/@k:keys ! tokenize(., ' '))"/>
    <xsl:variable name="entries" as="element()*" select="$keys ! f:entry(., $doc)"/>
    <xsl:if test="exists($entries)">
    <section class="appendix index" id="index">
      <h1 class="section-title"><xsl:value-of select="f:i18n('print-index')"/></h1>
      <p class="intro"><xsl:value-of select="f:i18n('print-index-intro')"/></p>
      <xsl:for-each select="$f:index-kinds">
        <xsl:variable name="kind" as="xs:string" select="."/>
        <xsl:variable name="these" as="element()*" select="$entries[f:entry-kind(.) = $kind]"/>
        <xsl:if test="exists($these)">
          <section class="index-group" id="index-{$kind}">
            <h2><xsl:value-of select="f:i18n('types-' || $kind)"/></h2>
            <xsl:for-each select="$these">
              <xsl:sort select="lower-case(f:entry-name(.))" lang="{$lang}"/>
              <xsl:variable name="key" as="xs:string" select="f:entry-key(.)"/>
              <xsl:variable name="refs" as="element()*" select="$mentions[tokenize(@k:keys, ' ') = $key]"/>
              <p class="index-entry" data-key="{$key}">
                <a class="index-name" href="#{f:print-entry-id(.)}"><xsl:value-of select="f:entry-name(.)"/></a>
                <xsl:text> </xsl:text>
                <span class="index-pages">
                  <xsl:choose>
                    <xsl:when test="map:size($f:page-of) = 0">
                      <xsl:for-each select="$refs">
                        <a class="index-ref" href="#{(@xml:id, 'mention-' || @k:id)[1]}"></a>
                      </xsl:for-each>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:for-each-group select="$refs" group-by="($f:page-of(string((@xml:id, 'mention-' || @k:id)[1])), 0)[1]">
                        <xsl:sort select="current-grouping-key()"/>
                        <a class="index-ref" href="#{(@xml:id, 'mention-' || @k:id)[1]}"></a>
                      </xsl:for-each-group>
                    </xsl:otherwise>
                  </xsl:choose>
                </span>
              </p>
            </xsl:for-each>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
