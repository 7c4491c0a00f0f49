"""Every ```http example on every page is a message a server parses the way the
page means it (tools/http_lint.py), and the linter itself catches bad messages.

Needs no build: it reads the sources, so a failure names the file and line.
"""

from __future__ import annotations

import pytest

import http_lint
import status_data
from conftest import ROOT

RULES = http_lint.rules_from_data(status_data.load(ROOT / "data" / "status-codes.yaml"))
PAGES = http_lint.pages(ROOT)


def lint(text: str, path: str = "page.md"):
    return http_lint.lint_text(path, text, RULES)


def problems(text: str) -> list[str]:
    return [str(p) for p in lint(text)[2]]


def block(*lines: str, marks: tuple[str, ...] = ()) -> str:
    return "Intro.\n\n" + "".join(f"{m}\n" for m in marks) + "```http\n" + "\n".join(lines) + "\n```\n"


# -- the pages ------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_http_examples_parse_as_meant(page):
    name = str(page.relative_to(ROOT))
    _, _, found = lint(page.read_text(encoding="utf-8"), name)
    assert not found, "\n".join(str(p) for p in found)


def test_the_linter_reads_every_example():
    """Guards against a linter that silently skips blocks: each ```http fence
    on a page is one block it parsed, and every block holds a message."""
    fences = blocks = messages = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        fences += sum(1 for line in text.splitlines() if line.strip() == "```http")
        found, parsed, _ = lint(text, str(page))
        blocks += len(found)
        messages += len(parsed)
    assert fences > 150 and blocks == fences and messages >= blocks


def test_marks_stay_out_of_the_built_page(site):
    """'% http-lint:' lines are MyST comments: no reader sees them."""
    marked = [p for p in PAGES if "% http-lint:" in p.read_text(encoding="utf-8")]
    assert marked, "no page uses a mark; this test would check nothing"
    for page in marked:
        docname = page.relative_to(ROOT).with_suffix(".html")
        for language in ("en", "zh_CN"):
            html = (site[language] / docname).read_text(encoding="utf-8")
            assert "http-lint" not in html, f"{language}/{docname} shows a lint mark"


# -- the linter on bad messages --------------------------------------------------

def test_request_body_without_length():
    found = problems(block("POST /v1/orders HTTP/1.1", "Host: a.example", "Content-Type: application/json",
                           "", '{"qty": 2}'))
    assert found == ["page.md:8: POST request: a body without Content-Length or Transfer-Encoding is not "
                     "read; a server takes it as the next request (RFC 9112, section 6.3): add "
                     "'Content-Length: 10'"]


def test_response_body_without_length():
    found = problems(block("HTTP/1.1 404 Not Found", "Content-Type: text/plain", "", "gone"))
    assert len(found) == 1 and "add 'Content-Length: 4'" in found[0] and found[0].startswith("page.md:7:")


def test_wrong_length_counts_utf8_bytes():
    ok = block("HTTP/1.1 200 OK", "Content-Length: 11", "", '{"a": "é"}')   # é is two bytes
    assert problems(ok) == []
    found = problems(block("HTTP/1.1 200 OK", "Content-Length: 10", "", '{"a": "é"}'))
    assert found == ["page.md:7: 200 response: Content-Length is 10, but the body shown is 11 bytes"]


def test_body_on_204_and_304_and_head():
    assert "cannot have a body" in problems(block("HTTP/1.1 204 No Content", "", "{}"))[0]
    assert "cannot have a body" in problems(block("HTTP/1.1 304 Not Modified", "", "{}"))[0]
    head = block("HEAD /a HTTP/1.1", "Host: a.example", "", "HTTP/1.1 200 OK", "Content-Length: 5", "", "hello")
    assert any("a response to HEAD cannot have a body" in p for p in problems(head))
    fine = block("HEAD /a HTTP/1.1", "Host: a.example", "", "HTTP/1.1 200 OK", "Content-Length: 5")
    assert problems(fine) == []


def test_length_on_204_and_no_length_on_200():
    assert "must not send Content-Length" in problems(block("HTTP/1.1 204 No Content", "Content-Length: 0"))[0]
    assert problems(block("HTTP/1.1 204 No Content", "ETag: \"v2\"")) == []
    assert "add 'Content-Length: 0'" in problems(block("HTTP/1.1 200 OK", "ETag: \"v2\""))[0]
    assert problems(block("HTTP/1.1 200 OK", "Content-Length: 0")) == []


def test_missing_location_on_301():
    found = problems(block("HTTP/1.1 301 Moved Permanently", "Content-Length: 0"))
    assert found == ["page.md:4: 301 response: Location is recommended for 301 (data/status-codes.yaml, "
                     "RFC section 15.4.2); add it, or mark the block '% http-lint: omits Location -- why'"]
    assert problems(block("HTTP/1.1 301 Moved Permanently", "Location: /b", "Content-Length: 0")) == []


def test_required_fields_come_from_the_data():
    assert ("Allow", "required", "15.5.6") in RULES[405]
    assert ("WWW-Authenticate", "required", "15.5.2") in RULES[401]
    assert ("Content-Range", "required", "15.3.7.1") in RULES[206]
    assert ("Content-Range", "recommended", "15.5.17") in RULES[416]
    assert all(("Location", "recommended", f"15.4.{n}") in RULES[c]
               for c, n in ((301, 2), (302, 3), (303, 4), (307, 8), (308, 9)))
    assert any("Allow is required for 405" in p
               for p in problems(block("HTTP/1.1 405 Method Not Allowed", "Content-Length: 0")))


def test_interim_then_final_response_in_one_block():
    text = block("HTTP/1.1 100 Continue", "", "HTTP/1.1 201 Created", "Location: /v/1",
                 "Content-Length: 2", "", "{}")
    blocks, messages, found = lint(text)
    assert [m.status for m in messages] == [100, 201] and found == []
    bad = block("HTTP/1.1 100 Continue", "Content-Length: 0", "", "HTTP/1.1 200 OK", "Content-Length: 0")
    assert any("100 response: a 100 response must not send Content-Length" in p for p in problems(bad))


def test_chunked_framing():
    good = block("POST /i HTTP/1.1", "Host: a.example", "Transfer-Encoding: chunked", "",
                 "15", "id,name", "1,Ada", "2,Grace", "0", "")
    assert problems(good) == []
    wrong = block("POST /i HTTP/1.1", "Host: a.example", "Transfer-Encoding: chunked", "",
                  "16", "id,name", "1,Ada", "2,Grace", "0", "")
    assert "does not end at a line break; the data shown is 21 bytes (hex 15)" in problems(wrong)[0]
    endless = block("POST /i HTTP/1.1", "Host: a.example", "Transfer-Encoding: chunked", "", "3", "abc")
    assert "does not end with a last chunk '0'" in problems(endless)[0]
    both = block("POST /i HTTP/1.1", "Host: a.example", "Transfer-Encoding: chunked", "Content-Length: 12",
                 "", "3", "abc", "0")
    assert any("Content-Length and Transfer-Encoding together" in p for p in problems(both))


def test_connect_and_expect():
    tunnel = block("CONNECT a.example:443 HTTP/1.1", "Host: a.example:443", "", "HTTP/1.1 200 OK")
    assert problems(tunnel) == []
    assert "must not send Content-Length" in problems(
        block("CONNECT a.example:443 HTTP/1.1", "Host: a.example:443", "", "HTTP/1.1 200 OK",
              "Content-Length: 0"))[0]
    waits = block("PUT /f HTTP/1.1", "Host: a.example", "Content-Length: 900", "Expect: 100-continue")
    assert problems(waits) == []
    assert "no body is shown" in problems(block("PUT /f HTTP/1.1", "Host: a.example", "Content-Length: 900"))[0]


def test_206_to_if_range_sends_no_extra_representation_fields():
    text = block("GET /f HTTP/1.1", "Host: a.example", "Range: bytes=10-", 'If-Range: "v1"', "",
                 "HTTP/1.1 206 Partial Content", "Content-Type: text/plain", "Content-Range: bytes 10-12/13",
                 "Content-Length: 3", "", "abc")
    assert problems(text) == ["page.md:9: 206 response: answers an If-Range request, so it should not send "
                              "Content-Type: the client has it already (RFC 9110, section 15.3.7)"]


def test_http2_notation():
    assert problems(block("HTTP/2 200", "content-type: text/plain", "", "hi")) == []
    found = problems(block("HTTP/2 200", "connection: keep-alive", "content-length: 3", "", "hi"))
    assert any("Connection is connection-specific" in p for p in found)
    assert any("Content-Length is 3, but the body shown is 2 bytes" in p for p in found)


def test_request_needs_host_and_syntax_errors_name_the_line():
    assert "must send Host" in problems(block("GET / HTTP/1.1", "Accept: */*"))[0]
    assert problems(block("GET / HTTP/1.1", "Host a.example")) == [
        "page.md:5: expected 'Name: value': 'Host a.example'"]
    assert problems(block("Hello")) == ["page.md:4: expected a request line or a status line, got 'Hello'"]


# -- marks ------------------------------------------------------------------------

def test_truncated_mark_excuses_a_short_body_only():
    lines = ("PUT /f HTTP/1.1", "Host: a.example", "Content-Length: 900", "", "(the upload stalls)")
    assert "Content-Length is 900, but the body shown is 19 bytes" in problems(block(*lines))[0]
    assert problems(block(*lines, marks=("% http-lint: truncated -- the upload stalls",))) == []
    longer = ("PUT /f HTTP/1.1", "Host: a.example", "Content-Length: 3", "", "abcdef")
    assert "Content-Length is 3" in problems(block(*longer, marks=("% http-lint: truncated -- no",)))[0]


def test_omits_mark_excuses_one_named_field():
    lines = ("HTTP/1.1 201 Created", "Content-Length: 0")
    assert "Location is recommended for 201" in problems(block(*lines))[0]
    assert problems(block(*lines, marks=("% http-lint: omits Location -- PUT to the target URI",))) == []
    assert "Location is recommended" in problems(block(*lines, marks=("% http-lint: omits ETag -- x",)))[0]


def test_a_mark_that_excuses_nothing_is_an_error():
    found = problems(block("HTTP/1.1 200 OK", "Content-Length: 2", "", "{}", marks=("% http-lint: truncated -- x",)))
    assert found == ["page.md:3: '% http-lint: truncated' excuses nothing in the block below; remove it"]


@pytest.mark.parametrize("text, message", [
    ("% http-lint: truncated\n```http\nHTTP/1.1 204 No Content\n```\n", "unknown mark"),
    ("% http-lint: shortened -- why\n```http\nHTTP/1.1 204 No Content\n```\n", "unknown mark"),
    ("% http-lint: omits -- why\n```http\nHTTP/1.1 204 No Content\n```\n", "needs a field name"),
    ("% http-lint: truncated -- why\n\n```http\nHTTP/1.1 204 No Content\n```\n", "not followed by an ```http block"),
    ("% http-lint: truncated -- why\n```json\n{}\n```\n", "not followed by an ```http block"),
])
def test_bad_marks_name_the_line(text, message):
    with pytest.raises(http_lint.LintError, match=rf"^page\.md:1: .*{message}"):
        lint(text)


def test_fences_inside_literal_blocks_are_not_examples():
    text = "````md\n```http\nnot a message\n```\n````\n\n```{note}\n```http\nHTTP/1.1 204 No Content\n```\n```\n"
    blocks, messages, found = lint(text)
    assert [b.line for b in blocks] == [9] and found == []


def test_rst_pages_with_http_code_are_refused():
    with pytest.raises(http_lint.LintError, match=r"^index\.rst:3: http code in reST"):
        lint("Title\n\n.. code-block:: http\n\n   GET / HTTP/1.1\n", "index.rst")
