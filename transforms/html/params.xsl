<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters of the HTML site (teiedition.site sets them). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  exclude-result-prefixes="#all">

  <!-- The basemap for the map page: an svg:svg document drawn by teiedition.mapsvg with
       x = longitude and y = -latitude (equirectangular), or empty. -->
  <xsl:param name="basemap" as="document-node()?" select="()"/>
  <!-- Citation data (teiedition.sitecite): k:citations with the embedded metadata and the
       CSL-formatted citations of the edition, its paragraphs and the register entries, or
       empty (sources without citation metadata: pages without them). -->
  <xsl:param name="citations" as="document-node()?" select="()"/>

  <!-- Which pages this run writes. A parallel build (teiedition.site) divides the pages
       among processes so that each page is written by exactly one; the defaults write
       every page. -->
  <!-- The pages shared by the whole site: home, chronology, map, search, register index
       pages. -->
  <xsl:param name="shared-pages" as="xs:boolean" select="true()"/>
  <!-- Space-separated k:doc/@id of the texts whose reading and About pages to write;
       '*' = every text. -->
  <xsl:param name="text-ids" as="xs:string" select="'*'"/>
  <!-- Space-separated "register-id/entry-id" keys of the entries whose pages to write;
       '*' = every entry. -->
  <xsl:param name="entry-keys" as="xs:string" select="'*'"/>
</xsl:stylesheet>
