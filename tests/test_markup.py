"""Workbooks that are markup under an Excel name: an HTML table (web software's "Xuất Excel") and Excel 2003
XML. calamine reads neither: both stopped the run ("Invalid OLE … not an office document")."""

from __future__ import annotations

from datetime import date

import polars as pl
from typer.testing import CliRunner

from memberaudit.assemble.pipeline import read_roster
from memberaudit.cli import app

_TITLE = "DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU DÂN CƯ SỐ 2"


def _html(rows_html: str, charset: str = "utf-8") -> str:
    return (f'<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" '
            f'content="text/html; charset={charset}"></head><body><table border="1">{rows_html}</table></body></html>')


def test_an_html_table_saved_as_xls(tmp_path):
    """Merged title, a two-row header (rowspan beside a colspan group), a name and birth date in one cell
    split by <br>, an entity, UTF-8 with a byte order mark: read as a register is."""
    rows = (f'<tr><td colspan="6"><b>{_TITLE}</b></td></tr>'
            '<tr><td rowspan="2">STT</td><td rowspan="2">Số thẻ<br>đảng viên</td>'
            '<td rowspan="2">Họ và tên<br>Ngày sinh</td><td colspan="2">Ngày vào Đảng</td>'
            '<td rowspan="2">Nghề nghiệp</td></tr>'
            '<tr><td>Ngày kết nạp</td><td>Ngày chính thức</td></tr>'
            '<tr><td>1</td><td>21003301</td><td>Phan Văn Tâm<br>12/03/1961</td><td>12/05/1985</td>'
            '<td>12/05/1986</td><td>Hưu trí &amp; cựu chiến binh</td></tr>'
            '<tr><td>2</td><td>21003302</td><td>Vũ   Thị Lan<br/>04/07/1979</td><td>02/09/2025</td>'
            '<td></td><td>Giáo viên</td></tr>')
    path = tmp_path / "xuat-excel.xls"
    path.write_bytes(b"\xef\xbb\xbf" + _html(rows).encode("utf-8"))
    roster = read_roster([path], workers=1)
    got = roster.members.sort("_row").select(
        roster.id_text(), "full_name", "birth_date", "unit", "admission_date", "official_date", "occupation",
        "_row").rows()
    assert got == [
        ("21003301", "Phan Văn Tâm", date(1961, 3, 12), "CHI BỘ KHU DÂN CƯ SỐ 2", date(1985, 5, 12),
         date(1986, 5, 12), "Hưu trí & cựu chiến binh", 4),
        ("21003302", "Vũ Thị Lan", date(1979, 7, 4), "CHI BỘ KHU DÂN CƯ SỐ 2", date(2025, 9, 2), None,
         "Giáo viên", 5)]
    assert roster.sources[0].header_rows == 2 and roster.sources[0].sheet == "xuat-excel"


def _spreadsheet_ml(*worksheets: str) -> str:
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:'
            'office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:'
            f'office:spreadsheet">{"".join(worksheets)}</Workbook>')


def _cell(value, kind="String", **attrs) -> str:
    extra = "".join(f' ss:{k}="{v}"' for k, v in attrs.items())
    return f'<Cell{extra}><Data ss:Type="{kind}">{value}</Data></Cell>'


def test_excel_2003_xml_in_a_folder_with_other_xml(tmp_path):
    """Excel 2003 XML (`.xml`, the spreadsheet namespace): a title merged across, cells placed by ss:Index,
    dates typed DateTime, a hidden lookup sheet skipped, an attendance sheet beside; an XML file that is no
    workbook in the same folder is not an input."""
    members = ('<Worksheet ss:Name="Danh sách đảng viên"><Table>'
               f'<Row>{_cell("ĐẢNG BỘ PHƯỜNG HOA SEN", MergeAcross=5)}</Row>'
               f'<Row ss:Index="3">{_cell("STT")}{_cell("Số thẻ")}{_cell("Họ và tên")}{_cell("Ngày sinh")}'
               f'{_cell("Chi bộ")}{_cell("Ngày vào Đảng")}</Row>'
               f'<Row>{_cell(1, "Number")}{_cell("01000001")}{_cell("Nguyễn Văn An")}'
               f'{_cell("1970-01-02T00:00:00.000", "DateTime")}{_cell("Chi bộ 1")}'
               f'{_cell("2000-03-04T00:00:00.000", "DateTime")}</Row>'
               f'<Row>{_cell(2, "Number")}{_cell("01000002")}{_cell("Trần Thị Bình")}'
               f'{_cell("05/06/1980")}{_cell("2005-07-08T00:00:00.000", "DateTime", Index=6)}</Row>'
               '</Table></Worksheet>')
    attendance = ('<Worksheet ss:Name="Sinh hoạt 2026"><Table>'
                  f'<Row>{_cell("Số thẻ")}{_cell("Họ và tên")}{_cell("T1")}{_cell("T2")}{_cell("T3")}</Row>'
                  f'<Row>{_cell("01000001")}{_cell("Nguyễn Văn An")}{_cell("K")}{_cell("K")}{_cell("K")}</Row>'
                  '</Table></Worksheet>')
    lookup = ('<Worksheet ss:Name="DM"><Table><Row>' + _cell("Số thẻ") + _cell("Họ và tên") + '</Row><Row>'
              + _cell("09999999") + _cell("Không Phải Ai") + '</Row></Table><WorksheetOptions '
              'xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>'
              '</Worksheet>')
    (tmp_path / "chi-bo-1.xml").write_text(_spreadsheet_ml(members, attendance, lookup), encoding="utf-8")
    (tmp_path / "cau-hinh.xml").write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    roster = read_roster([tmp_path], workers=1)
    assert roster.files == [str(tmp_path / "chi-bo-1.xml")]
    assert roster.members.sort("_row").select(
        roster.id_text(), "birth_date", "unit", "admission_date", "_row").rows() == [
        ("01000001", date(1970, 1, 2), "Chi bộ 1", date(2000, 3, 4), 4),
        ("01000002", date(1980, 6, 5), None, date(2005, 7, 8), 5)]
    assert [(s.sheet, s.reason) for s in roster.skipped] == [("DM", "skip.hidden")]
    assert roster.attendance.select(pl.col("unexcused")).item() == 0b111


def test_a_broken_markup_workbook_is_an_input_error(tmp_path):
    path = tmp_path / "hong.xml"
    path.write_text(_spreadsheet_ml('<Worksheet ss:Name="DS"><Table><Row>'), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--as-of", "2026-11-30", "--lang", "en"])
    assert result.exit_code == 2
    assert "hong.xml" in result.output and "Traceback" not in result.output


def test_an_html_table_that_leaves_its_tags_open(tmp_path):
    """Web exports often close no <td> or <tr>: the last row, never closed, was lost."""
    path = tmp_path / "mo.xls"
    path.write_text("<table><tr><td>Số thẻ<td>Họ và tên<td>Ngày sinh<td>Chi bộ<td>Ngày vào Đảng"
                    "<tr><td>001<td>An<td>01/01/1970<td>CB1<td>01/01/2000", encoding="utf-8")
    roster = read_roster([path], workers=1)
    assert roster.members.select(roster.id_text(), "unit").rows() == [("001", "CB1")]


def test_delimited_text_saved_as_xls(tmp_path):
    """Tab- or semicolon-separated text named .xls (UTF-8 or UTF-16, as some exports write it) is the CSV it
    is: it stopped the run ("Invalid OLE"). A binary file that is no workbook still does, naming it."""
    text = "Số thẻ\tHọ và tên\tNgày sinh\tChi bộ\tNgày vào Đảng\n001\tAn\t01/01/1970\tCB1\t01/01/2000\n"
    (tmp_path / "a.xls").write_text(text, encoding="utf-8")
    (tmp_path / "b.xls").write_bytes(text.replace("\t", ";").replace("001", "002").encode("utf-16"))
    roster = read_roster([tmp_path], workers=1)
    assert sorted(roster.members.select(roster.id_text()).to_series().to_list()) == ["001", "002"]
    junk = tmp_path / "hong.xls"
    junk.write_bytes(bytes(range(256)))
    result = CliRunner().invoke(app, ["validate", str(junk), "--as-of", "2026-11-30", "--lang", "en"])
    assert result.exit_code == 2 and "hong.xls" in result.output and "Traceback" not in result.output


def test_members_tables_holding_nobody_are_an_input_error(tmp_path):
    """A members list of its header alone ran to "0 members, no findings", exit 0: a scheduled run passed
    having read nobody."""
    path = tmp_path / "trong.xls"
    path.write_text("<table><tr><td>Số thẻ</td><td>Họ và tên</td><td>Ngày sinh</td><td>Chi bộ</td>"
                    "<td>Ngày vào Đảng</td></tr></table>", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--as-of", "2026-11-30", "--lang", "en"])
    assert result.exit_code == 2 and "hold no member" in result.output and "trong.xls" in result.output
