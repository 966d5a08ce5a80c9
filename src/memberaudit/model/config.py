"""The typed configuration every stage is given (SPEC 4); parsing it from TOML lives in `memberaudit.config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CONFIG_NAME = "memberaudit.toml"


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
    rule_params: dict[str, dict] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    marks: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    extra_holidays: list[date] = field(default_factory=list)
    min_share: dict[str, float] = field(default_factory=lambda: {"student": 0.10, "enterprise": 0.15})
    occasions: list[str] = field(default_factory=lambda: ["02-03", "05-19", "09-02", "11-07"])  # MM-DD: 3/2, 19/5, 2/9, 7/11
    waivers: list[Waiver] = field(default_factory=list)
    cache: str | None = None  # folder of files already read (memberaudit.cache)
    include_hidden: bool = False  # read hidden sheets too (working copies and lookups, skipped by default)

    def params(self, rule) -> dict:
        return {**rule.params, **self.rule_params.get(rule.code, {})}

