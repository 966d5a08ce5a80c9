"""The command line's help texts in both languages: Vietnamese by default, English with `--lang en` on the
command line or an English environment (MEMBERAUDIT_LANG, LC_ALL, LC_MESSAGES, LANG). Chosen once, when
the command line is built, so that `--help` costs nothing more."""

from __future__ import annotations

import os
import sys

HELP = {
    "app": ("Kiểm tra danh sách đảng viên trong các sổ Excel: rà soát, sàng lọc; chuyển sinh hoạt; xét công nhận "
            "chính thức; kết nạp; cơ cấu; chất lượng dữ liệu; biểu thống kê.\n\nVí dụ: memberaudit audit examples/ --as-of 2026-11-30 --html bao-cao.html",
            "Audit party membership rosters kept in Excel: screening, transfers, probation reviews, admissions, "
            "composition, data quality, statistics forms.\n\nExample: memberaudit audit examples/ --as-of 2026-11-30 --html report.html"),
    "inputs": ("Tệp hoặc thư mục (xlsx, xls, xlsm, ods, csv, parquet).",
               "Files or folders (xlsx, xls, xlsm, ods, csv, parquet)."),
    "inputs_metavar": ("TỆP_HOẶC_THƯ_MỤC...", "FILES_OR_FOLDERS..."),
    "as_of": ("Ngày kiểm tra YYYY-MM-DD (mặc định: hôm nay).", "Audit date YYYY-MM-DD (default: today)."),
    "config": ("Tệp cấu hình memberaudit.toml (mặc định: ./memberaudit.toml).",
               "memberaudit.toml (default: ./memberaudit.toml)."),
    "lang": ("Ngôn ngữ: vi hoặc en (mặc định vi).", "Language of messages: vi or en (default vi)."),
    "debug": ("Hiện chi tiết lỗi (traceback) khi có lỗi không mong đợi.", "Show tracebacks of unexpected errors."),
    "quiet": ("Chỉ in lỗi (audit in thêm một dòng JSON tóm tắt ra stderr).",
              "Print nothing but errors (audit adds one JSON summary line on stderr)."),
    "year": ("Năm dùng cho các cột tháng không ghi năm.", "Year for month headers that carry none."),
    "log_file": ("Ghi thêm một dòng JSON mỗi lần chạy (cho lịch chạy tự động).",
                 "Append one JSON line per run (for scheduled runs)."),
    "show_ids": ("In đầy đủ số CCCD (mặc định che, chỉ để 4 số cuối).",
                 "Print national ids in full (masked by default)."),
    "output": ("Ghi kết quả vào tệp này.", "Write the findings to this file."),
    "html": ("Ghi báo cáo HTML (một tệp, xem không cần mạng).", "Write a self-contained HTML report."),
    "excel": ("Ghi báo cáo Excel.", "Write an Excel report."),
    "hidden": ("Đọc cả các trang tính ẩn (mặc định bỏ qua).", "Read hidden sheets too (skipped by default)."),
    "cache": ("Lưu dữ liệu đã đọc vào thư mục này: lần sau bỏ qua các tệp không đổi. Thư mục chứa dữ liệu đảng viên.",
              "Keep what was read in this folder: later runs skip unchanged files. It holds member data."),
    "select": ("Chỉ chạy các quy tắc này: mã, tiền tố hoặc nhóm, cách nhau dấu phẩy.",
               "Only these rules: codes, prefixes or categories, comma-separated."),
    "ignore": ("Bỏ qua các quy tắc này: mã, tiền tố hoặc nhóm.", "Skip these rules: codes, prefixes or categories."),
    "format_audit": ("text, json, jsonl hoặc csv.", "text, json, jsonl or csv."),
    "format_text_json": ("text hoặc json.", "text or json."),
    "format_list": ("text hoặc json (json in ra màn hình).", "text or json (json goes to standard output)."),
    "format_mix": ("table hoặc json.", "table or json."),
    "fail_on": ("Trả mã thoát 1 khi có phát hiện từ mức high, medium hoặc low trở lên.",
                "Exit 1 when a finding is at least high, medium or low."),
    "screen_output": ("Danh sách dạng .xlsx (mỗi đảng bộ một trang).", "The list as .xlsx (one sheet per committee)."),
    "badges_output": ("Danh sách đề nghị tặng Huy hiệu dạng .xlsx.", "The award list as .xlsx."),
    "occasion": ("Đợt trao YYYY-MM-DD (mặc định: đợt kế tiếp).", "Award day YYYY-MM-DD (default: the next one)."),
    "by": ("Các chiều: age, occupation, gender, ethnicity.", "Dimensions: age, occupation, gender, ethnicity."),
    "new_in": ("Chỉ đảng viên kết nạp trong năm này, so với chỉ tiêu.",
               "Only members admitted in this year, against targets."),
    "old": ("Tệp JSON lần chạy trước (audit --format json).", "The earlier run's JSON (audit --format json)."),
    "new": ("Tệp JSON lần chạy sau.", "The later run's JSON."),
    "fail_on_new": ("Trả mã thoát 1 khi có phát hiện mới.", "Exit 1 when there is any new finding."),
    "code": ("Mã quy tắc, ví dụ ATT001.", "A rule code, e.g. ATT001."),
    "demo_dir": ("Thư mục ghi bộ dữ liệu mẫu.", "Folder to write the demo workbooks into."),
    "init_path": ("Nơi ghi tệp cấu hình.", "Where to write the configuration."),
    "force": ("Ghi đè tệp đã có.", "Overwrite an existing file."),
    "cmd.audit": ("Đọc, kiểm tra dữ liệu, chạy các quy tắc, in tóm tắt và ghi kết quả, báo cáo.\n\n"
                  "Ví dụ: memberaudit audit examples/ --as-of 2026-11-30 --format json --output ket-qua.json "
                  "--html bao-cao.html",
                  "Load, validate, run the rules, print a summary and write findings and reports.\n\n"
                  "Example: memberaudit audit examples/ --as-of 2026-11-30 --format json --output findings.json "
                  "--html report.html"),
    "cmd.validate": ("Chỉ đọc và kiểm tra dữ liệu: liệt kê lỗi dữ liệu (DAT) kèm tệp, trang tính, dòng, cột.\n\n"
                     "Ví dụ: memberaudit validate examples/ --format json",
                     "Load and validate only: list data findings (DAT) with file, sheet, row and column.\n\n"
                     "Example: memberaudit validate examples/ --format json"),
    "cmd.screen": ("Danh sách rà soát, sàng lọc: đảng viên thuộc diện xem xét, mỗi đảng bộ một trang, để in.\n\n"
                   "Ví dụ: memberaudit screen examples/ --as-of 2026-11-30 --output ra-soat.xlsx --html ra-soat.html",
                   "The screening candidate list: members with screening findings, one sheet per committee, "
                   "printable.\n\nExample: memberaudit screen examples/ --as-of 2026-11-30 --output ra-soat.xlsx"),
    "cmd.badges": ("Danh sách đề nghị tặng Huy hiệu Đảng đợt kế tiếp (3/2, 19/5, 2/9, 7/11), theo đảng bộ và mốc "
                   "tuổi đảng.\n\nVí dụ: memberaudit badges examples/ --as-of 2026-11-30 --output huy-hieu.xlsx",
                   "The party-badge award list for the next occasion (3/2, 19/5, 2/9, 7/11), by committee and "
                   "milestone.\n\nExample: memberaudit badges examples/ --as-of 2026-11-30 --output huy-hieu.xlsx"),
    "early": ("Thêm đảng viên đạt mốc trong 12 tháng tới (xét tặng sớm khi ốm nặng).",
              "Also members reaching a milestone in the next 12 months (early award in grave illness)."),
    "cmd.stats": ("Biểu thống kê cơ bản 1, 2, 3, 4, 7-BTCTW (Hướng dẫn 11-HD/BTCTW): kỳ này, cùng kỳ năm trước, "
                  "% so với cùng kỳ; mỗi biểu một trang tính, theo mẫu, in A4.\n\n"
                  "Ví dụ: memberaudit stats examples/ --period 2026 --by committee --excel bieu-thong-ke.xlsx",
                  "The statistics forms 1, 2, 3, 4, 7-BTCTW (Hướng dẫn 11-HD/BTCTW): this period, the same period "
                  "last year and the percentage; a sheet per form, laid out like the forms, printable on A4.\n\n"
                  "Example: memberaudit stats examples/ --period 2026 --by committee --excel bieu-thong-ke.xlsx"),
    "period": ("Năm báo cáo (01/01 đến 31/12); mặc định năm của --as-of.",
               "The year reported (1 January to 31 December); default the year of --as-of."),
    "from_date": ("Ngày đầu kỳ báo cáo, YYYY-MM-DD (cùng --to).", "First day of the period, YYYY-MM-DD (with --to)."),
    "to_date": ("Ngày cuối kỳ báo cáo, YYYY-MM-DD (cùng --from).", "Last day of the period, YYYY-MM-DD (with --from)."),
    "forms": ("Các biểu cần lập, ví dụ 1,3.", "The forms to fill, e.g. 1,3."),
    "by_committee": ("committee: thêm một bộ biểu cho mỗi đảng bộ.", "committee: a set of forms per committee too."),
    "cmd.quality": ("Chất lượng dữ liệu đảng viên cho cơ sở dữ liệu và Sổ tay đảng viên: mỗi trường bắt buộc đủ, "
                    "thiếu, sai hay tệp không có cột; điểm theo chi bộ, đảng bộ (thấp nhất trước), tỷ lệ có CCCD "
                    "hợp lệ, danh sách đảng viên cần bổ sung theo từng đảng bộ.\n\n"
                    "Ví dụ: memberaudit quality examples/ --as-of 2026-11-30 --html chat-luong.html",
                    "Quality of member data for the party database and the member handbook: each required field "
                    "filled, missing, invalid or without a column; a score per branch and committee (worst first), "
                    "the share of valid citizen ids, the members to complete per committee.\n\n"
                    "Example: memberaudit quality examples/ --as-of 2026-11-30 --html chat-luong.html"),
    "cmd.mix": ("Cơ cấu đảng viên (hoặc đảng viên kết nạp trong năm) theo đảng bộ, chi bộ, so với chỉ tiêu.\n\n"
                "Ví dụ: memberaudit mix examples/ --as-of 2026-11-30 --new-in 2026 --html co-cau.html",
                "Composition of members (or of admissions in YEAR) per committee and branch, against targets.\n\n"
                "Example: memberaudit mix examples/ --as-of 2026-11-30 --new-in 2026 --html co-cau.html"),
    "cmd.diff": ("So sánh hai lần chạy: phát hiện mới, đã khắc phục, không đổi.\n\n"
                 "Ví dụ: memberaudit diff thang-10.json thang-11.json --fail-on-new",
                 "Findings new, resolved and unchanged between two runs.\n\n"
                 "Example: memberaudit diff thang-10.json thang-11.json --fail-on-new"),
    "cmd.inspect": ("Mỗi trang tính được đọc thành gì: loại bảng, dòng tiêu đề, cột nào vào trường nào, cột không "
                    "dùng, lý do bỏ qua, và các dòng [aliases] để đọc cột chưa dùng.\n\n"
                    "Ví dụ: memberaudit inspect examples/ --format json",
                    "What each sheet was read as: kind, header rows, which header fed which field, unused headers, "
                    "why a sheet was skipped, and the [aliases] lines that would map an unused header.\n\n"
                    "Example: memberaudit inspect examples/ --format json"),
    "cmd.rules": ("Danh mục quy tắc, hoặc giải thích một quy tắc (nội dung, lý do, tham số, căn cứ, ví dụ).\n\n"
                  "Ví dụ: memberaudit rules ATT001",
                  "The rule catalogue, or one rule explained (what, why, parameters, reference, example).\n\n"
                  "Example: memberaudit rules ATT001 --lang en"),
    "cmd.demo": ("Ghi bộ dữ liệu mẫu (nhiều đảng bộ, đủ mọi quy tắc) vào thư mục DIR.\n\n"
                 "Ví dụ: memberaudit demo /tmp/demo && memberaudit audit /tmp/demo --as-of 2026-11-30",
                 "Write a realistic demo data set (several committees, every rule triggered) to DIR.\n\n"
                 "Example: memberaudit demo /tmp/demo && memberaudit audit /tmp/demo --as-of 2026-11-30"),
    "cmd.init": ("Ghi tệp memberaudit.toml có chú thích, mọi tham số ở giá trị mặc định.\n\n"
                 "Ví dụ: memberaudit init && memberaudit audit data/ --config memberaudit.toml",
                 "Write a commented memberaudit.toml with every parameter at its default.\n\n"
                 "Example: memberaudit init && memberaudit audit data/ --config memberaudit.toml"),
}


def help_lang(argv: list[str] | None = None, environ=None) -> str:
    """The language of the help texts: `--lang en` on the command line, else an English environment."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "vi"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "vi"
    for name in ("MEMBERAUDIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "en" if environ[name].lower().startswith("en") else "vi"
    return "vi"


LANG = help_lang()


def h(key: str) -> str:
    """A help text in the chosen language."""
    vi, en = HELP[key]
    return en if LANG == "en" else vi


# the section titles Typer writes around the help texts, through gettext: given in Vietnamese too
_TYPER_WORDS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số", "[required]": "[bắt buộc]",
                "required": "bắt buộc", "[default: {}]": "[mặc định: {}]", "default: {default}": "mặc định: {default}"}


# Click's usage errors, English f-strings in Typer's own copy of Click: each pattern and its Vietnamese
_USAGE_ERRORS = (
    (r"Missing argument '?(.+?)'?\.(?=\s|$)(.*)", "Thiếu tham số «{0}».{1}"),
    (r"Missing (?:option|parameter) '?([^'.]*)'?\.(.*)", "Thiếu tùy chọn «{0}».{1}"),
    (r"No such option: (\S+) \(Possible options: (.+)\)", "Không có tùy chọn {0} (có phải: {1}?)"),
    (r"No such option: (\S+)", "Không có tùy chọn {0}"),
    (r"No such command '(.+)'\.", "Không có lệnh «{0}»."),
    (r"Got unexpected extra arguments? \((.+)\)", "Thừa tham số: {0}"),
    (r"Option '(.+)' requires an argument\.", "Tùy chọn {0} cần một giá trị."),
    (r"Option '(.+)' does not take a value\.", "Tùy chọn {0} không nhận giá trị."),
    (r"Invalid value for (.+?): (.+)", "Giá trị không hợp lệ cho {0}: {1}"),
)
_USAGE = "Cách dùng: "
_USAGE_WORDS = {"[OPTIONS]": "[TÙY CHỌN]", "COMMAND [ARGS]...": "LỆNH [THAM SỐ]..."}


def usage_error(message: str) -> str:
    """A usage error of Click in Vietnamese (the message as it is when no pattern knows it)."""
    import re

    for pattern, text in _USAGE_ERRORS:
        if found := re.fullmatch(pattern, message, flags=re.DOTALL):
            return text.format(*found.groups())
    return message


def localize_typer() -> None:
    """Typer's own words in the help in the chosen language: the section titles it looks up with gettext at
    each call, and what its copy of Click writes in English only (the usage line, the help option, usage
    errors), replaced where Click writes them."""
    import re

    import typer.core
    from typer._click import core, exceptions, formatting

    write_usage = formatting.HelpFormatter.write_usage

    def usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        # Typer braces a required argument ("{inputs}..."): read as a template's unfilled name, never by Click
        args = re.sub(r"\{([^{}]+)\}", r"\1", args)
        if LANG != "en":
            for english, vietnamese in _USAGE_WORDS.items():
                args = args.replace(english, vietnamese)
            prefix = _USAGE if prefix is None else prefix
        write_usage(self, prog, args, prefix)

    formatting.HelpFormatter.write_usage = usage
    if LANG == "en":
        return
    typer.core._ = lambda text: _TYPER_WORDS.get(text, text)
    help_option = core.Command.get_help_option

    def vietnamese_help_option(self, ctx):
        option = help_option(self, ctx)
        if option is not None:
            option.help = "Hiện trợ giúp này rồi thoát."
        return option

    core.Command.get_help_option = vietnamese_help_option

    def show(self, file=None) -> None:
        stream = file or exceptions.get_text_stderr()
        if self.ctx is not None:
            hint = f"Xem «{self.ctx.command_path} {self.ctx.help_option_names[0]}» để biết cách dùng.\n"
            exceptions.echo(f"{self.ctx.get_usage()}\n{hint}", file=stream, color=self.ctx.color)
        exceptions.echo(f"Lỗi: {usage_error(self.format_message())}", file=stream,
                        color=self.ctx.color if self.ctx is not None else None)

    exceptions.UsageError.show = show
