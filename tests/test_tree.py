"""The repository holds only the project: a fresh clone is complete and
points nowhere outside itself."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT

# Absolute paths into places that belong to one machine or one person.
MACHINE_PATH = re.compile(r"(?<![\w.~/-])/(?:tmp|home|root|work|Users|mnt|srv)/[\w.-]")


def git(*args: str) -> str:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_no_symbolic_links_or_submodules_are_tracked():
    entries = [line.split(maxsplit=3) for line in git("ls-files", "-s").splitlines()]
    links = [path for mode, _, _, path in entries if mode in ("120000", "160000")]
    assert links == [], f"tracked links or submodules (dangling in a fresh clone): {links}"


def test_no_tracked_file_is_one_that_gitignore_ignores():
    assert git("ls-files", "--cached", "--ignored", "--exclude-standard").split() == []


def test_gitignore_ignores_the_virtualenv_as_file_link_or_folder():
    ignored = git("check-ignore", "--no-index", ".venv", ".venv/bin/python").split()
    assert ignored == [".venv", ".venv/bin/python"]


def test_no_tracked_file_points_at_a_path_on_one_machine():
    hits = []
    for name in git("ls-files", "-z").split("\0"):
        path = ROOT / name
        if not name or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                hits.append(f"{name}:{number}: {line.strip()}")
    assert hits == []


def test_the_path_check_finds_what_it_is_for():
    # Built from pieces, so that this file does not trip the check itself.
    tmp, home = "/" + "tmp/", "/" + "home/"
    assert MACHINE_PATH.search(f"ln -s {tmp}probe .venv")
    assert MACHINE_PATH.search(f'ROOT = "{home}alice/http-status"')
    assert not MACHINE_PATH.search("executable_path=/usr/bin/chromium")
    assert not MACHINE_PATH.search("see docs/tmp/x and https://example.com/home/page")
