"""Print built pages as text and report what a Chinese reader must not see.

Usage: python tools/page_text.py BUILD_ROOT DOCNAME...   (BUILD_ROOT holds en/ and zh_CN/)
Exit status 1 when a zh_CN page shows raw markup or untranslated English prose.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

RAW_MARKUP = [
    (re.compile(r"\*\*|(?<![\w*])\*(?=\S)[^*\n]+\*(?!\w)"), "raw emphasis asterisks"),
    (re.compile(r"`"), "a raw backquote"),
    (re.compile(r"\{(status|status-cacheable|ref|doc|rfc)\}"), "a raw role name"),
    (re.compile(r":(status|ref|doc|rfc):"), "a raw reST role"),
    (re.compile(r"\]\("), "a raw Markdown link"),
]
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,'-]+[A-Za-z][a-z]+){5,}")
ROOT = Path(__file__).resolve().parent.parent


def status_phrases() -> frozenset[str]:
    """Every status phrase in the data. Phrases stay English in Chinese pages
    (CONTRIBUTING.md), so a line holding only one, as in the codes index's
    tables, is not untranslated prose even when it is six words long
    ("Web Server Returns an Unknown Error")."""
    sys.path.insert(0, str(ROOT / "_ext"))
    import status_data
    data = status_data.load(ROOT / "data" / "status-codes.yaml")
    return frozenset(p for item in data.values() for p in (item.phrase, *item.former_phrases) if p)


PHRASES = status_phrases()


def article_text(path: Path) -> str:
    """The page's article as text, without code blocks (they stay English)."""
    page = path.read_text(encoding="utf-8")
    body = page[page.index('itemprop="articleBody"'):page.index("<footer")]
    body = re.sub(r"<pre.*?</pre>", "", body, flags=re.S)
    body = re.sub(r"<code.*?</code>", "CODE", body, flags=re.S)
    # The fact box is rendered from the data; tests/test_build.py checks it.
    body = re.sub(r'<dl class="status-facts.*?</dl>', "", body, count=1, flags=re.S)
    body = re.sub(r"<blockquote[^>]*>", "\n", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", body.split(">", 1)[1]))
    return re.sub(r"\n\s*\n+", "\n", text).strip()


def problems(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for pattern, what in RAW_MARKUP:
            if pattern.search(line):
                found.append(f"{what}: {line.strip()[:120]}")
        quoted = re.sub(r"“[^”]*”|\"[^\"]*\"", "", line)
        if line.strip() in PHRASES:
            continue
        if not re.search(r"[\u4e00-\u9fff]", quoted) and ENGLISH_SENTENCE.search(quoted):
            found.append(f"untranslated English: {line.strip()[:120]}")
    return found


def main(root: str, *docnames: str) -> int:
    status = 0
    for docname in docnames:
        for lang in ("en", "zh_CN"):
            text = article_text(Path(root, lang, f"{docname}.html"))
            print(f"===== {lang}/{docname} ({len(text.split())} words)\n{text}\n")
            if lang == "zh_CN":
                for problem in problems(text):
                    print(f"PROBLEM {docname}: {problem}")
                    status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
