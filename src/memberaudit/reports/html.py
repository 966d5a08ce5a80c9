"""The HTML report: one self-contained, printable file (inline CSS, JS and SVG; no network request)."""

from __future__ import annotations

import json
from pathlib import Path

from memberaudit import __version__
from memberaudit.composition import AGE_BANDS, population, pyramid
from memberaudit.i18n import catalogue, t
from memberaudit.lazy import pl
from memberaudit.reports import charts
from memberaudit.reports.common import atomic_write, records, rule_title, skip_reasons

SECTION_ROWS = 300  # findings printed per committee section; the full list is in the interactive table


def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("memberaudit.reports", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _script_json(value) -> str:
    """JSON safe inside <script>: no "<" at all, so nothing can close or re-open the element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def context(result, roster, *, lang: str, show_ids: bool = False) -> dict:
    findings = result.findings
    counts = result.summary()
    labels = {s: t(f"severity.{s}", lang) for s in ("high", "medium", "low")}
    by_committee = (
        findings.group_by(pl.col("parent_unit").fill_null("—").alias("committee"))
        .agg([(pl.col("severity") == s).sum().alias(s) for s in ("high", "medium", "low")])
        .sort("committee")
    )
    people = population(roster, result.as_of)
    ages = pyramid(people)
    left = {b: c for b, g, c in ages.iter_rows() if g == "male"}
    right = {b: c for b, g, c in ages.iter_rows() if g == "female"}
    group_labels = catalogue(lang).VALUE_LABELS["group"]
    occupations = people.group_by("occupation").len().sort("len", descending=True)
    rows = records(result, show_ids=show_ids)
    table = [[r["rule"], r["severity"], r["parent_unit"] or "", r["unit"] or "", r["member_id"] or "",
              r["full_name"] or "", r["message"], _where(r), "✓" if r["waived"] else ""] for r in rows]
    sections = []
    for committee, group in _by_committee(rows):
        per_rule: dict[str, int] = {}
        for r in group:
            per_rule[r["rule"]] = per_rule.get(r["rule"], 0) + 1
        sections.append({"name": committee, "count": len(group), "per_rule": sorted(per_rule.items()),
                         "rows": group[:SECTION_ROWS], "more": max(len(group) - SECTION_ROWS, 0)})
    screening = findings.filter((pl.col("category") == "screening") & ~pl.col("waived"))
    return {
        "lang": lang, "t": lambda key, **kw: t(key, lang, **kw), "version": __version__,
        "as_of": result.as_of.strftime("%d/%m/%Y"), "inputs": [Path(f).name for f in roster.files],
        "cards": [
            (t("html.card_findings", lang), findings.height),
            (t("html.card_screening", lang), screening["member_id"].n_unique()),
            (t("html.card_members", lang), people.height),
            (t("html.card_committees", lang), people["parent_unit"].n_unique()),
        ],
        "rules": [{"code": r.code, "title": rule_title(r.code, lang), "severity": r.severity,
                   "severity_label": labels[r.severity], "count": counts.get(r.code, 0), "reference": r.reference}
                  for r in result.rules],
        "coverage": [{"code": code, "members": c["checked_members"], "units": c["checked_units"],
                      "skipped": skip_reasons(c["skipped"], lang)} for code, c in result.coverage.items()],
        "committee_chart": charts.stacked(
            [(name, {"high": h, "medium": m, "low": lo}) for name, h, m, lo in by_committee.iter_rows()],
            ["high", "medium", "low"], labels, title=t("html.chart_committees", lang)),
        "pyramid_chart": charts.pyramid([b for b, _, _ in AGE_BANDS], left, right,
                                        (t("html.male", lang), t("html.female", lang)), title=t("html.chart_ages", lang)),
        "occupation_chart": charts.bars([(group_labels.get(g, g), n / max(people.height, 1))
                                         for g, n in occupations.iter_rows()], title=t("html.chart_occupations", lang),
                                        percent=True),
        "severity_labels": labels,
        "table_json": _script_json(table),
        "sections": sections,
        "expired_waivers": result.expired_waivers,
        "skipped": roster.skipped,
    }


def _where(r: dict) -> str:
    if not r["file"]:
        return ""
    cell = f"{r['column'] or ''}{r['row'] or ''}"
    return " › ".join(x for x in (Path(r["file"]).name, r["sheet"], cell) if x)


def _by_committee(rows: list[dict]):
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["parent_unit"] or "—", []).append(r)
    return sorted(groups.items())


def render(result, roster, *, lang: str = "vi", show_ids: bool = False) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(**context(result, roster, lang=lang, show_ids=show_ids))


def write(result, roster, path, *, lang: str = "vi", show_ids: bool = False) -> Path:
    text = render(result, roster, lang=lang, show_ids=show_ids)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
