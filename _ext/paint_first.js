// Inlined in every page but the search page by _ext/paint_first.py, which calls
// it with the page's scripts: a list of attributes, src first. It adds them in
// the task after the first frame, in order, so no script holds up that frame.
// <html data-scripts> is "loading" until they have run, then "ready", and the
// document gets a "scripts-ready" event (_templates/versions.html waits for it).
(function (scripts) {
  "use strict";
  var root = document.documentElement;
  var started = false;
  root.setAttribute("data-scripts", "loading");
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
  function load() {
    if (started) return;
    started = true;
    document.addEventListener = addEventListener;
    if (!scripts.length) setTimeout(ready);
    scripts.forEach(function (attributes, index) {
      var script = document.createElement("script");
      script.async = false;
      for (var name in attributes) script.setAttribute(name, attributes[name]);
      if (index === scripts.length - 1) script.onload = script.onerror = function () { setTimeout(ready); };
      document.head.appendChild(script);
    });
  }
  // A page opened in a background tab draws no frame until it is shown.
  if (document.hidden) window.addEventListener("load", load);
  requestAnimationFrame(function () { setTimeout(load); });
})
