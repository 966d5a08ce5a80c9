"""Composition of members (or of one year's admissions): age bands, occupation groups, gender, ethnicity.

Counts and shares per committee, per branch and for the whole organisation, one long frame for every
report (the `mix` command, the HTML charts, the Excel sheets).
"""

from __future__ import annotations

from datetime import date

from memberaudit.checks.common import current_members
from memberaudit.checks.structure import admissions
from memberaudit.model.lazy import pl

AGE_BANDS = (("18–30", 0, 30), ("31–40", 31, 40), ("41–50", 41, 50), ("51–60", 51, 60), ("61–70", 61, 70),
             (">70", 71, 200))
DIMENSIONS = ("age", "occupation", "gender", "ethnicity")
TOTAL = "*"


def age_years(on):
    """Expression: whole years of age on `on`, a date or a date expression (a member's admission date)."""
    born, on = pl.col("birth_date"), pl.lit(on) if isinstance(on, date) else on

    def month_day(day):  # months and days are Int8: 12 × 100 would wrap
        return day.dt.month().cast(pl.Int32) * 100 + day.dt.day()

    return (on.dt.year() - born.dt.year() - (month_day(born) > month_day(on)).cast(pl.Int32)).alias("age")


def age_band():
    expr = pl.when(pl.col("age").is_null()).then(pl.lit("?"))
    for label, low, high in AGE_BANDS:
        expr = expr.when(pl.col("age").is_between(low, high)).then(pl.lit(label))
    return expr.otherwise(pl.lit("?")).alias("age")


def population(roster, as_of: date, new_in: int | None = None):
    """The people counted: current members admitted by as-of, or those admitted in `new_in`; their id and
    what they are counted by (committee, branch, age, age band, occupation group, gender, ethnicity)."""
    if new_in is not None:
        members = admissions(roster, new_in).lazy()
    else:
        members = current_members(roster).filter(pl.col("admission_date") <= as_of)
    return members.with_columns(age_years(as_of)).select(
        roster.id_text(), age_band().alias("age_band"), pl.col("age").alias("age_years"),
        pl.col("occupation_group").fill_null("other").alias("occupation"),
        pl.col("gender").fill_null("?"), pl.col("ethnicity").fill_null("?"),
        pl.col("parent_unit").fill_null("?"), pl.col("unit").fill_null("?")).collect()


def composition(people, by: tuple[str, ...] = DIMENSIONS):
    """Long frame: committee, unit (TOTAL for roll-ups), dimension, group, count, share (of that level)."""
    column = {"age": "age_band", "occupation": "occupation", "gender": "gender", "ethnicity": "ethnicity"}
    levels = [("parent_unit", "unit"), ("parent_unit",), ()]
    frames = []
    for keys in levels:
        for dim in by:
            counted = people.group_by([*keys, column[dim]]).len("count").rename({column[dim]: "group"})
            counted = counted.with_columns(
                (pl.col("count") / (pl.col("count").sum().over(list(keys)) if keys else pl.col("count").sum()))
                .round(4).alias("share"),
                pl.lit(dim).alias("dimension"))
            for k in ("parent_unit", "unit"):
                if k not in keys:
                    counted = counted.with_columns(pl.lit(TOTAL).alias(k))
            frames.append(counted.select(pl.col("parent_unit").alias("committee"), "unit", "dimension",
                                         pl.col("group").cast(pl.String), pl.col("count").cast(pl.Int64), "share"))
    return pl.concat(frames).sort("committee", "unit", "dimension", "group")


def average_ages(people):
    """Average age per committee, per branch and overall."""
    frames = []
    for keys in (("parent_unit", "unit"), ("parent_unit",), ()):
        stats = (pl.col("age_years").mean().round(1).alias("average_age"), pl.len().alias("members"))
        agg = people.group_by(list(keys)).agg(*stats) if keys else people.select(*stats)
        for k in ("parent_unit", "unit"):
            if k not in keys:
                agg = agg.with_columns(pl.lit(TOTAL).alias(k))
        frames.append(agg.select(pl.col("parent_unit").alias("committee"), "unit", "average_age",
                                 pl.col("members").cast(pl.Int64)))
    return pl.concat(frames).sort("committee", "unit")


def pyramid(people):
    """Counts by age band and gender for the whole organisation (the age-pyramid chart)."""
    return people.group_by("age_band", "gender").len("count").sort("age_band", "gender")


def target_gaps(roster, year: int):
    """Admissions in `year` against the targets table: unit, target, admitted, gap (admitted − target)."""
    from memberaudit.checks.structure import admitted_per_unit

    targets = roster.targets.drop_nulls(["unit", "year", "admissions"]).filter(pl.col("year") == year)
    return (
        targets.join(admitted_per_unit(roster, year), on="unit", how="left")
        .select("unit", "year", pl.col("admissions").alias("target"),
                pl.col("admitted").fill_null(0).cast(pl.Int64))
        .with_columns((pl.col("admitted") - pl.col("target")).alias("gap"))
        .sort("unit")
    )


def share_gaps(composition_frame, min_share: dict[str, float]):
    """Occupation shares per committee (and overall) against `[mix] min_share`: share, minimum, gap."""
    if not min_share:
        return pl.DataFrame(schema={"committee": pl.String, "group": pl.String, "share": pl.Float64,
                                    "min_share": pl.Float64, "gap": pl.Float64})
    goals = pl.DataFrame({"group": list(min_share), "min_share": list(min_share.values())})
    shares = composition_frame.filter((pl.col("dimension") == "occupation") & (pl.col("unit") == TOTAL))
    committees = shares.select("committee").unique()
    return (
        committees.join(goals, how="cross")
        .join(shares.select("committee", "group", "share"), on=["committee", "group"], how="left")
        .with_columns(pl.col("share").fill_null(0.0))
        .with_columns((pl.col("share") - pl.col("min_share")).round(4).alias("gap"))
        .select("committee", "group", "share", "min_share", "gap")
        .sort("committee", "group")
    )


def admission_pipeline(roster, year: int, min_share: dict[str, float]):
    """Per committee and branch (and the committee's total, unit TOTAL): the admitted in `year`, the open
    candidates at each step, those likely by the year's end (decided, ceremony to come), the projection and
    the target; and the share of each `[mix] min_share` group among the admitted and the candidates."""
    from memberaudit.checks.admission import STEPS, pipeline

    candidates = pipeline(roster).with_columns(pl.col("parent_unit").fill_null("?"), pl.col("unit").fill_null("?"))
    admitted = admissions(roster, year).select(pl.col("parent_unit").fill_null("?"), pl.col("unit").fill_null("?"),
                                              "occupation_group")
    likely = (pl.col("step") == "decided") & (pl.col("decided_on").dt.year() == year)
    frames = []
    for keys in (["parent_unit", "unit"], ["parent_unit"]):
        steps = candidates.group_by(keys).agg(*[(pl.col("step") == s).sum().alias(s) for s in STEPS],
                                             likely.sum().alias("likely"),
                                             *[(pl.col("occupation_group") == g).sum().alias(f"_c_{g}")
                                               for g in min_share])
        done = admitted.group_by(keys).agg(pl.len().alias("admitted"),
                                           *[(pl.col("occupation_group") == g).sum().alias(f"_a_{g}")
                                             for g in min_share])
        both = steps.join(done, on=keys, how="full", coalesce=True)
        if "unit" not in keys:
            both = both.with_columns(pl.lit(TOTAL).alias("unit"))
        frames.append(both.select("parent_unit", "unit", *[pl.col(c) for c in both.columns if c not in keys
                                                           and c != "unit"]))
    frame = pl.concat(frames, how="diagonal_relaxed").fill_null(0)
    targets = roster.targets.drop_nulls(["unit", "year", "admissions"]).filter(pl.col("year") == year).select(
        pl.col("unit").alias("_t_unit"), pl.col("admissions").alias("target"))
    key = pl.when(pl.col("unit") == TOTAL).then(pl.col("parent_unit")).otherwise(pl.col("unit"))
    frame = frame.with_columns(key.alias("_t_unit")).join(targets, on="_t_unit", how="left").drop("_t_unit")
    shares = []
    for g in min_share:
        group_in = pl.col(f"_a_{g}") + pl.col(f"_c_{g}")
        people = pl.col("admitted") + pl.sum_horizontal(*[pl.col(s) for s in STEPS])
        shares.append(pl.when(people > 0).then((group_in / people).round(4)).alias(f"share_{g}"))
    return (frame.with_columns((pl.col("admitted") + pl.col("likely")).alias("projected"), *shares)
            .select("parent_unit", "unit", "target", "admitted", *STEPS, "likely", "projected",
                    *[f"share_{g}" for g in min_share])
            .sort("parent_unit", pl.col("unit") == TOTAL, "unit"))


def mix_summary(roster, as_of: date, *, by: tuple[str, ...] = DIMENSIONS, new_in: int | None = None,
                min_share: dict[str, float] | None = None) -> dict:
    """Everything the mix report shows: composition, average ages and, for admissions, the gaps and the
    admission pipeline (when a candidates table was read)."""
    people = population(roster, as_of, new_in)
    frame = composition(people, by)
    return {
        "as_of": as_of, "new_in": new_in, "by": list(by), "composition": frame, "averages": average_ages(people),
        "targets": target_gaps(roster, new_in) if new_in is not None else None,
        "shares": share_gaps(frame, min_share or {}) if new_in is not None and "occupation" in by else None,
        "pipeline": admission_pipeline(roster, new_in, min_share or {})
        if new_in is not None and roster.has("candidates") else None,
        "min_share": dict(min_share or {}),
    }
