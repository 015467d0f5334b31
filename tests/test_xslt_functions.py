"""The shared XSLT functions (transforms/common/functions.xsl) called through saxonche, one
by one: safe links, dates, authority links, relative roots, interface strings."""

from __future__ import annotations

import pytest

from teiedition.errors import TransformError
from tests.support import call_xslt

DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
  <p><date when="1919-07-25"/><date from="1921" to="1923-05"/><date notAfter="1937-05"/>
  <idno type="Wikidata">Q2621</idno><idno type="wikidata">Q12x</idno><idno type="VIAF">123</idno>
  <idno type="URL">javascript:alert(1)</idno><idno type="URI">https://example.org/a</idno></p>
</body></text></TEI>"""


def call(expression: str, document: str = DOC) -> str:
    return call_xslt(expression, document, ["common/params.xsl", "common/hooks.xsl",
                                            "model/model.xsl", "common/functions.xsl"])


@pytest.mark.parametrize(("value", "safe"), [
    ("https://example.org/x?a=1", "https://example.org/x?a=1"),
    ("mailto:someone@example.org", "mailto:someone@example.org"),
    ("persons/karakhan.html#karakhan", "persons/karakhan.html#karakhan"),
    ("javascript:alert(1)", ""),
    (" JaVaScRiPt\t:alert(1)", ""),
    ("data:text/html,<script>", ""),
    ("//evil.example/", ""),
    ("\\\\evil.example/", ""),
])
def test_safe_href_lets_only_web_mail_and_relative_links_through(value: str, safe: str) -> None:
    assert call(f"string(f:safe-href('{value}'))") == safe


def test_dates_read_as_the_interface_language_says() -> None:
    assert call("//tei:date ! f:date-text(.)") == (
        "25 July 1919|1921 to May 1923|not after May 1937")
    assert call("//tei:date ! f:date-iso(.)") == "1919-07-25|1921/1923-05|1937-05"
    assert call("//tei:date ! f:html-datetime(f:date-iso(.))") == "1919-07-25|1937-05"


def test_authority_identifiers_link_only_when_well_formed() -> None:
    assert call("//tei:idno ! f:idno-url(.)") == (
        "https://www.wikidata.org/wiki/Q2621|https://viaf.org/viaf/123|https://example.org/a")


def test_root_for_leads_from_a_page_to_the_site_root() -> None:
    assert call("('index.html', 'persons/karakhan.html', 'a/b/c.html') ! f:root-for(.)") == (
        "|../|../../")


def test_an_unknown_interface_string_stops_the_transformation() -> None:
    assert call("f:i18n('paragraph', '3')") == "¶ 3"
    with pytest.raises(TransformError, match='no UI string "no-such-key"'):
        call("f:i18n('no-such-key')")
