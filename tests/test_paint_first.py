"""_ext/paint_first.py hands a page's scripts to the loader, or refuses them.

What the browser does with them is in test_reader_layout.py; this checks the
list the loader gets, page by page, without a build.
"""

from __future__ import annotations

import types

import pytest
from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

import paint_first

APP = types.SimpleNamespace(paint_first_loader="(function (scripts) {})")


def js_tag(js):
    """What Sphinx's js_tag writes: the source relative to the page, with a checksum."""
    if not js.filename:
        return f"<script>{js.attributes['body']}</script>"
    attributes = " ".join(f'{name}="{value}"' for name, value in sorted(js.attributes.items()))
    return f'<script {attributes} src="../{js.filename}?v=0123abcd"></script>'


def context(*scripts, body='<div class="highlight"><pre></pre></div><div class="sd-tab-set"></div>'):
    return {"script_files": list(scripts), "js_tag": js_tag, "body": body}


def test_scripts_become_the_loaders_list_in_order():
    page = context(_JavaScript("_static/doctools.js"),
                   _JavaScript("_static/menu.js", defer="defer"),
                   _JavaScript("_static/design-tabs.js", defer="", **{"data-sd-tabs-storage-prefix": "x-"}))
    paint_first.load_scripts_after_paint(APP, "codes/404", "page.html", page, None)
    assert page["script_files"] == []
    assert page["scripts_after_paint"] == [
        {"src": "../_static/doctools.js?v=0123abcd"},
        {"src": "../_static/menu.js?v=0123abcd"},
        {"src": "../_static/design-tabs.js?v=0123abcd", "data-sd-tabs-storage-prefix": "x-"},
    ]
    assert page["paint_first_loader"] == APP.paint_first_loader


def test_inline_scripts_stay_and_the_search_page_is_left_alone():
    inline = _JavaScript(None, body="window.x = 1;")
    page = context(inline, _JavaScript("_static/menu.js"))
    paint_first.load_scripts_after_paint(APP, "index", "page.html", page, None)
    assert page["script_files"] == [inline] and len(page["scripts_after_paint"]) == 1
    search = context(_JavaScript("_static/searchtools.js"))
    paint_first.load_scripts_after_paint(APP, "search", "search.html", search, None)
    assert len(search["script_files"]) == 1 and "scripts_after_paint" not in search


def test_a_script_from_another_host_is_refused_by_name():
    page = context(_JavaScript("https://cdn.example.com/widget.js"))
    with pytest.raises(ExtensionError, match=r"guide/errors links https://cdn\.example\.com/widget\.js"):
        paint_first.load_scripts_after_paint(APP, "guide/errors", "page.html", page, None)


def test_inlined_loader_has_no_comments_and_keeps_its_code():
    source = paint_first.loader_source()
    assert "//" not in source.replace("://", "")
    assert source.startswith("(function (scripts) {") and source.endswith("})")
    assert 'requestAnimationFrame(function () { addFields(); setTimeout(load); });' in source
    assert 'setTimeout(add, 0, index + 1);' in source
    assert len(source) < len(paint_first.LOADER.read_text(encoding="utf-8"))


def test_a_page_without_code_blocks_or_tabs_loads_neither_scripts():
    scripts = [_JavaScript("_static/doctools.js"), _JavaScript("_static/clipboard.min.js"),
               _JavaScript("_static/copybutton.js"), _JavaScript("_static/design-tabs.js")]
    plain = context(*scripts, body="<p>No code here.</p>")
    paint_first.load_scripts_after_paint(APP, "codes/index", "page.html", plain, None)
    assert [s["src"] for s in plain["scripts_after_paint"]] == ["../_static/doctools.js?v=0123abcd"]
    code = context(*scripts, body='<div class="highlight-http notranslate"><div class="highlight">')
    paint_first.load_scripts_after_paint(APP, "guide/errors", "page.html", code, None)
    assert [s["src"].split("/")[-1] for s in code["scripts_after_paint"]] == [
        "doctools.js?v=0123abcd", "clipboard.min.js?v=0123abcd", "copybutton.js?v=0123abcd"]


def test_search_term_highlighting_is_marked_for_pages_opened_from_search():
    page = context(_JavaScript("_static/doctools.js"), _JavaScript("_static/sphinx_highlight.js"),
                   _JavaScript("_static/translations.js"), _JavaScript("_static/menu.js"))
    paint_first.load_scripts_after_paint(APP, "codes/404", "page.html", page, None)
    marked = {s["src"].split("/")[-1].split("?")[0]: "data-after-search" in s
              for s in page["scripts_after_paint"]}
    assert marked == {"doctools.js": False, "sphinx_highlight.js": True,
                      "translations.js": True, "menu.js": False}
