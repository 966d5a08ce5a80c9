"""`memberaudit inspect`: what each sheet was read as, shown so that a board staffer can fix a mapping.

Reads the facts the reading stage recorded (sources and skipped sheets), never the files themselves.
"""

from __future__ import annotations

import json

from memberaudit.model.i18n import t
from memberaudit.read.headers import SERIAL_KEYS, header_key


def sheet_facts(loaded_files: list[tuple[str, object, str | None]], lang: str) -> list[dict]:
    """One dict per sheet of every file: `loaded_files` holds (file, Loaded or None, error text or None)."""
    out: list[dict] = []
    for file, loaded, error in loaded_files:
        if loaded is None:
            out.append({"file": file, "sheet": None, "read_as": None, "skipped": error})
            continue
        for source in (table.source for table in loaded.tables):
            fields = {f: {"column": letter, "header": _header_of(source, letter)} for f, letter in source.columns.items()}
            out.append({
                "file": file, "sheet": source.sheet, "read_as": source.kind, "header_row": source.header_row,
                "header_rows": source.header_rows, "numbering_row": source.numbering_row,
                "data_rows": source.data_rows, "year": source.year, "titles": source.titles,
                "branch_from_title": source.unit_from_title, "section_rows": source.sections, "fields": fields,
                "supplements": source.supplements, "title_status": source.title_status,
                "unused": source.unused,
                "data_without_header": source.unlabeled, "encoding": source.encoding, "skipped": None,
            })
        for skip in loaded.skipped:
            out.append({"file": file, "sheet": skip.sheet, "read_as": None,
                        "skipped": skip.says(lang), "reason": skip.reason})
    return out


def _header_of(source, letter: str) -> str | None:
    """The header of a field's column; of a range, its first and last headers where they differ ("Họ và tên
    đệm … Tên", "Kết quả xếp loại › Hoàn thành xuất sắc nhiệm vụ … Không hoàn thành nhiệm vụ")."""
    first, _, last = letter.partition(":")
    head, tail = source.headers.get(first), source.headers.get(last) if last else None
    return f"{head} … {tail}" if head and tail and tail != head else head


def to_json(facts: list[dict]) -> str:
    return json.dumps({"sheets": facts}, ensure_ascii=False, indent=2) + "\n"


def aliases_for(facts: list[dict], all_fields: dict[str, list[str]], lang: str) -> list[str]:
    """The `[aliases]` lines that would map the unused headers, per table kind: each header under the
    fields its table still lacks, to be completed with the right one."""
    lines: list[str] = []
    by_kind: dict[str, list[tuple[str, str, str]]] = {}
    for sheet in facts:
        for letter, header in (sheet.get("unused") or {}).items():
            if header_key(header.split(" › ")[-1]) in SERIAL_KEYS:  # serial numbers are ignored on purpose
                continue
            by_kind.setdefault(sheet["read_as"], []).append((header, letter, sheet["sheet"]))
    for kind, headers in by_kind.items():
        mapped = {f for s in facts if s.get("read_as") == kind for f in s["fields"]}
        lacking = [f for f in all_fields[kind] if f not in mapped]
        lines.append(f"[aliases.{kind}]")
        lines.append(f"# {t('inspect.lacking', lang)}: {', '.join(lacking)}")
        for header, letter, sheet in dict.fromkeys(headers):
            label = header.split(" › ")[-1].replace("\n", " ").replace('"', "'")
            lines.append(f'# FIELD = ["{label}"]   # {sheet} › {letter}')
    return lines


def print_facts(console, facts: list[dict], lang: str, aliases: list[str]) -> None:
    """The facts as plain text, a block per sheet."""
    for sheet in facts:
        where = f"{sheet['file']} › {sheet['sheet']}" if sheet["sheet"] else sheet["file"]
        if sheet["skipped"]:
            console.print(t("inspect.skipped", lang, where=where, reason=sheet["skipped"]))
            continue
        console.print(t("inspect.read_as", lang, where=where, kind=t(f"kind.{sheet['read_as']}", lang),
                        row=sheet["header_row"], rows=sheet["header_rows"], data=sheet["data_rows"]))
        if sheet["numbering_row"]:
            console.print("  " + t("inspect.numbering", lang, row=sheet["numbering_row"]))
        if sheet["branch_from_title"]:
            console.print("  " + t("inspect.branch", lang, unit=sheet["branch_from_title"]))
        if sheet["supplements"]:
            console.print("  " + t("inspect.supplements", lang, sheet=sheet["supplements"],
                                   status=sheet["title_status"] or "—"))
        if sheet["section_rows"]:
            console.print("  " + t("inspect.sections", lang, count=sheet["section_rows"]))
        for field, where_from in sheet["fields"].items():
            header = (where_from["header"] or "").replace("\n", " / ")
            console.print(f"  {where_from['column']:>5}  {field:<24} {header}", markup=False)
        for letter, header in sheet["unused"].items():
            console.print(f"  {letter:>5}  {t('inspect.unused', lang):<24} {header.replace(chr(10), ' / ')}", markup=False)
        if sheet["data_without_header"]:
            console.print("  " + t("inspect.no_header", lang, columns=", ".join(sheet["data_without_header"])))
    if aliases:
        console.print("")
        console.print(t("inspect.aliases", lang))
        for line in aliases:
            console.print(line, markup=False)
