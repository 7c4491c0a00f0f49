"""Draw _static/favicon.png from _static/favicon.svg (run after editing the SVG).

    .venv/bin/python tools/favicon.py

Pages link the PNG: a browser draws an SVG icon as a small document of its own,
on the page's main thread, after the page has loaded; with its text that took
10-27 ms on this project's audit machine, which Lighthouse counts against a
phone. A PNG is only decoded. Chromium draws it here, so it matches the SVG.
"""

import sys
from pathlib import Path

from search_report import chromium   # the project's Chromium, or a clear error

PROJECT = Path(__file__).resolve().parent.parent
SVG = PROJECT / "_static/favicon.svg"
PNG = PROJECT / "_static/favicon.png"
SIZE = 64


def main() -> int:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": SIZE, "height": SIZE}, device_scale_factor=1)
        page.goto(SVG.as_uri())   # the SVG has a viewBox and no size: it fills the viewport
        page.screenshot(path=str(PNG), omit_background=True)
    print(f"wrote {PNG.relative_to(PROJECT)} ({PNG.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
