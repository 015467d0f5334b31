<?xml version="1.0" encoding="UTF-8"?>
<!-- Stage 10: resolve @ref and @target (and @where, @corresp), as model/pointers.xsl
     defines it (the same definition the Schematron rules use).
     Input and output: the corpus (k:corpus/k:doc[@path, @id, @kind]/tei:TEI[@xml:base]).
     What each element's pointers reach is recorded as
       @k:keys     register entries it points to ("register-id/entry-id", space-separated),
       @k:local    an xml:id in the same text (an in-page anchor),
       @k:href     an external URL that is safe to link (http, https, mailto),
       @k:related  register entries that @where and @corresp point to (an event's place,
                   the entry a bibl corresponds to): not links, but what the element
                   refers to (the PDF prints the entries a text refers to).
     Nothing else changes. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  exclude-result-prefixes="#all">

  <xsl:include href="../model/pointers.xsl"/>

  <!-- The documents pointers are resolved among: the whole corpus. -->
  <xsl:variable name="edition" as="document-node()" select="/"/>

  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:template match="k:doc//tei:*[@ref or @target or @where or @corresp]">
    <xsl:variable name="doc" as="element(k:doc)" select="ancestor::k:doc[1]"/>
    <xsl:variable name="related" as="xs:string*" select="distinct-values(
      (@where, @corresp) ! tokenize(.) ! f:pointer(., current())?target?*/@k:entry/string())"/>
    <xsl:variable name="tokens" as="xs:string*" select="tokenize(string((@ref, @target)[1]))"/>
    <xsl:variable name="targets" as="element()*" select="$tokens ! f:pointer(., current())?target?*"/>
    <xsl:variable name="keys" as="xs:string*" select="distinct-values($targets/@k:entry/string())"/>
    <xsl:variable name="local" as="xs:string?"
      select="($targets[$doc/@kind = 'text'][ancestor::k:doc[1] is $doc][ancestor::tei:text]/@xml:id)[1] ! string(.)"/>
    <xsl:variable name="external" as="xs:string?"
      select="$tokens[matches(., '^(https?|mailto):', 'i')][1]"/>
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:if test="exists($keys)">
        <xsl:attribute name="k:keys" select="string-join($keys, ' ')"/>
      </xsl:if>
      <xsl:if test="exists($local) and empty($keys)">
        <xsl:attribute name="k:local" select="$local"/>
      </xsl:if>
      <xsl:if test="exists($external) and empty($keys) and empty($local)">
        <xsl:attribute name="k:href" select="$external"/>
      </xsl:if>
      <xsl:if test="exists($related)">
        <xsl:attribute name="k:related" select="string-join($related, ' ')"/>
      </xsl:if>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
