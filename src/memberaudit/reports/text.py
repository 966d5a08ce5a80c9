"""Terminal output with rich: summary by rule and committee, coverage, and finding tables."""

from __future__ import annotations

from pathlib import Path

from memberaudit.model.i18n import t
from memberaudit.model.lazy import pl
from memberaudit.reports.common import atomic_write, rule_title, skip_reasons

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def _table(title: str, *columns: str):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def summary(console, result, lang: str) -> None:
    by_rule = _table(t("ui.by_rule", lang), t("ui.rule", lang), t("ui.title", lang), t("ui.severity", lang),
                     t("ui.count", lang))
    counts = result.summary()
    for r in result.rules:
        if counts.get(r.code):
            by_rule.add_row(r.code, rule_title(r.code, lang), t(f"severity.{r.severity}", lang), str(counts[r.code]))
    console.print(by_rule)
    committees = (
        result.findings.group_by(pl.col("parent_unit").fill_null("—"))
        .agg([(pl.col("severity") == s).sum().alias(s) for s in ("high", "medium", "low")])
        .sort("parent_unit")
    )
    by_committee = _table(t("ui.by_committee", lang), t("ui.committee", lang), t("severity.high", lang),
                          t("severity.medium", lang), t("severity.low", lang))
    for name, high, medium, low in committees.iter_rows():
        by_committee.add_row(name, str(high), str(medium), str(low))
    console.print(by_committee)
    coverage(console, result, lang)
    for w in result.expired_waivers:
        console.print(t("ui.expired_waiver", lang, until=w.until.strftime("%d/%m/%Y"), member_id=w.member_id,
                        rule=w.rule, reason=w.reason), style="yellow")
    console.print(t("ui.total", lang, count=result.findings.height, as_of=result.as_of.strftime("%d/%m/%Y")))


def coverage(console, result, lang: str) -> None:
    table = _table(t("ui.coverage", lang), t("ui.rule", lang), t("ui.members_checked", lang),
                   t("ui.units_checked", lang), t("ui.skipped_reason", lang))
    for code, cov in result.coverage.items():
        table.add_row(code, str(cov["checked_members"]), str(cov["checked_units"]), skip_reasons(cov["skipped"], lang))
    console.print(table)


def findings(console, frame, lang: str, *, title: str, limit: int | None = None) -> None:
    """A table of findings with where they point (file › sheet, row, column)."""
    from rich.text import Text

    table = _table(title, t("ui.rule", lang), t("ui.severity", lang), t("ui.where", lang), t("ui.member", lang),
                   t("ui.message", lang))
    shown = frame if limit is None else frame.head(limit)
    for row in shown.iter_rows(named=True):
        where = " › ".join(x for x in (row["file"] and Path(row["file"]).name, row["sheet"]) if x)
        if row["row"]:
            where += f" › {row['column'] or ''}{row['row']}"
        who = " ".join(x for x in (row["member_id"], row["full_name"]) if x) or (row["unit"] or "")
        table.add_row(row["rule"], Text(t("severity." + row["severity"], lang), style=_SEVERITY_STYLE[row["severity"]]),
                      where, who, row["message"])
    console.print(table)
    if limit is not None and frame.height > limit:
        console.print(t("ui.more", lang, count=frame.height - limit))


def diff_summary(console, result: dict, lang: str) -> None:
    """Counts by rule of new, resolved and unchanged findings, then the new ones in full."""
    rules_seen = sorted({f["rule"] for part in ("new", "resolved", "unchanged") for f in result[part]})
    table = _table(t("diff.title", lang, old=result["old_as_of"], new=result["new_as_of"]), t("ui.rule", lang),
                   t("diff.new", lang), t("diff.resolved", lang), t("diff.unchanged", lang))
    for code in rules_seen:
        table.add_row(code, *[str(sum(f["rule"] == code for f in result[part]))
                              for part in ("new", "resolved", "unchanged")])
    console.print(table)
    if result["new"]:
        listing = _table(t("diff.new", lang), t("ui.rule", lang), t("ui.unit", lang), t("ui.member", lang),
                         t("ui.message", lang))
        for f in result["new"]:
            listing.add_row(f["rule"], f.get("unit") or "", " ".join(x for x in (f.get("member_id"), f.get("full_name")) if x),
                            f["message"])
        console.print(listing)
    console.print(t("diff.total", lang, new=len(result["new"]), resolved=len(result["resolved"]),
                    unchanged=len(result["unchanged"])))


def write(result, path, lang: str):
    """The summary `summary` prints, as a plain-text file (no colours, 120 columns)."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    summary(Console(file=buffer, width=120, no_color=True, highlight=False, soft_wrap=False, markup=False), result,
            lang)
    return atomic_write(path, lambda tmp: tmp.write_text(buffer.getvalue(), encoding="utf-8"))
