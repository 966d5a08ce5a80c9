"""The engine: run the selected rules over one Roster and return one findings frame plus coverage."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from memberaudit.checks.calendar import WorkCalendar
from memberaudit.checks.common import Context, active_members, all_firsts, in_covered_units, member_rows
from memberaudit.checks.registry import Rule, rules, select
from memberaudit.model.config import Config
from memberaudit.model.i18n import catalogue
from memberaudit.model.lazy import pl

BASE = ("member_id", "unit", "parent_unit", "full_name", "_src", "_row", "field", "value", "severity")
FINDING_COLUMNS = {
    "rule": "String", "category": "String", "severity": "String", "unit": "String", "parent_unit": "String",
    "member_id": "String", "full_name": "String", "message": "String", "evidence": "String",
    "reference": "String", "file": "String", "sheet": "String", "row": "Int64", "column": "String",
    "value": "String", "waived": "Boolean", "waiver_reason": "String",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class AuditResult:
    as_of: date
    findings: object  # pl.DataFrame with FINDING_COLUMNS
    coverage: dict = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    expired_waivers: list = field(default_factory=list)

    def reaches(self, severity: str) -> bool:
        """Whether a finding not waived is at least this severe (`--fail-on`)."""
        active = self.findings.filter(~pl.col("waived"))
        return any(SEVERITY_ORDER[s] <= SEVERITY_ORDER[severity] for s in active["severity"].unique().to_list())

    def summary(self) -> dict[str, int]:
        counts = dict(self.findings.group_by("rule").len().sort("rule").iter_rows())
        return {r.code: counts.get(r.code, 0) for r in self.rules}


def finding_schema() -> dict:
    return {k: getattr(pl, v) for k, v in FINDING_COLUMNS.items()}


def build_calendar(roster, as_of: date, config: Config) -> WorkCalendar:
    """A working-day calendar spanning every date a deadline is computed from."""
    starts = [
        roster.transfers.get_column("issued_on").min(),
        roster.members.get_column("left_workplace_date").min(),
        roster.members.filter(pl.col("status") == "probationary").get_column("admission_date").min(),
    ]
    first = min([d for d in starts if d is not None and d <= as_of] or [as_of])
    return WorkCalendar(max(first.year, 1950), max(as_of.year, first.year) + 2, config.extra_holidays)


def audit(roster, *, as_of: date, config: Config | None = None, select_codes: list[str] | None = None,
          ignore_codes: list[str] | None = None, lang: str = "vi", occasion: date | None = None,
          early: bool = False) -> AuditResult:
    config = config or Config()
    chosen = select(rules(), select_codes or config.select, ignore_codes or config.ignore)
    calendar = build_calendar(roster, as_of, config)
    base = Context(as_of=as_of, calendar=calendar, window=config.window, min_share=config.min_share,
                   occasions=config.occasions, occasion=occasion, early=early)

    def run(r: Rule):
        missing = [kind for kind in r.needs if not roster.has(kind)]
        if missing:
            return None, {"checked_members": 0, "checked_units": 0, "skipped": [f"no_table:{kind}" for kind in missing]}
        ctx = Context(**{**base.__dict__, "params": config.params(r)})
        raw = r.check(roster, ctx)
        return _finish(r, raw, config, roster, context_frames.result(), lang), _coverage(r, roster, ctx)

    # rules are independent and Polars releases the GIL: two at a time keep both cores busy; the frames
    # findings are completed from (0.5 s for 5.3 million members) are made meanwhile, by the first thread free
    with ThreadPoolExecutor(max_workers=2) as pool:
        context_frames = pool.submit(_context_frames, roster)
        results = list(pool.map(run, chosen))
    frames = [frame for frame, _ in results if frame is not None]
    coverage = {r.code: cov for r, (_, cov) in zip(chosen, results, strict=True)}
    findings = pl.concat(frames, how="vertical") if frames else pl.DataFrame(schema=finding_schema())
    findings, expired = _apply_waivers(findings, config, as_of)
    findings = findings.sort(["unit", "member_id", "rule", "file", "row", "column", "message"], nulls_last=False,
                             maintain_order=True)
    return AuditResult(as_of, findings, coverage, chosen, expired)


def _context_frames(roster) -> dict:
    from memberaudit.checks.structure import unit_parents

    firsts = all_firsts(roster)
    return {
        "members": firsts.select("member_id", pl.col("unit").alias("_m_unit"),
                                     pl.col("parent_unit").alias("_m_parent"), pl.col("full_name").alias("_m_name")),
        "parents": unit_parents(roster).select("unit", pl.col("parent_unit").alias("_u_parent")),
        "sources": roster.sources_frame(),
        "files": pl.DataFrame(
            {"_src": list(range(len(roster.sources))), "_file": [s.file for s in roster.sources],
             "_sheet": [s.sheet for s in roster.sources]}, schema={"_src": pl.Int32, "_file": pl.String, "_sheet": pl.String}),
    }


def _finish(r: Rule, raw, config: Config, roster, frames: dict, lang: str):
    """Add the rule's metadata, message, evidence and cell provenance to a check's raw output."""
    for column in BASE:
        if column not in raw.columns:
            raw = raw.with_columns(pl.lit(None, dtype=pl.Int32 if column == "_src" else
                                          pl.Int64 if column == "_row" else pl.String).alias(column))
    evidence_cols = [c for c in raw.columns if c not in BASE]
    if raw.height and not r.required_evidence() <= set(evidence_cols) <= set(r.evidence):  # the declared contract
        raise RuntimeError(f"{r.code} returned evidence {evidence_cols}; it declares {r.evidence}")
    texts = r.text(lang)
    frame = raw.with_columns(pl.col("_src").cast(pl.Int32), pl.col("_row").cast(pl.Int64))
    if frame.height and frame.select(pl.any_horizontal(pl.col("member_id").is_not_null() & (
            pl.col("unit").is_null() | pl.col("full_name").is_null() | pl.col("parent_unit").is_null())).any()).item():
        # the member's own row, found by id code (a hash join on 5.3 million ids took 0.4 s per rule)
        members = frames["members"]
        rows = member_rows(frame.select(_codes(frame, roster)), members)
        frame = frame.with_columns(members.get_column(c).gather(rows) for c in ("_m_unit", "_m_name", "_m_parent")).with_columns(
            pl.coalesce("unit", "_m_unit").alias("unit"), pl.coalesce("full_name", "_m_name").alias("full_name"),
            pl.coalesce("parent_unit", "_m_parent").alias("parent_unit"))
    if frame.schema["member_id"] == pl.UInt32:
        frame = frame.with_columns(roster.id_text())
    frame = (
        frame.join(frames["parents"], on="unit", how="left")
        .with_columns(pl.coalesce("parent_unit", "_u_parent").alias("parent_unit"))
        .join(frames["files"], on="_src", how="left")
        .join(frames["sources"], on=["_src", "field"], how="left")
        .with_columns(pl.coalesce("file", "_file").alias("file"), pl.coalesce("sheet", "_sheet").alias("sheet"))
    )
    severity = config.severities.get(r.code)
    evidence = (pl.struct(evidence_cols).struct.json_encode() if evidence_cols else pl.lit("{}"))
    return frame.select(
        pl.lit(r.code).alias("rule"), pl.lit(r.category).alias("category"),
        (pl.lit(severity) if severity else pl.coalesce("severity", pl.lit(r.severity))).alias("severity"),
        "unit", "parent_unit", "member_id", "full_name",
        message(texts.get("message", r.code), frame, lang).alias("message"),
        evidence.alias("evidence"), pl.lit(r.reference).alias("reference"),
        "file", "sheet", pl.col("_row").alias("row"), "column", "value",
        pl.lit(False).alias("waived"), pl.lit(None, dtype=pl.String).alias("waiver_reason"),
    ).cast(finding_schema())


def _codes(frame, roster):
    """The findings' member ids as the Roster's codes (a rule reporting on the data may give them as text)."""
    if frame.schema["member_id"] == pl.UInt32:
        return pl.col("member_id")
    return pl.lit(roster.id_codes(frame.get_column("member_id").cast(pl.String))).alias("member_id")


def message(template: str, frame, lang: str):
    """Fill a message template's {placeholders} from the frame's columns: dates dd/mm/yyyy, lists joined,
    coded values through the catalogue's VALUE_LABELS."""
    labels = catalogue(lang).VALUE_LABELS
    parts, args = [], []
    last = 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(template[last:found.start()].replace("{", "{{").replace("}", "}}"))
        parts.append("{}")
        last = found.end()
        name = found.group(1)
        if name not in frame.columns:  # a template naming a field the rule does not return is a bug
            if frame.height == 0:  # (an empty result may carry no columns at all: nothing to fill)
                return pl.lit(None, dtype=pl.String)
            raise RuntimeError(f"message template {template!r} names {{{name}}}, which the rule does not return")
        dtype = frame.schema[name]
        col = pl.col(name)
        if dtype == pl.Date:
            expr = col.dt.strftime("%d/%m/%Y")
        elif isinstance(dtype, pl.List):
            expr = col.list.eval(pl.element().cast(pl.String)).list.join(", ")
        elif name in labels:
            expr = col.cast(pl.String).replace(labels[name])
            if name == "field":  # a wide sheet's month column: "2026-09" reads "tháng 09/2026"
                expr = expr.str.replace(r"^(\d{4})-(\d{2})$", catalogue(lang).MONTH_FIELD)
        elif dtype == pl.Float64:
            expr = (col * 100).round(1).cast(pl.String) + "%" if name in ("share", "min_share") else col.cast(pl.String)
        else:
            expr = col.cast(pl.String)
        args.append(expr.fill_null("—"))
    parts.append(template[last:].replace("{", "{{").replace("}", "}}"))
    return pl.format("".join(parts), *args) if args else pl.lit(template)


def _coverage(r: Rule, roster, ctx: Context) -> dict:
    if r.covers is not None:
        checked, skipped = r.covers(roster, ctx)
        return {"checked_members": checked.height, "checked_units": checked["unit"].n_unique(), "skipped": skipped}
    scope = next((k for k in r.needs if k in ("attendance", "dues", "ratings")), None)
    if r.category == "data":  # members, as every other rule counts them, not rows
        return dict(roster.derived(("coverage", "data"), lambda: {
            "checked_members": roster.members["member_id"].n_unique(),
            "checked_units": roster.members["_unit"].n_unique(), "skipped": []}))
    if "transfers" in r.needs:
        return dict(roster.derived(("coverage", "transfers"), lambda: _transfer_coverage(roster)))
    def count():
        active = active_members(roster, ctx).select("_unit")
        if scope:
            active = active.filter(in_covered_units(roster, scope))
        active = active.collect()
        return {"checked_members": active.height, "checked_units": active["_unit"].n_unique(), "skipped": []}

    return dict(roster.derived(("coverage", ctx.as_of, scope), count))


def _transfer_coverage(roster) -> dict:
    """The members whose transfers were checked, and the branches they were registered in (else left)."""
    ids = roster.transfers.select("member_id").unique()
    units = roster.transfers.select(pl.coalesce("from_unit", "to_unit").alias("unit"))
    return {"checked_members": ids.height, "checked_units": units.drop_nulls().n_unique(), "skipped": []}


def _apply_waivers(findings, config: Config, as_of: date):
    if not config.waivers:
        return findings, []
    current = [w for w in config.waivers if w.until >= as_of]
    expired = [w for w in config.waivers if w.until < as_of]
    if current:
        table = pl.DataFrame({"member_id": [w.member_id for w in current], "rule": [w.rule for w in current],
                              "_reason": [w.reason for w in current]})
        findings = findings.join(table, on=["member_id", "rule"], how="left").with_columns(
            pl.col("_reason").is_not_null().alias("waived"), pl.col("_reason").alias("waiver_reason")).drop("_reason")
    return findings, expired
