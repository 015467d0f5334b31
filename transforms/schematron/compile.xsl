<?xml version="1.0" encoding="UTF-8"?>
<!--
  Compiles an ISO Schematron schema (query binding xslt3) into an XSLT 3.0 stylesheet that
  reports in SVRL. It covers what the project's schema uses: sch:ns, schema- and rule-level
  sch:let, foreign xsl:key and xsl:function at schema level, sch:pattern, sch:rule, sch:assert,
  sch:report, sch:value-of and sch:name in messages, @id and @role. Schema-level sch:let become
  stylesheet parameters, so a caller can supply their value (the validator passes the whole
  edition as $edition). Unsupported constructs stop the compilation with a message.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:axsl="urn:teiedition:xsl-alias"
  xmlns:sch="http://purl.oclc.org/dsdl/schematron"
  xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
  xmlns:c="urn:teiedition:schematron-compiler"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes"/>

  <xsl:mode name="compile" on-no-match="shallow-skip"/>
  <xsl:mode name="message" on-no-match="shallow-skip"/>

  <xsl:template match="/">
    <xsl:apply-templates select="sch:schema" mode="compile"/>
  </xsl:template>

  <xsl:template match="sch:schema" mode="compile">
    <xsl:if test="not(@queryBinding = ('xslt3', 'xslt2'))">
      <xsl:message terminate="yes">Schematron: queryBinding must be xslt3 (found "<xsl:value-of select="@queryBinding"/>")</xsl:message>
    </xsl:if>
    <xsl:if test="sch:include | sch:extends | sch:pattern[@abstract = 'true'] | sch:pattern[@is-a]">
      <xsl:message terminate="yes">Schematron: include, extends and abstract patterns are not supported</xsl:message>
    </xsl:if>
    <axsl:stylesheet version="3.0">
      <xsl:for-each select="sch:ns">
        <xsl:namespace name="{@prefix}" select="string(@uri)"/>
      </xsl:for-each>
      <xsl:attribute name="exclude-result-prefixes" select="'#all'"/>
      <xsl:for-each select="sch:let">
        <axsl:param name="{@name}">
          <xsl:attribute name="select" select="@value"/>
        </axsl:param>
      </xsl:for-each>
      <xsl:copy-of select="xsl:*"/>
      <axsl:template match="/">
        <svrl:schematron-output>
          <xsl:for-each select="sch:pattern">
            <svrl:active-pattern id="{(@id, 'pattern-' || position())[1]}"/>
          </xsl:for-each>
          <axsl:apply-templates select="/" mode="walk"/>
        </svrl:schematron-output>
      </axsl:template>
      <xsl:call-template name="walk"/>
      <xsl:apply-templates select="sch:pattern" mode="compile"/>
    </axsl:stylesheet>
  </xsl:template>

  <!-- One walk over the document serves every pattern: at each node, each pattern's mode
       is applied to that node alone (its first matching rule fires, as in a walk of its
       own); then the walk goes on to the children. Patterns none of whose rule contexts can
       match an attribute or a text node (judged from the context with its predicates
       removed) are applied to elements only, which saves most of the visits. Reports come
       in document order; the validator sorts them anyway. -->
  <xsl:function name="c:elements-only" as="xs:boolean">
    <xsl:param name="pattern" as="element(sch:pattern)"/>
    <xsl:variable name="steps" as="xs:string*"
      select="$pattern/sch:rule/@context ! replace(., '\[[^\[\]]*(\[[^\[\]]*\][^\[\]]*)*\]', '')"/>
    <xsl:sequence
      select="not(some $s in $steps satisfies matches($s, '@|attribute|node\(|text\(|comment\(|processing-instruction'))"/>
  </xsl:function>

  <xsl:template name="walk">
    <axsl:mode name="walk" on-no-match="deep-skip"/>
    <axsl:template match="document-node() | *" mode="walk">
      <xsl:for-each select="sch:pattern">
        <axsl:apply-templates select="." mode="p{position()}"/>
        <xsl:if test="not(c:elements-only(.))">
          <axsl:apply-templates select="@*, node()[not(self::*)]" mode="p{position()}"/>
        </xsl:if>
      </xsl:for-each>
      <axsl:apply-templates select="*" mode="walk"/>
    </axsl:template>
  </xsl:template>

  <!-- Each pattern is a mode whose rules handle one node; nodes no rule matches are left. -->
  <xsl:template match="sch:pattern" mode="compile">
    <xsl:variable name="mode" select="'p' || position()" as="xs:string"/>
    <xsl:variable name="pattern-id" select="(@id, $mode)[1]" as="xs:string"/>
    <axsl:mode name="{$mode}" on-no-match="deep-skip"/>
    <xsl:for-each select="sch:rule">
      <axsl:template mode="{$mode}" priority="{count(following-sibling::sch:rule) + 1}">
        <xsl:attribute name="match" select="@context"/>
        <xsl:for-each select="sch:let">
          <axsl:variable name="{@name}">
            <xsl:attribute name="select" select="@value"/>
          </axsl:variable>
        </xsl:for-each>
        <xsl:apply-templates select="sch:assert | sch:report" mode="compile">
          <xsl:with-param name="pattern-id" select="$pattern-id" tunnel="yes"/>
        </xsl:apply-templates>
      </axsl:template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="sch:assert | sch:report" mode="compile">
    <xsl:param name="pattern-id" as="xs:string" tunnel="yes"/>
    <axsl:if>
      <xsl:attribute name="test" select="if (self::sch:assert) then 'not(' || @test || ')' else @test"/>
      <xsl:element name="{if (self::sch:assert) then 'svrl:failed-assert' else 'svrl:successful-report'}"
        namespace="http://purl.oclc.org/dsdl/svrl">
        <xsl:attribute name="id" select="(@id, $pattern-id)[1]"/>
        <xsl:attribute name="pattern" select="$pattern-id"/>
        <xsl:attribute name="role" select="(@role, ../@role, 'error')[1]"/>
        <xsl:attribute name="test" select="@test"/>
        <axsl:attribute name="location" select="path()"/>
        <svrl:text>
          <xsl:apply-templates select="node()" mode="message"/>
        </svrl:text>
      </xsl:element>
    </axsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="message">
    <axsl:text><xsl:value-of select="."/></axsl:text>
  </xsl:template>

  <xsl:template match="sch:value-of" mode="message">
    <axsl:value-of>
      <xsl:attribute name="select" select="@select"/>
    </axsl:value-of>
  </xsl:template>

  <xsl:template match="sch:name" mode="message">
    <axsl:value-of>
      <xsl:attribute name="select" select="'name(' || (@path, '.')[1] || ')'"/>
    </axsl:value-of>
  </xsl:template>
</xsl:stylesheet>
