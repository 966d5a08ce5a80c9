"""What calamine does not tell about an .xlsx workbook, read from its XML: hidden sheets, used ranges, merges.

Each sheet's facts cost the first few kilobytes of its XML (the `<dimension>` element stands at the top);
the cells are counted, and merged ranges read, only for the sheets that need it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
# a used range larger than this many cells, of which fewer than 1 in SPARSE hold anything, is a stray cell
# far away (XFD1048576): calamine would allocate the whole rectangle (512 GiB), so the sheet is not loaded
LARGE_RANGE = 1_000_000
SPARSE = 50


@dataclass
class SheetFacts:
    member: str  # the sheet's XML part in the zip
    hidden: bool
    used: str | None  # the used range as the sheet declares it ("A1:N120"), if it does
    area: int  # cells in that range


def _xml_unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")


def cell(ref: str) -> tuple[int, int]:
    """0-based (row, column) of an A1 reference."""
    letters, digits = _CELL_REF.match(ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def sheet_facts(path: Path) -> dict[str, SheetFacts]:
    """Per sheet name, its part, visibility and declared used range; {} when the XML cannot be read."""
    try:
        with zipfile.ZipFile(path) as zf:
            workbook = zf.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
            targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
            targets.update({k: v for v, k in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
            facts = {}
            for tag in re.findall(r"<sheet\b[^>]*>", workbook):
                name, rid = re.search(r'\bname="([^"]+)"', tag), re.search(r'\br:id="([^"]+)"', tag)
                if not name or not rid:
                    continue
                target = targets.get(rid.group(1), "")
                member = target.lstrip("/") if target.startswith("/") else "xl/" + target
                hidden = re.search(r'\bstate="(hidden|veryHidden)"', tag) is not None
                used, area = _dimension(zf, member)
                facts[_xml_unescape(name.group(1))] = SheetFacts(member, hidden, used, area)
            return facts
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}


def _dimension(zf: zipfile.ZipFile, member: str) -> tuple[str | None, int]:
    try:
        with zf.open(member) as stream:
            head = stream.read(4096)
    except KeyError:
        return None, 0
    found = re.search(rb'<dimension ref="([A-Z]+\d+)(?::([A-Z]+\d+))?"', head)
    if not found:
        return None, 0
    first = cell(found.group(1).decode())
    last = cell(found.group(2).decode()) if found.group(2) else first
    return found.group(0)[16:-1].decode(), (last[0] - first[0] + 1) * (last[1] - first[1] + 1)


def filled_cells(path: Path, member: str) -> int:
    """How many cells the sheet's XML holds (streamed: the XML of a large sheet is never held whole)."""
    count, tail = 0, b""
    with zipfile.ZipFile(path) as zf, zf.open(member) as stream:
        while block := stream.read(1 << 20):
            chunk = tail + block
            count += chunk.count(b"<c ")
            tail = chunk[-2:]
    return count


def absurd_range(path: Path, facts: SheetFacts) -> bool:
    """A declared used range far larger than the cells the sheet holds: loading it would cost the range."""
    return facts.area > LARGE_RANGE and filled_cells(path, facts.member) * SPARSE < facts.area


def merges(path: Path, facts: dict[str, SheetFacts]) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged ranges (0-based r1, c1, r2, c2) per sheet name."""
    found: dict[str, list[tuple[int, int, int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for name, fact in facts.items():
                try:
                    xml = zf.read(fact.member)
                except KeyError:
                    continue
                start = xml.rfind(b"<mergeCells")
                if start < 0:
                    continue
                refs = re.findall(rb'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"', xml[start:])
                found[name] = [(*cell(a.decode()), *cell(b.decode())) for a, b in refs]
    except (zipfile.BadZipFile, OSError):
        return {}
    return found
