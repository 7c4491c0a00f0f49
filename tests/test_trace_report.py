"""tools/trace_report.py reads the right figures out of a Chromium trace."""

from __future__ import annotations

import trace_report

URL = "http://127.0.0.1:8000/en/codes/503.html"
MAIN = {"pid": 1, "tid": 7}


def event(name, ts, dur=0, **data):
    return {"name": name, "ts": ts, "dur": dur, "ph": "X", **MAIN, "args": {"data": data}}


def trace(observer_layout: bool, fetch_tasks: list[list[int]]) -> list[dict]:
    events = [
        {"name": "ParseHTML", "ts": 100, "dur": 10, "ph": "X", **MAIN, "args": {"beginData": {"url": URL}}},
        event("RunTask", 200, 100),
        event("Layout", 210, 40),
        event("RenderFrameImpl::DidDispatchDOMContentLoadedEvent", 260, 30),
        {"name": "FontDataManager::onMatchFamilyStyle", "ts": 220, "pid": 2, "tid": 3,
         "args": {"family_name": "DejaVu Sans"}},
        {"name": "FontDataManager::onMatchFamilyStyle", "ts": 230, "pid": 2, "tid": 3,
         "args": {"family_name": "Monospace"}},
        event("WebSandboxSupportLinux::GetWebFontRenderStyleForStrike", 225, 2),
        event("WebSandboxSupportLinux::GetWebFontRenderStyleForStrike", 235, 2),
        event("FontCache::GetFontPlatformData", 212, 20),
        event("FontCache::GetFontPlatformData", 214, 5),    # nested in the one before: counted once
        event("FontCache::GetFontPlatformData", 240, 6),
        event("FontCache::GetFontPlatformData", 500, 30),   # after the first layout: not counted
        event("UpdateLayoutTree", 320, 7),
        event("Layout", 330, 12),                          # another layout before the paint
        event("Paint", 400, 5),
        event("Layout", 450, 50),                          # after the paint: not counted
        # another tab's main thread: ignored
        {"name": "Layout", "ts": 265, "dur": 9, "ph": "X", "pid": 9, "tid": 9, "args": {}},
        {"name": "WebSandboxSupportLinux::GetWebFontRenderStyleForStrike", "ts": 266, "pid": 9, "tid": 9},
    ]
    if observer_layout:
        events.append(event("Layout", 270, 15))
    for n, fetches in enumerate(fetch_tasks):
        start = 1000 + 100 * n
        events.append(event("RunTask", start, 50))
        events += [event("ResourceSendRequest", start + 1 + i, url=f"http://x/en/_static/{f}.js?v=1")
                   for i, f in enumerate(fetches)]
    return events


def test_figures_from_a_trace():
    found = trace_report.figures(trace(True, [["doctools", "menu"], ["copybutton"]]), URL)
    assert found == {"families": 2, "strikes": 2, "layout": 0.04, "fonts": 0.026, "to-paint": 0.074, "dcl": 0.03, "dcl-lay": 1,
                     "fetch-max": 2, "observers": 1, "fetches": 3}
    found = trace_report.figures(trace(False, [["doctools"], ["menu"]]), URL)
    assert found["dcl-lay"] == 0 and found["fetch-max"] == 1 and found["to-paint"] == 0.059
