"""The built site: strict builds, one page per code in each language, labels, JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from sphinx.util.inventory import InventoryFile

import status_data
from conftest import DOCS, LANGUAGES, ROOT, warnings_in
from page_text import article_text, problems

DATA = status_data.load(ROOT / "data" / "status-codes.yaml")
SCHEMA = json.loads((ROOT / "schema" / "status-codes.v1.json").read_text(encoding="utf-8"))


def test_make_html_is_warning_free(site):
    result = site["result"]
    if result is None:
        pytest.skip("TEST_SITE given: the site was not built by this run")
    assert result.returncode == 0, result.stderr[-3000:]
    assert warnings_in(result.stderr) == []
    for language in LANGUAGES:
        assert (site[language] / "index.html").is_file()
    assert (site["root"] / "index.html").is_file() and (site["root"] / "404.html").is_file()


def test_make_html_prints_only_what_its_user_needs(site):
    """No library chatter (jieba's dictionary loading, opengraph's matplotlib
    notice, the sphinx-build command lines): only what was built and where."""
    result = site["result"]
    if result is None:
        pytest.skip("TEST_SITE given: the site was not built by this run")
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert lines == [line for line in lines if line.startswith(("Built ", "ensure-venv: "))], lines
    assert any(line.startswith("Built en zh_CN under ") for line in lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(DATA))
def test_every_code_has_a_page(site, language, code):
    page = site[language] / "codes" / f"{code}.html"
    assert page.is_file(), f"{language}: no page for {code}"
    text = page.read_text(encoding="utf-8")
    assert f'id="status-{code}"' in text
    assert f"{code} {DATA[code].phrase}" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_inventory_has_labels_and_objects(site, language):
    with open(site[language] / "objects.inv", "rb") as f:
        inventory = InventoryFile.load(f, "", lambda base, uri: uri)
    labels = inventory["std:label"]
    objects = inventory["std:http-status"]
    for code, item in DATA.items():
        uri = labels[item.label][2]
        assert uri == f"codes/{code}.html#status-{code}", uri
        assert labels[item.label][3] == item.title if language == "en" else True
        assert objects[str(code)][2] == f"codes/{code}.html#http-status-{code}"
    assert "status-codes" in labels


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_codes_json(site, language):
    records = json.loads((site[language] / "status-codes.json").read_text(encoding="utf-8"))
    jsonschema.validate(records, SCHEMA)
    assert [r["code"] for r in records] == sorted(DATA)
    fields = set(SCHEMA["$defs"]["code"]["properties"])
    for record in records:
        assert set(record) == fields, "the schema names every field, and only those"
        assert record["$schema"] == SCHEMA["$id"] and record["schema_version"] == 1
        item = DATA[record["code"]]
        assert record["phrase"] == item.phrase
        assert (site[language] / record["url"]).is_file()
        assert record["spec"]["url"] == item.url
        if language == "zh_CN":
            assert re.search(r"[\u4e00-\u9fff]", record["summary"]), record["code"]
        else:
            assert record["summary"] == item.summary


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", DOCS)
def test_every_page_links_to_its_twin(site, language, doc):
    other = "zh_CN" if language == "en" else "en"
    page = site[language] / f"{doc}.html"
    html = page.read_text(encoding="utf-8")
    lang = "zh-CN" if language == "zh_CN" else "en"
    assert f'<html class="writer-html5" lang="{lang}"' in html
    links = re.findall(r'<a class="language-link" href="([^"]+)"', html)
    assert len(links) == 1, doc
    base = site["root"] if links[0].startswith("/") else page.parent
    target = (base / links[0].lstrip("/")).resolve()
    assert target == (site[other] / f"{doc}.html").resolve()
    assert target.is_file()
    for tag in ("en", "zh-CN", "x-default"):
        assert re.search(rf'<link rel="alternate" hreflang="{tag}" href="https://[^"]+/{doc}.html"', html)


@pytest.mark.parametrize("doc", DOCS)
def test_chinese_pages_show_no_raw_markup_or_english(site, doc):
    text = article_text(site["zh_CN"] / f"{doc}.html")
    assert problems(text) == []


@pytest.mark.parametrize("code", sorted(DATA))
def test_fact_box_renders_the_data(site, code):
    item = DATA[code]
    html = (site["en"] / "codes" / f"{code}.html").read_text(encoding="utf-8")
    box = html[html.index('class="status-facts'):]
    box = box[:box.index("</dl>")]
    assert f'href="{item.url}"' in box
    assert ("Yes, heuristically" in box) == item.cacheable
    for header in item.headers:
        assert f'<span class="pre">{header.name}</span>' in box
    zh = (site["zh_CN"] / "codes" / f"{code}.html").read_text(encoding="utf-8")
    assert "类别" in zh and "Registry status" not in zh


def fact_box_text(html: str) -> str:
    box = html[html.index('class="status-facts'):]
    return re.sub(r"<[^>]+>", "", box[:box.index("</dl>")])


def test_chinese_fact_boxes_join_lists_with_the_enumeration_comma(site):
    joined = []
    for code, item in sorted(DATA.items()):
        text = fact_box_text((site["zh_CN"] / "codes" / f"{code}.html").read_text(encoding="utf-8"))
        assert ", " not in text, f"codes/{code}: {text!r}"
        if len(item.methods) > 1 or len(item.headers) > 1 or len(item.former_phrases) > 1:
            assert "、" in text, f"codes/{code}: {text!r}"
            joined.append(code)
    assert joined, "no fact box has a list of two or more items to check"


CHROME_ATTRIBUTES = re.compile(r'\b(aria-label|title|alt|placeholder)="([^"]*)"')
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_chinese_page_chrome_is_chinese(site):
    """No page of the zh_CN site keeps the theme's English chrome: <title>, site name, labels."""
    pages = sorted(site["zh_CN"].rglob("*.html"))
    assert len(pages) > len(DATA)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(site["zh_CN"])
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "HTTP Status Codes" not in title, f"{name}: <title>{title}</title>"
        assert title.endswith("HTTP 状态码"), f"{name}: <title>{title}</title>"
        assert 'content="HTTP Status Codes"' not in html, f"{name}: an English og:site_name"
        head, body = html.split("<body", 1)
        chrome = re.sub(r'<div itemprop="articleBody">.*?<footer', "<footer", body, flags=re.S)
        for attribute, value in CHROME_ATTRIBUTES.findall(chrome):
            if value and not HAN.search(value) and re.search(r"[A-Za-z]{3}", value):
                pytest.fail(f"{name}: {attribute}={value!r} is English")
    index = (site["zh_CN"] / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="首页"' in index
    assert '<meta property="og:site_name" content="HTTP 状态码"' in index


def search_terms(language_dir: Path) -> set[str]:
    text = (language_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1: text.rindex(")")])
    return set(index["terms"]) | set(index["titleterms"])


def test_chinese_words_and_names_are_in_the_search_index(site):
    """jieba segmented the Chinese text, and kept each code's Chinese name whole."""
    terms = search_terms(site["zh_CN"])
    assert {"请求", "缓存", "服务器"} <= terms
    assert {"未找到", "请求过多", "网关超时"} <= terms


@pytest.mark.parametrize("language", LANGUAGES)
def test_sitemap_lists_every_page_with_its_alternates(site, language):
    import xml.etree.ElementTree as ET

    tree = ET.parse(site[language] / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.getroot().findall("s:url", ns)
    slug = "zh-cn" if language == "zh_CN" else "en"
    locs = {u.find("s:loc", ns).text for u in urls}
    expected = {f"https://http-status-codes.readthedocs.io/{slug}/latest/{doc}.html"
                for doc in DOCS if doc != "404"}
    assert locs == expected
    for url in urls:
        assert {link.get("hreflang") for link in url.findall("x:link", ns)} == {"en", "zh-CN"}


def test_meta_description_of_code_pages_is_the_translated_summary(site):
    zh = (site["zh_CN"] / "codes" / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="description" content="[^"]*[\u4e00-\u9fff]', zh)
    not_found = (site["en"] / "404.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="There is no page at this address' in not_found


# -- vendor codes ----------------------------------------------------------------

VENDOR_CODES = sorted(code for code, item in DATA.items() if item.vendor)


def fact_box(html: str) -> str:
    box = html[html.index('class="status-facts'):]
    return box[:box.index("</dl>")]


@pytest.mark.parametrize("code", VENDOR_CODES)
def test_fact_box_names_the_vendor_and_says_not_registered(site, code):
    item = DATA[code]
    box = fact_box((site["en"] / "codes" / f"{code}.html").read_text(encoding="utf-8"))
    assert re.search(rf'Vendor<.*?href="{re.escape(item.vendor.url)}">{re.escape(item.vendor.name)}</a>',
                     box, re.S), code
    assert "not in the IANA registry" in box
    reaches = item.vendor_code.reaches
    if isinstance(reaches, int):
        assert f'href="{reaches}.html#status-{reaches}"' in box, code
    zh = fact_box((site["zh_CN"] / "codes" / f"{code}.html").read_text(encoding="utf-8"))
    assert "厂商" in zh and "未在 IANA 注册" in zh and item.vendor.name in zh


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(c for c, item in DATA.items() if item.other_meanings))
def test_fact_box_states_other_meanings(site, language, code):
    box = fact_box((site[language] / "codes" / f"{code}.html").read_text(encoding="utf-8"))
    assert ("Other meanings" if language == "en" else "其他含义") in box
    for other in DATA[code].other_meanings:
        assert f'href="{other.url}"' in box and other.vendor.name in box


@pytest.mark.parametrize("language", LANGUAGES)
def test_codes_index_lists_vendor_codes_in_their_own_section(site, language):
    html = (site[language] / "codes" / "index.html").read_text(encoding="utf-8")
    vendor_section = html[html.index('<section id="vendor-codes">'):]
    classes = html[:html.index('<section id="vendor-codes">')]
    for code, item in DATA.items():
        row = f'id="code-{code}"'
        assert row in (vendor_section if item.vendor else classes), f"{language}: {code}"
        assert html.count(row) == 1
    if language != "en":   # headings are translated; vendor names may be too
        return
    for vendor in {item.vendor for item in DATA.values() if item.vendor}:
        rows = [vendor_section.index(f'id="code-{c.code}"') for c in vendor.codes if c.page == "own"]
        heading = vendor_section.index(f">{vendor.name}<")
        assert all(heading < row for row in rows), vendor.id


@pytest.mark.parametrize("code", VENDOR_CODES)
def test_chinese_vendor_page_keeps_the_vendor_link_and_the_dated_changes(site, code):
    item = DATA[code]
    html = (site["zh_CN"] / "codes" / f"{code}.html").read_text(encoding="utf-8")
    article = html.replace(fact_box(html), "")
    assert f'href="{item.url}"' in article, f"zh_CN {code}: no link to the vendor's page"
    text = article_text(site["zh_CN"] / "codes" / f"{code}.html")
    for change in item.vendor_code.changes:
        for fact in (change.date, change.version, change.before, change.after):
            if fact:
                assert re.sub(r"\D", "", fact) in re.sub(r"[^\d\n]", "", text) or fact in text, (code, fact)
