"""The built site in a real browser (Debian's Chromium driven by Playwright) and in the
Nu Html Checker: pop-ups by keyboard, search, no console error, no request to
another host, axe-core (WCAG 2.2 AA) in light and dark schemes, 360 px, JavaScript off.

Never downloads a browser: Chromium must be at /usr/bin/chromium (Debian package).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from teiedition.serve import make_server, url_of
from tests.html_support import edition_site, page_text, source_text_nodes
from tests.support import ROOT

pytestmark = pytest.mark.slow

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TEXT = ROOT / "edition" / "karakhan-declarations.xml"

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def site() -> Path:
    return edition_site()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server = make_server(site, 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url_of(server)
    server.shutdown()
    server.server_close()


class Watch:
    """Console errors, page errors and requests to any host but 127.0.0.1."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname != "127.0.0.1":
            self.foreign.append(request.url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    context.close()


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "pagefind" not in p.parts)


def test_popup_opens_and_closes_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "karakhan-declarations.html")
    link = page.locator("#p2 a.mention-link[data-pop='pop-persons.karakhan']").first
    link.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog#popup")
    assert dialog.evaluate("d => d.open")
    assert "Lev Mikhailovich Karakhan" in dialog.inner_text()
    assert dialog.get_attribute("aria-labelledby") == "popup-title"
    assert page.evaluate("document.activeElement.classList.contains('popup-close')")
    entry = dialog.locator("a", has_text="Open the register entry")
    assert entry.get_attribute("href") == "persons/karakhan.html"
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.getAttribute('data-pop')") == "pop-persons.karakhan"
    # the close button works too, and a date has its own pop-up
    page.locator("#p1 .mention-date a").first.click()
    assert dialog.evaluate("d => d.open")
    assert "1917" in dialog.inner_text()
    page.locator(".popup-close").click()
    assert not dialog.evaluate("d => d.open")
    assert not page.watch.errors and not page.watch.foreign


def test_popup_shows_identifiers(page: Any, base_url: str) -> None:
    page.goto(base_url + "karakhan-declarations.html")
    page.locator("#p8 a[data-pop='pop-persons.stalin']").first.click()
    links = page.locator("dialog#popup .identifiers a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "https://www.wikidata.org/wiki/Q855" in hrefs
    assert "https://viaf.org/viaf/101787139" in hrefs


def test_search_finds_a_word(page: Any, base_url: str) -> None:
    page.goto(base_url + "search.html")
    page.fill("#search-q", "Tiflis")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li a", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
    assert any(h.endswith("/persons/karakhan.html#karakhan") for h in hrefs)
    assert "Tiflis" in page.inner_text("#search-results")
    assert "q=Tiflis" in page.url
    assert not page.watch.errors, page.watch.errors
    assert not page.watch.foreign


def test_header_search_form_leads_to_results(page: Any, base_url: str) -> None:
    page.goto(base_url + "persons/index.html")
    page.fill("#site-search-q", "Wellington")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li a", timeout=15000)
    assert "wellington-koo" in page.inner_html("#search-results")


def test_every_page_loads_without_errors_or_foreign_requests(page: Any, base_url: str,
                                                              site: Path) -> None:
    pages = site_pages(site)
    assert len(pages) > 50
    for name in pages:
        response = page.goto(base_url + name)
        assert response is not None and response.ok, name
    assert not page.watch.errors, page.watch.errors
    assert not page.watch.foreign, page.watch.foreign


def test_every_text_node_reaches_the_reading_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "karakhan-declarations.html")
    rendered = page_text(page.content())
    missing = [node for node in source_text_nodes(TEXT) if node not in rendered]
    assert not missing


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_no_serious_or_critical_violations(browser: Any, base_url: str, site: Path,
                                               scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install`")
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # to inject axe
    page = context.new_page()
    failures: list[str] = []
    try:
        for name in site_pages(site):
            page.goto(base_url + name)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("""async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values:
                  ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
                return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
            }""")
            failures.extend(f"{name}: {v}" for v in result)
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_popup_open_state_is_accessible(browser: Any, base_url: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install`")
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # to inject axe
        page = context.new_page()
        page.goto(base_url + "karakhan-declarations.html")
        page.locator("#p2 a[data-pop='pop-persons.karakhan']").first.click()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => (await axe.run(document.getElementById('popup')))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)""")
        context.close()
        assert not result, (scheme, result)


@pytest.mark.parametrize("name", ["karakhan-declarations.html", "persons/karakhan.html",
                                  "map.html", "chronology.html", "index.html", "search.html",
                                  "karakhan-declarations-about.html"])
def test_fits_360_px(browser: Any, base_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + name)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360, f"{name} is {width}px wide at a 360px viewport"


def test_works_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "karakhan-declarations.html")
    assert not page.locator("[data-toggles]").is_visible()
    assert "Immediately after the" in page.inner_text("main")
    page.click("#note1-ref")
    assert page.url.endswith("#note1")
    assert page.locator("#note1").is_visible()
    page.locator("#p2 a[data-pop='pop-persons.karakhan']").first.click()
    assert page.url.endswith("/persons/karakhan.html")
    assert page.locator("article#karakhan h1").inner_text() == "Lev Mikhailovich Karakhan"
    context.close()


def test_skip_link_and_visible_focus(page: Any, base_url: str) -> None:
    page.goto(base_url + "karakhan-declarations.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_html_is_valid(site: Path) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed: the Nu Html Checker (vnu.jar) needs it")
    if not VNU.is_file():
        pytest.skip("vnu-jar is not installed: run `npm install`")
    pages = [str(site / name) for name in site_pages(site)]
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m.get('message')}" for m in messages
              if m.get("type") == "error"]
    assert not errors, "\n".join(errors[:30])
    assert run.returncode == 0


def test_cite_paragraph_by_keyboard_and_copy_to_clipboard(browser: Any, base_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch(page)
    try:
        page.goto(base_url + "karakhan-declarations.html")
        box = page.locator("details#cite-p3")
        assert not box.evaluate("d => d.open")
        page.locator("#cite-p3 > summary").focus()
        page.keyboard.press("Enter")
        assert box.evaluate("d => d.open")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('data-copy')")
        assert focused == "cite-p3-chicago"
        page.keyboard.press("Enter")
        status = page.locator("#cite-p3 .cite-status")
        status.filter(has_text="copied").wait_for(timeout=5000)
        assert status.inner_text() == "The Chicago citation was copied to the clipboard."
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#cite-p3-chicago").inner_text()
        assert "#p3" in copied and "1.1.0" in copied and "¶ 3" in copied
        # the MLA button copies the MLA text
        page.locator("#cite-p3 button[data-copy='cite-p3-mla']").click()
        status.filter(has_text="MLA").wait_for(timeout=5000)
        assert page.evaluate("navigator.clipboard.readText()") == page.locator(
            "#cite-p3-mla").inner_text()
        assert not watch.errors and not watch.foreign, (watch.errors, watch.foreign)
    finally:
        context.close()


def test_cite_boxes_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "karakhan-declarations.html")
    page.locator("#cite-p3 > summary").click()
    assert page.locator("#cite-p3-apa").is_visible()
    assert "#p3" in page.locator("#cite-p3-apa").inner_text()
    assert not page.locator("#cite-p3 button.cite-copy").first.is_visible()  # needs the script
    page.locator("#cite-edition > summary").click()
    assert page.locator("#cite-edition-chicago").is_visible()
    context.close()


def test_open_cite_boxes_are_accessible_and_fit_360_px(browser: Any, base_url: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install`")
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, bypass_csp=True,  # to inject axe
                                      viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(base_url + "karakhan-declarations.html")
        page.locator("#cite-p3 > summary").click()
        page.locator("#cite-edition > summary").click()
        width = page.evaluate("document.documentElement.scrollWidth")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => (await axe.run(
              {include: [['#cite-p3'], ['#cite-edition']]}))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
        context.close()
        assert width <= 360, (scheme, width)
        assert not result, (scheme, result)


# Search to the paragraph ===========================================================

TYPE_LABELS = {"Text ¶", "Editorial note", "Figure", "Text heading", "Page", "Person", "Place",
               "Organisation", "Event", "Treaty or document", "Work cited"}


def search_for(page: Any, base_url: str, query: str) -> int:
    """Search from the search page; return the number of results the status announces."""
    page.goto(base_url + "search.html")
    page.fill("#search-q", query)
    page.keyboard.press("Enter")
    page.locator("#search-status").filter(has_text=re.compile(r"^\d+ results? for")).wait_for(
        timeout=15000)
    return int(page.inner_text("#search-status").split()[0])


def results(page: Any) -> list[dict[str, str]]:
    return page.eval_on_selector_all("#search-results li", """items => items.map(li => ({
        type: li.querySelector('.search-type').textContent,
        href: li.querySelector('a').getAttribute('href'),
        title: li.querySelector('a').textContent,
        excerpt: li.querySelector('.search-excerpt').textContent}))""")


def test_search_leads_to_the_paragraph(page: Any, base_url: str) -> None:
    word = "czarist"  # in ¶ 2: "treaties that the czarist government had forced on China"
    tei = TEXT.read_text(encoding="utf-8")
    p2 = tei[tei.index('n="2"'):tei.index('n="3"')]
    assert word in p2
    search_for(page, base_url, word)
    found = results(page)
    hit = next(r for r in found if r["href"].endswith("karakhan-declarations.html#p2"))
    assert found[0] == hit  # the reading text first
    assert hit["type"] == "Text ¶" and hit["title"].endswith("¶ 2")
    assert word in hit["excerpt"].lower()
    assert page.locator("#search-results li").first.locator("mark").count() >= 1
    page.locator("#search-results li a").first.click()
    page.wait_for_url("**/karakhan-declarations.html#p2")
    top = page.locator("#p2").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2  # scrolled to the paragraph
    assert not page.watch.errors and not page.watch.foreign


def test_search_ranks_the_text_above_the_registers(page: Any, base_url: str) -> None:
    search_for(page, base_url, "Boxer")
    types = [r["type"] for r in results(page)]
    text = [i for i, t in enumerate(types) if t in ("Text ¶", "Figure", "Text heading")]
    others = [i for i, t in enumerate(types) if t not in ("Text ¶", "Figure", "Text heading",
                                                          "Editorial note")]
    assert text and others and max(text) < min(others)
    assert "Editorial note" in types


def test_search_results_carry_type_labels_and_clean_excerpts(page: Any, base_url: str) -> None:
    search_for(page, base_url, "Wikimedia")
    found = results(page)
    assert found and all(r["type"] in TYPE_LABELS for r in found)
    assert any(r["type"] == "Work cited" for r in found)
    for r in found:
        assert "PublisherWikimedia" not in r["excerpt"] and "Publisher" not in r["excerpt"]


def test_search_type_filters_narrow_the_results(page: Any, base_url: str) -> None:
    total = search_for(page, base_url, "Karakhan")
    boxes = page.locator("#search-filter-list input")
    labels = page.locator("#search-filter-list label").all_inner_texts()
    assert boxes.count() >= 3 and any(label.startswith("Text ¶") for label in labels)
    assert sum(int(label.rsplit("(", 1)[1].rstrip(")")) for label in labels) == total
    # keyboard: Tab to the "Person" box, Space
    person = page.locator("#search-type-person")
    expected = int(next(lab for lab in labels if lab.startswith("Person")).rsplit("(", 1)[1][:-1])
    person.focus()
    page.keyboard.press("Space")
    playwright_api.expect(page.locator("#search-results li")).to_have_count(expected)
    assert int(page.inner_text("#search-status").split()[0]) == expected < total
    assert {r["type"] for r in results(page)} == {"Person"}
    assert page.evaluate("document.activeElement.id") == "search-type-person"
    assert "type=person" in page.url
    page.keyboard.press("Space")  # unchecked: every result again
    page.locator("#search-status").filter(has_text=f"{total} results").wait_for(timeout=15000)


def test_every_search_result_is_reachable(page: Any, base_url: str) -> None:
    total = search_for(page, base_url, "the")
    assert total > 20  # more than one batch
    more = page.locator("#search-more")
    while more.is_visible():
        shown = page.locator("#search-results li").count()
        more.click()
        page.locator("#search-results li").nth(shown).wait_for()
    hrefs = [r["href"] for r in results(page)]
    assert len(hrefs) == total == len(set(hrefs))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_are_accessible(browser: Any, base_url: str, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install`")
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)  # to inject axe
    page = context.new_page()
    try:
        page.goto(base_url + "search.html?q=the")
        page.locator("#search-more").wait_for(timeout=15000)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => (await axe.run(document))
            .violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
    finally:
        context.close()
    assert not result, result


# The map ============================================================================

def view_box(page: Any) -> list[float]:
    return [float(v) for v in page.get_attribute("#map-svg", "viewBox").split()]


def test_map_zooms_and_pans_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "map.html")
    full = view_box(page)
    page.focus("#map-svg")
    page.keyboard.press("+")
    zoomed = view_box(page)
    assert zoomed[2] < full[2] and zoomed[3] < full[3]
    page.keyboard.press("ArrowLeft")
    assert view_box(page)[0] < zoomed[0] and view_box(page)[2] == zoomed[2]
    page.keyboard.press("-")
    assert view_box(page)[2] > zoomed[2]
    page.keyboard.press("+")
    page.keyboard.press("0")
    assert view_box(page) == full
    # the buttons do the same, and labels keep their size on screen
    size = page.locator(".map-label").first.evaluate("e => e.getBoundingClientRect().height")
    page.get_by_role("button", name="Zoom in").click()
    assert view_box(page)[2] < full[2]
    label = page.locator(".map-label").first
    assert abs(label.evaluate("e => e.getBoundingClientRect().height") - size) < 2
    assert not page.watch.errors


@pytest.mark.parametrize("width", [1280, 360])
def test_map_spans_the_content_and_is_readable(browser: Any, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + "map.html")
    svg = page.locator("#map-svg").evaluate("e => e.getBoundingClientRect().width")
    column = page.locator("main h1").evaluate("e => e.getBoundingClientRect().width")
    names = page.locator(".map-label").all_text_contents()
    heights = page.locator(".map-label").evaluate_all(
        "ls => ls.map(l => l.getBoundingClientRect().height)")
    context.close()
    assert abs(svg - column) <= 4, (svg, column)  # as wide as the text column
    assert {"Moscow", "Beijing", "Harbin", "Paris", "Tbilisi"} <= {n.strip() for n in names}
    assert min(heights) >= 12  # about 15 px type at every width


def test_map_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "map.html")
    assert not page.locator("[data-map-controls]").is_visible()
    assert page.locator("#map-svg").is_visible()
    assert page.locator(".map-label").count() == 5
    assert page.locator("figcaption").inner_text().count("today's") == 1
    context.close()
