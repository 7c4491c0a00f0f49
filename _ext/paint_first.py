"""Sphinx extension: a page is drawn once, whole, before any script runs.

Two things decide how much of a phone's main thread a page blocks after it
first appears, and both are about order, not size:

* The parser yields while it works, and Chromium may draw the part it has. The
  rest is then styled and laid out again after the first paint, in a second
  long task. A render-blocking ``<link rel="expect" href="#page-end">`` in the
  head makes the browser wait until the end of the body is parsed, so the page
  is laid out once. The wait is the parse of one page (milliseconds); browsers
  without ``rel=expect`` ignore it.
* Deferred scripts run when parsing ends, which may be before the first paint,
  and then they hold it up. Every script here only enhances a page that works
  without it (menu buttons, copy buttons, tab memory, search-term highlight), so
  none is linked. An inline loader (paint_first.js) adds them, in their order,
  one per task from the task after the first frame; a script that waits for
  DOMContentLoaded gets its handler at once, as jQuery's ready() would do. When
  the last one has run, ``<html>`` gets ``data-scripts="ready"`` (the tests
  wait for it).

Text fields (the sidebar's search box, the codes index's code jump) are
written inside ``<template data-first-frame>``; the loader puts them in the page
at the start of the first frame, before it is laid out, so they are in the first
paint. A text field present when parsing ends makes Chromium's form filling look
at every field, and lay the page out to do so, inside the DOMContentLoaded task:
a second long task before the first frame. Both fields only work with scripts.

A script that only acts on one kind of element (copy buttons on code blocks,
the memory of chosen tabs) is left off a page that has none: the index pages
and the cheat sheet load three scripts fewer. Search-term highlighting
(sphinx_highlight.js, and translations.js, whose strings only it asks for) is marked
``data-after-search``: the loader adds it only when Sphinx's search has left
terms for the page, in a ``?highlight=`` query or in localStorage, so a page
opened any other way fetches and runs one script fewer (two in Chinese).
localStorage is read only on a page whose referrer is the search page, as its
first read in a page waits on the browser (paint_first.js).

The search page keeps its scripts as Sphinx links them: its results are what
the page is for, and its scripts call each other as they load.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sphinx.errors import ExtensionError

LOADER = Path(__file__).with_suffix(".js")
SRC_RE = re.compile(r'\ssrc="([^"]*)"')
KEEP_LINKED = {"search"}   # pages whose scripts stay as Sphinx links them
# Scripts with nothing to do on a page whose body lacks this markup.
ONLY_WHERE_USED = {
    "clipboard.min.js": 'class="highlight',   # sphinx-copybutton: code blocks
    "copybutton.js": 'class="highlight',
    "design-tabs.js": 'class="sd-tab-set',    # sphinx-design: tab sets
}
# Scripts needed only on a page opened from a search result (see above).
AFTER_SEARCH = {"sphinx_highlight.js", "translations.js"}


def loader_source() -> str:
    """paint_first.js without its comment lines and indentation (it is inlined in every page)."""
    lines = (line.strip() for line in LOADER.read_text(encoding="utf-8").splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def script_attributes(js, js_tag) -> dict[str, str]:
    """What the loader sets on the script element: src as Sphinx writes it
    (relative, with its checksum) and the file's own attributes, data-* and so on."""
    match = SRC_RE.search(js_tag(js))
    if not match:
        raise ExtensionError(f"paint_first: no src in the tag Sphinx makes for {js.filename}")
    attributes = {"src": html.unescape(match.group(1))}
    for name, value in js.attributes.items():
        if name not in ("body", "defer", "async", "src") and value is not None:
            attributes[name] = value
    if Path(str(js.filename)).name in AFTER_SEARCH:
        attributes["data-after-search"] = ""
    return attributes


def load_scripts_after_paint(app, pagename, templatename, context, doctree) -> None:
    if pagename in KEEP_LINKED:
        return
    scripts, kept = [], []
    for js in context.get("script_files", []):
        filename = getattr(js, "filename", js)
        if not filename:
            kept.append(js)   # an inline script stays where it is
        elif "://" in str(filename):
            raise ExtensionError(f"paint_first: {pagename} links {filename}, a script from another "
                                 "host; this site loads only its own")
        elif ONLY_WHERE_USED.get(Path(str(filename)).name, "") in context.get("body", ""):
            scripts.append(script_attributes(js, context["js_tag"]))
    context["script_files"] = kept
    context["scripts_after_paint"] = scripts
    context["paint_first_loader"] = app.paint_first_loader


def setup(app):
    app.paint_first_loader = loader_source()
    # Late, so that the scripts other handlers add to a page are loaded too.
    app.connect("html-page-context", load_scripts_after_paint, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
