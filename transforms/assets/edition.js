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
      });
    });
    power.addEventListener("click", function () {
      var on = power.getAttribute("aria-pressed") !== "true";
      showHighlight(on);
      store.set(HIGHLIGHT, on ? "on" : "off");
    });
  }

  function setUpPopups() {
    var dialog = document.getElementById("popup");
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    var body = dialog.querySelector(".popup-body");
    var close = dialog.querySelector(".popup-close");
    var opener = null;

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
      body.replaceChildren();
      templates.forEach(function (t) { body.appendChild(t.content.cloneNode(true)); });
      var heading = body.querySelector(".summary-name");
      if (heading) {
        heading.id = "popup-title";
        dialog.setAttribute("aria-labelledby", "popup-title");
      }
      opener = link;
      dialog.showModal();
      close.focus();
    });

    close.addEventListener("click", function () { dialog.close(); });
    // a click on the backdrop (the dialog box itself has no padding) closes it
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener("close", function () {
      if (opener) { opener.focus(); opener = null; }
    });
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

  function start() {
    document.documentElement.classList.add("js");
    setUpToggles();
    setUpPopups();
    setUpCopyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
