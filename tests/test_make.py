"""The Makefile's promises: a failed build leaves the last good site in place, and
an unusable .venv is rebuilt rather than fatal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project


def make(project, *args):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project,
                          capture_output=True, text=True, check=False)


def test_failed_build_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project", with_make=True)
    first = make(project, "html-en")
    assert first.returncode == 0, first.stderr[-2000:]
    page = project / "_build" / "html" / "en" / "codes" / "404.html"
    good = page.read_bytes()

    source = project / "codes" / "404.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "{ref}`status-codes`", "{ref}`no-such-label`"), encoding="utf-8")
    second = make(project, "html-en")
    assert second.returncode != 0
    assert "codes/404.md" in second.stderr and "no-such-label" in second.stderr
    assert page.read_bytes() == good, "the failed build replaced the last good page"


# tools/ensure-venv on a scratch virtualenv with nothing to install, so each
# case takes seconds: what matters is what it does with the one it finds.
FAKE_OLD_PYTHON = """#!/bin/sh
case "$*" in *version_info*) exit 1;; *python_version*) echo 3.11.2;; esac
exit 0
"""


def ensure_venv(venv, requirements):
    env = {**os.environ, "VENV": str(venv), "REQUIREMENTS": str(requirements)}
    return subprocess.run([str(ROOT / "tools" / "ensure-venv")], capture_output=True,
                          text=True, env=env, check=False)


@pytest.fixture()
def nothing_to_install(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# nothing\n", encoding="utf-8")
    return requirements


def break_by_dangling_link(venv):
    venv.symlink_to(venv.parent / "no-such-folder")


def break_by_folder_without_python(venv):
    (venv / "lib").mkdir(parents=True)


def break_by_old_python(venv):
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text(FAKE_OLD_PYTHON, encoding="utf-8")
    (venv / "bin" / "python").chmod(0o755)
    (venv / ".installed").write_text("stale\n", encoding="utf-8")


def break_by_unfinished_install(venv):
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)


@pytest.mark.parametrize("damage, reason", [
    (break_by_dangling_link, "which does not exist"),
    (break_by_folder_without_python, "no working Python"),
    (break_by_old_python, "its Python is 3.11.2"),
    (break_by_unfinished_install, "did not finish"),
])
def test_an_unusable_venv_is_rebuilt_saying_why_in_one_line(tmp_path, nothing_to_install,
                                                            damage, reason):
    venv = tmp_path / "venv"
    damage(venv)
    result = ensure_venv(venv, nothing_to_install)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [line for line in result.stdout.splitlines()
                                          if line.startswith("ensure-venv: rebuilding")]
    assert len(result.stdout.splitlines()) == 1 and reason in result.stdout
    assert not venv.is_symlink() and (venv / "bin" / "python").is_file()
    assert (venv / ".installed").is_file()
    # Usable now: a second run does nothing and says nothing.
    again = ensure_venv(venv, nothing_to_install)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_changed_requirements_are_installed_without_a_rebuild(tmp_path, nothing_to_install):
    venv = tmp_path / "venv"
    assert ensure_venv(venv, nothing_to_install).returncode == 0
    marker = venv / "kept"
    marker.write_text("", encoding="utf-8")
    nothing_to_install.write_text("# still nothing, but changed\n", encoding="utf-8")
    result = ensure_venv(venv, nothing_to_install)
    assert result.returncode == 0 and "requirements changed" in result.stdout
    assert marker.exists()
