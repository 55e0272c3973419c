"""An audit for people: Chinese text lines, Markdown, and a workbook (领域, 栏目, 超期记录 sheets)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gpcatalog.store.atomic import atomic_path
from gpcatalog.store.sheets import new_workbook
from gpcatalog.timeliness.assess import AuditResult


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def text_lines(result: AuditResult, limit: int = 20) -> list[str]:
    """The audit in Chinese for the terminal (at most ``limit`` lines of each list)."""
    lines = [
        f"时效检查:{result.records:,} 条记录,可判断 {result.assessed:,} 条,超期 {result.late:,} 条,"
        f"按时率 {_percent(result.compliance)}(检查日期 {result.as_of.isoformat()})",
    ]
    lines += [f"提示:{w}" for w in result.calendar_warnings]
    if result.bad_dates:
        lines.append(f"提示:{result.bad_dates:,} 条记录的日期无法识别,未判断")
    lines.append("按领域:")
    lines += [
        f"  {d.name}({d.domain}):{d.records:,} 条,超期 {d.late:,},按时率 {_percent(d.compliance)}"
        for d in result.domains
    ]
    if result.late_records:
        lines.append(f"超期记录(前 {min(limit, len(result.late_records))} 条):")
        lines += [
            f"  第{r.row}行 [{r.column}] {r.title}:形成 {r.formed},应于 {r.due} 前发布,{r.published} 发布,超期 {r.late} 个工作日"
            for r in result.late_records[:limit]
        ]
    if result.stale_columns:
        lines.append(f"超期未更新的栏目:{'、'.join(result.stale_columns[:limit])}")
    if result.items_without_records:
        shown = "、".join(result.items_without_records[:limit])
        more = (
            f" 等 {len(result.items_without_records)} 个" if len(result.items_without_records) > limit else ""
        )
        lines.append(f"没有任何发布记录的事项:{shown}{more}")
    if result.unmapped_records:
        shown = "、".join(f"{k}({v})" for k, v in list(result.unmapped_columns.items())[:limit])
        lines.append(f"不在对照表栏目中的记录 {result.unmapped_records:,} 条:{shown}")
    return lines


def to_markdown(result: AuditResult) -> str:
    """The audit as a Markdown report: summary, domains, columns, late records."""
    lines = ["# 公开时效检查", "", text_lines(result, 0)[0], ""]
    lines += ["## 按领域", "", "| 领域 | 记录 | 可判断 | 超期 | 按时率 |", "|---|---|---|---|---|"]
    lines += [
        f"| {d.name} | {d.records} | {d.assessed} | {d.late} | {_percent(d.compliance)} |"
        for d in result.domains
    ]
    lines += [
        "",
        "## 按栏目",
        "",
        "| 栏目 | 名称 | 记录 | 超期 | 按时率 | 最近发布 | 超期未更新 |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {c.column} | {c.name} | {c.records} | {c.late} | {_percent(c.compliance)} | {c.last_published or '—'} | {'是' if c.stale else ''} |"
        for c in result.columns
    ]
    if result.late_records:
        lines += [
            "",
            "## 超期记录",
            "",
            "| 行 | 栏目 | 标题 | 形成 | 应发布 | 发布 | 超期工作日 |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r.row} | {r.column} | {r.title} | {r.formed} | {r.due} | {r.published} | {r.late} |"
            for r in result.late_records
        ]
    if result.items_without_records:
        lines += ["", "## 没有发布记录的事项", "", "、".join(result.items_without_records)]
    if result.unmapped_columns:
        lines += ["", "## 不在对照表栏目中的记录", ""]
        lines += [f"- {k}:{v} 条" for k, v in result.unmapped_columns.items()]
    return "\n".join(lines) + "\n"


def write_excel(result: AuditResult, path: str | Path) -> None:
    """Write the audit as a workbook: 领域, 栏目, 超期记录 sheets (atomically)."""

    with atomic_path(path, what="Excel 文件") as temporary:
        book = new_workbook(temporary)
        _write_sheets(book, result)
        book.close()


def _write_sheets(book: Any, result: AuditResult) -> None:
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheets: Sequence[tuple[str, list[str], list[list[Any]]]] = [
        (
            "领域",
            ["领域", "名称", "记录", "可判断", "超期", "按时率"],
            [[d.domain, d.name, d.records, d.assessed, d.late, d.compliance] for d in result.domains],
        ),
        (
            "栏目",
            ["栏目", "名称", "领域", "记录", "可判断", "超期", "按时率", "最近发布", "超期未更新"],
            [
                [
                    c.column,
                    c.name,
                    c.domain,
                    c.records,
                    c.assessed,
                    c.late,
                    c.compliance,
                    c.last_published.isoformat() if c.last_published else "",
                    "是" if c.stale else "",
                ]
                for c in result.columns
            ],
        ),
        (
            "超期记录",
            ["行号", "栏目", "标题", "网址", "信息形成日期", "应发布日期", "发布日期", "超期工作日"],
            [
                [
                    r.row,
                    r.column,
                    r.title,
                    r.url,
                    r.formed.isoformat(),
                    r.due.isoformat(),
                    r.published.isoformat(),
                    r.late,
                ]
                for r in result.late_records
            ],
        ),
    ]
    for name, header, rows in sheets:
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, header, bold)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, ["" if v is None else v for v in row])
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(header) - 1, 14)
