<?xml version="1.0" encoding="UTF-8"?>
<!-- The map page: the places with coordinates (location/geo, "lat lon") drawn on the
     basemap given in $basemap (x = longitude, y = -latitude), cropped to the places, each
     marker a link to the place's page; the same places as a list. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:svg="http://www.w3.org/2000/svg"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <xsl:function name="f:coordinates" as="xs:double*">
    <xsl:param name="geo" as="element()"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(normalize-space($geo), '[\s,]+')"/>
    <xsl:sequence select="if (count($parts) = 2 and (every $p in $parts satisfies $p castable as xs:double)
                              and abs(xs:double($parts[1])) le 90 and abs(xs:double($parts[2])) le 180)
                          then (xs:double($parts[1]), xs:double($parts[2])) else ()"/>
  </xsl:function>

  <!-- Context: k:corpus. -->
  <xsl:template name="t:map-page">
    <xsl:variable name="corpus" as="element(k:corpus)" select="."/>
    <xsl:variable name="places" as="element()*"
      select="k:doc[@kind = 'register']//*[@k:entry][exists(tei:location/tei:geo[exists(f:coordinates(.))])]"/>
    <xsl:variable name="lats" as="xs:double*" select="$places ! f:coordinates((tei:location/tei:geo)[1])[1]"/>
    <xsl:variable name="lons" as="xs:double*" select="$places ! f:coordinates((tei:location/tei:geo)[1])[2]"/>
    <xsl:variable name="margin" as="xs:double" select="12"/>
    <xsl:variable name="x0" as="xs:double" select="max((-180, min($lons) - $margin))"/>
    <xsl:variable name="x1" as="xs:double" select="min((180, max($lons) + $margin * 2))"/>
    <xsl:variable name="y0" as="xs:double" select="max((-90, min($lats) - $margin))"/>
    <xsl:variable name="y1" as="xs:double" select="min((90, max($lats) + $margin))"/>
    <xsl:variable name="w" as="xs:double" select="max(($x1 - $x0, 20))"/>
    <xsl:variable name="h" as="xs:double" select="max(($y1 - $y0, 12))"/>
    <xsl:variable name="r" as="xs:double" select="round($w div 120, 2)"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="$corpus"/>
      <xsl:with-param name="href" select="'map.html'"/>
      <xsl:with-param name="section" select="'map'"/>
      <xsl:with-param name="title" select="f:i18n('map-title')"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="f:i18n('map-title')"/></h1>
        <p><xsl:value-of select="f:i18n('map-intro')"/></p>
        <xsl:choose>
          <xsl:when test="empty($places)">
            <p><xsl:value-of select="f:i18n('map-none')"/></p>
          </xsl:when>
          <xsl:otherwise>
            <figure class="map">
              <svg xmlns="http://www.w3.org/2000/svg" class="map-svg" role="group"
                   aria-label="{f:i18n('map-label')}"
                   viewBox="{round($x0, 2)} {round(-$y1, 2)} {round($w, 2)} {round($h, 2)}"
                   preserveAspectRatio="xMidYMid meet">
                <rect class="map-sea" x="{round($x0, 2)}" y="{round(-$y1, 2)}" width="{round($w, 2)}" height="{round($h, 2)}"/>
                <xsl:copy-of select="$basemap/svg:svg/svg:g"/>
                <g class="map-places">
                  <xsl:for-each select="$places">
                    <xsl:variable name="c" as="xs:double*" select="f:coordinates((tei:location/tei:geo)[1])"/>
                    <a href="{f:entry-url(f:entry-key(.))}" id="map-{ancestor::k:doc[1]/@id}-{@xml:id}">
                      <circle class="map-marker" cx="{round($c[2], 3)}" cy="{round(-$c[1], 3)}" r="{$r}"/>
                      <text class="map-label" x="{round($c[2] + $r * 1.6, 3)}" y="{round(-$c[1] + $r, 3)}"
                            font-size="{round($r * 3.2, 2)}"><xsl:value-of select="f:entry-name(.)"/></text>
                    </a>
                  </xsl:for-each>
                </g>
              </svg>
              <figcaption><xsl:value-of select="f:i18n('map-label')"/></figcaption>
            </figure>
            <section aria-labelledby="map-list">
              <h2 id="map-list"><xsl:value-of select="f:i18n('map-list')"/></h2>
              <ul class="map-list">
                <xsl:for-each select="$places">
                  <xsl:sort select="lower-case(f:entry-name(.))"/>
                  <xsl:variable name="c" as="xs:double*" select="f:coordinates((tei:location/tei:geo)[1])"/>
                  <li>
                    <a href="{f:entry-url(f:entry-key(.))}"><xsl:value-of select="f:entry-name(.)"/></a>
                    <xsl:text> (</xsl:text>
                    <xsl:value-of select="format-number($c[1], '0.00') || ', ' || format-number($c[2], '0.00')"/>
                    <xsl:text>)</xsl:text>
                  </li>
                </xsl:for-each>
              </ul>
            </section>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
