"""Sphinx extension: one small stylesheet before first paint.

The theme, Pygments (light and dark), sphinx-copybutton, sphinx-design and
custom.css would be six stylesheets, mostly rules this site never uses (the
theme's icon font, sphinx-design beyond its tabs). Every page links only
_static/css/site.css instead. When the build ends, that file is made from the
stylesheets Sphinx would have linked, in their order: rules whose classes or
ids appear in no page and no script are dropped and the rest is minified, both
by lightningcss (its unused_symbols); then the selectors that need such a class
are taken out of the lists lightningcss kept whole (drop_dead_selectors). Then
every page's link gets the file's checksum, so a browser never keeps an old copy.

The sources stay in _static as Sphinx copies them; nothing here is a copy of
the theme's CSS.
"""

from __future__ import annotations

import json
import posixpath
import re
import zlib
from pathlib import Path

import lightningcss
from sphinx.errors import ExtensionError

OUTPUT = "_static/css/site.css"
PERMALINK_ICON = "\N{PILCROW SIGN}"   # Sphinx's own default, in every text face
SOURCES = "_static/css/site-sources.json"   # what it was made from, for the tests
LINK_RE = re.compile(r'(css/site\.css)(\?v=[0-9a-f]*)?"')
URL_RE = re.compile(r"""url\(\s*(['"]?)(?!data:|[a-z]+://|/|#)([^'")]+)\1\s*\)""")
PRELUDE_RE = re.compile(r"([^{};]*)\{")
SYMBOL_RE = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
ATTRIBUTE_RE = re.compile(r"""\s(?:class|id)=(?:"([^"]*)"|'([^']*)')""")
WORD_RE = re.compile(r"-?[_a-zA-Z][\w-]*")
# Old Internet Explorer hacks (*zoom:1, _height:1px): not CSS, and a parser that
# meets one drops the whole rule around it, so they go first.
IE_HACK_RE = re.compile(r"(?<=[{;])\s*[*_][a-zA-Z-]+\s*:[^;{}]*(;|(?=}))")


def link_one_stylesheet(app, pagename, templatename, context, doctree) -> None:
    """Note the page's stylesheets (for the build's end) and link site.css instead."""
    sources = app.site_css_sources
    # In the order Sphinx would link them: by priority, then as added.
    for css in sorted(context.get("css_files", []), key=lambda css: getattr(css, "priority", 500)):
        filename = str(getattr(css, "filename", css))
        if "://" in filename:
            raise ExtensionError(f"site_css: {pagename} links {filename}, which cannot be bundled")
        media = getattr(css, "attributes", {}).get("media")
        if filename != OUTPUT and (filename, media) not in sources:
            sources.append((filename, media))
    context["css_files"] = [OUTPUT]


def _rebase_urls(css: str, source: str) -> str:
    """Make the file's relative url()s relative to the bundle's folder."""
    def rebase(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), match.group(2)))
        return f'url("{posixpath.relpath(target, posixpath.dirname(OUTPUT))}")'
    return URL_RE.sub(rebase, css)


def css_symbols(css: str) -> set[str]:
    """Class names and ids that the stylesheet's selectors name."""
    symbols: set[str] = set()
    for prelude in PRELUDE_RE.findall(css):
        if not prelude.lstrip().startswith("@"):
            symbols.update(SYMBOL_RE.findall(prelude))
    return symbols


def used_symbols(outdir: Path) -> set[str]:
    """Class names and ids in the built pages, and every word in the scripts
    (they add classes such as the copy button's or the menu's as they run)."""
    used: set[str] = set()
    for page in outdir.rglob("*.html"):
        for double, single in ATTRIBUTE_RE.findall(page.read_text(encoding="utf-8")):
            used.update((double or single).split())
    for script in outdir.glob("_static/**/*.js"):
        used.update(WORD_RE.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


def bundle(sources: list[tuple[str, str | None]], outdir: Path) -> str:
    parts = []
    for filename, media in sources:
        path = outdir / filename
        if not path.is_file():
            raise ExtensionError(f"site_css: {path} is linked by the pages but does not exist")
        css = IE_HACK_RE.sub("", _rebase_urls(path.read_text(encoding="utf-8"), filename))
        parts.append(f"@media {media} {{\n{css}\n}}" if media else css)
    css = "\n".join(parts)
    unused = css_symbols(css) - used_symbols(outdir)
    try:
        css = lightningcss.process_stylesheet(css, filename=OUTPUT, unused_symbols=unused, minify=True)
        return lightningcss.process_stylesheet(drop_dead_selectors(css, unused), filename=OUTPUT,
                                               minify=True)
    except Exception as exc:  # lightningcss raises plain exceptions on bad CSS
        raise ExtensionError(f"site_css: lightningcss could not process the stylesheets "
                             f"({', '.join(name for name, _ in sources)}): {exc}{_context(css, exc)}"
                             ) from exc


def _skip_string(css: str, i: int) -> int:
    """The index after the quoted string that starts at css[i]."""
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _split_selectors(prelude: str) -> list[str]:
    """A selector list's selectors (commas inside brackets, parentheses or strings do not split)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(prelude):
        char = prelude[i]
        if char in "\"'":
            i = _skip_string(prelude, i)
            continue
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
        i += 1
    return parts + [prelude[start:]]


def _named_symbols(selector: str) -> set[str]:
    """Classes and ids a selector requires. Names inside :not(), :is() and the like,
    attribute selectors and strings are left out: an unused one there may still match."""
    kept, depth, i = [], 0, 0
    while i < len(selector):
        char = selector[i]
        if char in "\"'":
            i = _skip_string(selector, i)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            kept.append(char)
        i += 1
    return set(SYMBOL_RE.findall("".join(kept)))


def drop_dead_selectors(css: str, unused: set[str]) -> str:
    """Remove from each selector list of minified css the selectors that require an
    unused class or id. (lightningcss keeps a whole list while one of its selectors
    lives: the theme's lists of html4 and html5 variants, for one.)"""
    out, i = [], 0
    while i < len(css):
        brace = i
        while brace < len(css) and css[brace] not in "{}":
            brace = _skip_string(css, brace) if css[brace] in "\"'" else brace + 1
        if brace == len(css) or css[brace] == "}" or css[i:brace].lstrip().startswith("@"):
            out.append(css[i:brace + 1])   # declarations, a closing brace, an at-rule's start
            i = brace + 1
            continue
        end = brace
        while end < len(css) and css[end] != "}":
            end = _skip_string(css, end) if css[end] in "\"'" else end + 1
        alive = [sel for sel in _split_selectors(css[i:brace]) if not _named_symbols(sel) & unused]
        if alive:
            out.append(",".join(alive) + css[brace:end + 1])
        i = end + 1
    return "".join(out)


def _context(css: str, exc: Exception) -> str:
    """The text around the line:column that lightningcss names, if it names one."""
    match = re.search(r":(\d+):(\d+)", str(exc))
    if not match:
        return ""
    lines = css.splitlines()
    line, column = int(match.group(1)), int(match.group(2))   # both from 0
    text = lines[line] if line < len(lines) else ""
    return f"\n  near: {text[max(column - 80, 0):column + 40]!r}"


def link_checksum(outdir: Path, checksum: str) -> None:
    """Give every page's link to site.css the file's checksum."""
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = LINK_RE.sub(rf'\1?v={checksum}"', text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def write_bundle(app, exception) -> None:
    if exception or app.builder.format != "html" or not app.site_css_sources:
        return
    outdir = Path(app.outdir)
    css = bundle(app.site_css_sources, outdir)
    target = outdir / OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css, encoding="utf-8")
    (outdir / SOURCES).write_text(json.dumps(app.site_css_sources, indent=1) + "\n", encoding="utf-8")
    link_checksum(outdir, f"{zlib.crc32(css.encode()):08x}")


def init(app) -> None:
    app.site_css_sources = []


def plain_permalink_icon(app):
    """Heading links show a pilcrow, not the theme's icon-font glyph.

    The theme sets html_permalinks_icon to U+F0C1, a private-use character that
    only its icon font draws. That font is not shipped (see custom.css), so the
    glyph would be a blank box, and the browser would search every font for it
    before the first layout. The theme sets it when it loads, after conf.py, so
    this runs once the builder (and with it the theme) is ready.
    """
    app.config.html_permalinks_icon = PERMALINK_ICON


def setup(app):
    app.connect("builder-inited", init)
    app.connect("builder-inited", plain_permalink_icon)
    # Late, so that the stylesheets other handlers add to a page are noted too.
    app.connect("html-page-context", link_one_stylesheet, priority=900)
    app.connect("build-finished", write_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
