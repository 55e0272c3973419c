"""Reading the files tables come in: xlsx, xlsm, xls, ods (python-calamine, with merged ranges and formula cells)
and CSV (UTF-8, UTF-8 with BOM or GB18030), into plain sheets of cell values."""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpcatalog.errors import CatalogueReadError, TableError
from gpcatalog.store.limits import (
    MAX_CELL_CHARS,
    MAX_SHEETS,
    MAX_TABLE_BYTES,
    MAX_TABLE_ROWS,
    MAX_ZIP_BYTES,
    MAX_ZIP_RATIO,
    ZIP_RATIO_FROM,
    megabytes,
    read_file,
)
from gpcatalog.store.sheets import read_cell
from gpcatalog.tables.layout import META_SHEET

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    """One sheet as read: cell values by (0-based) row and column, merged ranges, formula cells."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)


def _decode_csv(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogueReadError("CSV 文件既不是 UTF-8 也不是 GB18030 编码,无法读取", file=path)


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``27`` → ``AB``: the column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell_too_long(source: Path, row: int, column: int, length: int) -> TableError:
    return TableError(
        f"{column_letter(column)}{row} 单元格过长:{length} 个字符,上限 {MAX_CELL_CHARS} 个字符",
        file=source,
        line=row,
        column=column + 1,
    )


def _check_cells(source: Path, where: str, rows: list[list[Any]]) -> None:
    """Refuse a workbook cell of :data:`~gpcatalog.store.limits.MAX_CELL_CHARS` characters or more, naming its
    row and column: the workbook reader cuts longer cells to exactly that length, so such a cell has lost its end
    (Excel itself cannot hold more)."""
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, str) and len(value) >= MAX_CELL_CHARS:
                raise TableError(
                    f"{where}{column_letter(column)}{number} 单元格达到上限 {MAX_CELL_CHARS} 个字符,"
                    "超出的部分读取时已被截断;请缩短后再导入",
                    file=source,
                    line=number,
                    column=column + 1,
                )


def read_csv_rows(data: bytes, source: Path) -> list[list[str]]:
    """The rows of a CSV file (UTF-8, UTF-8 with BOM or GB18030), within the row and cell limits.

    Raises:
        CatalogueReadError: the encoding is neither.
        TableError: more rows than :data:`~gpcatalog.store.limits.MAX_TABLE_ROWS`, a cell longer than
            :data:`~gpcatalog.store.limits.MAX_CELL_CHARS`, or text the csv module cannot read; the message
            names the row (and column).
    """
    text = _decode_csv(data, source)
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    # The csv module's own limit (128 KiB) fails without naming the column; lift it while reading (no field can
    # be longer than the file, which is capped) and check each cell here instead.
    previous = csv.field_size_limit(max(MAX_TABLE_BYTES, len(text)) + 1)
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_TABLE_ROWS:
                raise TableError(f"表格过大:超过 {MAX_TABLE_ROWS} 行", file=source, line=reader.line_num)
            for column, value in enumerate(row):
                if len(value) > MAX_CELL_CHARS:
                    raise _cell_too_long(source, len(rows), column, len(value))
    except csv.Error as exc:
        raise TableError(f"CSV 格式有误,无法读取({exc})", file=source, line=reader.line_num) from None
    finally:
        csv.field_size_limit(previous)
    return rows


def check_archive(data: bytes, source: Path) -> None:
    """Check a zip-based workbook (xlsx, xlsm, ods) before any reader inflates it: the sizes its members declare
    (:data:`~gpcatalog.store.limits.MAX_ZIP_BYTES`, :data:`~gpcatalog.store.limits.MAX_ZIP_RATIO`), then every
    member inflated in bounded chunks against its declared size and CRC (so a member that lies about its size is
    caught before the reader, which would inflate it whole, sees it).

    Raises:
        CatalogueReadError: a zip bomb, or a corrupt archive (bad deflate data, bad CRC), naming the file.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_ZIP_BYTES:
                raise CatalogueReadError(
                    f"工作簿解压后有 {megabytes(total)},超过上限 {megabytes(MAX_ZIP_BYTES)}"
                    "(可能是“压缩炸弹”),拒绝读取",
                    file=source,
                )
            for member in members:
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > ZIP_RATIO_FROM and ratio > MAX_ZIP_RATIO:
                    raise CatalogueReadError(
                        f"工作簿中的 {member.filename} 压缩比为 {ratio:.0f} 倍,超过上限 {MAX_ZIP_RATIO} 倍"
                        "(可能是“压缩炸弹”),拒绝读取",
                        file=source,
                    )
            for member in members:
                _check_member(archive, member, data, source)
    except CatalogueReadError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        struct.error,
    ):
        raise CatalogueReadError(
            "工作簿已损坏,无法解压(压缩数据出错);请在 Excel 中打开后另存一份再导入", file=source
        ) from None


_CHUNK = 1 << 20


def _check_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, data: bytes, source: Path) -> None:
    """Inflate one member in bounded chunks and compare it with what the archive declares: a member that inflates
    past its declared size (a bomb that lies), bad deflate data or a bad CRC is refused."""
    if member.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        with archive.open(
            member
        ) as handle:  # zipfile reads no more than the declared size, and checks the CRC
            while handle.read(_CHUNK):
                pass
        return
    offset = member.header_offset
    if data[offset : offset + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{member.filename} 的本地文件头不对")
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    start = offset + 30 + name_length + extra_length
    raw = data[start : start + member.compress_size]
    crc, produced = 0, 0
    if member.compress_type == zipfile.ZIP_STORED:
        crc, produced = zlib.crc32(raw), len(raw)
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending = raw
        while pending and not inflater.eof:
            part = inflater.decompress(pending, _CHUNK)
            produced += len(part)
            if produced > member.file_size:
                raise CatalogueReadError(
                    f"工作簿中的 {member.filename} 解压后比声明的 {megabytes(member.file_size)} 更大"
                    "(可能是“压缩炸弹”),拒绝读取",
                    file=source,
                )
            crc = zlib.crc32(part, crc)
            pending = inflater.unconsumed_tail
        if not inflater.eof:
            raise zipfile.BadZipFile(f"{member.filename} 的压缩数据不完整")
    if produced != member.file_size or crc != member.CRC:
        raise CatalogueReadError(f"工作簿已损坏:{member.filename} 的校验和(CRC)不对", file=source)


def read_sheets(path: str | Path) -> list[Sheet]:
    """Read every visible sheet of a workbook (xlsx, xlsm, xls, ods) or the one table of a CSV file.

    The limits of :mod:`gpcatalog.store.limits` apply: file size, archive size and ratio, number of sheets,
    rows over all sheets, characters per cell.

    Raises:
        CatalogueReadError: the file is missing, not a regular file, too large, encrypted or corrupt.
        TableError: too many sheets or rows, or a cell too long (naming the sheet, row and column).
    """
    source = Path(path)
    data = read_file(source, MAX_TABLE_BYTES, what="表格文件")
    if source.suffix.lower() in (".csv", ".txt"):
        rows = [[read_cell(v) for v in r] for r in read_csv_rows(data, source)]  # '=x written as ''=x
        return [Sheet(source.stem, rows)]
    if not data:
        raise CatalogueReadError("文件是空的", file=source)
    encrypted = data.startswith(OLE_MAGIC) and source.suffix.lower() in (".xlsx", ".xlsm")
    if encrypted:
        raise CatalogueReadError(
            "工作簿设置了打开密码(已加密),请在 Excel 中取消密码后另存为 .xlsx 再导入", file=source
        )
    is_zip = zipfile.is_zipfile(io.BytesIO(data))
    if not data.startswith(OLE_MAGIC) and not is_zip:
        raise CatalogueReadError("不是有效的 Excel 工作簿(文件已损坏,或不是 .xlsx/.xls/.ods)", file=source)
    if is_zip:
        check_archive(data, source)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))  # the bytes checked, not the path again
    except Exception as exc:  # calamine raises its own error types for corrupt files
        raise CatalogueReadError(f"工作簿无法打开(已损坏或已加密):{exc}", file=source) from exc
    if len(book.sheets_metadata) > MAX_SHEETS:
        raise TableError(f"工作簿有 {len(book.sheets_metadata)} 个工作表,上限 {MAX_SHEETS} 个", file=source)
    try:
        formula_sheets = _formula_cells(data, source) if is_zip else {}
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # corrupt deflate data, a bad CRC
        raise CatalogueReadError(
            "工作簿已损坏,无法解压(压缩数据出错);请在 Excel 中打开后另存一份再导入", file=source
        ) from exc
    sheets: list[Sheet] = []
    total = 0
    for meta in book.sheets_metadata:
        if str(meta.visible).endswith("Visible") is False and meta.name != META_SHEET:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception as exc:  # calamine's own error types (XmlError …)
            raise CatalogueReadError(f"工作表“{meta.name}”无法读取:{exc}", file=source) from exc
        total += sheet.total_height
        if total > MAX_TABLE_ROWS:
            raise TableError(
                f"工作表“{meta.name}”过大:到这个工作表为止共 {total} 行,上限 {MAX_TABLE_ROWS} 行"
                "(所有工作表合计)",
                file=source,
            )
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise CatalogueReadError(f"工作表“{meta.name}”无法读取:{exc}", file=source) from exc
        cells = [list(r) for r in rows]
        _check_cells(source, f"工作表“{meta.name}”", cells)
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        sheets.append(Sheet(meta.name, cells, merged, formula_sheets.get(meta.name, set())))
    return sheets


def _formula_cells(data: bytes, source: Path) -> dict[str, set[tuple[int, int]]]:
    """Cells holding formulas, by sheet: only looked for (with openpyxl) when the workbook has any."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        has = any(
            name.startswith("xl/worksheets/") and (b"<f>" in (part := archive.read(name)) or b"<f " in part)
            for name in archive.namelist()
        )
    if not has:
        return {}
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        found: dict[str, set[tuple[int, int]]] = {}
        for sheet in book.worksheets:
            cells = set()
            for row in sheet.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        cells.add(((cell.row or 1) - 1, (cell.column or 1) - 1))
            if cells:
                found[sheet.title] = cells
        book.close()
    except Exception as exc:  # openpyxl raises many types (KeyError, ValueError, XML errors) for broken parts
        raise CatalogueReadError(f"工作簿无法读取(公式单元格):{exc}", file=source) from exc
    return found
