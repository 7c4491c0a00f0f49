"""Bad input stops the build with a message naming the file and the line."""

from __future__ import annotations

import re

import pytest

from conftest import sphinx_build


def replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def build_fails(project, language="en"):
    result = sphinx_build(project, project / "_build", language)
    assert result.returncode != 0, "the build should have failed"
    return result.stderr


def test_missing_data_field(scratch_project):
    data = scratch_project / "data" / "status-codes.yaml"
    line = line_of(data, "- code: 410")
    replace(data, "- code: 410\n  phrase: Gone\n", "- code: 410\n")
    stderr = build_fails(scratch_project)
    assert f"status-codes.yaml:{line}: code 410: missing field(s) phrase" in stderr


def test_malformed_data_entry(scratch_project):
    data = scratch_project / "data" / "status-codes.yaml"
    line = line_of(data, "- code: 418")
    replace(data, "status: unused\n  spec: RFC 9110\n  section: \"15.5.19\"",
            "status: jocular\n  spec: RFC 9110\n  section: \"15.5.19\"")
    stderr = build_fails(scratch_project)
    assert f"status-codes.yaml:{line}: code 418: status must be one of" in stderr


def test_invalid_yaml(scratch_project):
    data = scratch_project / "data" / "status-codes.yaml"
    replace(data, "  phrase: Gone\n", "  phrase: [Gone\n")
    stderr = build_fails(scratch_project)
    assert re.search(r"status-codes\.yaml:\d+: not valid YAML", stderr)


def test_page_for_unknown_code(scratch_project):
    (scratch_project / "codes" / "299.md").write_text("# 299 Nothing\n", encoding="utf-8")
    stderr = build_fails(scratch_project)
    assert "codes/299.md:1: no entry for code 299" in stderr


def test_unknown_code_in_role(scratch_project):
    page = scratch_project / "guide" / "linking.md"
    replace(page, "{status}`404`", "{status}`432`")
    line = line_of(page, "{status}`432`")
    stderr = build_fails(scratch_project)
    assert f"linking.md:{line}: unknown status code '432'" in stderr


def test_unknown_code_in_directive(scratch_project):
    page = scratch_project / "codes" / "410.md"
    replace(page, "```{status-facts} 410", "```{status-facts} 432")
    stderr = build_fails(scratch_project)
    assert re.search(r"codes/410\.md:\d+: unknown status code '432'", stderr)


def test_title_that_contradicts_the_data(scratch_project):
    page = scratch_project / "codes" / "410.md"
    replace(page, "# 410 Gone", "# 410 Removed")
    stderr = build_fails(scratch_project)
    assert re.search(r"codes/410\.md:\d+: the page title is '410 Removed', the data says '410 Gone'", stderr)


def test_broken_reference_in_a_page(scratch_project):
    page = scratch_project / "codes" / "404.md"
    replace(page, "{ref}`status-codes`", "{ref}`status-cods`")
    stderr = build_fails(scratch_project)
    assert re.search(r"codes/404\.md:\d+: WARNING: undefined label: 'status-cods'", stderr)


@pytest.mark.parametrize("damage", ["unclosed quote", "dropped role"])
def test_broken_catalogue_entry(scratch_project, damage):
    po = scratch_project / "locale" / "zh_CN" / "LC_MESSAGES" / "codes" / "404.po"
    if damage == "unclosed quote":
        replace(po, 'msgstr "概要"', 'msgstr "概要')
        line = line_of(po, 'msgstr "概要')
        stderr = build_fails(scratch_project, "zh_CN")
        assert f"codes/404.po:{line}: not valid PO syntax" in stderr
    else:
        replace(po, "完整列表：{ref}`status-codes`。", "完整列表见状态码索引。")
        line = line_of(po, "完整列表见状态码索引。")
        stderr = build_fails(scratch_project, "zh_CN")
        assert f"codes/404.po:{line}: role changed in translation" in stderr


# -- vendors.yaml and the vendor tables ------------------------------------------

def test_vendor_without_url(scratch_project):
    data = scratch_project / "data" / "vendors.yaml"
    line = line_of(data, "- id: tornado")
    replace(data, "- id: tornado\n  name: Tornado\n  url: https://www.tornadoweb.org/en/stable/\n",
            "- id: tornado\n  name: Tornado\n")
    stderr = build_fails(scratch_project)
    assert f"vendors.yaml:{line}: vendor tornado: missing field(s) url" in stderr


def test_vendor_code_without_url(scratch_project):
    data = scratch_project / "data" / "vendors.yaml"
    line = line_of(data, "- code: 444")
    replace(data, "      url: https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return\n", "")
    stderr = build_fails(scratch_project)
    assert f"vendors.yaml:{line}: vendor nginx, code 444: missing field(s) url" in stderr


def test_vendor_page_for_a_registered_code(scratch_project):
    data = scratch_project / "data" / "vendors.yaml"
    line = line_of(data, "- code: 451")
    replace(data, "    - code: 451\n      page: none\n",
            "    - code: 451\n      phrase: Redirect\n      phrase_from: source\n"
            "      reaches: itself\n      title: MS-ASHTTP\n")
    stderr = build_fails(scratch_project)
    assert f"vendors.yaml:{line}: vendor ms-ashttp, code 451: 451 is a registered code" in stderr


def test_planned_vendor_code_whose_page_exists(scratch_project):
    # codes/520.md exists; the entry claims the page is still to be written.
    data = scratch_project / "data" / "vendors.yaml"
    line = line_of(data, "- code: 520")
    replace(data, "- code: 520\n      page: own\n", "- code: 520\n      page: planned\n")
    stderr = build_fails(scratch_project)
    assert f"vendors.yaml:{line}: 520.md exists now; change code 520's page: planned to page: own" in stderr


def test_unknown_vendor_in_the_codes_index(scratch_project):
    index = scratch_project / "codes" / "index.md"
    replace(index, "{status-table} vendor tornado", "{status-table} vendor akamai")
    stderr = build_fails(scratch_project)
    assert re.search(r"codes/index\.md:\d+: unknown vendor 'akamai'; data/vendors\.yaml has nginx, ", stderr)
