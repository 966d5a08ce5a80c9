"""The `memberaudit` command line: thin commands that parse options, call the library and choose exit codes.

Heavy modules (polars, pandera, openpyxl) are imported inside the commands, so `--help` and `rules` answer at once.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from memberaudit.app import LEFT_OUT, Session, check_choice, parse_as_of, parse_period
from memberaudit.helptext import h, localize_typer

TEXT_ROWS = 200  # findings listed in the terminal; the full list is in --format json or the reports

localize_typer()
app = typer.Typer(
    name="memberaudit",
    help=h("app"),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

Inputs = Annotated[list[Path], typer.Argument(help=h("inputs"), metavar=h("inputs_metavar"),
                                               show_default=False)]
AsOf = Annotated[str | None, typer.Option("--as-of", help=h("as_of"))]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help=h("config"))]
Lang = Annotated[str | None, typer.Option("--lang", help=h("lang"))]
Debug = Annotated[bool, typer.Option("--debug", help=h("debug"))]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help=h("quiet"))]
Year = Annotated[int | None, typer.Option("--year", help=h("year"))]
LogFile = Annotated[Path | None, typer.Option("--log-file", help=h("log_file"))]
ShowIds = Annotated[bool, typer.Option("--show-ids", help=h("show_ids"))]
Output = Annotated[Path | None, typer.Option("--output", "-o", help=h("output"))]
Html = Annotated[Path | None, typer.Option("--html", help=h("html"))]
Excel = Annotated[Path | None, typer.Option("--excel", help=h("excel"))]
Hidden = Annotated[bool, typer.Option("--include-hidden", help=h("hidden"))]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache", help=h("cache"))]


@contextmanager
def guarded(lang: str | None, debug: bool):
    """Turn user errors into a message and exit code 2; no traceback unless --debug."""
    from memberaudit.model.errors import UserError

    LEFT_OUT.clear()  # a command before this one (tests run many in one process) left out its own files
    try:
        yield
    except typer.Exit as done:
        if LEFT_OUT and done.exit_code in (0, 1):  # an input error outranks findings
            raise typer.Exit(2) from None
        raise
    except UserError as exc:
        if debug:
            raise
        typer.echo(exc.render(lang or "vi"), err=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # the promise is "never a traceback" for people; --debug shows it
        if debug:
            raise
        from memberaudit.model.i18n import t

        typer.echo(t("error.internal", lang or "vi", reason=f"{type(exc).__name__}: {exc}"), err=True)
        raise typer.Exit(2) from None
    if LEFT_OUT:  # everything else written: the files left out make it an input error
        raise typer.Exit(2)


def _report_run(result, roster, code: int, *, quiet: bool, log_file: Path | None, seconds: dict) -> None:
    """The machine-readable summary: one JSON line on standard error in --quiet mode, and in --log-file.

    `seconds` is where the run's time went (read, rules, reports), so a log shows a run growing slower."""
    import json
    from datetime import datetime

    counts = result.findings.group_by("severity").len()
    by_severity = dict(counts.iter_rows())
    line = {"tool": "memberaudit", "at": datetime.now().isoformat(timespec="seconds"),
            "as_of": result.as_of.isoformat(), "files": len(roster.files), "cached": len(roster.cached),
            "members": roster.members.height,
            "findings": result.findings.height, **{s: by_severity.get(s, 0) for s in ("high", "medium", "low")},
            "waived": int(result.findings["waived"].sum()), "exit": code,
            "seconds": {stage: round(value, 2) for stage, value in seconds.items()}}
    text = json.dumps(line, ensure_ascii=False)
    if quiet:
        typer.echo(text, err=True)
    if log_file:
        with open(log_file, "a", encoding="utf-8") as log:
            log.write(text + "\n")


def _codes(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


@app.command(help=h("cmd.audit"))
def audit(
    inputs: Inputs,
    as_of: AsOf = None,
    config: ConfigOpt = None,
    select: Annotated[str | None, typer.Option(help=h("select"))] = None,
    ignore: Annotated[str | None, typer.Option(help=h("ignore"))] = None,
    fmt: Annotated[str, typer.Option("--format", help=h("format_audit"))] = "text",
    output: Output = None,
    html: Html = None,
    excel: Excel = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help=h("fail_on"))] = None,
    show_ids: ShowIds = False,
    year: Year = None,
    log_file: LogFile = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Load, validate, run the rules, print a summary and write findings and reports.

    Example: memberaudit audit examples/ --as-of 2026-11-30 --format json --output findings.json --html report.html
    """
    with guarded(lang, debug):
        from memberaudit.model.errors import UserError
        from memberaudit.model.i18n import t

        check_choice(fmt, ("text", "json", "jsonl", "csv"), "--format")
        check_choice(fail_on, (None, "high", "medium", "low"), "--fail-on")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        from memberaudit.checks.registry import rules, unknown_tokens

        bad = unknown_tokens(rules(), _codes(select) + _codes(ignore))
        if bad:
            raise UserError("usage.codes", codes=", ".join(bad))
        clock = [time.perf_counter()]

        def lap() -> float:
            clock.append(time.perf_counter())
            return clock[-1] - clock[-2]

        roster = session.read(inputs, year=year, outputs={"--output": output, "--html": html, "--excel": excel,
                                                          "--log-file": log_file})
        seconds = {"read": lap()}
        result = session.audit(roster, select_codes=_codes(select), ignore_codes=_codes(ignore), show_ids=show_ids)
        seconds["rules"] = lap()
        console = session.console
        from memberaudit.reports import data as data_report
        from memberaudit.reports import text as text_report
        from memberaudit.reports.outputs import write_reports

        if fmt == "text" and not output:
            text_report.summary(console, result, session.lang)
        elif not output:
            sys.stdout.write(data_report.render(result, roster, fmt))
        written = write_reports(result, roster, fmt=fmt, output=output, html=html,
                                excel=excel, lang=session.lang)
        for path in written:
            session.status.print(t("ui.written", session.lang, file=path))
        seconds["reports"] = lap()
        code = 2 if LEFT_OUT else 1 if fail_on and result.reaches(fail_on) else 0
        _report_run(result, roster, code, quiet=quiet, log_file=log_file, seconds=seconds)
        if code:
            raise typer.Exit(code)


@app.command(help=h("cmd.validate"))
def validate(
    inputs: Inputs,
    as_of: AsOf = None,
    config: ConfigOpt = None,
    fmt: Annotated[str, typer.Option("--format", help=h("format_text_json"))] = "text",
    output: Output = None,
    year: Year = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Load and validate only: list data findings (DAT001-DAT007) with file, sheet, row and column.

    Example: memberaudit validate examples/ --format json
    """
    with guarded(lang, debug):
        from memberaudit.model.i18n import t

        check_choice(fmt, ("text", "json"), "--format")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        roster = session.read(inputs, year=year, outputs={"--output": output})
        result = session.audit(roster, select_codes=["data"])
        if fmt == "json":
            from memberaudit.reports import data as data_report

            if output:
                data_report.write(result, roster, "json", output)
            else:
                sys.stdout.write(data_report.render(result, roster, "json"))
            return
        from memberaudit.reports import text as text_report

        console = session.console
        if result.findings.height == 0:
            console.print(t("ui.no_data_findings", session.lang))
        else:
            text_report.findings(console, result.findings, session.lang, title=t("ui.data_findings", session.lang),
                                 limit=TEXT_ROWS)
            console.print(t("ui.total", session.lang, count=result.findings.height,
                            as_of=session.as_of.strftime("%d/%m/%Y")))


@app.command(help=h("cmd.screen"))
def screen(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=h("screen_output"))] = None,
    html: Html = None,
    fmt: Annotated[str, typer.Option("--format", help=h("format_list"))] = "text",
    as_of: AsOf = None,
    config: ConfigOpt = None,
    year: Year = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """The screening candidate list: members with screening findings, one sheet per committee, printable.

    Example: memberaudit screen examples/ --as-of 2026-11-30 --output ra-soat.xlsx --html ra-soat.html
    """
    with guarded(lang, debug):
        from memberaudit.reports.views.lists import screening_list

        check_choice(fmt, ("text", "json"), "--format")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        roster = session.read(inputs, year=year, outputs={"--output": output, "--html": html})
        result = session.audit(roster, select_codes=["screening"])
        _print_list(session, screening_list(result, roster, session.lang), fmt, output, html)


@app.command(help=h("cmd.badges"))
def badges(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=h("badges_output"))] = None,
    html: Html = None,
    occasion: Annotated[str | None, typer.Option("--occasion", help=h("occasion"))] = None,
    early: Annotated[bool, typer.Option("--early", help=h("early"))] = False,
    fmt: Annotated[str, typer.Option("--format", help=h("format_text_json"))] = "text",
    as_of: AsOf = None,
    config: ConfigOpt = None,
    year: Year = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """The party-badge award list for the next occasion (3/2, 19/5, 2/9, 7/11), by committee and milestone.

    Example: memberaudit badges examples/ --as-of 2026-11-30 --output huy-hieu.xlsx
    """
    with guarded(lang, debug):
        from memberaudit.reports.views.lists import badge_list

        check_choice(fmt, ("text", "json"), "--format")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        chosen = parse_as_of(occasion) if occasion else None
        roster = session.read(inputs, year=year, outputs={"--output": output, "--html": html})
        result = session.audit(roster, select_codes=["MIL001"], occasion=chosen, early=early)
        _print_list(session, badge_list(result, roster, session.lang), fmt, output, html)


def _print_list(session, plist, fmt, output, html) -> None:
    from memberaudit.reports import lists

    if fmt == "json":
        sys.stdout.write(lists.to_json(plist))
    else:
        lists.print_table(session.console, plist)
    session.write((output, lambda path: lists.write_excel(plist, path)),
                  (html, lambda path: lists.write_html(plist, path)))


@app.command(help=h("cmd.mix"))
def mix(
    inputs: Inputs,
    by: Annotated[str, typer.Option("--by", help=h("by"))] = "age,occupation,gender,ethnicity",
    new_in: Annotated[int | None, typer.Option("--new-in", help=h("new_in"))] = None,
    fmt: Annotated[str, typer.Option("--format", help=h("format_mix"))] = "table",
    html: Html = None,
    excel: Excel = None,
    as_of: AsOf = None,
    config: ConfigOpt = None,
    year: Year = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Composition of members (or of admissions in YEAR) per committee and branch, against targets.

    Example: memberaudit mix examples/ --as-of 2026-11-30 --new-in 2026 --html co-cau.html
    """
    with guarded(lang, debug):
        from memberaudit.model.errors import UserError
        from memberaudit.reports import mix as mix_report
        from memberaudit.reports.views.composition import DIMENSIONS, mix_summary

        dims = tuple(_codes(by))
        if not dims or any(d not in DIMENSIONS for d in dims):
            raise UserError("usage.value", option="--by", allowed=", ".join(DIMENSIONS))
        check_choice(fmt, ("table", "json"), "--format")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        roster = session.read(inputs, year=year, outputs={"--html": html, "--excel": excel})
        summary = mix_summary(roster, session.as_of, by=dims, new_in=new_in, min_share=session.config.min_share)
        if fmt == "json":
            sys.stdout.write(mix_report.to_json(summary))
        else:
            mix_report.print_tables(session.console, summary, session.lang)
        session.write((html, lambda path: mix_report.write_html(summary, path, session.lang)),
                      (excel, lambda path: mix_report.write_excel(summary, path, session.lang)))


@app.command(help=h("cmd.stats"))
def stats(
    inputs: Inputs,
    period: Annotated[int | None, typer.Option("--period", help=h("period"))] = None,
    start: Annotated[str | None, typer.Option("--from", help=h("from_date"))] = None,
    end: Annotated[str | None, typer.Option("--to", help=h("to_date"))] = None,
    forms: Annotated[str, typer.Option("--forms", help=h("forms"))] = "1,2,3,4,7",
    by: Annotated[str | None, typer.Option("--by", help=h("by_committee"))] = None,
    fmt: Annotated[str, typer.Option("--format", help=h("format_mix"))] = "table",
    html: Html = None,
    excel: Excel = None,
    as_of: AsOf = None,
    config: ConfigOpt = None,
    year: Year = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """The statistics forms 1, 2, 3, 4, 7-BTCTW: this period, the same period last year, the percentage.

    Example: memberaudit stats examples/ --period 2026 --by committee --excel bieu-thong-ke.xlsx
    """
    with guarded(lang, debug):
        from memberaudit.model.errors import UserError
        from memberaudit.reports import stats as stats_report
        from memberaudit.reports.views.stats import FORMS, statistics

        chosen = tuple(_codes(forms))
        if not chosen or any(f not in FORMS for f in chosen):
            raise UserError("usage.value", option="--forms", allowed=", ".join(FORMS))
        check_choice(by, (None, "committee"), "--by")
        check_choice(fmt, ("table", "json"), "--format")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        window = parse_period(period, start, end, session.as_of)
        roster = session.read(inputs, year=year, outputs={"--html": html, "--excel": excel})
        result = statistics(roster, window, forms=tuple(f for f in FORMS if f in chosen),
                            by_committee=by == "committee", province=session.config.province)
        if fmt == "json":
            sys.stdout.write(stats_report.to_json(result))
        else:
            stats_report.print_forms(session.console, result, session.lang)
        session.write((html, lambda path: stats_report.write_html(result, path, session.lang)),
                      (excel, lambda path: stats_report.write_excel(result, path, session.lang)))


@app.command(help=h("cmd.quality"))
def quality(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help=h("format_mix"))] = "table",
    html: Html = None,
    excel: Excel = None,
    as_of: AsOf = None,
    config: ConfigOpt = None,
    year: Year = None,
    cache: CacheOpt = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Completeness and validity of member data per branch and committee, worst first.

    Example: memberaudit quality examples/ --as-of 2026-11-30 --html chat-luong.html
    """
    with guarded(lang, debug):
        from memberaudit.reports import quality as quality_report
        from memberaudit.reports.views.quality import gap_list, quality_summary

        check_choice(fmt, ("table", "json"), "--format")
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug, cache=cache,
                          include_hidden=include_hidden)
        roster = session.read(inputs, year=year, outputs={"--html": html, "--excel": excel})
        summary = quality_summary(roster, session.as_of, session.config.required)
        if fmt == "json":
            sys.stdout.write(quality_report.to_json(summary))
        else:
            quality_report.print_tables(session.console, summary, session.lang)
        plist = gap_list(summary, session.lang, len(roster.files)) if html or excel else None
        session.write((html, lambda path: quality_report.write_html(summary, plist, path, session.lang)),
                      (excel, lambda path: quality_report.write_excel(summary, plist, path, session.lang)))


@app.command("diff", help=h("cmd.diff"))
def diff_command(
    old: Annotated[Path, typer.Argument(help=h("old"))],
    new: Annotated[Path, typer.Argument(help=h("new"))],
    fmt: Annotated[str, typer.Option("--format", help=h("format_text_json"))] = "text",
    fail_on_new: Annotated[bool, typer.Option("--fail-on-new", help=h("fail_on_new"))] = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Findings new, resolved and unchanged between two runs (matched by rule, member or unit, and evidence key).

    Example: memberaudit diff thang-10.json thang-11.json --fail-on-new
    """
    with guarded(lang, debug):
        from memberaudit.reports.views.diff import compare, read_findings

        check_choice(fmt, ("text", "json"), "--format")
        result = compare(read_findings(old), read_findings(new))
        if fmt == "json":
            import json

            sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        elif not quiet:
            from rich.console import Console

            from memberaudit.reports.text import diff_summary

            diff_summary(Console(highlight=False, markup=False), result, lang or "vi")
        if fail_on_new and result["new"]:
            raise typer.Exit(1)


@app.command("inspect", help=h("cmd.inspect"))
def inspect_command(
    inputs: Inputs,
    fmt: Annotated[str, typer.Option("--format", help=h("format_text_json"))] = "text",
    as_of: AsOf = None,
    config: ConfigOpt = None,
    year: Year = None,
    include_hidden: Hidden = False,
    lang: Lang = None,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """What each sheet was read as: kind, header rows, which header fed which field, unused headers, why a
    sheet was skipped, and the [aliases] lines that would map an unused header.

    Example: memberaudit inspect examples/ --format json
    """
    with guarded(lang, debug):
        from memberaudit.model.vocab import COLUMN_ALIASES
        from memberaudit.reports import inspect as inspect_report

        check_choice(fmt, ("text", "json"), "--format")
        # reading depends on no date; --as-of is taken (and checked) as every reading command takes it
        session = Session(config_path=config, as_of=as_of, lang=lang, quiet=quiet, debug=debug,
                          include_hidden=include_hidden)
        facts = inspect_report.sheet_facts(session.inspect(inputs, year=year), session.lang)
        if fmt == "json":
            sys.stdout.write(inspect_report.to_json(facts))
            return
        aliases = inspect_report.aliases_for(facts, {k: list(v) for k, v in COLUMN_ALIASES.items()}, session.lang)
        inspect_report.print_facts(session.console, facts, session.lang, aliases)


@app.command("rules", help=h("cmd.rules"))
def rules_command(
    code: Annotated[str | None, typer.Argument(help=h("code"))] = None,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """The rule catalogue, or one rule explained (what, why, parameters, reference, example).

    Example: memberaudit rules ATT001 --lang en
    """
    with guarded(lang, debug):
        from memberaudit.reports.views.rulebook import explain, listing

        typer.echo(explain(code, lang or "vi") if code else listing(lang or "vi"))


@app.command(help=h("cmd.demo"))
def demo(
    directory: Annotated[Path, typer.Argument(help=h("demo_dir"))] = Path("memberaudit-demo"),
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """Write a realistic demo data set (several committees, every rule triggered) to DIR.

    Example: memberaudit demo /tmp/demo && memberaudit audit /tmp/demo --as-of 2026-11-30
    """
    with guarded(lang, debug):
        from memberaudit.demo import write_demo
        from memberaudit.model.i18n import t

        files = write_demo(directory)
        typer.echo(t("ui.demo_written", lang or "vi", dir=directory, files=len(files)))


@app.command(help=h("cmd.init"))
def init(
    path: Annotated[Path, typer.Argument(help=h("init_path"))] = Path("memberaudit.toml"),
    force: Annotated[bool, typer.Option("--force", help=h("force"))] = False,
    lang: Lang = None,
    debug: Debug = False,
) -> None:
    """Write a commented memberaudit.toml with every parameter at its default.

    Example: memberaudit init && memberaudit audit data/ --config memberaudit.toml
    """
    with guarded(lang, debug):
        from memberaudit.model.errors import UserError
        from memberaudit.model.i18n import t
        from memberaudit.reports.views.rulebook import config_template

        if path.exists() and not force:
            raise UserError("usage.exists", file=str(path))
        path.write_text(config_template(), encoding="utf-8")
        typer.echo(t("ui.init_written", lang or "vi", file=path))


def main() -> None:
    """The console entry point. Once a command has finished and its output is flushed, the process ends at
    once: Python would otherwise free every frame and string one by one on the way out (1.5 s after an audit
    of 5.3 million members, with nothing left to do); what the command read and found is still held
    (`app.HELD`), so it is not freed when the command returns either. Everything is written by then: reports
    are renamed into place before the command returns, and worker processes have been joined."""
    import os

    try:
        app()
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    if not isinstance(code, int):  # None is success; a text is printed, as sys.exit would
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # the reader of a pipe went away (`… | head`): nothing left to deliver
            pass
    os._exit(code)
