"""Sphinx extension: every body cell of a table with a header row carries its
column's heading as data-label, and every table sits in the theme's
wy-table-responsive wrapper from the start.

On a phone custom.css stacks a row's cells and shows each cell's label before
it, so no column has to be squeezed until its words break. The label is the
heading as rendered, so it is in the page's language.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator


def column_headings(tgroup: nodes.tgroup) -> list[str]:
    """The text of the last header row, one item per column (spans repeated)."""
    thead = next((child for child in tgroup.children if isinstance(child, nodes.thead)), None)
    if thead is None or not thead.children:
        return []
    headings: list[str] = []
    for entry in thead.children[-1].children:
        headings += [" ".join(entry.astext().split())] * (entry.get("morecols", 0) + 1)
    return headings


def visit_entry(self: HTML5Translator, node: nodes.entry) -> None:
    column = node.parent.column   # before the translator counts this cell
    HTML5Translator.visit_entry(self, node)
    section = node.parent.parent
    if not isinstance(section, nodes.tbody):
        return
    headings = column_headings(section.parent)
    if column < len(headings) and headings[column]:
        start_tag = self.body[-1]
        label = escape(headings[column], quote=True)
        self.body[-1] = start_tag.replace(">", f' data-label="{label}">', 1)


def visit_table(self: HTML5Translator, node: nodes.table) -> None:
    # The wrapper the theme's theme.js used to add after the page was laid out
    # (a wide table scrolls inside it rather than widening the page).
    self.body.append('<div class="wy-table-responsive">')
    HTML5Translator.visit_table(self, node)


def depart_table(self: HTML5Translator, node: nodes.table) -> None:
    HTML5Translator.depart_table(self, node)
    self.body.append("</div>\n")


def setup(app):
    app.add_node(nodes.entry, override=True, html=(visit_entry, HTML5Translator.depart_entry))
    app.add_node(nodes.table, override=True, html=(visit_table, depart_table))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
