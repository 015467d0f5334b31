<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared functions: localisation, safe links, register look-ups, dates. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:k="urn:teiedition:site"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  exclude-result-prefixes="#all">

  <xsl:variable name="f:strings" as="document-node()" select="doc('../i18n/' || $lang || '.xml')"/>
  <xsl:key name="f:string" match="*[@key]" use="@key"/>

  <!-- Register entries: key "register-id/entry-id". -->
  <xsl:key name="f:entry" match="*[@k:entry]" use="string(@k:entry)"/>
  <!-- Mentions (in texts and registers) by the entry they point to. -->
  <xsl:key name="f:mentions" match="*[@k:keys]" use="tokenize(@k:keys, ' ')"/>
  <!-- Elements with an xml:id, by "doc-id#xml:id". -->
  <xsl:key name="f:id" match="k:doc//*[@xml:id]" use="ancestor::k:doc[1]/@id || '#' || @xml:id"/>

  <!-- A UI string; an unknown key is an error (a typo must not ship). -->
  <xsl:function name="f:i18n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="s" as="element()?" select="key('f:string', $key, $f:strings)[1]"/>
    <xsl:if test="empty($s)">
      <xsl:message terminate="yes" error-code="f:i18n">no UI string "<xsl:value-of select="$key"/>" in i18n/<xsl:value-of select="$lang"/>.xml</xsl:message>
    </xsl:if>
    <xsl:sequence select="string($s)"/>
  </xsl:function>

  <xsl:function name="f:i18n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:sequence select="f:fill(f:i18n($key), $args, 1)"/>
  </xsl:function>

  <xsl:function name="f:fill" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:param name="i" as="xs:integer"/>
    <xsl:sequence select="if ($i gt count($args)) then $text
      else f:fill(replace($text, '\{' || $i || '\}', replace($args[$i], '([$\\])', '\\$1')), $args, $i + 1)"/>
  </xsl:function>

  <!-- A string of UI text if the key exists, else the fallback. -->
  <xsl:function name="f:i18n-or" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="fallback" as="xs:string"/>
    <xsl:variable name="s" as="element()?" select="key('f:string', $key, $f:strings)[1]"/>
    <xsl:sequence select="if (exists($s)) then string($s) else $fallback"/>
  </xsl:function>

  <!-- A source value made safe for @href: http(s) and mailto URLs and relative URLs pass;
       any other scheme (javascript:, data:, vbscript:, file: ...) and scheme-relative
       URLs (//host) give the empty sequence. -->
  <xsl:function name="f:safe-href" as="xs:string?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="v" as="xs:string" select="replace(string($value), '[\p{Cc}\s]+', '')"/>
    <xsl:sequence select="
      if ($v = '') then ()
      else if (matches($v, '^(https?|mailto):', 'i')) then $v
      else if (matches($v, '^[^/?#]*:')) then ()
      else if (matches($v, '^[/\\][/\\]')) then ()
      else $v"/>
  </xsl:function>

  <xsl:function name="f:entry" as="element()?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="key('f:entry', $key, root($context))[1]"/>
  </xsl:function>

  <!-- The href of an internal link to a register entry, as the medium makes it (hook
       m:entry-href); $root leads from the current page to the site root. -->
  <xsl:function name="f:entry-href" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="root" as="xs:string"/>
    <xsl:variable name="href" as="xs:string*">
      <xsl:apply-templates select="$key" mode="m:entry-href">
        <xsl:with-param name="root" tunnel="yes" select="$root"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="string-join($href)"/>
  </xsl:function>

  <!-- id of the pop-up template of an entry. -->
  <xsl:function name="f:pop-id" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="'pop-' || translate($key, '/', '.')"/>
  </xsl:function>

  <!-- The preferred name of an entry. -->
  <!-- The element that names an entry, in the interface language (model/model.xsl). -->
  <xsl:function name="f:entry-name-element" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="f:entry-name-element($entry, $lang)"/>
  </xsl:function>

  <!-- The preferred name of an entry, as stage 05 marked it (@k:name). -->
  <xsl:function name="f:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="($entry/@k:name, f:entry-name($entry, $lang))[1] ! string(.)"/>
  </xsl:function>

  <!-- Short title of a register: its title after the colon, without "register of". -->
  <xsl:function name="f:register-title" as="xs:string">
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:variable name="t" as="xs:string"
      select="normalize-space(($doc/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title,
                               $doc//tei:titleStmt/tei:title)[1])"/>
    <xsl:variable name="tail" as="xs:string"
      select="replace(if (contains($t, ': ')) then substring-after($t, ': ') else $t,
                      '^register of (the )?', '', 'i')"/>
    <xsl:sequence select="if ($tail = '') then string($doc/@id)
                          else upper-case(substring($tail, 1, 1)) || substring($tail, 2)"/>
  </xsl:function>

  <!-- The title of a text (header title). -->
  <xsl:function name="f:text-title" as="xs:string">
    <xsl:param name="doc" as="element(k:doc)"/>
    <xsl:variable name="t" as="element()?"
      select="($doc/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[not(@type = 'sub')])[1]"/>
    <xsl:sequence select="if (exists($t)) then normalize-space($t) else string($doc/@id)"/>
  </xsl:function>

  <!-- Relative prefix from a page to the site root ("" or "../", ...). -->
  <xsl:function name="f:root-for" as="xs:string">
    <xsl:param name="href" as="xs:string"/>
    <xsl:sequence select="string-join(for $i in 1 to count(tokenize($href, '/')) - 1 return '../', '')"/>
  </xsl:function>

  <!-- A label for a citable unit: "¶ 2", "note 3", "figure 1", or its id. -->
  <xsl:function name="f:unit-label" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      if ($unit/self::tei:p and $unit/@n) then f:i18n('paragraph', string($unit/@n))
      else if ($unit/self::tei:note and $unit/@k:n) then f:i18n('note-unit', string($unit/@k:n))
      else if ($unit/self::tei:figure and $unit/@k:n) then f:i18n('figure-unit', string($unit/@k:n))
      else if ($unit/@n) then string($unit/@n)
      else string($unit/@xml:id)"/>
  </xsl:function>

  <!-- The citable unit (element with xml:id) that contains a mention in a text. -->
  <xsl:function name="f:unit" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="if ($mention/@k:unit)
      then key('f:id', $mention/ancestor::k:doc[1]/@id || '#' || $mention/@k:unit, root($mention))[1]
      else ()"/>
  </xsl:function>

  <!-- Dates ============================================================================= -->

  <xsl:function name="f:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="
      if ($iso castable as xs:date) then format-date(xs:date($iso), '[D] [MNn] [Y]', $lang, (), ())
      else if (matches($iso, '^\d{4}-\d{2}$') and ($iso || '-01') castable as xs:date)
        then format-date(xs:date($iso || '-01'), '[MNn] [Y]', $lang, (), ())
      else if (matches($iso, '^\d{4}$')) then $iso
      else if ($iso castable as xs:dateTime) then format-dateTime(xs:dateTime($iso), '[D] [MNn] [Y], [H01]:[m01]', $lang, (), ())
      else $iso"/>
  </xsl:function>

  <!-- A readable statement of an element's normalised dates. -->
  <xsl:function name="f:date-text" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/@when) then f:format-iso($e/@when)
      else if ($e/@from and $e/@to) then f:i18n('date-range', (f:format-iso($e/@from), f:format-iso($e/@to)))
      else if ($e/@from) then f:i18n('date-from', f:format-iso($e/@from))
      else if ($e/@to) then f:i18n('date-to', f:format-iso($e/@to))
      else if ($e/@notBefore and $e/@notAfter)
        then f:i18n('date-between', (f:format-iso($e/@notBefore), f:format-iso($e/@notAfter)))
      else if ($e/@notBefore) then f:i18n('date-not-before', f:format-iso($e/@notBefore))
      else if ($e/@notAfter) then f:i18n('date-not-after', f:format-iso($e/@notAfter))
      else ()"/>
  </xsl:function>

  <!-- The ISO value of an element's normalised dates ("1921/1923" for spans). -->
  <xsl:function name="f:date-iso" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
      if ($e/@when) then string($e/@when)
      else if ($e/(@from|@notBefore) and $e/(@to|@notAfter))
        then ($e/@from, $e/@notBefore)[1] || '/' || ($e/@to, $e/@notAfter)[1]
      else ($e/@from, $e/@notBefore, $e/@to, $e/@notAfter)[1] ! string(.)"/>
  </xsl:function>

  <xsl:function name="f:date-sort-key" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string(($e/@when, $e/@from, $e/@notBefore, $e/@to, $e/@notAfter)[1])"/>
  </xsl:function>

  <xsl:function name="f:has-date" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(@when | @from | @to | @notBefore | @notAfter))"/>
  </xsl:function>

  <!-- A value for <time datetime> when the ISO value is one HTML accepts, else (). -->
  <xsl:function name="f:html-datetime" as="xs:string?">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:sequence select="if (matches(string($iso), '^\d{4}(-\d{2}(-\d{2})?)?$')) then $iso else ()"/>
  </xsl:function>

  <!-- Authority links ================================================================= -->

  <xsl:function name="f:idno-url" as="xs:string?">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="v" as="xs:string" select="normalize-space($idno)"/>
    <xsl:variable name="t" as="xs:string" select="lower-case(string($idno/@type))"/>
    <xsl:sequence select="
      if ($t = 'wikidata') then (if (matches($v, '^Q[0-9]+$')) then 'https://www.wikidata.org/wiki/' || $v else ())
      else if ($t = 'viaf') then (if (matches($v, '^[0-9]+$')) then 'https://viaf.org/viaf/' || $v else ())
      else if ($t = 'geonames') then (if (matches($v, '^[0-9]+$')) then 'https://www.geonames.org/' || $v else ())
      else if ($t = 'gnd') then (if (matches($v, '^[0-9X\-]+$')) then 'https://d-nb.info/gnd/' || $v else ())
      else if ($t = ('uri', 'url')) then f:safe-href($v)[matches(., '^https?:')]
      else ()"/>
  </xsl:function>

  <!-- Language name for a language tag. -->
  <xsl:function name="f:lang-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:sequence select="f:i18n-or('lang-' || $code, f:i18n-or('lang-' || substring-before($code || '-', '-'), $code))"/>
  </xsl:function>
</xsl:stylesheet>
