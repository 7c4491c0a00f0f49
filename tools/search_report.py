#!/usr/bin/env python3
"""How well the built site's search answers the queries in tests/search_queries.tsv.

    .venv/bin/python tools/search_report.py [_build/html] [--repeat 3] [--baseline OTHER_BUILD]

Serves the build (the folder holding en/ and zh_CN/) on 127.0.0.1, runs every
query through search.html in Chromium and prints the share of queries whose
page came first, overall and for each kind, and the rows that missed their
rank. Then it times, per language, pressing Enter in the sidebar search box
of a code page until the first result shows, for every query, and prints the
slowest query's time (the median of --repeat runs) and the median over all;
--baseline times another build (say, of main) alongside, run for run.
tests/test_search.py uses the same functions.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import os
import shutil
import statistics
import sys
import threading
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.tsv"
LANGUAGES = ("en", "zh_CN")
KINDS = ("number", "http", "name", "former", "chinese", "english", "header", "topic", "typo")
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
# Sphinx writes its summary ("Search finished, found ...") once every result is listed.
SEARCH_DONE = "() => { const s = document.querySelector('#search-results p.search-summary');" \
              " return s && s.textContent.trim() !== ''; }"
FIRST_RESULT = "#search-results li a"
# The first result, or Sphinx's word that there is none.
ANSWERED = "() => document.querySelector('#search-results li a') || (%s)()" % SEARCH_DONE


@dataclass(frozen=True)
class Query:
    language: str
    kind: str
    query: str
    expected: str
    rank: int
    line: int

    def __str__(self):
        return f"{self.language} {self.kind} {self.query!r} -> {self.expected} (rank <= {self.rank})"


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The table's rows; a malformed row raises ValueError naming its line."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.reader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    if header != ["language", "kind", "query", "expected", "rank"]:
        raise ValueError(f"{path}:{lines[0][0]}: unexpected header {header}")
    for (number, _), row in zip(lines[1:], reader):
        where = f"{path}:{number}"
        if len(row) != 5:
            raise ValueError(f"{where}: expected 5 tab-separated columns, got {len(row)}")
        language, kind, query, expected, rank = row
        if language not in LANGUAGES or kind not in KINDS:
            raise ValueError(f"{where}: unknown language {language!r} or kind {kind!r}")
        if not rank.isdigit() or int(rank) < 1 or not query.strip():
            raise ValueError(f"{where}: the rank must be a number >= 1 and the query not empty")
        if not (ROOT / f"{expected}.md").exists():
            raise ValueError(f"{where}: no page {expected}")
        rows.append(Query(language, kind, query, expected, int(rank), number))
    return rows


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass   # the browser left the page while Sphinx was still fetching result summaries


@contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def chromium():
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"no Chromium at {CHROMIUM}: run tools/install-system-packages "
                         "(or set CHROMIUM=/path/to/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _docname(href: str, language: str) -> str:
    """'codes/404.html#x' or an absolute URL -> 'codes/404'."""
    path = urlsplit(href).path
    marker = f"/{language}/"
    if marker in path:
        path = path.split(marker, 1)[1]
    return path.lstrip("./").removesuffix(".html")


def result_pages(page, language: str) -> list[str]:
    """The pages the results list, in the order shown, each once."""
    page.wait_for_function(SEARCH_DONE, timeout=30000)
    hrefs = page.eval_on_selector_all(FIRST_RESULT, "els => els.map(e => e.href)")
    seen = []
    for href in hrefs:
        name = _docname(href, language)
        if name not in seen:
            seen.append(name)
    return seen


def search_page(page, base_url: str, language: str, query: str) -> list[str]:
    """Open search.html?q=query and return the ranked pages."""
    page.goto(f"{base_url}/{language}/search.html?q={quote(query)}")
    return result_pages(page, language)


def sidebar_search(page, base_url: str, language: str, query: str,
                   start: str = "codes/404") -> tuple[float, float]:
    """Type the query in a page's sidebar search box and press Enter; the
    seconds until the first result (or Sphinx's "no match") shows, and until
    Sphinx has listed every result."""
    page.goto(f"{base_url}/{language}/{start}.html")
    page.fill("#rtd-search-form input[name=q]", query)
    started = time.perf_counter()
    page.press("#rtd-search-form input[name=q]", "Enter")
    page.wait_for_url("**/search.html?*")
    page.wait_for_function(ANSWERED, timeout=30000, polling=10)
    first = time.perf_counter() - started
    page.wait_for_function(SEARCH_DONE, timeout=30000, polling=10)
    return first, time.perf_counter() - started


def rank_of(pages: list[str], expected: str) -> int | None:
    return pages.index(expected) + 1 if expected in pages else None


def run_ranks(browser, base_url: str, queries: list[Query]) -> list[tuple[Query, int | None, list[str]]]:
    context = browser.new_context()
    page = context.new_page()
    try:
        out = []
        for row in queries:
            pages = search_page(page, base_url, row.language, row.query)
            out.append((row, rank_of(pages, row.expected), pages[:5]))
        return out
    finally:
        context.close()


def run_timing(browser, base_urls: list[str], queries: list[Query], repeat: int) -> list[dict]:
    """Per site and language: each distinct query's median times (first result,
    all listed). With several sites, the runs alternate between them query by
    query, so a busy machine slows each alike."""
    context = browser.new_context()
    page = context.new_page()
    times = [defaultdict(dict) for _ in base_urls]
    try:
        for row in queries:
            if row.query in times[0][row.language]:
                continue
            runs = [[] for _ in base_urls]
            for _ in range(repeat):
                for index, base_url in enumerate(base_urls):
                    runs[index].append(sidebar_search(page, base_url, row.language, row.query))
            for index, site_runs in enumerate(runs):
                times[index][row.language][row.query] = (statistics.median(r[0] for r in site_runs),
                                                         statistics.median(r[1] for r in site_runs))
    finally:
        context.close()
    return times


def _share(results) -> str:
    first = sum(1 for _, rank, _ in results if rank == 1)
    return f"{first}/{len(results)} ({100 * first / len(results):.0f}%)" if results else "-"


def report_ranks(results) -> None:
    print(f"First result, all queries: {_share(results)}")
    for language in LANGUAGES:
        print(f"  {language}: {_share([r for r in results if r[0].language == language])}")
    print("By kind (ranked first; within the required rank):")
    for kind in KINDS:
        rows = [r for r in results if r[0].kind == kind]
        if rows:
            within = sum(1 for row, rank, _ in rows if rank is not None and rank <= row.rank)
            print(f"  {kind:8} first {_share(rows):14} within rank {within}/{len(rows)}")
    misses = [(row, rank, top) for row, rank, top in results if rank is None or rank > row.rank]
    print(f"Rows that missed their rank: {len(misses)}")
    for row, rank, top in misses:
        print(f"  {row}: got {rank or 'none'}; top {top}")


def report_timing(times, label: str = "") -> None:
    print(f"Enter in the sidebar box to the first result / to Sphinx's full list{label} "
          "(median of runs per query):")
    for language, per_query in times.items():
        for index, what in ((0, "first result"), (1, "full list")):
            values = {query: pair[index] for query, pair in per_query.items()}
            slowest = max(values, key=values.get)
            print(f"  {language} {what}: slowest {values[slowest] * 1000:.0f} ms ({slowest!r}), "
                  f"median {statistics.median(values.values()) * 1000:.0f} ms over {len(values)} queries")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "_build" / "html"),
                        help="the folder holding en/ and zh_CN/ (default _build/html)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per query (default 3)")
    parser.add_argument("--timing-only", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--baseline", metavar="SITE",
                        help="another build (say, of main) to time alongside, run for run")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not all((site / language / "search.html").exists() for language in LANGUAGES):
        raise SystemExit(f"{site}: no en/search.html and zh_CN/search.html; run make html first")
    queries = load_queries()
    with ExitStack() as stack:
        base_url = stack.enter_context(serve(site))
        browser = stack.enter_context(chromium())
        if not args.timing_only:
            report_ranks(run_ranks(browser, base_url, queries))
        if not args.no_timing:
            sites = [base_url]
            if args.baseline:
                sites.append(stack.enter_context(serve(Path(args.baseline))))
            timed = run_timing(browser, sites, queries, args.repeat)
            report_timing(timed[0], f" ({site})")
            if args.baseline:
                report_timing(timed[1], f" (baseline {args.baseline})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
