"""The built site in a real browser (Debian's Chromium driven by Playwright) and in the
Nu Html Checker: pop-ups by keyboard, search, no console error, no request to
another host, axe-core (WCAG 2.2 AA) in light and dark schemes, 360 px, JavaScript off.

Never downloads a browser: Chromium must be at /usr/bin/chromium (Debian package).
"""

from __future__ import annotations

import json
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
    assert any(h.endswith("/persons/karakhan.html") for h in hrefs)
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
