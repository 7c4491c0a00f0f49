"""The style-guide and gRPC data against copies of their sources, their pages and JSON,
and the errors bad input gets.

The copies in tests/sources/ hold only the lines these tests need, with the
source repository, path, commit and licence at the top of each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

import status_data
import styleguide_data
from conftest import LANGUAGES, ROOT, sphinx_build
from status_data import DataError

SOURCES = ROOT / "tests" / "sources"
CODES = status_data.load(ROOT / "data" / "status-codes.yaml")
GUIDES, POSITIONS = styleguide_data.load_styleguides(ROOT / "data" / "styleguides.yaml", CODES)
BY_CODE = styleguide_data.by_code(POSITIONS)
GRPC = styleguide_data.load_grpc(ROOT / "data" / "grpc.yaml", CODES)
SCHEMA = json.loads((ROOT / "schema" / "status-codes.v1.json").read_text(encoding="utf-8"))
ZALANDO_FLAGS = {"use": "use", "do-not-use": "avoid", "document": "document",
                 "do-not-document": "do-not-document"}


def source_lines(name: str) -> list[str]:
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith(("//", "# "))]


# -- the data against the sources --------------------------------------------

def zalando_rule_150() -> dict[int, set[str]]:
    """Each code rule 150 lists, with its flags; [.do-not-use] before a heading counts."""
    flags: dict[int, set[str]] = {}
    marked = False
    for line in source_lines("zalando-rule-150.adoc"):
        if line == "[.do-not-use]":
            marked = True
            continue
        match = re.match(r"==== (\d{3}) ", line)
        if match:
            found = set(re.findall(r"\{(use|do-not-use|document|do-not-document)\}", line))
            if marked:
                found.add("do-not-use")
            flags[int(match.group(1))] = {ZALANDO_FLAGS[flag] for flag in found}
            marked = False
    return flags


def test_zalando_copy_is_complete():
    flags = zalando_rule_150()
    assert len(flags) == 41 and flags[422] == {"avoid"} and flags[423] == {"avoid", "document"}


@pytest.mark.parametrize("code", sorted(zalando_rule_150()))
def test_every_code_of_zalando_rule_150_carries_its_flags(code):
    entries = {item.guide.key: item for item in BY_CODE.get(code, [])}
    assert "zalando" in entries, f"Zalando's rule 150 lists {code}"
    entry = entries["zalando"]
    assert set(entry.position) == zalando_rule_150()[code]
    assert entry.rule == "Rule 150" and entry.url.endswith("#150")


def test_zalando_entries_are_only_those_of_rule_150():
    assert {item.code for item in POSITIONS if item.guide.key == "zalando"} == set(zalando_rule_150())


def code_proto() -> list[tuple[str, int, int, str]]:
    """(name, number, HTTP code, HTTP phrase) for every "HTTP Mapping:" line, in order."""
    pairs, mapping = [], None
    for line in source_lines("code.proto.txt"):
        match = re.match(r"\s*// HTTP Mapping: (\d{3}) (.+)$", line)
        if match:
            mapping = (int(match.group(1)), match.group(2))
            continue
        match = re.match(r"\s*([A-Z_]+) = (\d+);", line)
        if match:
            assert mapping, f"{match.group(1)} has no HTTP Mapping line"
            pairs.append((match.group(1), int(match.group(2)), *mapping))
            mapping = None
    return pairs


def test_code_proto_copy_has_every_canonical_code():
    assert {(name, number) for name, number, *_ in code_proto()} == set(
        styleguide_data.GRPC_CODES.items())


def test_grpc_data_is_every_code_proto_mapping_line_in_order():
    assert [(c.name, c.number, c.http) for c in GRPC.codes] == [
        (name, number, http) for name, number, http, _ in code_proto()]


@pytest.mark.parametrize("name,number,http,phrase", code_proto())
def test_every_code_proto_mapping_reaches_its_code(name, number, http, phrase):
    assert CODES[http].phrase == phrase, "code.proto names the code by our phrase"
    record = styleguide_data.grpc_record(GRPC, http)
    assert {"name": name, "number": number} in record["from_code_proto"]


def grpc_table(version: str) -> dict[str, str]:
    text = (SOURCES / "http-grpc-status-mapping.md").read_text(encoding="utf-8")
    section = text.split(f"## Version {version}\n", 1)[1].split("## Version", 1)[0]
    rows = re.findall(r"^\| ([^|]+?)\s+\| ([A-Z\\_]+)\s+\|$", section, re.M)
    return {key: value.replace("\\_", "_") for key, value in rows}


def test_http_to_grpc_is_the_rows_both_versions_share():
    a, b = grpc_table("A"), grpc_table("B")
    assert set(b) < set(a) and {k for k in a if k not in b} == {"431 Request Header Fields Too Large"}
    shared = {key: value for key, value in b.items() if key[0].isdigit()}
    assert {f"{code} {CODES[code].phrase}": name for code, name in GRPC.http_to_grpc.items()} == shared
    assert GRPC.default == a["_All other codes_"] == b["_All other codes_"]
    assert 431 not in GRPC.http_to_grpc


def test_grpc_record_of_codes_in_neither_mapping():
    assert styleguide_data.grpc_record(GRPC, 418) == {"from_code_proto": [], "client_reads_as": "UNKNOWN"}
    assert styleguide_data.grpc_record(GRPC, 103)["client_reads_as"] is None
    assert styleguide_data.grpc_record(GRPC, 409)["from_code_proto"] == [
        {"name": "ALREADY_EXISTS", "number": 6}, {"name": "ABORTED", "number": 10}]


def rule_blocks() -> dict[tuple[str, str], str]:
    text = (SOURCES / "styleguide-rules.txt").read_text(encoding="utf-8")
    blocks = {}
    for block in re.split(r"\n(?=\[[a-z0-9-]+\] )", text):
        match = re.match(r"\[([a-z0-9-]+)\] (.+)\n", block)
        if match:
            blocks[(match.group(1), match.group(2))] = block[match.end():]
    return blocks


COPIED = {"microsoft-azure", "microsoft-graph", "google-aip", "github", "heroku", "adidas"}


@pytest.mark.parametrize("item", [p for p in POSITIONS if p.guide.key in COPIED],
                         ids=lambda p: f"{p.guide.key}-{p.code}")
def test_each_cited_rule_names_its_code(item):
    """The rule a position cites names the code itself, or, in the AIPs, a
    google.rpc.Code that code.proto maps to it; 'avoid' in the AIPs means no
    canonical code maps to it."""
    block = rule_blocks()[(item.guide.key, item.rule)]
    if item.guide.key == "google-aip":
        names = {c.name for c in GRPC.codes if c.http == item.code}
        if item.position == ("avoid",):
            assert not names and "ABORTED" in block
            return
        assert re.search(rf"(?<!\d){item.code}(?!\d)", block) or any(n in block for n in names)
    else:
        assert re.search(rf"(?<!\d){item.code}(?!\d)", block), (item.rule, item.code)


def test_every_guide_the_issue_names_is_there():
    assert set(GUIDES) == {"zalando", "microsoft-azure", "microsoft-graph", "google-aip", "github",
                           "heroku", "adidas", "paypal", "whitehouse", "18f"}
    assert {p.guide.key for p in POSITIONS} == set(GUIDES) - {"18f"}   # 18F names classes only


# -- bad input ----------------------------------------------------------------

GOOD_GUIDE = """\
zalando:
  name: Zalando
  url: https://example.org/
  source: x
  commit: abc
  licence: CC BY 4.0
  codes:
    422: {position: [avoid], rule: Rule 150, url: "https://example.org/#150", summary: "Not this."}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_guide_file_loads(tmp_path):
    guides, positions = styleguide_data.load_styleguides(write(tmp_path, "g.yaml", GOOD_GUIDE), CODES)
    assert list(guides) == ["zalando"] and positions[0].position == ("avoid",)


@pytest.mark.parametrize("old,new,message", [
    ("[avoid]", "[discourage]", "g.yaml:8: guide zalando, code 422: position 'discourage' is not one of use, avoid"),
    ("[avoid]", "[]", "g.yaml:8: guide zalando, code 422: 'position' must be a non-empty list"),
    ("    422:", "    422.5:", "g.yaml:8: guide zalando, code 422.5: unknown HTTP status code"),
    ("    422:", "    299:", "g.yaml:8: guide zalando, code 299: unknown HTTP status code 299"),
    ("  name: Zalando\n", "", "g.yaml:2: guide zalando: missing field(s) name"),
    (', summary: "Not this."', "", "g.yaml:8: guide zalando, code 422: missing field(s) summary"),
    ("https://example.org/#150", "http://example.org/", "g.yaml:8: guide zalando, code 422: 'url' must be"),
    ("  licence: CC BY 4.0\n", "  licence: CC BY 4.0\n  owner: x\n", "g.yaml:2: guide zalando: unknown field(s) owner"),
])
def test_bad_guide_file(tmp_path, old, new, message):
    assert old in GOOD_GUIDE
    path = write(tmp_path, "g.yaml", GOOD_GUIDE.replace(old, new))
    with pytest.raises(DataError) as error:
        styleguide_data.load_styleguides(path, CODES)
    assert message in str(error.value)


GOOD_GRPC = (ROOT / "data" / "grpc.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("old,new,message", [
    ("{name: ABORTED, number: 10, http: 409}", "{name: ABORTTED, number: 10, http: 409}",
     "code_proto, entry ABORTTED: unknown gRPC code 'ABORTTED'"),
    ("{name: ABORTED, number: 10, http: 409}", "{name: ABORTED, number: 11, http: 409}",
     "code_proto, entry ABORTED: ABORTED is number 10, not 11"),
    ("{name: ABORTED, number: 10, http: 409}", "{name: ABORTED, number: 10, http: 432}",
     "code_proto, entry ABORTED: unknown HTTP status code 432"),
    ("{http: 404, grpc: UNIMPLEMENTED}", "{http: 404, grpc: NOT_IMPLEMENTED}",
     "http_to_grpc, row 404: unknown gRPC code 'NOT_IMPLEMENTED'"),
    ("{http: 404, grpc: UNIMPLEMENTED}", "{http: 432, grpc: UNIMPLEMENTED}",
     "http_to_grpc, row 432: unknown HTTP status code 432"),
    ("  default: UNKNOWN", "  default: UNKNOWABLE", "http_to_grpc, default: unknown gRPC code 'UNKNOWABLE'"),
])
def test_bad_grpc_file(tmp_path, old, new, message):
    assert old in GOOD_GRPC
    path = write(tmp_path, "grpc.yaml", GOOD_GRPC.replace(old, new))
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if new.strip() in text)
    if "default" in new:   # a field of the table: the error names the table's first line
        line = lines.index("http_to_grpc:") + 2
    with pytest.raises(DataError) as error:
        styleguide_data.load_grpc(path, CODES)
    assert f"grpc.yaml:{line}: {message}" in str(error.value)


def test_unknown_guide_names_page_and_line():
    """:guide:`x` with a key that styleguides.yaml does not have stops the build."""
    from types import SimpleNamespace

    import styleguides
    from status_codes import StatusCodeError

    app = SimpleNamespace(styleguides=GUIDES)
    env = SimpleNamespace(app=app, srcdir=str(ROOT), note_dependency=lambda path: None,
                          config=SimpleNamespace(styleguides_data="data/styleguides.yaml",
                                                 grpc_data="data/grpc.yaml",
                                                 status_codes_data="data/status-codes.yaml",
                                                 status_codes_vendors="data/vendors.yaml",
                                                 language="en"))
    app.srcdir, app.config = env.srcdir, env.config
    inliner = SimpleNamespace(
        document=SimpleNamespace(settings=SimpleNamespace(env=env)),
        reporter=SimpleNamespace(get_source_and_line=lambda lineno: ("codes/422.md", lineno)))
    nodes, _ = styleguides.guide_role("guide", ":guide:`zalando`", "zalando", 7, inliner)
    assert nodes[0].astext() == "Zalando RESTful API Guidelines"
    with pytest.raises(StatusCodeError) as error:
        styleguides.guide_role("guide", ":guide:`zalandoo`", "zalandoo", 7, inliner)
    assert "codes/422.md:7: unknown guide 'zalandoo' (known: zalando, microsoft-azure" in str(error.value)


def test_missing_section_stops_the_build(scratch_project):
    """A page whose code has positions in the data but no section names the page."""
    page = scratch_project / "codes" / "422.md"
    text = page.read_text(encoding="utf-8")
    assert "```{status-styleguides} 422\n```\n" in text
    page.write_text(text.replace("```{status-styleguides} 422\n```\n", ""), encoding="utf-8")
    result = sphinx_build(scratch_project, scratch_project / "_build", "en")
    assert result.returncode != 0
    assert "codes/422.md:1: data/styleguides.yaml has guides' positions on 422" in result.stderr


# -- the built site -----------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_has_the_guides_section_exactly_when_the_data_has_entries(site, language):
    for code in CODES:
        html = (site[language] / "codes" / f"{code}.html").read_text(encoding="utf-8")
        has_section = 'id="what-api-style-guides-say"' in html
        assert has_section == (code in BY_CODE), code
        if has_section:
            listing = html[html.index('class="status-styleguides'):]
            listing = listing[:listing.index("</ul>")]
            for item in BY_CODE[code]:
                assert item.guide.name in listing and f'href="{item.url}"' in listing
                if language == "en":
                    assert item.summary.replace("'", "\u2019") in listing.replace("&#8217;", "\u2019")


@pytest.mark.parametrize("code", sorted({c.http for c in GRPC.codes} | set(GRPC.http_to_grpc)))
def test_fact_box_has_the_grpc_row(site, code):
    for language in LANGUAGES:
        html = (site[language] / "codes" / f"{code}.html").read_text(encoding="utf-8")
        box = html[html.index('class="status-facts'):]
        box = box[:box.index("</dl>")]
        assert "gRPC" in box
        for c in GRPC.codes:
            if c.http == code:
                assert f"{c.name} ({c.number})" in box.replace('<span class="pre">', "").replace("</span>", "")


def test_no_grpc_row_where_neither_mapping_names_the_code(site):
    html = (site["en"] / "codes" / "418.html").read_text(encoding="utf-8")
    box = html[html.index('class="status-facts'):]
    assert "gRPC" not in box[:box.index("</dl>")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_code_json_is_its_record_in_status_codes_json(site, language):
    records = json.loads((site[language] / "status-codes.json").read_text(encoding="utf-8"))
    published = json.loads((site[language] / "schema" / "status-codes.v1.json").read_text(encoding="utf-8"))
    assert published == SCHEMA and SCHEMA["$id"].endswith("/schema/status-codes.v1.json")
    for record in records:
        single = json.loads((site[language] / "codes" / f"{record['code']}.json").read_text(encoding="utf-8"))
        assert single == record
        jsonschema.validate(single, SCHEMA)
        assert single["grpc"] == styleguide_data.grpc_record(GRPC, record["code"])
        assert [s["guide"] for s in single["styleguides"]] == [
            p.guide.key for p in BY_CODE.get(record["code"], [])]
        if language == "zh_CN" and single["styleguides"]:
            assert all(re.search(r"[\u4e00-\u9fff]", s["summary"]) for s in single["styleguides"])


def test_schema_accepts_a_record_and_rejects_one_that_breaks_version_1():
    record = status_data.as_json(CODES[404], "codes/404.html", None, SCHEMA["$id"])
    record["styleguides"] = styleguide_data.styleguides_record(BY_CODE[404])
    record["grpc"] = styleguide_data.grpc_record(GRPC, 404)
    jsonschema.validate(record, SCHEMA)
    jsonschema.validate([record], SCHEMA)
    for breaking in ({"schema_version": 2}, {"phrase": None}, {"grpc": {"from_code_proto": []}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**record, **breaking}, SCHEMA)


@pytest.mark.parametrize("language", LANGUAGES)
def test_errors_chapter_has_both_generated_grpc_tables(site, language):
    html = (site[language] / "guide" / "errors.html").read_text(encoding="utf-8")
    proto = html[html.index("grpc-mapping code-proto"):]
    proto = proto[:proto.index("</table>")]
    for c in GRPC.codes:
        assert f">{c.name}<" in proto and f'href="../codes/{c.http}.html#status-{c.http}"' in proto
    back = html[html.index("grpc-mapping http-to-grpc"):]
    back = back[:back.index("</table>")]
    for code, name in GRPC.http_to_grpc.items():
        assert f'href="../codes/{code}.html#status-{code}"' in back and f">{name}<" in back
