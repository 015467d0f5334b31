<?xml version="1.0" encoding="UTF-8"?>
<!-- The marks of the model (pipeline stage 05) as JSON, for the Python side of the build:
     one object per document of the enriched corpus, in corpus order,
       {"path": …, "id": …, "kind": "text" | "register", "part": "" or a teiCorpus place,
        "marks": [[ordinal, {"entry": …, "kind": …, "name": …, "page": …,
                             "cite": …, "cite-unit": …, …}], …]}
     where ordinal is the element's position among the elements of its TEI document in
     document order (the TEI root is 0), and the object holds every k: attribute of an
     element that is a register entry (@k:entry), a citable unit (@k:cite, or @k:cites in
     another citation tree) or a citation tree's refsDecl (@k:cite-tree).
     Python applies them to its own copy of each source tree (build/corpus.py): the
     pipeline adds attributes, never elements, so ordinals agree. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  exclude-result-prefixes="#all">

  <xsl:output method="json" indent="no"/>

  <xsl:mode use-accumulators="f:ordinal"/>

  <!-- One pass: the position of each element in its document. -->
  <xsl:accumulator name="f:ordinal" as="xs:integer" initial-value="-1">
    <xsl:accumulator-rule match="k:doc" select="-1"/>
    <xsl:accumulator-rule match="k:doc//*" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:template match="/">
    <xsl:sequence select="array { k:corpus/k:doc ! map {
      'path': string(@path), 'id': string(@id), 'kind': string(@kind), 'part': string(@part),
      'marks': array { .//*[@k:entry or @k:cite or @k:cites or @k:cite-tree] ! array {
        accumulator-before('f:ordinal'),
        map:merge(@k:* ! map:entry(local-name(), string(.))) } } } }"/>
  </xsl:template>
</xsl:stylesheet>
