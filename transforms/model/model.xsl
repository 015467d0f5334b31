<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's model, defined once: what a register, a register entry, an entry's name,
     kind and page, and a citable unit are. The pipeline (stage 05) marks these on the
     corpus, the pages and the PDF read the marks, `edition schema` copies the functions
     into the generated Schematron so that editors' checks agree with the build, and
     Python reads the marks without working anything out again.

     Every function here works on plain TEI (no k: wrapper needed), except f:entry-key,
     which names an entry by the site id of its register document. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- A register is a TEI document whose body holds lists of entries and nothing else
       but headings: persons, places, organisations, events, works, objects, names. -->
  <xsl:function name="f:is-register" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="parts" as="element()*" select="$tei/tei:text/tei:body/*"/>
    <xsl:sequence select="exists($parts[f:is-list(.)])
                          and empty($parts[not(f:is-list(.) or self::tei:head)])"/>
  </xsl:function>

  <!-- A list of register entries (listPerson, listPlace, listOrg, listEvent, listBibl, …). -->
  <xsl:function name="f:is-list" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="namespace-uri($e) = 'http://www.tei-c.org/ns/1.0'
                          and starts-with(local-name($e), 'list') and local-name($e) ne 'list'"/>
  </xsl:function>

  <!-- A register entry: an element with an xml:id, itself no list, that stands in a list of
       a register's body (lists may nest, and may carry xml:ids of their own). -->
  <xsl:function name="f:is-entry" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/@xml:id) and not(f:is-list($e)) and exists($e/parent::*[f:is-list(.)])
                          and exists($e/ancestor::tei:body)
                          and f:is-register($e/ancestor::tei:TEI[1])"/>
  </xsl:function>

  <!-- The entry an element belongs to (itself, or the nearest entry around it), or (). -->
  <xsl:function name="f:entry-of" as="element()?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/ancestor-or-self::*[@xml:id][not(f:is-list(.))][parent::*[f:is-list(.)]][1][f:is-entry(.)]"/>
  </xsl:function>

  <!-- The kind of an entry, in the vocabulary of mentions (rs/@type): person, place, org,
       event, treaty (a bibl with a @type: a treaty, declaration, agreement …), work (a bibl
       without one: a work cited), other (any other entry); for an element that is no entry,
       its name (so that a rule can say what a pointer reached). -->
  <xsl:function name="f:entry-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="local-name($entry)"/>
    <xsl:sequence select="
      if ($n = ('person', 'personGrp')) then 'person'
      else if ($n = 'place') then 'place'
      else if ($n = 'org') then 'org'
      else if ($n = 'event') then 'event'
      else if ($n = ('bibl', 'biblStruct', 'biblFull')) then (if ($entry/@type) then 'treaty' else 'work')
      else if (f:is-entry($entry)) then 'other'
      else $n"/>
  </xsl:function>

  <!-- The kind of a citable entry as citations name it ("organisation", not "org"). -->
  <xsl:function name="f:unit-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="kind" as="xs:string" select="f:entry-kind($entry)"/>
    <xsl:sequence select="if ($kind = 'org') then 'organisation' else $kind"/>
  </xsl:function>

  <!-- The element that names an entry: a name child typed "preferred", else one in the
       given language or without xml:lang, else the first. -->
  <xsl:function name="f:entry-name-element" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="names" as="element()*"
      select="$entry/(tei:persName | tei:placeName[not(@ref)] | tei:orgName | tei:label | tei:title
                      | tei:name | tei:head | tei:term)"/>
    <xsl:sequence select="($names[@type = 'preferred'], $names[not(@xml:lang) or @xml:lang = $lang], $names)[1]"/>
  </xsl:function>

  <!-- The preferred name of an entry (its page's heading); without a name element, the
       start of its text. -->
  <xsl:function name="f:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="n" as="element()?" select="f:entry-name-element($entry, $lang)"/>
    <xsl:sequence select="if (exists($n)) then normalize-space($n)
                          else normalize-space(string-join($entry//text(), ' ')) => substring(1, 80)"/>
  </xsl:function>

  <!-- The key of an entry: "register-id/entry-id", where the register id is the site id of
       its document (the k:doc/@id the build gives it: the file name without .xml). -->
  <xsl:function name="f:entry-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/ancestor::k:doc[1]/@id || '/' || $entry/@xml:id"/>
  </xsl:function>

  <!-- The site-relative page of an entry, from its key: "persons/karakhan.html". -->
  <xsl:function name="f:entry-url" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$key || '.html'"/>
  </xsl:function>

  <!-- The site-relative page of a text, from its site id. -->
  <xsl:function name="f:text-url" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$id || '.html'"/>
  </xsl:function>

  <!-- A text's citation trees: each refsDecl that holds citeStructure declares one. The
       default tree comes first: the first refsDecl with @default="true", else the first. -->
  <xsl:function name="f:cite-trees" as="element(tei:refsDecl)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="trees" as="element(tei:refsDecl)*"
      select="$doc/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:refsDecl[tei:citeStructure]"/>
    <xsl:variable name="default" as="element(tei:refsDecl)?"
      select="($trees[@default = 'true'], $trees)[1]"/>
    <xsl:sequence select="$default, $trees except $default"/>
  </xsl:function>

  <!-- The identifiers of a text's citation trees, in the order of f:cite-trees: '' for the
       default tree (DTS names only the others), then each tree's @xml:id, else its @n when
       that is a plain name (letters, digits, '.', '_', '-') no other tree has taken, else
       "tree" and its position. -->
  <xsl:function name="f:cite-tree-ids" as="xs:string*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="trees" as="element(tei:refsDecl)*" select="f:cite-trees($doc)"/>
    <xsl:iterate select="$trees">
      <xsl:param name="taken" as="xs:string*" select="()"/>
      <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
      <xsl:variable name="id" as="xs:string" select="
        if (position() eq 1) then ''
        else if (@xml:id and not(string(@xml:id) = $taken)) then string(@xml:id)
        else if (matches($n, '^[\p{L}\p{N}._-]+$') and not($n = ('.', '..')) and not($n = $taken)) then $n
        else 'tree' || position()"/>
      <xsl:sequence select="$id"/>
      <xsl:next-iteration>
        <xsl:with-param name="taken" select="$taken, $id"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- The citable units of a text's default citation tree (f:cite-trees), in document order
       (a parent before its descendants): maps with 'node', 'ref' (the identifier: @use's
       value, after the parent's and @delim when the structure nests), 'unit' (@unit),
       'level' and 'parent' (the parent's ref or ''). $doc is the text as a document of its
       own, so that a @match such as "//body//p" stays inside it. The XPath expressions are
       the source's own, evaluated by Saxon with TEI as the default element namespace. -->
  <xsl:function name="f:cite-units" as="map(*)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="f:cite-units($doc, f:cite-trees($doc)[1])"/>
  </xsl:function>

  <!-- The citable units of one citation tree (a refsDecl of $doc), as f:cite-units. -->
  <xsl:function name="f:cite-units" as="map(*)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="tree" as="element(tei:refsDecl)?"/>
    <xsl:variable name="found" as="map(*)*">
      <xsl:for-each select="$tree/tei:citeStructure">
        <xsl:sequence select="f:cite-select(., $doc, 1, ())"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="by-node" as="map(xs:string, map(*)*)"
      select="map:merge($found ! map { generate-id(?node): . }, map { 'duplicates': 'combine' })"/>
    <xsl:for-each select="($found ! ?node)/self::node()">
      <xsl:sequence select="sort($by-node(generate-id(.)), (), function($u) { $u?level })"/>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="f:cite-select" as="map(*)*">
    <xsl:param name="structure" as="element(tei:citeStructure)"/>
    <xsl:param name="context" as="node()"/>
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="parent" as="map(*)?"/>
    <xsl:variable name="nodes" as="node()*">
      <xsl:try>
        <xsl:evaluate xpath="string($structure/@match)" context-item="$context"
                      xpath-default-namespace="http://www.tei-c.org/ns/1.0"/>
        <xsl:catch>
          <xsl:message terminate="yes" error-code="f:citeStructure">citeStructure/@match "<xsl:value-of select="$structure/@match"/>" is not a usable XPath expression: <xsl:value-of select="$err:description" xmlns:err="http://www.w3.org/2005/xqt-errors"/></xsl:message>
        </xsl:catch>
      </xsl:try>
    </xsl:variable>
    <xsl:for-each select="$nodes[. instance of element()]">
      <xsl:variable name="node" as="element()" select="."/>
      <xsl:variable name="value" as="xs:string">
        <xsl:try>
          <xsl:variable name="v" as="item()*">
            <xsl:evaluate xpath="string($structure/@use)" context-item="$node"
                          xpath-default-namespace="http://www.tei-c.org/ns/1.0"/>
          </xsl:variable>
          <xsl:sequence select="normalize-space(string-join($v ! string(.), ''))"/>
          <xsl:catch>
            <xsl:message terminate="yes" error-code="f:citeStructure">citeStructure/@use "<xsl:value-of select="$structure/@use"/>" is not a usable XPath expression: <xsl:value-of select="$err:description" xmlns:err="http://www.w3.org/2005/xqt-errors"/></xsl:message>
          </xsl:catch>
        </xsl:try>
      </xsl:variable>
      <xsl:variable name="ref" as="xs:string"
        select="if (exists($parent) and $structure/@delim and $value ne '')
                then $parent?ref || $structure/@delim || $value else $value"/>
      <xsl:variable name="unit" as="map(*)" select="map {
        'node': $node, 'ref': $ref, 'unit': string(($structure/@unit, 'unit')[1]),
        'level': $level, 'parent': if (exists($parent)) then $parent?ref else '' }"/>
      <xsl:sequence select="$unit"/>
      <xsl:for-each select="$structure/tei:citeStructure">
        <xsl:sequence select="f:cite-select(., $node, $level + 1, $unit)"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>
</xsl:stylesheet>
