"""Reading catalogue tables (xlsx, xls, ods, CSV, DataFrames) into a catalogue, with a report per sheet and row.

Accepts what counties publish: header cells with spaces or line breaks, 区级/县级, 乡级/乡、村级/镇、村级, one level
column or none, merged cells and blank 一级事项 cells (same as above), "同上", 口 typed for □, ☑ ● √ ✓, checklists that
list only the ticked channels or bare channel names, traditional characters (matched through OpenCC, kept as
published), local channels (kept and declared, with a warning), line breaks and stray spaces inside cells, several
tables in one workbook, CSV in UTF-8, UTF-8 with BOM or GB18030.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpcatalog.errors import TableError
from gpcatalog.model import Catalogue, Scope
from gpcatalog.schema.report import Report, Severity
from gpcatalog.schema.safety import text_issues
from gpcatalog.schema.validate import json_path
from gpcatalog.store.limits import load_json
from gpcatalog.tables.cells import Out, Row, text_of
from gpcatalog.tables.detect import EXPECTED_HEADER, Table, find_tables, looks_like_catalogue, rows_of
from gpcatalog.tables.files import Sheet, column_letter, read_sheets
from gpcatalog.tables.layout import (
    LABELS,
    META_SHEET,
    TICK_FIELDS,
    UNKNOWN,
)
from gpcatalog.tables.rows import build_catalogue, check_rules, known_domains

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class ImportResult:
    """What :func:`read_table` made of a table: the catalogue (None when there were errors) and the report."""

    catalogue: Catalogue | None
    report: Report
    rows: int = 0
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    metadata: dict[str, Any] | None = None
    """gpcatalog's hidden metadata (``{"catalogue": {...}, "domains": [...]}``) of an exported workbook; None for a
    table without it (a county's own table, a CSV)."""


def read_table(
    path: str | Path,
    *,
    domains: Sequence[str] | None = None,
    match: Catalogue | None = None,
    catalogue_id: str | None = None,
    title: str | None = None,
    scope: Scope | str = Scope.COUNTY,
    reserved: Collection[str] = (),
) -> ImportResult:
    """Read a catalogue table (xlsx, xls, ods or CSV) into a catalogue.

    Args:
        path: the workbook or CSV file.
        domains: import only these domains (names or codes).
        match: an existing catalogue: rows that carry no id (a table gpcatalog did not write, a row typed in)
            and match its items by domain, path and name take their ids, so the result diffs cleanly against it.
            Ids the workbook carries always win.
        reserved: ids that may never be given to a new row: every id the package, its released versions and
            its records ever used (:func:`gpcatalog.history.ids_ever_used`). New ids continue after the highest number of the domain among these, the ids
            of ``match``, of the workbook's metadata and of the table.
        catalogue_id, title, scope: metadata for a table that does not carry gpcatalog's hidden metadata.

    Returns:
        An :class:`ImportResult`: the catalogue (None when there are errors) and a report whose issues name the
        sheet, row and column (``path`` is the cell reference, e.g. ``Sheet1!F7``).

    Raises:
        CatalogueReadError: the file is missing, encrypted, corrupt or too large.
    """
    source = Path(path)
    out = Out(str(path))
    sheets = read_sheets(source)
    meta = next((_read_meta(s) for s in sheets if s.name == META_SHEET), None)
    checked = {k: v for k, v in (meta or {}).items() if k != "rows"}  # rows: checked at their cells
    for code, severity, message, where in text_issues(checked):
        out.add(code, severity, f"{message}(隐藏的元数据 {json_path(where)})", META_SHEET)
    meta_domains = [d.get("name") for d in (meta or {}).get("domains", []) if isinstance(d, dict)]
    known = [k for k in [*known_domains(), *meta_domains] if isinstance(k, str) and k]
    tables: list[Table] = []
    for sheet in sheets:
        if sheet.name == META_SHEET:
            continue
        found = find_tables(sheet)
        if not found and any(any(v not in (None, "") for v in r) for r in sheet.rows):
            hint = looks_like_catalogue(sheet, known)
            if hint:  # a domain's table whose header was damaged: never import it as an empty domain
                out.add(
                    "no-table",
                    Severity.ERROR,
                    f"这个工作表看起来是目录表({hint}),但找不到表头,它的行一行也没有导入。"
                    f"表头应有的列:{EXPECTED_HEADER}",
                    sheet.name,
                )
            else:
                out.add("no-table", Severity.INFO, "没有找到目录表头,已跳过", sheet.name)
        for table in found:
            _report_columns(table, out)
        tables.extend(found)
    if not tables:
        seen = next(
            (
                [str(v) for v in r if v not in (None, "")]
                for s in sheets
                if s.name != META_SHEET
                for r in s.rows[:10]
                if any(v not in (None, "") for v in r)
            ),
            [],
        )
        found_text = "、".join(seen[:8]) if seen else "(工作簿是空的)"
        raise TableError(
            f"不是目录表:找不到表头。应有的列:{EXPECTED_HEADER};前几行找到的是:{found_text}", file=str(path)
        )
    rows = [row for table in tables for row in rows_of(table, out, known)]
    if not rows:
        out.add("empty-table", Severity.ERROR, "目录表只有表头,没有事项行")
        return ImportResult(
            None, Report(catalogue=str(path), files=len(sheets), issues=out.issues), metadata=meta
        )
    catalogue, locations = build_catalogue(
        rows,
        out,
        meta=meta,
        match=match,
        catalogue_id=catalogue_id,
        title=title,
        scope=scope,
        domains=domains,
        reserved=reserved,
    )
    if catalogue is not None:
        sheet_columns = {t.sheet.name: t.columns for t in reversed(tables)}  # a sheet's first table wins
        check_rules(catalogue, out, locations, sheet_columns)
    report = Report(
        catalogue=str(path),
        files=len(sheets),
        items=sum(1 for _ in catalogue.items()) if catalogue else 0,
        issues=out.issues,
    )
    return ImportResult(catalogue if report.ok else None, report, len(rows), locations, meta)


def _report_columns(table: Table, out: Out) -> None:
    """Report the column mapping a table was read with, and every header cell no field was read from."""
    name = table.sheet.name
    for row, column, text, taken in table.unknown:
        out.add("unknown-column", Severity.WARNING, f"表头“{text}”{taken}", name, row + 1, column)
    by_column = sorted((column, key) for key, column in table.columns.items() if column >= 0)
    pairs = "; ".join(
        f"{column_letter(c)} {table.headers.get(key, '')} → {LABELS.get(key, key)}({key})"
        for c, key in by_column
    )
    out.add("column-mapping", Severity.INFO, f"表头 → 字段:{pairs}", name, table.header + 1)


def _read_meta(sheet: Sheet) -> dict[str, Any] | None:
    text = "".join(row[0] for row in sheet.rows if row and isinstance(row[0], str))
    try:
        data = load_json(text) if text else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def from_frame(
    frame: pd.DataFrame,
    *,
    match: Catalogue | None = None,
    catalogue_id: str | None = None,
    title: str | None = None,
    scope: Scope | str = Scope.COUNTY,
    reserved: Collection[str] = (),
) -> ImportResult:
    """Build a catalogue from a DataFrame with the columns :func:`gpcatalog.tables.to_frame` writes.

    Tick columns may hold booleans (missing values mean "could not be read") or the marks of the sheet.
    """
    out = Out("DataFrame")
    columns = {str(name): index for index, name in enumerate(frame.columns)}
    rows: list[Row] = []
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        cells: dict[str, Any] = {}
        for key, index in columns.items():
            value = values[index]
            if key in TICK_FIELDS:
                if value is None or (not isinstance(value, str) and _is_na(value)):
                    value = UNKNOWN
                elif isinstance(value, bool) or hasattr(value, "item"):
                    value = "√" if bool(value) else ""
            elif value is None or (not isinstance(value, str) and _is_na(value)):
                value = ""
            cells[key] = value
        row = Row("DataFrame", number, cells, columns, None)
        for key in list(cells):
            cells[key] = text_of(cells[key], out, row, key)
        row.level1_blank = not cells.get("level1")
        row.domain = cells.get("domain") or None
        rows.append(row)
    catalogue, locations = build_catalogue(
        rows, out, match=match, catalogue_id=catalogue_id, title=title, scope=scope, reserved=reserved
    )
    if catalogue is not None:
        check_rules(catalogue, out, locations)
    report = Report(
        catalogue="DataFrame", items=sum(1 for _ in catalogue.items()) if catalogue else 0, issues=out.issues
    )
    return ImportResult(catalogue if report.ok else None, report, len(rows), locations)


def _is_na(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN and pandas.NA
    except TypeError:
        return True
