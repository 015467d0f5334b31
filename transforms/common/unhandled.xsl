<?xml version="1.0" encoding="UTF-8"?>
<!-- The content mode's safety net. Elements without a dedicated template are never
     dropped: their content is rendered inside a visible fallback (a span, or a div where
     the content is block-level) with class "tei-unhandled" and the element's name in
     data-tei. $unhandled = 'warn' also reports them with xsl:message; 'fail' stops. -->
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

  <xsl:mode name="m:content" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="text()">
    <xsl:param name="link" as="element()?" tunnel="yes" select="()"/>
    <xsl:choose>
      <xsl:when test="exists($link) and normalize-space(.) != ''">
        <xsl:call-template name="t:mention-link">
          <xsl:with-param name="mention" select="$link"/>
          <xsl:with-param name="content" select="string(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()"/>

  <xsl:template match="*" priority="-10">
    <xsl:call-template name="t:fallback"/>
  </xsl:template>

  <!-- Elements the transforms render as an empty mark (a line, column or page break, a
       milestone, an anchor, a gap, a space) that nevertheless have content:
       the mark as usual, then (after a space) the content in the visible fallback (without
       the id, which the mark carries), so that no text is lost. -->
  <xsl:template match="(tei:lb | tei:pb | tei:cb | tei:milestone | tei:anchor | tei:gap
                       | tei:space)[* or normalize-space()]" priority="20">
    <xsl:next-match/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t:fallback">
      <xsl:with-param name="id" select="false()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="t:fallback">
    <xsl:param name="id" as="xs:boolean" select="true()"/>
    <xsl:if test="$unhandled = ('warn', 'fail')">
      <xsl:message terminate="{if ($unhandled = 'fail') then 'yes' else 'no'}"
                   error-code="f:unhandled">unhandled element &lt;<xsl:value-of select="name()"/>&gt; (<xsl:value-of select="replace(path(), 'Q\{[^}]*\}', '')"/>)</xsl:message>
    </xsl:if>
    <xsl:element name="{if (f:is-block(.)) then 'div' else 'span'}">
      <xsl:call-template name="t:global-attributes">
        <xsl:with-param name="class" select="'tei-unhandled tei-' || local-name()"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
      <xsl:attribute name="data-tei" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Does an element render as a block? Block TEI elements, and any element that contains
       one, outside phrase-level context. -->
  <xsl:function name="f:is-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not(f:in-phrase($e)) and
      (local-name($e) = $f:block-names or exists($e//*[local-name() = $f:block-names][not(ancestor::tei:note[@k:n])])
       or exists($e/parent::*[local-name() = $f:container-names]))"/>
  </xsl:function>

  <xsl:function name="f:in-phrase" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- an endnote is rendered out of flow: only ancestors inside it count -->
    <xsl:variable name="note" as="element()?" select="$e/ancestor::tei:note[@k:n][1]"/>
    <xsl:sequence select="exists($e/ancestor::*[local-name() = $f:phrase-names]
                                   [empty($note) or . &gt;&gt; $note])
                          or (exists($note) and empty($note/(tei:p | tei:ab | tei:lg | tei:list | tei:table)))"/>
  </xsl:function>

  <xsl:variable name="f:block-names" as="xs:string*" select="('p', 'ab', 'div', 'div1', 'div2',
    'div3', 'div4', 'lg', 'l', 'sp', 'list', 'table', 'figure', 'listBibl', 'floatingText',
    'opener', 'closer', 'postscript', 'castList', 'argument', 'epigraph', 'byline', 'dateline',
    'salute', 'signed', 'trailer', 'docTitle', 'titlePage', 'titlePart', 'head', 'stage',
    'speaker', 'listPerson', 'listPlace', 'listOrg', 'listEvent', 'address', 'cit', 'quote')"/>
  <xsl:variable name="f:container-names" as="xs:string*" select="('body', 'front', 'back', 'div',
    'div1', 'div2', 'div3', 'div4', 'text', 'group', 'floatingText', 'sp', 'lg', 'opener',
    'closer', 'castList', 'castGroup', 'titlePage', 'argument', 'epigraph', 'postscript',
    'sourceDesc', 'projectDesc', 'editorialDecl', 'correction', 'normalization',
    'interpretation', 'stdVals', 'segmentation', 'quotation', 'hyphenation', 'punctuation')"/>
  <xsl:variable name="f:phrase-names" as="xs:string*" select="('p', 'ab', 'l', 'head', 'hi',
    'speaker', 'salute', 'signed', 'dateline', 'byline', 'trailer', 'titlePart', 'item',
    'cell', 'label', 'persName', 'placeName', 'orgName', 'rs', 'name', 'date', 'ref', 'title',
    'q', 'foreign', 'emph', 'term', 'addrLine', 'stage', 'figDesc', 'lem', 'rdg', 'bibl')"/>
</xsl:stylesheet>
