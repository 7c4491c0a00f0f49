"""The data file against the IANA registry copy, RFC 9110 and http.HTTPStatus."""

from __future__ import annotations

import csv
import http
import os
import re
from pathlib import Path

import pytest

import status_data
from conftest import ROOT

ALL = status_data.load_data(ROOT / "data" / "status-codes.yaml")
DATA = ALL.codes
VENDOR_CODES = [code for vendor in ALL.vendors for code in vendor.codes]
# The codes with pages that come from vendors.yaml, not from the registry.
UNOFFICIAL = {code.code for code in VENDOR_CODES if code.page == "own"}
# Deprecated by RFC 9110 itself (15.4.6) though the registry row carries no marker.
DEPRECATED_BY_RFC9110 = {305}
# RFC 9110, section 15.1: "200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, and 501".
HEURISTICALLY_CACHEABLE = {200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501}
# RFC 7725, section 3: "A 451 response is cacheable by default".
CACHEABLE_BY_OTHER_RFCS = {451}
# RFC 6585 sections 3-6: these "MUST NOT be stored by a cache".
NEVER_STORED = {428, 429, 431, 511}


def registry() -> dict[int, tuple[str, str]]:
    """Assigned codes in the registry copy: code -> (description, reference)."""
    rows = {}
    with open(ROOT / "data" / "iana-http-status-codes.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Value"].isdigit() and row["Description"] != "Unassigned":
                rows[int(row["Value"])] = (row["Description"], row["Reference"])
    return rows


REGISTRY = registry()


def registry_name(description: str) -> str:
    return re.sub(r"\s*\((TEMPORARY|OBSOLETED)[^)]*\)$", "", description)


def test_codes_are_the_registry_plus_the_vendors_codes():
    assert len(REGISTRY) == 64
    assert set(DATA) == set(REGISTRY) | UNOFFICIAL
    assert {444, 499, 599} <= UNOFFICIAL
    assert not set(REGISTRY) & UNOFFICIAL


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_phrase_and_status_match_registry(code):
    description, _ = REGISTRY[code]
    item = DATA[code]
    assert item.phrase == registry_name(description), f"{code}: phrase differs from the registry"
    expected = ("temporary" if "TEMPORARY" in description else
                "obsoleted" if "OBSOLETED" in description else
                "unused" if description == "(Unused)" else
                "obsoleted" if code in DEPRECATED_BY_RFC9110 else "permanent")
    assert item.status == expected, f"{code}: status {item.status}, registry says {expected}"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_spec_and_section_match_registry(code):
    _, reference = REGISTRY[code]
    item = DATA[code]
    match = re.match(r"\[RFC(\d+), Section ([\d.]+)\]", reference)
    if match:
        assert (item.rfc, item.section) == (int(match.group(1)), match.group(2)), code
    elif reference.startswith("[RFC"):
        rfc = int(re.match(r"\[RFC(\d+)\]", reference).group(1))
        assert item.rfc == rfc, f"{code}: spec {item.spec}, registry says RFC {rfc}"
    else:
        assert reference.strip("[]").startswith(item.spec), f"{code}: spec {item.spec} vs {reference}"


@pytest.mark.parametrize("code", sorted(UNOFFICIAL))
def test_unofficial_codes_are_not_in_registry_or_httpstatus(code):
    assert code not in REGISTRY
    assert DATA[code].status == "unofficial"
    assert DATA[code].group == "vendor" and DATA[code].vendor is not None
    assert code not in {s.value for s in http.HTTPStatus}
    assert DATA[code].url.startswith("https://")


def test_every_unofficial_code_has_a_vendor_and_every_vendor_code_is_unofficial():
    for item in DATA.values():
        assert (item.status == "unofficial") == (item.vendor is not None), item.code


def test_clashes_are_recorded():
    """Numbers with a second meaning say so (issue 16): 451 in Exchange
    ActiveSync, 499 as gRPC CANCELLED's HTTP mapping."""
    others = {code: {m.vendor.id for m in item.other_meanings} for code, item in DATA.items()}
    assert "ms-ashttp" in others[451]
    assert "google-rpc" in others[499]


# -- vendors.yaml against the excerpts it cites ---------------------------------

# The cited lines of the excerpts, copied verbatim by tools/vendor_excerpts.py;
# VENDOR_EXCERPTS=path/to/reference checks against the full excerpts instead.
EXCERPTS = Path(os.environ.get("VENDOR_EXCERPTS", ROOT / "tests" / "sources"))


def excerpt(vendor: status_data.Vendor) -> str:
    """The vendor's excerpt file, with runs of white space made one space (as
    the loader makes them in quotes)."""
    return " ".join((EXCERPTS / vendor.excerpts).read_text(encoding="utf-8").split())


def without_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def source_is_cited(source: status_data.Source, text: str) -> bool:
    if source.page:
        return without_scheme(source.page) in text
    return source.commit in text and source.path.split("/")[-1] in text


def words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def vendor_id(item) -> str:
    return f"{item.vendor.id}-{item.code}"


@pytest.mark.parametrize("item", VENDOR_CODES, ids=vendor_id)
def test_vendor_code_is_held_to_its_excerpt(item):
    """The number, the commit or page, and the quote are in the vendor's excerpts."""
    text = excerpt(item.vendor)
    assert item.quote in text, f"{vendor_id(item)}: quote not in {item.vendor.excerpts}"
    assert str(item.code) in item.quote
    assert source_is_cited(item.source, text), f"{vendor_id(item)}: source not in the excerpts"
    # The page cited: named in the excerpts, or the file the excerpt was read from.
    stem = (item.source.path or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert without_scheme(item.url) in text or (stem and stem in item.url), vendor_id(item)
    if item.phrase_from == "source":
        assert words(item.phrase) in words(text.replace("_", " ")), f"{vendor_id(item)}: phrase"


@pytest.mark.parametrize("item", [c for c in VENDOR_CODES if c.changes], ids=vendor_id)
def test_vendor_changes_are_held_to_their_excerpt(item):
    text = excerpt(item.vendor)
    for change in item.changes:
        assert change.quote in text, f"{vendor_id(item)}: {change.quote!r}"
        assert source_is_cited(change.source, text), f"{vendor_id(item)}: {change.what}"
        if change.date and change.date not in text:
            # A page dates it in its own words; the quote must carry the year.
            assert change.date[:4] in change.quote, f"{vendor_id(item)}: {change.date}"
        for figure in (change.before, change.after):
            if figure:
                assert figure in text, f"{vendor_id(item)}: {figure}"


@pytest.mark.parametrize("vendor", ALL.vendors, ids=lambda v: v.id)
def test_vendor_url_leads_to_its_codes(vendor):
    """The vendor's documentation URL is where its codes' pages are."""
    assert any(without_scheme(code.url).startswith(without_scheme(vendor.url))
               for code in vendor.codes), vendor.id


@pytest.mark.parametrize("item", [c for c in VENDOR_CODES if c.page != "none"], ids=vendor_id)
def test_a_vendor_code_that_reaches_the_client_as_another_is_registered(item):
    if isinstance(item.reaches, int):
        assert item.reaches in REGISTRY and item.reaches != item.code


def test_issue_16_codes_are_in_the_data():
    """The codes issue 16 asks for, with the vendors it names; 527, 440, 430 and
    598 have no citable source and stay out."""
    expected = {
        "nginx": {444, 494, 495, 496, 497, 499},
        "cloudflare": {520, 521, 522, 523, 524, 525, 526, 530},
        "aws-alb": {460, 463, 464, 561},
        "laravel": {419}, "twitter": {420}, "ms-wdv": {449}, "apache-bandwidth": {509},
        "tornado": {599},
    }
    for vendor_id_, numbers in expected.items():
        vendor = ALL.vendor(vendor_id_)
        assert {c.code for c in vendor.codes if c.page != "none"} == numbers, vendor_id_
    everything = {c.code for c in VENDOR_CODES}
    assert not everything & {527, 440, 430, 598}
    cloudflare_524 = next(c for c in ALL.vendor("cloudflare").codes if c.code == 524)
    assert [(c.before, c.after) for c in cloudflare_524.changes] == [("100 seconds", "120 seconds")]


@pytest.mark.parametrize("status", list(http.HTTPStatus), ids=lambda s: str(s.value))
def test_httpstatus_phrase_is_current_or_former_name(status):
    item = DATA[status.value]
    names = {n.lower() for n in (item.phrase, *item.former_phrases)}
    assert status.phrase.lower() in names, (
        f"{status.value}: http.HTTPStatus says {status.phrase!r}, data has {sorted(names)}"
    )


@pytest.mark.parametrize("code", sorted(DATA))
def test_python_constant_resolves(code):
    constant = DATA[code].constants["python"]
    if constant is None:
        assert code not in {s.value for s in http.HTTPStatus} or code == 306
        return
    name = constant.removeprefix("HTTPStatus.")
    assert getattr(http.HTTPStatus, name) == code, f"{code}: {constant}"


@pytest.mark.parametrize("code", sorted(DATA))
def test_cacheable_by_default_matches_the_rfcs(code):
    expected = code in HEURISTICALLY_CACHEABLE | CACHEABLE_BY_OTHER_RFCS
    assert DATA[code].cacheable == expected, code


def test_rfc6585_codes_are_not_cacheable():
    assert not any(DATA[code].cacheable for code in NEVER_STORED)


@pytest.mark.parametrize("code", sorted(DATA))
def test_constants_have_the_ecosystem_shape(code):
    patterns = {
        "python": r"HTTPStatus\.[A-Z_]+", "go": r"http\.Status[A-Za-z]+",
        "java": r"HttpStatus\.[A-Z_]+", "dotnet": r"HttpStatusCode\.[A-Za-z]+",
        "node": r"StatusCodes\.[A-Z_]+", "rust": r"StatusCode::[A-Z_]+",
        "ruby": r":[a-z_]+", "php": r"Response::HTTP_[A-Z_]+",
    }
    for ecosystem, constant in DATA[code].constants.items():
        if constant is not None:
            assert re.fullmatch(patterns[ecosystem], constant), f"{code} {ecosystem}: {constant}"


def test_sections_exist_in_the_rfc_texts():
    """Every RFC 9110 section named in the data is a heading of RFC 9110 itself."""
    rfc9110 = (ROOT / "data" / "rfc9110-headings.txt").read_text(encoding="utf-8").split()
    for item in DATA.values():
        if item.rfc == 9110:
            assert item.section in rfc9110, f"{item.code}: no section {item.section} in RFC 9110"
        for header in item.headers:
            if item.rfc == 9110 and header.section:
                assert header.section in rfc9110, f"{item.code} {header.name}: {header.section}"


@pytest.mark.parametrize("code", sorted(DATA))
def test_rfc9110_heading_names_the_phrase(code):
    """The phrase is the RFC 9110 name, e.g. '15.5.14.  413 Content Too Large'."""
    item = DATA[code]
    if item.rfc != 9110:
        return
    headings = (ROOT / "data" / "rfc9110-headings.txt").read_text(encoding="utf-8").splitlines()
    assert f"{item.section} {code} {item.phrase}" in headings, code


def test_summaries_are_one_sentence():
    for item in DATA.values():
        assert item.summary.endswith("."), item.code
        assert item.summary.count(". ") == 0, f"{item.code}: more than one sentence"
