"""What the main thread does while a page loads, from Chromium traces.

    .venv/bin/python tools/trace_report.py [--runs N] [ROOT] [PAGE ...]

Serves ROOT (default _build/html) as tools/audit.py does, opens each page N
times (default 5) in a fresh Chromium at phone size, traces the load until the
scripts have run, and prints the median of each figure over the runs:

  families   distinct font families the page asked the system for
  strikes    font strikes (face, size, weight) set up, each a round trip to
             the browser process
  layout     the first layout, ms
  fonts      of which Chromium spent getting font data (faces, strikes), ms
  to-paint   all style and layout before the first paint, ms: the first
             layout and any after it (sections found near the screen)
  dcl        DOMContentLoaded observers (form filling and the like), ms
  dcl-lay    runs in which those observers laid the page out
  fetch-max  the most site-script fetches started in one task

These are the causes behind the blocking time `make audit` charges
(CONTRIBUTING.md, Page speed); Lighthouse multiplies each task by 4 (layout
tasks by 2) for a slow phone. Compare two builds by running it on each ROOT.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from audit import DEFAULT_PAGES, Handler
from search_report import CHROMIUM

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "navigation", "fonts"]
STRIKE = "WebSandboxSupportLinux::GetWebFontRenderStyleForStrike"
FONT_DATA = "FontCache::GetFontPlatformData"
SCRIPT = re.compile(r"/_static/[^/?]+\.js")


def inside(event: dict, span: dict) -> bool:
    return span["ts"] <= event["ts"] <= span["ts"] + span.get("dur", 0)


def font_families(events: list[dict]) -> list[str]:
    """The families the page asked the system for, in order, repeats included."""
    return [e["args"].get("family_name") for e in events
            if e.get("name") == "FontDataManager::onMatchFamilyStyle"]


def outermost(events: list[dict]) -> list[dict]:
    """The events not nested in another of the list (a call may make the same call)."""
    return [e for e in events if not any(
        o is not e and o["ts"] <= e["ts"] and e["ts"] + e.get("dur", 0) <= o["ts"] + o.get("dur", 0)
        for o in events)]


def figures(events: list[dict], url: str) -> dict:
    """The figures for one load of url, from its trace (the tests use them too)."""
    parse = next(e for e in events if e.get("name") == "ParseHTML"
                 and e.get("args", {}).get("beginData", {}).get("url") == url)
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == (parse["pid"], parse["tid"])]
    named = lambda name: [e for e in mine if e.get("name") == name]  # noqa: E731
    tasks = [t for t in named("RunTask") if t["ts"] >= parse["ts"]]
    observers = named("RenderFrameImpl::DidDispatchDOMContentLoadedEvent")
    fetches = [e for e in named("ResourceSendRequest")
               if SCRIPT.search((e.get("args", {}).get("data") or {}).get("url", ""))]
    per_task = [sum(inside(f, t) for f in fetches) for t in tasks]
    first_layout = named("Layout")[0]
    paint = next(e for e in named("Paint") if e["ts"] > first_layout["ts"])
    return {
        "families": len(set(font_families(events))),
        "strikes": sum(e.get("name") == STRIKE and e.get("pid") == parse["pid"] for e in events),
        "layout": first_layout["dur"] / 1000,
        "fonts": sum(e.get("dur", 0) for e in outermost(
            [e for e in named(FONT_DATA) if inside(e, first_layout)])) / 1000,
        "to-paint": sum(e.get("dur", 0) for e in mine if e.get("name") in ("Layout", "UpdateLayoutTree")
                        and first_layout["ts"] <= e["ts"] < paint["ts"]) / 1000,
        "dcl": sum(e.get("dur", 0) for e in observers) / 1000,
        "dcl-lay": sum(any(inside(e, span) for e in named("Layout")) for span in observers),
        "fetch-max": max(per_task, default=0),
        "observers": len(observers),   # for the tests: 0 means nothing was measured
        "fetches": len(fetches),
    }


def traced_load(browser, url: str, inspect=None) -> tuple[list[dict], object]:
    """Load url in a new phone-sized tab, traced until its scripts have run: the
    trace's events, and what inspect(tab) returns before the tab is closed."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    tab = context.new_page()
    tab.goto("about:blank")
    browser.start_tracing(page=tab, categories=CATEGORIES)
    tab.goto(url)
    tab.wait_for_selector("html[data-scripts=ready]", state="attached")
    tab.wait_for_timeout(200)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    seen = inspect(tab) if inspect else None
    context.close()
    return events, seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default="_build/html")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(args.root)
    if not (root / "en/index.html").is_file():
        sys.exit(f"trace_report: no built site at {root} (run make html)")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, list[dict]] = {page: [] for page in args.pages}
    with sync_playwright() as playwright:
        for _ in range(args.runs):
            for page in args.pages:   # interleaved, as audit.py does
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                events, _ = traced_load(browser, base + page)
                browser.close()
                results[page].append(figures(events, base + page))
    server.shutdown()
    names = ["families", "strikes", "layout", "fonts", "to-paint", "dcl", "dcl-lay", "fetch-max"]
    print(f"median of {args.runs} run(s) in Chromium at 412 px; {root}")
    print("page".ljust(30) + "".join(name.rjust(10) for name in names))
    for page, runs in results.items():
        print(page.ljust(30) + "".join(
            f"{statistics.median(run[name] for run in runs):10.1f}" for name in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
