"""Sphinx extension: Chinese search finds a status code by its Chinese name.

Chinese search segments text with jieba, which cuts a name such as 请求过多 into
请求 and 过多; a reader who types the whole name then finds nothing. This gives
jieba each code's Chinese name as a word of its own,
read from the translated page titles: "429 Too Many Requests（请求过多）".
The words go straight to jieba, not through html_search_options, so that no
build-specific path enters the configuration (builds stay byte-identical).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import polib

TITLE = re.compile(r"^\d{3} .+（(?P<name>[^（）]+)）$")


def chinese_names(catalogue_dir: Path) -> list[str]:
    names = set()
    for path in sorted(catalogue_dir.glob("[1-5][0-9][0-9].po")):
        for entry in polib.pofile(str(path)):
            match = TITLE.match(entry.msgstr)
            if match and entry.msgid.startswith(path.stem + " "):
                names.add(match.group("name"))
                break
    return sorted(names)


def add_words(app, config) -> None:
    if not (config.language or "").startswith("zh"):
        return
    try:
        import jieba
    except ImportError:
        return   # Sphinx indexes no Chinese at all then; tests catch it
    # jieba logs loading its dictionary ("Building prefix dict ...") at DEBUG
    # to a stderr handler of its own, and sets that level when imported.
    jieba.setLogLevel(logging.WARNING)
    catalogues = Path(app.srcdir, config.locale_dirs[0], config.language, "LC_MESSAGES", "codes")
    for name in chinese_names(catalogues):
        jieba.add_word(name, freq=100000)


def setup(app):
    app.connect("config-inited", add_words)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
