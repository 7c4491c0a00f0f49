"""Sphinx extension: render, cross-reference and export the status-code data.

Directives
  status-facts NNN      the fact box at the top of codes/NNN
  status-constants NNN  the constants in eight ecosystems, as synced tabs
  status-table Nxx      the table of one class for the codes index, and a hidden
                        toctree of its codes (the menu's entries under that class)
  status-table vendor ID  the same for one vendor's codes (data/vendors.yaml)
Roles
  :status:`404`         "404 Not Found", linked to codes/404 (label status-404)
  :status-cacheable:`4xx 5xx`
                        the codes of those classes that are cacheable by default,
                        linked, as a list in the page's language
Output
  status-codes.json     every code's facts, at the root of each HTML build
  codes/NNN.json        one code's record, the same object, beside its page
  schema/status-codes.v1.json  the JSON Schema of both (schema/ in the sources)

Strings made here (labels, class names, the data's summaries) go through the
'statuscodes' gettext catalogue: the gettext builder writes statuscodes.pot and
locale/<lang>/LC_MESSAGES/statuscodes.po translates it.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import SphinxError
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import CatalogInfo

import status_data

CATALOGUE = "statuscodes"
_ = get_translation(CATALOGUE)

# Every string this extension shows, so the gettext builder can extract them.
LABELS = {
    "class": "Class",
    "status": "Registry status",
    "spec": "Defined in",
    "cacheable": "Cacheable by default",
    "headers": "Header fields",
    "methods": "Typical methods",
    "former": "Former names",
    "yes": "Yes, heuristically (without explicit freshness)",
    "no": "No",
    "any": "Any method",
    "not_sent": "Not sent by servers",
    "none": "None",
    "section": "{spec}, section {section}",
    "header": "{name} ({level}, section {section})",
    "header_nosection": "{name} ({level})",
    "code": "Code",
    "name": "Name",
    "summary": "Summary",
    "no_constant": "No constant",
    "site": "HTTP Status Codes",
    "home": "Home",
    "skip": "Skip to content",
    "expand": "Open or close this entry",
    "jump": "Jump to a code",
    "jump_hint": "Type a number such as 404",
    "list_more": "{list}, {item}",
    "list_last": "{list} and {item}",
    "permanent": "Permanent",
    "temporary": "Temporary (provisional registration)",
    "unused": "Unused (reserved)",
    "obsoleted": "Obsoleted",
    "unofficial": "Unofficial (not in the IANA registry)",
    "required": "required",
    "conditional": "required in some cases",
    "recommended": "recommended",
    "optional": "optional",
    "vendor": "Vendor",
    "reaches": "Reaches the client",
    "reaches_itself": "Yes, as this code",
    "reaches_other": "No: the client receives {code} instead",
    "reaches_nothing": "No: it appears only in the sender's logs",
    "reaches_client-made": "No: the HTTP client reports it when no response arrived",
    "other_meanings": "Other meanings",
    "other_meaning": "{vendor}: {meaning}",
    "group_vendor": status_data.GROUPS["vendor"],
    **{f"class{n}": name for n, name in status_data.CLASS_NAMES.items()},
}
ECOSYSTEM_TABS = {
    "python": ("Python", "python"),
    "go": ("Go", "go"),
    "java": ("Java (Spring)", "java"),
    "dotnet": (".NET", "csharp"),
    "node": ("JavaScript (Node)", "javascript"),
    "rust": ("Rust", "rust"),
    "ruby": ("Ruby (Rails)", "ruby"),
    "php": ("PHP (Symfony)", "php"),
}
IMPORTS = {
    "python": "from http import HTTPStatus",
    "go": 'import "net/http"',
    "java": "import org.springframework.http.HttpStatus;",
    "dotnet": "using System.Net;",
    "node": "import { StatusCodes } from 'http-status-codes';",
    "rust": "use http::StatusCode;",
    "ruby": "# Rails: head, render status: or redirect_to status:",
    "php": "use Symfony\\Component\\HttpFoundation\\Response;",
}


class StatusCodeError(SphinxError):
    category = "HTTP status code error"


def label(key: str, labels: dict[str, str] | None = None, **fields: str) -> str:
    """A label from LABELS (or another extension's table) in the build's language."""
    text = str(_((labels or LABELS)[key]))
    return text.format(**fields) if fields else text


def codes(env) -> dict[int, status_data.StatusCode]:
    return env.app.status_codes


def note_sources(env) -> None:
    """Rebuild the page when the data or the extension's translations change."""
    env.note_dependency(str(_data_path(env.app)))
    env.note_dependency(str(_vendors_path(env.app)))
    language = env.config.language
    if language and language != "en":
        locale_dir = Path(env.srcdir, env.config.locale_dirs[0], language, "LC_MESSAGES")
        env.note_dependency(str(locale_dir / f"{CATALOGUE}.mo"))


def lookup(env, text: str, location: str) -> status_data.StatusCode:
    try:
        return codes(env)[int(text)]
    except (KeyError, ValueError):
        raise StatusCodeError(f"{location}: unknown status code {text!r}") from None


# -- loading ------------------------------------------------------------------

def _data_path(app) -> Path:
    return Path(app.srcdir, app.config.status_codes_data)


def _vendors_path(app) -> Path:
    return Path(app.srcdir, app.config.status_codes_vendors)


def load_data(app) -> None:
    """Load the data once per process and check it against codes/*."""
    try:
        data = status_data.load_data(_data_path(app), _vendors_path(app))
    except status_data.DataError as exc:
        raise StatusCodeError(str(exc)) from None
    app.status_codes = data.codes
    app.status_vendors = data.vendors
    pages = {int(p.stem) for p in Path(app.srcdir, "codes").glob("[0-9][0-9][0-9].*")}
    planned = {item.code: item for vendor in data.vendors for item in vendor.codes
               if item.page == "planned"}
    for page in sorted(pages - set(app.status_codes)):
        found = next(Path(app.srcdir, "codes").glob(f"{page}.*"))
        if page in planned:
            raise StatusCodeError(
                f"{_vendors_path(app)}:{planned[page].line}: {found.name} exists now; "
                f"change code {page}'s page: planned to page: own")
        raise StatusCodeError(f"{found}:1: no entry for code {page} in {app.config.status_codes_data}"
                              f" or {app.config.status_codes_vendors}")
    for code in sorted(set(app.status_codes) - pages):
        item = app.status_codes[code]
        raise StatusCodeError(f"{item.path}:{item.line}: code {code} has no page codes/{code}")


def load_catalogue(app, config) -> None:
    """Compile and load the extension's catalogue before any page is read."""
    if not config.language or config.language == "en":
        return
    locale_dir = Path(app.srcdir, config.locale_dirs[0])
    info = CatalogInfo(str(locale_dir / config.language / "LC_MESSAGES"), CATALOGUE, "utf-8")
    if Path(info.po_path).exists() and info.is_outdated():
        info.write_mo(config.language)
    app.add_message_catalog(CATALOGUE, str(locale_dir))


def translate_site_name(app, config) -> None:
    """The site's name in the page language: <title>, the menu, Open Graph, search.

    Runs after load_catalogue. Only a name still equal to the English one is
    replaced, so a conf.py that sets its own keeps it.
    """
    if not config.language or config.language == "en":
        return
    name = label("site")
    for key in ("project", "html_title"):
        if getattr(config, key, None) == LABELS["site"]:
            setattr(config, key, name)


def add_to_catalogue(app, messages) -> None:
    """With the gettext builder, add (text, source file, line) messages to the
    'statuscodes' catalogue; this extension's and the other data extensions'."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    catalog = app.builder.catalogs[CATALOGUE]
    for text, source, line in messages:
        catalog.add(text, MsgOrigin(str(source), line))


def add_messages_to_pot(app) -> None:
    """Give the gettext builder this extension's strings and the data's summaries."""
    source = _data_path(app)
    messages = [(text, source, 0) for text in LABELS.values()]
    for item in app.status_codes.values():
        messages.append((item.summary, item.path, item.line))
        if not item.rfc and not item.vendor:   # a draft's name; vendors' titles stay English
            messages.append((item.spec, source, item.line))
        messages += [(other.summary, _vendors_path(app), other.line) for other in item.other_meanings]
    add_to_catalogue(app, messages)


# -- nodes --------------------------------------------------------------------

def status_ref(item: status_data.StatusCode, text: str | None = None) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=item.label,
        refexplicit=True, refwarn=True,
    )
    ref += nodes.inline(text or item.title, text or item.title, classes=["status-ref"])
    return ref


def _field(name: str, *body: nodes.Node) -> nodes.field:
    paragraph = nodes.paragraph("", "", *body)
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", paragraph))


def untranslated(node: nodes.Element) -> nodes.Element:
    """Keep generated text out of the page catalogues; it is translated here."""
    for child in node.findall(nodes.TextElement):
        child["translatable"] = False
    return node


def _text(text: str) -> nodes.Text:
    return nodes.Text(text)


class StatusDirective(SphinxDirective):
    required_arguments = 1

    def item(self) -> status_data.StatusCode:
        note_sources(self.env)
        item = lookup(self.env, self.arguments[0], self.get_location())
        if self.env.docname != item.docname:
            raise StatusCodeError(
                f"{self.get_location()}: {self.name} {item.code} belongs on {item.docname}"
            )
        return item


class StatusFacts(StatusDirective):
    """The fact box: everything the data holds about one code."""

    def run(self) -> list[nodes.Node]:
        item = self.item()
        std = self.env.domains.standard_domain
        node_id = f"http-status-{item.code}"
        std.note_object("http-status", str(item.code), node_id, location=self.get_location())

        spec_text = (
            label("section", spec=item.spec, section=item.section) if item.section
        else item.spec if item.rfc else str(_(item.spec))
        )
        spec_link = nodes.reference(spec_text, spec_text, refuri=item.url)
        separator = list_separator()
        headers: list[nodes.Node] = []
        for i, header in enumerate(item.headers):
            if i:
                headers.append(_text(separator))
            key = "header" if header.section else "header_nosection"
            text = label(key, name="\0", level=label(header.level), section=header.section or "")
            before, after = text.split("\0")
            headers += [_text(before), nodes.literal(header.name, header.name), _text(after)]
        if item.methods == ("*",):
            methods: list[nodes.Node] = [_text(label("any"))]
        elif item.methods:
            methods = []
            for i, method in enumerate(item.methods):
                if i:
                    methods.append(_text(separator))
                methods.append(nodes.literal(method, method))
        else:
            methods = [_text(label("not_sent"))]
        former = separator.join(item.former_phrases) or label("none")

        facts = nodes.field_list(classes=["status-facts"])
        facts += _field(label("class"), _text(f"{item.status_class}xx {label(f'class{item.status_class}')}"))
        facts += _field(label("status"), _text(label(item.status)))
        if item.vendor:
            vendor = item.vendor
            facts += _field(label("vendor"), nodes.reference(vendor.name, vendor.name, refuri=vendor.url))
            facts += _field(label("reaches"), *self.reaches(item.vendor_code))
        facts += _field(label("spec"), spec_link)
        if item.other_meanings:
            facts += _field(label("other_meanings"), *_other_meanings(item))
        facts += _field(label("cacheable"), _text(label("yes" if item.cacheable else "no")))
        if not item.vendor:   # a vendor's code has no header fields or methods of its own
            facts += _field(label("headers"), *(headers or [_text(label("none"))]))
            facts += _field(label("methods"), *methods)
        facts += _field(label("former"), _text(former))
        for row in self.env.events.emit("status-facts-rows", item):
            if row:   # (name, body nodes) from another extension, e.g. styleguides' gRPC row
                facts += _field(row[0], *row[1])
        target = nodes.target("", "", ids=[node_id])
        return [target, untranslated(facts)]

    def reaches(self, code: status_data.VendorCode) -> list[nodes.Node]:
        """What the client receives: the code, a registered code, or nothing."""
        if not isinstance(code.reaches, int):
            return [_text(label(f"reaches_{code.reaches}"))]
        other = lookup(self.env, str(code.reaches), self.get_location())
        before, after = label("reaches_other", code="\0").split("\0")
        return [_text(before), status_ref(other), _text(after)]


def _other_meanings(item: status_data.StatusCode) -> list[nodes.Node]:
    """Each vendor's other use of the number: its name, linked, and what it means."""
    body: list[nodes.Node] = []
    for i, other in enumerate(item.other_meanings):
        if i:
            body.append(_text(list_separator()))
        name = other.vendor.name
        before, middle, after = label("other_meaning", vendor="\0", meaning="\0").split("\0")
        body += [_text(before), nodes.reference(name, name, refuri=other.url), _text(middle),
                 _text(str(_(other.summary))), _text(after)]
    return body


class StatusConstants(StatusDirective):
    """Synced tabs (sphinx-design) with the constant in each ecosystem."""

    def run(self) -> list[nodes.Node]:
        from sphinx_design.shared import create_component

        item = self.item()
        tab_set = create_component("tab-set", classes=["sd-tab-set", "status-constants"])
        for key, (title, lexer) in ECOSYSTEM_TABS.items():
            constant = item.constants[key]
            rubric = nodes.rubric(title, title, classes=["sd-tab-label"])
            rubric["sync_id"] = key
            rubric["sync_group"] = "ecosystem"
            content = create_component("tab-content", classes=["sd-tab-content"])
            if constant:
                code = f"{IMPORTS[key]}\n\n{constant}  {_comment(key)} {item.code}"
                content += nodes.literal_block(code, code, language=lexer)
            else:
                content += nodes.paragraph("", label("no_constant"))
            tab_item = create_component("tab-item", classes=["sd-tab-item"], selected=False)
            tab_item += [rubric, content]
            tab_set += tab_item
        return [untranslated(tab_set)]


def _comment(ecosystem: str) -> str:
    return "#" if ecosystem in ("python", "ruby") else "//"


class StatusTable(SphinxDirective):
    """One group of the codes index: code, name and summary, from the data.

    `status-table 4xx` lists the registry's codes of a class; `status-table
    vendor nginx` lists one vendor's codes that have pages."""

    required_arguments = 1
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        note_sources(self.env)
        arg = self.arguments[0]
        if arg == "vendor":
            rows = self.vendor_rows()
        elif len(arg) != 3 or not arg.endswith("xx") or arg[0] not in "12345" or self.arguments[1:]:
            raise StatusCodeError(f"{self.get_location()}: expected a class such as 4xx, "
                                  f"or vendor and a vendor's id, got {' '.join(self.arguments)!r}")
        else:
            rows = [item for item in codes(self.env).values()
                    if item.group == arg]
        table = nodes.table(classes=["status-table"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (12, 30, 58):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += _row([label("code"), label("name"), label("summary")])
        body = nodes.tbody()
        for item in rows:
            body += _row([
                status_ref(item, str(item.code)),
                item.phrase,
                str(_(item.summary)),
            ], ids=[f"code-{item.code}"])
        group += [head, body]
        return [untranslated(table), self.toctree(rows)]

    def toctree(self, rows: list[status_data.StatusCode]) -> nodes.compound:
        """A hidden toctree of the table's codes, so that the menu lists them under
        this section and marks this section current on their pages; previous and
        next follow the tables' order."""
        toctree = addnodes.toctree()
        toctree["parent"] = self.env.docname
        toctree["entries"] = [(None, item.docname) for item in rows]
        toctree["includefiles"] = [item.docname for item in rows]
        for key, value in dict(maxdepth=-1, caption=None, glob=False, hidden=True,
                               includehidden=False, numbered=0, titlesonly=False).items():
            toctree[key] = value
        self.set_source_info(toctree)
        return nodes.compound("", toctree, classes=["toctree-wrapper"])

    def vendor_rows(self) -> list[status_data.StatusCode]:
        vendors = self.env.app.status_vendors
        known = ", ".join(v.id for v in vendors)
        if len(self.arguments) != 2:
            raise StatusCodeError(f"{self.get_location()}: status-table vendor needs a vendor's id "
                                  f"({known})")
        vendor = next((v for v in vendors if v.id == self.arguments[1]), None)
        if vendor is None:
            raise StatusCodeError(f"{self.get_location()}: unknown vendor {self.arguments[1]!r}; "
                                  f"{self.env.app.config.status_codes_vendors} has {known}")
        rows = [codes(self.env)[c.code] for c in vendor.codes if c.page == "own"]
        if not rows:
            raise StatusCodeError(f"{self.get_location()}: vendor {vendor.id} has no code with a page yet")
        meta = self.env.metadata[self.env.docname]
        meta["status_vendors"] = f"{meta.get('status_vendors', '')} {vendor.id}".strip()
        return rows


def check_vendor_tables(app, env) -> None:
    """Every vendor with a page is listed in a status-table vendor ID."""
    listed = {vendor_id for meta in env.metadata.values()
              for vendor_id in str(meta.get("status_vendors", "")).split()}
    for vendor in app.status_vendors:
        if vendor.id not in listed and any(c.page == "own" for c in vendor.codes):
            raise StatusCodeError(
                f"{_vendors_path(app)}:{vendor.line}: vendor {vendor.id} has pages but no "
                f"'status-table vendor {vendor.id}' in the codes index")


class StatusJump(SphinxDirective):
    """A field that filters the codes index as the reader types (_static/code-jump.js)."""

    def run(self) -> list[nodes.Node]:
        html = (
            # Opened at the start of the first frame (_ext/paint_first.js): a text
            # field present when parsing ends costs a layout before that frame.
            '<form class="code-jump" role="search"><template data-first-frame>'
            f'<label for="code-jump">{escape(label("jump"))}</label> '
            '<input id="code-jump" type="text" inputmode="numeric" maxlength="3" '
            f'autocomplete="off" placeholder="{escape(label("jump_hint"), quote=True)}">'
            "</template></form>"
        )
        note_sources(self.env)
        self.env.metadata[self.env.docname]["status_jump"] = True
        return [nodes.raw("", html, format="html")]


def _row(cells: list, ids: list[str] | None = None) -> nodes.row:
    row = nodes.row(ids=ids or [])
    for cell in cells:
        paragraph = nodes.paragraph("", "")
        paragraph += cell if isinstance(cell, nodes.Node) else nodes.Text(cell)
        row += nodes.entry("", paragraph)
    return row


def status_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """:status:`404` -> "404 Not Found" linked to the code's page."""
    env = inliner.document.settings.env
    source, line = inliner.reporter.get_source_and_line(lineno)
    note_sources(env)
    item = lookup(env, text.strip(), f"{source}:{line}")
    return [status_ref(item)], []


def between(template: str) -> str:
    """What a translated "{list}, {item}" template puts between the two."""
    return template.format(list="\0", item="\1").split("\0", 1)[1].split("\1", 1)[0]


def list_separator(key: str = "list_more") -> str:
    """What the catalogue puts between two items: ", " in English, "、" in Chinese
    (key "list_more"), or before the last item: " and ", " 和 " ("list_last")."""
    return between(label(key))


def _as_list(items: list[nodes.Node]) -> list[nodes.Node]:
    """Nodes joined as a list in the build's language: "A, B and C"."""
    joined: list[nodes.Node] = list(items[:1])
    for index, item in enumerate(items[1:], 1):
        key = "list_last" if index == len(items) - 1 else "list_more"
        joined += [_text(list_separator(key)), item]
    return joined


def cacheable_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """:status-cacheable:`4xx 5xx` -> the codes of those classes that the data
    marks cacheable by default, each linked as :status: links it."""
    env = inliner.document.settings.env
    source, line = inliner.reporter.get_source_and_line(lineno)
    note_sources(env)
    classes = text.split()
    if not classes or not all(re.fullmatch(r"[1-5]xx", item) for item in classes):
        raise StatusCodeError(f"{source}:{line}: {name} expects classes such as '4xx 5xx', got {text!r}")
    wanted = {int(item[0]) for item in classes}
    found = [item for item in codes(env).values() if item.cacheable and item.status_class in wanted]
    if not found:
        raise StatusCodeError(f"{source}:{line}: no code of {text!r} is cacheable by default")
    return _as_list([status_ref(item) for item in found]), []


def check_page(app, doctree) -> None:
    """A code page must carry its data's title and fact box."""
    docname = app.env.docname
    if not docname.startswith("codes/") or not docname[6:].isdigit():
        return
    item = app.status_codes[int(docname[6:])]
    title = next(iter(doctree.findall(nodes.title)), None)
    text = title.astext() if title is not None else ""
    if not text.startswith(item.title):
        raise StatusCodeError(
            f"{app.env.doc2path(docname)}:{title.line if title else 1}: "
            f"the page title is {text!r}, the data says {item.title!r}"
        )
    if f"http-status-{item.code}" not in doctree.ids:
        raise StatusCodeError(f"{app.env.doc2path(docname)}:1: no status-facts {item.code} fact box")


def add_labels(app, pagename, templatename, context, doctree) -> None:
    """Strings the templates show, translated with the rest of the extension's."""
    context["skip_label"] = label("skip")
    context["expand_label"] = label("expand")
    context["home_label"] = label("home")
    if context.get("meta") and context["meta"].get("status_jump"):
        app.add_js_file("code-jump.js", loading_method="defer")


# -- export -------------------------------------------------------------------

def write_json(app, exception) -> None:
    """status-codes.json, codes/NNN.json (the same record) and the schema of both."""
    if exception or app.builder.format != "html":
        return
    schema_text = Path(app.srcdir, app.config.status_codes_schema).read_text(encoding="utf-8")
    schema = json.loads(schema_text)
    records = []
    for item in app.status_codes.values():
        record = status_data.as_json(item, app.builder.get_target_uri(item.docname),
                                     str(_(item.summary)), schema["$id"])
        app.emit("status-json-record", item, record)   # fields other extensions add
        records.append(record)
        out = Path(app.outdir, item.docname + ".json")
        out.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out = Path(app.outdir, "status-codes.json")
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out = Path(app.outdir, "schema", Path(app.config.status_codes_schema).name)
    out.parent.mkdir(exist_ok=True)
    out.write_text(schema_text, encoding="utf-8")


def setup(app):
    app.add_config_value("status_codes_data", "data/status-codes.yaml", "env", types=[str])
    app.add_config_value("status_codes_vendors", "data/vendors.yaml", "env", types=[str])
    app.add_config_value("status_codes_schema", "schema/status-codes.v1.json", "", types=[str])
    app.add_event("status-facts-rows")    # (app, item) -> (name, [nodes]) or None
    app.add_event("status-json-record")   # (app, item, record): add fields to the record
    app.add_object_type(
        "http-status", "http-status", objname="HTTP status code",
        indextemplate="pair: %s; HTTP status code",
    )
    app.add_directive("status-facts", StatusFacts)
    app.add_directive("status-constants", StatusConstants)
    app.add_directive("status-table", StatusTable)
    app.add_directive("status-jump", StatusJump)
    app.add_role("status", status_role)
    app.add_role("status-cacheable", cacheable_role)
    app.connect("config-inited", load_catalogue)
    app.connect("config-inited", translate_site_name, priority=600)
    app.connect("builder-inited", load_data)
    app.connect("builder-inited", add_messages_to_pot)
    app.connect("doctree-read", check_page)
    app.connect("env-check-consistency", check_vendor_tables)
    app.connect("html-page-context", add_labels)
    app.connect("build-finished", write_json)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
