"""Reading catalogue tables (xlsx, xls, ods, CSV, DataFrames) into a catalogue, with a report per sheet and row.

Accepts what counties publish: header cells with spaces or line breaks, 区级/县级, 乡级/乡、村级/镇、村级, one level
column or none, merged cells and blank 一级事项 cells (same as above), "同上", 口 typed for □, ☑ ● √ ✓, checklists that
list only the ticked channels or bare channel names, traditional characters (matched through OpenCC, kept as
published), local channels (kept and declared, with a warning), line breaks and stray spaces inside cells, several
tables in one workbook, CSV in UTF-8, UTF-8 with BOM or GB18030.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gpcatalog.errors import CatalogueReadError, GpCatalogError
from gpcatalog.model import Catalogue, Channel, Domain, Item, Scope
from gpcatalog.parsing.channels import parse_checklist
from gpcatalog.parsing.text import match_key
from gpcatalog.schema.extensions import Composition, compose
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.schema.validate import Collector, check_domain, core_version, translate_error
from gpcatalog.store.package import RawFile
from gpcatalog.tables import (
    EXTRA,
    HEADER_ALIASES,
    MAX_ROWS,
    META_SHEET,
    TICK_FIELDS,
    UNKNOWN,
    VILLAGE,
    VISIBLE,
    TableError,
)

if TYPE_CHECKING:
    import pandas as pd

    from gpcatalog.compare import _Node

LABELS = {c.key: (c.sub or c.header) for c in [*VISIBLE, VILLAGE, *EXTRA]} | {
    "domain": "领域",
    "audience_text": "公开对象",
    "mode_text": "公开方式",
    "levels_text": "公开层级",
}
GROUP_TEXT = {"公开对象": "audience_text", "公开方式": "mode_text", "公开层级": "levels_text"}
TRUE_MARKS = {"√", "✓", "✔", "☑", "●", "■", "◆", "是", "y", "yes", "1", "v", "○"}
UNKNOWN_MARKS = {UNKNOWN, "？", "不详", "无法读出"}
SUB_HEADERS = {
    "一级事项",
    "二级事项",
    "全社会",
    "特定群体",
    "主动",
    "依申请",
    "县级",
    "乡级",
    "区级",
    "镇级",
    "村级",
}
STANDARD_CHANNELS = frozenset(str(c) for c in Channel)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    """One sheet as read: cell values by (0-based) row and column, merged ranges, formula cells."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Row:
    """One data row of a table: its cells by column key, and where it stands."""

    sheet: str
    number: int  # 1-based, as Excel shows it
    cells: dict[str, Any]
    columns: dict[str, int]
    domain: str | None
    level1_origin: object = None


class _Out:
    """Collects issues pointing at sheet, row and column."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
        key: str | None = None,
        item_id: str | None = None,
    ) -> None:
        where = ""
        ref = None
        if sheet is not None:
            where = (
                sheet
                + (f" 第{row}行" if row is not None else "")
                + (f" {LABELS.get(key or '', key)}列" if key else "")
            )
            ref = (
                f"{sheet}!{_column_letter(column)}{row}" if column is not None and row is not None else sheet
            )
        self.issues.append(
            Issue(
                code=code,
                severity=severity,
                message=f"{where}:{message}" if where else message,
                file=self.file,
                line=row,
                column=column + 1 if column is not None else None,
                path=ref,
                item_id=item_id,
            )
        )


def _at(out: _Out, row: Row, key: str, code: str, severity: Severity, message: str) -> None:
    """Report a problem in the cell of ``row`` under column ``key``."""
    out.add(code, severity, message, row.sheet, row.number, row.columns.get(key), key)


def _column_letter(index: int | None) -> str:
    if index is None:
        return ""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- reading files ----------------------------------------------------------------------------------------------


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
        rows: list[list[Any]] = [list(r) for r in csv.reader(io.StringIO(text))]
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
    formula_sheets = _formula_cells(source) if zipfile.is_zipfile(source) else {}
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


# --- tables -----------------------------------------------------------------------------------------------------


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


def _is_sub(text: Any) -> bool:
    return isinstance(text, str) and len(text) <= _LONGEST_HEADER and match_key(text) in _SUB_KEYS


_SUB_KEYS = {match_key(s) for s in SUB_HEADERS}


@dataclass
class _Table:
    sheet: Sheet
    header: int  # 0-based row of the (first) header row
    first: int  # first data row
    columns: dict[str, int]
    title: str | None


def _find_tables(sheet: Sheet) -> list[_Table]:
    tables: list[_Table] = []
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
            columns.setdefault(key, c)
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
        tables.append(_Table(sheet, index, first, columns, title))
        index = first
    return tables


# --- cell values --------------------------------------------------------------------------------------------------

_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”、,。;:()]"


def _inline(text: str) -> str:
    """Join the lines of a cell: no space between Chinese characters, one space between other words."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and not (re.match(_CJK, out[-1]) or re.match(_CJK, line[0])):
            out += " "
        out += line
    return re.sub(r"[ \t\u00a0]{2,}", " ", out)


def _lines(text: str) -> list[str]:
    return [
        re.sub(r"[ \t\u00a0]{2,}", " ", line.strip())
        for line in text.replace("\r", "\n").split("\n")
        if line.strip()
    ]


def _text(value: Any, out: _Out, row: Row, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "√" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        text = f"{day.year}年{day.month}月{day.day}日"
        if key not in ("seq",):
            _at(
                out,
                row,
                key,
                "date-in-text",
                Severity.WARNING,
                f"单元格是日期格式({day.isoformat()}),已按文字“{text}”导入;请核对原表",
            )
        return text
    return str(value).strip()


def _tick(text: str, out: _Out, row: Row, key: str) -> bool | None:
    mark = match_key(text).lower() if text else ""
    if not mark:
        return False
    if mark in UNKNOWN_MARKS:
        return None
    if mark in TRUE_MARKS or mark[0] in "√✓✔☑●■":
        return True
    if mark in {"×", "否", "x", "n", "no", "0", "□", "☐"}:
        return False
    _at(out, row, key, "bad-tick", Severity.WARNING, f"勾选列的“{text}”无法识别,记为无法读出(null)")
    return None


def _group_text(text: str, words: dict[str, tuple[str, ...]]) -> dict[str, bool | None]:
    """A single 公开对象/方式/层级 column holding words (县级、乡级) instead of ticks under sub-headers."""
    if not text:
        return {name: None for name in words}
    key = match_key(text)
    return {name: any(w in key for w in options) for name, options in words.items()}


# --- rows → catalogue -----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _known_domains() -> dict[str, tuple[str, int | None]]:
    """Domain names of the bundled national catalogue → (code, number), read from the head of each file."""
    from gpcatalog.store.resources import bundled_catalogue

    try:
        folder = bundled_catalogue("national") / "domains"
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except (GpCatalogError, OSError):
        return {}
    found: dict[str, tuple[str, int | None]] = {}
    for entry in entries:
        head = entry.read_text(encoding="utf-8").split("\nguideline:", 1)[0]
        code = re.search(r"^code:\s*(\S+)", head, re.M)
        number = re.search(r"^number:\s*(\d+)", head, re.M)
        name = re.search(r"^name:\s*(\S+)", head, re.M)
        if code and name:
            found[name.group(1)] = (code.group(1), int(number.group(1)) if number else None)
    return found


def _domain_code(
    name: str, known: dict[str, tuple[str, int | None]], taken: set[str]
) -> tuple[str, int | None]:
    if name in known:
        return known[name]
    from pypinyin import lazy_pinyin

    code = (
        "-".join(p for p in (re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(name)) if p)[:40]
        or "lingyu"
    )
    code = code.strip("-") or "lingyu"
    candidate, number = code, 2
    while candidate in taken:
        candidate, number = f"{code}-{number}", number + 1
    return candidate, None


def _domain_of(title: str | None, sheet: str, known: Iterable[str]) -> str | None:
    for text in (title or "", sheet):
        key = match_key(text)
        for name in sorted(known, key=len, reverse=True):
            if match_key(name) in key:
                return name
    return None


def _rows_of(table: _Table, out: _Out, known: Iterable[str]) -> list[Row]:
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
    hidden = "parent_id" in table.columns
    previous: Row | None = None
    index = table.first
    while index < len(sheet.rows):
        raw = sheet.rows[index]
        if _header_keys(raw) is not None:
            break  # the next table begins
        cells: dict[str, Any] = {}
        origin: object = None
        for key, column in table.columns.items():
            value = raw[column] if column < len(raw) else None
            if (index, column) in merged_value:
                value, group = merged_value[(index, column)]
                if key == "level1":
                    origin = ("merged", group)
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
        for key in list(cells):
            cells[key] = _text(cells[key], out, row, key)
            if (
                cells[key] in ("同上", "同 上")
                and previous is not None
                and key not in ("seq", "id", "parent_id")
            ):
                cells[key] = previous.cells.get(key, "")
                out.add(
                    "filled-same-as-above",
                    Severity.INFO,
                    "写作“同上”,已按上一行填入",
                    sheet.name,
                    row.number,
                    table.columns.get(key),
                    key,
                )
        level1 = cells.get("level1", "")
        if origin is None:
            if not level1 and not hidden and previous is not None:
                cells["level1"] = previous.cells.get("level1", "")
                origin = previous.level1_origin
            elif previous is not None and level1 == previous.cells.get("level1"):
                origin = previous.level1_origin  # the name repeated on each row instead of a merged cell
            else:
                origin = ("row", index)
        row.level1_origin = origin
        row.domain = cells.get("domain") or title_domain
        rows.append(row)
        previous = row
        index += 1
    return rows


@dataclass
class ImportResult:
    """What :func:`read_table` made of a table: the catalogue (None when there were errors) and the report."""

    catalogue: Catalogue | None
    report: Report
    rows: int = 0
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)


def _item(
    row: Row, out: _Out, name_key: str, domain: Domain, extra: dict[str, list[str]], declare: bool = True
) -> dict[str, Any]:
    c = row.cells
    data: dict[str, Any] = {"name": _inline(c.get(name_key, "")) or None}
    seq = c.get("seq", "")
    if seq:
        if re.fullmatch(r"\d+", seq):
            data["seq"] = int(seq)
        else:
            _at(out, row, "seq", "bad-seq", Severity.WARNING, f"序号“{seq}”不是整数,未导入")
    for key in ("contents", "caveats"):
        if c.get(key):
            data[key] = _lines(c[key])
    if c.get("basis"):
        data["basis"] = _lines(c["basis"])
    if c.get("deadline"):
        data["deadline"] = _inline(c["deadline"])
    if c.get("subject"):
        data["subject"] = _inline(c["subject"])
    if c.get("source"):
        data["source"] = c["source"].strip()
    if c.get("extension_fields"):
        try:
            fields = json.loads(c["extension_fields"])
        except ValueError:
            fields = None
        if isinstance(fields, dict):
            data.update({k: v for k, v in fields.items() if k not in Item.model_fields})
        else:
            _at(
                out,
                row,
                "extension_fields",
                "bad-value",
                Severity.WARNING,
                "不是 gpcatalog 写入的 JSON,已忽略",
            )
    if "channels" in row.columns and c.get("channels"):
        checklist = parse_checklist(c["channels"])
        ticked = [str(x) for x in checklist.ticked]
        order = _lines(c.get("channel_order", ""))
        if order and sorted(order) == sorted(ticked):
            ticked = order
        standard = STANDARD_CHANNELS
        for name in ticked:
            if name not in standard and name not in domain.extra_channels and name not in extra[domain.code]:
                extra[domain.code].append(name)
                if not declare:
                    continue  # the domain's declarations come from gpcatalog's metadata; validation reports it
                _at(
                    out,
                    row,
                    "channels",
                    "local-channel",
                    Severity.WARNING,
                    f"“{name}”不是13个标准渠道之一,已作为本领域的地方渠道保留(extra_channels)",
                )
        data["channels"] = ticked
    groups: dict[str, dict[str, bool | None]] = defaultdict(dict)
    for key, (group, name) in TICK_FIELDS.items():
        if key in row.columns:
            groups[group][name] = _tick(c.get(key, ""), out, row, key)
    words: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
        "audience_text": ("audience", {"society": ("全社会",), "specific_groups": ("特定",)}),
        "mode_text": ("mode", {"proactive": ("主动",), "on_request": ("依申请",)}),
        "levels_text": (
            "levels",
            {"county": ("县", "区"), "township": ("乡", "镇", "街道"), "village": ("村",)},
        ),
    }
    for key, (group, options) in words.items():
        if key in row.columns:
            values = _group_text(c.get(key, ""), options)
            if group == "levels" and not values.get("village"):
                values.pop("village")
            groups[group].update({k: v for k, v in values.items() if k not in groups[group]})
    data.update(groups)
    return data


def build_catalogue(
    rows: list[Row],
    out: _Out,
    *,
    meta: dict[str, Any] | None = None,
    match: Catalogue | None = None,
    catalogue_id: str | None = None,
    title: str | None = None,
    scope: Scope | str = Scope.COUNTY,
    domains: Sequence[str] | None = None,
) -> tuple[Catalogue | None, dict[str, tuple[str, int]]]:
    """Assemble items from table rows: 一级事项 grouping, ids (kept, matched to ``match``, or assigned), domains."""
    known = _known_domains()
    composition = _composition((meta or {}).get("catalogue") or {}, out)
    item_model = composition.item_model if composition else Item
    domain_model = composition.domain_model if composition else Domain
    catalogue_model = composition.catalogue_model if composition else Catalogue
    meta_domains = {d.get("name"): d for d in (meta or {}).get("domains", []) if isinstance(d, dict)}
    order: list[str] = [name for name in meta_domains if isinstance(name, str)]  # exported: every domain
    by_domain: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        name = row.domain or "未命名领域"
        if name not in by_domain and name not in order:
            order.append(name)
        by_domain[name].append(row)
    if domains:
        wanted = {match_key(d) for d in domains}
        order = [
            n
            for n in order
            if match_key(n) in wanted
            or match_key(str(meta_domains.get(n, {}).get("code", known.get(n, ("",))[0]))) in wanted
        ]
    taken: set[str] = set()
    built: list[Domain] = []
    locations: dict[str, tuple[str, int]] = {}
    extra: dict[str, list[str]] = defaultdict(list)
    for name in order:
        base = dict(meta_domains.get(name) or {})
        from_meta = bool(base)
        if not base:
            code, number = _domain_code(name, known, taken)
            base = {"code": code, "name": name, **({"number": number} if number else {})}
            if name not in known:
                out.add(
                    "unknown-domain", Severity.INFO, f"领域“{name}”不是国家目录的26个领域之一,代码定为 {code}"
                )
        taken.add(str(base["code"]))
        shell = domain_model.model_validate({**base, "items": []})
        items: list[dict[str, Any]] = []
        parent: dict[str, Any] | None = None
        parent_key: object = None
        for row in by_domain[name]:
            cells = row.cells
            if "level1" not in row.columns:  # one 事项 column: every row is an item of its own
                items.append(
                    {
                        **_item(row, out, "level2", shell, extra, not from_meta),
                        "id": cells.get("id") or None,
                        "_row": row,
                    }
                )
                parent = None
                continue
            if not cells.get("level2") and not cells.get("parent_id"):  # a 一级事项 without 二级事项
                if not cells.get("level1") and not cells.get("id"):
                    out.add(
                        "no-name",
                        Severity.WARNING,
                        "一级事项和二级事项都是空的,已跳过这一行",
                        row.sheet,
                        row.number,
                    )
                    continue
                items.append(
                    {
                        **_item(row, out, "level1", shell, extra, not from_meta),
                        "id": cells.get("id") or None,
                        "_row": row,
                    }
                )
                parent = None
                continue
            key = cells.get("parent_id") or row.level1_origin
            if parent is None or key != parent_key:
                parent = {
                    "id": cells.get("parent_id") or None,
                    "name": _inline(cells.get("level1", "")) or None,
                }
                parent.update({"children": [], "_row": row})
                if cells.get("parent_fields"):
                    parent.update(_parent_fields(row, out))
                items.append(parent)
                parent_key = key
            data = _item(row, out, "level2", shell, extra, not from_meta)
            parent["children"].append({**data, "id": cells.get("id") or None, "_row": row})
        _assign_ids(str(base["code"]), items)
        domain_items: list[Item] = []
        for top in items:
            built_item = _validate_item(top, out, locations, item_model)
            if built_item is not None:
                domain_items.append(built_item)
        extras = list(shell.extra_channels)
        if not from_meta:  # a clerk's table: declare the local channels it uses (each was warned about)
            extras += [c for c in extra[shell.code] if c not in shell.extra_channels]
        built.append(shell.model_copy(update={"items": domain_items, "extra_channels": extras}))
    if match is not None:
        _match_ids(built, match, locations)
    catalogue_meta = dict((meta or {}).get("catalogue") or {})
    if not catalogue_meta:
        catalogue_meta = {
            "id": catalogue_id or "imported",
            "title": title or "导入的目录",
            "version": "1",
            "scope": str(scope),
        }
    else:
        if catalogue_id:
            catalogue_meta["id"] = catalogue_id
        if title:
            catalogue_meta["title"] = title
    try:
        catalogue = catalogue_model.model_validate({**catalogue_meta, "domains": []})
    except ValidationError as exc:
        out.add("bad-value", Severity.ERROR, f"目录信息无效:{exc.errors()[0]['msg']}(检查 --id、--title)")
        return None, locations
    catalogue.domains = built
    return catalogue, locations


def _parent_fields(row: Row, out: _Out) -> dict[str, Any]:
    try:
        data = json.loads(row.cells["parent_fields"])
    except ValueError:
        data = None
    if not isinstance(data, dict):
        column = row.columns.get("parent_fields")
        out.add(
            "bad-value",
            Severity.WARNING,
            "不是 gpcatalog 写入的 JSON,已忽略",
            row.sheet,
            row.number,
            column,
            "parent_fields",
        )
        return {}
    return {k: v for k, v in data.items() if k not in ("id", "name", "children")}


def _composition(meta: dict[str, Any], out: _Out) -> Composition | None:
    references = meta.get("extensions")
    if not references:
        return None
    try:
        return compose([str(r) for r in references], core_version())
    except GpCatalogError as error:
        out.add("extension-error", Severity.ERROR, error.message)
        return None


def _assign_ids(code: str, items: list[dict[str, Any]]) -> None:
    used = {i["id"] for i in _walk(items) if i.get("id")}
    counter = 0
    for item in _walk(items):
        if item.get("id"):
            continue
        counter += 1
        while f"{code}-{counter:03d}" in used:
            counter += 1
        item["id"] = f"{code}-{counter:03d}"
        used.add(item["id"])


def _walk(items: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for item in items:
        yield item
        yield from _walk(item.get("children", []))


def _validate_item(
    data: dict[str, Any], out: _Out, locations: dict[str, tuple[str, int]], model: type[Item] = Item
) -> Item | None:
    row: Row = data.pop("_row")
    children = [
        c for c in (_validate_item(child, out, locations, model) for child in data.pop("children", [])) if c
    ]
    try:
        item = model.model_validate({**data, "children": []})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            key = str(error["loc"][0]) if error["loc"] else None
            column_key = {"name": "level2", "id": "id"}.get(key or "", key)
            code, message = translate_error(error, Item)
            out.add(
                code,
                Severity.ERROR,
                message,
                row.sheet,
                row.number,
                row.columns.get(column_key or ""),
                column_key,
                item_id=data.get("id"),
            )
        return None
    item.children = children
    locations[item.id] = (row.sheet, row.number)
    return item


def _match_ids(domains: list[Domain], base: Catalogue, locations: dict[str, tuple[str, int]]) -> None:
    """Give imported items the ids of the items of ``base`` they match by domain, path and name."""
    from gpcatalog.compare import _flatten, _infer_pairs

    for domain in domains:
        try:
            old_domain = base.domain(domain.code)
        except KeyError:
            continue
        old = _flatten([old_domain])
        new = _flatten([domain])
        provisional = {i: f"x{n}" for n, i in enumerate(new)}
        pairs = _infer_pairs(old, _rekeyed(new, provisional), list(old), list(provisional.values()))
        back = {v: k for k, v in provisional.items()}
        matched = {back[n]: o for o, n in pairs.items()}
        used = set(old) | set(matched.values())
        numbers = [
            int(m.group(1)) for i in used if (m := re.fullmatch(rf"{re.escape(domain.code)}-(\d+)", i))
        ]
        counter = max(numbers, default=0)
        renames: dict[str, str] = {}
        for item_id in new:
            if item_id in matched:
                renames[item_id] = matched[item_id]
            else:
                counter += 1
                renames[item_id] = f"{domain.code}-{counter:03d}"
        for _depth, item in domain.walk():
            if item.id in locations:
                locations[renames[item.id]] = locations.pop(item.id)
            item.id = renames[item.id]


def _rekeyed(nodes: dict[str, _Node], names: dict[str, str]) -> dict[str, _Node]:
    from gpcatalog.compare import _Node

    return {
        names[i]: _Node(n.item, n.domain, names.get(n.parent) if n.parent else None, n.position, n.path)
        for i, n in nodes.items()
    }


def _check(catalogue: Catalogue, out: _Out, locations: dict[str, tuple[str, int]]) -> None:
    """Run the catalogue's rules (duplicate ids, unknown channels, missing basis …) on the built domains and
    point their issues at sheet and row."""
    collector = Collector()
    seen: dict[str, str] = {}
    composition = _composition({"extensions": catalogue.extensions}, out)
    channels = composition.channels if composition else {}
    for domain in catalogue.domains:
        raw = RawFile(name=domain.name, resource=Path(domain.code), data={})
        check_domain(domain, raw, catalogue.scope, seen, collector, channels)
    for issue in collector.issues:
        where = locations.get(issue.item_id or "")
        if where is not None:
            out.add(issue.code, issue.severity, issue.message, where[0], where[1], item_id=issue.item_id)
        else:
            out.issues.append(
                issue.model_copy(update={"file": out.file, "line": None, "column": None, "path": None})
            )


def read_table(
    path: str | Path,
    *,
    domains: Sequence[str] | None = None,
    match: Catalogue | None = None,
    catalogue_id: str | None = None,
    title: str | None = None,
    scope: Scope | str = Scope.COUNTY,
) -> ImportResult:
    """Read a catalogue table (xlsx, xls, ods or CSV) into a catalogue.

    Args:
        path: the workbook or CSV file.
        domains: import only these domains (names or codes).
        match: an existing catalogue: rows matching its items by domain, path and name keep their ids, so the
            result diffs cleanly against it; other rows get new ids after the highest it uses.
        catalogue_id, title, scope: metadata for a table that does not carry gpcatalog's hidden metadata.

    Returns:
        An :class:`ImportResult`: the catalogue (None when there are errors) and a report whose issues name the
        sheet, row and column (``path`` is the cell reference, e.g. ``Sheet1!F7``).

    Raises:
        CatalogueReadError: the file is missing, encrypted, corrupt or too large.
    """
    source = Path(path)
    out = _Out(str(path))
    sheets = read_sheets(source)
    meta: dict[str, Any] | None = None
    tables: list[_Table] = []
    for sheet in sheets:
        if sheet.name == META_SHEET:
            meta = _read_meta(sheet)
            continue
        found = _find_tables(sheet)
        if not found and any(any(v not in (None, "") for v in r) for r in sheet.rows):
            out.add("no-table", Severity.INFO, "没有找到目录表头,已跳过", sheet.name)
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
        expected = "序号、一级事项、二级事项、公开内容、公开依据、公开时限、公开主体、公开渠道和载体"
        found_text = "、".join(seen[:8]) if seen else "(工作簿是空的)"
        raise TableError(
            f"不是目录表:找不到表头。应有的列:{expected};前几行找到的是:{found_text}", file=str(path)
        )
    known = list(_known_domains()) + [
        d.get("name") for d in (meta or {}).get("domains", []) if isinstance(d, dict)
    ]
    rows = [row for table in tables for row in _rows_of(table, out, [k for k in known if k])]
    if not rows:
        out.add("empty-table", Severity.ERROR, "目录表只有表头,没有事项行")
        return ImportResult(None, Report(catalogue=str(path), issues=out.issues))
    catalogue, locations = build_catalogue(
        rows,
        out,
        meta=meta,
        match=match,
        catalogue_id=catalogue_id,
        title=title,
        scope=scope,
        domains=domains,
    )
    if catalogue is not None:
        _check(catalogue, out, locations)
    report = Report(
        catalogue=str(path),
        files=len(sheets),
        items=sum(1 for _ in catalogue.items()) if catalogue else 0,
        issues=out.issues,
    )
    return ImportResult(catalogue if report.ok else None, report, len(rows), locations)


def _read_meta(sheet: Sheet) -> dict[str, Any] | None:
    text = "".join(row[0] for row in sheet.rows if row and isinstance(row[0], str))
    try:
        data = json.loads(text) if text else None
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
) -> ImportResult:
    """Build a catalogue from a DataFrame with the columns :func:`gpcatalog.tables.to_frame` writes.

    Tick columns may hold booleans (missing values mean "could not be read") or the marks of the sheet.
    """
    out = _Out("DataFrame")
    columns = {str(name): index for index, name in enumerate(frame.columns)}
    rows: list[Row] = []
    previous: Row | None = None
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
            cells[key] = _text(cells[key], out, row, key)
        origin = cells.get("parent_id") or (
            previous.level1_origin
            if previous and cells.get("level1") == previous.cells.get("level1")
            else ("row", number)
        )
        row.level1_origin = origin
        row.domain = cells.get("domain") or None
        rows.append(row)
        previous = row
    catalogue, locations = build_catalogue(
        rows, out, match=match, catalogue_id=catalogue_id, title=title, scope=scope
    )
    if catalogue is not None:
        _check(catalogue, out, locations)
    report = Report(
        catalogue="DataFrame", items=sum(1 for _ in catalogue.items()) if catalogue else 0, issues=out.issues
    )
    return ImportResult(catalogue if report.ok else None, report, len(rows), locations)


def _is_na(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN and pandas.NA
    except TypeError:
        return True
