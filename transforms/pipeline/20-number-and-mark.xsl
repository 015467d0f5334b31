<?xml version="1.0" encoding="UTF-8"?>
<!-- Stage 20: number notes and figures, mark mentions (one pass).
     In each text, the notes that become endnotes (not in a figure, not @place="inline")
     and the figures get @k:n, their number in the text.
     In texts, every name (persName, placeName, orgName, name, rs) and every date with a
     normalised value is a mention; in registers, every pointer to another entry is one.
     Each gets @k:mention (person, place, org, event, treaty, date, other, ref), a number
     @k:id unique in its document ("m12") and @k:unit: the xml:id of the citable unit that
     contains it (in a text: the nearest ancestor with an xml:id, such as a paragraph, a
     note or a figure; in a register: the "register/entry" key of the entry). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  exclude-result-prefixes="#all">

  <xsl:mode on-no-match="shallow-copy"
    use-accumulators="f:mentions-before f:endnotes-before f:figures-before"/>

  <!-- Endnotes and figures of a text so far (one pass; see f:mentions-before). -->
  <xsl:accumulator name="f:endnotes-before" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="k:doc[@kind = 'text']//tei:text//tei:note[f:is-endnote(.)]"
      select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="f:figures-before" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="k:doc[@kind = 'text']//tei:text//tei:figure" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="f:is-endnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/parent::tei:figure or $note/@place = 'inline')"/>
  </xsl:function>

  <xsl:template match="k:doc[@kind = 'text']//tei:text//tei:note[f:is-endnote(.)]">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="k:n" select="accumulator-before('f:endnotes-before')"/>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="k:doc[@kind = 'text']//tei:text//tei:figure">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="k:n" select="accumulator-before('f:figures-before')"/>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- Number of mentions so far in the document: one pass over the corpus, where
       xsl:number level="any" would count the preceding elements again for each mention. -->
  <xsl:accumulator name="f:mentions-before" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="k:doc" select="0"/>
    <xsl:accumulator-rule match="k:doc//tei:*[exists(f:mention-type(.))]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:variable name="types" as="xs:string*" select="('person', 'place', 'org', 'event', 'treaty')"/>

  <xsl:function name="f:mention-type" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="kind" as="xs:string" select="string($e/ancestor::k:doc[1]/@kind)"/>
    <xsl:sequence select="
      if (empty($e/ancestor::tei:text)) then ()
      else if ($kind = 'text' and $e/self::tei:persName) then 'person'
      else if ($kind = 'text' and $e/self::tei:placeName) then 'place'
      else if ($kind = 'text' and $e/self::tei:orgName) then 'org'
      else if ($kind = 'text' and $e/(self::tei:rs | self::tei:name))
        then (if ($e/@type = $types) then string($e/@type) else 'other')
      else if ($kind = 'text' and $e/self::tei:date and $e/(@when | @from | @to | @notBefore | @notAfter))
        then 'date'
      else if ($kind = 'register' and $e/@k:keys and not(f:is-entry-part($e))) then 'ref'
      else if ($kind = 'text' and $e/@k:keys) then 'ref'
      else ()"/>
  </xsl:function>

  <!-- Names that belong to an entry itself (its own persName etc.) are not mentions. -->
  <xsl:function name="f:is-entry-part" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/parent::*[@k:entry]) and empty($e/@k:keys)"/>
  </xsl:function>

  <xsl:template match="k:doc//tei:*[exists(f:mention-type(.))]">
    <xsl:variable name="doc" as="element(k:doc)" select="ancestor::k:doc[1]"/>
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="k:mention" select="f:mention-type(.)"/>
      <xsl:attribute name="k:id" select="'m' || accumulator-before('f:mentions-before')"/>
      <xsl:variable name="unit" as="xs:string?" select="
        if ($doc/@kind = 'register')
        then string(ancestor::*[@k:entry][1]/@k:entry)[. ne '']
        else (ancestor::*[@xml:id][ancestor::tei:text][1]/@xml:id ! string(.))"/>
      <xsl:if test="exists($unit)">
        <xsl:attribute name="k:unit" select="$unit"/>
      </xsl:if>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
