// The side menu without jQuery (see _ext/menu.py for why theme.js is gone): the
// phone button opens and closes it, a link followed from it closes it, entries
// with a list get an open/close button, the entry for the #fragment is marked
// current, the page's own entry is scrolled into sight (on load, and when the
// phone menu opens, since closed it is not drawn) and the Read the Docs version
// menu opens. The theme's page calls SphinxRtdTheme.Navigation.enable() once
// loaded (_templates/versions.html hands that call on, with menuExpandLabel).
(function () {
  "use strict";

  var menuSelector = ".wy-menu-vertical";

  function toggleAll(selector, name, force) {
    document.querySelectorAll(selector).forEach(function (element) {
      element.classList.toggle(name, force);
    });
  }

  function setCurrent(item, on) {
    item.classList.toggle("current", on);
    item.setAttribute("aria-expanded", on ? "true" : "false");
  }

  // Open or close one entry, closing its open siblings (as the theme does).
  function toggleEntry(item) {
    var open = !item.classList.contains("current");
    Array.prototype.forEach.call(item.parentElement.children, function (sibling) {
      if (sibling !== item && sibling.classList.contains("current")) setCurrent(sibling, false);
    });
    setCurrent(item, open);
  }

  function addExpandButtons(menu) {
    var title = window.menuExpandLabel || "Open/close menu";
    menu.querySelectorAll("li > ul:not(.simple)").forEach(function (list) {
      var link = list.parentElement.querySelector(":scope > a");
      if (!link || link.querySelector("button.toctree-expand")) return;
      var button = document.createElement("button");
      button.className = "toctree-expand";
      button.type = "button";
      button.title = title;
      button.setAttribute("aria-label", title);
      link.insertBefore(button, link.firstChild);
    });
  }

  // Mark the menu entry of the address's fragment, as the theme does on load and
  // on every hashchange; nothing changes when no entry links to the fragment.
  function markFragment(menu) {
    var hash = window.location.hash;
    if (!hash || hash === "#") return;
    var link = menu.querySelector("a[href='" + CSS.escape(hash) + "']");
    if (!link) return;
    menu.querySelectorAll("a.current").forEach(function (other) { other.classList.remove("current"); });
    link.classList.add("current");
    for (var item = link.closest("li"); item && menu.contains(item); item = item.parentElement.closest("li")) {
      setCurrent(item, true);
    }
  }

  // The page's entry in sight in the menu (a late 5xx or vendor code would be
  // below its fold). Measured in the frame that paints anyway, after the buttons.
  function revealCurrent(menu) {
    if (!menu) return;
    var scroller = menu.closest(".wy-side-scroll");
    var link = menu.querySelector("a.current[href='#']") || menu.querySelector("a.current");
    if (!scroller || !link) return;
    var top = link.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    if (top < 0 || top + link.offsetHeight > scroller.clientHeight) {
      scroller.scrollTop += top - scroller.clientHeight / 3;
    }
  }

  function onClick(event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest("[data-toggle='wy-nav-top']")) {
      toggleAll("[data-toggle='wy-nav-shift']", "shift");
      toggleAll("[data-toggle='rst-versions']", "shift");
      revealCurrent(document.querySelector(menuSelector));
      return;
    }
    if (target.closest("[data-toggle='rst-current-version']")) {
      toggleAll("[data-toggle='rst-versions']", "shift-up");
      return;
    }
    var expand = target.closest(menuSelector + " button.toctree-expand");
    if (expand) {
      event.preventDefault();
      event.stopPropagation();
      toggleEntry(expand.closest("li"));
      return;
    }
    if (target.closest(menuSelector + " a")) {
      // A link followed from the phone menu: show the page, not the menu.
      toggleAll("[data-toggle='wy-nav-shift']", "shift", false);
      toggleAll("[data-toggle='rst-versions']", "shift", false);
    }
  }

  var enabled = false;
  function enable() {
    if (enabled) return;
    enabled = true;
    var menu = document.querySelector(menuSelector);
    document.addEventListener("click", onClick);
    if (!menu) return;
    addExpandButtons(menu);
    markFragment(menu);
    window.requestAnimationFrame(function () { revealCurrent(menu); });
    window.addEventListener("hashchange", function () { markFragment(menu); });
  }

  window.SphinxRtdTheme = { Navigation: { enable: enable }, StickyNav: { enable: enable } };
})();
