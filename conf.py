"""Sphinx configuration for the HTTP status code reference (English and zh_CN)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project ------------------------------------------------------------------

project = "HTTP Status Codes"
author = "HTTP Status Codes contributors"
copyright = "2026, HTTP Status Codes contributors"
language = "en"
root_doc = "index"

# -- Extensions ---------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx.ext.intersphinx",
    "notfound.extension",
    "status_codes",      # _ext/status_codes.py: fact boxes, :status:, JSON export
    "styleguides",       # _ext/styleguides.py: style guides per code, gRPC mappings
    "language_links",    # _ext/language_links.py: the other language's page
    "catalogue_check",   # _ext/catalogue_check.py: refuse a broken .po before building
    "page_meta",         # _ext/page_meta.py: meta description and Open Graph tags
    "dark_code",         # _ext/dark_code.py: code colours for dark mode
    "search_names",      # _ext/search_names.py: Chinese search knows each code's name
    "status_search",     # _ext/status_search.py: the search page knows names and header fields
    "myst_settings_cache",  # _ext/myst_settings_cache.py: a third off the zh_CN build
    "menu",              # _ext/menu.py: the side menu opens only the current branch
    "phone_tables",      # _ext/phone_tables.py: cells carry their column's heading
    "paint_first",       # _ext/paint_first.py: drawn once, whole; scripts after the first paint
    "site_css",          # _ext/site_css.py: one purged, minified stylesheet
    "site_js",           # _ext/site_js.py: the scripts readers fetch, minified
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Only these are pages; everything else in the tree (README, tests, tools ...) is not.
include_patterns = ["index.rst", "404.md", "codes/*.md", "guide/*.md"]
# Sphinx still walks every folder (following links) unless excluded: keep it out
# of the virtualenv and the audit's node_modules, or finding files takes seconds.
exclude_patterns = ["_build", ".venv", ".audit", ".git", "locale", "tests", "tools", "data"]
templates_path = ["_templates"]
nitpicky = True
intersphinx_mapping = {}
copybutton_prompt_text = r"\$ "
copybutton_prompt_is_regexp = True

# -- Translation --------------------------------------------------------------

locale_dirs = ["locale"]
gettext_compact = False       # one catalogue per document
gettext_location = False      # no source lines: catalogues do not churn
gettext_uuid = False
gettext_last_translator = "HTTP Status Codes contributors"
gettext_language_team = "zh_CN <https://github.com/>"

# -- HTML ---------------------------------------------------------------------

html_theme = "sphinx_rtd_theme"
pygments_style = "a11y-light"          # accessible-pygments: WCAG AA contrast
pygments_dark_code_style = "a11y-dark"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_title = "HTTP Status Codes"
html_last_updated_fmt = None
html_show_sourcelink = False
html_show_sphinx = False   # its credit line sits outside the footer landmark (axe: region)
html_copy_source = False
# Three levels: page, section, and the codes under their class (_ext/menu.py
# keeps the third open only on the current page's branch).
html_theme_options = {"navigation_depth": 3, "style_external_links": False}
html_favicon = "_static/favicon.png"   # drawn from favicon.svg by tools/favicon.py
# Chinese search: jieba's own dictionary only (Sphinx would load it a second
# time as a "user dictionary", costing 1-2 s per build); see _ext/search_names.py.
html_search_options = {"dict": ""}
# Ranking: titles over mentions, the named code and a header field's codes first.
# Sphinx opens this path from the working directory, so it is made absolute.
html_search_scorer = str(Path(__file__).parent / "_ext" / "search_scorer.js")
# The canonical root: READTHEDOCS_CANONICAL_URL on Read the Docs, else this
# public URL with the language's slug (see _ext/language_links.py).
public_url = "https://http-status-codes.readthedocs.io/{slug}/latest/"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
notfound_pagename = "404"
rfc_base_url = "https://www.rfc-editor.org/rfc/"
