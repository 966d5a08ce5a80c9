"""Where raw tables came from: a table's source (file, sheet, header row, column letters), the raw table
itself, a sheet skipped with its reason, and one file's load."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """Where one raw table came from, and which Excel column holds each field or wide key."""

    file: str
    sheet: str
    kind: str
    header_row: int
    year: int | None = None
    titles: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None  # "tcvn3" or "vni" when the sheet was typed in a legacy font and converted
    header_rows: int = 1  # 2 for a group title row over sub-columns
    numbering_row: int | None = None  # the Excel row numbering the columns under the header, skipped
    data_rows: int = 0
    unit_from_title: str | None = None  # a register without a branch column: the branch its title names
    sections: int = 0  # rows within the table naming the branch ("II. CHI BỘ …") of the rows under them
    headers: dict[str, str] = field(default_factory=dict)  # column letter → its header as written
    unused: dict[str, str] = field(default_factory=dict)  # column letter → header read into no field
    unlabeled: list[str] = field(default_factory=list)  # columns holding data under no header
    title_months: list[tuple[int, int]] = field(default_factory=list)  # (year, month) a title names: dues by name
    # a members list of some of another list's members ("DANH SÁCH ĐẢNG VIÊN ĐƯỢC MIỄN SINH HOẠT"): that list's
    # sheet, and the status its title names; its rows add to theirs, never stand as members of their own
    supplements: str | None = None
    title_status: str | None = None
    missing: list[str] = field(default_factory=list)  # required fields it lacks (read only as a supplement)


@dataclass
class RawTable:
    source: Source
    frame: object  # pl.DataFrame of text columns named by field or wide key, plus `_row` (Excel row)
    shaped: bool = False  # its ids' digits and its year columns already reshaped (normalize.shape)


@dataclass
class Skipped:
    file: str
    sheet: str
    reason: str
    params: dict = field(default_factory=dict)

    def says(self, lang: str) -> str:
        return skip_text(self.reason, self.params, lang)

    @property
    def whole_file(self) -> bool:
        """A file left out of a run of several, unreadable (its input error in `params`), not one sheet."""
        return self.reason == FILE_LEFT_OUT

    def line(self, lang: str) -> str:
        """What the run says of it: "Bỏ qua tệp › trang: lý do", or a file left out and why."""
        from memberaudit.model.i18n import t

        if self.whole_file:
            return t("ui.file_left_out", lang, reason=self.says(lang))
        return t("ui.skipped", lang, file=self.file, sheet=self.sheet, reason=self.says(lang))


# the reason of a file a run of several leaves out, its input error's key and params beside it
FILE_LEFT_OUT = "skip.file"


def skip_text(reason: str, params: dict, lang: str) -> str:
    """Why a sheet was skipped, in `lang`: a table kind by its name in that language (its code stays for the
    configuration's section), a missing column by the header the readers know it by."""
    from memberaudit.model.i18n import t
    from memberaudit.model.vocab import COLUMN_ALIASES

    if reason == FILE_LEFT_OUT:
        from memberaudit.model.errors import InputError

        return InputError(params["key"], **params["params"]).render(lang)
    named = dict(params)
    if kind := named.get("kind"):
        named["kind_label"] = t(f"kind.{kind}", lang)
        if other := named.get("other"):
            named["other_label"] = t(f"kind.{other}", lang)
        if column := named.get("column"):
            named["header"] = COLUMN_ALIASES.get(kind, {}).get(column, (column,))[0]
    return t(reason, lang, **named)


@dataclass
class Loaded:
    tables: list[RawTable] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
