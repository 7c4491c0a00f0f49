"""Load and check data/status-codes.yaml, the one source of facts per code.

Plain Python with no Sphinx import, so tests and scripts can use it too.
Every problem is raised as DataError naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

STATUSES = ("permanent", "temporary", "unused", "obsoleted", "unofficial")
HEADER_LEVELS = ("required", "conditional", "recommended", "optional")
ECOSYSTEMS = ("python", "go", "java", "dotnet", "node", "rust", "ruby", "php")
REQUIRED = (
    "code", "phrase", "former_phrases", "status", "spec", "section",
    "cacheable", "headers", "methods", "constants", "summary",
)
OPTIONAL = ("url",)
CLASS_NAMES = {
    1: "Informational",
    2: "Successful",
    3: "Redirection",
    4: "Client Error",
    5: "Server Error",
}
RFC_RE = re.compile(r"^RFC (\d{4,5})$")
RFC_URL = "https://www.rfc-editor.org/rfc/rfc{number}"


class DataError(Exception):
    """A problem in the data file, with its location."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Header:
    name: str
    level: str
    section: str | None


@dataclass(frozen=True)
class StatusCode:
    code: int
    phrase: str
    former_phrases: tuple[str, ...]
    status: str
    spec: str
    section: str | None
    url: str
    cacheable: bool
    headers: tuple[Header, ...]
    methods: tuple[str, ...]
    constants: dict[str, str | None]
    summary: str
    line: int

    @property
    def status_class(self) -> int:
        return self.code // 100

    @property
    def class_name(self) -> str:
        return CLASS_NAMES[self.status_class]

    @property
    def rfc(self) -> int | None:
        match = RFC_RE.match(self.spec)
        return int(match.group(1)) if match else None

    @property
    def docname(self) -> str:
        return f"codes/{self.code}"

    @property
    def label(self) -> str:
        return f"status-{self.code}"

    @property
    def title(self) -> str:
        return f"{self.code} {self.phrase}"


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml's when PyYAML has it: ten times faster) that
    records the line of every mapping as '__line__'."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _spec_url(spec: str, section: str | None, url: str | None) -> str | None:
    match = RFC_RE.match(spec)
    if not match:
        return url
    base = RFC_URL.format(number=match.group(1))
    return f"{base}#section-{section}" if section else base


def _check_type(path, line, code, field, value, kind):
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DataError(path, line, f"code {code}: field '{field}' must be {name}, got {value!r}")


def _parse_entry(path: Path, entry: object, index: int) -> StatusCode:
    if not isinstance(entry, dict):
        raise DataError(path, None, f"entry {index + 1} is not a mapping")
    line = entry.pop("__line__")
    code = entry.get("code", "?")
    missing = [field for field in REQUIRED if field not in entry]
    if missing:
        raise DataError(path, line, f"code {code}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise DataError(path, line, f"code {code}: unknown field(s) {', '.join(unknown)}")
    _check_type(path, line, code, "code", code, int)
    if not 100 <= code <= 599:
        raise DataError(path, line, f"code {code}: not a three-digit HTTP status code")
    for field, kind in (("phrase", str), ("status", str), ("spec", str), ("summary", str),
                        ("cacheable", bool), ("former_phrases", list), ("headers", list),
                        ("methods", list), ("constants", dict), ("section", (str, type(None)))):
        _check_type(path, line, code, field, entry[field], kind)
    if entry["status"] not in STATUSES:
        raise DataError(path, line, f"code {code}: status must be one of {', '.join(STATUSES)}")
    url = _spec_url(entry["spec"], entry["section"], entry.get("url"))
    if not url:
        raise DataError(path, line, f"code {code}: spec '{entry['spec']}' is not an RFC, so 'url' is required")
    if entry["section"] and not RFC_RE.match(entry["spec"]):
        raise DataError(path, line, f"code {code}: a section needs an RFC as spec")
    headers = []
    for header in entry["headers"]:
        hline = header.pop("__line__", line) if isinstance(header, dict) else line
        if not isinstance(header, dict) or set(header) != {"name", "level", "section"}:
            raise DataError(path, hline, f"code {code}: a header needs exactly name, level and section")
        if header["level"] not in HEADER_LEVELS:
            raise DataError(path, hline, f"code {code}: header level must be one of {', '.join(HEADER_LEVELS)}")
        headers.append(Header(header["name"], header["level"], header["section"]))
    constants = dict(entry["constants"])
    cline = constants.pop("__line__", line)
    if set(constants) != set(ECOSYSTEMS):
        raise DataError(path, cline, f"code {code}: constants must name exactly {', '.join(ECOSYSTEMS)}")
    for methods_or_names in (entry["methods"], entry["former_phrases"]):
        if not all(isinstance(item, str) for item in methods_or_names):
            raise DataError(path, line, f"code {code}: methods and former_phrases hold strings only")
    return StatusCode(
        code=code,
        phrase=entry["phrase"],
        former_phrases=tuple(entry["former_phrases"]),
        status=entry["status"],
        spec=entry["spec"],
        section=entry["section"],
        url=url,
        cacheable=entry["cacheable"],
        headers=tuple(headers),
        methods=tuple(entry["methods"]),
        constants=constants,
        summary=" ".join(entry["summary"].split()),
        line=line,
    )


def load(path: Path | str) -> dict[int, StatusCode]:
    """Return the codes in the file by number, or raise DataError."""
    path = Path(path)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise DataError(path, None, "the file must be a list of codes")
    codes: dict[int, StatusCode] = {}
    for index, entry in enumerate(raw):
        item = _parse_entry(path, entry, index)
        if item.code in codes:
            raise DataError(path, item.line, f"code {item.code} appears twice")
        codes[item.code] = item
    if list(codes) != sorted(codes):
        raise DataError(path, None, "codes must be listed in ascending order")
    return codes


SCHEMA_VERSION = 1


def as_json(item: StatusCode, page_url: str, summary: str | None = None,
            schema_url: str | None = None) -> dict:
    """The public record for one code, as status-codes.json and codes/NNN.json
    export it (summary: the summary in the build's language; English by default;
    schema_url: the $id of schema/status-codes.v1.json)."""
    return {
        **({"$schema": schema_url} if schema_url else {}),
        "schema_version": SCHEMA_VERSION,
        "code": item.code,
        "phrase": item.phrase,
        "former_phrases": list(item.former_phrases),
        "class": f"{item.status_class}xx",
        "class_name": item.class_name,
        "status": item.status,
        "spec": {"name": item.spec, "rfc": item.rfc, "section": item.section, "url": item.url},
        "cacheable_by_default": item.cacheable,
        "headers": [
            {"name": h.name, "level": h.level, "section": h.section} for h in item.headers
        ],
        "methods": list(item.methods),
        "constants": dict(item.constants),
        "summary": summary or item.summary,
        "url": page_url,
    }
