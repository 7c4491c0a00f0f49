"""Where the reader is, and what a phone shows, checked in Chromium (issue 12).

The menu marks the code page and its class and lists the class's codes (with the
Chinese name in Chinese); previous/next step through the codes in the index's
order; no table breaks a word or outgrows a 375 px screen; one small stylesheet
is all that blocks the first paint, and it styles pages exactly as the
stylesheets it was made from; long pages lay out only the sections near the
screen, with nothing moved once drawn and nothing a checker sees as overlapping.
"""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import quote, urljoin

import pytest

import status_data
import trace_report
from conftest import DOCS, LANGUAGES, ROOT
from test_browser import EVERY_SECTION_LAID_OUT, LONG_PAGE_SECTIONS, base_url, browser, page, scripts_ready, watched  # noqa: F401

DATA = status_data.load(ROOT / "data" / "status-codes.yaml")
CODE_PAGES = [103, 422, 503]
CJK = re.compile(r"[\u4e00-\u9fff]")
# Everything that blocks the first paint must arrive in the first round trip:
# an initial TCP window is 10 packets, about 14 KiB.
CSS_BUDGET_GZIP = 14 * 1024

MENU = """() => [...document.querySelectorAll('.wy-menu-vertical li')].map(li => ({
  level: +(li.className.match(/toctree-l(\\d)/) || [0, 0])[1],
  current: li.classList.contains('current'),
  open: li.querySelector(':scope > ul') !== null,
  text: li.querySelector(':scope > a').textContent.trim(),
  href: li.querySelector(':scope > a').href,
  visible: li.querySelector(':scope > a').getBoundingClientRect().height > 0,
}))"""


@pytest.fixture()
def desktop(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watched(context.new_page())
    context.close()


def index_groups(page, base_url, language):  # noqa: F811
    """The codes index's tables in order: {section id: [codes in its table]}."""
    page.goto(f"{base_url}/{language}/codes/index.html")
    return page.evaluate("""() => {
      const groups = {};
      for (const table of document.querySelectorAll('table.status-table')) {
        const codes = [...table.querySelectorAll('tbody tr')].map(
          tr => +tr.querySelector('td').textContent.trim());
        (groups[table.closest('section').id] ||= []).push(...codes);
      }
      return groups;
    }""")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CODE_PAGES)
def test_menu_marks_the_code_and_opens_only_its_class(desktop, base_url, language, code):
    groups = index_groups(desktop, base_url, language)
    desktop.goto(f"{base_url}/{language}/codes/{code}.html")
    menu = desktop.evaluate(MENU)
    current = [item for item in menu if item["current"]]
    assert [item["level"] for item in current] == [1, 2, 3], current
    reference, group, entry = current
    assert reference["href"].split("#")[0].endswith("/codes/index.html")
    # Sphinx links the current page to itself ("#").
    assert entry["text"].startswith(f"{code} ")
    assert entry["href"].split("#")[0].endswith(f"/codes/{code}.html")
    assert entry["visible"]
    section = group["href"].split("#")[1]
    assert code in groups[section], f"{code} listed under {section}"
    # The class is open and lists its codes; every other class is closed.
    assert [item["open"] for item in menu if item["level"] == 2] == [
        item is group for item in menu if item["level"] == 2]
    listed = [int(item["text"].split()[0]) for item in menu if item["level"] == 3]
    assert listed == groups[section]
    assert len([item for item in menu if item["level"] == 2]) == len(groups)


@pytest.mark.parametrize("language", LANGUAGES)
def test_codes_index_menu_keeps_every_class_closed(desktop, base_url, language):
    desktop.goto(f"{base_url}/{language}/codes/index.html")
    menu = desktop.evaluate(MENU)
    assert [item for item in menu if item["level"] == 3] == []
    assert [item["text"] for item in menu if item["level"] == 2 and item["current"]] == []


def test_chinese_menu_names_codes_in_chinese(desktop, base_url):
    desktop.goto(f"{base_url}/zh_CN/codes/404.html")
    entries = [item for item in desktop.evaluate(MENU) if item["level"] == 3]
    assert entries, "no codes in the menu"
    for entry in entries:
        code = int(entry["text"].split()[0])
        assert entry["text"].startswith(DATA[code].title), entry["text"]
        assert CJK.search(entry["text"]), f"no Chinese name in {entry['text']!r}"
    assert "404 Not Found（未找到）" in [entry["text"] for entry in entries]


@pytest.mark.parametrize("language", LANGUAGES)
def test_previous_and_next_step_through_the_codes_in_order(page, base_url, language):  # noqa: F811
    order = [code for codes in index_groups(page, base_url, language).values() for code in codes]
    assert sorted(order) == sorted(DATA)
    tables = page.evaluate("""() => [...document.querySelectorAll('table.status-table')].map(
      table => [...table.querySelectorAll('tbody tr')].map(tr => +tr.querySelector('td').textContent.trim()))""")
    for codes in tables:   # a class, or one vendor's codes
        assert codes == sorted(codes)
    url, walked, previous = f"{base_url}/{language}/codes/index.html", [], None
    while True:
        page.goto(url)
        links = page.evaluate("""() => Object.fromEntries(
          [...document.querySelectorAll('.rst-footer-buttons a[rel]')].map(a => [a.rel, a.href]))""")
        if previous is not None:
            assert links["prev"] == previous, f"{url}: previous is {links.get('prev')}"
        if "next" not in links or "/codes/" not in links["next"]:
            break
        previous, url = url, links["next"]
        walked.append(int(url.rsplit("/", 1)[1].removesuffix(".html")))
    assert walked == order


def table_pages(site, language):
    return [doc for doc in DOCS
            if "<table" in (site[language] / f"{doc}.html").read_text(encoding="utf-8")]


BROKEN_WORDS = """() => {
  const segmenter = new Intl.Segmenter(document.documentElement.lang, {granularity: 'word'});
  const broken = [], wide = [];
  let unmeasured = 0;   // words with no line box at all: hidden, or not laid out
  for (const table of document.querySelectorAll('.rst-content table')) {
    const box = table.getBoundingClientRect();
    if (box.left < -0.5 || box.right > window.innerWidth + 0.5)
      wide.push(`${table.className}: ${Math.round(box.left)}..${Math.round(box.right)}px`);
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (const {segment, index, isWordLike} of segmenter.segment(node.data)) {
        if (!isWordLike || !/[A-Za-z0-9]/.test(segment)) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + segment.length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                .map(r => Math.round(r.bottom)));
        if (lines.size === 0 && node.parentElement.closest('thead') === null) unmeasured++;
        if (lines.size > 1)
          broken.push(`${segment} (${node.parentElement.closest('td, th').tagName}: ` +
                      `${node.parentElement.closest('td, th').textContent.trim().slice(0, 40)})`);
      }
    }
  }
  return {broken, wide, unmeasured};
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_tables_break_no_word_and_fit_375px(page, base_url, site, language):  # noqa: F811
    docs = table_pages(site, language)
    assert "codes/index" in docs
    problems = []
    for doc in docs:
        page.goto(f"{base_url}/{language}/{doc}.html")
        found = page.evaluate(BROKEN_WORDS)
        if found["broken"]:
            problems.append(f"{doc}: {len(found['broken'])} broken words: {found['broken'][:8]}")
        if found["wide"]:
            problems.append(f"{doc}: tables wider than the screen: {found['wide']}")
        if found["unmeasured"]:
            problems.append(f"{doc}: {found['unmeasured']} words have no line box, so were not checked")
    assert problems == [], "\n".join(problems)
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_small_stylesheet_blocks_the_first_paint(page, base_url, site, language):  # noqa: F811
    for doc in ("index", "codes/404", "codes/index", "guide/errors", "search"):
        page.goto(f"{base_url}/{language}/{doc}.html")
        blocking = page.evaluate("""() => performance.getEntriesByType('resource')
          .filter(r => r.renderBlockingStatus === 'blocking' && r.initiatorType === 'link')
          .map(r => r.name)""")
        stylesheets = page.evaluate("""() => [...document.querySelectorAll('link[rel=stylesheet]')]
          .filter(l => !l.media || matchMedia(l.media).matches).map(l => l.href)""")
        assert len(stylesheets) == 1 and blocking == stylesheets, (doc, blocking, stylesheets)
        path = site["root"] / stylesheets[0].removeprefix(base_url + "/").split("?")[0]
        size = len(gzip.compress(path.read_bytes(), 9))
        assert size <= CSS_BUDGET_GZIP, f"{doc}: {path.name} is {size} bytes gzipped"
        assert page.evaluate("document.styleSheets[0].cssRules.length") > 100


# Where every element is, and what it looks like (its ::before and ::after too).
PROPERTIES = [
    "display", "position", "float", "visibility", "opacity", "z-index", "overflow-x", "overflow-y",
    "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top", "padding-right",
    "padding-bottom", "padding-left", "border-top", "border-right", "border-bottom", "border-left",
    "border-radius", "outline", "box-shadow", "color", "background-color", "background-image",
    "font-family", "font-size", "font-weight", "font-style", "line-height", "letter-spacing",
    "text-align", "text-decoration-line", "text-transform", "white-space", "overflow-wrap",
    "vertical-align", "list-style-type", "cursor", "content", "transform", "grid-template-columns",
]
COMPUTED = """(properties) => [...document.querySelectorAll('body *')].map(element => {
  const box = element.getBoundingClientRect();
  const styles = [null, '::before', '::after'].map(pseudo => {
    const style = getComputedStyle(element, pseudo);
    return properties.map(name => style.getPropertyValue(name)).join(';');
  });
  return [element.tagName, element.className, box.x, box.y, box.width, box.height, ...styles]
    .join('|');
})"""
# Resolves once the number of elements has not changed for 300 ms (at most 5 s).
SETTLED = """async () => {
  let count = -1, stable = 0;
  for (let i = 0; i < 50 && stable < 3; i++) {
    await new Promise(done => setTimeout(done, 100));
    const now = document.querySelectorAll('body *').length;
    stable = now === count ? stable + 1 : 0;
    count = now;
  }
}"""
USE_SOURCES = """async ([sources, bundle]) => {
  const link = document.querySelector(`link[href*="${bundle}"]`);
  await Promise.all(sources.map(([file, media]) => new Promise(loaded => {
    const source = document.createElement('link');
    source.rel = 'stylesheet';
    source.href = new URL(file.replace(/^_static\\//, '../'), link.href).href;
    if (media) source.media = media;
    source.onload = source.onerror = loaded;
    link.before(source);
  })));
  link.remove();
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_purged_stylesheet_styles_pages_as_its_sources_do(browser, base_url, site, width, scheme):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()  # noqa: F811
    differences = []
    for language, doc in (("en", "codes/index"), ("en", "codes/404"), ("zh_CN", "guide/errors"),
                          ("en", "guide/cheat-sheet"), ("zh_CN", "index")):
        sources = json.loads((site[language] / "_static/css/site-sources.json").read_text())
        page.goto(f"{base_url}/{language}/{doc}.html")
        scripts_ready(page)
        page.evaluate(SETTLED)   # the scripts add buttons: measure a page that is done
        bundled = page.evaluate(COMPUTED, PROPERTIES)
        page.evaluate(USE_SOURCES, [sources, "css/site.css"])
        original = page.evaluate(COMPUTED, PROPERTIES)
        assert len(bundled) == len(original) > 100
        differences += [f"{doc}: {a[:80]}" for a, b in zip(bundled, original) if a != b][:5]
    context.close()
    assert differences == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_scripts_added_after_the_paint_still_work(page, base_url, site, language):  # noqa: F811
    """No page but the search page links a script; the loader adds them after the
    first paint (_ext/paint_first.py), and they do what they did when linked."""
    for doc in [*DOCS, "search"]:
        html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
        linked = re.findall(r"<script[^>]*\ssrc=", html)
        assert (linked != []) == (doc == "search"), (doc, linked)
    page.goto(f"{base_url}/{language}/codes/404.html")
    scripts_ready(page)
    page.click("[data-toggle=wy-nav-top]")   # _static/menu.js's handler
    page.wait_for_function("document.querySelector('[data-toggle=wy-nav-shift]').classList.contains('shift')")
    page.click("[data-toggle=wy-nav-top]")
    page.wait_for_function("!document.querySelector('[data-toggle=wy-nav-shift]').classList.contains('shift')")
    assert page.evaluate("document.querySelectorAll('.copybtn').length") > 0
    # sphinx-design's design-tabs.js starts on DOMContentLoaded, which is over when it
    # arrives; the loader runs that handler, so a chosen tab is remembered across pages.
    page.click("label.sd-tab-label[data-sync-id=go]")
    page.goto(f"{base_url}/{language}/codes/503.html")
    scripts_ready(page)
    assert page.evaluate("""document.querySelector('label.sd-tab-label[data-sync-id=go]')
      .previousElementSibling.checked""")
    assert page.problems == []




LOADER_LIST = re.compile(r'\}\)\((\[.*?\])\);</script>', re.S)
HIGHLIGHT_SCRIPTS = {"sphinx_highlight.js", "translations.js"}   # only after a search
SEARCHED_FOR = {"en": "Too Many Requests", "zh_CN": "请求过多"}
# Counts the reads of the search terms Sphinx's search leaves in storage.
STORAGE_READS_COUNTED = """
window.storageReads = 0;
const getItem = Storage.prototype.getItem;
Storage.prototype.getItem = function (key) {
  if (key === "sphinx_highlight_terms") window.storageReads += 1;
  return getItem.call(this, key);
};
"""


def script_name(url: str) -> str:
    """A script's file name from its address: "../_static/menu.js?v=1" -> "menu.js"."""
    return url.split("?")[0].rsplit("/", 1)[-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_terms_are_marked_only_on_pages_opened_from_search(page, base_url, language):  # noqa: F811
    """Following a search result marks the terms searched for; a page opened any
    other way fetches neither sphinx_highlight.js nor translations.js, and does
    not read the terms from localStorage (a first read waits on the browser;
    paint_first.js)."""
    fetched = []
    page.on("request", lambda request: fetched.append(script_name(request.url)))
    page.add_init_script(STORAGE_READS_COUNTED)
    page.goto(f"{base_url}/{language}/codes/429.html")
    scripts_ready(page)
    assert "menu.js" in fetched and HIGHLIGHT_SCRIPTS.isdisjoint(fetched), fetched
    assert page.locator("span.highlighted").count() == 0
    assert page.evaluate("window.storageReads") == 0

    # Terms left over from an earlier search are not this page's: a page
    # opened from a link elsewhere neither reads them nor marks them.
    page.evaluate("localStorage.setItem('sphinx_highlight_terms', 'retry')")
    fetched.clear()
    page.locator(".rst-content a[href^='503.html']").first.click()
    page.wait_for_url("**/codes/503.html*")
    scripts_ready(page)
    assert HIGHLIGHT_SCRIPTS.isdisjoint(fetched), fetched
    assert page.evaluate("window.storageReads") == 0
    assert page.locator("span.highlighted").count() == 0

    page.goto(f"{base_url}/{language}/search.html?q={quote(SEARCHED_FOR[language])}")
    result = page.locator("#search-results li a[href*='codes/429.html']").first
    result.wait_for(timeout=20000)
    # The result learns from the referrer that terms may wait: whatever policy
    # the host's headers set, the search page sends its address to our pages.
    assert page.locator("meta[name=referrer]").get_attribute("content") == "strict-origin-when-cross-origin"
    fetched.clear()
    result.click()
    page.wait_for_url("**/codes/429.html*")
    scripts_ready(page)
    assert page.evaluate("window.storageReads") >= 1
    assert "sphinx_highlight.js" in fetched, fetched
    assert ("translations.js" in fetched) == (language == "zh_CN"), fetched
    page.wait_for_selector("span.highlighted", state="attached")

    fetched.clear()   # the terms are used once: the next page is plain again
    page.goto(f"{base_url}/{language}/codes/431.html")
    scripts_ready(page)
    assert HIGHLIGHT_SCRIPTS.isdisjoint(fetched), fetched

    page.goto(f"{base_url}/{language}/codes/503.html?highlight=retry-after")
    scripts_ready(page)
    page.wait_for_selector("span.highlighted", state="attached")
    assert page.evaluate("location.search") == ""   # Sphinx drops the terms from the address
    assert page.problems == []




@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_load_only_the_scripts_they_use(site, language):
    """Copy buttons where there is code, tab memory where there are tabs (paint_first)."""
    problems, plain = [], 0
    for path in sorted(site[language].glob("**/*.html")):
        html = path.read_text(encoding="utf-8")
        found = LOADER_LIST.search(html)
        if path.name in ("search.html", "genindex.html") or not found:
            continue
        listed = json.loads(found.group(1))
        names = {script_name(entry["src"]) for entry in listed}
        body = html[html.index("<body"):]
        code, tabs = 'class="highlight' in body, 'class="sd-tab-set' in body
        plain += not code and not tabs
        if {"clipboard.min.js" in names, "copybutton.js" in names} != {code}:
            problems.append(f"{path.name}: code blocks {code}, scripts {sorted(names)}")
        if ("design-tabs.js" in names) != tabs:
            problems.append(f"{path.name}: tab sets {tabs}, scripts {sorted(names)}")
        if not {"menu.js", "sphinx_highlight.js"} <= names:
            problems.append(f"{path.name}: no menu or search-term highlight: {sorted(names)}")
        after_search = {script_name(entry["src"]) for entry in listed if "data-after-search" in entry}
        if after_search != names & HIGHLIGHT_SCRIPTS:
            problems.append(f"{path.name}: loaded only after a search: {sorted(after_search)}")
    assert problems == [] and plain >= 3, (plain, problems)


def first_paint_order(events: list[dict], url: str, html: str) -> dict:
    """From a Chromium trace of loading url, on the page's main thread (microseconds):
    when the parser had read up to the page-end marker, the first Paint, and the
    first site script. (Scripts parse HTML too, copybutton.js's tooltips: those
    parses are fragments, not the page, and come after the first script.)"""
    marker = next(n for n, line in enumerate(html.splitlines()) if 'id="page-end"' in line)
    parses = [e for e in events if e.get("name") == "ParseHTML"
              and e.get("args", {}).get("beginData", {}).get("url") == url]
    first = min(parses, key=lambda e: e["ts"])
    frame = first["args"]["beginData"]["frame"]
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == (first["pid"], first["tid"])]
    scripts = [e["ts"] for e in mine if e.get("name") == "EvaluateScript"
               and "/_static/" in ((e.get("args", {}).get("data") or {}).get("url") or "")]
    reached = [e["ts"] + e.get("dur", 0) for e in parses
               if (e.get("args", {}).get("endData") or {}).get("endLine", -1) >= marker]
    painted = [e["ts"] for e in mine if e.get("name") == "Paint" and e["ts"] > first["ts"]
               and (e.get("args", {}).get("data") or {}).get("frame") == frame]   # not about:blank's
    return {"parsed": min(reached, default=None), "painted": min(painted, default=None),
            "script": min(scripts, default=None)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_are_drawn_whole_before_any_script_runs(browser, base_url, site, language):  # noqa: F811
    """The first paint comes after the whole page is parsed (rel=expect), and before
    the first script: Lighthouse charges a phone for what runs after that paint."""
    problems = []
    for doc in ("guide/errors", "codes/404", "codes/index", "index"):
        context = browser.new_context(viewport={"width": 412, "height": 823})
        tab = context.new_page()
        url = f"{base_url}/{language}/{doc}.html"
        browser.start_tracing(page=tab, categories=["devtools.timeline"])
        tab.goto(url)
        scripts_ready(tab)
        html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
        order = first_paint_order(json.loads(browser.stop_tracing())["traceEvents"], url, html)
        context.close()
        if None in order.values():
            problems.append(f"{doc}: not in the trace: {order}")
        elif not order["parsed"] < order["painted"] < order["script"]:
            problems.append(f"{doc}: parsed, painted, first script at {order}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_jquery_and_the_menu_still_works(desktop, base_url, site, language):
    """menu.js replaces the theme's theme.js and jQuery (_ext/menu.py)."""
    for doc in ("index", "codes/404", "guide/errors", "search"):
        html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
        assert "jquery.js" not in html and "js/theme.js" not in html, doc
    assert not (site[language] / "_static/jquery.js").exists()
    desktop.goto(f"{base_url}/{language}/codes/422.html")
    scripts_ready(desktop)
    # Each open entry (the codes index and the 4xx class) has a labelled button.
    buttons = desktop.evaluate("""() => [...document.querySelectorAll(
      '.wy-menu-vertical li > a > button.toctree-expand')].map(b => [b.closest('li').className, b.title])""")
    assert [cls.split()[0] for cls, _ in buttons] == ["toctree-l1", "toctree-l2"], buttons
    label = "展开或收起此项" if language == "zh_CN" else "Open or close this entry"
    assert {title for _, title in buttons} == {label}
    # It closes the class, and the page's own entry is hidden with it; again opens it.
    button = ".wy-menu-vertical li.toctree-l2 > a > button.toctree-expand"
    desktop.click(button)
    assert desktop.evaluate("document.querySelector('li.toctree-l2 > ul').getBoundingClientRect().height") == 0
    assert desktop.url.endswith("/422.html"), "the button followed its link"
    desktop.click(button)
    assert desktop.evaluate("document.querySelector('a.current[href=\"#\"]').getBoundingClientRect().height") > 0
    # A chapter's section entry becomes current when the address names it.
    desktop.goto(f"{base_url}/{language}/guide/errors.html")
    scripts_ready(desktop)
    target = desktop.evaluate("""() => [...document.querySelectorAll('.wy-menu-vertical li.toctree-l2 > a')]
      .map(a => a.getAttribute('href')).filter(h => h.startsWith('#'))[1]""")
    desktop.evaluate("(hash) => { window.location.hash = hash; }", target)
    desktop.wait_for_function("(hash) => document.querySelector(`.wy-menu-vertical a[href='${hash}']`)"
                             ".classList.contains('current')", arg=target)
    assert desktop.problems == []


# Where the menu's entry for the page is, against the menu's visible area.
ENTRY_IN_SIGHT = """() => {
  const scroller = document.querySelector('.wy-side-scroll').getBoundingClientRect();
  const entry = document.querySelector('.wy-menu-vertical a.current[href="#"]').getBoundingClientRect();
  return {inside: entry.height > 0 && entry.top >= scroller.top && entry.bottom <= scroller.bottom,
          entry: entry.top, bottom: scroller.bottom};
}"""


@pytest.mark.parametrize("code", [204, 511, 561])
def test_menu_shows_the_pages_own_entry(desktop, base_url, code):
    desktop.set_viewport_size({"width": 1280, "height": 600})
    desktop.goto(f"{base_url}/en/codes/{code}.html")
    scripts_ready(desktop)
    place = desktop.wait_for_function(
        f"() => new Promise(done => requestAnimationFrame(() => done(({ENTRY_IN_SIGHT})())))").json_value()
    assert place["inside"], place


def test_tables_are_wrapped_when_built(site):
    """The theme's scrolling wrapper is in the HTML, not added after layout."""
    for language in LANGUAGES:
        html = (site[language] / "codes/index.html").read_text(encoding="utf-8")
        tables = html.count("<table")
        assert tables > 5 and html.count('<div class="wy-table-responsive"><table') == tables


def test_the_favicon_is_a_png_no_page_draws(site):
    """An SVG icon is a document Chromium lays out on the main thread after load."""
    png = (ROOT / "_static/favicon.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (64).to_bytes(4, "big") * 2
    for language in LANGUAGES:
        for doc in ("index", "codes/404", "search"):
            html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
            icons = re.findall(r'<link rel="[^"]*icon"[^>]*>', html)
            assert len(icons) == 1 and "favicon.png" in icons[0], (language, doc, icons)


# Families the browser asks the system for while it draws a page. The theme's
# stacks (and the browser's default face, for an unstyled root element) would
# add these; each lookup is a round trip to the browser process before the
# first layout can finish.
THEME_FAMILIES = {"Lato", "Roboto Slab", "FontAwesome", "SFMono-Regular", "Monaco", "Liberation Mono",
                  "Courier New", "Courier", "Times New Roman", "Times", "Arial", "Helvetica"}
# Distinct families asked for: the text stack and the code stack, as the system
# resolves them. The theme's stacks made it 18.
FONT_FAMILY_BUDGET = 9


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_look_up_few_font_families(browser, base_url, language):  # noqa: F811
    problems = []
    for doc in ("codes/503", "guide/errors", "codes/index"):
        events, _ = trace_report.traced_load(browser, f"{base_url}/{language}/{doc}.html")
        families = trace_report.font_families(events)
        fallbacks = sum(e.get("name") == "FontCache::FallbackFontForCharacter" for e in events)
        if not families:
            problems.append(f"{doc}: the trace shows no font lookup at all, so nothing was measured")
        if THEME_FAMILIES & set(families) or len(set(families)) > FONT_FAMILY_BUDGET or fallbacks:
            problems.append(f"{doc}: {len(set(families))} families {families}, "
                            f"{fallbacks} searches for a character no listed face has")
    assert problems == []


# Each face at each size, weight and style that a page draws text in is a strike
# the browser sets up before the first layout (custom.css, "Few sizes"). At phone
# width the theme's sizes made 12 to 14 on these pages; the menu is not drawn.
STRIKES = """() => {
  const strikes = new Set(), walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (!node.data.trim() || !node.parentElement.getClientRects().length) continue;
    const style = getComputedStyle(node.parentElement);
    strikes.add([style.fontFamily, style.fontSize, style.fontWeight, style.fontStyle].join(' '));
  }
  return [...strikes];
}"""
STRIKE_BUDGET = 7


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_pages_draw_text_in_few_sizes(page, base_url, language):  # noqa: F811
    page.set_viewport_size({"width": 412, "height": 823})   # Lighthouse's phone
    problems = []
    for doc in ("codes/503", "guide/errors", "codes/index", "index"):
        page.goto(f"{base_url}/{language}/{doc}.html")
        scripts_ready(page)
        strikes = page.evaluate(STRIKES)
        if not 3 <= len(strikes) <= STRIKE_BUDGET:
            problems.append(f"{doc}: {len(strikes)} strikes: {sorted(strikes)}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_phone_menu_is_drawn_only_when_open(page, base_url, language):  # noqa: F811
    """Closed, the menu is not laid out (nor in the tab order); opened, it shows the
    page's own entry, though 511 is far down the 5xx class."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{base_url}/{language}/codes/511.html")
    scripts_ready(page)
    drawn = "document.querySelector('.wy-nav-side').getClientRects().length"
    assert page.evaluate(drawn) == 0
    page.click("[data-toggle=wy-nav-top]")
    place = page.evaluate(ENTRY_IN_SIGHT)
    assert page.evaluate(drawn) > 0 and place["inside"], place
    page.click(".wy-menu-vertical a.current[href='#']")   # following a link closes the menu
    page.wait_for_function(f"{drawn} === 0")
    assert page.problems == []


# Long pages lay out a section only as it nears the screen (custom.css, "Long pages").
LONG_PAGES = ("guide/errors", "codes/index", "codes/503")
SECTIONS_DRAWN = f"""() => [...document.querySelectorAll('{LONG_PAGE_SECTIONS}')].map(
  s => s.firstElementChild.checkVisibility({{contentVisibilityAuto: true}}))"""
# Every element of the text, once the reader has scrolled through the page.
CONTENT_BOXES = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  }
  scrollTo(0, 0);
  return [...document.querySelectorAll('[itemprop=articleBody] *:not(section)')].map(e => {
    const r = e.getBoundingClientRect();
    return [e.tagName, e.id, Math.round(r.x), Math.round(r.y + scrollY), Math.round(r.width), Math.round(r.height)];
  });
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_long_pages_lay_out_only_the_sections_near_the_screen(page, base_url, language):  # noqa: F811
    """The first layout on a phone covers the first screen, not the whole chapter;
    once the reader has scrolled through, every element of the text sits where it
    would without the rule; a link to the last section lands on it."""
    page.set_viewport_size({"width": 412, "height": 823})   # Lighthouse's phone
    problems = []
    for doc in LONG_PAGES:
        page.goto(f"{base_url}/{language}/{doc}.html")
        scripts_ready(page)
        drawn = page.evaluate(SECTIONS_DRAWN)
        if not drawn[0] or all(drawn) or sum(drawn) > len(drawn) / 2:
            problems.append(f"{doc}: sections drawn at load {drawn}")
        boxes = page.evaluate(CONTENT_BOXES)
        page.add_style_tag(content=EVERY_SECTION_LAID_OUT)
        plain = page.evaluate(CONTENT_BOXES)
        moved = [(a, b) for a, b in zip(boxes, plain) if a != b]
        if len(boxes) != len(plain) or moved:
            problems.append(f"{doc}: {len(moved)} of {len(boxes)} elements placed otherwise, e.g. {moved[:2]}")
        last = page.evaluate(f"[...document.querySelectorAll('{LONG_PAGE_SECTIONS}')].pop().id")
        page.goto(f"{base_url}/{language}/{doc}.html#{last}")
        scripts_ready(page)
        top, room = page.evaluate(f"""[document.getElementById('{last}').getBoundingClientRect().top,
            document.documentElement.scrollHeight - scrollY - innerHeight]""")
        if abs(top) > 2 and room > 1:   # at the top of the screen, or the page is at its end
            problems.append(f"{doc}#{last}: the section starts {top}px down, {room}px left to scroll")
    assert problems == []
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_sections_not_yet_drawn_pass_the_target_size_check(browser, base_url, language):  # noqa: F811
    """axe's target-size check, as Lighthouse runs it on a phone: it asks where the
    links of undrawn sections are, and they must not seem to overlap."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    found = []
    for doc in LONG_PAGES + ("guide/cheat-sheet",):
        page.goto(f"{base_url}/{language}/{doc}.html")
        scripts_ready(page)
        assert not all(page.evaluate(SECTIONS_DRAWN)), f"{doc}: every section drawn, nothing to check"
        results = Axe().run(page, options={"runOnly": ["target-size"]})
        found += [f"{doc}: {node['target']}" for violation in results.response["violations"]
                  for node in violation["nodes"]][:3]
    context.close()
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_focused_link_at_a_sections_edge_shows_its_whole_outline(page, base_url, language):  # noqa: F811
    """A section that clips what it draws (custom.css, "Long pages") clips at its
    padding edge: its padding must hold the outline of a focused link at the start
    of a line."""
    page.goto(f"{base_url}/{language}/guide/errors.html")
    scripts_ready(page)
    edges = page.evaluate("""(sections) => {
      const out = [];
      for (const a of document.querySelectorAll(sections + ' p a')) {
        const section = a.closest('section'), box = a.getClientRects()[0];
        if (!box || box.left - section.getBoundingClientRect().left > 8) continue;
        a.focus();
        const style = getComputedStyle(a), clip = getComputedStyle(section);
        out.push({link: a.getAttribute('href'), focusVisible: a.matches(':focus-visible'),
                  ring: parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset),
                  room: a.getClientRects()[0].left - section.getBoundingClientRect().left
                        - parseFloat(clip.borderLeftWidth),
                  clips: clip.overflowX !== 'visible' || clip.contentVisibility !== 'visible'});
      }
      return out;
    }""", LONG_PAGE_SECTIONS)
    assert edges, "no link starts a line at a section's edge: nothing was measured"
    assert all(e["focusVisible"] and e["ring"] > 0 for e in edges), edges
    assert [e for e in edges if e["clips"] and e["room"] < e["ring"]] == []


def test_heading_links_use_a_character_every_text_face_has(site):
    """Not the theme's icon-font glyph (U+F0C1): without the icon font it is a box."""
    private_use = re.compile("[\ue000-\uf8ff]")
    for language in LANGUAGES:
        for doc in ("index", "codes/404", "guide/errors"):
            html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
            assert not private_use.search(html), (language, doc, private_use.findall(html)[:3])
            links = re.findall(r'<a class="headerlink"[^>]*>([^<]*)</a>', html)
            assert links and set(links) == {"\N{PILCROW SIGN}"}, (language, doc, set(links))


LAYOUT_SHIFT = """() => new Promise(done => {
  new PerformanceObserver(list => done(list.getEntries().reduce((sum, e) => sum + e.value, 0)))
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(0), 500);
})"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_filling_does_not_lay_out_the_page_when_parsing_ends(browser, base_url, site, language):  # noqa: F811
    """Text fields come in <template data-first-frame> and join the page at the start
    of the first frame (paint_first.js). A field present when parsing ends makes
    Chromium's form filling look at every field and lay the page out, in the
    DOMContentLoaded task (RenderFrameImpl::DidDispatchDOMContentLoadedEvent).
    The fields are there in the end, and nothing moves when they arrive."""
    problems = []
    for doc in ("codes/index", "codes/503", "guide/errors", "index"):
        html = (site[language] / f"{doc}.html").read_text(encoding="utf-8")
        outside = re.sub(r"<template data-first-frame>.*?</template>", "", html, flags=re.S)
        if re.search(r'<input(?![^>]*type="(?:radio|checkbox|hidden)")', outside):
            problems.append(f"{doc}: a text field outside <template data-first-frame>")
        url = f"{base_url}/{language}/{doc}.html"
        events, (fields, jump, shifted) = trace_report.traced_load(browser, url, lambda tab: (
            tab.evaluate("document.querySelectorAll('#rtd-search-form input[name=q]').length"),
            tab.evaluate("document.querySelectorAll('.code-jump input').length"),
            tab.evaluate(LAYOUT_SHIFT)))
        found = trace_report.figures(events, url)
        if not found["observers"]:
            problems.append(f"{doc}: the trace has no DOMContentLoaded observers, so nothing was measured")
        if found["dcl-lay"]:
            problems.append(f"{doc}: laid out by the DOMContentLoaded observers (form filling)")
        if fields != 1 or jump != (doc == "codes/index") or shifted:
            problems.append(f"{doc}: search fields {fields}, code-jump fields {jump}, layout shift {shifted}")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_loader_starts_one_script_per_task(browser, base_url, site, language):  # noqa: F811
    """Starting a fetch costs milliseconds of main thread on a slow phone; seven in
    one task made a long task after the first paint (paint_first.js). Every script
    the page's list has for a visit not from a search is fetched, one per task."""
    html = (site[language] / "codes/404.html").read_text(encoding="utf-8")
    listed = json.loads(LOADER_LIST.search(html).group(1))
    plain = [entry for entry in listed if "data-after-search" not in entry]
    url = f"{base_url}/{language}/codes/404.html"
    found = trace_report.figures(trace_report.traced_load(browser, url)[0], url)
    assert len(plain) >= 6 and found["fetches"] == len(plain) and found["fetch-max"] == 1, found
