"""The session every reading command shares, usable without the command line: configuration, as-of date,
language, reading (outputs checked first), auditing with ids masked, and the run's machine-readable line."""

from __future__ import annotations

import functools
import sys
from datetime import date

# What the running command read and found, left to the end of the process: `main` ends it without freeing
# them (a national roster's frames took 1.1 s to free one by one when the command returned). A new command
# lets the previous one's go (tests run many commands in one process).
HELD: list = []
# The files the running command left out, unreadable among others read: the command ends with exit code 2
# once everything else is written (cli.guarded)
LEFT_OUT: list = []


class Session:
    """Options every reading command shares, resolved against the configuration file."""

    def __init__(self, *, config_path, as_of, lang, quiet, debug, cache=None, include_hidden=False):
        from memberaudit.config import load_config

        HELD.clear()
        LEFT_OUT.clear()
        self.debug, self.quiet = debug, quiet
        self.config = load_config(config_path)
        if cache:
            self.config.cache = str(cache)
        self.config.include_hidden = self.config.include_hidden or include_hidden
        self.lang = lang or self.config.lang or "vi"
        check_choice(self.lang, ("vi", "en"), "--lang")
        self.as_of = parse_as_of(as_of) if as_of else (self.config.as_of or date.today())

    @property
    def console(self):
        """Reports for people, on standard output."""
        from rich.console import Console

        # no markup: messages carry file, sheet and branch names and "[aliases.members]", never styles
        return Console(quiet=self.quiet, highlight=False, soft_wrap=False, markup=False)

    @property
    def status(self):
        """Progress and status lines, on standard error, so that standard output can carry JSON."""
        from rich.console import Console

        return Console(stderr=True, quiet=self.quiet, highlight=False, soft_wrap=False, markup=False)

    def read(self, inputs, *, year=None, outputs: dict | None = None):
        """The inputs as one Roster, once the `outputs` ({option: path}) are known to be safe to write."""
        from memberaudit import guard
        from memberaudit.assemble.pipeline import read_roster

        guard.check(inputs, outputs or {}, cache=self.config.cache)
        progress = None
        if not self.quiet and sys.stderr.isatty():
            progress = ProgressBar(self.lang)
        try:
            roster = read_roster(inputs, config=self.config, year=year, progress=progress and progress.update,
                                 meanwhile=functools.partial(_prepare_audit, outputs or {}))
        finally:
            if progress:
                progress.close()
        self._report_loaded(roster)
        LEFT_OUT.extend(s.file for s in roster.skipped if s.whole_file)
        HELD.append(roster)
        return roster

    def inspect(self, inputs, *, year=None) -> list[tuple[str, object, str | None]]:
        """Every input file read as far as its tables (no values parsed): (file, Loaded or None, the error). A
        file that cannot be read is shown like the others and left out (exit code 2, as `audit` ends)."""
        from memberaudit.model.errors import InputError
        from memberaudit.read.discover import discover
        from memberaudit.read.tables import load_file

        read = []
        for path in discover(inputs):
            try:
                read.append((str(path), load_file(str(path), extra_aliases=self.config.aliases, year=year,
                                                  include_hidden=self.config.include_hidden), None))
            except InputError as exc:
                read.append((str(path), None, exc.render(self.lang)))
                LEFT_OUT.append(str(path))  # shown with the others; the command then ends as an input error
        return read

    def audit(self, roster, *, select_codes, ignore_codes=(), occasion=None, early=False, show_ids=False):
        """The rules chosen by codes, prefixes or categories, as of the session's date and configuration;
        national ids masked in what every output shows, unless `show_ids`."""
        from memberaudit.checks.engine import audit
        from memberaudit.reports.common import mask_findings

        result = audit(roster, as_of=self.as_of, config=self.config, select_codes=list(select_codes),
                       ignore_codes=list(ignore_codes), lang=self.lang, occasion=occasion, early=early)
        if not show_ids:
            result.findings = mask_findings(result.findings)
        HELD.append(result)
        return result

    def write(self, *writers) -> None:
        """Each (path, write) whose path was given: `write(path)`, then "written" said on standard error."""
        from memberaudit.model.i18n import t

        for path, write in writers:
            if path:
                write(path)
                self.status.print(t("ui.written", self.lang, file=path))

    def _report_loaded(self, roster) -> None:
        from memberaudit.model.i18n import t

        console = self.status
        for skipped in roster.skipped:
            console.print(skipped.line(self.lang), style="red" if skipped.whole_file else "yellow")
        for source in roster.sources:
            if source.encoding:
                console.print(t("ui.converted", self.lang, file=source.file, sheet=source.sheet,
                                encoding=source.encoding.upper()), style="yellow")
        console.print(t("ui.loaded", self.lang, files=len(roster.files), tables=len(roster.sources),
                        members=roster.members.height, units=roster.members["_unit"].n_unique()))
        if roster.cached:
            console.print(t("ui.cached", self.lang, files=len(roster.cached)))


class ProgressBar:
    def __init__(self, lang: str):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from memberaudit.model.i18n import t

        self.progress = Progress(TextColumn(t("ui.loading", lang)), BarColumn(), MofNCompleteColumn(),
                                 console=Console(stderr=True), transient=True)
        self.task = None

    def update(self, done: int, total: int) -> None:
        if self.task is None:
            self.progress.start()
            self.task = self.progress.add_task("load", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.task is not None:
            self.progress.stop()


def parse_as_of(text: str) -> date:
    from memberaudit.model.errors import UserError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError("usage.as_of") from None


def parse_period(year: int | None, start: str | None, end: str | None, as_of: date):
    """The period of the statistics forms: a year, or --from and --to together; default the as-of's year."""
    from memberaudit.model.errors import UserError
    from memberaudit.reports.views.stats import Period

    if year is not None and (start or end) or bool(start) != bool(end):
        raise UserError("usage.period")
    if start:
        try:
            window = Period(date.fromisoformat(start), date.fromisoformat(end))
        except ValueError:
            raise UserError("usage.period") from None
        if window.start > window.end:
            raise UserError("usage.period")
        return window
    year = year or as_of.year
    if not 1900 <= year <= 2099:
        raise UserError("usage.period")
    return Period(date(year, 1, 1), date(year, 12, 31))


def check_choice(value, allowed: tuple, option: str) -> None:
    """An option outside its choices is a usage error (exit 2) naming the option and the choices."""
    from memberaudit.model.errors import UserError

    if value not in allowed:
        raise UserError("usage.value", option=option,
                        allowed=", ".join(str(a) for a in allowed if a is not None))




def _prepare_audit(outputs: dict) -> None:
    """What the audit needs next, made while files are read: the rules imported, Vietnam's holidays loaded
    (their first use costs 0.2 s), and for the reports asked for (`outputs`: {option: path}) the Excel
    writer imported (openpyxl loads numpy) and the HTML template compiled."""
    import holidays

    from memberaudit.checks.registry import rules

    rules()
    holidays.country_holidays("VN", years=[2000])
    if outputs.get("--excel"):
        import openpyxl  # noqa: F401
    if outputs.get("--html"):
        from memberaudit.reports.html import environment

        environment().get_template("report.html.j2")
