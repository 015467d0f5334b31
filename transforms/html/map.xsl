<?xml version="1.0" encoding="UTF-8"?>
<!-- The map page: the places with coordinates (location/geo, "lat lon") drawn on the
     basemap given in $basemap (drawn in degrees: x = longitude, y = -latitude), each marker a
     link to the place's page; the same places as a list; the places of the register without
     coordinates named, so that a reader knows why they are not drawn.

     The map is cropped around the places (with a margin, widened or heightened to an
     aspect between $f:map-aspect-min and $f:map-aspect-max) and scaled to a viewBox
     $f:map-width units wide, whatever the area: the label and marker sizes of map.css are
     then the same for every edition. map.js adds zoom and pan (buttons, keys, wheel, drag)
     by changing the viewBox; without it the whole map is shown. -->
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

  <xsl:variable name="f:map-width" as="xs:double" select="1000"/>
  <xsl:variable name="f:map-aspect-min" as="xs:double" select="1.25"/>
  <xsl:variable name="f:map-aspect-max" as="xs:double" select="2"/>

  <xsl:function name="f:coordinates" as="xs:double*">
    <xsl:param name="geo" as="element()"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(normalize-space($geo), '[\s,]+')"/>
    <xsl:sequence select="if (count($parts) = 2 and (every $p in $parts satisfies $p castable as xs:double)
                              and abs(xs:double($parts[1])) le 90 and abs(xs:double($parts[2])) le 180)
                          then (xs:double($parts[1]), xs:double($parts[2])) else ()"/>
  </xsl:function>

  <!-- Latitude and longitude of an entry's first usable geo, or (). -->
  <xsl:function name="f:entry-coordinates" as="xs:double*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="($entry/tei:location/tei:geo ! f:coordinates(.))[position() le 2]"/>
  </xsl:function>

  <xsl:function name="f:map-number" as="xs:string">
    <xsl:param name="value" as="xs:double"/>
    <xsl:sequence select="string(round($value, 2))"/>
  </xsl:function>

  <!-- Context: k:corpus. -->
  <xsl:template name="t:map-page">
    <xsl:variable name="corpus" as="element(k:corpus)" select="."/>
    <xsl:variable name="entries" as="element()*" select="k:doc[@kind = 'register']//*[@k:entry]"/>
    <xsl:variable name="places" as="element()*" select="$entries[exists(f:entry-coordinates(.))]"/>
    <xsl:variable name="unplotted" as="element()*"
      select="$entries[@k:kind = 'place' or self::tei:place][empty(f:entry-coordinates(.))]"/>
    <xsl:call-template name="t:page">
      <xsl:with-param name="corpus" select="$corpus"/>
      <xsl:with-param name="href" select="'map.html'"/>
      <xsl:with-param name="section" select="'map'"/>
      <xsl:with-param name="title" select="f:i18n('map-title')"/>
      <xsl:with-param name="modules" select="if (exists($places)) then 'map.js' else ()"/>
      <xsl:with-param name="content">
        <link rel="stylesheet" href="assets/map.css"/>
        <h1><xsl:value-of select="f:i18n('map-title')"/></h1>
        <p><xsl:value-of select="f:i18n('map-intro')"/></p>
        <xsl:choose>
          <xsl:when test="empty($places)">
            <p><xsl:value-of select="f:i18n('map-none')"/></p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t:map-figure">
              <xsl:with-param name="places" select="$places"/>
            </xsl:call-template>
            <section aria-labelledby="map-list">
              <h2 id="map-list"><xsl:value-of select="f:i18n('map-list')"/></h2>
              <ul class="map-list">
                <xsl:for-each select="$places">
                  <xsl:sort select="lower-case(f:entry-name(.))"/>
                  <xsl:variable name="c" as="xs:double*" select="f:entry-coordinates(.)"/>
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
        <xsl:if test="exists($unplotted)">
          <section aria-labelledby="map-unplotted">
            <h2 id="map-unplotted"><xsl:value-of select="f:i18n('map-unplotted')"/></h2>
            <p><xsl:value-of select="f:i18n('map-unplotted-intro')"/></p>
            <ul class="map-list map-unplotted">
              <xsl:for-each select="$unplotted">
                <xsl:sort select="lower-case(f:entry-name(.))"/>
                <li><a href="{f:entry-url(f:entry-key(.))}"><xsl:value-of select="f:entry-name(.)"/></a></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="t:map-figure">
    <xsl:param name="places" as="element()+"/>
    <xsl:variable name="lats" as="xs:double+" select="$places ! f:entry-coordinates(.)[1]"/>
    <xsl:variable name="lons" as="xs:double+" select="$places ! f:entry-coordinates(.)[2]"/>
    <!-- the places' box, with a margin of a tenth of its size (at least 4 degrees) -->
    <xsl:variable name="margin" as="xs:double"
      select="max((4, (max($lons) - min($lons)) div 10, (max($lats) - min($lats)) div 10))"/>
    <xsl:variable name="w0" as="xs:double" select="max($lons) - min($lons) + 2 * $margin"/>
    <xsl:variable name="h0" as="xs:double" select="max($lats) - min($lats) + 2 * $margin"/>
    <xsl:variable name="w" as="xs:double" select="min((360, max(($w0, $h0 * $f:map-aspect-min))))"/>
    <xsl:variable name="h" as="xs:double" select="min((170, max(($h0, $w div $f:map-aspect-max))))"/>
    <xsl:variable name="cx" as="xs:double" select="(max($lons) + min($lons)) div 2"/>
    <xsl:variable name="cy" as="xs:double" select="(max($lats) + min($lats)) div 2"/>
    <!-- west and north edges, kept on the globe -->
    <xsl:variable name="west" as="xs:double" select="max((-180, min((180 - $w, $cx - $w div 2))))"/>
    <xsl:variable name="north" as="xs:double" select="min((85, max((-85 + $h, $cy + $h div 2))))"/>
    <xsl:variable name="scale" as="xs:double" select="$f:map-width div $w"/>
    <xsl:variable name="height" as="xs:double" select="round($h * $scale)"/>
    <figure class="map" aria-labelledby="map-caption">
      <div class="map-controls" hidden="" data-map-controls="">
        <button type="button" data-zoom="in" aria-controls="map-svg"><span aria-hidden="true">+ </span><xsl:value-of select="f:i18n('map-zoom-in')"/></button>
        <button type="button" data-zoom="out" aria-controls="map-svg"><span aria-hidden="true">− </span><xsl:value-of select="f:i18n('map-zoom-out')"/></button>
        <button type="button" data-zoom="reset" aria-controls="map-svg"><xsl:value-of select="f:i18n('map-reset')"/></button>
        <p class="map-help" id="map-help"><xsl:value-of select="f:i18n('map-help')"/></p>
      </div>
      <div class="map-frame">
        <svg xmlns="http://www.w3.org/2000/svg" id="map-svg" class="map-svg" role="group"
             aria-label="{f:i18n('map-label')}"
             viewBox="0 0 {$f:map-width} {$height}" data-width="{$f:map-width}" data-height="{$height}"
             preserveAspectRatio="xMidYMid meet">
          <rect class="map-sea" x="{-$f:map-width}" y="{-$height}" width="{3 * $f:map-width}" height="{3 * $height}"/>
          <xsl:if test="exists($basemap/svg:svg/svg:g)">
            <g transform="matrix({$scale} 0 0 {$scale} {f:map-number(-$west * $scale)} {f:map-number($north * $scale)})">
              <xsl:copy-of select="$basemap/svg:svg/svg:g"/>
            </g>
          </xsl:if>
          <g class="map-places">
            <xsl:for-each select="$places">
              <xsl:sort select="f:entry-coordinates(.)[1]"/>
              <xsl:variable name="c" as="xs:double*" select="f:entry-coordinates(.)"/>
              <xsl:variable name="x" as="xs:double" select="($c[2] - $west) * $scale"/>
              <xsl:variable name="east" as="xs:boolean" select="$x gt $f:map-width * 0.8"/>
              <a href="{f:entry-url(f:entry-key(.))}" id="map-{ancestor::k:doc[1]/@id}-{@xml:id}" class="map-place">
                <circle class="map-marker" cx="{f:map-number($x)}" cy="{f:map-number(($north - $c[1]) * $scale)}" r="6"/>
                <text class="map-label" x="{f:map-number($x)}" y="{f:map-number(($north - $c[1]) * $scale)}"
                      dx="{if ($east) then '-0.6em' else '0.6em'}" dy="0.35em">
                  <xsl:if test="$east"><xsl:attribute name="text-anchor" select="'end'"/></xsl:if>
                  <xsl:value-of select="f:entry-name(.)"/>
                </text>
              </a>
            </xsl:for-each>
          </g>
        </svg>
      </div>
      <figcaption id="map-caption">
        <xsl:value-of select="f:i18n('map-caption')"/>
        <xsl:text> </xsl:text>
        <strong class="map-borders"><xsl:value-of select="f:i18n('map-borders')"/></strong>
        <xsl:if test="exists($basemap/svg:svg/svg:g)">
          <xsl:text> </xsl:text>
          <xsl:value-of select="f:i18n('map-credit')"/>
        </xsl:if>
      </figcaption>
    </figure>
  </xsl:template>
</xsl:stylesheet>
