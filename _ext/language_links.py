"""Sphinx extension: the site's URLs in each language, and links between them.

Locally each language builds into _build/html/<lang>/, so the same page in the
other language is a relative path away. On Read the Docs each language is its
own project served at /<slug>/<version>/, and READTHEDOCS_CANONICAL_URL gives
this build's root; the other language swaps the slug.

The extension also fills in what depends on the language, which conf.py cannot
know because the language arrives with -D language=...:
  html_baseurl           the canonical root (sitemap, canonical and Open Graph URLs)
  notfound_urls_prefix   where the 404 page's links point (sphinx-notfound-page)
It writes sitemap.xml too, with the same alternates.
The template _templates/breadcrumbs.html shows the link to the other language;
layout.html adds <link rel="alternate" hreflang> with absolute URLs for all.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

# language code -> (name in that language, BCP 47 tag, Read the Docs URL slug)
LANGUAGES = {
    "en": ("English", "en", "en"),
    "zh_CN": ("简体中文", "zh-CN", "zh-cn"),
}


SITEMAP_EXCLUDES = {"404"}
RELATIVE_HREF = re.compile(r'href="(?![a-z]+:|/|#)')


def on_read_the_docs() -> bool:
    return bool(os.environ.get("READTHEDOCS_CANONICAL_URL"))


def configure(app, config) -> None:
    language = config.language or "en"
    if language not in LANGUAGES:
        return
    slug = LANGUAGES[language][2]
    if on_read_the_docs():
        config.html_baseurl = os.environ["READTHEDOCS_CANONICAL_URL"]
        config.notfound_urls_prefix = urlparse(config.html_baseurl).path
    else:
        config.html_baseurl = config.public_url.format(slug=slug)
        # The local 404 page is served from _build/html/, next to en/ and zh_CN/.
        config.notfound_urls_prefix = f"/{language}/"


def absolute_url(baseurl: str, current: str, target: str, page: str) -> str:
    here, there = f"/{LANGUAGES[current][2]}/", f"/{LANGUAGES[target][2]}/"
    return baseurl.replace(here, there, 1).rstrip("/") + "/" + page


def page_url(baseurl: str, current: str, target: str, page: str, content_root: str) -> str:
    """The URL of `page` (e.g. 'codes/404.html') in the `target` language."""
    if on_read_the_docs():
        return absolute_url(baseurl, current, target, page)
    return f"{content_root}../{target}/{page}"


def add_links(app, pagename, templatename, context, doctree):
    current = app.config.language or "en"
    if current not in LANGUAGES:
        return
    page = app.builder.get_target_uri(pagename)
    root = context.get("content_root", "")
    if pagename == "404":   # served at any depth: only absolute paths work
        root = app.config.notfound_urls_prefix
        context["body"] = RELATIVE_HREF.sub(rf'href="{root}', context.get("body", ""))
    # Alternates for search engines: absolute URLs, this page included, and a default.
    context["alternates"] = [
        {"hreflang": LANGUAGES[code][1],
         "href": absolute_url(app.config.html_baseurl, current, code, page)}
        for code in LANGUAGES
    ] + [{"hreflang": "x-default", "href": absolute_url(app.config.html_baseurl, current, "en", page)}]
    context["language_links"] = [
        {
            "name": LANGUAGES[code][0],
            "hreflang": LANGUAGES[code][1],
            "href": page_url(app.config.html_baseurl, current, code, page, root),
        }
        for code in LANGUAGES if code != current
    ]


def write_sitemap(app, exception) -> None:
    """sitemap.xml for every page, each with its alternates in both languages.

    Written from the list of all documents, so an incremental build, which
    renders only changed pages, still writes the whole sitemap.
    """
    if exception or app.builder.format != "html":
        return
    current = app.config.language or "en"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for docname in sorted(app.env.found_docs):
        if docname in SITEMAP_EXCLUDES:
            continue
        page = app.builder.get_target_uri(docname)
        lines.append(f"<url><loc>{absolute_url(app.config.html_baseurl, current, current, page)}</loc>")
        for code, (_, tag, _) in LANGUAGES.items():
            href = absolute_url(app.config.html_baseurl, current, code, page)
            lines.append(f'  <xhtml:link rel="alternate" hreflang="{tag}" href="{href}"/>')
        lines.append("</url>")
    lines.append("</urlset>")
    Path(app.outdir, "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def setup(app):
    app.add_config_value("public_url", "", "html", types=[str])
    app.connect("config-inited", configure, priority=400)
    app.connect("html-page-context", add_links)
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
