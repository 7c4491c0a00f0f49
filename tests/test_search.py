"""Search answers in Chromium: every row of tests/search_queries.tsv reaches its
rank, on the search page and through the sidebar search box; every name in
the data finds its code; the index is built from the data, not from queries.

tools/search_report.py runs the same table and prints the shares and timings.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import search_report
import status_data
import status_search
from conftest import LANGUAGES, ROOT
from site_js import minify
from test_browser import watched

ROWS = search_report.load_queries()
EXACT_KINDS = ("number", "http", "name", "former", "chinese", "english")


def test_the_table_covers_both_languages_every_kind_and_the_targets():
    assert len(ROWS) >= 80
    for language in LANGUAGES:
        kinds = {row.kind for row in ROWS if row.language == language}
        assert len([row for row in ROWS if row.language == language]) >= 35, language
        assert {"number", "http", "former", "chinese", "header", "topic", "typo"} <= kinds, language
    assert {row.kind for row in ROWS} == set(search_report.KINDS)
    # The targets: top 1 for numbers and names, top 3 for header fields.
    assert all(row.rank == 1 for row in ROWS if row.kind in EXACT_KINDS)
    assert all(row.rank <= 3 for row in ROWS if row.kind == "header")


def test_a_malformed_row_is_reported_with_its_line(tmp_path):
    table = tmp_path / "q.tsv"
    table.write_text("# comment\nlanguage\tkind\tquery\texpected\trank\n"
                     "en\tname\tNot Found\tcodes/404\t1\nen\tname\tGone\tcodes/999\t1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"q.tsv:4: no page codes/999"):
        search_report.load_queries(table)


# -- the index, without a browser ----------------------------------------------

@pytest.fixture(scope="module")
def codes():
    return status_data.load(ROOT / "data" / "status-codes.yaml")


def _index(codes, mentions=None, chinese=None):
    return status_search.build_index(codes, chinese or {}, mentions or {},
                                     url_of=lambda doc: f"{doc}.html",
                                     summary_of=lambda item: item.summary, labels={})


def test_a_code_added_to_the_data_is_in_the_index_with_its_names_and_headers(codes):
    vendor = dataclasses.replace(codes[502], code=520, phrase="Web Server Returned an Unknown Error",
                                 former_phrases=("Origin Error",), status="unofficial",
                                 headers=(status_data.Header("Retry-After", "optional", None),))
    index = _index({**codes, 520: vendor}, chinese={520: "未知错误"})
    record = next(r for r in index["codes"] if r["code"] == 520)
    assert record["url"] == "codes/520.html"
    assert {"webserverreturnedanunknownerror", "originerror", "未知错误"} <= set(record["names"])
    assert record["title"] == "520 Web Server Returned an Unknown Error（未知错误）"
    assert [520, "optional"] in index["headers"]["retry-after"]["codes"]


def test_header_codes_rank_data_levels_before_pages_that_only_mention_the_field(codes):
    mentions = {"codes/304": {"If-None-Match": 7}, "codes/412": {"If-None-Match": 3},
                "codes/500": {"Retry-After": 9}, "guide/errors": {"Retry-After": 20}}
    headers = _index(codes, mentions)["headers"]
    assert headers["if-none-match"]["codes"] == [[304, "mentioned"], [412, "mentioned"]]
    retry = headers["retry-after"]["codes"]
    assert retry[0] == [413, "conditional"]                   # the data's levels first
    assert retry[-1] == [500, "mentioned"]                    # a mention after every level
    assert all(code != "guide/errors" for code, _ in retry)   # chapters are not codes
    assert headers["www-authenticate"]["codes"][0] == [401, "required"]


def test_the_index_names_no_query(codes):
    """Every name in the index comes from the data (or the Chinese titles)."""
    index = _index(codes)
    data_names = set()
    for item in codes.values():
        data_names |= {status_search.name_key(name) for name in (item.phrase, *item.former_phrases)}
    assert {name for record in index["codes"] for name in record["names"]} == data_names


def test_name_keys_ignore_case_width_spacing_and_punctuation():
    assert status_search.name_key("Request-URI  Too Long") == "requesturitoolong"
    assert status_search.name_key("ＮＯＴ ＦＯＵＮＤ") == "notfound"
    assert status_search.name_key("I'm a teapot") == "imateapot"
    assert status_search.name_key("URI 过长") == "uri过长"


# -- the built site -------------------------------------------------------------

@pytest.fixture(scope="module")
def base_url(site):
    with search_report.serve(site["root"]) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with search_report.chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    yield watched(context.new_page())
    context.close()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.language}-{r.kind}-{r.line}" for r in ROWS])
def test_query_reaches_its_rank_on_the_search_page(page, base_url, row):
    pages = search_report.search_page(page, base_url, row.language, row.query)
    rank = search_report.rank_of(pages, row.expected)
    assert rank is not None and rank <= row.rank, f"{row}: got rank {rank}; top {pages[:5]}"
    assert page.problems == []


SIDEBAR_ROWS = [next(r for r in ROWS if r.language == language and r.kind == kind)
                for language in LANGUAGES for kind in search_report.KINDS
                if any(r.language == language and r.kind == kind for r in ROWS)]


@pytest.mark.parametrize("row", SIDEBAR_ROWS, ids=[f"{r.language}-{r.kind}" for r in SIDEBAR_ROWS])
def test_query_reaches_its_rank_through_the_sidebar_search_box(page, base_url, row):
    page.goto(f"{base_url}/{row.language}/codes/200.html")
    page.fill("#rtd-search-form input[name=q]", row.query)
    page.press("#rtd-search-form input[name=q]", "Enter")
    page.wait_for_url("**/search.html?*")
    pages = search_report.result_pages(page, row.language)
    rank = search_report.rank_of(pages, row.expected)
    assert rank is not None and rank <= row.rank, f"{row}: got rank {rank}; top {pages[:5]}"
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_name_in_the_data_finds_its_code(page, base_url, site, language):
    """Each code's number, "HTTP NNN", phrase, former phrases and Chinese name, in
    odd case and spacing, names that code first (or with the only other code of
    the same name, such as the two unused codes)."""
    page.goto(f"{base_url}/{language}/search.html?q=404")
    misses = page.evaluate("""() => {
      const misses = [];
      const odd = (s) => " " + s.toUpperCase().split("").join(" ") + "  ";
      for (const record of STATUS_SEARCH.codes) {
        // A name two codes share ("(Unused)") may list the other first.
        const ties = (name) => STATUS_SEARCH.codes.filter((r) => r.names.includes(name)).length;
        const queries = [[String(record.code), 1], ["HTTP " + record.code, 1],
                         ["http/1.1 " + record.code, 1], [record.code + " " + record.names[0], 1],
                         ...record.names.map((name) => [odd(name), ties(name)])];
        for (const [query, tied] of queries) {
          const found = StatusSearch.exact(query).map((r) => r.code);
          if (!found.slice(0, tied).includes(record.code)) misses.push(query + " -> " + found);
        }
      }
      return misses;
    }""")
    assert misses == []
    codes = json.loads((site[language] / "status-codes.json").read_text(encoding="utf-8"))
    assert page.evaluate("STATUS_SEARCH.codes.map(r => r.code)") == [record["code"] for record in codes]
    if language == "zh_CN":   # every code has its Chinese name, from the page titles
        assert page.evaluate("STATUS_SEARCH.codes.every(r => /（.+）$/.test(r.title))")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_exact_match_is_a_labelled_list_of_links_before_sphinx_results(page, base_url, language):
    page.goto(f"{base_url}/{language}/search.html?q={'Retry-After'}")
    search_report.result_pages(page, language)
    blocks = page.eval_on_selector_all(
        "#search-results > section.status-search",
        "els => els.map(e => [e.getAttribute('aria-labelledby'), e.querySelector('h2').id,"
        " e.querySelectorAll('li > a[href]').length])")
    assert blocks and all(label == heading and links > 0 for label, heading, links in blocks)
    # Sphinx's own list still follows, and ranks the same codes first.
    first = page.eval_on_selector_all("#search-results > ul.search li > a",
                                      "els => els.slice(0, 3).map(e => e.getAttribute('href'))")
    assert "codes/413.html" in first, first


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_loads_on_the_search_page_only(site, language):
    script = f'src="_static/{status_search.SCRIPT}'
    assert script in (site[language] / "search.html").read_text(encoding="utf-8")
    for doc in ("index", "codes/404", "guide/errors"):
        assert status_search.SCRIPT not in (site[language] / f"{doc}.html").read_text(encoding="utf-8")
    size = (site[language] / "_static" / status_search.SCRIPT).stat().st_size
    assert size < 60_000, f"{status_search.SCRIPT} is {size} bytes"


def test_the_scorer_is_in_the_search_page_language_data(site):
    # Minified with the rest of the file (_ext/site_js.py).
    scorer = minify((Path(ROOT) / "_ext" / "search_scorer.js").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        assert scorer.strip() in (site[language] / "_static" / "language_data.js").read_text(encoding="utf-8")
