"""The zh_CN catalogues: complete, nothing fuzzy, valid, consistent and stable."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import polib
import pytest

from conftest import DOCS, ROOT, sphinx_build, warnings_in

LOCALE = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"
CATALOGUES = sorted(str(p.relative_to(LOCALE).with_suffix("")) for p in LOCALE.rglob("*.po"))


def test_one_catalogue_per_document_one_for_the_extension_and_one_for_templates():
    # sphinx.po: the messages of _templates/ (the search box's label)
    assert CATALOGUES == sorted([*DOCS, "statuscodes", "sphinx"])


@pytest.mark.parametrize("name", CATALOGUES)
def test_catalogue_is_complete_and_nothing_is_fuzzy(name):
    catalogue = polib.pofile(str(LOCALE / f"{name}.po"))
    untranslated = [e.msgid[:60] for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid[:60] for e in catalogue.fuzzy_entries()]
    obsolete = [e.msgid[:60] for e in catalogue.obsolete_entries()]
    assert untranslated == [], f"{name}.po: untranslated {untranslated}"
    assert fuzzy == [], f"{name}.po: fuzzy {fuzzy}"
    assert obsolete == [], f"{name}.po: obsolete {obsolete}"
    assert catalogue.percent_translated() == 100


def test_msgfmt_check_passes():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt not found: install GNU gettext (apt-get install gettext); .ci/run does"
    failures = []
    for path in sorted(LOCALE.rglob("*.po")):
        result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            failures.append(result.stderr.strip())
    assert failures == []


def test_same_message_same_translation():
    """One term, one translation: a msgid shared by pages is translated alike."""
    seen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(LOCALE.rglob("*.po")):
        for entry in polib.pofile(str(path)).translated_entries():
            seen[entry.msgid][entry.msgstr].append(str(path.relative_to(LOCALE)))
    clashes = {msgid: dict(variants) for msgid, variants in seen.items() if len(variants) > 1}
    assert clashes == {}


def test_catalogues_carry_no_line_numbers_or_uuids():
    for path in sorted(LOCALE.rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        assert "\n#: " not in text, f"{path}: source references make catalogues churn"
        assert "uuid" not in text.lower(), path


def test_update_po_changes_nothing(tmp_path, scratch_project):
    """`make update-po` on a clean tree leaves every catalogue byte for byte."""
    pot = tmp_path / "pot"
    result = sphinx_build(scratch_project, pot, "en", builder="gettext", extra=("-E",))
    assert result.returncode == 0 and warnings_in(result.stderr) == [], result.stderr
    subprocess.run(
        [sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot), "-d",
         str(scratch_project / "locale"), "-l", "zh_CN", "--line-width=-1", "--no-obsolete"],
        check=True, capture_output=True, text=True,
    )
    before = ROOT / "locale"
    after = scratch_project / "locale"
    changed = [str(p.relative_to(after)) for p in after.rglob("*.po")
               if not filecmp.cmp(p, before / p.relative_to(after), shallow=False)]
    added = [str(p.relative_to(after)) for p in after.rglob("*.po")
             if not (before / p.relative_to(after)).exists()]
    assert changed == [] and added == []


def test_rest_translations_pass_sphinx_lint():
    """Catalogues of reST pages are reST: sphinx-lint finds markup Chinese text broke
    (``:status:`200`的`` needs ``\\ ``); MyST catalogues are checked at build time by
    _ext/catalogue_check.py instead."""
    rest = [LOCALE / f"{doc}.po" for doc in DOCS if (ROOT / f"{doc}.rst").exists()]
    assert rest, "no reST page found"
    result = subprocess.run([sys.executable, "-m", "sphinxlint", *map(str, rest)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
