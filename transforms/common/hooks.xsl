<?xml version="1.0" encoding="UTF-8"?>
<!-- The hook modes: what the content layer leaves to the medium. The content layer applies
     templates in these modes where the screen and the page differ; each medium layer
     (html/, print/) implements them. A hook without a template in a medium fails (except
     m:cite-after, which is optional), so a medium cannot forget one silently. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <!-- Context: a mention (names.xsl). The attributes of its <span class="mention ...">
       after the class: on screen lang and id; on paper an anchor for the index too. -->
  <xsl:mode name="m:mention-attributes" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Context: a mention (names.xsl, via t:mention-link). The attributes of the link
       around its text after the class: on screen to the entry page (or the chronology)
       with the pop-up to open; on paper to the entry (or chronology row) in the book. -->
  <xsl:mode name="m:mention-link-attributes" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Context: an entry key "register-id/entry-id" (xs:string), tunnel param $root; see
       f:entry-href. The href of an internal link to a register entry: on screen its
       page, on paper its place in the book's registers. -->
  <xsl:mode name="m:entry-href" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Context: a numbered note (notes.xsl). What stands in the text for it: on screen a
       marker linking to the endnote; on paper the call and the footnote itself. -->
  <xsl:mode name="m:note-call" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Context: a paragraph (divisions.xsl). What follows it, outside it: on screen the
       "Cite ¶ N" box; on paper nothing (optional hook). -->
  <xsl:mode name="m:cite-after" on-no-match="deep-skip"/>

  <!-- Context: the first mention of a group in one citable unit (t:unit-links), param
       $unit (the unit, or empty for mentions outside one). One item of a list of units. -->
  <xsl:mode name="m:unit-ref" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Context: a dated element (t:chronology-item), params $item (the chronology item),
       $what (the description, nodes) and $mentions (the mentions in texts). The row of
       one chronology item: on screen a list item, on paper a table row. -->
  <xsl:mode name="m:chronology-row" on-no-match="fail" on-multiple-match="fail"/>

  <!-- Context: a register entry (t:entry-body), params $part ('names', 'dates',
       'description', 'details', 'identifiers') and $items (its elements). One part of an
       entry: on screen a section with a heading, on paper a labelled paragraph. -->
  <xsl:mode name="m:entry-part" on-no-match="fail" on-multiple-match="fail"/>
</xsl:stylesheet>
