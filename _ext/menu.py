"""Sphinx extension: the side menu opens only the branch that holds the page.

The codes sit under their class in the menu (each status-table carries a hidden
toctree of its codes), so the menu needs three levels: page, section, code.
Sphinx's own collapsing keeps open every entry that points into the current
page, so at three levels the codes index would open all its classes, and a
chapter its third-level headings. Templates call menu_toctree() instead of
toctree(): the same tree from Sphinx, without the sub-lists of entries that are
not on the current page's branch (the entries Sphinx marks "current").

The menu's behaviour comes from _static/menu.js, not the theme's theme.js: that
needs jQuery (30 KB gzipped, and about 100 ms of a phone's main thread on every
page), and wraps tables and adds buttons after the page is laid out, so the
page is laid out twice. The tables' wrapper comes from _ext/phone_tables.py.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc


def collapse_off_branch(toctree: nodes.Element) -> None:
    """Remove the sub-list of every entry that is not on the current page's branch."""
    for item in list(toctree.findall(nodes.list_item)):
        if "current" in item["classes"]:
            continue
        for child in [c for c in item.children if isinstance(c, nodes.bullet_list)]:
            item.remove(child)


def add_menu_toctree(app, pagename, templatename, context, doctree) -> None:
    builder = app.builder

    def menu_toctree(collapse: bool = True, **kwargs) -> str:
        if pagename == getattr(app.config, "notfound_pagename", None):
            # sphinx-notfound-page's toctree() makes the links absolute (the page is
            # served at any URL); no branch is current there anyway.
            return context["toctree"](collapse=collapse, **kwargs)
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        toctree = global_toctree_for_doc(app.env, pagename, builder, tags=builder.tags,
                                         collapse=collapse, **kwargs)
        if toctree is None:
            return ""
        if collapse:
            collapse_off_branch(toctree)
        return builder.render_partial(toctree)["fragment"]

    context["menu_toctree"] = menu_toctree


def setup(app):
    # The theme sets up sphinxcontrib-jquery, which adds jquery.js to every page
    # unless this flag says it was added already; nothing on this site uses it.
    app._sphinxcontrib_jquery_installed = True
    app.add_js_file("menu.js", loading_method="defer")
    app.connect("html-page-context", add_menu_toctree)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
