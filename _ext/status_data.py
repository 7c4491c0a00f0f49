"""Load and check the data: data/status-codes.yaml (the IANA registry's codes)
and data/vendors.yaml (codes that servers, CDNs and frameworks use).

Plain Python with no Sphinx import, so tests and scripts can use it too.
Every problem is raised as DataError naming the file and the line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
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
# The groups of the codes index, in order: the five classes of the registry's
# codes, then the codes of vendors (not in the registry), grouped by vendor.
GROUPS = {**{f"{n}xx": name for n, name in CLASS_NAMES.items()},
          "vendor": "Codes from servers, CDNs and frameworks"}
RFC_RE = re.compile(r"^RFC (\d{4,5})$")
RFC_URL = "https://www.rfc-editor.org/rfc/rfc{number}"

VENDOR_FIELDS = ("id", "name", "url", "excerpts", "licence", "codes")
VENDOR_CODE_REQUIRED = ("code", "url", "source", "quote", "summary")
VENDOR_CODE_OPTIONAL = ("page", "phrase", "phrase_from", "former_phrases", "reaches", "title",
                        "changes")
PAGES = ("own", "planned", "none")
PHRASE_FROM = ("source", "others", "descriptive")
REACHES = ("itself", "nothing", "client-made")
CHANGE_FIELDS = ("date", "version", "what", "before", "after", "source", "quote")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
REPO_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


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
    vendor_code: VendorCode | None = None      # set for codes from vendors.yaml
    other_meanings: tuple[VendorCode, ...] = ()  # vendors' other uses of the number
    path: str = ""                             # the data file that holds the entry

    @property
    def status_class(self) -> int:
        return self.code // 100

    @property
    def vendor(self) -> Vendor | None:
        return self.vendor_code.vendor if self.vendor_code else None

    @property
    def group(self) -> str:
        """Its group in the codes index: '1xx' ... '5xx', or 'vendor'."""
        return "vendor" if self.vendor_code else f"{self.status_class}xx"

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


@dataclass(frozen=True)
class Source:
    """Where a vendor fact was read: a git file at a commit, or a web page."""
    repo: str | None = None
    commit: str | None = None
    path: str | None = None
    page: str | None = None

    def as_json(self) -> dict:
        if self.page:
            return {"page": self.page}
        return {"repo": self.repo, "commit": self.commit, "path": self.path}


@dataclass(frozen=True)
class Change:
    """A dated change of a vendor's figure or behaviour; the page states it."""
    date: str | None
    version: str | None
    what: str
    before: str | None
    after: str | None
    source: Source
    quote: str
    line: int

    def as_json(self) -> dict:
        return {"date": self.date, "version": self.version, "what": self.what,
                "before": self.before, "after": self.after, "source": self.source.as_json()}


@dataclass(frozen=True)
class VendorCode:
    """One vendor's use of a number, as data/vendors.yaml records it."""
    code: int
    page: str
    phrase: str | None
    phrase_from: str | None
    former_phrases: tuple[str, ...]
    reaches: str | int | None
    title: str | None
    url: str
    source: Source
    quote: str
    summary: str
    changes: tuple[Change, ...]
    line: int
    vendor: Vendor = field(compare=False, repr=False, default=None)


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    url: str
    excerpts: str
    licence: str
    line: int
    codes: tuple[VendorCode, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Data:
    """Everything the two files hold: the codes with pages, and the vendors."""
    codes: dict[int, StatusCode]
    vendors: tuple[Vendor, ...]

    def vendor(self, vendor_id: str) -> Vendor | None:
        return next((v for v in self.vendors if v.id == vendor_id), None)


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
    if entry["status"] == "unofficial":
        raise DataError(path, line, f"code {code}: a code that is not in the registry belongs in "
                                    "vendors.yaml, with its vendor and source")
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
        path=str(path),
    )


def _read_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None


def _load_registry(path: Path) -> dict[int, StatusCode]:
    raw = _read_yaml(path)
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


# -- vendors.yaml -------------------------------------------------------------

def _fields(path, line, what, entry, required, optional=()) -> None:
    missing = [name for name in required if entry.get(name) in (None, "", [])]
    if missing:
        raise DataError(path, line, f"{what}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(entry) - set(required) - set(optional) - {"__line__"})
    if unknown:
        raise DataError(path, line, f"{what}: unknown field(s) {', '.join(unknown)}")


def _https(path, line, what, name, value) -> str:
    if not isinstance(value, str) or not value.startswith("https://") or " " in value:
        raise DataError(path, line, f"{what}: {name} must be an https:// URL, got {value!r}")
    return value


def _source(path, line, what, value) -> Source:
    if not isinstance(value, dict):
        raise DataError(path, line, f"{what}: source must be {{repo, commit, path}} or {{page}}")
    value = {k: v for k, v in value.items() if k != "__line__"}
    if set(value) == {"page"}:
        return Source(page=_https(path, line, what, "source page", value["page"]))
    if set(value) != {"repo", "commit", "path"}:
        raise DataError(path, line, f"{what}: source must be {{repo, commit, path}} or {{page}}")
    if not REPO_RE.match(str(value["repo"])) or not COMMIT_RE.match(str(value["commit"])):
        raise DataError(path, line, f"{what}: source needs a repo 'owner/name' and a 40-digit commit")
    return Source(repo=value["repo"], commit=value["commit"], path=str(value["path"]))


def _text(path, line, what, name, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, line, f"{what}: {name} must be text, got {value!r}")
    return " ".join(value.split())


def _change(path, what, entry) -> Change:
    line = entry.get("__line__") if isinstance(entry, dict) else None
    if not isinstance(entry, dict):
        raise DataError(path, line, f"{what}: each change must be a mapping")
    _fields(path, line, f"{what}, change", entry, ("what", "source", "quote"),
            ("date", "version", "before", "after"))
    date = entry.get("date")
    if isinstance(date, datetime.date):
        date = date.isoformat()
    if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date)):
        raise DataError(path, line, f"{what}: a change's date must be YYYY-MM-DD or null, got {date!r}")
    if (entry.get("before") is None) != (entry.get("after") is None):
        raise DataError(path, line, f"{what}: a change gives both before and after, or neither")
    return Change(
        date=date,
        version=None if entry.get("version") is None else str(entry["version"]),
        what=_text(path, line, what, "what", entry["what"]),
        before=None if entry.get("before") is None else str(entry["before"]),
        after=None if entry.get("after") is None else str(entry["after"]),
        source=_source(path, line, what, entry["source"]),
        quote=_text(path, line, what, "quote", entry["quote"]),
        line=line,
    )


def _vendor_code(path, vendor: str, entry) -> VendorCode:
    line = entry.get("__line__") if isinstance(entry, dict) else None
    if not isinstance(entry, dict):
        raise DataError(path, line, f"vendor {vendor}: each code must be a mapping")
    code = entry.get("code", "?")
    what = f"vendor {vendor}, code {code}"
    _fields(path, line, what, entry, VENDOR_CODE_REQUIRED, VENDOR_CODE_OPTIONAL)
    if not isinstance(code, int) or isinstance(code, bool) or not 100 <= code <= 599:
        raise DataError(path, line, f"{what}: not a three-digit HTTP status code")
    page = entry.get("page", "own")
    if page not in PAGES:
        raise DataError(path, line, f"{what}: page must be one of {', '.join(PAGES)}")
    if page != "none":
        _fields(path, line, what, entry, (*VENDOR_CODE_REQUIRED, "phrase", "phrase_from",
                                          "reaches", "title"), VENDOR_CODE_OPTIONAL)
        if entry["phrase_from"] not in PHRASE_FROM:
            raise DataError(path, line, f"{what}: phrase_from must be one of {', '.join(PHRASE_FROM)}")
        reaches = entry["reaches"]
        if reaches not in REACHES and not (isinstance(reaches, int) and 100 <= reaches <= 599):
            raise DataError(path, line, f"{what}: reaches must be {', '.join(REACHES)} or a status code")
    former = entry.get("former_phrases", [])
    if not isinstance(former, list) or not all(isinstance(name, str) for name in former):
        raise DataError(path, line, f"{what}: former_phrases must be a list of names")
    quote = _text(path, line, what, "quote", entry["quote"])
    if str(code) not in quote:
        raise DataError(path, line, f"{what}: the quote must name the number {code}")
    changes = entry.get("changes") or []
    if not isinstance(changes, list):
        raise DataError(path, line, f"{what}: changes must be a list")
    return VendorCode(
        code=code,
        page=page,
        phrase=entry.get("phrase"),
        phrase_from=entry.get("phrase_from"),
        former_phrases=tuple(former),
        reaches=entry.get("reaches"),
        title=entry.get("title"),
        url=_https(path, line, what, "url", entry["url"]),
        source=_source(path, line, what, entry["source"]),
        quote=quote,
        summary=_text(path, line, what, "summary", entry["summary"]),
        changes=tuple(_change(path, what, change) for change in changes),
        line=line,
    )


def load_vendors(path: Path | str) -> tuple[Vendor, ...]:
    """Every vendor in the file with its codes, or raise DataError."""
    path = Path(path)
    raw = _read_yaml(path)
    if not isinstance(raw, list):
        raise DataError(path, None, "the file must be a list of vendors")
    vendors: list[Vendor] = []
    for index, entry in enumerate(raw):
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict):
            raise DataError(path, line, f"vendor entry {index + 1} is not a mapping")
        what = f"vendor {entry.get('id') or entry.get('name') or f'entry {index + 1}'}"
        _fields(path, line, what, entry, VENDOR_FIELDS)
        if not isinstance(entry["codes"], list):
            raise DataError(path, line, f"{what}: codes must be a list")
        if not re.fullmatch(r"[a-z0-9-]+", str(entry["id"])):
            raise DataError(path, line, f"{what}: id must be lower-case letters, digits and hyphens")
        if any(v.id == entry["id"] for v in vendors):
            raise DataError(path, line, f"{what}: the id {entry['id']!r} appears twice")
        codes = tuple(_vendor_code(path, entry["id"], code) for code in entry["codes"])
        numbers = [c.code for c in codes]
        if numbers != sorted(set(numbers)):
            raise DataError(path, line, f"{what}: codes must be listed once each, in ascending order")
        vendor = Vendor(
            id=entry["id"], name=_text(path, line, what, "name", entry["name"]),
            url=_https(path, line, what, "url", entry["url"]),
            excerpts=_text(path, line, what, "excerpts", entry["excerpts"]),
            licence=_text(path, line, what, "licence", entry["licence"]), line=line, codes=codes,
        )
        for code in codes:
            object.__setattr__(code, "vendor", vendor)
        vendors.append(vendor)
    return tuple(vendors)


def _vendor_status_code(path: Path, item: VendorCode) -> StatusCode:
    """The entry of a vendor's code with a page, shaped like a registry entry."""
    return StatusCode(
        code=item.code, phrase=item.phrase, former_phrases=item.former_phrases,
        status="unofficial", spec=item.title, section=None, url=item.url, cacheable=False,
        headers=(), methods=("*",), constants={name: None for name in ECOSYSTEMS},
        summary=item.summary, line=item.line, vendor_code=item, path=str(path),
    )


def load_data(path: Path | str, vendors_path: Path | str | None = None) -> Data:
    """Load the registry's codes and the vendors' codes (vendors.yaml beside
    the registry file unless given), check them against each other, and
    return the codes that have pages with the vendors; or raise DataError."""
    path = Path(path)
    codes = _load_registry(path)
    if vendors_path is None:
        vendors_path = path.with_name("vendors.yaml")
        if not vendors_path.exists():
            return Data(codes, ())
    vendors_path = Path(vendors_path)
    if not vendors_path.exists():
        raise DataError(vendors_path, None, "no such file")
    vendors = load_vendors(vendors_path)
    entries = [item for vendor in vendors for item in vendor.codes]
    owners: dict[int, VendorCode] = {}
    for item in entries:
        where = f"vendor {item.vendor.id}, code {item.code}"
        if item.page == "none":
            continue
        if item.code in codes:
            raise DataError(vendors_path, item.line,
                            f"{where}: {item.code} is a registered code ({path}:{codes[item.code].line}); "
                            "give the vendor's meaning page: none")
        if item.code in owners:
            other = owners[item.code]
            raise DataError(vendors_path, item.line,
                            f"{where}: vendor {other.vendor.id} (line {other.line}) already has the page "
                            f"for {item.code}; give one of them page: none")
        owners[item.code] = item
    for item in entries:
        if item.page == "none" and item.code not in codes and item.code not in owners:
            raise DataError(vendors_path, item.line,
                            f"vendor {item.vendor.id}, code {item.code}: page: none needs a page for "
                            f"{item.code}, from the registry or another vendor, to list it on")
    merged = dict(codes)
    for item in owners.values():
        if item.page == "own":
            merged[item.code] = _vendor_status_code(vendors_path, item)
    for item in entries:
        if item.page == "none" and item.code in merged:
            owner = merged[item.code]
            merged[item.code] = replace(owner, other_meanings=(*owner.other_meanings, item))
    return Data(dict(sorted(merged.items())), vendors)


def load(path: Path | str, vendors_path: Path | str | None = None) -> dict[int, StatusCode]:
    """Return the codes that have pages, by number, or raise DataError."""
    return load_data(path, vendors_path).codes


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
        "group": item.group,
        "vendor": _vendor_json(item.vendor_code),
        "other_meanings": [
            {"vendor": {"name": m.vendor.name, "url": m.vendor.url}, "url": m.url,
             "summary": m.summary, "source": m.source.as_json()}
            for m in item.other_meanings
        ],
    }


def _vendor_json(item: VendorCode | None) -> dict | None:
    if item is None:
        return None
    return {
        "name": item.vendor.name,
        "url": item.vendor.url,
        "reaches_client": item.reaches,
        "phrase_from": item.phrase_from,
        "source": item.source.as_json(),
        "changes": [change.as_json() for change in item.changes],
    }
