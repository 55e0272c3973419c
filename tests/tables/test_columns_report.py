"""Every header cell of an imported table is read as a field or reported (unknown-column); the report shows the
column mapping (表头 → 字段)."""

from __future__ import annotations

from pathlib import Path

import gpcatalog
from gpcatalog.tables import read_table

HEADER = ["序号", "一级事项", "二级事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "备注"]
ROW = [
    1,
    "救助政策",
    "最低生活保障政策",
    "政策文件",
    "《社会救助暂行办法》",
    "信息形成或变更之日起20个工作日内",
    "县民政局",
    "无",
]


def _book(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_unknown_header_cell_is_reported_with_its_cell(tmp_path: Path) -> None:
    result = read_table(_book(tmp_path / "t.xlsx", [["社会救助领域基层政务公开标准目录"], HEADER, ROW]))
    unknown = [i for i in result.report.issues if i.code == "unknown-column"]
    assert [(i.path, i.severity.value) for i in unknown] == [("Sheet1!H2", "warning")]
    assert "“备注”不是已知的列" in unknown[0].message
    mapping = [i.message for i in result.report.issues if i.code == "column-mapping"]
    assert mapping == [
        "Sheet1 第2行:表头 → 字段:A 序号 → 序号(seq); B 一级事项 → 一级事项(level1); "
        "C 二级事项 → 二级事项(level2); D 公开内容(要素) → 公开内容(要素)(contents); "
        "E 公开依据 → 公开依据(basis); F 公开时限 → 公开时限(deadline); G 公开主体 → 公开主体(subject)"
    ]


def test_duplicate_header_is_reported(tmp_path: Path) -> None:
    header = [*HEADER[:7], "时限"]
    result = read_table(_book(tmp_path / "t.xlsx", [header, ROW]))
    unknown = [(i.path, i.message) for i in result.report.issues if i.code == "unknown-column"]
    assert unknown == [
        ("Sheet1!H1", "Sheet1 第1行:表头“时限”又一个“公开时限”列(已取前面的那一列),这一列没有导入")
    ]


def test_exported_workbook_has_no_unknown_column(tmp_path: Path) -> None:
    catalogue = gpcatalog.load()
    path = tmp_path / "national.xlsx"
    gpcatalog.export_table(catalogue, path, domains=["社会救助"])
    result = read_table(path)
    assert result.report.codes()["unknown-column"] == 0
    assert result.report.codes()["column-mapping"] == 1


def test_unparsed_deadline_names_its_cell(tmp_path: Path) -> None:
    row = [*ROW[:5], "待定", *ROW[6:7]]
    result = read_table(_book(tmp_path / "t.xlsx", [HEADER[:7], row]))
    found = [(i.path, i.severity.value) for i in result.report.issues if i.code == "unparsed-deadline"]
    assert found == [("Sheet1!F2", "warning")]
