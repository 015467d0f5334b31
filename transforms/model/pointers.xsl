<?xml version="1.0" encoding="UTF-8"?>
<!-- How a pointer resolves, defined once: for the pipeline (stage 10 marks what each
     pointer reaches) and for the Schematron (`edition schema` copies these declarations into
     the generated schema, where the rules ref-resolves, ref-kind and entry-referenced use
     them). A pointer (@ref, @target, @where, @corresp token) is expanded with the
     prefixDef of its document when its prefix has one, resolved against the base URI of
     the prefixDef or of its document, and looked up among the documents of $edition by URI
     and xml:id.

     The including stylesheet declares $edition: the document nodes of the edition (the
     validator's corpus, the pipeline's k:corpus, or in an XML editor the current file and
     the registers its prefixDefs name). Every TEI root must carry its base URI. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:f="urn:teiedition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <xsl:key name="f:id" match="*[@xml:id]" use="string(@xml:id)"/>
  <xsl:key name="f:prefix" match="tei:prefixDef" use="string(@ident)"/>

  <xsl:variable name="f:documents"
    select="map:merge(for $d in $edition//tei:TEI[not(ancestor::tei:TEI)] return map { f:uri-key(string(base-uri($d))) : $d })"/>
  <xsl:variable name="f:prefix-documents"
    select="map:merge(for $def in $edition//tei:prefixDef[contains(@replacementPattern, '#') and not(contains(substring-before(@replacementPattern, '#'), '$'))] return map { generate-id($def) : $f:documents(f:uri-key(string(resolve-uri(substring-before($def/@replacementPattern, '#'), base-uri($def))))) })"/>
  <xsl:variable name="f:pointers"
    select="map:merge(for $d in $edition//tei:TEI[not(ancestor::tei:TEI)] return f:resolve-all($d))"/>
  <!-- The distinct pointers of each document (its generate-id the key). -->
  <xsl:variable name="f:document-pointers" as="map(xs:string, xs:string*)"
    select="map:merge(for $d in $edition//tei:TEI[not(ancestor::tei:TEI)] return map { generate-id($d) : distinct-values($d//(@ref | @target | @where | @corresp) ! tokenize(.)) })"/>
  <!-- The prefixed pointers of the whole edition resolved once for each way a prefix is
       defined: documents whose prefixDef of one ident maps into the same file with the
       same patterns (every text of an edition, as a rule) share one regular-expression
       pass and one look-up per pointer. Keys f:prefix-signature; values: maps from the
       pointer's part after the prefix to its result. A definition whose pointers cannot
       be handled in one pass has no entry (each document then works its own out). -->
  <xsl:variable name="f:prefix-resolved" as="map(*)" select="f:resolve-prefixes()"/>
  <xsl:function name="f:resolve-prefixes" as="map(*)">
    <xsl:map>
      <xsl:for-each-group group-by="f:prefix-signature(.)" select="for $d in $edition//tei:TEI[not(ancestor::tei:TEI)],
          $ident in distinct-values($d//tei:prefixDef/@ident),
          $def in key('f:prefix', $ident, $d)[1][exists($f:prefix-documents(generate-id(.)))]
        return $def">
        <xsl:variable name="def" as="element()" select="."/>
        <xsl:variable name="file" as="element()" select="$f:prefix-documents(generate-id($def))"/>
        <xsl:variable name="prefix" select="$def/@ident || ':'"/>
        <xsl:variable name="locals" as="xs:string*" select="distinct-values(current-group() ! $f:document-pointers(generate-id(f:document(.)))[starts-with(., $prefix)] ! substring-after(., ':'))"/>
        <xsl:variable name="fragments" as="xs:string*" select="f:replace-lines($locals, '^(?:' || $def/@matchPattern || ')$', substring-after($def/@replacementPattern, '#'))"/>
        <xsl:if test="count($fragments) eq count($locals)">
          <xsl:map-entry key="current-grouping-key()">
            <xsl:map>
              <xsl:for-each select="1 to count($locals)">
                <xsl:variable name="i" select="."/>
                <xsl:map-entry key="$locals[$i]" select="f:prefixed-result($fragments[$i], $file)"/>
              </xsl:for-each>
            </xsl:map>
          </xsl:map-entry>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:function>

  <!-- What makes two prefixDefs resolve a pointer alike: the file they map into and their
       patterns. -->
  <xsl:function name="f:prefix-signature" as="xs:string">
    <xsl:param name="def" as="element()"/>
    <xsl:sequence select="string-join((generate-id($f:prefix-documents(generate-id($def))),
      $def/@ident, $def/@matchPattern, substring-after($def/@replacementPattern, '#')), '&#10;')"/>
  </xsl:function>

  <!-- The result of a prefixed pointer whose fragment in $file is $fragment ('&#xE001;': the
       pointer does not match its prefixDef). -->
  <xsl:function name="f:prefixed-result" as="map(*)">
    <xsl:param name="fragment" as="xs:string"/>
    <xsl:param name="file" as="element()"/>
    <xsl:variable name="target" as="element()*" select="if ($fragment eq '&#xE001;') then () else key('f:id', $fragment, root($file))[f:document(.) is $file]"/>
    <xsl:map>
      <xsl:map-entry key="'external'" select="false()"/>
      <xsl:map-entry key="'uri'" select="if ($fragment eq '&#xE001;') then '' else base-uri($file) || '#' || $fragment"/>
      <xsl:map-entry key="'target'" select="array { $target }"/>
    </xsl:map>
  </xsl:function>

  <xsl:function name="f:document" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::tei:TEI[last()], $node/ancestor-or-self::*[last()])[1]"/>
  </xsl:function>
  <xsl:function name="f:uri-key" as="xs:string">
    <xsl:param name="uri" as="xs:string?"/>
    <xsl:sequence select="replace(string($uri), '^file:/+', 'file:/')"/>
  </xsl:function>
  <!-- What a pointer in a document points to, worked out once per pointer and document:
       map {'external': true() for a URI outside the edition, 'uri': the absolute URI
       ('' if a prefixed pointer does not match its prefixDef), 'target': an array of
       the elements it points to}. -->
  <xsl:function name="f:resolve-pointer" as="map(*)">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="document" as="element()"/>
    <xsl:variable name="def" select="key('f:prefix', substring-before($pointer, ':'), $document)[1]"/>
    <xsl:variable name="external" as="xs:boolean" select="empty($def) and matches($pointer, '^[A-Za-z][A-Za-z0-9+.\-]*:')"/>
    <xsl:variable name="local" select="substring-after($pointer, ':')"/>
    <xsl:variable name="pattern" select="'^(?:' || $def/@matchPattern || ')$'"/>
    <xsl:variable name="matched" as="xs:boolean" select="exists($def) and matches($local, $pattern)"/>
    <xsl:variable name="fixed-file" as="element()?" select="if ($matched) then $f:prefix-documents(generate-id($def)) else ()"/>
    <xsl:variable name="uri" as="xs:string">
      <xsl:try>
        <xsl:sequence select="if ($fixed-file) then base-uri($fixed-file) || '#' || replace($local, $pattern, substring-after($def/@replacementPattern, '#'))
          else if ($matched) then string(resolve-uri(replace($local, $pattern, $def/@replacementPattern), base-uri($def)))
          else if ($def) then ''
          else if ($external) then $pointer
          else string(resolve-uri($pointer, base-uri($document)))"/>
        <xsl:catch select="''"/>
      </xsl:try>
    </xsl:variable>
    <xsl:variable name="file" as="element()?"
      select="if ($fixed-file) then $fixed-file else if ($external or not(contains($uri, '#'))) then () else $f:documents(f:uri-key(substring-before($uri, '#')))"/>
    <xsl:variable name="target" as="element()*"
      select="if (empty($file)) then () else key('f:id', substring-after($uri, '#'), root($file))[f:document(.) is $file]"/>
    <xsl:map>
      <xsl:map-entry key="'external'" select="$external"/>
      <xsl:map-entry key="'uri'" select="$uri"/>
      <xsl:map-entry key="'target'" select="array { $target }"/>
    </xsl:map>
  </xsl:function>
  <!-- Every pointer of a document, resolved: entries "document-id pointer" -> result
       of f:resolve-pointer. Pointers whose prefix maps them into one fixed file
       (the usual case) are matched and rewritten in one regular-expression pass per
       prefix over all of them, one per line; any doubt falls back to one by one. -->
  <xsl:function name="f:resolve-all" as="map(*)*">
    <xsl:param name="document" as="element()"/>
    <xsl:variable name="id" select="generate-id($document)"/>
    <xsl:variable name="pointers" as="xs:string*" select="$f:document-pointers($id)"/>
    <xsl:variable name="fast" as="item()*">
      <xsl:for-each select="distinct-values($document//tei:prefixDef/@ident)">
        <xsl:variable name="def" select="key('f:prefix', ., $document)[1]"/>
        <xsl:variable name="file" select="$f:prefix-documents(generate-id($def))" as="element()?"/>
        <xsl:variable name="prefix" select=". || ':'"/>
        <xsl:variable name="locals" select="$pointers[starts-with(., $prefix)] ! substring-after(., ':')"/>
        <xsl:variable name="shared" as="map(*)?" select="if ($file) then $f:prefix-resolved(f:prefix-signature($def)) else ()"/>
        <xsl:variable name="fragments" select="if (exists($shared) or empty($file)) then () else f:replace-lines($locals, '^(?:' || $def/@matchPattern || ')$', substring-after($def/@replacementPattern, '#'))"/>
        <xsl:if test="exists($locals) and (exists($shared) or count($fragments) eq count($locals))">
          <xsl:for-each select="1 to count($locals)">
            <xsl:variable name="i" select="."/>
            <xsl:sequence select="$prefix || $locals[$i]"/>
            <xsl:sequence select="map { $id || ' ' || $prefix || $locals[$i] :
              if (exists($shared)) then $shared($locals[$i]) else f:prefixed-result($fragments[$i], $file) }"/>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="$fast[. instance of map(*)]"/>
    <xsl:variable name="done" as="map(*)" select="map:merge($fast[. instance of xs:string] ! map { . : true() })"/>
    <xsl:sequence select="for $p in $pointers[not(map:contains($done, .))] return map { $id || ' ' || $p : f:resolve-pointer($p, $document) }"/>
  </xsl:function>
  <!-- replace($line, $pattern, $replacement) for every line that matches $pattern
       entirely, '&#xE001;' for those that do not; () when the lines cannot be
       handled in one pass. -->
  <xsl:function name="f:replace-lines" as="xs:string*">
    <xsl:param name="lines" as="xs:string*"/>
    <xsl:param name="pattern" as="xs:string"/>
    <xsl:param name="replacement" as="xs:string"/>
    <xsl:try>
      <xsl:variable name="joined" select="string-join($lines, '&#10;')"/>
      <xsl:variable name="marked" select="tokenize(replace($joined, $pattern, '&#xE000;', 'm'), '&#10;')"/>
      <xsl:variable name="replaced" select="tokenize(replace($joined, $pattern, $replacement, 'm'), '&#10;')"/>
      <xsl:sequence select="if (count($marked) eq count($lines) and count($replaced) eq count($lines)
          and not(some $l in $lines satisfies matches($l, '[&#xE000;&#xE001;&#10;]')))
        then (for $i in 1 to count($lines) return if ($marked[$i] eq '&#xE000;') then $replaced[$i] else '&#xE001;')
        else ()"/>
      <xsl:catch select="()"/>
    </xsl:try>
  </xsl:function>
  <xsl:function name="f:pointer" as="map(*)">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="document" select="f:document($context)"/>
    <xsl:sequence select="($f:pointers(generate-id($document) || ' ' || $pointer), f:resolve-pointer($pointer, $document))[1]"/>
  </xsl:function>
</xsl:stylesheet>
