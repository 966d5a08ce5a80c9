"""Vietnam's working-day calendar (SPEC 2): Monday-Friday minus public holidays (`holidays`, VN) and extra dates."""

from __future__ import annotations

from datetime import date

from memberaudit.model.lazy import pl


class WorkCalendar:
    """Answers "the N-th working day after D" for whole columns of dates at once."""

    def __init__(self, first_year: int, last_year: int, extra_holidays: list[date] | tuple[date, ...] = ()) -> None:
        import holidays

        vn = holidays.country_holidays("VN", years=range(first_year, last_year + 1))
        off = set(vn) | set(extra_holidays)
        start, end = date(first_year, 1, 1), date(last_year, 12, 31)
        days = pl.date_range(start, end, "1d", eager=True).alias("day")
        frame = pl.DataFrame(days).with_columns(
            ((pl.col("day").dt.weekday() <= 5) & ~pl.col("day").is_in(sorted(off))).alias("working")
        )
        # cum = working days on or before the day; the working day number k is the k-th of the range
        self.days = frame.with_columns(pl.col("working").cast(pl.Int64).cum_sum().alias("cum"))
        self.working = self.days.filter("working").select(pl.col("cum").alias("k"), pl.col("day").alias("target"))

    def add_working_days(self, frame, column: str, n, out: str):
        """Add `out` = the n-th working day after `column` (the day itself not counted); n a number or a column."""
        step = pl.col(n) if isinstance(n, str) else pl.lit(n)
        lookup = self.days.select(pl.col("day").alias(column), pl.col("cum").alias("_cum"))
        joined = frame.join(lookup, on=column, how="left").with_columns((pl.col("_cum") + step).alias("k"))
        return joined.join(self.working.rename({"target": out}), on="k", how="left").drop("_cum", "k")

    def working_days_between(self, frame, start: str, end: str, out: str):
        """`out` = working days in (start, end]: how many working days late `end` is after `start`."""
        a = self.days.select(pl.col("day").alias(start), pl.col("cum").alias("_a"))
        b = self.days.select(pl.col("day").alias(end), pl.col("cum").alias("_b"))
        return (frame.join(a, on=start, how="left").join(b, on=end, how="left")
                .with_columns((pl.col("_b") - pl.col("_a")).alias(out)).drop("_a", "_b"))


def nth_working_day_after(calendar: WorkCalendar, day: date, n: int) -> date:
    """Scalar form, for explanations and tests."""
    frame = calendar.add_working_days(pl.DataFrame({"d": [day]}), "d", n, "target")
    return frame["target"].item()
