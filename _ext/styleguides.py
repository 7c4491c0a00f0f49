"""Sphinx extension: what API style guides say about each code, and the gRPC mappings.

Data: data/styleguides.yaml (by guide) and data/grpc.yaml (code.proto's list and
gRPC's HTTP-to-gRPC table), loaded by styleguide_data.

Directives
  status-styleguides NNN     the list of guides' positions on codes/NNN, under the
                             page's "What API style guides say" heading
  grpc-mapping code-proto    google.rpc.Code -> HTTP, from code.proto
  grpc-mapping http-to-grpc  HTTP -> google.rpc.Code, gRPC's table for responses
                             without grpc-status
Role
  :guide:`zalando`           the guide's name, linked to the guide
Also
  - the fact box's gRPC row (status_codes' "status-facts-rows" event)
  - the `styleguides` and `grpc` fields of every JSON record
    (status_codes' "status-json-record" event)

Labels and the guides' summaries go through the 'statuscodes' catalogue, like
status_codes' own; guide names and rule names are not translated.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

import status_codes
import styleguide_data
from status_codes import StatusCodeError, _, untranslated
from status_data import DataError

SECTION_ID = "what-api-style-guides-say"
LABELS = {
    "grpc": "gRPC",
    "grpc_reverse": "read as {name} by a gRPC client when grpc-status is missing",
    "entry": "{guide}, {rule}: {position}. {summary}",
    "grpc_also": "{list}; {item}",
    "use": "use",
    "avoid": "avoid",
    "document": "document it",
    "do-not-document": "no need to document it",
    "prescribed": "prescribed for a named case",
    "grpc_code": "google.rpc.Code",
    "grpc_number": "Number",
    "http_status": "HTTP status",
    "grpc_other": "Every other final status",
}


def label(key: str, **fields: str) -> str:
    return status_codes.label(key, LABELS, **fields)


def _with_nodes(template: str, **parts: list[nodes.Node]) -> list[nodes.Node]:
    """Fill a translated template whose {fields} are nodes, not text."""
    result: list[nodes.Node] = []
    for piece in re.split(r"(\{\w+\})", template):
        if re.fullmatch(r"\{\w+\}", piece):
            result += parts[piece[1:-1]]
        elif piece:
            result.append(nodes.Text(piece))
    return result


# -- loading ------------------------------------------------------------------

def load_data(app) -> None:
    codes = app.status_codes
    try:
        app.styleguides, positions = styleguide_data.load_styleguides(
            Path(app.srcdir, app.config.styleguides_data), codes)
        app.styleguide_positions = styleguide_data.by_code(positions)
        app.grpc = styleguide_data.load_grpc(Path(app.srcdir, app.config.grpc_data), codes)
    except DataError as exc:
        raise StatusCodeError(str(exc)) from None


def add_messages_to_pot(app) -> None:
    source = Path(app.srcdir, app.config.styleguides_data)
    status_codes.add_to_catalogue(app, [
        *((text, source, 0) for text in LABELS.values()),
        *((item.summary, source, item.line)
          for entries in app.styleguide_positions.values() for item in entries),
    ])


def note_sources(env) -> None:
    status_codes.note_sources(env)
    env.note_dependency(str(Path(env.srcdir, env.config.styleguides_data)))
    env.note_dependency(str(Path(env.srcdir, env.config.grpc_data)))


# -- the section on a code page ----------------------------------------------

class StatusStyleguides(status_codes.StatusDirective):
    """Each guide's position on this code, with its rule, from the data."""

    def run(self) -> list[nodes.Node]:
        item = self.item()
        note_sources(self.env)
        entries = self.env.app.styleguide_positions.get(item.code)
        if not entries:
            raise StatusCodeError(
                f"{self.get_location()}: no guide in {self.config.styleguides_data} speaks "
                f"about {item.code}; remove the section"
            )
        listing = nodes.bullet_list(classes=["status-styleguides"])
        for entry in entries:
            guide = entry.guide
            positions = status_codes.list_separator().join(label(p) for p in entry.position)
            paragraph = nodes.paragraph()
            paragraph += _with_nodes(
                label("entry"),
                guide=[nodes.strong(guide.name, guide.name)],
                rule=[nodes.reference(entry.rule, entry.rule, refuri=entry.url)],
                position=[nodes.emphasis(positions, positions)],
                summary=[nodes.Text(str(_(entry.summary)))],
            )
            listing += nodes.list_item("", paragraph)
        return [untranslated(listing)]


def check_page(app, doctree) -> None:
    """A code page has the guides' section exactly when the data has entries."""
    docname = app.env.docname
    if not docname.startswith("codes/") or not docname[6:].isdigit():
        return
    code = int(docname[6:])
    listed = any("status-styleguides" in n["classes"] for n in doctree.findall(nodes.bullet_list))
    if app.styleguide_positions.get(code) and not listed:
        raise StatusCodeError(
            f"{app.env.doc2path(docname)}:1: {app.config.styleguides_data} has guides' positions "
            f"on {code}: add a section '## What API style guides say' with "
            f"```{{status-styleguides}} {code}``` after 'Common mistakes'"
        )


# -- the fact box row ---------------------------------------------------------

def _grpc_literal(name: str) -> nodes.literal:
    text = f"{name} ({styleguide_data.GRPC_CODES[name]})"
    return nodes.literal(text, text)


def facts_row(app, item) -> tuple[str, list[nodes.Node]] | None:
    record = styleguide_data.grpc_record(app.grpc, item.code)
    body: list[nodes.Node] = []
    for i, code in enumerate(record["from_code_proto"]):
        if i:
            body.append(nodes.Text(status_codes.list_separator()))
        body.append(_grpc_literal(code["name"]))
    if item.code in app.grpc.http_to_grpc:
        if body:
            body.append(nodes.Text(status_codes.between(label("grpc_also"))))
        body += _with_nodes(label("grpc_reverse"), name=[_grpc_literal(record["client_reads_as"])])
    return (label("grpc"), body) if body else None


# -- the mapping tables -------------------------------------------------------

def _row(cells: list) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        paragraph = nodes.paragraph("", "")
        paragraph += cell if isinstance(cell, nodes.Node) else nodes.Text(cell)
        row += nodes.entry("", paragraph)
    return row


def _table(headers: list[str], rows: list[list], widths: list[int], kind: str) -> nodes.table:
    table = nodes.table(classes=["grpc-mapping", kind])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(headers)
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += [head, body]
    return table


class GrpcMapping(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        note_sources(self.env)
        app = self.env.app
        grpc = app.grpc
        codes = app.status_codes
        kind = self.arguments[0]
        if kind == "code-proto":
            rows = [
                [nodes.literal(c.name, c.name), str(c.number), status_codes.status_ref(codes[c.http])]
                for c in sorted(grpc.codes, key=lambda c: c.number)
            ]
            table = _table([label("grpc_code"), label("grpc_number"), label("http_status")],
                           rows, [40, 15, 45], kind)
        elif kind == "http-to-grpc":
            rows = [[status_codes.status_ref(codes[code]), nodes.literal(name, name)]
                    for code, name in grpc.http_to_grpc.items()]
            rows.append([label("grpc_other"), nodes.literal(grpc.default, grpc.default)])
            table = _table([label("http_status"), label("grpc_code")], rows, [55, 45], kind)
        else:
            raise StatusCodeError(
                f"{self.get_location()}: grpc-mapping takes code-proto or http-to-grpc, got {kind!r}")
        return [untranslated(table)]


def guide_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """:guide:`zalando` -> the guide's name, linked to the guide."""
    env = inliner.document.settings.env
    source, line = inliner.reporter.get_source_and_line(lineno)
    note_sources(env)
    guide = env.app.styleguides.get(text.strip())
    if guide is None:
        raise StatusCodeError(
            f"{source}:{line}: unknown guide {text.strip()!r} "
            f"(known: {', '.join(env.app.styleguides)})")
    return [nodes.reference(rawtext, guide.name, refuri=guide.url)], []


# -- JSON ---------------------------------------------------------------------

def json_record(app, item, record: dict) -> None:
    record["styleguides"] = styleguide_data.styleguides_record(
        app.styleguide_positions.get(item.code, []), lambda text: str(_(text)))
    record["grpc"] = styleguide_data.grpc_record(app.grpc, item.code)


def setup(app):
    app.setup_extension("status_codes")
    app.add_config_value("styleguides_data", "data/styleguides.yaml", "env", types=[str])
    app.add_config_value("grpc_data", "data/grpc.yaml", "env", types=[str])
    app.add_directive("status-styleguides", StatusStyleguides)
    app.add_directive("grpc-mapping", GrpcMapping)
    app.add_role("guide", guide_role)
    app.connect("builder-inited", load_data, priority=600)
    app.connect("builder-inited", add_messages_to_pot, priority=600)
    app.connect("doctree-read", check_page)
    app.connect("status-facts-rows", facts_row)
    app.connect("status-json-record", json_record)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
