"""Copy into tests/sources/vendors/ the lines of the vendor excerpts that
data/vendors.yaml cites, verbatim, so that tests/test_data.py can hold the data
to its sources on any clone.

The full excerpts (with their provenance and licences) live outside the
repository, in the reference folder the writers used; this keeps only what the
data cites: each quote, each source's commit and file or page, each page URL,
each figure of a dated change and the vendor's own phrase, every one on the
lines where it stands in the excerpt, under a header naming the file it came
from and the vendor's licence.

Usage: python tools/vendor_excerpts.py ../shared/reference
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

import status_data  # noqa: E402

OUT = ROOT / "tests" / "sources"


def words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.replace("_", " ").lower()).split())


def lines_holding(lines: list[str], needle: str, normal=lambda t: " ".join(t.split())) -> range | None:
    """The shortest run of lines whose joined text holds the needle."""
    target = normal(needle)
    for size in range(1, 8):
        for start in range(len(lines) - size + 1):
            if target in normal(" ".join(lines[start:start + size])):
                return range(start, start + size)
    return None


def needles(vendor: status_data.Vendor):
    """(text, required): what the tests look for in the excerpt. A code's page
    URL may be missing when the excerpt was read from that page's source file."""
    for item in vendor.codes:
        yield item.quote, True
        yield from ((text, True) for text in source_needles(item.source))
        yield re.sub(r"^https?://", "", item.url), False
        for change in item.changes:
            yield change.quote, True
            yield from ((text, True) for text in source_needles(change.source))
            yield from ((figure, True) for figure in (change.before, change.after) if figure)
            if change.date:
                yield change.date, change.date[:4] not in change.quote


def source_needles(source: status_data.Source):
    if source.page:
        yield re.sub(r"^https?://", "", source.page)
    else:
        yield source.commit
        yield source.path.split("/")[-1]


def copy(vendors: list[status_data.Vendor], reference: Path) -> str:
    """The cited lines of one excerpt file, for every vendor that cites it."""
    name = vendors[0].excerpts
    lines = (reference / name).read_text(encoding="utf-8").splitlines()
    keep: set[int] = set()
    for vendor in vendors:
        keep |= cited_lines(vendor, lines)
    header = [f"<!-- Lines of {name} (the reference folder's excerpts) that data/vendors.yaml",
              "cites, verbatim; '...' marks omitted lines. Licences of the cited material:",
              *(f"  {vendor.name}: {vendor.licence}" for vendor in vendors),
              "Made by tools/vendor_excerpts.py; do not edit by hand. -->", ""]
    body, previous = [], None
    for number in sorted(keep):
        if previous is not None and number != previous + 1:
            body.append("...")
        body.append(lines[number])
        previous = number
    return "\n".join(header + body) + "\n"


def cited_lines(vendor: status_data.Vendor, lines: list[str]) -> set[int]:
    keep: set[int] = set()
    for needle, required in needles(vendor):
        found = lines_holding(lines, needle)
        if found is None and required:
            raise SystemExit(f"{vendor.excerpts}: not found: {needle!r}")
        keep.update(found or ())
    for item in vendor.codes:
        if item.phrase and item.phrase_from == "source":
            found = lines_holding(lines, item.phrase, words)
            if found is None:
                raise SystemExit(f"{vendor.excerpts}: phrase not found: {item.phrase!r}")
            keep.update(found)
    return keep


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    reference = Path(argv[1])
    data = status_data.load_data(ROOT / "data" / "status-codes.yaml")
    by_file: dict[str, list[status_data.Vendor]] = {}
    for vendor in data.vendors:
        by_file.setdefault(vendor.excerpts, []).append(vendor)
    for name, vendors in by_file.items():
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(copy(vendors, reference), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
