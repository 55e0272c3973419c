"""A :class:`~gpcatalog.changes.Diff` for people and machines: Chinese text lines, Markdown, JSON, an Excel workbook.

The workbook has one row per change with the old and new values side by side, for a clerk to review and
annotate; openpyxl is imported only when a workbook is written. Every value a person reads is in words
(:mod:`gpcatalog.changes.wording`): ``县级 √ 乡级 √``, field and domain names in Chinese, ``(空)`` for nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from gpcatalog.changes.models import Change, Diff, Place
from gpcatalog.changes.vocabulary import CHANGE_LABELS, TARGET_LABELS, ChangeType, Target
from gpcatalog.changes.wording import EMPTY, field_label, value_text
from gpcatalog.store.atomic import atomic_path
from gpcatalog.store.sheets import as_text


def place_text(place: Place | None, names: Mapping[str, str] | None = None) -> str:
    """``社会救助:综合业务 第2位`` — a place as a clerk reads it (positions counted from 1).

    ``names``: domain code → name (:attr:`Diff.domain_names`); without it the domain code is shown.
    """
    if place is None:
        return ""
    path = " / ".join(place.path) if place.path else "领域顶层"
    return f"{(names or {}).get(place.domain, place.domain)}:{path} 第{place.position + 1}位"


def _name_text(value: Any) -> str:
    return f"“{value}”" if value is not None else EMPTY


def _who(change: Change) -> str:
    if change.target is Target.CATALOGUE:
        return "目录"
    name = f"“{change.name}”" if change.name else ""
    who = f"{change.id}{name}"
    if change.target is Target.DOMAIN:
        who = f"领域 {who}"
    if change.inferred and change.old_id:
        who = f"{change.old_id} ≈ {who}"
    return who


def detail_text(change: Change) -> str:
    """What changed inside a field: citations or channels added and removed, 时限 old → new, else the values."""
    detail = change.detail
    if detail is not None and (detail.added or detail.removed):
        parts = []
        if detail.removed:
            parts.append("去掉 " + "、".join(detail.removed))
        if detail.added:
            parts.append("增加 " + "、".join(detail.added))
        return ";".join(parts)
    if detail is not None and detail.old_text is not None and detail.new_text is not None:
        return f"{detail.old_text} → {detail.new_text}"
    if detail is not None and change.field == "deadline":  # a 时限 filled in or cleared
        return f"{detail.old_text or '(空)'} → {detail.new_text or '(空)'}"
    if detail is not None and detail.new_text:
        return detail.new_text
    field = change.field if change.type is ChangeType.MODIFIED else None
    old = value_text(change.old, field=field, target=change.target)
    new = value_text(change.new, field=field, target=change.target)
    return f"{old} → {new}"


def change_line(change: Change, names: Mapping[str, str] | None = None) -> str:
    """One line in Chinese, e.g. ``修改 huanjing-baohu-004“…” 公开依据:去掉《…》;增加《…》(主席令第104号)``.

    ``names``: domain code → name, for the places of moves, additions and removals.
    """
    label = CHANGE_LABELS[change.type]
    tail = "(推断)" if change.inferred else ""
    if change.type in (ChangeType.SPLIT, ChangeType.MERGED):
        parts = {p.id: p for p in change.parts}

        def named(ids: list[str]) -> str:
            return "、".join(f"{i}“{parts[i].name}”" if i in parts and parts[i].name else i for i in ids)

        return f"{label} {named(change.sources)} → {named(change.targets)}"
    if change.type is ChangeType.RENAMED:
        who = f"领域 {change.id}" if change.target is Target.DOMAIN else change.id
        return f"{label} {who}:{_name_text(change.old)} → {_name_text(change.new)}{tail}"
    if change.type is ChangeType.MOVED:
        places = f"{place_text(change.old_place, names)} → {place_text(change.new_place, names)}"
        return f"{label} {_who(change)}:{places}{tail}"
    if change.type is ChangeType.MODIFIED:
        field = field_label(change.field, change.target)
        return f"{label} {_who(change)} {field}:{detail_text(change)}{tail}"
    where = place_text(change.new_place if change.type is ChangeType.ADDED else change.old_place, names)
    return f"{label} {_who(change)}" + (f"({where})" if where and change.target is Target.ITEM else "")


def counts_text(result: Diff) -> str:
    """``共 6 处变化:修改 6`` (or ``没有差异``)."""
    if not result.changes:
        return "没有差异"
    parts = "、".join(f"{CHANGE_LABELS[ChangeType(k)]} {v}" for k, v in result.counts().items())
    inferred = sum(1 for c in result.changes if c.inferred)
    extra = f";其中 {inferred} 处按名称推断配对" if inferred else ""
    return f"共 {len(result.changes)} 处变化:{parts}{extra}"


def text_lines(result: Diff) -> Iterable[tuple[str, ChangeType | None]]:
    """Yield (line, change type or None) for the terminal; the CLI colours lines by type."""
    scope = f"(领域:{'、'.join(map(result.domain_name, result.domains))})" if result.domains else ""
    yield f"比较 {result.old} → {result.new}{scope}", None
    domain = None
    for change in result.changes:
        if change.domain != domain and change.domain is not None:
            domain = change.domain
            yield f"[{result.domain_name(domain)}]", None
        records = f" 〔调整记录 {'、'.join(change.records)}〕" if change.records else ""
        yield "  " + change_line(change, result.domain_names) + records, change.type
    yield counts_text(result), None


def to_markdown(result: Diff) -> str:
    """The diff as a Markdown document: a summary, then one table row per change."""
    scope = f",限于领域 {'、'.join(map(result.domain_name, result.domains))}" if result.domains else ""
    lines = [
        f"# 目录差异:{result.old} → {result.new}",
        "",
        f"{counts_text(result)}{scope}。",
        "",
    ]
    if result.changes:
        lines += ["| 类型 | 对象 | 编号 | 名称 | 变化 | 调整记录 |", "|---|---|---|---|---|---|"]
        for change in result.changes:
            cells = [
                change.label + ("(推断)" if change.inferred else ""),
                TARGET_LABELS[change.target],
                change.id or "、".join(change.sources),
                change.name or "",
                change_line(change, result.domain_names),
                "、".join(change.records),
            ]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


EXCEL_COLUMNS: list[tuple[str, int]] = [
    ("序号", 6),
    ("类型", 8),
    ("对象", 6),
    ("领域", 22),
    ("编号", 24),
    ("原编号", 24),
    ("名称", 30),
    ("字段", 10),
    ("原值", 50),
    ("新值", 50),
    ("变化详情", 50),
    ("原位置", 30),
    ("新位置", 30),
    ("推断", 6),
    ("调整记录", 14),
    ("审核意见", 30),
]


def excel_rows(result: Diff) -> list[list[Any]]:
    """The rows of the review workbook (without the header), one per change."""
    rows: list[list[Any]] = []
    names = result.domain_names
    for number, change in enumerate(result.changes, start=1):
        field = change.field if change.type is ChangeType.MODIFIED else None
        if change.type in (ChangeType.SPLIT, ChangeType.MERGED):
            old, new = "、".join(change.sources), "、".join(change.targets)
        elif change.type in (ChangeType.ADDED, ChangeType.REMOVED, ChangeType.MOVED):
            old = value_text(change.old, None, target=change.target) if change.old is not None else ""
            new = value_text(change.new, None, target=change.target) if change.new is not None else ""
        else:
            old = value_text(change.old, None, field=field, target=change.target)
            new = value_text(change.new, None, field=field, target=change.target)
        rows.append(
            [
                number,
                change.label,
                TARGET_LABELS[change.target],
                result.domain_name(change.domain),
                change.id or "",
                change.old_id or "",
                change.name or "",
                field_label(change.field, change.target),
                old,
                new,
                detail_text(change) if change.type is ChangeType.MODIFIED else change_line(change, names),
                place_text(change.old_place, names),
                place_text(change.new_place, names),
                "是" if change.inferred else "",
                "、".join(change.records),
                "",
            ]
        )
    return rows


def write_excel(result: Diff, path: str | os.PathLike[str]) -> None:
    """Write the diff as an .xlsx workbook for review: one row per change, old and new values side by side.

    The file is written to a temporary name and renamed, so an existing file is never left half-written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "变化"
    sheet.append([name for name, _width in EXCEL_COLUMNS])
    for row in excel_rows(result):
        sheet.append(row)
    for index, (_name, width) in enumerate(EXCEL_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            as_text(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = workbook.create_sheet("说明")
    about.append(["旧目录", result.old])
    about.append(["新目录", result.new])
    about.append(["限定领域", "、".join(map(result.domain_name, result.domains or [])) or "全部"])
    about.append(["统计", counts_text(result)])
    for cells in about.iter_rows():
        for cell in cells:
            as_text(cell)
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 60
    with atomic_path(path, what="Excel 文件") as temporary:
        workbook.save(temporary)
