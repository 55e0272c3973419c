"""Tables within limits: corrupt archives (bad deflate data, bad CRC), zip bombs, too many sheets or rows, cells too
long (CSV over the csv module's 128 KiB, xlsx over Excel's 32,767), JSON nested too deep in hidden cells, and a
domain's sheet whose header is damaged (an error, never an empty domain)."""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import load_workbook

import gpcatalog
from gpcatalog.cli import main
from gpcatalog.schema.report import Severity
from gpcatalog.store.limits import MAX_CELL_CHARS, MAX_SHEETS
from gpcatalog.tables import TableError, read_table
from gpcatalog.tables import files as table_files
from tests.helpers import NATIONAL_CATALOGUE

SHEET = "xl/worksheets/sheet1.xml"


def _import_refused(source: Path, capsys: pytest.CaptureFixture[str], *command: str) -> str:
    """Run ``gpcatalog import`` (or ``command``) on ``source`` as a user does: exit 2, nothing written; the
    message printed."""
    target = source.with_name("导入结果")
    args = [*(command or ("import",)), str(source), "-o", str(target)]
    assert main(args) == 2
    assert not target.exists()
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """The national catalogue exported the clerk's way (26 sheets and the hidden metadata sheet)."""
    path = tmp_path / "目录.xlsx"
    gpcatalog.export_table(NATIONAL_CATALOGUE, path)
    return path


def _member_data_offset(data: bytes, name: str) -> tuple[zipfile.ZipInfo, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    offset = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    return info, offset + 30 + name_length + extra_length


def test_corrupt_deflate_data_names_the_file(workbook: Path) -> None:
    data = bytearray(workbook.read_bytes())
    _info, start = _member_data_offset(bytes(data), SHEET)
    data[start : start + 8] = b"\xff" * 8  # block type 3 does not exist
    workbook.write_bytes(bytes(data))
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_table(workbook)
    assert caught.value.file == str(workbook)
    assert caught.value.message == "工作簿已损坏,无法解压(压缩数据出错);请在 Excel 中打开后另存一份再导入"


def _declare(path: Path, name: str, *, crc: int, size: int | None = None) -> None:
    """Rewrite what the archive at ``path`` declares for member ``name`` (CRC, and the inflated size) in its local
    header and its central directory entry, leaving the data as it is."""
    data = bytearray(path.read_bytes())
    info, _start = _member_data_offset(bytes(data), name)
    local = info.header_offset
    data[local + 14 : local + 18] = struct.pack("<I", crc)
    if size is not None:
        data[local + 22 : local + 26] = struct.pack("<I", size)
    central = data.find(b"PK\x01\x02")  # the central directory entries
    while central != -1:
        length = struct.unpack("<H", data[central + 28 : central + 30])[0]
        if data[central + 46 : central + 46 + length] == name.encode():
            data[central + 16 : central + 20] = struct.pack("<I", crc)
            if size is not None:
                data[central + 24 : central + 28] = struct.pack("<I", size)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_bad_crc_names_the_member(workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with zipfile.ZipFile(workbook) as archive:
        crc = archive.getinfo(SHEET).CRC
    _declare(workbook, SHEET, crc=crc ^ 0xDEADBEEF)
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_table(workbook)
    assert (caught.value.file, caught.value.message) == (
        str(workbook),
        f"工作簿已损坏:{SHEET} 的校验和(CRC)不对",
    )
    assert (
        _import_refused(workbook, capsys) == f"错误:文件 {workbook}:工作簿已损坏:{SHEET} 的校验和(CRC)不对\n"
    )


def _with_member(source: Path, target: Path, name: str, size: int) -> None:
    """``source`` with member ``name`` replaced by ``size`` bytes of spaces inside valid sheet XML."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != name:
                new.writestr(info, old.read(info.filename))
        with new.open(name, "w") as handle:
            handle.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b" " * (1 << 20)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(b"<sheetData/></worksheet>")


def test_a_member_compressed_a_thousand_times_is_refused_before_inflating(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = workbook.with_name("炸弹.xlsx")
    _with_member(workbook, bomb, SHEET, 9 << 20)  # 9 MB of spaces: about 9 KB compressed
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_table(bomb)
    assert caught.value.file == str(bomb)
    assert caught.value.message.startswith(f"工作簿中的 {SHEET} 压缩比为 ")
    assert caught.value.message.endswith("倍,超过上限 200 倍(可能是“压缩炸弹”),拒绝读取")
    assert _import_refused(bomb, capsys) == f"错误:{caught.value}\n"


def test_a_member_that_inflates_past_its_declared_size_is_refused(workbook: Path) -> None:
    liar = workbook.with_name("谎报.xlsx")
    _with_member(workbook, liar, SHEET, 64 << 20)  # 64 MB of spaces, declared below as 1 MB
    with zipfile.ZipFile(liar) as archive, archive.open(SHEET) as handle:
        first = handle.read(1 << 20)
    _declare(liar, SHEET, crc=zlib.crc32(first), size=1 << 20)  # zipfile's own testzip() now passes
    with zipfile.ZipFile(liar) as archive:
        assert archive.testzip() is None
    with pytest.raises(gpcatalog.CatalogueReadError) as caught:
        read_table(liar)
    assert caught.value.message == f"工作簿中的 {SHEET} 解压后比声明的 1 MB 更大(可能是“压缩炸弹”),拒绝读取"


def test_the_declared_total_size_is_capped(workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_files, "MAX_ZIP_BYTES", 100_000)  # the real cap is 512 MB: a bomb held 6 GB
    with pytest.raises(gpcatalog.CatalogueReadError, match=r"工作簿解压后有 [\d.]+ MB,超过上限 0\.1 MB"):
        read_table(workbook)


def test_too_many_sheets_are_refused_before_reading_them(tmp_path: Path) -> None:
    path = tmp_path / "多表.xlsx"
    book = xlsxwriter.Workbook(path)
    for number in range(MAX_SHEETS + 1):
        book.add_worksheet(f"表{number}").write_row(0, 0, ["序号", "二级事项", "公开内容"])
    book.close()
    with pytest.raises(TableError) as caught:
        read_table(path)
    assert (caught.value.file, caught.value.message) == (
        str(path),
        f"工作簿有 {MAX_SHEETS + 1} 个工作表,上限 {MAX_SHEETS} 个",
    )


def test_rows_are_capped_over_all_sheets(workbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_files, "MAX_TABLE_ROWS", 100)
    with pytest.raises(TableError, match=r"^文件 .*:工作表“(.+)”过大:到这个工作表为止共 \d+ 行,上限 100 行"):
        read_table(workbook)


def _csv_with(path: Path, row: int, column: int, text: str) -> None:
    source = path.with_name("国家目录.csv")
    gpcatalog.export_table(NATIONAL_CATALOGUE, source)
    with open(source, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][column - 1] = text
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_a_csv_cell_over_128_kib_names_its_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "长单元格.csv"
    _csv_with(
        path, 4, 5, "长" * (200 * 1024)
    )  # the csv module alone stops with "field larger than field limit"
    with pytest.raises(TableError) as caught:
        read_table(path)
    error = caught.value
    assert (error.file, error.line, error.column) == (str(path), 4, 5)
    assert error.message == f"E4 单元格过长:204800 个字符,上限 {MAX_CELL_CHARS} 个字符"
    assert csv.field_size_limit() == 131072  # the csv module's limit is left as it was
    assert _import_refused(path, capsys) == (
        f"错误:文件 {path},第4行第5列:E4 单元格过长:204800 个字符,上限 {MAX_CELL_CHARS} 个字符\n"
    )


def test_a_csv_cell_over_excels_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "长单元格.csv"
    _csv_with(path, 10, 4, "长" * (MAX_CELL_CHARS + 1))
    with pytest.raises(TableError, match=r"第10行第4列:D10 单元格过长:32768 个字符,上限 32767 个字符"):
        read_table(path)


def test_an_xlsx_cell_over_excels_limit_names_sheet_and_cell(workbook: Path) -> None:
    book = load_workbook(workbook)
    book["社会救助"]["F5"] = "长" * (MAX_CELL_CHARS + 10)  # openpyxl writes what Excel would refuse
    book.save(workbook)
    with pytest.raises(TableError) as caught:
        read_table(workbook)
    assert (caught.value.line, caught.value.column) == (5, 6)
    assert caught.value.message == (
        "工作表“社会救助”F5 单元格达到上限 32767 个字符,超出的部分读取时已被截断;请缩短后再导入"
    )


def test_a_csv_cell_over_128_kib_in_columns_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "栏目.csv"
    gpcatalog.export_map(gpcatalog.read_map(), exported)
    with open(exported, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][1] = "名" * 200_000
    with open(exported, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(TableError) as caught:
        gpcatalog.import_map(exported)
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(exported), 3, 2)
    assert caught.value.message == "B3 单元格过长:200000 个字符,上限 32767 个字符"
    err = _import_refused(exported, capsys, "columns", "import")
    assert err == f"错误:文件 {exported},第3行第2列:B3 单元格过长:200000 个字符,上限 32767 个字符\n"


def test_a_domain_sheet_whose_header_is_damaged_is_an_error_not_an_empty_domain(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["城乡规划"]
    for row in sheet.iter_rows(min_row=2, max_row=3):
        for cell in row:
            if cell.value in ("公开事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "二级事项"):
                cell.value = f"栏{cell.value}"  # no longer a header gpcatalog recognises
    book.save(workbook)
    result = read_table(workbook)
    assert result.catalogue is None
    [error] = result.report.errors()
    assert (error.code, error.path, error.file) == ("no-table", "城乡规划", str(workbook))
    assert error.message.startswith(
        "城乡规划:这个工作表看起来是目录表(它的名称或标题是领域“城乡规划”),但找不到表头,它的行一行也没有导入。"
    )


def test_a_sheet_that_is_not_a_catalogue_is_still_skipped(workbook: Path) -> None:
    book = load_workbook(workbook)
    notes = book.create_sheet("填表说明", 0)
    notes.append(["请按国家模板填写,联系电话 0750-1234567"])
    book.save(workbook)
    result = read_table(workbook)
    assert result.catalogue is not None
    [skipped] = [i for i in result.report.issues if i.code == "no-table"]
    assert (skipped.severity, skipped.message) == (Severity.INFO, "填表说明:没有找到目录表头,已跳过")


def test_json_nested_too_deep_in_a_hidden_cell_is_a_warning(workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book["社会救助"]
    column = [c.value for c in sheet[2]].index("扩展字段") + 1  # a hidden column, on the first header row
    sheet.cell(row=4, column=column, value="[" * 10_000 + "]" * 10_000)
    book.save(workbook)
    result = read_table(workbook)
    [warning] = [i for i in result.report.issues if i.code == "bad-value" and i.line == 4]
    assert warning.severity is Severity.WARNING
    assert result.catalogue is not None
