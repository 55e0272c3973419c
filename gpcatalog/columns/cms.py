"""The column tree for a website's content management system: export as xlsx, CSV or JSON, and import back."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gpcatalog.columns.maps import _build, expand, map_to_data, tree
from gpcatalog.columns.model import ColumnMap, WebColumn
from gpcatalog.errors import ColumnMapError
from gpcatalog.model import Catalogue
from gpcatalog.schema.validate import translate_error
from gpcatalog.store.atomic import atomic_path, write_atomic
from gpcatalog.store.package import read_raw
from gpcatalog.store.sheets import new_workbook, safe_cell
from gpcatalog.tables.files import read_sheets

EXPORT_HEADER = [
    "编码",
    "名称",
    "上级编码",
    "路径",
    "层级",
    "顺序",
    "事项",
    "按一级事项",
    "按领域",
    "展开事项数",
]


META_KEYS = {"编号": "id", "名称": "title", "目录": "catalogue", "网站": "website"}


def _export_rows(column_map: ColumnMap, catalogue: Catalogue | None) -> list[list[Any]]:
    expanded = expand(column_map, catalogue) if catalogue is not None else {}
    return [
        [
            row.column.id,
            row.column.name,
            row.column.parent or "",
            row.column.path or "",
            row.level,
            row.column.order,
            " ".join(row.column.items),
            " ".join(row.column.under),
            " ".join(row.column.domains),
            len(expanded.get(row.column.id, [])) if catalogue is not None else "",
        ]
        for row in tree(column_map)
    ]


def export_map(
    column_map: ColumnMap, path: str | Path, *, fmt: str | None = None, catalogue: Catalogue | None = None
) -> None:
    """Write the column tree for a CMS: code, name, parent code, path, level, order, items, rules (and the number
    of items the rules expand to, for reading). ``xlsx`` keeps the map's metadata on a second sheet, ``json`` is
    the map itself; :func:`import_map` reads all three back to the same map."""
    target = Path(path)
    kind = (fmt or target.suffix.lstrip(".")).lower()
    rows = _export_rows(column_map, catalogue)
    if kind == "json":
        write_atomic(target, json.dumps(map_to_data(column_map), ensure_ascii=False, indent=2) + "\n")
    elif kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(EXPORT_HEADER)
        writer.writerows([[safe_cell(value) for value in row] for row in rows])
        write_atomic(target, buffer.getvalue().encode("utf-8-sig"), what="CSV 文件")
    elif kind == "xlsx":
        with atomic_path(target, what="Excel 文件") as temporary:
            book = new_workbook(temporary)
            bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
            sheet = book.add_worksheet("栏目")
            sheet.write_row(0, 0, EXPORT_HEADER, bold)
            for number, row in enumerate(rows, start=1):
                sheet.write_row(number, 0, row)
            for index, width in enumerate([22, 20, 22, 36, 6, 6, 40, 24, 16, 10]):
                sheet.set_column(index, index, width)
            sheet.freeze_panes(1, 0)
            meta = book.add_worksheet("对照表")
            for number, (label, key) in enumerate(META_KEYS.items()):
                meta.write_row(number, 0, [label, getattr(column_map, key) or ""])
            book.close()
    else:
        raise ColumnMapError(f"不支持的格式“{kind}”:可用 xlsx、csv、json")


def import_map(path: str | Path, *, map_id: str | None = None, title: str | None = None) -> ColumnMap:
    """Read a column tree exported by :func:`export_map` (xlsx, csv or json) back into a map.

    Raises:
        CatalogueReadError: unreadable file (missing, not a regular file, corrupt, over the size limit).
        TableError: too many rows, or a cell longer than :data:`~gpcatalog.store.limits.MAX_CELL_CHARS`.
        ColumnMapError: a header or a row does not fit; the message names the row.
    """
    source = Path(path)
    kind = source.suffix.lower().lstrip(".")
    meta: dict[str, Any] = {}
    if kind == "json":
        raw = read_raw(source, str(source))
        return _build(raw)
    sheets = read_sheets(source)  # the limits of tables apply: file size, archive, sheets, rows, cell length
    rows: list[list[Any]] = sheets[0].rows if sheets else []
    if kind != "csv" and len(sheets) > 1:
        for values in sheets[1].rows:
            label, value = [*values, None, None][:2]
            if str(label) in META_KEYS and value not in ("", None):
                meta[META_KEYS[str(label)]] = str(value)
    if not rows or [str(v).strip() for v in rows[0][: len(EXPORT_HEADER) - 1]] != EXPORT_HEADER[:-1]:
        found = "、".join(str(v) for v in (rows[0] if rows else []))
        raise ColumnMapError(
            f"表头不对:应为 {'、'.join(EXPORT_HEADER)};实际是 {found}", file=str(source), line=1
        )
    columns = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(v).strip() for v in row):
            continue
        cells = [("" if v is None else str(v).strip()) for v in row] + [""] * len(EXPORT_HEADER)
        try:
            order = int(float(cells[5])) if cells[5] else 0
            columns.append(
                WebColumn(
                    id=cells[0],
                    name=cells[1],
                    parent=cells[2] or None,
                    path=cells[3] or None,
                    order=order,
                    items=_ids(cells[6]),
                    under=_ids(cells[7]),
                    domains=_ids(cells[8]),
                )
            )
        except ValidationError as exc:
            _code, message = translate_error(exc.errors(include_url=False)[0], WebColumn)
            raise ColumnMapError(
                f"第{number}行不是有效的栏目:{message}", file=str(source), line=number
            ) from exc
        except ValueError as exc:
            raise ColumnMapError(
                f"第{number}行的顺序“{cells[5]}”不是整数", file=str(source), line=number
            ) from exc
    meta.setdefault("id", map_id or re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "imported")
    meta.setdefault("title", title or source.stem)
    if map_id:
        meta["id"] = map_id
    if title:
        meta["title"] = title
    try:
        return ColumnMap(columns=columns, **meta)
    except (
        ValidationError
    ) as exc:  # an id taken from the file name (con.csv), --id / --title, or the metadata
        _code, message = translate_error(exc.errors(include_url=False)[0], ColumnMap)
        raise ColumnMapError(f"对照表信息无效:{message}(可用 --id、--title 指定)", file=str(source)) from None


def _ids(text: str) -> list[str]:
    return [part for part in re.split(r"[\s、,,;;]+", text) if part]
