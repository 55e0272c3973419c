"""Finding the tables in a sheet: header rows (one or two, merged or not, spelled as counties spell them), the
column each key is in, the title above, and the data rows below with merged and 同上 cells filled in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gpcatalog.parsing.text import match_key
from gpcatalog.schema.report import Severity
from gpcatalog.tables.cells import Out, Row, text_of
from gpcatalog.tables.files import Sheet
from gpcatalog.tables.layout import (
    GROUP_TEXT,
    HEADER_ALIASES,
    SUB_HEADERS,
)

_LONGEST_HEADER = max(len(k) for k in HEADER_ALIASES) + 8  # room for spaces, line breaks, full-width brackets


def _header_key(text: Any) -> str | None:
    """The column key a header cell names, or None. Long cells (data) are rejected before any normalising."""
    if not isinstance(text, str) or len(text) > _LONGEST_HEADER or not text.strip():
        return None
    return _header_key_of(text)


@lru_cache(maxsize=4096)
def _header_key_of(text: str) -> str | None:
    key = match_key(text)
    if key in HEADER_ALIASES:
        return HEADER_ALIASES[key]
    bare = re.sub(r"\(.*?\)$", "", key)
    return HEADER_ALIASES.get(bare)


def _header_keys(row: list[Any]) -> set[str] | None:
    """The column keys a row names when it is a table's header row (an 事项 column and one other), else None."""
    short = sum(1 for v in row if isinstance(v, str) and 1 < len(v.strip()) <= _LONGEST_HEADER)
    if short < 2:  # data rows are mostly long text and one-character ticks: skip them cheaply
        return None
    found = {key for key in map(_header_key, row) if key}
    if ("level2" in found or "level1" in found) and found & {"contents", "deadline", "basis", "subject"}:
        return found
    return None


EXPECTED_HEADER = "序号、一级事项、二级事项、公开内容、公开依据、公开时限、公开主体、公开渠道和载体"
"""The header a catalogue table has, as error messages list it."""

_LOOK_ROWS = 20  # how far down a sheet a damaged header is looked for


def looks_like_catalogue(sheet: Sheet, known: Iterable[str]) -> str | None:
    """Why a sheet without a recognisable header still looks like a catalogue table, or None: it is named after a
    domain, its title names a domain or says 目录, or a row near the top names one or more catalogue columns."""
    top = [[v for v in row if isinstance(v, str) and v.strip()] for row in sheet.rows[:_LOOK_ROWS]]
    title = next((texts[0].strip() for texts in top if texts), None)
    domain = _domain_of(title, sheet.name, known)
    if domain is not None:
        return f"它的名称或标题是领域“{domain}”"
    if title is not None and "目录" in title:
        return f"标题是“{title[:40]}”"
    for number, texts in enumerate(top, start=1):
        keys = {key for key in map(_header_key, texts) if key}
        if keys & {"level1", "level2", "contents", "basis", "deadline", "subject", "channels"}:
            return f"第{number}行像是残缺的表头"
    return None


def _is_sub(text: Any) -> bool:
    return isinstance(text, str) and len(text) <= _LONGEST_HEADER and match_key(text) in _SUB_KEYS


_SUB_KEYS = {match_key(s) for s in SUB_HEADERS}


@dataclass
class Table:
    sheet: Sheet
    header: int  # 0-based row of the (first) header row
    first: int  # first data row
    columns: dict[str, int]
    title: str | None
    headers: dict[str, str] = field(default_factory=dict)
    """Column key → the header text it was read from (the import report shows the mapping)."""
    unknown: list[tuple[int, int, str, str]] = field(default_factory=list)
    """Header cells no field was read from: (0-based row, column, text, what it was taken for)."""


def find_tables(sheet: Sheet) -> list[Table]:
    tables: list[Table] = []
    merged_right: dict[tuple[int, int], int] = {}
    for r0, c0, r1, c1 in sheet.merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                merged_right[(r, c)] = c0
    index = 0
    rows = sheet.rows
    while index < len(rows):
        row = rows[index]
        if _header_keys(row) is None:
            index += 1
            continue
        below = rows[index + 1] if index + 1 < len(rows) else []
        two_rows = any(_is_sub(v) for v in below)
        columns: dict[str, int] = {}
        width = max(len(row), len(below))
        group = None
        headers: dict[str, str] = {}
        unknown: list[tuple[int, int, str, str]] = []
        used: set[int] = set()
        for c in range(width):
            main = row[c] if c < len(row) else None
            sub = below[c] if two_rows and c < len(below) else None
            if isinstance(main, str) and main.strip():
                group = match_key(main)
            elif (index, c) not in merged_right:
                group = None if two_rows is False else group
            sub_key = _header_key(sub) if sub not in (None, "") else None
            main_key = _header_key(main) if main not in (None, "") else None
            if sub_key is not None:
                key = sub_key
            elif main_key is not None and not (
                two_rows and main_key == "level2" and group == "公开事项" and sub
            ):
                key = main_key
            elif main is not None and isinstance(main, str) and match_key(main) in GROUP_TEXT:
                key = GROUP_TEXT[match_key(main)]
            else:
                continue
            if key in ("audience_text", "mode_text", "levels_text") and two_rows and sub:
                continue
            label = str(sub or main or "")
            if key == "level_township" and key in columns and "村" in label:
                key = "level_village"  # 县级 / 镇级 / 乡、村级: the third column is the village tier
            if key in columns:
                taken = f"又一个“{headers[key]}”列(已取前面的那一列),这一列没有导入"
                unknown.append((index + 1 if sub_key is not None else index, c, label, taken))
                used.add(c)
                continue
            columns[key] = c
            headers[key] = " ".join(label.split())
            used.add(c)
        unknown = sorted([*unknown, *_unmapped(row, below if two_rows else [], index, used)])
        if "level1" in columns and "level2" not in columns:
            columns["level2"], columns["level1"] = columns["level1"], -1
            columns.pop("level1")
        title = None
        for above in range(index - 1, max(-1, index - 4), -1):
            texts = [v for v in rows[above] if isinstance(v, str) and v.strip()]
            if texts:
                title = texts[0].strip()
                break
        first = index + (2 if two_rows else 1)
        tables.append(Table(sheet, index, first, columns, title, headers, unknown))
        index = first
    return tables


_GROUPS = {match_key(g) for g in ("公开事项", *GROUP_TEXT)}


def _unmapped(
    row: list[Any], below: list[Any], index: int, used: set[int]
) -> list[tuple[int, int, str, str]]:
    """Header cells of columns no field was read from (a group header over read sub-columns is read)."""
    found: list[tuple[int, int, str, str]] = []
    for c in range(max(len(row), len(below))):
        if c in used:
            continue
        for r, cells in ((index, row), (index + 1, below)):
            value = cells[c] if c < len(cells) else None
            if value in (None, "") or (isinstance(value, str) and not value.strip()):
                continue
            text = " ".join(str(value).split())
            if r == index and match_key(text) in _GROUPS and any(c + k in used for k in (-1, 1)):
                continue
            found.append((r, c, text, "不是已知的列,没有对应任何字段,这一列没有导入"))
    return found


def _domain_of(title: str | None, sheet: str, known: Iterable[str]) -> str | None:
    for text in (title or "", sheet):
        key = match_key(text)
        for name in sorted(known, key=len, reverse=True):
            if match_key(name) in key:
                return name
    return None


def rows_of(table: Table, out: Out, known: Iterable[str]) -> list[Row]:
    sheet = table.sheet
    merged_value: dict[tuple[int, int], tuple[Any, int]] = {}
    for number, (r0, c0, r1, c1) in enumerate(sheet.merged):
        value = sheet.rows[r0][c0] if r0 < len(sheet.rows) and c0 < len(sheet.rows[r0]) else None
        for r in range(max(r0, table.first), r1 + 1):
            for c in range(c0, c1 + 1):
                merged_value[(r, c)] = (value, number)
    title_domain = _domain_of(table.title, sheet.name, known)
    if title_domain is None and "domain" not in table.columns:
        title_domain = (table.title or sheet.name).replace(
            "领域基层政务公开标准目录", ""
        ).strip() or sheet.name
    rows: list[Row] = []
    previous: Row | None = None
    index = table.first
    while index < len(sheet.rows):
        raw = sheet.rows[index]
        if _header_keys(raw) is not None:
            break  # the next table begins
        cells: dict[str, Any] = {}
        merge: int | None = None
        for key, column in table.columns.items():
            value = raw[column] if column < len(raw) else None
            if (index, column) in merged_value:
                value, group = merged_value[(index, column)]
                if key == "level1":
                    merge = group
            if (index, column) in sheet.formulas:
                if value in (None, ""):
                    out.add(
                        "formula",
                        Severity.ERROR,
                        "单元格是公式,工作簿中没有计算结果;请在 Excel 中复制并“粘贴为数值”后再导入",
                        sheet.name,
                        index + 1,
                        column,
                        key,
                    )
                else:
                    out.add(
                        "formula",
                        Severity.INFO,
                        "单元格是公式,已取其计算结果",
                        sheet.name,
                        index + 1,
                        column,
                        key,
                    )
            cells[key] = value
        if all(v in (None, "") for v in cells.values()):
            index += 1
            continue
        first_text = next((v for v in raw if isinstance(v, str) and v.strip()), "")
        if re.match(r"^\s*(注|说明|备注)\s*[::]", first_text) and sum(v not in (None, "") for v in raw) == 1:
            index += 1
            continue
        row = Row(sheet.name, index + 1, cells, table.columns, None)
        same: dict[str, bool] = {}
        for key in list(cells):
            cells[key] = text_of(cells[key], out, row, key)
            if (
                cells[key] in ("同上", "同 上")
                and previous is not None
                and key not in ("seq", "id", "parent_id")
            ):
                cells[key] = previous.cells.get(key, "")
                same[key] = True
                out.add(
                    "filled-same-as-above",
                    Severity.INFO,
                    "写作“同上”,已按上一行填入",
                    sheet.name,
                    row.number,
                    table.columns.get(key),
                    key,
                )
        row.level1_merge = merge  # the merged 一级事项 range the row is in (a cleared one is blank too)
        row.level1_blank = not cells.get("level1") or bool(same.get("level1"))
        row.domain = cells.get("domain") or title_domain
        rows.append(row)
        previous = row
        index += 1
    return rows
