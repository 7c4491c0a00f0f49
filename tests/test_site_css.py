"""_ext/site_css.py's selector pruning, on small stylesheets (no build).

That the bundle styles real pages exactly as its sources do is checked in a
browser by test_reader_layout.py::test_purged_stylesheet_styles_pages_as_its_sources_do.
"""

from __future__ import annotations

from site_css import drop_dead_selectors


def test_a_dead_selector_leaves_its_list_and_a_rule_with_none_alive_goes():
    css = "html.writer-html4 .rst-content dl,html.writer-html5 .rst-content dl{margin:0}.gone{top:0}"
    assert drop_dead_selectors(css, {"writer-html4", "gone"}) == "html.writer-html5 .rst-content dl{margin:0}"


def test_names_that_may_still_match_are_kept():
    # An unused class inside :not() or an attribute value excludes nothing.
    css = 'dl:not(.gone){a:b}a[href="#gone"]{c:d}:is(.gone,.here){e:f}'
    assert drop_dead_selectors(css, {"gone"}) == css


def test_at_rules_strings_and_commas_inside_them_are_left_whole():
    css = ('@media (min-width:1px){.gone .x,.here{top:0}.gone{left:0}}'
           '@font-face{font-family:A;src:url(a.woff)}'
           'b[title="a,.gone{}"],.here::after{content:"}{,"}'
           '@keyframes k{0%{top:0}to{top:1px}}')
    assert drop_dead_selectors(css, {"gone"}) == (
        '@media (min-width:1px){.here{top:0}}'
        '@font-face{font-family:A;src:url(a.woff)}'
        'b[title="a,.gone{}"],.here::after{content:"}{,"}'
        '@keyframes k{0%{top:0}to{top:1px}}')
