"""The typed configuration every stage is given (SPEC 4); parsing it from TOML lives in `memberaudit.config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CONFIG_NAME = "memberaudit.toml"


@dataclass(frozen=True)
class Setting:
    """One plain key of memberaudit.toml: its type, allowed values, default and what it does. This table
    drives the parsing (`memberaudit.config`), the template `memberaudit init` writes and the README's
    table; the structured sections ([rules.CODE], [aliases.KIND], [marks.KIND], [mix.min_share],
    [[waivers]]) are parsed against the rules and vocabularies they name."""

    key: str  # as written in the file: "window", "calendar.occasions"
    kind: str  # date, text, texts, dates, days (MM-DD texts), path, bool
    default: object
    example: str  # a TOML value for the template
    help: str
    choices: tuple[str, ...] = ()

    @property
    def attr(self) -> str:
        """The Config field it sets."""
        return self.key.rsplit(".", 1)[-1]


OCCASIONS = ("02-03", "05-19", "09-02", "11-07")  # MM-DD: 3/2, 19/5, 2/9, 7/11
# the member fields the party database and the member handbook need (`memberaudit quality`); the official
# date and the card number only for official members
QUALITY_FIELDS = ("full_name", "birth_date", "gender", "ethnicity", "religion", "admission_date", "official_date",
                  "member_id", "national_id", "unit", "phone")
SETTINGS = (
    Setting("as_of", "date", None, "2026-12-31", "audit date (default: today)"),
    Setting("lang", "text", None, '"vi"', "language of what people read: vi or en (default vi)", ("vi", "en")),
    Setting("select", "texts", (), "[]", "rule codes, prefixes or categories to run (default: all)"),
    Setting("ignore", "texts", (), "[]", "rule codes, prefixes or categories to skip"),
    Setting("window", "text", "calendar", '"calendar"',
            "calendar: January to the as-of month; rolling: the 12 months ending there", ("calendar", "rolling")),
    Setting("pack", "text", "vn-cpv", '"vn-cpv"', "the rule pack (RULES.md; cn-cpc is to follow)", ("vn-cpv",)),
    Setting("cache", "path", None, '"bo-nho-dem"',
            "keep what was read in this folder (next to this file): unchanged files are not read again; it holds "
            "member data"),
    Setting("include_hidden", "bool", False, "false", "read hidden sheets too (working copies, lookup lists)"),
    Setting("calendar.extra_holidays", "dates", (), "[2026-09-01]", "days off besides Vietnam's public holidays"),
    Setting("calendar.occasions", "days", OCCASIONS, '["02-03", "05-19", "09-02", "11-07"]',
            "party-badge award days, MM-DD"),
    Setting("stats.province", "text", None, '"Hà Nội"',
            "the committee's province or city: a transfer naming it is within the province (`memberaudit stats`)"),
    Setting("quality.required", "texts", QUALITY_FIELDS, '["full_name", "birth_date", "national_id", "phone"]',
            "the member fields `memberaudit quality` scores (default: all of them)", QUALITY_FIELDS),
)


@dataclass(frozen=True)
class Waiver:
    member_id: str
    rule: str
    reason: str
    until: date


@dataclass
class Config:
    as_of: date | None = None
    lang: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    window: str = "calendar"
    pack: str = "vn-cpv"
    rule_params: dict[str, dict] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    marks: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    extra_holidays: list[date] = field(default_factory=list)
    min_share: dict[str, float] = field(default_factory=lambda: {"student": 0.10, "enterprise": 0.15})
    occasions: list[str] = field(default_factory=lambda: list(OCCASIONS))
    waivers: list[Waiver] = field(default_factory=list)
    cache: str | None = None  # folder of files already read (memberaudit.cache)
    include_hidden: bool = False  # read hidden sheets too (working copies and lookups, skipped by default)
    required: list[str] = field(default_factory=lambda: list(QUALITY_FIELDS))  # [quality] required
    province: str | None = None  # [stats] province

    def params(self, rule) -> dict:
        return {**rule.params, **self.rule_params.get(rule.code, {})}

