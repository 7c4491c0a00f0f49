"""Load and check data/styleguides.yaml and data/grpc.yaml.

Plain Python with no Sphinx import, like status_data. Both files are kept the
way their sources change: styleguides.yaml by guide (a guide is revised and
re-checked as a whole), grpc.yaml by mapping (code.proto's list, gRPC's
HTTP-to-gRPC table). The per-code view that pages and JSON show is derived
here (by_code, grpc_record). Every problem is a DataError naming the file, the
line and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from status_data import DataError, _LineLoader

POSITIONS = ("use", "avoid", "document", "do-not-document", "prescribed")
GUIDE_FIELDS = ("name", "url", "source", "commit", "licence", "codes")
ENTRY_FIELDS = ("position", "rule", "url", "summary")
SOURCE_FIELDS = ("source", "commit", "url", "licence")
# google.rpc.Code: every canonical name and its number (google/rpc/code.proto).
GRPC_CODES = {
    "OK": 0, "CANCELLED": 1, "UNKNOWN": 2, "INVALID_ARGUMENT": 3, "DEADLINE_EXCEEDED": 4,
    "NOT_FOUND": 5, "ALREADY_EXISTS": 6, "PERMISSION_DENIED": 7, "RESOURCE_EXHAUSTED": 8,
    "FAILED_PRECONDITION": 9, "ABORTED": 10, "OUT_OF_RANGE": 11, "UNIMPLEMENTED": 12,
    "INTERNAL": 13, "UNAVAILABLE": 14, "DATA_LOSS": 15, "UNAUTHENTICATED": 16,
}


@dataclass(frozen=True)
class Guide:
    key: str
    name: str
    url: str
    source: str
    commit: str
    licence: str
    line: int


@dataclass(frozen=True)
class Position:
    """What one guide says about one code."""
    guide: Guide
    code: int
    position: tuple[str, ...]
    rule: str
    url: str
    summary: str
    line: int


@dataclass(frozen=True)
class GrpcCode:
    name: str
    number: int
    http: int
    line: int


@dataclass(frozen=True)
class Grpc:
    codes: tuple[GrpcCode, ...]           # code.proto's order
    http_to_grpc: dict[int, str]           # gRPC's table, explicit rows
    default: str                           # what every other final status reads as
    code_proto: dict[str, str]             # source, commit, url, licence
    table: dict[str, str]


def _read(path: Path):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None


def _fields(path, line, where, mapping, required, optional=(), strings=()):
    if not isinstance(mapping, dict):
        raise DataError(path, line, f"{where}: must be a mapping")
    missing = [f for f in required if f not in mapping]
    if missing:
        raise DataError(path, line, f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(mapping) - set(required) - set(optional) - {"__line__"}, key=str)
    if unknown:
        raise DataError(path, line, f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
    for field in strings:
        if not (isinstance(mapping[field], str) and mapping[field].strip()):
            raise DataError(path, line, f"{where}: field '{field}' must be a non-empty string")


def _http_code(path, line, where, value, known_codes) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in known_codes:
        raise DataError(path, line, f"{where}: unknown HTTP status code {value!r} "
                                    "(not in data/status-codes.yaml)")
    return value


def _grpc_name(path, line, where, value) -> str:
    if value not in GRPC_CODES:
        raise DataError(path, line, f"{where}: unknown gRPC code {value!r} "
                                    f"(google.rpc.Code has {', '.join(GRPC_CODES)})")
    return value


def load_styleguides(path: Path | str, known_codes) -> tuple[dict[str, Guide], list[Position]]:
    """Return the guides by key and every position, in file order."""
    path = Path(path)
    raw = _read(path)
    if not isinstance(raw, dict):
        raise DataError(path, None, "the file must map guide keys to guides")
    raw.pop("__line__", None)
    guides: dict[str, Guide] = {}
    positions: list[Position] = []
    for key, body in raw.items():
        line = body.get("__line__") if isinstance(body, dict) else None
        where = f"guide {key}"
        _fields(path, line, where, body, GUIDE_FIELDS, strings=GUIDE_FIELDS[:-1])
        guide = Guide(str(key), body["name"], body["url"], body["source"], str(body["commit"]),
                      body["licence"], line)
        guides[guide.key] = guide
        codes = body["codes"]
        if not isinstance(codes, dict):
            raise DataError(path, line, f"{where}: 'codes' must map status codes to entries")
        codes.pop("__line__", None)
        for code, entry in codes.items():
            eline = entry.get("__line__", line) if isinstance(entry, dict) else line
            ewhere = f"guide {key}, code {code}"
            _http_code(path, eline, ewhere, code, known_codes)
            _fields(path, eline, ewhere, entry, ENTRY_FIELDS, strings=ENTRY_FIELDS[1:])
            position = entry["position"]
            if not isinstance(position, list) or not position:
                raise DataError(path, eline, f"{ewhere}: 'position' must be a non-empty list")
            for value in position:
                if value not in POSITIONS:
                    raise DataError(path, eline, f"{ewhere}: position {value!r} is not one of "
                                                 f"{', '.join(POSITIONS)}")
            if not entry["url"].startswith("https://"):
                raise DataError(path, eline, f"{ewhere}: 'url' must be an https:// link")
            positions.append(Position(guide, code, tuple(position), entry["rule"], entry["url"],
                                      " ".join(entry["summary"].split()), eline))
    return guides, positions


def by_code(positions: list[Position]) -> dict[int, list[Position]]:
    """The per-code view: each code's positions, in the guides' file order."""
    view: dict[int, list[Position]] = {}
    for item in positions:
        view.setdefault(item.code, []).append(item)
    return dict(sorted(view.items()))


def load_grpc(path: Path | str, known_codes) -> Grpc:
    path = Path(path)
    raw = _read(path)
    if not isinstance(raw, dict):
        raise DataError(path, None, "the file must be a mapping with code_proto and http_to_grpc")
    _fields(path, raw.get("__line__"), "the file", raw, ("code_proto", "http_to_grpc"))
    proto, table = raw["code_proto"], raw["http_to_grpc"]
    _fields(path, proto.get("__line__") if isinstance(proto, dict) else None, "code_proto",
            proto, SOURCE_FIELDS, ("codes",), SOURCE_FIELDS)
    _fields(path, table.get("__line__") if isinstance(table, dict) else None, "http_to_grpc",
            table, (*SOURCE_FIELDS, "default"), ("rows",), SOURCE_FIELDS)
    codes: list[GrpcCode] = []
    for entry in proto.get("codes") or []:
        line = entry.get("__line__", proto["__line__"]) if isinstance(entry, dict) else proto["__line__"]
        name = entry.get("name", "?") if isinstance(entry, dict) else repr(entry)
        where = f"code_proto, entry {name}"
        if not isinstance(entry, dict) or set(entry) - {"__line__"} != {"name", "number", "http"}:
            raise DataError(path, line, f"{where}: needs exactly name, number and http")
        name = _grpc_name(path, line, where, entry["name"])
        if entry["number"] != GRPC_CODES[name]:
            raise DataError(path, line, f"{where}: {name} is number {GRPC_CODES[name]}, "
                                        f"not {entry['number']!r}")
        http = _http_code(path, line, where, entry["http"], known_codes)
        if any(c.name == name for c in codes):
            raise DataError(path, line, f"{where}: {name} appears twice")
        codes.append(GrpcCode(name, entry["number"], http, line))
    rows: dict[int, str] = {}
    for entry in table.get("rows") or []:
        line = entry.get("__line__", table["__line__"]) if isinstance(entry, dict) else table["__line__"]
        code = entry.get("http", "?") if isinstance(entry, dict) else repr(entry)
        where = f"http_to_grpc, row {code}"
        if not isinstance(entry, dict) or set(entry) - {"__line__"} != {"http", "grpc"}:
            raise DataError(path, line, f"{where}: needs exactly http and grpc")
        if code in rows:
            raise DataError(path, line, f"{where}: appears twice")
        rows[_http_code(path, line, where, code, known_codes)] = _grpc_name(
            path, line, where, entry["grpc"])
    default = _grpc_name(path, table["__line__"], "http_to_grpc, default", table["default"])
    return Grpc(tuple(codes), dict(sorted(rows.items())), default,
                {f: proto[f] for f in SOURCE_FIELDS}, {f: table[f] for f in SOURCE_FIELDS})


def grpc_record(grpc: Grpc, code: int) -> dict:
    """The per-code view of both mappings, as the JSON exports it.

    from_code_proto: the google.rpc.Code values whose HTTP mapping is this code;
    client_reads_as: what a gRPC client makes of this status without grpc-status
    (None for 1xx, which the client skips).
    """
    if code < 200:
        reads_as = None
    else:
        reads_as = grpc.http_to_grpc.get(code, grpc.default)
    return {
        "from_code_proto": [
            {"name": c.name, "number": c.number} for c in grpc.codes if c.http == code
        ],
        "client_reads_as": reads_as,
    }


def styleguides_record(entries: list[Position], translate=lambda text: text) -> list[dict]:
    """The per-code view of the guides, as the JSON exports it."""
    return [
        {
            "guide": item.guide.key,
            "name": item.guide.name,
            "position": list(item.position),
            "rule": item.rule,
            "url": item.url,
            "summary": translate(item.summary),
        }
        for item in entries
    ]
