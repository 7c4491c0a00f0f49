"""Sphinx extension: a meta description and Open Graph tags on every page, in its language.

A code page is described by its data summary (translated through the
'statuscodes' catalogue); any other page by its first paragraph, which the
i18n machinery has already translated.

The Open Graph tags (title, type, URL, site name, description) are written here
rather than by sphinxext-opengraph, which prints "matplotlib is not installed"
into every build whatever its configuration, and whose social cards this site
does not use.
"""

from __future__ import annotations

from html import escape

from docutils import nodes

MAX_LENGTH = 200


def first_paragraph(doctree: nodes.document) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph.get("translatable", True) is not False:
            text = " ".join(paragraph.astext().split())
            if text:
                return text
    return ""


def describe(app, docname: str, doctree) -> str:
    number = docname.removeprefix("codes/")
    codes = getattr(app, "status_codes", {})
    if docname.startswith("codes/") and number.isdigit() and int(number) in codes:
        from status_codes import _
        text = str(_(codes[int(number)].summary))
    else:
        text = first_paragraph(doctree)
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def note_description(app, doctree) -> None:
    """Store the description as page metadata."""
    text = describe(app, app.env.docname, doctree)
    if text:
        app.env.metadata[app.env.docname].setdefault("description", text)


def meta_tags(app, pagename: str, description: str | None) -> str:
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else ""
    url = app.config.html_baseurl.rstrip("/") + "/" + app.builder.get_target_uri(pagename)
    properties = [("og:title", title), ("og:type", "website"), ("og:url", url),
                  ("og:site_name", app.config.html_title)]
    if description:
        properties.append(("og:description", description))
    tags = [f'<meta property="{name}" content="{escape(value, quote=True)}" />'
            for name, value in properties if value]
    if description:
        tags.append(f'<meta name="description" content="{escape(description, quote=True)}">')
    return "\n".join(tags) + "\n"


def add_meta_tags(app, pagename, templatename, context, doctree):
    description = (context.get("meta") or {}).get("description")
    context["metatags"] = context.get("metatags", "") + meta_tags(app, pagename, description)


def setup(app):
    app.connect("doctree-read", note_description)
    app.connect("html-page-context", add_meta_tags)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
