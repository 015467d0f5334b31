<?xml version="1.0" encoding="UTF-8"?>
<!-- The TEI header: the "About this edition" page body (t:about) and the header elements
     it renders (responsibility, licence, source description, editorial declarations,
     revisions). -->
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

  <!-- A paragraph of the editorial declaration that names TEI elements, attributes or
       values is technical: the About page gives the plain-language paragraphs as the
       principles and the technical ones in a section of their own. -->
  <xsl:function name="f:is-technical" as="xs:boolean">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="exists($p//(tei:gi | tei:att | tei:tag | tei:val | tei:code))"/>
  </xsl:function>

  <!-- Context: tei:teiHeader. The facts of the edition, a table of contents, and the
       sections (project, source, principles, technical details, languages, keywords,
       revisions); $after: further sections of the page, listed in the contents too. -->
  <xsl:template name="t:about">
    <xsl:param name="after" as="element()*" select="()"/>
    <xsl:variable name="fd" as="element()?" select="tei:fileDesc"/>
    <xsl:variable name="ed" as="element()?" select="tei:encodingDesc"/>
    <xsl:variable name="principles" as="element()*"
      select="$ed/(tei:editorialDecl/* | tei:samplingDecl)"/>
    <xsl:variable name="sections" as="element()*">
      <xsl:if test="$ed/tei:projectDesc">
        <section aria-labelledby="about-project">
          <h2 id="about-project"><xsl:value-of select="f:i18n('about-project')"/></h2>
          <xsl:apply-templates select="$ed/tei:projectDesc/node()"/>
        </section>
      </xsl:if>

      <xsl:if test="$fd/tei:sourceDesc">
        <section aria-labelledby="about-source" class="about-sources">
          <h2 id="about-source"><xsl:value-of select="f:i18n('about-source')"/></h2>
          <xsl:apply-templates select="$fd/tei:sourceDesc/node()"/>
        </section>
      </xsl:if>

      <!-- the principles in plain language: each principle's paragraphs that are not
           technical (or all of them when every one is) -->
      <xsl:if test="exists($principles)">
        <section aria-labelledby="about-principles">
          <h2 id="about-principles"><xsl:value-of select="f:i18n('about-principles')"/></h2>
          <xsl:for-each select="$principles">
            <xsl:variable name="plain" as="element()*" select="*[not(f:is-technical(.))]"/>
            <xsl:if test="exists($plain)">
              <section class="principle">
                <h3><xsl:value-of select="f:i18n-or('principle-' || local-name(), local-name())"/></h3>
                <xsl:apply-templates select="$plain"/>
              </section>
            </xsl:if>
          </xsl:for-each>
        </section>
      </xsl:if>

      <xsl:variable name="technical" as="element()*" select="$principles[*[f:is-technical(.)]]"/>
      <xsl:if test="exists($technical)">
        <section aria-labelledby="about-technical" class="about-technical">
          <h2 id="about-technical"><xsl:value-of select="f:i18n('about-technical')"/></h2>
          <p class="about-technical-intro"><xsl:value-of select="f:i18n('about-technical-intro')"/></p>
          <xsl:for-each select="$technical">
            <section class="principle">
              <h3><xsl:value-of select="f:i18n-or('principle-' || local-name(), local-name())"/></h3>
              <xsl:apply-templates select="*[f:is-technical(.)]"/>
            </section>
          </xsl:for-each>
        </section>
      </xsl:if>

      <xsl:variable name="languages" as="element()*" select="tei:profileDesc/tei:langUsage/tei:language"/>
      <xsl:if test="exists($languages)">
        <section aria-labelledby="about-languages">
          <h2 id="about-languages"><xsl:value-of select="f:i18n('about-languages')"/></h2>
          <ul>
            <xsl:for-each select="$languages">
              <li><xsl:apply-templates/></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>

      <xsl:variable name="terms" as="element()*" select="tei:profileDesc/tei:textClass//tei:term"/>
      <xsl:if test="exists($terms)">
        <section aria-labelledby="about-keywords">
          <h2 id="about-keywords"><xsl:value-of select="f:i18n('about-keywords')"/></h2>
          <ul class="keywords">
            <xsl:for-each select="$terms">
              <li><xsl:value-of select="normalize-space(.)"/></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>

      <xsl:variable name="changes" as="element()*" select="tei:revisionDesc//tei:change"/>
      <xsl:if test="exists($changes)">
        <section aria-labelledby="about-revisions">
          <h2 id="about-revisions"><xsl:value-of select="f:i18n('about-revisions')"/></h2>
          <ul class="revisions">
            <xsl:for-each select="$changes">
              <li>
                <xsl:if test="@when">
                  <xsl:call-template name="t:time"/>
                  <xsl:if test="@n"><xsl:text> (</xsl:text><xsl:value-of select="@n"/>)</xsl:if>
                  <xsl:text>: </xsl:text>
                </xsl:if>
                <xsl:apply-templates/>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
    </xsl:variable>

    <xsl:variable name="all" as="element()*" select="$sections, $after"/>
    <xsl:if test="count($all) gt 1">
      <nav class="about-contents" aria-labelledby="about-contents-heading">
        <h2 id="about-contents-heading"><xsl:value-of select="f:i18n('about-contents')"/></h2>
        <ol>
          <xsl:for-each select="$all">
            <li><a href="#{*[1]/@id}"><xsl:value-of select="*[1]"/></a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>

    <dl class="about-facts">
      <xsl:for-each select="$fd/tei:titleStmt/tei:editor">
        <dt><xsl:value-of select="f:i18n('about-editor')"/></dt>
        <dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:titleStmt/tei:respStmt">
        <dt><xsl:value-of select="f:i18n('about-responsibility')"/></dt>
        <dd><xsl:apply-templates select="tei:resp"/>: <xsl:for-each select="* except tei:resp"><xsl:if test="position() gt 1">, </xsl:if><xsl:apply-templates select="."/></xsl:for-each></dd>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:editionStmt/tei:edition">
        <dt><xsl:value-of select="f:i18n('about-version')"/></dt>
        <dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:publicationStmt/tei:date">
        <dt><xsl:value-of select="f:i18n('about-date')"/></dt>
        <dd><xsl:call-template name="t:time"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:publicationStmt/(tei:publisher | tei:distributor | tei:authority)">
        <dt><xsl:value-of select="f:i18n('about-publisher')"/></dt>
        <dd><xsl:apply-templates/></dd>
      </xsl:for-each>
      <xsl:for-each select="$fd/tei:publicationStmt/tei:availability/(tei:licence | tei:p)">
        <dt><xsl:value-of select="f:i18n('about-licence')"/></dt>
        <dd>
          <xsl:apply-templates/>
          <xsl:variable name="href" as="xs:string?" select="f:safe-href(@target)"/>
          <xsl:if test="exists($href)">
            <xsl:text> </xsl:text><a href="{$href}" rel="license external"><xsl:value-of select="$href"/></a>
          </xsl:if>
        </dd>
      </xsl:for-each>
      <!-- the edition's address: the build's base URI ($base-uri) when it has one -->
      <xsl:for-each select="(f:safe-href($base-uri[. != '']),
                             $fd/tei:publicationStmt/tei:idno[@type = 'URI'] ! f:safe-href(normalize-space(.)))[1]">
        <dt><xsl:value-of select="f:i18n('about-uri')"/></dt>
        <dd><a href="{.}"><xsl:value-of select="."/></a></dd>
      </xsl:for-each>
    </dl>

    <xsl:sequence select="$all"/>
  </xsl:template>

  <!-- The source in one statement above the text, from the header: the description of the
       first source in sourceDesc (a bibl's note of type "description", or its first
       paragraph), else the first paragraph of sourceDesc. Context: tei:teiHeader. $more:
       the address of the full description. -->
  <xsl:template name="t:source-statement">
    <xsl:param name="more" as="xs:string?" select="()"/>
    <xsl:variable name="source" as="element()?" select="tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="first" as="element()?" select="$source/(tei:bibl | tei:biblStruct | tei:biblFull | tei:msDesc)[1]"/>
    <xsl:variable name="statement" as="element()?"
      select="($first//tei:note[@type = 'description'], $first//tei:p, $source/tei:p)[1]"/>
    <xsl:if test="exists($statement)">
      <div class="source-statement" data-pagefind-ignore="">
        <p>
          <span class="source-label"><xsl:value-of select="f:i18n('source-label')"/></span>
          <xsl:text> </xsl:text>
          <xsl:apply-templates select="$statement/node()"/>
        </p>
        <xsl:if test="exists($more)">
          <xsl:text> </xsl:text>
          <p class="source-more"><a href="{$more}"><xsl:value-of select="f:i18n('source-more')"/></a></p>
        </xsl:if>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:editor | tei:author | tei:resp | tei:publisher | tei:edition
                       | tei:licence | tei:change | tei:language | tei:distributor | tei:authority
                       | tei:respStmt | tei:funder | tei:sponsor | tei:principal | tei:biblScope | tei:pubPlace | tei:idno">
    <span>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Bibliographic descriptions: a block in block context, a span in running text. -->
  <xsl:template match="tei:bibl | tei:biblStruct | tei:msDesc">
    <xsl:element name="{if (f:in-phrase(.)) then 'span' else 'div'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'bibl'"/>
      </xsl:call-template>
      <xsl:for-each select="node()">
        <xsl:if test="self::* and preceding-sibling::* and not(preceding-sibling::node()[1][self::text()][normalize-space()])">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:listBibl">
    <div>
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'listBibl'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>
</xsl:stylesheet>
