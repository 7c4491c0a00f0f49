#!/usr/bin/env python3
"""The zh_CN glossary (locale/zh_CN/glossary.yaml): load it, check catalogues against it,
print it as the Markdown table CONTRIBUTING.md shows.

    tools/glossary.py             check every zh_CN catalogue; list each rejected rendering
    tools/glossary.py --markdown  print the glossary table for CONTRIBUTING.md
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locale" / "zh_CN" / "glossary.yaml"
LOCALE = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"


class GlossaryError(Exception):
    pass


@dataclass(frozen=True)
class Variant:
    regex: re.Pattern
    shown: str


@dataclass(frozen=True)
class Term:
    en: str
    zh: str
    reject: tuple[Variant, ...]
    allow: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int        # line of the msgid in the catalogue
    msgid: str
    term: Term
    variant: str     # the text found
    context: str     # a few characters around it

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {self.variant!r} for {self.term.en!r}: "
                f"use {self.term.zh!r} (…{self.context}…; msgid {self.msgid[:50]!r})")


def _variant(raw, where: str) -> Variant:
    if isinstance(raw, str):
        return Variant(re.compile(re.escape(raw)), raw)
    if isinstance(raw, dict) and set(raw) == {"pattern", "shown"}:
        try:
            return Variant(re.compile(raw["pattern"]), str(raw["shown"]))
        except re.error as exc:
            raise GlossaryError(f"{where}: bad pattern {raw['pattern']!r}: {exc}") from None
    raise GlossaryError(f"{where}: a rejected rendering is a string or {{pattern, shown}}, not {raw!r}")


def load(path: Path = GLOSSARY) -> list[Term]:
    text = path.read_text(encoding="utf-8")
    rows = yaml.safe_load(text)
    if not isinstance(rows, list):
        raise GlossaryError(f"{path}:1: expected a list of terms")
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line.startswith("- ")]
    terms = []
    for row, line in zip(rows, starts):
        where = f"{path}:{line}"
        if not isinstance(row, dict) or not {"en", "zh"} <= set(row):
            raise GlossaryError(f"{where}: every term needs en and zh")
        unknown = set(row) - {"en", "zh", "reject", "allow", "note"}
        if unknown:
            raise GlossaryError(f"{where}: unknown keys {sorted(unknown)}")
        reject = tuple(_variant(v, where) for v in row.get("reject") or ())
        allow = tuple(row.get("allow") or ())
        for variant in reject:
            if variant.regex.search(str(row["zh"])) and not any(a in str(row["zh"]) for a in allow):
                raise GlossaryError(f"{where}: {variant.shown!r} rejects the preferred {row['zh']!r}")
        terms.append(Term(str(row["en"]), str(row["zh"]), reject, allow, str(row.get("note") or "")))
    return terms


def _allowed(text: str, start: int, end: int, allow: tuple[str, ...]) -> bool:
    for word in allow:
        for match in re.finditer(re.escape(word), text):
            if match.start() <= start and end <= match.end():
                return True
    return False


def check_text(text: str, terms: list[Term]):
    """Yield (term, found, context) for every rejected rendering in `text`."""
    for term in terms:
        for variant in term.reject:
            for match in variant.regex.finditer(text):
                if _allowed(text, match.start(), match.end(), term.allow):
                    continue
                context = text[max(0, match.start() - 12):match.end() + 8]
                yield term, match.group(0), context


def check_catalogue(path: Path, terms: list[Term]) -> list[Finding]:
    findings = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        for text in texts:
            for term, found, context in check_text(text, terms):
                findings.append(Finding(path, entry.linenum, entry.msgid, term, found, context))
    return findings


def check_all(terms: list[Term] | None = None, locale: Path = LOCALE) -> list[Finding]:
    terms = load() if terms is None else terms
    return [f for path in sorted(locale.rglob("*.po")) for f in check_catalogue(path, terms)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(terms: list[Term]) -> str:
    """The table CONTRIBUTING.md shows: English, preferred, replaced renderings, note."""
    lines = ["| English | 简体中文 | 不要写 | 说明 |", "| --- | --- | --- | --- |"]
    for term in terms:
        rejected = "、".join(v.shown for v in term.reject)
        lines.append(f"| {_cell(term.en)} | {_cell(term.zh)} | {_cell(rejected)} | {_cell(term.note)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    terms = load()
    if argv[1:] == ["--markdown"]:
        sys.stdout.write(markdown(terms))
        return 0
    findings = check_all(terms)
    for finding in findings:
        print(f"{finding.path.relative_to(ROOT)}:{finding.line}: {finding.variant!r} for "
              f"{finding.term.en!r}: use {finding.term.zh!r} (…{finding.context}…)")
    print(f"{len(findings)} rejected rendering(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
