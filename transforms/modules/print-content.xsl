<?xml version="1.0" encoding="UTF-8"?>
<!-- Print variants of content templates (mode m:content), imported by print.xsl after the
     shared modules so that these win:
     - numbered notes become footnotes (CSS float: footnote) with a call that links to the
       note and a number in the note that links back to the call;
     - mentions carry an anchor for the index (id "mention-mN", target of target-counter())
       and link to their register entry (or chronology row) inside the same document;
     - links to register entries (f:entry-url) point into the document's appendix. -->
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

  <!-- The text to print: its k:doc/@id (the file name without .xml). -->
  <xsl:param name="text-id" as="xs:string" select="''"/>

  <!-- The whole corpus (global context item), for look-ups from functions. -->
  <xsl:variable name="f:corpus" as="document-node()" select="/"/>

  <!-- Register entries by xml:id, to find ids that are not unique in the document. -->
  <xsl:key name="f:entry-by-id" match="k:doc[@kind = 'register']//*[@xml:id][f:is-entry(.)]" use="@xml:id"/>

  <!-- The id of a register entry in the printed document: its xml:id (so that the PDF's
       named destination equals the TEI identifier) unless another entry or an element of
       the text has the same one; then "register-xml:id". -->
  <xsl:function name="f:print-entry-id" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="id" as="xs:string" select="string($entry/@xml:id)"/>
    <xsl:sequence select="
      if (count(key('f:entry-by-id', $id, root($entry))) = 1
          and empty(key('f:id', $text-id || '#' || $id, root($entry))))
      then $id
      else $entry/ancestor::k:doc[1]/@id || '-' || $id"/>
  </xsl:function>

  <!-- Links to register entries stay inside the PDF (overrides functions.xsl). -->
  <xsl:function name="f:entry-url" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="entry" as="element()?" select="key('f:entry', $key, $f:corpus)[1]"/>
    <xsl:sequence select="if (exists($entry)) then '#' || f:print-entry-id($entry) else '#'"/>
  </xsl:function>

  <!-- Id of a chronology row for a date mentioned in a text (as on the HTML page). -->
  <xsl:function name="f:chronology-row-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="'chron-' || $mention/ancestor::k:doc[1]/@id || '-' || $mention/@k:id"/>
  </xsl:function>

  <!-- Mentions: no pop-up; an anchor for the index and the register's keys. -->
  <xsl:template match="tei:*[@k:mention = ('person', 'place', 'org', 'event', 'treaty', 'date', 'other')]" priority="2">
    <span class="mention mention-{@k:mention}" id="{(@xml:id, 'mention-' || @k:id)[1]}">
      <xsl:if test="@k:keys"><xsl:attribute name="data-keys" select="@k:keys"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="link" tunnel="yes"
          select="if (@k:keys or @k:mention = 'date') then . else ()"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template name="t:mention-link">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="keys" as="xs:string*" select="tokenize(string($mention/@k:keys), ' ')"/>
    <a class="mention-link" href="{if (empty($keys)) then '#' || f:chronology-row-id($mention)
                                   else f:entry-url($keys[1])}">
      <xsl:sequence select="$content"/>
    </a>
  </xsl:template>

  <!-- Footnotes: the call, then the note itself, which CSS floats to the foot of the page
       on which the call is set. Numbers are the HTML edition's (@k:n). -->
  <xsl:template match="tei:note[@k:n]">
    <xsl:variable name="id" as="xs:string" select="f:note-id(.)"/>
    <a class="noteref" id="{$id}-ref" href="#{$id}"><xsl:value-of select="@k:n"/></a>
    <span class="footnote" id="{$id}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <a class="footnote-back" href="#{$id}-ref"><xsl:value-of select="@k:n"/></a>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Blocks inside a footnote stay phrase-level in HTML (the note sits in a paragraph). -->
  <xsl:template match="tei:note[@k:n]//*[local-name() = ('p', 'ab', 'lg', 'list', 'table', 'quote', 'cit')][not(ancestor::tei:figure)]" priority="3">
    <span class="note-block note-{local-name()}">
      <xsl:call-template name="t:global-attributes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
