"""Check that the HTTP messages in the pages' ```http blocks are messages a
server would parse the way the page means them.

Usage: python tools/http_lint.py [FILE.md ...]   (default: every page)
Exit status 1 when a message is wrong; each problem names the file and line.

A block holds one or more messages (a request, responses, interim 1xx
responses before a final one). A message is a start line, header field lines,
and optionally an empty line and a body; a start line after an empty line
begins the next message. The body "as shown" is its lines joined with one
byte per line break (LF) and without a final line break, counted in UTF-8.

Checks (RFC 9110 and RFC 9112 sections in brackets):
- framing: a body needs `Content-Length` equal to its size, or
  `Transfer-Encoding: ... chunked` with valid chunks [9112 6.3, 7.1];
  never both [9112 6.2]; a request without either has no body [9112 6.3 rule 7];
- no body on 1xx, 204 and 304, on responses to HEAD and on 2xx answers to
  CONNECT [9112 6.3 rules 1-2], and no `Content-Length` or
  `Transfer-Encoding` on 1xx, 204 and 2xx-to-CONNECT [9110 8.6, 9112 6.1];
- a response that may carry a body but shows none says `Content-Length: 0`,
  or its end would be the closing of the connection [9112 6.3 rule 8];
- every header field the data file marks `required` or `recommended` for the
  code (data/status-codes.yaml, so the rule lives with the other facts);
- an HTTP/1.1 request has `Host` [9112 3.2];
- a 206 answering an `If-Range` request sends no representation header
  fields beyond those required [9110 15.3.7];
- HTTP/2 and HTTP/3 messages (start lines `HTTP/2 200`, `GET / HTTP/2`) are
  framed by the protocol: no length is needed, `Content-Length` must still be
  right, connection-specific fields are forbidden [9113 8.2.2].

A page marks a deliberate exception with a MyST comment (not rendered, not
translated) on the lines just before the block, each with a reason:

    % http-lint: truncated -- the upload stalls after 2 MB
    % http-lint: omits Location -- PUT created the resource at the target URI

`truncated`: a body is shown shorter than its declared length (elided with
"...", or a stalled upload); the declared length must still be at least the
bytes shown. `omits FIELD`: a response leaves out a field the data requires or
recommends. A mark that excuses nothing is itself an error.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
MARK = re.compile(r"^%\s*http-lint:\s*(?P<body>.*?)\s*$")
MARK_BODY = re.compile(r"^(?P<keyword>[a-z-]+)(?:\s+(?P<argument>[^\s-][^\s]*))?\s+--\s+(?P<reason>\S.*)$")
KEYWORDS = {"truncated": False, "omits": True}   # keyword -> takes an argument
REQUEST_LINE = re.compile(r"^(?P<method>[A-Z][A-Z-]*) (?P<target>\S+) HTTP/(?P<version>\d(?:\.\d)?)$")
STATUS_LINE = re.compile(r"^HTTP/(?P<version>\d(?:\.\d)?) (?P<status>[1-5]\d\d)(?: (?P<reason>.*))?$")
FIELD_LINE = re.compile(r"^(?P<name>[!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(?P<value>.*?)[ \t]*$")
RST_HTTP = re.compile(r"^[ \t]*\.\. (?:code-block|code|sourcecode)::[ \t]*http[ \t]*$", re.M)
CONNECTION_SPECIFIC = ("Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade")
# Representation metadata a 206 to an If-Range request should not repeat (RFC 9110 15.3.7, 8).
IF_RANGE_EXTRA = ("Content-Type", "Content-Encoding", "Content-Language", "Last-Modified")
CHECKED_LEVELS = ("required", "recommended")


@dataclass
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Mark:
    keyword: str
    argument: str | None
    line: int
    used: bool = False

    def __str__(self) -> str:
        return f"http-lint: {self.keyword}{' ' + self.argument if self.argument else ''}"


@dataclass
class Block:
    path: str
    line: int                      # the line of the first message line
    lines: list[str]
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Message:
    line: int
    version: str
    method: str | None = None      # requests
    target: str | None = None
    status: int | None = None      # responses
    fields: list[tuple[str, str, int]] = field(default_factory=list)
    body: str | None = None
    body_line: int | None = None

    @property
    def is_request(self) -> bool:
        return self.method is not None

    @property
    def http1(self) -> bool:
        return self.version.startswith("1")

    def get(self, name: str) -> list[str]:
        return [value for key, value, _ in self.fields if key.lower() == name.lower()]

    def has(self, name: str) -> bool:
        return bool(self.get(name))

    def describe(self) -> str:
        return f"{self.method} request" if self.is_request else f"{self.status} response"


class LintError(Exception):
    """A source the linter cannot read (a mark without a block, an unknown mark)."""


# -- finding blocks -------------------------------------------------------------

def find_blocks(path: str, text: str) -> list[Block]:
    """Every ```http block in a MyST page, with the marks just before it.

    Directive fences (```{note}) are parsed as MyST, so http blocks inside them
    count; other fences are literal, so a fence shown inside one does not.
    """
    if path.endswith(".rst"):
        match = RST_HTTP.search(text)
        if match:
            line = text.count("\n", 0, match.start()) + 1
            raise LintError(f"{path}:{line}: http code in reST is not linted; write the page in MyST")
        return []
    lines = text.split("\n")
    blocks: list[Block] = []
    stack: list[tuple[str, int, bool]] = []       # (fence char, length, is_directive)
    pending: list[Mark] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        match = FENCE.match(line)
        if stack and not stack[-1][2]:            # inside a literal fence: look for its end
            if match and _closes(match, stack[-1]):
                stack.pop()
            index += 1
            continue
        mark = MARK.match(line)
        if mark:
            pending.append(_parse_mark(path, number, mark.group("body")))
            index += 1
            continue
        if match and stack and _closes(match, stack[-1]):
            stack.pop()
        elif match:
            info = match.group("info")
            if info.split()[:1] == ["http"]:
                end = _fence_end(lines, index, match)
                blocks.append(Block(path, number + 1, lines[index + 1:end], pending))
                pending = []
                index = end + 1
                continue
            stack.append((match.group("fence")[0], len(match.group("fence")), info.startswith("{")))
        if pending:
            raise LintError(f"{path}:{pending[0].line}: '% {pending[0]}' is not followed by an ```http block")
        index += 1
    if pending:
        raise LintError(f"{path}:{pending[0].line}: '% {pending[0]}' is not followed by an ```http block")
    return blocks


def _closes(match: re.Match, fence: tuple[str, int, bool]) -> bool:
    text = match.group("fence")
    return text[0] == fence[0] and len(text) >= fence[1] and not match.group("info")


def _fence_end(lines: list[str], start: int, opening: re.Match) -> int:
    fence = (opening.group("fence")[0], len(opening.group("fence")), False)
    for index in range(start + 1, len(lines)):
        match = FENCE.match(lines[index])
        if match and _closes(match, fence):
            return index
    return len(lines)


def _parse_mark(path: str, line: int, body: str) -> Mark:
    match = MARK_BODY.match(body)
    if not match or match.group("keyword") not in KEYWORDS:
        raise LintError(
            f"{path}:{line}: unknown mark 'http-lint: {body}'; write 'http-lint: truncated -- why' "
            "or 'http-lint: omits Field-Name -- why'"
        )
    keyword, argument = match.group("keyword"), match.group("argument")
    if KEYWORDS[keyword] != (argument is not None):
        need = "needs a field name" if KEYWORDS[keyword] else "takes no argument"
        raise LintError(f"{path}:{line}: 'http-lint: {keyword}' {need}")
    return Mark(keyword, argument, line)


# -- splitting a block into messages ------------------------------------------------

def _is_start(line: str) -> bool:
    return bool(REQUEST_LINE.match(line) or STATUS_LINE.match(line))


def split_messages(block: Block) -> tuple[list[Message], list[Problem]]:
    """Parse a block's messages; syntax problems stop the block."""
    lines, messages = block.lines, []
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        number = block.line + index
        start = lines[index]
        request, status = REQUEST_LINE.match(start), STATUS_LINE.match(start)
        if not (request or status):
            return messages, [Problem(block.path, number, f"expected a request line or a status line, got {start!r}")]
        message = (
            Message(number, request.group("version"), method=request.group("method"), target=request.group("target"))
            if request else Message(number, status.group("version"), status=int(status.group("status")))
        )
        index += 1
        while index < len(lines) and lines[index] != "":
            match = FIELD_LINE.match(lines[index])
            if not match:
                what = ("line folding (obs-fold) is obsolete, RFC 9112 section 5.2"
                        if lines[index][:1] in " \t" else "expected 'Name: value'")
                return messages, [Problem(block.path, block.line + index, f"{what}: {lines[index]!r}")]
            message.fields.append((match.group("name"), match.group("value"), block.line + index))
            index += 1
        index += 1                                   # the empty line after the header section
        end = index
        while end < len(lines) and not (_is_start(lines[end]) and (end == index or lines[end - 1] == "")):
            end += 1
        body = lines[index:end]
        following = end < len(lines)
        if following and body:
            body = body[:-1]                         # the empty line before the next message
        while body and body[-1] == "" and not message.has("Transfer-Encoding"):
            body = body[:-1]
        if body:
            message.body, message.body_line = "\n".join(body), block.line + index
        messages.append(message)
        index = end
    return messages, []


# -- checking -----------------------------------------------------------------------

def check_chunked(body: str, truncated: bool) -> str | None:
    """None when the chunked body is well framed, else what is wrong.

    Each line break shown stands for the CRLF that ends a chunk-size line or
    chunk data; the chunk data itself is counted as shown.
    """
    data = body.encode("utf-8")
    position = 0
    while True:
        end = data.find(b"\n", position)
        if end < 0:
            if truncated:
                return None
            return "the chunked body does not end with a last chunk '0'"
        size_text = data[position:end].split(b";")[0].strip()
        if not re.fullmatch(rb"[0-9A-Fa-f]+", size_text):
            return f"{size_text.decode(errors='replace')!r} is not a chunk size (hexadecimal)"
        size = int(size_text, 16)
        position = end + 1
        if size == 0:
            trailer = data[position:].decode("utf-8").split("\n")
            for line in trailer:
                if line and not FIELD_LINE.match(line):
                    return f"after the last chunk, expected trailer fields, got {line!r}"
            return None
        chunk_end = position + size
        if chunk_end > len(data):
            return None if truncated else f"a chunk of size {size_text.decode()} (= {size} bytes) runs past the end of the body"
        if chunk_end == len(data):
            return None if truncated else "the chunked body does not end with a last chunk '0'"
        if data[chunk_end:chunk_end + 1] != b"\n":
            shown = len(data[position:].split(b"\n0\n")[0]) if b"\n0\n" in data[position:] else None
            hint = f"; the data shown is {shown} bytes (hex {shown:X})" if shown is not None else ""
            return f"chunk size {size_text.decode()} (= {size} bytes) does not end at a line break{hint}"
        position = chunk_end + 1


def check_message(path: str, message: Message, request: Message | None, rules: dict, marks: list[Mark]) -> list[Problem]:
    problems: list[Problem] = []

    def problem(text: str, line: int | None = None) -> None:
        problems.append(Problem(path, line or message.line, f"{message.describe()}: {text}"))

    def mark(keyword: str, argument: str | None = None) -> bool:
        for item in marks:
            if item.keyword == keyword and (argument is None or (item.argument or "").lower() == argument.lower()):
                item.used = True
                return True
        return False

    lengths = message.get("Content-Length")
    codings = message.get("Transfer-Encoding")
    body = message.body
    size = len(body.encode("utf-8")) if body is not None else 0
    status = message.status
    head = request is not None and request.method == "HEAD"
    connect_2xx = request is not None and request.method == "CONNECT" and status is not None and 200 <= status < 300
    bodyless = status is not None and (status < 200 or status in (204, 304) or head or connect_2xx)
    why = ("a response to HEAD" if head else "a 2xx response to CONNECT" if connect_2xx
           else f"a {status} response")

    for value in lengths:
        if not re.fullmatch(r"\d+", value):
            problem(f"'Content-Length: {value}' is not a number of bytes")
            return problems
    if len(set(lengths)) > 1:
        problem(f"Content-Length is given {len(lengths)} times with different values")
    declared = int(lengths[0]) if lengths else None

    if message.http1:
        if message.is_request and message.version == "1.1" and not message.has("Host"):
            problem("an HTTP/1.1 request must send Host (RFC 9112, section 3.2)")
        if lengths and codings:
            problem("Content-Length and Transfer-Encoding together; send one (RFC 9112, section 6.2)")
    else:
        for name in CONNECTION_SPECIFIC:
            if message.has(name):
                problem(f"{name} is connection-specific and not allowed in HTTP/{message.version} (RFC 9113, section 8.2.2)")

    if bodyless:
        if body is not None:
            problem(f"{why} cannot have a body (RFC 9112, section 6.3)", message.body_line)
        if (status < 200 or status == 204 or connect_2xx) and (lengths or codings):
            name = "Content-Length" if lengths else "Transfer-Encoding"
            problem(f"{why} must not send {name} (RFC 9110, section 8.6; RFC 9112, section 6.1)")
    elif codings and message.http1:
        final = codings[-1].split(",")[-1].strip().lower()
        if final != "chunked":
            problem("chunked must be the final transfer coding, or the length is unknown (RFC 9112, section 6.3)")
        elif body is None:
            if not mark("truncated"):
                problem("chunked, but no chunks are shown; end with the last chunk '0'")
        else:
            error = check_chunked(body, truncated=False)
            if error and check_chunked(body, truncated=True) is None and mark("truncated"):
                error = None
            if error:
                problem(error, message.body_line)
    elif declared is not None:
        waits = message.is_request and body is None and any(
            "100-continue" in value.lower() for value in message.get("Expect"))
        if declared != size and not waits:       # with 100-continue the body follows the 100
            shown = f"the body shown is {size} bytes" if body is not None else "no body is shown"
            if size < declared and mark("truncated"):
                pass
            else:
                problem(f"Content-Length is {declared}, but {shown}", message.body_line)
    elif body is not None:
        if message.http1 and message.is_request:
            problem(f"a body without Content-Length or Transfer-Encoding is not read; a server takes it "
                    f"as the next request (RFC 9112, section 6.3): add 'Content-Length: {size}'", message.body_line)
        elif message.http1:
            problem(f"the body's end is only the closing of the connection (RFC 9112, section 6.3): "
                    f"add 'Content-Length: {size}'", message.body_line)
    elif not message.is_request and message.http1:
        problem("no body and no length: the response ends only when the connection closes "
                "(RFC 9112, section 6.3); add 'Content-Length: 0'")

    if status is not None:
        for name, level, section in rules.get(status, ()):
            if not message.has(name) and not mark("omits", name):
                where = f", RFC section {section}" if section else ""
                problem(f"{name} is {level} for {status} (data/status-codes.yaml{where}); add it, or mark "
                        f"the block '% http-lint: omits {name} -- why'")
        if status == 206 and request is not None and request.has("If-Range"):
            multipart = any("multipart/byteranges" in value for value in message.get("Content-Type"))
            for name in IF_RANGE_EXTRA:
                if message.has(name) and not (name == "Content-Type" and multipart):
                    problem(f"answers an If-Range request, so it should not send {name}: the client has it "
                            "already (RFC 9110, section 15.3.7)")
    return problems


def lint_text(path: str, text: str, rules: dict) -> tuple[list[Block], list[Message], list[Problem]]:
    """Lint one page: its blocks, their messages and the problems found."""
    blocks = find_blocks(path, text)
    all_messages: list[Message] = []
    problems: list[Problem] = []
    request: Message | None = None           # the last request on the page, for its responses
    for block in blocks:
        messages, syntax = split_messages(block)
        problems += syntax
        if not messages and not syntax:
            problems.append(Problem(path, block.line, "an empty http block"))
        for message in messages:
            if message.is_request:
                request = message
            problems += check_message(path, message, None if message.is_request else request, rules, block.marks)
        all_messages += messages
        for item in block.marks:
            if not item.used and not syntax:
                problems.append(Problem(path, item.line, f"'% {item}' excuses nothing in the block below; remove it"))
    return blocks, all_messages, problems


def rules_from_data(codes: dict) -> dict[int, list[tuple[str, str, str | None]]]:
    """The header fields each code's examples must carry, from the data file."""
    return {
        code: [(h.name, h.level, h.section) for h in item.headers if h.level in CHECKED_LEVELS]
        for code, item in codes.items()
    }


def pages(root: Path = ROOT) -> list[Path]:
    """Every source page of the site (as tests/conftest.py lists them)."""
    found = [p for pattern in ("*.md", "*.rst", "codes/*.md", "guide/*.md") for p in root.glob(pattern)]
    return sorted(p for p in found if p.name not in ("README.md", "CONTRIBUTING.md"))


def load_rules(root: Path = ROOT) -> dict:
    sys.path.insert(0, str(root / "_ext"))
    import status_data

    return rules_from_data(status_data.load(root / "data" / "status-codes.yaml"))


def main(argv: list[str]) -> int:
    rules = load_rules()
    files = [Path(a) for a in argv] or pages()
    total_blocks = total_messages = 0
    failed = 0
    for path in files:
        name = str(path.resolve().relative_to(ROOT)) if path.resolve().is_relative_to(ROOT) else str(path)
        try:
            blocks, messages, problems = lint_text(name, path.read_text(encoding="utf-8"), rules)
        except LintError as exc:
            print(exc)
            failed += 1
            continue
        total_blocks += len(blocks)
        total_messages += len(messages)
        for item in problems:
            print(item)
        failed += len(problems)
    print(f"{total_blocks} http blocks, {total_messages} messages, {failed} problem(s)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
