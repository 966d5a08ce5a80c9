"""Pass/fail cases for every rule, one small table each; `test_rules.py` runs them all.

`expect` lists the member ids (member rules) or units (unit rules) that must be flagged, and nothing else.
Dates are written as branch secretaries type them (dd/mm/yyyy). Holiday facts used below (package `holidays`,
VN): Tết 2026 is Mon 16 – Fri 20 February; 30 April and 1 May 2026 are Thursday and Friday.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from conftest import member


@dataclass
class Case:
    code: str
    id: str
    as_of: date
    tables: dict
    expect: list[str]
    config: dict = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)  # key → expected severity


def att(member_id, **months):
    return {"member_id": member_id, **{f"2026-{int(k[1:]):02d}": v for k, v in months.items()}}


def dues(member_id, **months):
    return {"member_id": member_id, **{f"2026-{int(k[1:]):02d}": v for k, v in months.items()}}


NOV = date(2026, 11, 30)
full_branch = [member("F1"), member("F2"), member("F3")]

CASES = [
    # --- ATT001 -------------------------------------------------------------------------------------------------
    Case("ATT001", "three-unexcused-months", NOV,
         {"members": [member("A1")], "attendance": [att("A1", m2="K", m5="vkp", m8="vắng không lý do", m9="x")]},
         ["A1"]),
    Case("ATT001", "two-months-not-enough", NOV,
         {"members": [member("A1")], "attendance": [att("A1", m2="K", m5="K", m6="P", m7="có phép")]}, []),
    Case("ATT001", "exempt-months-excluded", NOV,
         {"members": [member("A1", status="Tạm miễn sinh hoạt", exempt_from="01/05/2026", exempt_to="31/08/2026")],
          "attendance": [att("A1", m2="K", m5="K", m8="K")]}, []),
    Case("ATT001", "exempt-mark-excludes-the-month", NOV,
         {"members": [member("A1")], "attendance": [att("A1", m2="K", m3="K"), att("A1", m4="K"),
                                                    att("A1", m4="M")]}, []),
    Case("ATT001", "months-before-admission-do-not-count", NOV,
         {"members": [member("A1", admitted="15/04/2026", official=None)],
          "attendance": [att("A1", m1="K", m2="K", m3="K", m5="K")]}, []),
    Case("ATT001", "admitted-mid-window-counts-from-admission-month", NOV,
         {"members": [member("A1", admitted="15/04/2026", official=None)],
          "attendance": [att("A1", m4="K", m6="K", m7="K")]}, ["A1"]),
    Case("ATT001", "exited-member-ignored", NOV,
         {"members": [member("A1", status="Đã chuyển đi")], "attendance": [att("A1", m2="K", m3="K", m4="K")]}, []),
    Case("ATT001", "months-after-as-of-ignored", date(2026, 3, 31),
         {"members": [member("A1")], "attendance": [att("A1", m2="K", m3="K", m4="K")]}, []),
    Case("ATT001", "rolling-window-reaches-last-year", date(2026, 2, 28),
         {"members": [member("A1")], "attendance": [
             {"member_id": "A1", "2025-11": "K", "2025-12": "K", "2026-01": "K"}]}, ["A1"],
         config={"window": "rolling"}),
    Case("ATT001", "calendar-window-ignores-last-year", date(2026, 2, 28),
         {"members": [member("A1")], "attendance": [
             {"member_id": "A1", "2025-11": "K", "2025-12": "K", "2026-01": "K"}]}, []),
    Case("ATT001", "long-table-of-meetings", NOV,
         {"members": [member("A1"), member("A2")],
          "attendance": [{"member_id": "A1", "meeting_date": "05/02/2026", "mark": "K"},
                         {"member_id": "A1", "meeting_date": "05/03/2026", "mark": "vắng không phép"},
                         {"member_id": "A1", "meeting_date": "2026-04-05 00:00:00", "mark": "kp"},
                         {"member_id": "A2", "meeting_date": "05/02/2026", "mark": "K"},
                         {"member_id": "A2", "meeting_date": "20/02/2026", "mark": "K"},
                         {"member_id": "A2", "meeting_date": "05/03/2026", "mark": "x"}]},
         ["A1"]),
    # --- DUE001 -------------------------------------------------------------------------------------------------
    Case("DUE001", "empty-wide-cells-are-unpaid", date(2026, 7, 31),
         {"members": [member("D1")], "dues": [dues("D1", m1=50000, m2=50000, m3=50000, m4=50000, m5=None,
                                                   m6=None, m7=None, m8=None)]}, ["D1"]),
    Case("DUE001", "excused-and-paid-months-are-not", date(2026, 7, 31),
         {"members": [member("D1")], "dues": [dues("D1", m1="x", m2="miễn", m3="đã nộp", m4="giảm", m5=0,
                                                   m6="nợ", m7="50.000", m8="50.000 đ", m9="30 000 VNĐ")]}, []),
    Case("DUE001", "long-table-lists-only-its-months", date(2026, 7, 31),
         {"members": [member("D1"), member("D2")],
          "dues": [{"member_id": "D1", "month": "1/2026", "amount": "0"}, {"member_id": "D1", "month": "T2/2026", "mark": "nợ"},
                   {"member_id": "D1", "month": "Tháng 3/2026", "amount": "0"},
                   {"member_id": "D2", "month": "1/2026", "amount": "0"}, {"member_id": "D2", "month": "2026-02", "amount": "0"},
                   {"member_id": "D2", "month": "3/2026", "amount": "30.000"}]},
         ["D1"]),
    # a run on 1 August: the two empty August cells are not owed yet (two months, not three); as of 31 August
    # they are, and an explicit unpaid mark in the running month always counts
    Case("DUE001", "empty-cell-of-the-running-month-not-yet-unpaid", date(2026, 8, 1),
         {"members": [member("D1"), member("D2")],
          "dues": [dues("D1", m1=50000, m2=50000, m3=50000, m4=50000, m5=50000, m6=None, m7=None, m8=None, m9=None),
                   dues("D2", m1=50000, m2=50000, m3=50000, m4=50000, m5=50000, m6=None, m7=None, m8="nợ")]},
         ["D2"]),
    Case("DUE001", "empty-cell-of-an-ended-month-is-unpaid", date(2026, 8, 31),
         {"members": [member("D1")],
          "dues": [dues("D1", m1=50000, m2=50000, m3=50000, m4=50000, m5=50000, m6=None, m7=None, m8=None)]},
         ["D1"]),
    Case("DUE001", "fifty-years-party-age-exempt", date(2026, 7, 31),
         {"members": [member("D1", admitted="01/03/1976", birth="01/01/1950")],
          "dues": [dues("D1", m1=0, m2=0, m3=0)]}, []),
    Case("DUE001", "forty-nine-years-not-exempt", date(2026, 7, 31),
         {"members": [member("D1", admitted="01/09/1976", birth="01/01/1950")],
          "dues": [dues("D1", m1=0, m2=0, m3=0)]}, ["D1"]),
    # --- RAT001 -------------------------------------------------------------------------------------------------
    Case("RAT001", "two-consecutive-khtnv", NOV,
         {"members": [member("R1")], "ratings": [{"member_id": "R1", "2024": "KHTNV", "2025": "Không hoàn thành nhiệm vụ"}]},
         ["R1"]),
    Case("RAT001", "not-consecutive-or-not-recent", NOV,
         {"members": [member("R1"), member("R2")],
          "ratings": [{"member_id": "R1", "2022": "KHTNV", "2024": "KHTNV"},
                      {"member_id": "R2", "2023": "KHTNV", "2024": "KHTNV", "2025": "HTNV"}]}, []),
    # --- PRB001 -------------------------------------------------------------------------------------------------
    # admitted 15/01/2025: probation ends 15/01/2026; the 30th working day after it, Tết skipped, is 05/03/2026
    Case("PRB001", "deadline-day-itself-not-overdue", date(2026, 3, 5),
         {"members": [member("P1", admitted="15/01/2025", official=None)]}, []),
    Case("PRB001", "day-after-deadline-overdue", date(2026, 3, 6),
         {"members": [member("P1", admitted="15/01/2025", official=None)]}, ["P1"]),
    Case("PRB001", "tet-not-counted-weekdays-would-be-late", date(2026, 2, 27),
         {"members": [member("P1", admitted="15/01/2025", official=None)]}, []),
    Case("PRB001", "extra-holiday-from-config-moves-deadline", date(2026, 3, 6),
         {"members": [member("P1", admitted="15/01/2025", official=None)]}, [],
         config={"extra_holidays": [date(2026, 3, 2)]}),
    Case("PRB001", "recognised-member-not-flagged", NOV,
         {"members": [member("P1", admitted="15/01/2025", official="20/01/2026")]}, []),
    # --- PRB002 -------------------------------------------------------------------------------------------------
    Case("PRB002", "recognised-early", NOV, {"members": [member("P1", admitted="10/03/2024", official="01/02/2025")]},
         ["P1"]),
    Case("PRB002", "exactly-twelve-months-ok", NOV,
         {"members": [member("P1", admitted="10/03/2024", official="10/03/2025")]}, []),
    # --- PRB003 -------------------------------------------------------------------------------------------------
    Case("PRB003", "seventeen-years-eight-months", NOV,
         {"members": [member("P1", birth="20/06/2008", admitted="01/03/2026", official=None)]}, ["P1"]),
    Case("PRB003", "eighteenth-birthday-ok-and-sixty-ok", NOV,
         {"members": [member("P1", birth="01/03/2008", admitted="01/03/2026", official=None),
                      member("P2", birth="01/03/1966", admitted="01/03/2026", official=None)]}, []),
    Case("PRB003", "sixty-and-one-month-too-old", NOV,
         {"members": [member("P2", birth="01/02/1966", admitted="01/03/2026", official=None)]}, ["P2"]),
    # --- TRF001 -------------------------------------------------------------------------------------------------
    # issued 15/01/2026: the 30th working day after it is 05/03/2026 (Tết skipped)
    Case("TRF001", "not-received-past-deadline", date(2026, 3, 6),
         {"members": [member("T1")], "transfers": [{"member_id": "T1", "kind": "Chính thức", "issued_on": "15/01/2026"}]},
         ["T1"], severity={"T1": "medium"}),
    Case("TRF001", "not-received-on-deadline-day", date(2026, 3, 5),
         {"members": [member("T1")], "transfers": [{"member_id": "T1", "kind": "Chính thức", "issued_on": "15/01/2026"}]},
         []),
    Case("TRF001", "received-late-is-low", NOV,
         {"members": [member("T1", status="Đã chuyển đi"), member("T2")],
          "transfers": [{"member_id": "T1", "issued_on": "15/01/2026", "received_on": "06/03/2026"},
                        {"member_id": "T2", "issued_on": "15/01/2026", "received_on": "05/03/2026"}]},
         ["T1"], severity={"T1": "low"}),
    # --- TRF002 -------------------------------------------------------------------------------------------------
    Case("TRF002", "retired-still-in-agency", NOV,
         {"members": [member("W1", unit="Chi bộ Phòng Tài chính", left_workplace_date="01/01/2026"),
                      member("W2", unit="Chi bộ Phòng Tài chính", left_workplace_date="01/01/2026"),
                      member("W3", unit="Chi bộ Tổ dân phố 1", left_workplace_date="01/01/2026")],
          "units": [{"unit": "Chi bộ Phòng Tài chính", "kind": "Cơ quan"}, {"unit": "Chi bộ Tổ dân phố 1", "kind": "Tổ dân phố"}],
          "transfers": [{"member_id": "W2", "issued_on": "15/02/2026"}]},
         ["W1"]),
    Case("TRF002", "within-sixty-working-days", date(2026, 3, 20),
         {"members": [member("W1", unit="Chi bộ Phòng Tài chính", left_workplace_date="01/01/2026")],
          "units": [{"unit": "Chi bộ Phòng Tài chính", "kind": "Cơ quan"}]}, []),
    # --- TRF003 -------------------------------------------------------------------------------------------------
    Case("TRF003", "until-passed-no-later-transfer", NOV,
         {"members": [member("S1"), member("S2")],
          "transfers": [{"member_id": "S1", "kind": "Tạm thời", "issued_on": "10/01/2025", "until": "31/12/2025"},
                        {"member_id": "S2", "kind": "Tạm thời", "issued_on": "10/01/2025", "until": "31/12/2025"},
                        {"member_id": "S2", "kind": "Chính thức", "issued_on": "05/01/2026"}]}, ["S1"]),
    Case("TRF003", "study-leave-gets-24-months", NOV,
         {"members": [member("S1"), member("S2")],
          "transfers": [{"member_id": "S1", "kind": "Tạm thời", "issued_on": "10/01/2025", "purpose": "Đi học tập"},
                        {"member_id": "S2", "kind": "Tạm thời", "issued_on": "10/01/2025", "purpose": "Lao động"}]},
         ["S2"]),
    Case("TRF003", "until-not-yet-passed-and-short-stay", NOV,
         {"members": [member("S1"), member("S2")],
          "transfers": [{"member_id": "S1", "kind": "Tạm thời", "issued_on": "10/01/2026", "until": "31/12/2026"},
                        {"member_id": "S2", "kind": "Tạm thời", "issued_on": "10/02/2026"}]}, []),
    # --- TRF004 -------------------------------------------------------------------------------------------------
    Case("TRF004", "same-id-two-units", NOV,
         {"members": [member("X1", unit="CB1"), member("X1", unit="CB2"), member("X2", unit="CB1")]}, ["X1", "X1"]),
    Case("TRF004", "same-national-id-different-cards", NOV,
         {"members": [member("N1", unit="CB1", national_id="001080012345"),
                      member("N2", unit="CB2", national_id="001080012345"),
                      member("N3", unit="CB2", national_id=None), member("N4", unit="CB1", national_id=None)]},
         ["N1", "N2"]),
    Case("TRF004", "guest-entry-and-exit-ignored", NOV,
         {"members": [member("G1", unit="CB1"), member("G1", unit="CB2", status="Sinh hoạt tạm thời"),
                      member("G2", unit="CB1"), member("G2", unit="CB3", status="Đã chuyển đi")]}, []),
    Case("TRF004", "same-name-and-birth-is-low", NOV,
         {"members": [member("Y1", full_name="Nguyễn Văn Áng"), member("Y2", unit="CB2", full_name="NGUYEN VAN ANG")]},
         ["Y1", "Y2"], severity={"Y1": "low", "Y2": "low"}),
    # the two tone-placement styles (Hoà/Hòa, Thuỷ/Thủy) and NFD text are one name; a different birth date is not
    Case("TRF004", "tone-placement-and-nfd-are-one-name", NOV,
         {"members": [member("H1", full_name="Lê Văn Hoà"), member("H2", unit="CB2", full_name="Lê Văn Hòa"),
                      member("T1", full_name="Trần Thị Thuỷ"),
                      member("T2", unit="CB3", full_name="Tra\u0302\u0300n Thi\u0323 Thu\u0309y"),  # NFD
                      member("K1", full_name="Phạm Khoẻ", birth="02/02/1970"),
                      member("K2", unit="CB2", full_name="Phạm Khỏe")]},
         ["H1", "H2", "T1", "T2"]),
    # --- RAT002 -------------------------------------------------------------------------------------------------
    Case("RAT002", "no-rating-last-year", NOV,
         {"members": [member("R1"), member("R2"), member("R3", admitted="10/02/2026", official=None),
                      member("R4", status="Miễn sinh hoạt"), member("R5", unit="CB9")],
          "ratings": [{"member_id": "R2", "2025": "HTTNV"}]}, ["R1"]),
    Case("RAT002", "all-rated", NOV,
         {"members": [member("R1")], "ratings": [{"member_id": "R1", "year": "2025", "rating": "HTXSNV"}]}, []),
    # --- EXM001 -------------------------------------------------------------------------------------------------
    Case("EXM001", "open-ended-over-twelve-months", NOV,
         {"members": [member("E1", status="Tạm miễn sinh hoạt", exempt_from="01/03/2025"),
                      member("E2", status="Tạm miễn sinh hoạt", exempt_from="01/03/2026")]}, ["E1"]),
    Case("EXM001", "end-date-passed", NOV,
         {"members": [member("E1", status="Tạm miễn sinh hoạt", exempt_from="01/03/2026", exempt_to="30/09/2026"),
                      member("E2", status="Miễn sinh hoạt", exempt_from="01/01/2020")]}, ["E1"]),
    Case("EXM001", "within-term", NOV,
         {"members": [member("E1", status="Tạm miễn sinh hoạt", exempt_from="01/03/2026", exempt_to="31/12/2026")]}, []),
    # --- STR001 -------------------------------------------------------------------------------------------------
    Case("STR001", "two-full-members", NOV,
         {"members": [member("S1"), member("S2"), member("S3", official=None, admitted="01/06/2026"),
                      member("S4", status="Từ trần")]}, ["CB1"]),
    Case("STR001", "exempt-counts-as-full", NOV,
         {"members": [member("S1"), member("S2"), member("S3", status="Miễn công tác và sinh hoạt đảng")]}, []),
    Case("STR001", "listed-unit-without-members", NOV,
         {"members": full_branch, "units": [{"unit": "CB1"}, {"unit": "Chi bộ mới"}]}, ["Chi bộ mới"]),
    # --- STR002 -------------------------------------------------------------------------------------------------
    Case("STR002", "missing-month", date(2026, 5, 31),
         {"members": full_branch, "attendance": [att("F1", m1="x", m2="x", m3="x", m5="x"), att("F2", m2="P")]},
         ["CB1"]),
    # a run on 1 June sees no June meeting yet: the month has just begun (the README's cron line runs then)
    Case("STR002", "running-month-is-not-a-gap", date(2026, 6, 1),
         {"members": full_branch, "attendance": [att("F1", m1="x", m2="x", m3="x", m4="x", m5="x")]}, []),
    Case("STR002", "ended-month-is-a-gap", date(2026, 6, 30),
         {"members": full_branch, "attendance": [att("F1", m1="x", m2="x", m3="x", m4="x", m5="x")]}, ["CB1"]),
    Case("STR002", "every-month-recorded-from-first", date(2026, 5, 31),
         {"members": full_branch, "attendance": [att("F1", m3="x", m4="K"), att("F2", m5="P")]}, []),
    # --- STR003 -------------------------------------------------------------------------------------------------
    Case("STR003", "no-admission-in-three-years", NOV,
         {"members": [member("A1", admitted="01/11/2023"), member("B1", unit="CB2", admitted="01/12/2023")]},
         ["CB1"]),
    Case("STR003", "recent-admission", NOV,
         {"members": [member("A1", admitted="01/01/2010"), member("A2", admitted="01/12/2023", official=None)]}, []),
    # --- STR004 -------------------------------------------------------------------------------------------------
    Case("STR004", "year-ended-below-target", date(2026, 1, 15),
         {"members": [member("A1", admitted="01/05/2025", parent_unit="Đảng bộ X"),
                      member("A2", unit="CB2", admitted="01/05/2025", parent_unit="Đảng bộ Y"),
                      member("A3", unit="CB2", admitted="01/06/2025", parent_unit="Đảng bộ Y")],
          "targets": [{"unit": "Đảng bộ X", "year": "2025", "admissions": "2"},
                      {"unit": "Đảng bộ Y", "year": "2025", "admissions": "2"}]},
         ["Đảng bộ X"], severity={"Đảng bộ X": "medium"}),
    Case("STR004", "projection-before-year-end-is-low", date(2026, 6, 30),
         {"members": [member("A1", admitted="01/05/2026", official=None, parent_unit="Đảng bộ X")],
          "targets": [{"unit": "Đảng bộ X", "year": "2026", "admissions": "4"},
                      {"unit": "Đảng bộ X", "year": "2027", "admissions": "40"}]},
         ["Đảng bộ X"], severity={"Đảng bộ X": "low"}),
    Case("STR004", "on-track-projection", date(2026, 6, 30),
         {"members": [member("A1", admitted="01/05/2026", official=None, parent_unit="Đảng bộ X"),
                      member("A2", admitted="01/06/2026", official=None, parent_unit="Đảng bộ X")],
          "targets": [{"unit": "Đảng bộ X", "year": "2026", "admissions": "4"}]}, []),
    # --- STR005 -------------------------------------------------------------------------------------------------
    Case("STR005", "student-share-below-minimum", NOV,
         {"members": [member(f"M{i}", admitted="01/05/2026", official=None, parent_unit="Đảng bộ X",
                             occupation="Sinh viên" if i == 0 else "Tự do") for i in range(12)]},
         ["Đảng bộ X"], config={"min_share": {"student": 0.10}}),
    Case("STR005", "share-met", NOV,
         {"members": [member(f"M{i}", admitted="01/05/2026", official=None, parent_unit="Đảng bộ X",
                             occupation="Sinh viên" if i < 2 else "Tự do") for i in range(12)]},
         [], config={"min_share": {"student": 0.10}}),
    # --- DAT001..DAT007 -----------------------------------------------------------------------------------------
    Case("DAT001", "missing-name-and-unit", NOV,
         {"members": [member("D1", full_name=None), member("D2", unit=None), member("D3")]}, ["D1", "D2"]),
    Case("DAT002", "impossible-and-two-digit", NOV,
         {"members": [member("D1", birth="31/02/1980"), member("D2", admitted="5/3/85"), member("D3", birth="29000"),
                      member("D4", birth="1980-01-02 00:00:00")]}, ["D1", "D2"]),
    Case("DAT003", "birth-after-admission-and-future", NOV,
         {"members": [member("D1", birth="12/04/1990", admitted="01/01/1989"), member("D2", official="01/01/2027"),
                      member("D3")]}, ["D1", "D2"]),
    Case("DAT004", "duplicate-in-one-unit", NOV,
         {"members": [member("D1"), member("D1"), member("D2"), member("D3", unit="CB2"), member("D3", unit="CB3")]},
         ["D1"]),
    Case("DAT005", "unknown-status-and-mark", NOV,
         {"members": [member("D1", status="Đang công tác"), member("D2")],
          "attendance": [att("D2", m1="ốm", m2="x")]}, ["D1", "D2"]),
    Case("DAT006", "record-for-unknown-member", NOV,
         {"members": [member("D1")], "attendance": [att("D1", m1="x"), att("D9", m1="x", m2="x")]}, ["D9"]),
    Case("DAT007", "partial-dates", NOV,
         {"members": [member("D1", birth="1962"), member("D2", admitted="03/1990"), member("D3")]}, ["D1", "D2"]),
    # an official date before the admission date is a date out of order too (and PRB002)
    Case("DAT003", "official-before-admission", NOV,
         {"members": [member("O1", admitted="01/01/2010", official="01/01/2009"), member("O2")]}, ["O1"]),
    Case("DAT002", "clean-dates", NOV, {"members": [member("D1", birth="1.2.1980")]}, []),
    # --- DAT008 / DAT009: citizen ids (PPP G YY RRRRRR) ----------------------------------------------------------
    Case("DAT008", "every-kind-of-wrong-id", NOV,
         {"members": [member("I1", national_id="01080012345"), member("I2", national_id="123456789"),
                      member("I3", national_id="099080012345"), member("I4", national_id="001480012345"),
                      member("I5", national_id="00108001234X"), member("I6", national_id="1080012"),
                      member("I7", national_id="001080012345"), member("I8", national_id="1.23456789012E+11"),
                      member("I9", national_id="101080012345"), member("I0", national_id=None)]},
         # I8 reads back as 123456789012: country code 123, but a century digit (4) no member is born in
         ["I1", "I2", "I3", "I4", "I5", "I6", "I8"]),
    Case("DAT008", "ids-stored-as-numbers-read-back", NOV,
         {"members": [member("N1", national_id="1080012345.0"), member("N2", national_id="001080012345")]},
         ["N1"]),
    Case("DAT008", "valid-ids-of-both-centuries-and-a-birth-abroad", NOV,
         {"members": [member("V1", national_id="001080012345"), member("V2", national_id="079301012345"),
                      member("V3", national_id="101085012345"), member("V4", national_id="0010 8001 2345")]}, []),
    Case("DAT009", "sex-and-birth-year-both-centuries", NOV,
         {"members": [member("S1", gender="Nữ", birth="01/01/1980", national_id="001080012345"),
                      member("S2", gender="Nam", birth="01/01/1980", national_id="001180012345"),
                      member("S3", gender="Nữ", birth="01/01/2001", national_id="001301012345"),
                      member("S4", gender="Nam", birth="01/01/2001", national_id="001201012345"),
                      member("S5", gender="Nam", birth="01/01/1981", national_id="001080012345"),
                      member("S6", gender="Nữ", birth="01/01/2001", national_id="001101012345")]},
         ["S1", "S2", "S5", "S6"]),
    Case("DAT009", "id-and-record-agree", NOV,
         {"members": [member("S1", gender="Nam", birth="01/01/1980", national_id="001080012345"),
                      member("S2", gender="Nữ", birth="02/02/2001", national_id="001301012345")]}, []),
    # --- DAT010: probationary members have no card yet; an official one must have it (DAT001) -------------
    Case("DAT010", "probationary-without-card", NOV,
         {"members": [member(None, record_number="012345HN", admitted="01/06/2026", official=None),
                      member(None, full_name="Lê Thị Hoa", birth="02/03/1999", admitted="01/06/2026", official=None),
                      member("C1")]},
         ["LL 012345HN", "le thi hoa 02/03/1999"]),
    Case("DAT010", "cards-for-all", NOV, {"members": [member("C1"), member("C2", official=None)]}, []),
    Case("DAT001", "official-member-without-card", NOV,
         {"members": [member(None, full_name="Phạm Văn Nam", birth="04/05/1970"), member("C1")]},
         ["pham van nam 04/05/1970"]),
    Case("DAT001", "nothing-missing", NOV, {"members": [member("D1")]}, []),
    Case("DAT003", "ordered-dates", NOV, {"members": [member("D1")]}, []),
    Case("DAT004", "no-duplicates", NOV, {"members": [member("D1"), member("D2")]}, []),
    Case("DAT005", "known-codes", NOV,
         {"members": [member("D1", status="Chính thức")], "attendance": [att("D1", m1="Có mặt", m2="VKLD")]}, []),
    Case("DAT006", "all-known", NOV, {"members": [member("D1")], "dues": [dues("D1", m1="x")]}, []),
    Case("DAT007", "full-dates", NOV, {"members": [member("D1")]}, []),
    # --- MIL001 -------------------------------------------------------------------------------------------------
    # as of 26/08/2026 the next occasion is 02/09/2026 and the one before it 19/05/2026
    Case("MIL001", "thirty-years-in-window", date(2026, 8, 26),
         {"members": [member("B1", admitted="15/06/1996"), member("B2", admitted="20/05/1986"),
                      member("B3", admitted="19/05/1996"), member("B4", admitted="03/09/1996")]}, ["B1", "B2"]),
    Case("MIL001", "gap-months-delay-the-badge", date(2026, 8, 26),
         {"members": [member("B1", admitted="15/06/1996", party_age_gap_months="6")]}, []),
]
