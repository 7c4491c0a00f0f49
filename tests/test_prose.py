"""The prose of code pages agrees with the data file where it restates a fact.

Found while reviewing: a page called 451 cacheable by default while the data
said not, and a page called 305 deprecated while the data said permanent.
"""

from __future__ import annotations

import re

import pytest

import status_data
from conftest import ROOT

DATA = status_data.load(ROOT / "data" / "status-codes.yaml")
CACHEABLE = re.compile(
    r"(?:\b(?P<code>[1-5]\d\d)|\b(?:[Ii]t|[Tt]he response))(?: response)? is "
    r"(?P<negation>not |no longer |never )?(?:heuristically cacheable|cacheable by default)"
)


def prose(code: int) -> str:
    text = (ROOT / "codes" / f"{code}.md").read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)   # examples are not claims
    return " ".join(text.split())


@pytest.mark.parametrize("code", sorted(DATA))
def test_cacheability_in_prose_matches_the_data(code):
    for match in CACHEABLE.finditer(prose(code)):
        subject = int(match.group("code") or code)
        if subject in DATA:
            said = match.group("negation") is None
            assert said == DATA[subject].cacheable, f"codes/{code}.md: {match.group(0)!r}"


@pytest.mark.parametrize("code", sorted(DATA))
def test_status_words_in_the_summary_match_the_data(code):
    summary = prose(code).split("## Summary", 1)[1].split("##", 1)[0].lower()
    status = DATA[code].status
    if "deprecated" in summary or "obsolete" in summary:
        assert status == "obsoleted", f"codes/{code}.md calls it deprecated; data: {status}"
    if "not registered" in summary or "unofficial" in summary:
        assert status == "unofficial", f"codes/{code}.md calls it unregistered; data: {status}"
    if status in ("unused", "obsoleted", "unofficial", "temporary"):
        words = {"unused": ("unused", "reserved"), "obsoleted": ("deprecated", "obsolete"),
                 "unofficial": ("not registered", "unofficial", "not a registered", "nginx"),
                 "temporary": ("temporar",)}[status]
        assert any(word in summary for word in words), f"codes/{code}.md: summary omits {status}"


# -- vendor pages: the page states what the data says about the vendor ----------

VENDOR_PAGES = sorted(code for code, item in DATA.items() if item.vendor)
# Pages written before the vendor-page layout; they keep theirs.
OWN_LAYOUT = {499, 599}
VENDOR_HEADINGS = ["## Summary", "## What happened", "## What to check",
                   "## What your API should send instead", "## Vendor documentation and history",
                   "## See also"]


def section(code: int, heading: str) -> str:
    text = prose(code)
    return text.split(heading, 1)[1].split(" ## ", 1)[0]


@pytest.mark.parametrize("code", sorted(set(VENDOR_PAGES) - OWN_LAYOUT))
def test_vendor_page_follows_the_vendor_layout(code):
    text = prose(code)
    positions = [text.find(f"{heading} ") for heading in VENDOR_HEADINGS]
    assert -1 not in positions, f"codes/{code}.md lacks {VENDOR_HEADINGS[positions.index(-1)]}"
    assert positions == sorted(positions), f"codes/{code}.md: sections out of order"
    check = section(code, "## What to check")
    assert "### On the sender" in check and "### On the origin and the client" in check
    assert check.index("### On the sender") < check.index("### On the origin and the client")
    instead = section(code, "## What your API should send instead")
    assert "{status}`" in instead, f"codes/{code}.md names no registered code to send instead"


@pytest.mark.parametrize("code", VENDOR_PAGES)
def test_vendor_page_cites_the_vendor_and_its_changes(code):
    item = DATA[code]
    text = prose(code)
    assert item.vendor.name in text, f"codes/{code}.md never names {item.vendor.name}"
    assert f"({item.url})" in text, f"codes/{code}.md does not link {item.url}"
    for change in item.vendor_code.changes:
        for fact in (change.date, change.version, change.before, change.after):
            if fact:
                assert fact in text, f"codes/{code}.md omits {fact!r} ({change.what})"


@pytest.mark.parametrize("code", VENDOR_PAGES)
def test_vendor_page_says_what_the_client_receives(code):
    reaches = DATA[code].vendor_code.reaches
    summary = section(code, "## Summary")
    if isinstance(reaches, int):
        assert f"{{status}}`{reaches}`" in summary, f"codes/{code}.md: summary omits {reaches}"
    elif reaches == "nothing":
        assert re.search(r"never|no client|not sent|only in|only sees|nothing", summary, re.I), code
