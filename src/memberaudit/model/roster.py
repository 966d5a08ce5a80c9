"""The typed Roster every check reads: one frame per table kind, the data issues and where rows came from."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from memberaudit.model.lazy import pl
from memberaudit.model.source import Skipped, Source
from memberaudit.model.vocab import ATTENDANCE_MARKS, DUES_STATES

PROVENANCE = {"_src": "Int32", "_row": "Int32"}  # Excel rows end at 1,048,576
# member ids, once the files' tables are stacked, are integer codes in every table rules join (`Roster.ids`
# holds each code's text): joins, distinct counts and lookups work on small integers instead of hashing text
# (`assemble.combine` codes them); findings hold plain text.
MEMBER_ID = "UInt32"
_DERIVING = threading.Lock()  # guards each Roster's table of locks
# the tables kept as month masks (normalize): their mask columns, one per mark or dues state
MASKS = {"attendance": tuple(ATTENDANCE_MARKS), "dues": DUES_STATES}

COLUMNS: dict[str, dict[str, str]] = {
    "members": {
        **PROVENANCE, "member_id": MEMBER_ID, "full_name": "String", "name_key": "String", "birth_date": "Date",
        "unit": "String", "parent_unit": "String", "admission_date": "Date", "official_date": "Date",
        "status": "String", "away": "Boolean", "gender": "String", "ethnicity": "String", "occupation": "String",
        "occupation_group": "String", "residence": "String", "national_id": "String", "exempt_from": "Date",
        "exempt_to": "Date", "left_workplace_date": "Date", "party_age_gap_months": "Int64",
        # what registers and the party database also hold (the statistics forms and data quality read them)
        "record_number": "String", "identified_by": "String", "religion": "String", "education": "String",
        "qualification": "String", "political_theory": "String", "youth_union": "String", "phone": "String",
        "residence_unit": "String", "residence_introduced_on": "Date", "transferred_in_on": "Date",
        "restored_on": "Date", "transferred_in_from": "String", "transferred_out_to": "String",
        "transferred_out_on": "Date", "died_on": "Date", "left_on": "Date", "left_how": "String",
    },
    "units": {**PROVENANCE, "unit": "String", "parent_unit": "String", "kind": "String"},
    # attendance and dues as month masks (see normalize): per table row and year, a 12-bit mask per mark or
    # dues state, bit 0 for January; one row per member instead of a row per month
    **{kind: {**PROVENANCE, "member_id": MEMBER_ID, "year": "Int32", **dict.fromkeys(codes, "UInt16")}
       for kind, codes in MASKS.items()},
    "transfers": {
        **PROVENANCE, "member_id": MEMBER_ID, "kind": "String", "direction": "String", "from_unit": "String",
        "to_unit": "String", "issued_on": "Date", "received_on": "Date", "until": "Date", "purpose": "String", "study": "Boolean",
    },
    "ratings": {**PROVENANCE, "member_id": MEMBER_ID, "year": "Int32", "rating": "String"},
    "targets": {**PROVENANCE, "unit": "String", "year": "Int32", "admissions": "Int64"},
    # people on their way in, one row each: `candidate` is their key (the lý lịch number, else name and birth)
    "candidates": {
        **PROVENANCE, "candidate": "String", "full_name": "String", "name_key": "String", "unit": "String",
        "parent_unit": "String", "birth_date": "Date", "gender": "String", "occupation": "String",
        "occupation_group": "String", "class_on": "Date", "applied_on": "Date", "introducer_1": "String",
        "introducer_2": "String", "resolved_on": "Date", "decided_on": "Date", "ceremony_on": "Date",
    },
    "comments": {**PROVENANCE, "member_id": MEMBER_ID, "year": "Int32", "comment": "String"},
    "discipline": {**PROVENANCE, "member_id": MEMBER_ID, "decided_on": "Date", "form": "String", "reason": "String"},
    "issues": {
        "code": "String", **PROVENANCE, "field": "String", "value": "String", "member_id": "String",
        "detail": "String",
    },
}


def schema(kind: str, *, file: bool = False) -> dict:
    """Column → Polars dtype; with `file`, as one file's Roster holds them: member ids as text, coded once
    for all files (`assemble.combine`)."""
    return {name: pl.String if file and spec == MEMBER_ID else getattr(pl, spec) for name, spec in COLUMNS[kind].items()}


def empty(kind: str, *, file: bool = False):
    return pl.DataFrame(schema=schema(kind, file=file))


def conform(kind: str, frame, *, file: bool = False):
    """Select and cast a frame to the kind's columns, adding missing ones as nulls."""
    cols = schema(kind, file=file)
    return frame.select(
        [(pl.col(c) if c in frame.columns else pl.lit(None)).cast(t).alias(c) for c, t in cols.items()]
    )


@dataclass
class Roster:
    # once stacked (`normalize.combine`), members also hold `_unit`: the unit as a Categorical, for counting and
    # grouping by unit (5.3 million members: a group_by on unit names took 0.55 s, on these codes 0.09 s; made
    # once, 0.15 s). Joins stay on `unit`, the text every other table holds.
    members: object
    units: object
    attendance: object
    dues: object
    transfers: object
    ratings: object
    targets: object
    candidates: object
    comments: object
    discipline: object
    issues: object
    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)  # the files taken from the cache folder, not read
    # each member id code's text (`ids[code]`), once the tables are stacked and their ids coded: a member's
    # code is the members row first holding its id; ids no member holds follow, in the order first found
    ids: object = None
    _derived: dict = field(default_factory=dict, repr=False)
    _locks: dict = field(default_factory=dict, repr=False)

    def derived(self, key: tuple, compute):
        """A frame derived from this roster (current members, covered units, …), computed once per audit.

        Keyed also by the identity of the members frame, so that replacing a frame never serves a stale one.
        Rules run on two threads: a thread wanting a frame another is computing waits for it, while frames
        of other keys are computed meanwhile (one lock per key; a computation may ask for other frames, never
        for its own)."""
        full_key = (*key, id(self.members))
        with _DERIVING:
            lock = self._locks.setdefault(full_key, threading.Lock())
        with lock:
            if full_key not in self._derived:
                self._derived[full_key] = compute()
            return self._derived[full_key]

    def id_text(self, column: str = "member_id"):
        """Expression: the text of the member id codes in `column`."""
        return pl.lit(self.ids).gather(pl.col(column)).alias(column)

    def id_codes(self, texts):
        """The codes of member ids written as text (a Series; null for an id no table holds). Only the ids
        asked for are looked up among all (a rule gives a few), each taking its first code."""
        wanted = texts.drop_nulls().unique().implode()
        table = (pl.DataFrame({"_id": self.ids}).with_row_index("_code").filter(pl.col("_id").is_in(wanted))
                 .unique("_id", keep="first"))
        found = texts.alias("_id").to_frame().join(table, on="_id", how="left", maintain_order="left")
        return found.get_column("_code").alias(texts.name)

    def has(self, kind: str) -> bool:
        """Whether any input held a table of this kind (an empty table still counts as present)."""
        return any(s.kind == kind for s in self.sources)

    def sources_frame(self):
        """One row per (source, field): file, sheet and Excel column letter, for pointing at cells."""
        rows = [
            (i, s.file, s.sheet, f, letter)
            for i, s in enumerate(self.sources)
            for f, letter in s.columns.items()
        ]
        return pl.DataFrame(
            rows, schema={"_src": pl.Int32, "file": pl.String, "sheet": pl.String, "field": pl.String,
                          "column": pl.String},
            orient="row",
        )
