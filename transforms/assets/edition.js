/* Karakhan edition: progressive enhancement of the reading and register pages.
   Without this script every mention is a plain link to its register entry and every
   note marker a link to its note. With it: highlight toggles per mention type, and a
   pop-up (a modal <dialog>: keyboard, touch, Escape, focus returned) with the register
   summary, filled from the page's <template id="pop-..."> elements. No inline code,
   no network request. */
(function () {
  "use strict";

  // The reader's choices are kept in localStorage (when the browser allows it).
  var store = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* not kept */ }
    }
  };
  var HIGHLIGHT = "teiedition.highlight";
  var HIDDEN_TYPES = "teiedition.highlight.hidden";

  // Highlighting: off by default (a clean reading view); the switch turns it on, each
  // type's button turns that type off or on again. Both are remembered.
  function setUpToggles() {
    var bar = document.querySelector("[data-toggles]");
    if (!bar) { return; }
    var body = document.body;
    var power = bar.querySelector("button[data-highlight]");
    var list = bar.querySelector(".toggle-list");
    var types = bar.querySelectorAll("button[data-type]");
    var hidden = (store.get(HIDDEN_TYPES) || "").split(" ").filter(Boolean);

    function showHighlight(on) {
      power.setAttribute("aria-pressed", on ? "true" : "false");
      body.classList.toggle("highlight", on);
      if (list) { list.hidden = !on; }
    }
    function showType(button, on) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      body.classList.toggle("hide-" + button.getAttribute("data-type"), !on);
    }

    bar.hidden = false;
    showHighlight(store.get(HIGHLIGHT) === "on");
    types.forEach(function (button) {
      showType(button, hidden.indexOf(button.getAttribute("data-type")) < 0);
      button.addEventListener("click", function () {
        var on = button.getAttribute("aria-pressed") !== "true";
        showType(button, on);
        var off = [];
        types.forEach(function (b) {
          if (b.getAttribute("aria-pressed") !== "true") { off.push(b.getAttribute("data-type")); }
        });
        store.set(HIDDEN_TYPES, off.join(" "));
        document.dispatchEvent(new Event("teiedition:reflow"));
      });
    });
    power.addEventListener("click", function () {
      var on = power.getAttribute("aria-pressed") !== "true";
      showHighlight(on);
      store.set(HIGHLIGHT, on ? "on" : "off");
      document.dispatchEvent(new Event("teiedition:reflow"));
    });
  }

  // The pop-up dialog: opened from a mention (its <template> elements) or, on narrow
  // screens, from a note call (a copy of the note). Returns the function that opens it.
  function setUpPopups() {
    var dialog = document.getElementById("popup");
    if (!dialog || typeof dialog.showModal !== "function") { return null; }
    var body = dialog.querySelector(".popup-body");
    var close = dialog.querySelector(".popup-close");
    var opener = null;

    function open(nodes, from) {
      body.replaceChildren();
      nodes.forEach(function (node) { body.appendChild(node); });
      var heading = body.querySelector(".summary-name, .popup-heading");
      if (heading) {
        heading.id = "popup-title";
        dialog.setAttribute("aria-labelledby", "popup-title");
      }
      opener = from;
      dialog.showModal();
      close.focus();
    }

    document.addEventListener("click", function (event) {
      var link = event.target instanceof Element ? event.target.closest("a[data-pop]") : null;
      if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      var templates = link.getAttribute("data-pop").split(/\s+/).map(function (id) {
        return document.getElementById(id);
      }).filter(function (t) { return t && t.tagName === "TEMPLATE"; });
      if (templates.length === 0) { return; }
      event.preventDefault();
      open(templates.map(function (t) { return t.content.cloneNode(true); }), link);
    });

    close.addEventListener("click", function () { dialog.close(); });
    // a click on the backdrop (the dialog box itself has no padding) closes it
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("close", function () {
      if (opener) { opener.focus(); opener = null; }
    });
    return open;
  }

  // A copy of a note's content, without ids (the note stays in the notes section) and
  // without its link back to the text.
  function noteCopy(note) {
    var copy = document.createDocumentFragment();
    Array.prototype.forEach.call(note.childNodes, function (child) {
      copy.appendChild(child.cloneNode(true));
    });
    copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
    copy.querySelectorAll(".backref, .backref-line").forEach(function (e) { e.remove(); });
    return copy;
  }

  // Where notes of the given heights go, as close to where they want to be as they can
  // without overlapping (gap between them): notes that would overlap form a group, set
  // where the group's notes are on average (weighted) as near their wants as can be, so a
  // note may start a little above its call when the next ones need room; groups that
  // then meet merge in turn. Returns the tops, in the notes' order.
  var GAP = 6;
  function arrange(notes, gap) {
    var groups = [];
    notes.forEach(function (note, i) {
      var group = { first: i, sum: note.weight * note.want, weight: note.weight, height: note.height };
      group.top = group.sum / group.weight;
      groups.push(group);
      while (groups.length > 1) {
        var a = groups[groups.length - 2], b = groups[groups.length - 1];
        if (a.top + a.height + gap <= b.top) { break; }
        var shift = a.height + gap;  // b's notes sit this far below a's top
        a.sum += b.sum - shift * b.weight;
        a.weight += b.weight;
        a.height += gap + b.height;
        a.top = a.sum / a.weight;
        groups.pop();
      }
    });
    var tops = [];
    groups.forEach(function (group, g) {
      var end = g + 1 < groups.length ? groups[g + 1].first : notes.length;
      var top = group.top;
      for (var i = group.first; i < end; i++) {
        tops.push(top);
        top += notes[i].height + gap;
      }
    });
    return tops;
  }

  // Notes beside the text on wide screens (each as near its call as the notes around it
  // allow, see arrange), in the pop-up on narrow ones; the endnotes stay for the page
  // without script and for print.
  function setUpNotes(openPopup) {
    var text = document.querySelector(".text-body");
    var section = document.querySelector(".notes");
    if (!text || !section) { return; }
    var label = section.getAttribute("data-note-label") || "";
    var wide = window.matchMedia("(min-width: 72rem)");
    var side = [];
    text.querySelectorAll("a.noteref[href^='#']").forEach(function (call) {
      var note = document.getElementById(call.getAttribute("href").slice(1));
      if (!note || !section.contains(note)) { return; }
      var number = note.getAttribute("value") || call.textContent.trim();
      var aside = document.createElement("aside");
      aside.className = "sidenote";
      aside.tabIndex = -1;
      aside.setAttribute("aria-label", label + " " + number);
      var mark = document.createElement("span");
      mark.className = "sidenote-number";
      mark.textContent = number;
      aside.appendChild(mark);
      var content = document.createElement("div");
      content.className = "sidenote-body";
      content.appendChild(noteCopy(note));
      aside.appendChild(content);
      // a long note shows its first lines until the reader asks for the rest
      var more = document.createElement("button");
      more.type = "button";
      more.className = "sidenote-more";
      more.hidden = true;
      more.setAttribute("aria-expanded", "false");
      more.textContent = section.getAttribute("data-more") || "More";
      more.addEventListener("click", function () { expand(aside, more.getAttribute("aria-expanded") !== "true"); });
      aside.appendChild(more);
      var block = call.closest(".passage") || call.closest(".para, p, li, figure, div") || call;
      // after the block and the notes already set after it, in the order of the calls
      var after = block;
      while (after.nextElementSibling && after.nextElementSibling.classList.contains("sidenote")) {
        after = after.nextElementSibling;
      }
      after.insertAdjacentElement("afterend", aside);
      side.push({ call: call, aside: aside, note: note, number: number });

      call.addEventListener("click", function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
        if (wide.matches) {
          event.preventDefault();
          expand(aside, true);
          aside.focus();
          aside.classList.remove("sidenote-flash");
          void aside.offsetWidth;
          aside.classList.add("sidenote-flash");
        } else if (openPopup) {
          event.preventDefault();
          var heading = document.createElement("h2");
          heading.className = "popup-heading";
          heading.textContent = label + " " + number;
          var content = document.createElement("div");
          content.className = "popup-note";
          content.appendChild(noteCopy(note));
          openPopup([heading, content], call);
        }
      });
    });
    if (side.length === 0) { return; }

    function expand(aside, on) {
      var button = aside.querySelector(".sidenote-more");
      aside.classList.toggle("sidenote-open", on);
      button.setAttribute("aria-expanded", on ? "true" : "false");
      button.textContent = section.getAttribute(on ? "data-less" : "data-more") || (on ? "Less" : "More");
      later();
    }

    function place() {
      document.body.classList.toggle("sidenotes", wide.matches);
      text.style.minHeight = "";
      if (!wide.matches) { return; }
      side.forEach(function (item) {
        var body = item.aside.querySelector(".sidenote-body");
        var button = item.aside.querySelector(".sidenote-more");
        button.hidden = !item.aside.classList.contains("sidenote-open") && body.scrollHeight <= body.clientHeight + 1;
      });
      var origin = text.getBoundingClientRect().top;
      var tops = arrange(side.map(function (item) {
        return {
          want: item.call.getBoundingClientRect().top - origin,
          height: item.aside.offsetHeight,
          // an open note stays at its call; the notes around it make room
          weight: item.aside.classList.contains("sidenote-open") ? 1000 : 1
        };
      }), GAP);
      var floor = 0;
      side.forEach(function (item, i) {
        var top = Math.max(tops[i], floor);  // not above the text, never over the note before
        item.aside.style.top = top + "px";
        floor = top + item.aside.offsetHeight + GAP;
      });
      // the last notes may reach below the text: the text's box grows to hold them
      text.style.minHeight = floor + "px";
    }
    var pending = 0;
    function later() {
      window.cancelAnimationFrame(pending);
      pending = window.requestAnimationFrame(place);
    }
    place();
    // an address that names a note (…#note3) shows it beside the text
    var named = side.filter(function (item) { return "#" + item.note.id === window.location.hash; })[0];
    function showNamed() {
      expand(named.aside, true);
      named.aside.scrollIntoView();
      named.aside.focus();
    }
    if (named && wide.matches) {
      // after the browser's own move to the (hidden) endnote, which ends when the page has loaded
      if (document.readyState === "complete") {
        showNamed();
      } else {
        window.addEventListener("load", function () { window.setTimeout(showNamed, 0); });
      }
    }
    window.addEventListener("resize", later);
    if (typeof wide.addEventListener === "function") { wide.addEventListener("change", later); }
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(later); }
    window.addEventListener("load", later);
    // an open "Cite" box moves the paragraphs below it
    document.addEventListener("toggle", later, true);
    document.addEventListener("teiedition:reflow", later);
  }

  // "Cite this": reveal the copy buttons when the Clipboard API is there; each copies the
  // text of its citation (data-copy names the element) and says so in the box's status.
  function setUpCopyButtons() {
    if (!navigator.clipboard || typeof navigator.clipboard.writeText !== "function") { return; }
    document.querySelectorAll("button.cite-copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var box = button.closest(".cite-body");
      var status = box ? box.querySelector(".cite-status") : null;
      if (!source) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var say = function (text) { if (status) { status.textContent = text; } };
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          say(button.getAttribute("data-copied"));
        }, function () {
          say(button.getAttribute("data-failed"));
        });
      });
    });
  }

  // The header's menus (<details data-menu>) open and close without the script; with it,
  // Escape closes the innermost open one (focus back on its button) and a click elsewhere
  // closes them all.
  function setUpMenus() {
    var menus = Array.prototype.slice.call(document.querySelectorAll("details[data-menu]"));
    if (menus.length === 0) { return; }
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var inside = event.target instanceof Element ? event.target.closest("details[data-menu][open]") : null;
      if (inside) {
        inside.open = false;
        inside.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !(event.target instanceof Node && menu.contains(event.target))) {
          menu.open = false;
        }
      });
    });
  }

  // For print: the full address of every link of the content that leads elsewhere (the
  // print stylesheet writes it after the link); not the mentions, notes and ¶ numbers.
  function markPrintAddresses() {
    document.querySelectorAll("main a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || a.closest(".mention, .noteref, .cite, .toggles, .backref")) { return; }
      if (a.classList.contains("pnum") || a.classList.contains("backref")) { return; }
      a.setAttribute("data-print-href", a.href);
    });
  }

  function start() {
    document.documentElement.classList.add("js");
    setUpToggles();
    setUpNotes(setUpPopups());
    setUpCopyButtons();
    setUpMenus();
    markPrintAddresses();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
