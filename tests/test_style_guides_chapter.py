"""The chapter guide/style-guides keeps what issue 15 asked of it, in both languages:
at least 1,500 words, links to at least 15 code pages, a label other projects can
link to, and a place in the Guide after the errors chapter."""

from __future__ import annotations

import logging
import re

import pytest
from sphinx.util.inventory import InventoryFile

from conftest import LANGUAGES, ROOT
from page_text import article_text

DOC = "guide/style-guides"
MIN_WORDS = 1500
MIN_CODE_PAGES = 15
HAN = re.compile(r"[\u4e00-\u9fff]")


def words(text: str, language: str) -> int:
    """English: whitespace-separated words. Chinese: jieba's segmentation, counting
    the tokens that hold a Han character, a letter or a digit (not punctuation)."""
    if language == "en":
        return len(text.split())
    import jieba
    jieba.setLogLevel(logging.WARNING)
    return sum(1 for token in jieba.lcut(text) if HAN.search(token) or re.search(r"[A-Za-z0-9]", token))


def test_word_count_counts_chinese_words_not_characters():
    assert words("客户端必须做出修改。", "zh_CN") in range(3, 7)
    assert words("The client must change something.", "en") == 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapter_is_long_enough(site, language):
    text = article_text(site[language] / f"{DOC}.html")
    if language == "zh_CN":
        assert len(HAN.findall(text)) > 0.5 * len(text.replace(" ", "")), "the zh_CN page is not in Chinese"
    assert words(text, language) >= MIN_WORDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapter_links_enough_code_pages(site, language):
    html = (site[language] / f"{DOC}.html").read_text(encoding="utf-8")
    pages = set(re.findall(r'href="\.\./codes/(\d{3})\.html#status-\1"', html))
    assert len(pages) >= MIN_CODE_PAGES, sorted(pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapter_label_is_in_the_inventory(site, language):
    with open(site[language] / "objects.inv", "rb") as f:
        labels = InventoryFile.load(f, "", lambda base, uri: uri)["std:label"]
    assert labels["style-guides"].uri == f"{DOC}.html#style-guides"


def test_chapter_follows_errors_in_the_guide():
    index = (ROOT / "index.rst").read_text(encoding="utf-8")
    guide = index.split(":caption: Guide", 1)[1].split()
    assert guide[guide.index("guide/errors") + 1] == DOC
