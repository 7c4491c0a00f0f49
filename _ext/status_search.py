"""Sphinx extension: the search page knows every code's names and header fields.

Sphinx's search ranks words, not names: "Not Found" put 302 Found first. This
writes _static/status-search.js for the search page only: an index made from
the data (number, phrase, former phrases, the Chinese name from the page's
translated title, the page URL, the summary in the build's
language, and each header field with the codes that carry it) followed by the
code in status_search.js, which shows the exact match and the header field's
codes above Sphinx's results and gives conf.py's html_search_scorer
(search_scorer.js) what it needs to rank the rest. Nothing here names a query:
a code added to the data is found the same way.

Header fields come from the data (with their level) and from the code pages
themselves: a code span naming a header field (`If-None-Match`) counts as a
mention, so request headers that lead to a code are found too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from docutils import nodes

import search_names
import status_codes

HERE = Path(__file__).parent
SCRIPT = "status-search.js"
CHINESE = "zh_CN"   # the catalogue whose page titles hold the Chinese names
# A header field name as written in a code span: If-None-Match, WWW-Authenticate,
# or a field line such as "Retry-After: 120". Single words (Allow, Vary) count
# only when the data knows them as header fields.
FIELD = re.compile(r"^(?P<name>[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+|[A-Z][A-Za-z]+)(?::.*)?$")
LEVEL_ORDER = ("required", "conditional", "recommended", "optional")
MAX_HEADER_CODES = 8   # per header field: enough for the top three and the block's five
# Labels for the search page, translated through the extension's catalogue.
LABELS = {
    "exact": "Exact match",
    "header": "Codes that use the header field {name}",
    "suggest": "Did you mean",
    "mentioned": "mentioned on the page",
}


def _code_of(docname: str) -> int | None:
    head, _, tail = docname.partition("/")
    return int(tail) if head == "codes" and tail.isdigit() else None


def collect_mentions(app, doctree) -> None:
    """Count the header fields each code page names in code spans."""
    docname = app.env.docname
    if _code_of(docname) is None:
        return
    known = {header.name.lower() for item in app.status_codes.values() for header in item.headers}
    counts: dict[str, int] = {}
    for literal in doctree.findall(nodes.literal):
        match = FIELD.match(literal.astext().strip())
        if not match:
            continue
        name = match.group("name")
        if "-" in name or name.lower() in known:
            counts[name] = counts.get(name, 0) + 1
    if not hasattr(app.env, "status_header_mentions"):
        app.env.status_header_mentions = {}
    app.env.status_header_mentions[docname] = counts


def purge_mentions(app, env, docname) -> None:
    getattr(env, "status_header_mentions", {}).pop(docname, None)


def merge_mentions(app, env, docnames, other) -> None:
    if not hasattr(env, "status_header_mentions"):
        env.status_header_mentions = {}
    for docname in docnames:
        if docname in getattr(other, "status_header_mentions", {}):
            env.status_header_mentions[docname] = other.status_header_mentions[docname]


def name_key(text: str) -> str:
    """A name as the search page compares it: case, width, spaces and
    punctuation removed (status_search.js's norm() does the same)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


def build_index(codes, chinese: dict[int, str], mentions: dict[str, dict[str, int]],
                url_of, summary_of, labels: dict[str, str], chinese_titles: bool = True) -> dict:
    """The search page's index: pure data, no Sphinx objects. chinese_titles:
    show "404 Not Found（未找到）" rather than "404 Not Found"."""
    records = []
    fields: dict[str, dict] = {}
    for item in codes.values():
        names = [item.phrase, *item.former_phrases]
        if item.code in chinese:
            names += [chinese[item.code], item.phrase + chinese[item.code]]
        title = item.title
        if chinese_titles and item.code in chinese:
            title = f"{item.title}（{chinese[item.code]}）"
        records.append({"code": item.code, "url": url_of(item.docname), "title": title,
                        "names": list(dict.fromkeys(map(name_key, names))), "summary": summary_of(item)})
        for header in item.headers:
            entry = fields.setdefault(header.name.lower(), {"name": header.name, "codes": {}})
            entry["codes"][item.code] = header.level
    for docname, counts in sorted(mentions.items()):
        code = _code_of(docname)
        if code not in codes:
            continue
        for name, count in counts.items():
            entry = fields.setdefault(name.lower(), {"name": name, "codes": {}})
            entry["codes"].setdefault(code, count)
    headers = {}
    for key, entry in sorted(fields.items()):
        # Codes whose data lists the field first, by level; then pages that name it, most often first.
        ranked = sorted(entry["codes"].items(), key=lambda pair: (
            (0, LEVEL_ORDER.index(pair[1]), pair[0]) if isinstance(pair[1], str) else (1, -pair[1], pair[0])))
        headers[key] = {"name": entry["name"],
                        "codes": [[code, level if isinstance(level, str) else "mentioned"]
                                  for code, level in ranked[:MAX_HEADER_CODES]]}
    return {"codes": records, "headers": headers, "labels": labels}


def write_script(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    language = app.config.language or "en"
    # The Chinese names find their codes on the English site too.
    chinese = search_names.chinese_titles(
        Path(app.srcdir, app.config.locale_dirs[0], CHINESE, "LC_MESSAGES", "codes"))
    labels = {key: status_codes.label(key, LABELS) for key in LABELS}
    labels.update({level: status_codes.label(level) for level in LEVEL_ORDER})
    index = build_index(
        app.status_codes, chinese, getattr(app.env, "status_header_mentions", {}),
        url_of=app.builder.get_target_uri, chinese_titles=language.startswith("zh"),
        summary_of=lambda item: str(status_codes._(item.summary)),
        labels=labels,
    )
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    script = (HERE / "status_search.js").read_text(encoding="utf-8")
    out = Path(app.outdir, "_static", SCRIPT)
    out.write_text(f"var STATUS_SEARCH = {data};\n{script}", encoding="utf-8")


def add_script(app, pagename, templatename, context, doctree) -> None:
    if pagename == "search":
        app.add_js_file(SCRIPT, loading_method="defer")


def add_messages_to_pot(app) -> None:
    status_codes.add_to_catalogue(app, [(text, __file__, 0) for text in LABELS.values()])


def setup(app):
    app.setup_extension("status_codes")
    app.connect("builder-inited", add_messages_to_pot)
    app.connect("doctree-read", collect_mentions)
    app.connect("env-purge-doc", purge_mentions)
    app.connect("env-merge-info", merge_mentions)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", write_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
