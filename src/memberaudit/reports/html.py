"""The HTML report: one self-contained, printable file (inline CSS, JS and SVG; no network request)."""

from __future__ import annotations

import functools
from pathlib import Path

from memberaudit import __version__
from memberaudit.model.collation import text_key
from memberaudit.model.i18n import catalogue, t
from memberaudit.model.lazy import pl
from memberaudit.reports import charts
from memberaudit.reports.common import atomic_write, notes, reading_order, rule_title, skip_reasons
from memberaudit.reports.views.composition import AGE_BANDS, population, pyramid

SECTION_ROWS = 300  # findings printed per committee section; the full list is in the interactive table


@functools.cache
def environment():
    """The report's template environment (compiled templates are kept: 0.05 s a report, made once)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("memberaudit.reports", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def context(result, roster, *, lang: str) -> dict:
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
    # members the pyramid cannot place: no sex, or no birth date, recorded
    unplaced = sum(c for b, g, c in ages.iter_rows() if g not in ("male", "female") or b == "?")
    group_labels = catalogue(lang).VALUE_LABELS["group"]
    occupations = people.group_by("occupation").len().sort("len", descending=True)
    sections = []
    committee = pl.col("parent_unit").fill_null("—")
    ordered = reading_order(findings)
    for (name,), group in sorted(ordered.with_columns(committee.alias("_c")).group_by("_c", maintain_order=True),
                                 key=lambda kv: text_key(kv[0][0])):
        per_rule = sorted(group.group_by("rule").len().iter_rows())
        sections.append({"name": name, "count": group.height, "per_rule": per_rule,
                         "rows": _section_rows(group.head(SECTION_ROWS), labels, t("ui.waived", lang)),
                         "more": max(group.height - SECTION_ROWS, 0)})
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
        "unplaced": unplaced,
        "severity_labels": labels,
        "table_json": _table_json(findings),
        "sections": sections,
        "expired_waivers": result.expired_waivers,
        "skipped": roster.skipped,
        "notes": notes(roster),
    }


def _escape(expr):
    """HTML-escaped text, as Jinja's autoescape writes it."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;"), ("'", "&#39;")):
        expr = expr.str.replace_all(char, entity, literal=True)
    return expr


def _section_rows(findings, labels: dict[str, str], waived: str):
    """A committee section's table rows as safe HTML, rendered by Polars (up to 300 rows × every committee)."""
    from markupsafe import Markup

    if findings.height == 0:
        return Markup("")
    text = lambda name: _escape(pl.col(name).fill_null(""))  # noqa: E731
    row = pl.concat_str([
        pl.lit("<tr><td>"), text("rule"), pl.lit('</td><td class="sev sev-'), text("severity"), pl.lit('">'),
        _escape(pl.col("severity").replace_strict(labels, default="")), pl.lit("</td><td>"), text("unit"),
        pl.lit("</td><td>"), text("member_id"), pl.lit(" "), text("full_name"), pl.lit("</td><td>"), text("message"),
        pl.when(pl.col("waived")).then(pl.concat_str([pl.lit(" <i>("), _escape(pl.lit(waived)), pl.lit(": "),
                                                      text("waiver_reason"), pl.lit(")</i>")])).otherwise(pl.lit("")),
        pl.lit("</td></tr>"),
    ])
    return Markup(findings.select(row.alias("r"))["r"].str.join("\n      ").item())


def _json_text(expr):
    """A text as a JSON string (quoted, escaped), by Polars: a one-field struct's JSON, its key cut off
    (one struct of every cell, encoded at once, cost four times as much)."""
    return pl.struct(expr.alias("v")).struct.json_encode().str.strip_prefix('{"v":').str.strip_suffix("}")


def _table_json(findings) -> str:
    """The interactive table's rows as a JSON array of arrays, built by Polars (reports can hold 10^5 rows)."""
    file_name = pl.col("file").str.replace(r"^.*[/\\]", "")
    cell = pl.concat_str([pl.col("column").fill_null(""), pl.col("row").cast(pl.String).fill_null("")])
    where = pl.when(pl.col("file").is_null()).then(pl.lit("")).otherwise(
        pl.concat_str([file_name, pl.lit(" › "), pl.col("sheet").fill_null(""),
                       pl.when(cell != "").then(pl.lit(" › ") + cell).otherwise(pl.lit(""))]))
    cells = [pl.col(c).fill_null("") for c in ("rule", "severity", "parent_unit", "unit", "member_id", "full_name",
                                                 "message")]
    cells += [where, pl.when(pl.col("waived")).then(pl.lit("✓")).otherwise(pl.lit(""))]
    row = pl.concat_str([pl.lit("["), pl.concat_str([_json_text(c) for c in cells], separator=","), pl.lit("]")])
    body = findings.select(row.alias("j"))["j"].str.join(",").item() if findings.height else ""
    return ("[" + body + "]").replace("<", "\\u003c")


def render(result, roster, *, lang: str = "vi") -> str:
    template = environment().get_template("report.html.j2")
    return template.render(**context(result, roster, lang=lang))


def write(result, roster, path, *, lang: str = "vi") -> Path:
    text = render(result, roster, lang=lang)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
