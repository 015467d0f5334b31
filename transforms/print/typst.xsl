<?xml version="1.0" encoding="UTF-8"?>
<!-- Typst markup from the book (mode m:typst): the book that mode m:print builds from the
     content layer (HTML elements with the content layer's classes) written as Typst
     markup that calls the functions of print/edition.typ.

     Safety: every text node and every attribute value goes through f:typst-text (markup)
     or f:typst-string (a string literal in code); nothing else from the TEI is written.
     f:typst-text writes the words as a string literal, so no TEI value can become code,
     math, a label, a reference, a comment or a shorthand. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="urn:teiedition:functions"
  xmlns:m="urn:teiedition:modes"
  xmlns:t="urn:teiedition:templates"
  exclude-result-prefixes="#all">

  <!-- Elements the serializer does not know: their content. -->
  <xsl:mode name="m:typst" on-no-match="shallow-skip"/>

  <!-- The one escaping function for text in markup: whitespace (newlines included, so no
       paragraph break and no line-start syntax) collapsed to one space, and the words
       between written as a Typst string literal, #"…"; (f:typst-string). Typst prints a
       string as it is: nothing in it is markup, code, math, a label, a reference, a comment
       or a shorthand, so only a backslash and a double quote need escaping; the semicolon
       ends the expression, so no text after it can continue it. A space at either end
       stays markup, where it collapses with its neighbours as before. (Faster than escaping
       every ASCII punctuation character with a backslash, with the same PDF.) -->
  <xsl:function name="f:typst-text" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="spaced" as="xs:string" select="f:one-space($s)"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space($spaced)"/>
    <xsl:sequence select="if ($words = '') then $spaced
      else (if (starts-with($spaced, ' ')) then ' ' else '') || '#' || f:typst-string($words)
           || ';' || (if (ends-with($spaced, ' ')) then ' ' else '')"/>
  </xsl:function>

  <!-- Every run of whitespace (XML's four characters, NEL, line and paragraph separator)
       as one space. (Written with translate and normalize-space, which keep a space at
       either end: a regular expression over whitespace took most of the stylesheet's
       time.) -->
  <xsl:function name="f:one-space" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="t" as="xs:string" select="translate($s, '&#x85;&#x2028;&#x2029;', '   ')"/>
    <xsl:variable name="inner" as="xs:string" select="normalize-space($t)"/>
    <xsl:variable name="space" as="xs:string*" select="(' ', '&#9;', '&#10;', '&#13;')"/>
    <xsl:sequence select="if ($inner = '') then substring(' ', 1, string-length($t))
      else (if (substring($t, 1, 1) = $space) then ' ' else '') || $inner
           || (if (substring($t, string-length($t)) = $space) then ' ' else '')"/>
  </xsl:function>

  <!-- The one escaping function for strings in code: a Typst string literal (the regular
       expressions only for a value that holds a character to escape). -->
  <xsl:function name="f:typst-string" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="v" as="xs:string" select="string($s)"/>
    <xsl:sequence select="'&quot;' || (if (contains($v, '\') or contains($v, '&quot;')
                                          or contains($v, '&#10;') or contains($v, '&#13;'))
      then replace(replace(replace(replace($v, '\\', '\\\\'), '&quot;', '\\&quot;'),
                           '&#10;', '\\n'), '&#13;', '\\r')
      else $v) || '&quot;'"/>
  </xsl:function>

  <!-- A Typst array of strings: ("a", "b",). -->
  <xsl:function name="f:typst-strings" as="xs:string">
    <xsl:param name="values" as="xs:string*"/>
    <xsl:sequence select="'(' || string-join($values ! (f:typst-string(.) || ','), ' ') || ')'"/>
  </xsl:function>

  <!-- A language code Typst accepts (two or three letters, optional region), or (). -->
  <xsl:function name="f:typst-lang" as="xs:string?">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:variable name="parts" as="xs:string*" select="tokenize(lower-case(string($lang)), '-')"/>
    <!-- (most elements have no language: nothing to match then) -->
    <xsl:sequence select="if (empty($parts)) then ()
      else if (matches($parts[1], '^[a-z]{2,3}$'))
      then 'lang: ' || f:typst-string($parts[1])
           || (($parts[position() gt 1][matches(., '^[a-z]{2}$')])[1] ! (', region: ' || f:typst-string(.)))
      else ()"/>
  </xsl:function>

  <!-- Ids in the book, to link only to ids that occur once (a destination is one place;
       the PDF writer reports a link whose id has none). -->
  <xsl:key name="f:book-id" match="*[@id]" use="string(@id)"/>

  <!-- Text: a word with hyphens ("Sino-Soviet") in a box, so that no line breaks at its
       hyphen (pdftotext would join the halves and lose the hyphen from the text layer).
       Only the runs of words that hold a hyphen go through the regular expression: over
       a whole text node, its backtracking took a third of the time of writing the book as
       Typst. -->
  <xsl:template match="text()" mode="m:typst">
    <xsl:value-of select="f:typst-text(.)"/>
  </xsl:template>
  <xsl:template match="text()[contains(., '-')]" mode="m:typst">
    <xsl:variable name="spaced" as="xs:string" select="f:one-space(.)"/>
    <xsl:if test="starts-with($spaced, ' ')"><xsl:text> </xsl:text></xsl:if>
    <xsl:for-each-group select="tokenize(normalize-space($spaced), ' ')"
                        group-adjacent="contains(., '-')">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:analyze-string select="string-join(current-group(), ' ')" regex="\w+(-\w+)+">
            <xsl:matching-substring>
              <xsl:text>#box[</xsl:text>
              <xsl:value-of select="f:typst-text(.)"/>
              <xsl:text>]</xsl:text>
            </xsl:matching-substring>
            <xsl:non-matching-substring>
              <xsl:value-of select="f:typst-text(.)"/>
            </xsl:non-matching-substring>
          </xsl:analyze-string>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="f:typst-text(string-join(current-group(), ' '))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
    <xsl:if test="ends-with($spaced, ' ')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- A named destination for the element's id. -->
  <xsl:template name="t:ty-dest">
    <xsl:if test="normalize-space(@id) != ''">
      <xsl:text>#k-dest(</xsl:text>
      <xsl:value-of select="f:typst-string(@id)"/>
      <xsl:text>)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Content in brackets, in the element's language when it has one. -->
  <xsl:template name="t:ty-content">
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:variable name="lang" as="xs:string?" select="f:typst-lang(@lang)"/>
    <xsl:text>[</xsl:text>
    <xsl:if test="exists($lang)">#text(<xsl:value-of select="$lang"/>)[</xsl:if>
    <xsl:apply-templates select="$nodes" mode="m:typst"/>
    <xsl:if test="exists($lang)">]</xsl:if>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- A call of an edition.typ function on the element's content. -->
  <xsl:template name="t:ty-call">
    <xsl:param name="function" as="xs:string"/>
    <xsl:param name="args" as="xs:string?" select="()"/>
    <xsl:param name="nodes" as="node()*" select="node()"/>
    <xsl:param name="block" as="xs:boolean" select="false()"/>
    <xsl:if test="$block"><xsl:text>&#10;&#10;</xsl:text></xsl:if>
    <xsl:call-template name="t:ty-dest"/>
    <xsl:text>#</xsl:text>
    <xsl:value-of select="$function"/>
    <xsl:if test="exists($args)">(<xsl:value-of select="$args"/>)</xsl:if>
    <xsl:call-template name="t:ty-content">
      <xsl:with-param name="nodes" select="$nodes"/>
    </xsl:call-template>
    <xsl:if test="$block"><xsl:text>&#10;&#10;</xsl:text></xsl:if>
  </xsl:template>

  <!-- Blocks ========================================================================== -->

  <xsl:template match="head | script | style | img[not(@alt)]" mode="m:typst"/>

  <xsl:template match="section | div | main | nav | article | body | p | dl | li | dd" mode="m:typst" priority="-1">
    <xsl:text>&#10;&#10;</xsl:text>
    <!-- a part of the book starts a page, and its destination is on that page -->
    <xsl:if test="*[1][self::h1]">#pagebreak(weak: true)&#10;</xsl:if>
    <xsl:call-template name="t:ty-dest"/>
    <xsl:choose>
      <xsl:when test="f:typst-lang(@lang)">
        <xsl:call-template name="t:ty-call">
          <xsl:with-param name="function" select="'text'"/>
          <xsl:with-param name="args" select="f:typst-lang(@lang)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="m:typst"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="h1 | h2 | h3 | h4 | h5 | h6" mode="m:typst">
    <!-- the text's headings start at h2: a level higher, beside the book's parts -->
    <xsl:variable name="level" as="xs:integer"
      select="max((1, xs:integer(substring(local-name(), 2)) - (if (ancestor::main) then 1 else 0)))"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="t:ty-dest"/>
    <xsl:text>#heading(level: </xsl:text>
    <xsl:value-of select="$level"/>
    <xsl:if test="$level gt 2 or ancestor::section[@id = ('title-page', 'about')]">, outlined: false, bookmarked: true</xsl:if>
    <xsl:text>)</xsl:text>
    <xsl:call-template name="t:ty-content"/>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- A numbered paragraph: the number (the HTML's "¶ n") in the margin. -->
  <xsl:template match="*[tokenize(@class) = 'para']" mode="m:typst">
    <xsl:text>&#10;&#10;#k-para([</xsl:text>
    <xsl:value-of select="f:typst-text(normalize-space(a[@class = 'pnum']))"/>
    <xsl:text>])</xsl:text>
    <xsl:call-template name="t:ty-content">
      <xsl:with-param name="nodes" select="(a[@class = 'pnum'] ! t:dest-only(.)), node() except a[@class = 'pnum']"/>
    </xsl:call-template>
    <xsl:variable name="apps" as="element()*" select=".//span[tokenize(@class) = 'app']"/>
    <xsl:if test="exists($apps)">
      <xsl:text>&#10;#k-apparatus[</xsl:text>
      <xsl:for-each select="$apps">
        <xsl:text>#k-app-entry([</xsl:text>
        <xsl:value-of select="f:typst-text(f:app-key(.))"/>
        <xsl:text>], [</xsl:text>
        <xsl:apply-templates select="span[tokenize(@class) = 'lem']" mode="m:typst-reading"/>
        <xsl:text>], [</xsl:text>
        <xsl:for-each select="span[tokenize(@class) = 'rdgs']//span[tokenize(@class) = 'rdg']">
          <xsl:if test="position() gt 1">\; </xsl:if>
          <xsl:apply-templates select="." mode="m:typst-reading"/>
        </xsl:for-each>
        <xsl:text>])</xsl:text>
      </xsl:for-each>
      <xsl:text>]</xsl:text>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- Critical apparatus in a numbered paragraph: a second series of notes. The lemma stays
       in the text with a letter; the readings with their witnesses are set after the
       paragraph ("a word] A; voice B"). -->
  <xsl:function name="f:app-key" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="para" as="element()" select="$app/ancestor::*[tokenize(@class) = 'para'][1]"/>
    <xsl:variable name="n" as="xs:integer"
      select="count($para//span[tokenize(@class) = 'app'][. &lt;&lt; $app]) + 1"/>
    <xsl:sequence select="if ($n le 26) then codepoints-to-string(96 + $n) else string($n)"/>
  </xsl:function>

  <xsl:template match="span[tokenize(@class) = 'app'][ancestor::*[tokenize(@class) = 'para']]" mode="m:typst">
    <xsl:call-template name="t:ty-dest"/>
    <xsl:apply-templates select="span[tokenize(@class) = 'lem']/node()[not(f:is-wit(.))]" mode="m:typst"/>
    <xsl:text>#k-app-call[</xsl:text>
    <xsl:value-of select="f:typst-text(f:app-key(.))"/>
    <xsl:text>]</xsl:text>
    <xsl:apply-templates select="* except span[tokenize(@class) = ('lem', 'rdgs')]" mode="m:typst"/>
  </xsl:template>

  <!-- A reading's witnesses, and the space before them. -->
  <xsl:function name="f:is-wit" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::span[tokenize(@class) = 'wit'])
      or exists($node/self::text()[not(normalize-space())][following-sibling::node()[1][self::span[tokenize(@class) = 'wit']]])"/>
  </xsl:function>

  <xsl:mode name="m:typst-reading" on-no-match="shallow-skip"/>
  <!-- A reading in the apparatus: its text, then its witnesses in italics. -->
  <xsl:template match="span" mode="m:typst-reading">
    <xsl:apply-templates select="node()[not(f:is-wit(.))]" mode="m:typst"/>
    <xsl:for-each select="span[tokenize(@class) = 'wit']">
      <xsl:text> #emph[</xsl:text>
      <xsl:value-of select="f:typst-text(.)"/>
      <xsl:text>]</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- The paragraph's destination goes inside it (the margin number's position). -->
  <xsl:function name="t:dest-only" as="element()">
    <xsl:param name="pnum" as="element()"/>
    <dest id="{$pnum/../@id}"/>
  </xsl:function>
  <xsl:template match="dest" mode="m:typst">
    <xsl:call-template name="t:ty-dest"/>
  </xsl:template>
  <xsl:template match="*[tokenize(@class) = 'para']/@id" mode="m:typst"/>

  <xsl:template match="figure" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-figure'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="figcaption | caption" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-caption'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="div[tokenize(@class) = 'image-missing']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-missing'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="img" mode="m:typst">
    <xsl:text>#k-missing[</xsl:text>
    <xsl:value-of select="f:typst-text(@alt)"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="blockquote" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'quote'"/>
      <xsl:with-param name="args" select="'block: true'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Verse, drama, letters. -->
  <xsl:template match="div[tokenize(@class) = 'lg']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-lg'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="div[tokenize(@class) = 'l']" mode="m:typst">
    <xsl:variable name="n" as="xs:string" select="normalize-space(span[@class = 'lnum'][1])"/>
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-line'"/>
      <xsl:with-param name="args" select="if ($n castable as xs:integer and xs:integer($n) mod 5 = 0)
                                          then '[' || f:typst-text($n) || ']' else 'none'"/>
      <xsl:with-param name="nodes" select="node() except span[@class = 'lnum'][1]"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="span[tokenize(@class) = 'lnum']" mode="m:typst"/>
  <xsl:template match="div[tokenize(@class) = 'sp']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-speech'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*[tokenize(@class) = 'speaker']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-speaker'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*[tokenize(@class) = 'stage']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="if (self::span) then 'k-stage' else 'k-stage-block'"/>
      <xsl:with-param name="block" select="not(self::span)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="div[tokenize(@class) = ('opener', 'salute', 'signed')]
                       | div[tokenize(@class) = ('tei-opener', 'tei-salute', 'tei-signed')]" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-opener'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="div[tokenize(@class) = ('closer', 'tei-closer')]" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-closer'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*[tokenize(@class) = ('dateline', 'tei-dateline')]" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-dateline'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Lists: other children (a heading) before the list, the items as its arguments. -->
  <xsl:template match="ul | ol" mode="m:typst">
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="t:ty-dest"/>
    <xsl:apply-templates select="* except li" mode="m:typst"/>
    <xsl:if test="li">
      <xsl:text>#</xsl:text>
      <xsl:value-of select="if (self::ol) then 'enum' else 'list'"/>
      <xsl:text>(</xsl:text>
      <xsl:for-each select="li">
        <xsl:call-template name="t:ty-content"/>
        <xsl:text>, </xsl:text>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="dt" mode="m:typst">
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'strong'"/>
    </xsl:call-template>
    <xsl:text>\: </xsl:text>
  </xsl:template>
  <xsl:template match="dd" mode="m:typst">
    <xsl:call-template name="t:ty-dest"/>
    <xsl:apply-templates mode="m:typst"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Tables: rows padded to the widest. -->
  <xsl:template match="table" mode="m:typst">
    <xsl:variable name="rows" as="element()*" select="(tr | */tr)"/>
    <xsl:variable name="columns" as="xs:integer" select="max((1, $rows ! count(th | td)))"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="t:ty-dest"/>
    <xsl:apply-templates select="caption" mode="m:typst"/>
    <!-- ragged cells (justified narrow cells open wide gaps); the chronology's middle
         column, which holds the running text, gets the room -->
    <xsl:text>#[#set par(justify: false)&#10;#table(columns: </xsl:text>
    <xsl:value-of select="if (contains-token(@class, 'chronology-table') and $columns = 3)
                          then '(1fr, 2fr, 1fr)' else string($columns)"/>
    <xsl:text>, stroke: none, inset: (x: 3pt, y: 4pt), align: left, </xsl:text>
    <xsl:if test="thead/tr">
      <xsl:text>table.header(</xsl:text>
      <xsl:for-each select="thead/tr">
        <xsl:call-template name="t:ty-row"><xsl:with-param name="columns" select="$columns"/></xsl:call-template>
      </xsl:for-each>
      <xsl:text>), table.hline(stroke: 0.4pt), </xsl:text>
    </xsl:if>
    <xsl:for-each select="$rows[not(parent::thead)]">
      <xsl:call-template name="t:ty-row"><xsl:with-param name="columns" select="$columns"/></xsl:call-template>
    </xsl:for-each>
    <xsl:text>)]&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="t:ty-row">
    <xsl:param name="columns" as="xs:integer"/>
    <xsl:for-each select="th | td">
      <xsl:call-template name="t:ty-content">
        <xsl:with-param name="nodes" select="(if (position() = 1) then ../@id ! t:dest-of(..) else ()), node()"/>
      </xsl:call-template>
      <xsl:text>, </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="count(th | td) + 1 to $columns">[], </xsl:for-each>
  </xsl:template>
  <xsl:function name="t:dest-of" as="element()">
    <xsl:param name="element" as="element()"/>
    <dest id="{$element/@id}"/>
  </xsl:function>

  <!-- Phrases ========================================================================= -->

  <xsl:template match="span | time | abbr | small | q[false()]" mode="m:typst" priority="-1">
    <xsl:call-template name="t:ty-dest"/>
    <xsl:choose>
      <xsl:when test="f:typst-lang(@lang)">
        <xsl:call-template name="t:ty-call">
          <xsl:with-param name="function" select="'text'"/>
          <xsl:with-param name="args" select="f:typst-lang(@lang)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="m:typst"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="em | i | cite | dfn | var" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'emph'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="b | strong" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'strong'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="code | kbd | samp" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'k-code'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="sup" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'super'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="sub" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'sub'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="del | s" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'strike'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="ins | u" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'underline'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="q" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'quote'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="br | span[tokenize(@class) = 'lb']" mode="m:typst">
    <xsl:text>#linebreak()</xsl:text>
  </xsl:template>
  <!-- A name in a register (original scripts too): not broken across lines, unless it is
       too long for one. -->
  <xsl:template match="span[tokenize(@class) = 'name'][string-length(normalize-space(.)) le 40]" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'box'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="span[tokenize(@class) = 'label']" mode="m:typst">
    <xsl:call-template name="t:ty-call"><xsl:with-param name="function" select="'k-label'"/></xsl:call-template>
  </xsl:template>

  <!-- Links: inside the book to an id that occurs once; outside to http(s) and mailto. -->
  <xsl:template match="a" mode="m:typst">
    <xsl:variable name="href" as="xs:string" select="string(@href)"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, '#') and count(key('f:book-id', substring($href, 2))) = 1
                      and normalize-space(.) != ''">
        <xsl:call-template name="t:ty-call">
          <xsl:with-param name="function" select="'k-link'"/>
          <xsl:with-param name="args" select="f:typst-string(substring($href, 2))"/>
        </xsl:call-template>
      </xsl:when>
      <!-- a printed URL: no line break inside its domain -->
      <xsl:when test="matches($href, '^https?://[^/\s]+', 'i') and normalize-space(.) = $href">
        <xsl:call-template name="t:ty-dest"/>
        <xsl:text>#link(</xsl:text>
        <xsl:value-of select="f:typst-string($href)"/>
        <xsl:text>)[#box[</xsl:text>
        <xsl:value-of select="f:typst-text(replace($href, '^(https?://[^/\s]+).*$', '$1', 'i'))"/>
        <xsl:text>]</xsl:text>
        <xsl:value-of select="f:typst-text(replace($href, '^https?://[^/\s]+', '', 'i'))"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:when test="matches($href, '^(https?:|mailto:)', 'i') and normalize-space(.) != ''">
        <xsl:call-template name="t:ty-call">
          <xsl:with-param name="function" select="'link'"/>
          <xsl:with-param name="args" select="f:typst-string($href)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t:ty-dest"/>
        <xsl:apply-templates mode="m:typst"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Mentions: what the index counts, with a destination. -->
  <xsl:template match="span[tokenize(@class) = 'mention']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-mention'"/>
      <xsl:with-param name="args" select="f:typst-strings(tokenize(string(@data-keys))) || ', '
                                          || (if (normalize-space(@data-unit)) then f:typst-string(@data-unit) else 'none')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Footnotes: the call's destination, then the note with the HTML's number and the id
       of its call (which the note's number links back to). -->
  <xsl:template match="a[tokenize(@class) = 'noteref']" mode="m:typst">
    <xsl:call-template name="t:ty-dest"/>
  </xsl:template>
  <xsl:template match="a[tokenize(@class) = 'footnote-back']" mode="m:typst"/>
  <xsl:template match="span[tokenize(@class) = 'footnote']" mode="m:typst">
    <xsl:variable name="n" as="xs:string" select="normalize-space(a[@class = 'footnote-back'])"/>
    <xsl:variable name="back" as="xs:string" select="substring(string(a[@class = 'footnote-back']/@href), 2)"/>
    <xsl:text>#k-note(</xsl:text>
    <xsl:value-of select="if ($n castable as xs:integer) then xs:integer($n) else 'none'"/>
    <xsl:text>, </xsl:text>
    <xsl:value-of select="if ($back != '' and count(key('f:book-id', $back)) = 1) then f:typst-string($back) else 'none'"/>
    <xsl:text>)</xsl:text>
    <xsl:call-template name="t:ty-content">
      <xsl:with-param name="nodes" select="t:dest-of(.), node()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="span[tokenize(@class) = 'note-block']" mode="m:typst">
    <xsl:call-template name="t:ty-dest"/>
    <xsl:apply-templates mode="m:typst"/>
    <xsl:if test="following-sibling::node()"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Book furniture built by mode m:print. -->
  <!-- The title page: ragged right (long addresses would open gaps in justified lines). -->
  <xsl:template match="section[@id = 'title-page']" mode="m:typst">
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="t:ty-dest"/>
    <xsl:text>#[#set par(justify: false)&#10;</xsl:text>
    <xsl:apply-templates mode="m:typst"/>
    <xsl:text>&#10;]&#10;&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="typst-outline" mode="m:typst">
    <xsl:text>&#10;&#10;#outline(title: none, depth: 2)&#10;&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="typst-pagebreak" mode="m:typst">
    <xsl:text>&#10;&#10;#pagebreak(weak: true)&#10;&#10;</xsl:text>
  </xsl:template>
  <xsl:template match="index-refs" mode="m:typst">
    <xsl:text>#k-index-refs(</xsl:text>
    <xsl:value-of select="f:typst-string(@key)"/>
    <xsl:text>, [</xsl:text>
    <xsl:value-of select="f:typst-text(@para-word)"/>
    <xsl:text>], [</xsl:text>
    <xsl:value-of select="f:typst-text(@page-word)"/>
    <xsl:text>])</xsl:text>
  </xsl:template>
  <xsl:template match="*[tokenize(@class) = 'index-entry']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-index-entry'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="article[tokenize(@class) = 'entry'] | div[tokenize(@class) = 'work']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-entry'"/>
      <xsl:with-param name="block" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="*[tokenize(@class) = 'entry-name']" mode="m:typst">
    <xsl:call-template name="t:ty-call">
      <xsl:with-param name="function" select="'k-entry-name'"/>
    </xsl:call-template>
    <xsl:text> </xsl:text>
  </xsl:template>
</xsl:stylesheet>
