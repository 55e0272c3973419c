"""Writing a catalogue in the clerk's layout: xlsx (merged headers, checklists, print setup), CSV, JSON, DataFrame.

xlsxwriter and pandas are imported inside the functions that need them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpcatalog.errors import TableError
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.store.atomic import atomic_path, write_atomic
from gpcatalog.store.package import domain_to_data, item_field_data, item_to_data
from gpcatalog.store.sheets import new_workbook, safe_cell
from gpcatalog.tables.layout import (
    DOMAIN,
    EXTRA,
    META_CHUNK,
    META_SHEET,
    STANDARD_CHANNELS,
    TICK,
    TICK_FIELDS,
    TICKED_BOX,
    UNKNOWN,
    UNTICKED_BOX,
    VILLAGE,
    VISIBLE,
    Column,
)

if TYPE_CHECKING:
    import pandas as pd


def _tick(value: bool | None) -> str:
    return TICK if value else (UNKNOWN if value is None else "")


def _checklist(item: Item, domain: Domain) -> str:
    if item.channels is None:
        return ""
    ticked = [str(c) for c in item.channels]
    names = [*STANDARD_CHANNELS, *(c for c in domain.extra_channels if c not in STANDARD_CHANNELS)]
    names += [c for c in ticked if c not in names]
    return " ".join(f"{TICKED_BOX if name in ticked else UNTICKED_BOX}{name}" for name in names)


def _lines(values: Iterable[Any] | None) -> str:
    return "\n".join(str(v) for v in values or [])


def _basis_text(item: Item) -> str:
    value = item_field_data(item, "basis")
    return "\n".join(v if isinstance(v, str) else v["text"] for v in value or [])


def _extension_fields(item: Item) -> str:
    extra = {
        name: value
        for name in type(item).model_fields
        if name not in Item.model_fields
        and (value := item.model_dump(mode="json", include={name})[name]) is not None
    }
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""


def _parent_fields(parent: Item) -> str:
    data = item_to_data(parent, children=False)
    data.pop("id", None)
    data.pop("name", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""


def item_row(domain: Domain, parent: Item | None, item: Item) -> dict[str, Any]:
    """The cells of one table row (a 二级事项 under ``parent``, or a 一级事项 without children), by column key of
    :mod:`gpcatalog.tables.layout`."""
    top = parent or item
    row: dict[str, Any] = {
        "domain": domain.name,
        "seq": item.seq,
        "level1": top.name or "",
        "level2": (item.name or "") if parent is not None else "",
        "contents": _lines(item.contents),
        "basis": _basis_text(item),
        "deadline": item.deadline.text if item.deadline is not None else "",
        "subject": item.subject or "",
        "channels": _checklist(item, domain),
        "id": item.id,
        "parent_id": parent.id if parent is not None else "",
        "source": item.source or "",
        "caveats": _lines(item.caveats),
        "parent_fields": _parent_fields(parent) if parent is not None else "",
        "channel_order": _lines(item.channels) if item.channels else "",
        "extension_fields": _extension_fields(item),
    }
    for key, (group, name) in TICK_FIELDS.items():
        row[key] = _tick(getattr(getattr(item, group), name))
    return row


def _rows(domain: Domain) -> Iterator[dict[str, Any]]:
    for top in domain.items:
        if not top.children:
            yield item_row(domain, None, top)
        for child in top.children:
            if child.children:
                raise TableError(
                    f"领域 {domain.name} 的事项 {child.id} 有第三级事项;表格只有一级、二级两层,请先调整目录结构",
                    item_id=child.id,
                )
            yield item_row(domain, top, child)


def _select(catalogue: Catalogue, domains: Sequence[str] | None) -> list[Domain]:
    if not domains:
        return list(catalogue.domains)
    wanted = {catalogue.domain(key).code for key in domains}
    return [d for d in catalogue.domains if d.code in wanted]


def _columns(catalogue: Catalogue, domains: list[Domain], *, with_domain: bool) -> list[Column]:
    village = any(item.levels.village is not None for d in domains for _depth, item in d.walk())
    columns = [DOMAIN] if with_domain else []
    columns += VISIBLE + ([VILLAGE] if village else [])
    return columns + EXTRA


def to_frame(catalogue: Catalogue, domains: Sequence[str] | None = None) -> pd.DataFrame:
    """Return the catalogue as a pandas DataFrame, one row per 二级事项 (or 一级事项 without children).

    Columns (English keys, documented in ``docs/tables.md``): ``domain``, ``seq``, ``level1``, ``level2``,
    ``contents`` and ``basis`` (one entry per line), ``deadline``, ``subject``, ``channels`` (the checklist text),
    the tick columns ``audience_all`` … ``level_township`` (and ``level_village`` in pilot catalogues) as
    nullable booleans, and ``id``, ``parent_id``, ``source``, ``caveats``, ``parent_fields``,
    ``channel_order``, ``extension_fields``. :func:`gpcatalog.tables.reader.from_frame` reads it back.
    """
    import pandas as pd

    selected = _select(catalogue, domains)
    keys = [c.key for c in _columns(catalogue, selected, with_domain=True)]
    rows = [row for domain in selected for row in _rows(domain)]
    frame = pd.DataFrame([[row.get(k) for k in keys] for row in rows], columns=keys)
    for key in TICK_FIELDS:
        if key in frame:
            frame[key] = frame[key].map({TICK: True, "": False, UNKNOWN: None}).astype("boolean")
    frame["seq"] = frame["seq"].astype("Int64")
    return frame


HIDDEN_KEYS = ("source", "caveats", "parent_fields", "channel_order", "extension_fields")
"""The hidden cells the metadata keeps a copy of, so that deleting the hidden columns loses nothing."""


def _meta(catalogue: Catalogue, domains: list[Domain]) -> dict[str, Any]:
    """The hidden sheet: catalogue and domain metadata, and every row as exported (``[id, parent_id, level1,
    level2, hidden cells]`` by domain code) — the ids the import may never give a new row, the names they had
    (to tell a copied row from its source) and the hidden cells of a clerk who deleted the hidden columns."""
    data = catalogue.model_dump(mode="json", exclude={"domains"}, exclude_defaults=True)
    metas = []
    rows: dict[str, list[list[Any]]] = {}
    for domain in domains:
        meta = domain_to_data(domain)
        meta.pop("items", None)
        metas.append(meta)
        rows[domain.code] = [
            [r["id"], r["parent_id"], r["level1"], r["level2"], {k: r[k] for k in HIDDEN_KEYS if r[k]}]
            for r in _rows(domain)
        ]
    return {"catalogue": data, "domains": metas, "rows": rows}


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def write_xlsx(
    catalogue: Catalogue,
    path: str | os.PathLike[str],
    *,
    domains: Sequence[str] | None = None,
    one_sheet: bool = False,
) -> None:
    """Write the catalogue as the clerk's workbook: one sheet per domain (or one sheet with a 领域 column).

    Title row, two-row merged header, 一级事项 merged over its rows, full channel checklists, √ marks, wrapped text,
    widths, borders, A3 landscape with the header rows repeated on every printed page. Hidden columns and a
    hidden sheet carry what the layout cannot show, so :func:`gpcatalog.tables.reader.read_table` gives the same catalogue back. The
    file is written to a temporary name and renamed.
    """

    selected = _select(catalogue, domains)
    with atomic_path(path, what="Excel 文件") as temporary:
        book = new_workbook(temporary)
        base = {"border": 1, "text_wrap": True, "valign": "vcenter", "font_name": "宋体", "font_size": 10}
        formats = {
            "title": book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}),
            "head": book.add_format({**base, "bold": True, "align": "center", "bg_color": "#DDEBF7"}),
            "text": book.add_format(base),
            "centre": book.add_format({**base, "align": "center"}),
        }
        taken: set[str] = set()
        groups = [(catalogue.title, selected)] if one_sheet else [(d.name, [d]) for d in selected]
        for name, group in groups:
            sheet = book.add_worksheet(_sheet_name(name, taken))
            title = catalogue.title if one_sheet else f"{group[0].name}领域基层政务公开标准目录"
            _write_sheet(sheet, formats, title, catalogue, group, one_sheet)
        meta = book.add_worksheet(META_SHEET)
        text = json.dumps(_meta(catalogue, selected), ensure_ascii=False)
        for number, start in enumerate(
            range(0, len(text), META_CHUNK)
        ):  # a cell holds at most 32,767 characters
            meta.write_string(number, 0, text[start : start + META_CHUNK])
        meta.hide()
        book.close()  # a disk error inside xlsxwriter becomes a WriteError in atomic_path


def _write_sheet(
    sheet: Any,
    formats: dict[str, Any],
    title: str,
    catalogue: Catalogue,
    domains: list[Domain],
    one_sheet: bool,
) -> None:
    columns = _columns(catalogue, domains, with_domain=one_sheet)
    last = len([c for c in columns if not c.hidden]) - 1
    sheet.merge_range(0, 0, 0, last, title, formats["title"])
    sheet.set_row(0, 30)
    # two-row header: groups merged across, single headers merged down
    index = 0
    while index < len(columns):
        column = columns[index]
        if column.sub is None:
            sheet.merge_range(1, index, 2, index, column.header, formats["head"])
            index += 1
            continue
        end = index
        while end + 1 < len(columns) and columns[end + 1].header == column.header:
            end += 1
        if end > index:
            sheet.merge_range(1, index, 1, end, column.header, formats["head"])
        else:
            sheet.write_string(1, index, column.header, formats["head"])
        for sub in range(index, end + 1):
            sheet.write_string(2, sub, columns[sub].sub or "", formats["head"])
        index = end + 1
    for number, column in enumerate(columns):
        options = {"hidden": True} if column.hidden else {}
        sheet.set_column(number, number, column.width, None, options)
    level1 = next(i for i, c in enumerate(columns) if c.key == "level1")
    rows = [row for domain in domains for row in _rows(domain)]
    spans: list[tuple[int, int]] = []  # (first, last) data-row indexes sharing one 一级事项
    for index, row in enumerate(rows):
        same = spans and row["parent_id"] and rows[spans[-1][0]]["parent_id"] == row["parent_id"]
        if same and rows[spans[-1][0]]["domain"] == row["domain"]:
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    for index, row in enumerate(rows):
        for number, column in enumerate(columns):
            if number == level1:
                continue
            value = row.get(column.key)
            if value is None or value == "":
                sheet.write_blank(3 + index, number, None, formats["text"])
            elif isinstance(value, int):
                sheet.write_number(3 + index, number, value, formats["centre"])
            else:
                style = formats["centre" if column.key in TICK_FIELDS else "text"]
                sheet.write_string(3 + index, number, str(value), style)
    for first, last_row in spans:
        text = rows[first]["level1"]
        if last_row > first:
            sheet.merge_range(3 + first, level1, 3 + last_row, level1, text, formats["text"])
        elif text:
            sheet.write_string(3 + first, level1, text, formats["text"])
        else:
            sheet.write_blank(3 + first, level1, None, formats["text"])
    sheet.freeze_panes(3, 0)
    sheet.repeat_rows(1, 2)
    sheet.set_landscape()
    sheet.set_paper(8)  # A3
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C√ 勾选;空白 未勾选;? 来源中无法读出    第 &P 页,共 &N 页")


def write_csv(
    catalogue: Catalogue,
    path: str | os.PathLike[str],
    *,
    domains: Sequence[str] | None = None,
    encoding: str = "utf-8-sig",
) -> None:
    """Write one CSV table (UTF-8 with BOM by default, so Excel opens it; ``gb18030`` for older software):
    a 领域 column, the clerk's columns with the two-level header flattened, then the id and provenance columns.

    Text a spreadsheet would read as a formula (``=…``, ``-…``) is written through
    :func:`gpcatalog.store.sheets.safe_cell`; :func:`gpcatalog.tables.reader.read_table` reads it back exactly."""
    selected = _select(catalogue, domains)
    columns = _columns(catalogue, selected, with_domain=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.sub or c.header for c in columns])
    for domain in selected:
        for row in _rows(domain):
            writer.writerow(["" if row.get(c.key) is None else safe_cell(row.get(c.key)) for c in columns])
    write_atomic(path, buffer.getvalue().encode(encoding), what="CSV 文件")


def export_table(
    catalogue: Catalogue,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    domains: Sequence[str] | None = None,
    one_sheet: bool = False,
) -> None:
    """Write ``catalogue`` to ``path`` as ``xlsx``, ``csv`` or ``json`` (default: from the file's suffix)."""
    kind = (fmt or Path(path).suffix.lstrip(".")).lower()
    if kind == "xlsx":
        write_xlsx(catalogue, path, domains=domains, one_sheet=one_sheet)
    elif kind == "csv":
        write_csv(catalogue, path, domains=domains)
    elif kind == "json":
        selected = _select(catalogue, domains)
        data = catalogue.model_copy(update={"domains": selected}).model_dump(mode="json")
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", what="JSON 文件")
    else:
        raise TableError(f"不支持的格式“{kind}”:可用 xlsx、csv、json")
