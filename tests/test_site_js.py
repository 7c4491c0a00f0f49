"""_ext/site_js.py: the scripts readers fetch are minified, notices kept.

That the minified scripts still work is checked in the browser tests (menu,
tabs, copy buttons, search, highlighting), which run on the built site.
"""

from __future__ import annotations

from pathlib import Path

from conftest import LANGUAGES
from site_js import minify, should_minify


def test_comments_and_layout_go_and_the_code_stays():
    source = ('// a line comment\n"use strict";\n/* a block\n   comment */\n'
              'const url = "http://example.com/*not a comment*/";\n'
              'function f(a, b) {\n    return a / b; // divide\n}\n'
              'const re = /\\/\\*x/g;\n')
    assert minify(source) == ('"use strict";const url="http://example.com/*not a comment*/";'
                              'function f(a,b){return a/b;}\nconst re=/\\/\\*x/g;')


def test_bang_comments_stay():
    assert minify("/*! keep me */\nvar a = 1; /* drop me */\n") == "/*! keep me */var a=1;"


def test_already_minified_files_and_files_with_a_notice_are_left_alone():
    assert not should_minify(Path("clipboard.min.js"), "var a = 1;")
    assert not should_minify(Path("translations.js"), "/* :license: BSD, see LICENSE */")
    assert not should_minify(Path("x.js"), "// Copyright 2024 Someone\nvar a = 1;")
    # A notice counts where notices go, in the opening comments, not in the code.
    assert should_minify(Path("translations.js"), 'var strings = {"Copyright": "版权所有"};')
    assert should_minify(Path("menu.js"), "// Opens the menu.\nvar a = 1;")


def test_the_built_sites_scripts_are_minified(site):
    """Each script is as minify() leaves it, bar one already minified."""
    minified, left = set(), set()
    for language in LANGUAGES:
        for path in sorted((site[language] / "_static").rglob("*.js")):
            text = path.read_text(encoding="utf-8")
            if should_minify(path, text):
                assert minify(text) == text, f"{path} is not minified"
                minified.add(path.name)
            else:
                left.add(path.name)
    assert {"menu.js", "doctools.js", "design-tabs.js", "copybutton.js", "searchtools.js"} <= minified
    assert left == {"clipboard.min.js"}   # already minified; its licence is a /*! comment
