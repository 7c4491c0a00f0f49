"""The zh_CN glossary (locale/zh_CN/glossary.yaml) holds over every catalogue."""

from __future__ import annotations

import re

import pytest

import glossary
from conftest import ROOT


@pytest.fixture(scope="module")
def terms():
    return glossary.load()


def test_no_catalogue_uses_a_rejected_rendering(terms):
    findings = glossary.check_all(terms)
    if findings:
        pytest.fail(f"{len(findings)} rejected rendering(s):\n"
                    + "\n".join(str(f).replace(f"{ROOT}/", "") for f in findings), pytrace=False)


@pytest.mark.parametrize("text, found", [
    ("响应必须带上 `Allow` 头，列出方法", "`Allow` 头"),
    ("主资源由 Location 头标识", "Location 头"),
    ("`Content-Type` 头中", "`Content-Type` 头"),
    ("客户端把消息发给服务器", "消息"),
    ("报文在头部段之后结束", "头部段"),
    ("延长寿命", "寿命"),
    ("给出显式的有效期", "有效期"),
    ("IP 白名单", "白名单"),
    ("网关收到了错误的答复", "错误的答复"),
    ("持有已不新鲜的响应", "不新鲜"),
])
def test_the_check_finds_each_kind_of_variant(terms, text, found):
    assert found in [hit for _, hit, _ in glossary.check_text(text, terms)]


@pytest.mark.parametrize("text", [
    "响应必须带上 `Allow` 头字段，列出方法",
    "Location 头字段标识新资源",
    "服务器已收到请求头，客户端可以继续",     # request header: 请求头
    "`Early-Data: 1` 是请求头",
    "报文在头部之后结束",                    # header section: 头部
    "开始 WebSocket 的消息流",               # an allowed longer string
    "注册有效期已延长至 2026-11-13",
    "给出显式的新鲜度有效期",
    "IP 地址不在允许列表中",
    "网关收到了无效的答复",
])
def test_the_check_leaves_correct_uses_alone(terms, text):
    assert list(glossary.check_text(text, terms)) == []


def test_a_finding_names_file_msgid_line_and_variant(tmp_path, terms):
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "It must carry an `Allow` header."\n'
                  'msgstr "响应必须带上 `Allow` 头。"\n', encoding="utf-8")
    [finding] = glossary.check_catalogue(po, terms)
    assert (finding.path, finding.line, finding.variant) == (po, 5, "`Allow` 头")
    assert str(finding).startswith(f"{po}:5: '`Allow` 头' for 'header field, header': use '头字段'")


@pytest.mark.parametrize("text, message", [
    ("- en: x\n", "every term needs en and zh"),
    ("- en: x\n  zh: y\n  colour: red\n", "unknown keys ['colour']"),
    ("- en: x\n  zh: y\n- en: z\n  zh: w\n  reject: [{pattern: '(', shown: x}]\n", ":3: bad pattern"),
    ("- en: x\n  zh: 报文\n  reject: [报]\n", "rejects the preferred"),
    ("- en: x\n  zh: y\n  reject: [[a]]\n", "a rejected rendering is a string or"),
])
def test_a_bad_glossary_is_refused_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=f"{re.escape(str(path))}.*{re.escape(message)}"):
        glossary.load(path)


def test_contributing_shows_the_glossary_as_it_is(terms):
    """CONTRIBUTING.md's table is the data's (regenerate: tools/glossary.py --markdown)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert glossary.markdown(terms) in text
