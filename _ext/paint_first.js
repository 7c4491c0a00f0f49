// Inlined in every page but the search page by _ext/paint_first.py, which calls
// it with the page's scripts: a list of attributes, src first. It adds them in
// the task after the first frame, in order, so no script holds up that frame.
// <html data-scripts> is "loading" until they have run, then "ready", and the
// document gets a "scripts-ready" event (_templates/versions.html waits for it).
// Text fields come in <template data-first-frame>: they join the page at the
// start of the first frame, before it is laid out, so they are in the first
// paint. A text field present when parsing ends makes Chromium's form filling
// lay the page out then, in a task of its own before that frame.
// Scripts marked data-after-search (search-term highlighting) are added only if
// Sphinx's search left terms for this page: ?highlight=, or, on a page opened
// from the search page, in localStorage.
(function (scripts) {
  "use strict";
  var root = document.documentElement;
  var started = false;
  root.setAttribute("data-scripts", "loading");
  // Sphinx's search page leaves its terms in localStorage, so only a page
  // opened from it can have some waiting. Storage is read only then: its first
  // use in a page waits on the browser (4-15 ms of main thread under Lighthouse).
  // The search page sends its full address (_templates/layout.html); a page
  // opened from a file sends none, so there storage is always read.
  function maybeFromSearch() {
    if (location.protocol === "file:") return true;
    var referrer = document.referrer;
    return referrer.indexOf(location.origin + "/") === 0 && /\/search\.html([?#]|$)/.test(referrer);
  }
  function searched() {
    if (/[?&]highlight=/.test(location.search)) return true;
    if (!maybeFromSearch()) return false;
    // Storage may be refused (privacy settings): there are no terms then.
    try {
      return !!localStorage.getItem("sphinx_highlight_terms");
    } catch (error) {
      return false;
    }
  }
  // These scripts arrive after DOMContentLoaded: a handler they add for it runs
  // at once (as jQuery's ready() does), not never.
  function addEventListener(type, listener, options) {
    if (type !== "DOMContentLoaded" || document.readyState === "loading") {
      return EventTarget.prototype.addEventListener.call(this, type, listener, options);
    }
    setTimeout(function () {
      var event = new Event(type);
      if (typeof listener === "function") listener.call(document, event);
      else listener.handleEvent(event);
    });
  }
  function ready() {
    delete document.addEventListener;
    root.setAttribute("data-scripts", "ready");
    document.dispatchEvent(new Event("scripts-ready"));
  }
  // One script per task: starting a fetch costs 3-9 ms of main thread on a slow
  // machine, and seven in one task made a long one. async=false keeps the order
  // in which they run.
  function add(index) {
    var script = document.createElement("script");
    script.async = false;
    for (var name in scripts[index]) script.setAttribute(name, scripts[index][name]);
    if (index === scripts.length - 1) script.onload = script.onerror = function () { setTimeout(ready); };
    document.head.appendChild(script);
    if (index + 1 < scripts.length) setTimeout(add, 0, index + 1);
  }
  // Decided here, after the first frame: reading storage may wait on the browser.
  function load() {
    if (started) return;
    started = true;
    if (!searched()) {
      scripts = scripts.filter(function (script) { return !("data-after-search" in script); });
    }
    document.addEventListener = addEventListener;
    if (scripts.length) add(0);
    else setTimeout(ready);
  }
  function addFields() {
    document.querySelectorAll("template[data-first-frame]").forEach(function (template) {
      template.replaceWith(template.content);
    });
  }
  // A page opened in a background tab draws no frame until it is shown.
  if (document.hidden) window.addEventListener("load", function () { addFields(); load(); });
  requestAnimationFrame(function () { addFields(); setTimeout(load); });
})
