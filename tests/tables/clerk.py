"""Editing an exported workbook with openpyxl the way Excel does it.

openpyxl's ``insert_rows`` and ``delete_rows`` move cell values but not merged ranges; Excel moves them, grows a
range a row is inserted into and shrinks one a row is deleted from. These helpers do what Excel does, and leave
what Excel leaves: an inserted row is empty (the hidden id columns too), a copied row carries every cell of its
source (the hidden 事项编号 and 一级事项编号 too), a merged range keeps only its top-left value.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FIRST_DATA_ROW = 4  # title, two header rows


def column(sheet: Worksheet, header: str) -> int:
    """The 1-based column under ``header`` (first or second header row)."""
    for row in (2, 3):
        for cell in sheet[row]:
            if cell.value == header:
                return int(cell.column)
    raise KeyError(header)


def _data_ranges(sheet: Worksheet) -> list[tuple[int, int, int, int]]:
    ranges = [
        (r.min_row, r.min_col, r.max_row, r.max_col)
        for r in sheet.merged_cells.ranges
        if r.min_row >= FIRST_DATA_ROW
    ]
    for r0, c0, r1, c1 in ranges:
        sheet.unmerge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    return ranges


def _merge(sheet: Worksheet, ranges: list[tuple[int, int, int, int]]) -> None:
    for r0, c0, r1, c1 in ranges:
        if r1 > r0 or c1 > c0:
            sheet.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)


def insert_row(sheet: Worksheet, at: int) -> None:
    """Insert an empty row before row ``at``: ranges below move down, a range ``at`` falls inside grows."""
    ranges = _data_ranges(sheet)
    sheet.insert_rows(at)
    moved = []
    for r0, c0, r1, c1 in ranges:
        if r0 >= at:
            moved.append((r0 + 1, c0, r1 + 1, c1))
        elif r1 >= at:
            moved.append((r0, c0, r1 + 1, c1))
        else:
            moved.append((r0, c0, r1, c1))
    _merge(sheet, moved)


def delete_row(sheet: Worksheet, at: int) -> None:
    """Delete row ``at``: a range it was in shrinks (keeping its value when its first row goes), ranges below
    move up."""
    ranges = _data_ranges(sheet)
    keep: dict[tuple[int, int], Any] = {}
    for r0, c0, r1, _c1 in ranges:
        if r0 == at and r1 > r0:
            keep[(r0, c0)] = sheet.cell(r0, c0).value
    sheet.delete_rows(at)
    moved = []
    for r0, c0, r1, c1 in ranges:
        if r0 > at:
            moved.append((r0 - 1, c0, r1 - 1, c1))
        elif r1 >= at:
            moved.append((r0, c0, r1 - 1, c1))
        else:
            moved.append((r0, c0, r1, c1))
    for (r0, c0), value in keep.items():
        sheet.cell(r0, c0).value = value
    _merge(sheet, [r for r in moved if r[2] >= r[0]])


def values(sheet: Worksheet, row: int) -> list[Any]:
    """The values of a row as Excel copies them: a cell under a merged range (not its top-left) is empty."""
    return [None if isinstance(c, MergedCell) else c.value for c in sheet[row]]


def copy_row(sheet: Worksheet, source: int, at: int) -> None:
    """Copy row ``source`` and insert the copied cells before row ``at`` (Excel's 插入复制的单元格)."""
    copied = values(sheet, source)
    insert_row(sheet, at)
    for index, value in enumerate(copied, start=1):
        cell = sheet.cell(at, index)
        if not isinstance(cell, MergedCell):  # inside a merged range only its top-left value shows
            cell.value = value


def move_row(sheet: Worksheet, source: int, at: int) -> None:
    """Cut row ``source`` and insert it before row ``at``."""
    copy_row(sheet, source, at)
    delete_row(sheet, source + 1 if at <= source else source)


def set_cell(sheet: Worksheet, ref: str, value: Any) -> None:
    """Type into a cell (into a merged range: its top-left cell)."""
    cell = sheet[ref]
    if isinstance(cell, MergedCell):
        for r in sheet.merged_cells.ranges:
            if ref in r:
                cell = sheet.cell(r.min_row, r.min_col)
                break
    cell.value = value


def merged_range(sheet: Worksheet, ref: str) -> str | None:
    """The merged range holding ``ref``, if any."""
    for r in sheet.merged_cells.ranges:
        if ref in r:
            return str(r.coord)
    return None


def last_row(sheet: Worksheet) -> int:
    """The last row holding a value in the 二级事项 or 事项编号 column."""
    last = FIRST_DATA_ROW - 1
    level2, item = column(sheet, "二级事项"), column(sheet, "事项编号")
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        if sheet.cell(row, level2).value not in (None, "") or sheet.cell(row, item).value not in (None, ""):
            last = row
    return last


def letter(index: int) -> str:
    return get_column_letter(index)
