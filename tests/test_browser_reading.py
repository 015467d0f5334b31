"""The reading page in a real browser (Debian's Chromium): the clean view by default and
highlighting on request (remembered), one unit per nested mention, side notes on wide
screens and note pop-ups on narrow ones, the light header, the ¶ citation affordance, the
About page's contents, and the print stylesheet.

Never downloads a browser: Chromium must be at /usr/bin/chromium (Debian package).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.test_browser_site import AXE, base_url, site  # noqa: F401  (pytest fixtures)

pytestmark = pytest.mark.slow

READING = "karakhan-declarations.html"
ABOUT = "karakhan-declarations-about.html"
CLEAR = ("rgba(0, 0, 0, 0)", "transparent")

# Everything that could mark a mention: its box and its link's decoration.
MARKS = """e => {
  const link = e.querySelector('a.mention-link');
  const s = getComputedStyle(e), l = getComputedStyle(link), b = getComputedStyle(e, '::before');
  const border = x => x.borderBottomStyle === 'none' ? 0 : parseFloat(x.borderBottomWidth);
  return {background: l.backgroundColor, box: s.backgroundColor, border: border(s) + border(l),
          line: l.borderBottomColor, shadow: s.boxShadow + l.boxShadow,
          decoration: l.textDecorationLine, shape: b.content};
}"""


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def clean(marks: dict[str, Any]) -> bool:
    return (marks["background"] in CLEAR and marks["box"] in CLEAR and marks["border"] == 0
            and marks["shadow"] == "nonenone" and marks["decoration"] == "none"
            and marks["shape"] in ("none", "normal"))


def test_clean_by_default_and_highlighting_is_remembered(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING)
    mentions = page.locator("main .mention")
    assert mentions.count() > 50
    # nothing marks any mention until the reader asks
    assert all(clean(m) for m in mentions.evaluate_all(f"es => es.map({MARKS})"))
    switch = page.locator("button[data-highlight]")
    assert switch.get_attribute("aria-pressed") == "false"
    assert not page.locator(".toggle-list").is_visible()
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    place = page.locator("#p1 .mention-place").first
    org = page.locator("#p1 .mention-org").first
    assert not clean(place.evaluate(MARKS)) and not clean(org.evaluate(MARKS))
    # a type turned off shows nothing, the others keep their marks
    page.locator("button[data-type='place']").click()
    assert clean(place.evaluate(MARKS)) and not clean(org.evaluate(MARKS))
    # both choices survive a reload
    page.reload()
    assert page.locator("button[data-highlight]").get_attribute("aria-pressed") == "true"
    assert page.locator("button[data-type='place']").get_attribute("aria-pressed") == "false"
    assert clean(page.locator("#p1 .mention-place").first.evaluate(MARKS))
    assert not clean(page.locator("#p1 .mention-org").first.evaluate(MARKS))
    # and highlighting off leaves nothing at all
    page.locator("button[data-highlight]").click()
    assert all(clean(m) for m in mentions.evaluate_all(f"es => es.map({MARKS})"))
    page.reload()
    assert page.locator("button[data-highlight]").get_attribute("aria-pressed") == "false"


def test_types_differ_in_colour_and_shape_in_both_schemes(browser: Any, base_url: str) -> None:  # noqa: F811
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url + READING)
        page.locator("button[data-highlight]").click()
        looks = {}
        for kind in ("person", "place", "org", "event", "treaty", "date"):
            m = page.locator(f"main .mention-{kind}").first.evaluate(MARKS)
            looks[kind] = (m["background"], m["line"], m["shape"])
        context.close()
        for part in range(3):  # every tint, every line colour, every shape differs
            values = [look[part] for look in looks.values()]
            assert len(set(values)) == len(values), (scheme, part, looks)


def test_a_nested_mention_is_one_unit(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING)
    outer = page.locator("#p1 .mention-org", has_text="Soviet government of Russia")
    assert outer.count() == 1
    links = outer.locator("a.mention-link")
    assert links.count() == 1
    assert links.get_attribute("data-pop").split() == ["pop-organisations.rsfsr", "pop-places.russia"]
    page.locator("button[data-highlight]").click()
    inner = outer.locator(".mention-inner")
    assert inner.inner_text() == "Russia"
    assert inner.evaluate("e => getComputedStyle(e).backgroundColor") in CLEAR
    # the tint runs on unbroken under the whole mention, the inner part included
    assert inner.evaluate("e => e.closest('a').parentElement.classList.contains('mention-org')")
    assert inner.evaluate("e => getComputedStyle(e, '::before').content") in ("none", "normal")
    links.click()
    dialog = page.locator("dialog#popup")
    assert dialog.evaluate("d => d.open")
    names = dialog.locator(".summary-name").all_inner_texts()
    assert len(names) == 2 and "Russia" in names[1]


def test_side_notes_beside_their_calls_at_1280(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING)
    page.wait_for_function("document.body.classList.contains('sidenotes')")
    assert not page.locator("section.notes").is_visible()
    notes = page.locator("aside.sidenote")
    calls = page.locator(".text-body a.noteref")
    assert notes.count() == calls.count() == 13
    text = page.locator(".text-body").bounding_box()

    def offsets() -> list[float]:
        """How far each note's top is from its call's (checking that the notes stand in
        the margin and do not overlap)."""
        previous_bottom = 0.0
        out = []
        for i in range(notes.count()):
            note, call = notes.nth(i).bounding_box(), calls.nth(i).bounding_box()
            assert note["x"] > text["x"] + text["width"], i  # in the margin, right of the text
            assert note["x"] + note["width"] <= 1280
            assert note["y"] >= previous_bottom, i  # never over the note before
            previous_bottom = note["y"] + note["height"]
            out.append(note["y"] - call["y"])
        return out

    # every note near its call, also where calls follow each other closely (notes 10 to 12
    # are called within two lines): a note may start a little above its call
    near = offsets()
    assert max(abs(d) for d in near) <= 40, near
    assert abs(near[0]) < 12 and abs(near[-1]) < 12
    # a call opens its whole note beside the text, at the call; the others make room
    page.locator("#note3-ref").click()
    assert page.evaluate("document.activeElement.classList.contains('sidenote')")
    assert page.evaluate("document.activeElement.classList.contains('sidenote-open')")
    assert "twelve variants" in page.evaluate("document.activeElement.innerText")
    page.wait_for_timeout(100)  # placed at the next frame
    opened = offsets()
    assert abs(opened[2]) < 12, opened
    assert notes.nth(2).bounding_box()["height"] > 2 * notes.nth(1).bounding_box()["height"]


def test_note_pop_up_at_360(browser: Any, base_url: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + READING)
    assert not page.locator("aside.sidenote").first.is_visible()
    page.locator("#note3-ref").click()
    dialog = page.locator("dialog#popup")
    assert dialog.evaluate("d => d.open")
    assert "Editorial note 3" in dialog.locator("#popup-title").inner_text()
    assert "twelve variants" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "note3-ref"
    assert page.url.endswith(READING)  # no jump to the endnotes
    context.close()


def test_header_is_light_at_360_and_one_line_at_1280(browser: Any, base_url: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + READING)
    assert page.locator("header.site-header").bounding_box()["height"] < 80
    assert page.locator("#p1").bounding_box()["y"] < 740  # the text starts on the first screen
    assert not page.locator("header nav").is_visible()
    page.locator(".site-menu > summary").click()
    assert page.locator("header nav a", has_text="Chronology").is_visible()
    page.locator(".nav-group > summary").click()
    assert page.locator("header nav a", has_text="Persons").is_visible()
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + READING)
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 60
    assert page.locator("header nav a", has_text="Chronology").is_visible()
    assert page.locator("#site-search-q").is_visible()
    assert not page.locator("header nav a", has_text="Persons").is_visible()  # in the menu
    page.locator(".nav-group > summary").click()
    assert page.locator("header nav a", has_text="Persons").is_visible()
    context.close()


@pytest.mark.parametrize("name", ["index.html", READING, "karakhan-declarations-about.html"])
def test_the_edition_title_is_shown_once(browser: Any, base_url: str, name: str) -> None:  # noqa: F811
    """The header names the edition; the page shows its title no second time, yet has one
    h1 (hidden from sight when it is the title) for assistive technology."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + name)
    title = page.locator(".site-title").inner_text()
    shown = page.locator("main").evaluate(
        "m => { const r = document.createRange(); const out = []; "
        "const w = document.createTreeWalker(m, NodeFilter.SHOW_TEXT); "
        "while (w.nextNode()) { const e = w.currentNode.parentElement; "
        "if (e.closest('.visually-hidden') || !e.checkVisibility()) continue; "
        "r.selectNodeContents(w.currentNode); "
        "const b = r.getBoundingClientRect(); if (b.width > 2 && b.height > 2) "
        "out.push(w.currentNode.textContent); } return out.join(' ').replace(/\\s+/g, ' '); }")
    assert title not in shown
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() != ""
    context.close()


def test_menus_work_without_javascript(browser: Any, base_url: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + READING)
    mentions = page.locator("main .mention")
    assert all(clean(m) for m in mentions.evaluate_all(f"es => es.map({MARKS})"))  # clean text
    page.locator(".site-menu > summary").click()
    page.locator(".nav-group > summary").click()
    page.locator("header nav a", has_text="Persons").click()
    assert page.url.endswith("/persons/index.html")
    context.close()


def test_paragraph_number_opens_its_citation(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING)
    summary = page.locator("#cite-p3 > summary")
    para = page.locator("#p3").bounding_box()
    box = summary.bounding_box()
    assert box["x"] + box["width"] <= para["x"]  # in the margin
    assert abs(box["y"] - para["y"]) < 10  # beside the first line
    # a closed box takes no room between paragraphs
    gap = page.locator("#p4").bounding_box()["y"] - (para["y"] + para["height"])
    assert gap < 30
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#cite-p3-chicago").is_visible()


def test_about_page_has_contents(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + ABOUT)
    links = page.locator("nav.about-contents a")
    assert links.count() >= 5
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href")
        assert target.startswith("#")
        assert page.locator(target).evaluate("e => e.tagName") == "H2", target
        assert page.locator(target).inner_text() == links.nth(i).inner_text()
    headings = page.locator("section.principle h3")
    assert headings.count() >= 3
    assert headings.first.evaluate("e => getComputedStyle(e).display") == "block"
    # the plain-language principles come before the technical details
    order = page.evaluate("[...document.querySelectorAll('main h2')].map(h => h.id)")
    assert order.index("about-principles") < order.index("about-technical")
    principles = page.locator("section[aria-labelledby='about-principles']").inner_text()
    assert "Correction" in principles and "Interpretation" in principles
    assert "<" not in principles and "@" not in principles
    technical = page.locator("section[aria-labelledby='about-technical']").inner_text()
    assert "<persName>" in technical and "@when" in technical
    assert "angle brackets" in technical  # the notation is explained


def test_print_has_no_highlight_and_prints_urls(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING)
    page.locator("button[data-highlight]").click()  # even when the reader highlighted
    page.emulate_media(media="print")
    mentions = page.locator("main .mention")
    assert all(clean(m) for m in mentions.evaluate_all(f"es => es.map({MARKS})"))
    assert page.locator("section.notes").is_visible()
    assert not page.locator("aside.sidenote").first.is_visible()
    assert not page.locator("header.site-header").is_visible()
    assert page.locator(".text-header h1").bounding_box()["width"] > 100  # the title on paper
    link = page.locator("section.notes a.ref").first
    after = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert link.evaluate("e => e.href") in after and after.startswith('" <')
    mention = page.locator("#p1 a.mention-link").first
    assert mention.evaluate("e => getComputedStyle(e, '::after').content") in ("none", "normal")


def test_menus_close_by_escape_and_outside_click(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING)
    registers = page.locator(".nav-group")
    page.locator(".nav-group > summary").focus()
    page.keyboard.press("Enter")
    assert registers.evaluate("d => d.open")
    page.keyboard.press("Tab")  # into the menu
    assert page.evaluate("document.activeElement.closest('.nav-group') !== null")
    page.keyboard.press("Escape")
    assert not registers.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.parentElement.classList.contains('nav-group')")
    page.locator(".nav-group > summary").click()
    page.locator("#p1").click()
    assert not registers.evaluate("d => d.open")


def test_an_address_naming_a_note_shows_it_beside_the_text(context: Any, base_url: str) -> None:  # noqa: F811
    page = context.new_page()
    page.goto(base_url + READING + "#note7")
    page.wait_for_function("document.activeElement.classList.contains('sidenote')")
    active = page.evaluate("document.activeElement.className")
    assert "sidenote" in active and "sidenote-open" in active
    assert page.evaluate("document.activeElement.querySelector('.sidenote-number').textContent") == "7"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_highlighted_text_and_open_menus_are_accessible(browser: Any, base_url: str,  # noqa: F811
                                                        scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: run `npm install`")
    failures = []
    for width in (1280, 360):
        context = browser.new_context(color_scheme=scheme, bypass_csp=True,  # to inject axe
                                      viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(base_url + READING)
        page.locator("button[data-highlight]").click()
        if width == 360:
            page.locator(".site-menu > summary").click()
        page.locator(".nav-group > summary").click()
        page.add_script_tag(path=str(AXE))
        failures += page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values:
              ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""")
        context.close()
    assert not failures, failures
