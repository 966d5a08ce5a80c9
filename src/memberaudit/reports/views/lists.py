"""The board's printable lists built from an audit: screening candidates and party-badge awards.

Each list is one `PrintableList` (title, columns, rows grouped by committee then by a sub-group); the
Excel and HTML writers in `reports/lists.py` print any of them the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from memberaudit.checks.common import all_firsts
from memberaudit.checks.registry import rule_text
from memberaudit.model.collation import name_order, text_key
from memberaudit.model.i18n import catalogue, t
from memberaudit.model.lazy import pl
from memberaudit.reports.common import rule_title


@dataclass
class Column:
    key: str
    label: str
    width: int
    is_date: bool = False


@dataclass
class PrintableList:
    title: str
    subtitle: str
    columns: list[Column]
    groups: list[tuple[str, list[tuple[str, list[dict]]]]]  # committee → [(sub-group, rows)]
    signatures: tuple[str, str]
    lang: str = "vi"
    meta: dict = field(default_factory=dict)

    def rows(self) -> list[dict]:
        return [{"committee": c, "group": g, **r} for c, subs in self.groups for g, rows in subs for r in rows]


def months_in_words(months: list[str]) -> str:
    """["02/2026", "05/2026", "08/2026"] → "2, 5, 8/2026"; years are written once per run of months."""
    by_year: dict[str, list[str]] = {}
    for text in months:
        month, year = text.split("/")
        by_year.setdefault(year, []).append(str(int(month)))
    return ", ".join(f"{', '.join(ms)}/{year}" for year, ms in sorted(by_year.items()))


def evidence_words(rule: str, evidence: dict, lang: str) -> str:
    template = rule_text(rule, lang).get("screen")
    if template is None:
        return ""
    return template.format(months=months_in_words(evidence.get("months", [])),
                           years=", ".join(map(str, evidence.get("years", []))))


def _member_facts(roster):
    return all_firsts(roster).select(roster.id_text(), "birth_date", "admission_date")


def discipline_words(roster, lang: str) -> dict[str, str]:
    """Each disciplined member's decisions in words, latest first: "cảnh cáo 01/03/2026; khiển trách …"."""
    forms = catalogue(lang).VALUE_LABELS["form"]
    words: dict[str, list[str]] = {}
    for member_id, form, decided in (roster.discipline.sort("decided_on", descending=True, nulls_last=True)
                                     .select(roster.id_text(), "form", "decided_on").iter_rows()):
        when = decided.strftime("%d/%m/%Y") if decided else "?"
        words.setdefault(member_id, []).append(f"{forms.get(form, form or '?')} {when}")
    return {k: "; ".join(v) for k, v in words.items()}


def _group(rows: list[dict], sub_key: str, sub_label) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    committees: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        committees.setdefault(row["committee"], {}).setdefault(sub_label(row[sub_key]), []).append(row)
    # groups keep the rows' order inside; committees and branches in Vietnamese order
    return [(c, sorted(subs.items(), key=lambda kv: text_key(kv[0]))) for c, subs in
            sorted(committees.items(), key=lambda kv: text_key(kv[0]))]


def screening_list(result, roster, lang: str) -> PrintableList:
    """Every member with a screening finding, with the grounds, the evidence in words and the regulation."""
    findings = result.findings.filter(pl.col("category") == "screening").join(
        _member_facts(roster), on="member_id", how="left")
    people: dict[str, dict] = {}
    disciplined = discipline_words(roster, lang)
    for f in findings.sort("member_id", "rule").iter_rows(named=True):
        person = people.setdefault(f["member_id"], {
            "committee": f["parent_unit"] or "—", "unit": f["unit"] or "—", "member_id": f["member_id"],
            "full_name": f["full_name"] or "", "birth_date": f["birth_date"], "admission_date": f["admission_date"],
            "discipline": disciplined.get(f["member_id"], ""),
            "grounds": [], "evidence": [], "reference": [], "waived": []})
        person["grounds"].append(rule_title(f["rule"], lang))
        person["evidence"].append(evidence_words(f["rule"], json.loads(f["evidence"]), lang))
        person["reference"].append(f["reference"])
        if f["waived"]:
            person["waived"].append(f"{f['rule']}: {f['waiver_reason']}")
    rows = []
    # the order of official lists: committee and branch, then given name, family name, middle names, birth date
    for person in sorted(people.values(), key=lambda p: (text_key(p["committee"]), text_key(p["unit"]),
                                                         name_order(p["full_name"], p["birth_date"]), p["member_id"])):
        rows.append({**person, "grounds": "; ".join(person["grounds"]), "evidence": "; ".join(person["evidence"]),
                     "reference": "; ".join(dict.fromkeys(person["reference"])), "waived": "; ".join(person["waived"])})
    columns = [
        Column("stt", t("list.stt", lang), 5), Column("member_id", t("html.member_id", lang), 13),
        Column("full_name", t("html.full_name", lang), 24), Column("unit", t("ui.unit", lang), 26),
        Column("birth_date", t("list.birth_date", lang), 12, True),
        Column("admission_date", t("list.admission_date", lang), 12, True),
        Column("grounds", t("list.grounds", lang), 36), Column("evidence", t("list.evidence", lang), 40),
        Column("reference", t("ui.reference", lang), 34), Column("waived", t("list.waived", lang), 18),
    ]
    if disciplined:
        columns.insert(-2, Column("discipline", t("list.discipline", lang), 22))
    return PrintableList(t("list.screening_title", lang), t("html.subtitle", lang, as_of=result.as_of.strftime(
        "%d/%m/%Y"), files=len(roster.files)), columns, _group(rows, "unit", str),
        (t("list.prepared_by", lang), t("list.standing_committee", lang)), lang,
        {"as_of": result.as_of.isoformat(), "count": len(rows)})


def badge_list(result, roster, lang: str) -> PrintableList:
    """Members whose party age reaches a badge milestone at the occasion, by committee and milestone."""
    findings = result.findings.filter(pl.col("rule") == "MIL001").join(_member_facts(roster), on="member_id", how="left")
    rows, occasion = [], None
    awards, forms = catalogue(lang).VALUE_LABELS["award"], catalogue(lang).VALUE_LABELS["form"]
    for f in findings.iter_rows(named=True):
        evidence = json.loads(f["evidence"])
        occasion = evidence["occasion"]
        award = f"{awards[evidence['award']]} {date.fromisoformat(evidence['award_on']).strftime('%d/%m/%Y')}"
        if evidence.get("discipline"):
            award += f" ({forms[evidence['discipline']]})"
        rows.append({"committee": f["parent_unit"] or "—", "unit": f["unit"] or "—", "member_id": f["member_id"],
                     "full_name": f["full_name"] or "", "birth_date": f["birth_date"],
                     "admission_date": f["admission_date"], "milestone": evidence["milestone"],
                     "reached_on": date.fromisoformat(evidence["reached_on"]), "award": award})
    rows.sort(key=lambda r: (text_key(r["committee"]), r["milestone"], text_key(r["unit"]),
                             name_order(r["full_name"], r["birth_date"]), r["member_id"]))
    columns = [
        Column("stt", t("list.stt", lang), 5), Column("member_id", t("html.member_id", lang), 13),
        Column("full_name", t("html.full_name", lang), 26), Column("unit", t("ui.unit", lang), 30),
        Column("birth_date", t("list.birth_date", lang), 12, True),
        Column("admission_date", t("list.admission_date", lang), 12, True),
        Column("reached_on", t("list.reached_on", lang), 14, True), Column("award", t("list.award", lang), 30),
    ]
    when = date.fromisoformat(occasion).strftime("%d/%m/%Y") if occasion else "—"
    return PrintableList(t("list.badge_title", lang, occasion=when), t("html.subtitle", lang, as_of=result.as_of.strftime(
        "%d/%m/%Y"), files=len(roster.files)), columns,
        _group(rows, "milestone", lambda m: t("list.milestone", lang, years=m)),
        (t("list.prepared_by", lang), t("list.standing_committee", lang)), lang,
        {"occasion": occasion, "count": len(rows)})
