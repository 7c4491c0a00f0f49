"""Time the build on this machine and compare it with an empty project's floor.

Usage: python tools/bench.py [--repeat N] [--sphinxopts "..."] [--make-arg=-j2]
                             [--source DIR] [--keep]
       (make bench runs it with the venv's Python; --source measures another
       checkout or a patched copy, e.g. to compare a conf.py change)

Everything happens in a private temporary directory: the sources are copied
there (the catalogues without their compiled .mo files, as in a fresh clone)
and .venv is symlinked, so the real tree, its locale/ and its _build/ are
never touched. Measured, each as wall time:

  clean      `make html BUILDDIR=<fresh dir>` in the copy: both languages
  rebuild    touch codes/404.md, then `make html-en` and `make html-zh_CN`
             with the same BUILDDIR (per language), then touch it again and
             time `make html` (total); also counts the doctrees re-read and
             the HTML pages rewritten, which should be 1 and a few
  update-po  `make update-po` in the copy: gettext build + sphinx-intl update
             of the copy's catalogues
  floor      the same Sphinx and sphinx-rtd-theme, as many pages (each only
             a title, reST, no extensions), built with the same options in
             en and then -D language=zh_CN

With --repeat N every step runs N times on fresh copies and the best (lowest)
time is shown: on a busy machine the minimum is the least noisy figure.
Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh_CN")
# The project's sources, as the tests' scratch project copies them.
SOURCES = ("conf.py", "index.rst", "404.md", "codes", "guide", "locale", "data", "_ext",
           "_templates", "_static")
# What `make` needs in the copy beside the sources.
MAKE_FILES = ("Makefile", "requirements.txt", "requirements-test.txt", "tools/root-index.html")
TOUCHED = "codes/404.md"
# Variables a calling make puts in the environment; the copy's make starts afresh.
MAKE_ENV = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR")


class BenchError(Exception):
    pass


def documents(root: Path) -> list[str]:
    """The docnames Sphinx builds: root documents, codes/* and guide/*."""
    names = []
    for pattern in ("*.md", "*.rst", "codes/*.md", "guide/*.md"):
        for path in root.glob(pattern):
            if path.name not in ("README.md", "CONTRIBUTING.md"):
                names.append(path.relative_to(root).with_suffix("").as_posix())
    return sorted(names)


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in MAKE_ENV}
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning,ignore::SyntaxWarning")
    return env


def run(command: list[str], cwd: Path) -> float:
    """Run a command and return its wall time; raise with its output if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise BenchError(f"failed ({result.returncode}) in {cwd}: {shlex.join(command)}\n{tail}")
    return elapsed


def copy_project(dest: Path, source_root: Path | None = None) -> Path:
    """Copy the sources and what make needs to dest; share the real .venv by a symlink."""
    root = source_root or ROOT
    if not (root / ".venv/.installed").exists():
        raise BenchError(f"{root}/.venv is not set up: run `make venv` there first")
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("*.mo", "__pycache__")
    for name in SOURCES + MAKE_FILES:
        source, target = root / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore)
        else:
            shutil.copy2(source, target)
    # The venv is shared: make in the copy runs with VENV_READY=1 (see Make.command)
    # and never checks or pip-installs into it.
    (dest / ".venv").symlink_to((root / ".venv").absolute())
    return dest


class Make:
    def __init__(self, make: str, sphinxopts: str | None, extra: list[str]):
        self.make, self.sphinxopts, self.extra = make, sphinxopts, extra

    def command(self, project: Path, *targets: str, builddir: Path | None = None) -> list[str]:
        # VENV_READY=1: never check or rebuild the shared venv from a copy.
        command = [self.make, "--no-print-directory", "VENV_READY=1", *self.extra]
        if builddir is not None:
            command.append(f"BUILDDIR={builddir}")
        if self.sphinxopts is not None:
            command.append(f"SPHINXOPTS={self.sphinxopts}")
        return command + list(targets)

    def time(self, project: Path, *targets: str, builddir: Path | None = None) -> float:
        return run(self.command(project, *targets, builddir=builddir), project)

    def variable(self, project: Path, name: str) -> str:
        """A variable's value as the copy's Makefile sets it."""
        command = self.command(project, "bench-print-variable")
        command[1:1] = ["-s", "-f", "Makefile", "--eval", f"bench-print-variable: ; @printf '%s\\n' '$({name})'"]
        result = subprocess.run(command, cwd=project, env=child_env(), capture_output=True,
                                text=True, check=True)
        return result.stdout.strip()


def newer_than(directory: Path, suffix: str, since: float) -> int:
    return sum(1 for p in directory.rglob(f"*{suffix}") if p.stat().st_mtime >= since)


def touch(path: Path) -> float:
    """Touch a file and return a time just before it, for mtime comparisons."""
    since = time.time() - 0.01
    os.utime(path)
    return since


def bench_clean(make: Make, base: Path, source_root: Path) -> dict:
    project = copy_project(base / "project", source_root)
    build = base / "build"
    return {"total": make.time(project, "html", builddir=build), "project": project, "build": build}


def bench_rebuild(make: Make, project: Path, build: Path) -> dict:
    figures: dict = {}
    since = touch(project / TOUCHED)
    for language in LANGUAGES:
        figures[language] = make.time(project, f"html-{language}", builddir=build)
        figures[f"{language} reread"] = newer_than(build / "doctrees" / language, ".doctree", since)
        figures[f"{language} written"] = newer_than(build / "html" / language, ".html", since)
    touch(project / TOUCHED)
    figures["total"] = make.time(project, "html", builddir=build)
    return figures


def bench_update_po(make: Make, project: Path, base: Path) -> dict:
    return {"total": make.time(project, "update-po", builddir=base / "build-po")}


def floor_project(dest: Path, docnames: list[str]) -> Path:
    """As many pages as the project, each only a title; no extensions."""
    dest.mkdir(parents=True)
    (dest / "conf.py").write_text(
        'project = "Floor"\nroot_doc = "index"\nhtml_theme = "sphinx_rtd_theme"\n'
        'exclude_patterns = ["_build"]\n', encoding="utf-8")
    others = [name for name in docnames if name not in ("index", "404")]
    for name in docnames:
        title = f"Page {name}"
        text = f"{title}\n{'=' * len(title)}\n"
        if name == "index":
            text += "\n.. toctree::\n\n" + "".join(f"   {other}\n" for other in others)
        elif name == "404":
            text = ":orphan:\n\n" + text
        path = dest / f"{name}.rst"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def bench_floor(make: Make, project: Path, base: Path, source_root: Path) -> dict:
    docnames = documents(source_root)
    floor = floor_project(base / "floor", docnames)
    build = base / "floor-build"
    sphinx_build = make.variable(project, "SPHINXBUILD")
    opts = shlex.split(make.sphinxopts if make.sphinxopts is not None
                       else make.variable(project, "SPHINXOPTS"))
    figures: dict = {"pages": len(docnames)}
    for language in LANGUAGES:
        command = [str(project / sphinx_build), "-b", "html", *opts, "-D", f"language={language}",
                   "-d", str(build / "doctrees" / language), ".", str(build / "html" / language)]
        figures[language] = run(command, floor)
    figures["total"] = figures["en"] + figures["zh_CN"]
    return figures


def best(runs: list[dict]) -> dict:
    """The lowest value of every timed figure over the runs (counts from the first)."""
    merged = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, float):
            merged[key] = min(r[key] for r in runs)
    return merged


def seconds(value) -> str:
    return f"{value:7.1f} s" if isinstance(value, float) else " " * 9


def report(clean: dict, rebuild: dict, update_po: dict, floor: dict, args, machine: str) -> None:
    print(f"\nBuild benchmark of {args.source} ({machine}; best of {args.repeat}; "
          f"SPHINXOPTS={args.sphinxopts_shown!r}{' make ' + ' '.join(args.make_arg) if args.make_arg else ''})")
    rows = [
        ("clean build (make html)", None, None, clean["total"]),
        (f"one-page rebuild (touch {TOUCHED})", rebuild["en"], rebuild["zh_CN"], rebuild["total"]),
        ("update-po (gettext + sphinx-intl)", None, None, update_po["total"]),
        (f"floor ({floor['pages']} title-only pages, no extensions)", floor["en"], floor["zh_CN"],
         floor["total"]),
    ]
    width = max(len(row[0]) for row in rows)
    print(f"{'':{width}} {'en':>9} {'zh_CN':>9} {'total':>9}")
    for name, en, zh, total in rows:
        print(f"{name:{width}} {seconds(en)} {seconds(zh)} {seconds(total)}")
    print("  (rebuild total is a separate `make html` after a second touch; "
          "floor total is en + zh_CN)")
    print()
    print(f"clean build / floor          {clean['total'] / floor['total']:5.1f}x")
    for language in LANGUAGES:
        print(f"one-page rebuild, {language:6}     {rebuild[language]:5.1f} s "
              f"= {rebuild[language] / floor[language]:4.2f}x its floor; "
              f"re-read {rebuild[language + ' reread']} doctree(s), "
              f"wrote {rebuild[language + ' written']} HTML page(s)")
    print(f"one-page rebuild / clean     {rebuild['total'] / clean['total']:5.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="run each step N times, keep the best")
    parser.add_argument("--sphinxopts", help="SPHINXOPTS for make and the floor (default: the Makefile's)")
    parser.add_argument("--make-arg", action="append", default=[],
                        help="an extra argument for every make run, e.g. --make-arg=-j2")
    parser.add_argument("--make", default=os.environ.get("MAKE", "make"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the project tree to copy and measure (default: this checkout)")
    args = parser.parse_args()
    make = Make(args.make, args.sphinxopts, args.make_arg)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    machine = f"{os.cpu_count()} CPUs, load {load:.1f} at start"

    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict[str, list[dict]] = {"clean": [], "rebuild": [], "update-po": [], "floor": []}
    try:
        for attempt in range(args.repeat):
            base = tmp / f"run{attempt}"
            print(f"run {attempt + 1}/{args.repeat} in {base}", file=sys.stderr)
            clean = bench_clean(make, base, args.source.resolve())
            print(f"  clean build      {clean['total']:.1f} s", file=sys.stderr)
            results["clean"].append(clean)
            rebuild = bench_rebuild(make, clean["project"], clean["build"])
            print(f"  one-page rebuild {rebuild['total']:.1f} s", file=sys.stderr)
            results["rebuild"].append(rebuild)
            update_po = bench_update_po(make, clean["project"], base)
            print(f"  update-po        {update_po['total']:.1f} s", file=sys.stderr)
            results["update-po"].append(update_po)
            floor = bench_floor(make, clean["project"], base, args.source.resolve())
            print(f"  floor            {floor['total']:.1f} s", file=sys.stderr)
            results["floor"].append(floor)
        args.sphinxopts_shown = (args.sphinxopts if args.sphinxopts is not None
                                 else make.variable(results["clean"][0]["project"], "SPHINXOPTS"))
        report(*(best(results[k]) for k in ("clean", "rebuild", "update-po", "floor")), args, machine)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"(kept {tmp})", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
