"""Shared fixtures: one strict build of the site, reused by every test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh_CN")
DOCS = sorted(
    str(p.relative_to(ROOT).with_suffix(""))
    for pattern in ("*.md", "*.rst", "codes/*.md", "guide/*.md")
    for p in ROOT.glob(pattern)
    if p.name not in ("README.md", "CONTRIBUTING.md")
)
sys.path.insert(0, str(ROOT / "_ext"))
sys.path.insert(0, str(ROOT / "tools"))

# Copied to a scratch project for the tests that break something on purpose.
PROJECT_FILES = ("conf.py", "index.rst", "404.md", "codes", "guide", "locale", "data", "schema", "_ext",
                 "_templates", "_static")


def sphinx_build(srcdir: Path, outdir: Path, language: str, builder: str = "html",
                 extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run sphinx-build strictly, as `make html` does, and capture its output."""
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q",
        "-D", f"language={language}", "-d", str(outdir / ".doctrees"), *extra,
        str(srcdir), str(outdir),
    ]
    env = dict(os.environ, PYTHONWARNINGS="ignore::DeprecationWarning,ignore::SyntaxWarning")
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def warnings_in(stderr: str) -> list[str]:
    """Sphinx's warnings and errors, without jieba's progress lines."""
    return [line for line in stderr.splitlines()
            if "WARNING" in line or "ERROR" in line or "rror:" in line]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> dict:
    """Build the site once with `make html`, as a user does, into a scratch BUILDDIR.

    TEST_SITE=_build/html reuses a build instead, to iterate on tests quickly.
    """
    if os.environ.get("TEST_SITE"):
        root = Path(os.environ["TEST_SITE"]).resolve()
        return {"root": root, "result": None, **{lang: root / lang for lang in LANGUAGES}}
    builddir = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"BUILDDIR={builddir}"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    root = builddir / "html"
    return {"root": root, "result": result, **{lang: root / lang for lang in LANGUAGES}}


# What `make` needs beside the sources, in a copy that builds like a checkout.
MAKE_FILES = ("Makefile", "tools", "requirements.txt", "requirements-test.txt")


def copy_project(destination: Path, with_make: bool = False) -> Path:
    """Copy the sources (no .mo files, as in a fresh clone); with_make adds the
    Makefile and a link to this checkout's .venv, so `make html` works there."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in (*PROJECT_FILES, *(MAKE_FILES if with_make else ())):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    if with_make:
        (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


@pytest.fixture()
def scratch_project(tmp_path) -> Path:
    """A copy of the project's sources to break on purpose."""
    return copy_project(tmp_path)
