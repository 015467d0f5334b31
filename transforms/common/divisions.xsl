<?xml version="1.0" encoding="UTF-8"?>
<!-- Text structure and phrase-level elements: text, front/body/back, div, head, p, ab,
     verse (lg, l), drama (sp, speaker, stage), lists, tables, quotations, highlighting,
     line and page breaks. Mode m:content (the edition's one content mode). -->
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

  <!-- id (from xml:id), lang (from xml:lang) and class on the current output element. -->
  <xsl:template name="t:global-attributes">
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="id" as="xs:boolean" select="true()"/>
    <xsl:if test="$id and @xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
    <xsl:variable name="classes" as="xs:string*"
      select="$class[. != ''], (for $r in tokenize(normalize-space(@rend), ' ') return 'rend-' || replace($r, '[^\w-]', ''))"/>
    <xsl:if test="exists($classes)">
      <xsl:attribute name="class" select="string-join($classes, ' ')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:TEI">
    <xsl:apply-templates select="tei:text"/>
  </xsl:template>

  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text | tei:front | tei:body | tei:back | tei:group">
    <div>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5">
    <xsl:element name="{if (tei:head) then 'section' else 'div'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="string-join(('div', @type ! ('div-' || replace(., '[^\w-]', ''))), ' ')"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Headings of divisions: h2 below the page's h1, one level per nesting. -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth" as="xs:integer"
      select="count(ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
              or self::tei:div4 or self::tei:div5 or self::tei:floatingText])"/>
    <xsl:element name="h{min((max((1, $depth)) + 1, 6))}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'head'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg/tei:head | tei:list/tei:head | tei:sp/tei:head | tei:listBibl/tei:head">
    <p>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'head'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- Paragraphs: ¶ number from @n (the anchor is the xml:id). A paragraph that contains
       block content (a list, verse, a table) becomes a div to keep the HTML valid. -->
  <xsl:template match="tei:p | tei:ab">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <xsl:variable name="block" as="xs:boolean"
      select="exists(.//*[local-name() = ('list', 'table', 'lg', 'figure', 'sp', 'floatingText', 'p', 'ab', 'quote', 'cit', 'listBibl')]
                       [not(ancestor::tei:note[@k:n] intersect current()//tei:note)]
                       [not(self::tei:quote or self::tei:cit) or exists(.//tei:p | .//tei:lg | .//tei:l)])"/>
    <xsl:variable name="paragraph" as="element()">
      <xsl:element name="{if ($block) then 'div' else 'p'}">
        <xsl:call-template name="t:global-attributes">
          <xsl:with-param name="class" select="string-join(((if (@n) then 'para' else ()), (if ($block) then 'p' else ()), local-name()[. = 'ab']), ' ')"/>
        </xsl:call-template>
        <xsl:if test="@n and @xml:id">
          <a class="pnum" href="#{@xml:id}" title="{f:i18n('paragraph-link', string(@n))}" data-pagefind-ignore="">
            <xsl:value-of select="f:i18n('paragraph', string(@n))"/>
          </a>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:variable>
    <!-- what follows a paragraph outside it (hook m:cite-after): when there is something,
         the paragraph and it are one passage -->
    <xsl:variable name="after" as="node()*">
      <xsl:apply-templates select="." mode="m:cite-after"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="exists($after)">
        <div class="passage"><xsl:sequence select="$paragraph, $after"/></div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$paragraph"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- Verse -->
  <xsl:template match="tei:lg">
    <div>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="string-join(('lg', @type ! ('lg-' || replace(., '[^\w-]', ''))), ' ')"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:element name="{if (f:in-phrase(.)) then 'span' else 'div'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'l'"/>
      </xsl:call-template>
      <xsl:if test="@n">
        <span class="lnum" data-pagefind-ignore=""><xsl:value-of select="@n"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Drama -->
  <xsl:template match="tei:sp">
    <div>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'sp'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <p>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'speaker'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="tei:stage">
    <xsl:element name="{if (f:in-phrase(.)) then 'span' else 'p'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'stage'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Lists and tables -->
  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = 'numbered') then 'ol' else 'ul'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'list'"/>
      </xsl:call-template>
      <xsl:apply-templates select="node() except tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/text()[normalize-space() = '']"/>

  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="t:global-attributes"/>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:list/tei:label">
    <li>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'label'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:table">
    <table>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'table'"/>
      </xsl:call-template>
      <xsl:if test="tei:head">
        <caption><xsl:apply-templates select="tei:head/node()"/></caption>
      </xsl:if>
      <tbody>
        <!-- rows; anything else a table holds (a note, a milestone with content …) in a
             row of its own -->
        <xsl:variable name="width" as="xs:integer"
          select="max((1, tei:row ! sum(tei:cell ! (@cols[. castable as xs:integer] ! xs:integer(.), 1)[1])))"/>
        <xsl:for-each select="(node() except tei:head)[self::* or normalize-space()]">
          <xsl:choose>
            <xsl:when test="self::tei:row"><xsl:apply-templates select="."/></xsl:when>
            <xsl:otherwise>
              <tr class="table-other">
                <td colspan="{$width}">
                  <xsl:apply-templates select="."/>
                </td>
              </tr>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr>
      <xsl:call-template name="t:global-attributes"/>
      <xsl:for-each select="node()[self::* or normalize-space()]">
        <xsl:choose>
          <xsl:when test="self::tei:cell"><xsl:apply-templates select="."/></xsl:when>
          <xsl:otherwise><td class="row-other"><xsl:apply-templates select="."/></td></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
      <xsl:call-template name="t:global-attributes"/>
      <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
      <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Quotation -->
  <xsl:template match="tei:quote | tei:cit">
    <xsl:element name="{if (f:is-block(.) and (.//tei:p or .//tei:l or .//tei:lg or self::tei:cit[tei:bibl])) then 'blockquote' else 'q'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:q | tei:said | tei:soCalled">
    <q>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </q>
  </xsl:template>

  <!-- Phrase level -->
  <xsl:template match="tei:hi">
    <xsl:variable name="r" as="xs:string" select="string(@rend)"/>
    <xsl:element name="{if (matches($r, 'italic')) then 'i' else if (matches($r, 'bold')) then 'b'
                        else if (matches($r, 'sup')) then 'sup' else if (matches($r, 'sub')) then 'sub'
                        else 'span'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'hi'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph">
    <em><xsl:call-template name="t:global-attributes"/><xsl:apply-templates/></em>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:distinct | tei:mentioned">
    <i>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <xsl:template match="tei:title">
    <cite>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="string-join(('title', @level ! ('title-' || .)), ' ')"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </cite>
  </xsl:template>

  <xsl:template match="tei:term">
    <dfn><xsl:call-template name="t:global-attributes"/><xsl:apply-templates/></dfn>
  </xsl:template>

  <xsl:template match="tei:code | tei:ident">
    <code><xsl:call-template name="t:global-attributes"/><xsl:apply-templates/></code>
  </xsl:template>

  <xsl:template match="tei:gi">
    <code class="gi">&lt;<xsl:apply-templates/>&gt;</code>
  </xsl:template>

  <xsl:template match="tei:att">
    <code class="att">@<xsl:apply-templates/></code>
  </xsl:template>

  <xsl:template match="tei:val">
    <code class="val">"<xsl:apply-templates/>"</code>
  </xsl:template>

  <xsl:template match="tei:lb">
    <xsl:choose>
      <xsl:when test="f:in-phrase(.) or parent::*[local-name() = ('p', 'ab', 'l', 'head')]"><br/></xsl:when>
      <xsl:otherwise><span class="lb"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:pb">
    <span class="pb" data-pagefind-ignore="">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'pb'"/>
      </xsl:call-template>
      <xsl:if test="@n">[<xsl:value-of select="@n"/>]</xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:anchor">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
    </span>
  </xsl:template>

  <!-- An empty space in the source: a space in the reading text. -->
  <xsl:template match="tei:space">
    <span class="space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap" title="{string-join((@reason, @quantity, @unit), ' ')}">[…]</span>
  </xsl:template>

  <xsl:template match="tei:del">
    <del><xsl:call-template name="t:global-attributes"/><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template match="tei:add">
    <ins><xsl:call-template name="t:global-attributes"/><xsl:apply-templates/></ins>
  </xsl:template>

  <xsl:template match="tei:unclear | tei:supplied | tei:sic | tei:orig | tei:abbr | tei:seg | tei:s | tei:w | tei:c | tei:pc">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- choice: the first alternative in the flow, the others after it in brackets, so that
       every alternative is readable. -->
  <xsl:template match="tei:choice">
    <span class="choice">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'choice'"/>
      </xsl:call-template>
      <xsl:variable name="alts" as="element()*" select="*"/>
      <xsl:apply-templates select="text()[normalize-space()]"/>
      <xsl:apply-templates select="$alts[1]"/>
      <xsl:for-each select="$alts[position() gt 1]">
        <xsl:text> </xsl:text>
        <span class="choice-alt {local-name()}">[<xsl:apply-templates/>]</span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="tei:corr | tei:reg | tei:expan">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
