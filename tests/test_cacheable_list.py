"""guide/errors lists the errors cacheable by default from the data (the
{status-cacheable} role), so it cannot leave out a code the data marks, as it
once left out 451."""

from __future__ import annotations

import re

import pytest

import status_data
from conftest import ROOT
from test_bad_input import build_fails, line_of, replace

DATA = status_data.load(ROOT / "data" / "status-codes.yaml")
CACHEABLE_ERRORS = sorted(code for code, item in DATA.items() if item.cacheable and code >= 400)
SENTENCE = {"en": "heuristically cacheable: among the errors that is", "zh_CN": "在错误状态码中，只有"}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_errors_chapter_lists_the_cacheable_errors_of_the_data(site, language):
    page = (site[language] / "guide" / "errors.html").read_text(encoding="utf-8")
    start = page.index(SENTENCE[language])
    sentence = page[start:page.index("RFC 9110", start)]
    linked = [int(code) for code in re.findall(r'href="\.\./codes/(\d{3})\.html#status-\d{3}"', sentence)]
    assert 451 in CACHEABLE_ERRORS and linked == CACHEABLE_ERRORS
    separator = {"en": ", ", "zh_CN": "、"}[language]
    last = {"en": " and ", "zh_CN": " 和 "}[language]
    text = re.sub(r"<[^>]+>", "", sentence)
    assert text.count(separator) == len(CACHEABLE_ERRORS) - 2 and text.count(last) == 1, text


def test_cacheable_role_with_a_bad_class_names_the_line(scratch_project):
    page = scratch_project / "guide" / "errors.md"
    replace(page, "{status-cacheable}`4xx 5xx`", "{status-cacheable}`4xx 6xx`")
    line = line_of(page, "- **Caches** keep an error")   # MyST reports the paragraph's first line
    stderr = build_fails(scratch_project)
    assert f"errors.md:{line}: status-cacheable expects classes such as '4xx 5xx', got '4xx 6xx'" in stderr
