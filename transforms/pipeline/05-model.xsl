<?xml version="1.0" encoding="UTF-8"?>
<!-- Stage 05: mark the model (model/model.xsl) on the corpus, so that every later stage,
     every medium and the Python code read it instead of working it out again.
     Input: k:corpus/k:doc[@path, @id]/tei:TEI. Output: the same, with
       k:doc/@kind          "register" or "text" (f:is-register);
       @k:entry             on every register entry: its key "register-id/entry-id";
       @k:kind, @k:name, @k:page   on every entry: its kind as citations name it
                            (person, place, organisation, event, treaty, work), its
                            preferred name in the interface language, its page;
       @k:cite, @k:cite-unit, @k:cite-level, @k:cite-parent   on every element a text's
                            refsDecl/citeStructure selects: its reference, the unit's
                            name (paragraph, note …), its depth and its parent's reference,
                            in the text's default citation tree;
       @k:cite-tree         on every refsDecl that declares a citation tree: its identifier
                            ('' for the default tree; f:cite-tree-ids);
       @k:cites             on every element another citation tree selects: a JSON array of
                            {"tree", "ref", "unit", "level", "parent"} (parent '' at the top).
     Nothing else changes. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  exclude-result-prefixes="#all">

  <xsl:include href="../model/model.xsl"/>

  <!-- Language of the interface: entry names are chosen in it. -->
  <xsl:param name="lang" as="xs:string" select="'en'"/>

  <xsl:mode on-no-match="shallow-copy"/>
  <xsl:mode name="k:mark" on-no-match="shallow-copy"/>

  <xsl:template match="k:doc">
    <xsl:variable name="register" as="xs:boolean" select="exists(tei:TEI) and f:is-register(tei:TEI)"/>
    <xsl:copy>
      <xsl:apply-templates select="@* except @kind"/>
      <xsl:attribute name="kind" select="if ($register) then 'register' else 'text'"/>
      <xsl:choose>
        <xsl:when test="$register">
          <xsl:apply-templates select="node()" mode="k:mark">
            <xsl:with-param name="doc-id" select="string(@id)" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <!-- the text as a document of its own, so that citeStructure paths stay in it -->
          <xsl:variable name="own" as="document-node()">
            <xsl:document><xsl:copy-of select="tei:TEI"/></xsl:document>
          </xsl:variable>
          <xsl:variable name="trees" as="element(tei:refsDecl)*" select="f:cite-trees($own)"/>
          <xsl:variable name="ids" as="xs:string*" select="f:cite-tree-ids($own)"/>
          <xsl:variable name="units" as="map(*)*" select="f:cite-units($own, $trees[1])"/>
          <xsl:variable name="others" as="map(*)*" select="
            for $i in 2 to count($trees)
            return f:cite-units($own, $trees[$i]) ! map:put(., 'tree', $ids[$i])"
            xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
          <xsl:apply-templates select="$own/node()" mode="k:mark">
            <xsl:with-param name="units" tunnel="yes"
              select="map:merge($units ! map { generate-id(?node): . }, map { 'duplicates': 'use-first' })"
              xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
            <xsl:with-param name="others" tunnel="yes"
              select="map:merge($others ! map { generate-id(?node): . }, map { 'duplicates': 'combine' })"
              xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
            <xsl:with-param name="trees" tunnel="yes"
              select="map:merge(for $i in 1 to count($trees) return map { generate-id($trees[$i]): $ids[$i] })"
              xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="tei:*[@xml:id]" mode="k:mark">
    <xsl:param name="doc-id" as="xs:string?" tunnel="yes"/>
    <xsl:param name="units" as="map(*)?" tunnel="yes"/>
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="k:mark"/>
      <xsl:if test="exists($doc-id) and f:is-entry(.)">
        <xsl:variable name="key" as="xs:string" select="$doc-id || '/' || @xml:id"/>
        <xsl:attribute name="k:entry" select="$key"/>
        <xsl:attribute name="k:kind" select="f:unit-kind(.)"/>
        <xsl:attribute name="k:name" select="f:entry-name(., $lang)"/>
        <xsl:attribute name="k:page" select="f:entry-url($key)"/>
      </xsl:if>
      <xsl:call-template name="k:cite-marks"/>
      <xsl:apply-templates select="node()" mode="k:mark"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="tei:*[not(@xml:id)]" mode="k:mark">
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="k:mark"/>
      <xsl:call-template name="k:cite-marks"/>
      <xsl:apply-templates select="node()" mode="k:mark"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template name="k:cite-marks">
    <xsl:param name="units" as="map(*)?" tunnel="yes"/>
    <xsl:param name="others" as="map(*)?" tunnel="yes"/>
    <xsl:param name="trees" as="map(*)?" tunnel="yes"/>
    <xsl:variable name="unit" as="map(*)?" select="if (exists($units)) then $units(generate-id(.)) else ()"/>
    <xsl:variable name="tree" as="xs:string?" select="if (exists($trees)) then $trees(generate-id(.)) else ()"/>
    <xsl:if test="exists($tree)">
      <xsl:attribute name="k:cite-tree" select="$tree"/>
    </xsl:if>
    <xsl:variable name="more" as="map(*)*" select="if (exists($others)) then $others(generate-id(.)) else ()"/>
    <xsl:if test="exists($more)">
      <xsl:attribute name="k:cites" select="serialize(array { $more ! map {
        'tree': ?tree, 'ref': ?ref, 'unit': ?unit, 'level': ?level, 'parent': ?parent } },
        map { 'method': 'json' })"/>
    </xsl:if>
    <xsl:if test="exists($unit)">
      <xsl:attribute name="k:cite" select="$unit?ref"/>
      <xsl:attribute name="k:cite-unit" select="$unit?unit"/>
      <xsl:attribute name="k:cite-level" select="$unit?level"/>
      <xsl:if test="$unit?parent ne ''">
        <xsl:attribute name="k:cite-parent" select="$unit?parent"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
