"""The built site in a real browser: Debian's Chromium driven by Playwright.

The site is served on 127.0.0.1. Without Chromium these tests fail, loudly:
run tools/install-system-packages (CI does).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from urllib.parse import quote, urlsplit

import pytest

from conftest import DOCS, LANGUAGES

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
# custom.css lays out a section only as it nears the screen, and a checker counts
# what lies past an undrawn section's stand-in height as hidden. This style lays
# every section out as a reader who scrolls through sees it, for checks that must
# see the whole page (test_reader_layout.py checks the rule itself).
LONG_PAGE_SECTIONS = ".rst-content section > section"   # the selector of that rule
EVERY_SECTION_LAID_OUT = (LONG_PAGE_SECTIONS + " { content-visibility: visible !important;"
                          " overflow: visible !important; padding: 0 !important; margin: 0 !important; }")
# Code pages of every kind (everyday, unused, unofficial, WebDAV), the chapters,
# the home page, the codes index and the search page.
AXE_PAGES = ["index", "search", "codes/index", "codes/200", "codes/304", "codes/306", "codes/404",
             "codes/413", "codes/422", "codes/444", "codes/503", "codes/507",
             *[doc for doc in DOCS if doc.startswith("guide/")]]
SEARCHES = {
    "en": [("404", "codes/404"), ("Not Found", "codes/404"), ("Payload Too Large", "codes/413"),
           ("Unprocessable Entity", "codes/422"), ("Too Many Requests", "codes/429"),
           ("503", "codes/503")],
    "zh_CN": [("404", "codes/404"), ("未找到", "codes/404"), ("Payload Too Large", "codes/413"),
              ("请求过多", "codes/429"), ("网关超时", "codes/504"), ("503", "codes/503")],
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A tab closed while a file is on its way is not a failure: no traceback."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(QuietHandler, directory=str(site["root"]))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"no Chromium at {CHROMIUM}: run tools/install-system-packages "
                    "(or set CHROMIUM=/path/to/chromium); the browser tests cannot run without it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=1)
    yield watched(context.new_page())
    context.close()


def watched(page):
    """The page, recording console errors, page errors and requests to other
    hosts in page.problems."""
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

    def check_host(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host != "127.0.0.1":
            page.problems.append(f"request to another host: {request.url}")

    page.on("request", check_host)
    return page


def scripts_ready(page):
    """Wait until the scripts that _ext/paint_first.py adds after the first paint have run."""
    page.wait_for_selector("html[data-scripts=ready]", state="attached")


@pytest.mark.parametrize("start, other", [("en", "zh_CN"), ("zh_CN", "en")])
def test_language_switcher_both_ways_by_keyboard(page, base_url, start, other):
    page.goto(f"{base_url}/{start}/codes/404.html")
    page.focus("a.language-link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/{other}/codes/404.html")
    assert page.get_attribute("html", "lang") == ("zh-CN" if other == "zh_CN" else "en")
    page.click("a.language-link")
    page.wait_for_url(f"{base_url}/{start}/codes/404.html")
    assert page.problems == []


def test_root_page_sends_the_reader_to_a_language(page, base_url):
    page.goto(f"{base_url}/")
    page.wait_for_load_state()
    assert page.url == f"{base_url}/en/index.html", (page.url, page.problems, page.content()[:300])
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_codes_in_the_top_three(page, base_url, language):
    misses = []
    for query, expected in SEARCHES[language]:
        page.goto(f"{base_url}/{language}/search.html?q={quote(query)}")
        page.wait_for_function(
            "() => document.querySelector('#search-results p.search-summary')"
            " || document.querySelectorAll('#search-results li').length > 0", timeout=20000)
        page.wait_for_timeout(300)
        links = page.eval_on_selector_all("#search-results li a",
                                          "els => els.map(e => e.getAttribute('href'))")
        top = [link.split("#")[0].removesuffix(".html") for link in links[:3]]
        if expected not in top:
            misses.append(f"{query!r}: {expected} not in top three {top}")
    assert misses == []
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_horizontal_overflow_at_375px(page, base_url, language):
    wide = []
    for doc in DOCS:
        page.goto(f"{base_url}/{language}/{doc}.html")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append(f"{doc}: {overflow}px too wide")
    assert wide == []
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_codes_index_jumps_to_a_typed_code(page, base_url, language):
    page.goto(f"{base_url}/{language}/codes/index.html")
    page.fill("#code-jump", "41")   # perhaps before code-jump.js has arrived: it applies it then
    scripts_ready(page)
    assert page.is_visible("#code-410") and not page.is_visible("#code-404")
    page.fill("#code-jump", "418")
    page.wait_for_url(f"{base_url}/{language}/codes/418.html")
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violations(browser, base_url, language, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    pages = AXE_PAGES if scheme == "light" else ["codes/404", "guide/errors", "index"]
    for doc in pages:
        page.goto(f"{base_url}/{language}/{doc}.html")
        if doc == "search":
            page.goto(f"{base_url}/{language}/search.html?q=404")
            page.wait_for_selector("#search-results li", timeout=20000)
        page.add_style_tag(content=EVERY_SECTION_LAID_OUT)
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.append(f"{doc}: {violation['id']} ({violation['impact']}) {targets}")
    context.close()
    assert found == [], "\n".join(found)
