"""Reading the files tables come in: xlsx, xlsm, xls, ods (python-calamine, with merged ranges and formula cells)
and CSV (UTF-8, UTF-8 with BOM or GB18030), into plain sheets of cell values."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpcatalog.errors import CatalogueReadError
from gpcatalog.store.sheets import read_cell
from gpcatalog.tables.layout import (
    MAX_ROWS,
    META_SHEET,
)

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


def read_sheets(path: str | Path) -> list[Sheet]:
    """Read every visible sheet of a workbook (xlsx, xlsm, xls, ods) or the one table of a CSV file.

    Raises:
        CatalogueReadError: the file is missing, encrypted, corrupt, or a sheet is too large.
    """
    source = Path(path)
    if not source.is_file():
        raise CatalogueReadError("文件不存在", file=source)
    data = source.read_bytes()
    if source.suffix.lower() in (".csv", ".txt"):
        text = _decode_csv(data, source)
        rows: list[list[Any]] = [[read_cell(v) for v in r] for r in csv.reader(io.StringIO(text))]
        if len(rows) > MAX_ROWS:
            raise CatalogueReadError(f"表格过大:{len(rows)} 行,上限 {MAX_ROWS} 行", file=source)
        return [Sheet(source.stem, rows)]
    if not data:
        raise CatalogueReadError("文件是空的", file=source)
    encrypted = data.startswith(OLE_MAGIC) and source.suffix.lower() in (".xlsx", ".xlsm")
    if encrypted:
        raise CatalogueReadError(
            "工作簿设置了打开密码(已加密),请在 Excel 中取消密码后另存为 .xlsx 再导入", file=source
        )
    if not data.startswith(OLE_MAGIC) and not zipfile.is_zipfile(source):
        raise CatalogueReadError("不是有效的 Excel 工作簿(文件已损坏,或不是 .xlsx/.xls/.ods)", file=source)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(source))
    except Exception as exc:  # calamine raises its own error types for corrupt files
        raise CatalogueReadError(f"工作簿无法打开(已损坏或已加密):{exc}", file=source) from exc
    try:
        formula_sheets = _formula_cells(source) if zipfile.is_zipfile(source) else {}
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # corrupt deflate data, a bad CRC
        raise CatalogueReadError(f"工作簿已损坏,无法解压:{exc}", file=source) from exc
    sheets: list[Sheet] = []
    for meta in book.sheets_metadata:
        if str(meta.visible).endswith("Visible") is False and meta.name != META_SHEET:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if sheet.total_height > MAX_ROWS:
            raise CatalogueReadError(
                f"工作表“{meta.name}”过大:{sheet.total_height} 行,上限 {MAX_ROWS} 行", file=source
            )
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise CatalogueReadError(f"工作表“{meta.name}”无法读取:{exc}", file=source) from exc
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        sheets.append(Sheet(meta.name, [list(r) for r in rows], merged, formula_sheets.get(meta.name, set())))
    return sheets


def _formula_cells(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Cells holding formulas, by sheet: only looked for (with openpyxl) when the workbook has any."""
    with zipfile.ZipFile(path) as archive:
        has = any(
            name.startswith("xl/worksheets/") and (b"<f>" in (data := archive.read(name)) or b"<f " in data)
            for name in archive.namelist()
        )
    if not has:
        return {}
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
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
    return found
