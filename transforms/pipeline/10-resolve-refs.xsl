<?xml version="1.0" encoding="UTF-8"?>
<!-- Stage 10: resolve @ref and @target (and @where, @corresp).
     Input and output: the corpus (k:corpus/k:doc[@path, @id, @kind]/tei:TEI).
     Each pointer token is expanded with the document's own prefixDef declarations, resolved
     against the document's path, and recorded as
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

  <xsl:mode on-no-match="shallow-copy"/>

  <xsl:key name="id" match="k:doc//*[@xml:id]" use="ancestor::k:doc[1]/@path || '#' || @xml:id"/>
  <xsl:key name="prefix" match="tei:teiHeader//tei:prefixDef" use="ancestor::k:doc[1]/@path || ' ' || @ident"/>

  <xsl:variable name="base" as="xs:string" select="'https://edition.invalid/'"/>

  <xsl:template match="k:doc//tei:*[@ref or @target or @where or @corresp]">
    <xsl:variable name="doc" as="element(k:doc)" select="ancestor::k:doc[1]"/>
    <xsl:variable name="related" as="xs:string*" select="distinct-values(
      (@where, @corresp) ! tokenize(normalize-space(.), ' ') ! f:expand(., $doc)
        ! f:target(., $doc) ! f:entry-key(.))"/>
    <xsl:variable name="tokens" as="xs:string*"
      select="tokenize(normalize-space(string((@ref, @target)[1])), ' ')"/>
    <xsl:variable name="resolved" as="xs:string*"
      select="for $t in $tokens return f:expand($t, $doc)"/>
    <xsl:variable name="targets" as="element()*" select="$resolved ! f:target(., $doc)"/>
    <xsl:variable name="keys" as="xs:string*"
      select="distinct-values($targets ! f:entry-key(.))"/>
    <xsl:variable name="local" as="xs:string?"
      select="($targets ! f:local-id(., $doc))[1]"/>
    <xsl:variable name="external" as="xs:string?"
      select="(for $t in $tokens return $t[matches(., '^(https?|mailto):', 'i')])[1]"/>
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

  <!-- A token with a declared prefix becomes its replacement; others stay as they are. -->
  <xsl:function name="f:expand" as="xs:string" cache="yes">
    <xsl:param name="token" as="xs:string"/>
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:variable name="prefix" as="xs:string" select="substring-before($token, ':')"/>
    <xsl:variable name="local" as="xs:string" select="substring-after($token, ':')"/>
    <xsl:variable name="def" as="element(tei:prefixDef)?"
      select="key('prefix', $doc/@path || ' ' || $prefix, root($doc))[1]"/>
    <xsl:variable name="pattern" as="xs:string" select="'^(?:' || $def/@matchPattern || ')$'"/>
    <xsl:sequence select="
      if (exists($def) and $prefix != '' and matches($local, $pattern))
      then replace($local, $pattern, string($def/@replacementPattern))
      else $token"/>
  </xsl:function>

  <!-- The element a relative pointer reaches, or (). -->
  <xsl:function name="f:target" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="doc" as="element(k:doc)"/>
    <!-- A pointer with a path resolves the same from every file of a folder: resolving
         it against the folder lets the cached function answer for all of them. -->
    <xsl:sequence select="f:resolve($pointer,
      if (matches($pointer, '^[#?]')) then string($doc/@path) else replace($doc/@path, '[^/]+$', ''),
      root($doc))"/>
  </xsl:function>

  <xsl:function name="f:resolve" as="element()?" cache="yes">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="from" as="xs:string"/>
    <xsl:param name="corpus" as="document-node()"/>
    <xsl:if test="contains($pointer, '#') and not(matches($pointer, '^[^/?#]*:'))">
      <xsl:variable name="absolute" as="xs:string?">
        <xsl:try select="string(resolve-uri($pointer, $base || $from))">
          <xsl:catch select="()"/>
        </xsl:try>
      </xsl:variable>
      <xsl:if test="starts-with($absolute, $base)">
        <xsl:variable name="rest" as="xs:string" select="substring-after($absolute, $base)"/>
        <xsl:sequence select="key('id', substring-before($rest, '#') || '#' || substring-after($rest, '#'), $corpus)[1]"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

  <!-- The key of the register entry a pointer reaches (marked by stage 05), or (). -->
  <xsl:function name="f:entry-key" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:sequence select="$target/@k:entry ! string(.)"/>
  </xsl:function>

  <xsl:function name="f:local-id" as="xs:string?">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:if test="$doc/@kind = 'text' and $target/ancestor::k:doc[1] is $doc
                  and exists($target/ancestor::tei:text)">
      <xsl:sequence select="string($target/@xml:id)"/>
    </xsl:if>
  </xsl:function>
</xsl:stylesheet>
