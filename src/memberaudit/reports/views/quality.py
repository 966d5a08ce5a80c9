"""The quality of member data for the party database and the member handbook (`memberaudit quality`).

Every required field of every active member is one cell in one of four states: filled (and valid), missing,
invalid, or absent (the member's file has no such column). A branch's score is the share of its required
cells filled; committees are scored over their branches' cells. Members exempt from meetings are counted
apart (the handbook leaves them out) and scored nowhere.

What makes a cell invalid is said once, by what reports it: a value normalisation could not read (the
roster's data issues), a national id DAT008 rejects, a card number DAT004 finds twice, a phone number that
is not a Vietnamese one.
"""

from __future__ import annotations

from datetime import date

from memberaudit.checks.common import Context, add_months, current_members, exempt_between
from memberaudit.checks.identity import national_id_invalid
from memberaudit.checks.registry import rules
from memberaudit.model.collation import name_order, text_key
from memberaudit.model.config import QUALITY_FIELDS
from memberaudit.model.i18n import catalogue, t
from memberaudit.model.lazy import pl
from memberaudit.reports.views.lists import Column, PrintableList

STATES = ("filled", "missing", "invalid", "absent")
OFFICIAL_ONLY = ("official_date", "member_id")  # a probationary member has neither yet
# a Vietnamese phone number: 10 digits from 0 (mobile and, since 2017, landline), 11 for the old landlines;
# +84 / 84 stands for the leading 0
_PHONE = r"^0\d{9,10}$"
_DATES = ("birth_date", "admission_date", "official_date")


def _present(field: str):
    if field == "member_id":  # a member without a card is identified by another key (`identified_by`)
        return pl.col("identified_by") == "card"
    if field in _DATES:
        return pl.col(field).is_not_null()
    return pl.col(field).is_not_null() & (pl.col(field).str.strip_chars() != "")


def _phone_digits():
    digits = pl.col("phone").str.replace_all(r"[\s.\-()/]", "")
    return pl.when(digits.str.starts_with("+84")).then(pl.format("0{}", digits.str.slice(3))).when(
        digits.str.starts_with("84") & (digits.str.len_chars() >= 11)).then(pl.format("0{}", digits.str.slice(2))
    ).otherwise(digits)


def _invalid_cells(roster, members, as_of: date, required: list[str]):
    """(_src, _row, field, detail) of every required cell holding a value that is not valid."""
    parts = []
    issues = roster.issues.filter(pl.col("field").is_in(required) & (pl.col("value").fill_null("") != "")
                                  & (pl.col("code") != "DAT001"))
    parts.append(issues.select("_src", "_row", "field", pl.col("detail").fill_null("unreadable")))
    if "national_id" in required:
        ctx = Context(as_of=as_of, calendar=None)
        parts.append(national_id_invalid(roster, ctx).select("_src", "_row", "field", "detail"))
    if "phone" in required:
        phones = members.filter(pl.col("phone").is_not_null() & ~_phone_digits().str.contains(_PHONE))
        parts.append(phones.select("_src", "_row", pl.lit("phone").alias("field"), pl.lit("phone").alias("detail")))
    frame = pl.concat([p.with_columns(pl.col("_src").cast(pl.Int32), pl.col("_row").cast(pl.Int32),
                                      pl.col("field").cast(pl.String), pl.col("detail").cast(pl.String))
                       for p in parts])
    return frame.unique(["_src", "_row", "field"], keep="first")


def _columns_of(roster, field: str) -> list[int]:
    """The sources (by index) whose table has a column for `field`."""
    if field == "unit":
        return [i for i, s in enumerate(roster.sources) if "unit" in s.columns or s.unit_from_title or s.sections]
    return [i for i, s in enumerate(roster.sources) if field in s.columns]


def member_states(roster, as_of: date, required: list[str]):
    """One row per current member admitted by `as_of`: committee, branch, name, `exempt`, `official`, and for
    each required field its state (`s_FIELD`) and, when invalid, what is wrong (`d_FIELD`)."""
    members = current_members(roster).filter(pl.col("admission_date").is_null()
                                             | (pl.col("admission_date") <= as_of)).collect()
    exempt = exempt_between(pl.lit(as_of), pl.lit(as_of))
    # probation lasts as PRB001 says (Điều lệ Đảng: 12 months)
    probation_over = add_months("admission_date", rules()["PRB001"].params["probation_months"]) <= as_of
    probationary = (pl.col("status") == "probationary") | (
        (pl.col("status") != "official") & pl.col("official_date").is_null() & ~probation_over.fill_null(True))
    invalid = _invalid_cells(roster, members, as_of, required)
    # one column per field that has an invalid cell: what is wrong with it
    wrong = invalid.pivot(on="field", on_columns=required, index=["_src", "_row"], values="detail").rename(
        {f: f"d_{f}" for f in required})
    members = members.join(wrong, on=["_src", "_row"], how="left")
    states = []
    for field in required:
        present = _present(field)
        why = pl.col(f"d_{field}")
        has_column = pl.col("_src").is_in(_columns_of(roster, field))
        # a value that could not be read (an impossible date) is invalid too, not missing
        state = (pl.when(why.is_not_null()).then(pl.lit("invalid")).when(present).then(pl.lit("filled"))
                 .when(has_column).then(pl.lit("missing")).otherwise(pl.lit("absent")))
        if field in OFFICIAL_ONLY:
            state = pl.when(pl.col("_probationary")).then(pl.lit(None, pl.String)).otherwise(state)
        states += [state.alias(f"s_{field}"), why.alias(f"d_{field}")]
    return members.with_columns(exempt.fill_null(False).alias("exempt"), probationary.alias("_probationary")).select(
        pl.col("parent_unit").fill_null("—"), pl.col("unit").fill_null("—"), roster.id_text(),
        "full_name", "birth_date", "exempt", (~pl.col("_probationary")).alias("official"), *states)


def _scores(people, keys: list[str], required: list[str]):
    """Per group of `keys`: active members (not exempt), exempt members, counts per field and state, score."""
    counted = people.filter(~pl.col("exempt"))
    aggs = [pl.len().alias("active_members")]
    for field in required:
        for state in STATES:
            aggs.append((pl.col(f"s_{field}") == state).sum().cast(pl.Int64).alias(f"{field}.{state}"))
    scored = counted.group_by(keys).agg(*aggs) if keys else counted.select(*aggs)
    exempt = people.filter(pl.col("exempt"))
    exempt = (exempt.group_by(keys).len("exempt_members") if keys else exempt.select(pl.len().alias("exempt_members")))
    if keys:
        scored = scored.join(exempt, on=keys, how="full", coalesce=True)
    else:
        scored = pl.concat([scored, exempt], how="horizontal")
    filled = pl.sum_horizontal(pl.col(f"{f}.filled") for f in required)
    cells = pl.sum_horizontal(pl.col(f"{f}.{s}") for f in required for s in STATES)
    valid_ids = pl.col("national_id.filled") if "national_id" in required else pl.lit(None)
    return scored.with_columns(pl.col("active_members", "exempt_members").fill_null(0).cast(pl.Int64),
                               *[pl.col(f"{f}.{s}").fill_null(0) for f in required for s in STATES]).with_columns(
        pl.when(cells > 0).then((filled / cells).round(4)).alias("score"),
        pl.when(pl.col("active_members") > 0).then((valid_ids / pl.col("active_members")).round(4))
        .alias("valid_national_id_share"))


def _ranked(frame, keys: list[str]):
    """Worst first: lowest score, then lowest valid-id share, then the names in Vietnamese order."""
    rows = frame.to_dicts()
    return sorted(rows, key=lambda r: (r["score"] if r["score"] is not None else 2.0,
                                       r["valid_national_id_share"] if r["valid_national_id_share"] is not None else 2.0,
                                       *(text_key(r[k] or "") for k in keys)))


def _entry(row: dict, required: list[str], unit: str, parent_unit: str | None) -> dict:
    return {"unit": unit, "parent_unit": parent_unit, "active_members": row["active_members"],
            "exempt_members": row["exempt_members"], "score": row["score"],
            "valid_national_id_share": row["valid_national_id_share"],
            "fields": {f: {s: row[f"{f}.{s}"] for s in STATES} for f in required}}


def quality_summary(roster, as_of: date, required: list[str] | None = None) -> dict:
    """Scores per branch and committee, worst first, and the members behind every gap."""
    required = [f for f in QUALITY_FIELDS if f in (required or QUALITY_FIELDS)]
    people = member_states(roster, as_of, required)
    units = _ranked(_scores(people, ["parent_unit", "unit"], required), ["parent_unit", "unit"])
    committees = _ranked(_scores(people, ["parent_unit"], required), ["parent_unit"])
    whole = _scores(people, [], required).to_dicts()[0]
    gaps = people.filter(~pl.col("exempt") & pl.any_horizontal(
        pl.col(f"s_{f}").is_in(["missing", "invalid"]) for f in required))
    return {
        "as_of": as_of, "required": required,
        "units": [_entry(r, required, r["unit"], r["parent_unit"]) for r in units],
        "committees": [_entry(r, required, r["parent_unit"], None) for r in committees],
        "whole": _entry(whole, required, "", None),
        "gaps": gaps,
    }


def to_document(summary: dict) -> dict:
    """The JSON for scripts (issue 16's schema), units and committees worst first."""
    return {"tool": "memberaudit", "as_of": summary["as_of"].isoformat(), "required": summary["required"],
            "units": summary["units"], "committees": summary["committees"], "whole": summary["whole"]}


def gap_list(summary: dict, lang: str, files: int) -> PrintableList:
    """The members behind every gap, per committee and branch (worst branch first), printable like the
    screening list: what is missing, what is invalid and why. A column the branch's file lacks is a gap of
    the file, said once in the branch's heading, not on every member's line."""
    labels = catalogue(lang).VALUE_LABELS
    field_label, details = labels["field"], labels["detail"]
    required = summary["required"]
    units = {(u["parent_unit"], u["unit"]): u for u in summary["units"]}
    rank = {key: i for i, key in enumerate(units)}

    def why(code: str) -> str:
        return t("quality.phone_invalid", lang) if code == "phone" else details[code]

    committees: dict[str, dict[str, list[dict]]] = {}
    for person in summary["gaps"].iter_rows(named=True):
        row = {"committee": person["parent_unit"], "unit": person["unit"], "member_id": person["member_id"],
               "full_name": person["full_name"] or "", "birth_date": person["birth_date"],
               "missing": ", ".join(field_label[f] for f in required if person[f"s_{f}"] == "missing"),
               "invalid": "; ".join(f"{field_label[f]}: {why(person[f'd_{f}'])}" for f in required
                                    if person[f"s_{f}"] == "invalid")}
        committees.setdefault(person["parent_unit"], {}).setdefault(person["unit"], []).append(row)
    groups = []
    for committee in sorted(committees, key=text_key):
        subgroups = []
        for unit, rows in sorted(committees[committee].items(), key=lambda kv: rank[(committee, kv[0])]):
            entry = units[(committee, unit)]
            absent = [field_label[f] for f in required if entry["fields"][f]["absent"]]
            score = percent(entry["score"])
            label = (t("quality.no_column", lang, unit=unit, score=score, fields=", ".join(absent)) if absent
                     else t("quality.branch_score", lang, unit=unit, score=score))
            subgroups.append((label, sorted(rows, key=lambda r: (name_order(r["full_name"], r["birth_date"]),
                                                                  r["member_id"]))))
        groups.append((committee, subgroups))
    columns = [
        Column("stt", t("list.stt", lang), 5), Column("member_id", t("html.member_id", lang), 13),
        Column("full_name", t("html.full_name", lang), 24), Column("birth_date", t("list.birth_date", lang), 12, True),
        Column("missing", t("quality.missing", lang), 34), Column("invalid", t("quality.invalid", lang), 56),
    ]
    count = sum(len(rows) for _, subs in groups for _, rows in subs)
    return PrintableList(t("quality.list_title", lang), t("html.subtitle", lang, as_of=summary["as_of"].strftime(
        "%d/%m/%Y"), files=files), columns, groups, (t("list.prepared_by", lang), t("list.standing_committee", lang)),
        lang, {"as_of": summary["as_of"].isoformat(), "count": count})


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def field_shares(entry: dict, required: list[str]) -> list[float | None]:
    """Per required field, the share of its cells filled (None where no member needs it)."""
    shares = []
    for f in required:
        counts = entry["fields"][f]
        cells = sum(counts.values())
        shares.append(counts["filled"] / cells if cells else None)
    return shares


def weakest(entry: dict, required: list[str], lang: str, count: int = 3) -> str:
    """The `count` fields least filled, with their shares: "Số CCCD 66.7%, Tôn giáo 70.0%"."""
    labels = catalogue(lang).VALUE_LABELS["field"]
    shares = [(s, f) for s, f in zip(field_shares(entry, required), required, strict=True) if s is not None and s < 1]
    return ", ".join(f"{labels[f]} {percent(s)}" for s, f in sorted(shares, key=lambda p: p[0])[:count])


def table_rows(entries: list[dict], required: list[str], lang: str, *, with_committee: bool) -> tuple[list, list]:
    """(header, rows) of a ranked table: unit (and committee), members, exempt, score, valid-id share, and per
    field the filled share; the numbers stay numbers (the writers format them)."""
    labels = catalogue(lang).VALUE_LABELS["field"]
    header = ([t("ui.committee", lang)] if with_committee else []) + [
        t("ui.unit", lang) if with_committee else t("ui.committee", lang), t("quality.members", lang),
        t("quality.exempt", lang), t("quality.score", lang), t("quality.valid_ids", lang),
        *[labels[f] for f in required]]
    rows = [([e["parent_unit"]] if with_committee else []) + [
        e["unit"], e["active_members"], e["exempt_members"], e["score"], e["valid_national_id_share"],
        *field_shares(e, required)] for e in entries]
    return header, rows
