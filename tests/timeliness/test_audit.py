"""Timeliness audit on the national default map, with real calendar edge cases (2026 schedule: Spring Festival
2月15日–23日 with 2月14日 and 2月28日 (Saturdays) worked; National Day 10月1日–7日 with 10月10日 (Saturday) worked)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

import gpcatalog
from gpcatalog.columns import read_map
from gpcatalog.timeliness import AuditError, audit, calendar, item_rule, read_records
from tests.helpers import invoke

HEADER = "栏目,标题,网址,信息形成日期,发布日期\n"
ROWS = [
    "zhengdi-buchang-008,春节前形成(按时),http://example.gov.cn/1,2026-02-13,2026-03-05",
    "zhengdi-buchang-008,春节前形成(晚一天),http://example.gov.cn/2,2026-02-13,2026-03-06",
    "/jczwgk/zhengdi-buchang/zhengdi-buchang-008/,国庆前形成,http://example.gov.cn/3,2026-09-30,2026-10-21",
    "caizheng-yujuesuan-001,预算公开(按时),http://example.gov.cn/4,2026-01-05,2026-01-25",
    "caizheng-yujuesuan-001,预算公开(超期),http://example.gov.cn/5,2026-01-05,2026-02-02",
    "zhongda-jianshe-xiangmu-005,调休周六发布,http://example.gov.cn/6,2026-10-09,2026-10-10",
    "anquan-shengchan-007,半年一次的政策文件,http://example.gov.cn/7,2026-01-05,2026-01-10",
    "lanmu-bucunzai,不在对照表中,http://example.gov.cn/8,2026-03-01,2026-03-02",
    "zhengdi-buchang-008,日期写错,http://example.gov.cn/9,二〇二六年,2026-03-02",
]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "发布记录.csv"
    path.write_bytes((HEADER + "\n".join(ROWS) + "\n").encode("gb18030"))
    return path


def test_calendar_edge_cases() -> None:
    work = calendar(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert work.is_workday(dt.date(2026, 2, 14)) and work.is_workday(
        dt.date(2026, 2, 28)
    )  # make-up Saturdays
    assert not work.is_workday(dt.date(2026, 2, 16)) and not work.is_workday(dt.date(2026, 10, 1))
    assert work.is_workday(dt.date(2026, 9, 20)) and work.is_workday(
        dt.date(2026, 10, 10)
    )  # make-up Sunday, Saturday
    start = np.array(["2026-02-13", "2026-09-30", "2026-09-19"], dtype="datetime64[D]")
    due = work.add_workdays(start, np.array([5, 3, 1]))
    assert [str(d) for d in due] == ["2026-02-27", "2026-10-10", "2026-09-20"]


def test_rules_from_real_deadlines(national: gpcatalog.Catalogue) -> None:
    assert item_rule(national.item("zhengdi-buchang-009")) == ("wd", 10)
    assert item_rule(national.item("caizheng-yujuesuan-002")) == ("cd", 20)
    assert item_rule(national.item("zhongda-jianshe-xiangmu-006")) == ("wd", 1)  # 实时
    assert item_rule(national.item("anquan-shengchan-008")) == ("period", 183)  # 半年


def test_audit_of_gb18030_records(records: Path, national: gpcatalog.Catalogue) -> None:
    result = audit(records, read_map(), national, as_of=dt.date(2026, 11, 20))
    assert (result.records, result.assessed, result.late, result.compliance) == (9, 6, 3, 50.0)
    assert (result.bad_dates, result.unmapped_records, result.unmapped_columns) == (
        1,
        1,
        {"lanmu-bucunzai": 1},
    )
    assert [(r.row, r.column, str(r.due), r.late) for r in result.late_records] == [
        (3, "zhengdi-buchang-008", "2026-03-05", 1),
        (4, "zhengdi-buchang-008", "2026-10-20", 1),
        (6, "caizheng-yujuesuan-001", "2026-01-25", 6),
    ]
    assert result.stale_columns[0] == "anquan-shengchan-007"
    assert "zhengdi-buchang-009" not in result.items_without_records
    assert "shehui-jiuzhu-002" in result.items_without_records
    zhengdi = next(d for d in result.domains if d.domain == "zhengdi-buchang")
    assert (zhengdi.records, zhengdi.assessed, zhengdi.late, zhengdi.compliance) == (4, 3, 2, 33.3)
    assert result.calendar_warnings == []


def test_dates_beyond_the_known_calendar_warn_and_an_override_applies(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "zhengdi-buchang-008,跨年,u,2026-12-30,2027-01-14\n", encoding="utf-8")
    plain = audit(path, read_map(), national)
    assert plain.calendar_warnings == ["2027 年的法定节假日安排尚未收录,该年按周一至周五计算工作日"]
    # 10 working days after 12-30, Monday–Friday in 2027: 12-31, 01-01, 01-04 … 01-13; published 01-14, a day late
    assert [(str(r.due), r.late) for r in plain.late_records] == [("2027-01-13", 1)]
    override = tmp_path / "节假日.yaml"
    # A test-only schedule (not an official one): 2027-01-01 as a holiday shifts the deadline by a day.
    override.write_text("years:\n  2027:\n    holidays: [2027-01-01]\n    workdays: []\n", encoding="utf-8")
    shifted = audit(path, read_map(), national, calendar_file=override)
    assert shifted.calendar_warnings == []
    assert (shifted.late, shifted.assessed) == (0, 1)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("标题,发布时间\n甲,2026-01-01\n", encoding="utf-8")
    with pytest.raises(AuditError, match=r"发布记录缺少列:栏目、信息形成日期。.*找到的列:标题、发布时间"):
        read_records(path)


def test_audit_cli_outputs(records: Path, tmp_path: Path) -> None:
    code, out = invoke("audit", str(records), "--as-of", "2026-11-20")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "时效检查:9 条记录,可判断 6 条,超期 3 条,按时率 50.0%(检查日期 2026-11-20)"
    assert (
        "  第3行 [zhengdi-buchang-008] 春节前形成(晚一天):形成 2026-02-13,应于 2026-03-05 前发布,2026-03-06 发布,超期 1 个工作日"
        in lines
    )
    code, out = invoke("audit", str(records), "--format", "json")
    assert json.loads(out)["late"] == 3
    target = tmp_path / "时效.xlsx"
    code, _out = invoke("audit", str(records), "--format", "xlsx", "-o", str(target))
    from openpyxl import load_workbook

    book = load_workbook(target)
    assert book.sheetnames == ["领域", "栏目", "超期记录"]
    assert book["超期记录"].max_row == 4
    code, out = invoke("audit", str(records), "--format", "markdown")
    assert out.startswith("# 公开时效检查\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("标题\n甲\n", encoding="utf-8")
    code, out = invoke("audit", str(bad))
    assert code == 2 and "发布记录缺少列" in out


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_records_from_json_and_excel(tmp_path: Path, national: gpcatalog.Catalogue, suffix: str) -> None:
    import pandas as pd

    rows = [line.split(",") for line in ROWS[:3]]
    frame = pd.DataFrame(rows, columns=["栏目", "标题", "网址", "信息形成日期", "发布日期"])
    path = tmp_path / f"records.{suffix}"
    if suffix == "json":
        frame.to_json(path, orient="records", force_ascii=False)
    else:
        frame.to_excel(path, index=False)
    result = audit(path, read_map(), national)
    assert (result.records, result.assessed, result.late) == (3, 3, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- 2027-01-01\n", "节假日文件的格式不对"),
        ("years: [2027]\n", "节假日文件的格式不对"),
        ("years:\n  2027: [2027-01-01]\n", "2027 年应为 holidays、workdays 两个列表"),
        ("years:\n  2027:\n    holidays: [2027-02-30]\n", "日期“2027-02-30”不存在"),
    ],
)
def test_a_calendar_file_of_the_wrong_shape_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "节假日.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(gpcatalog.CatalogueReadError, match=message) as info:
        calendar(dt.date(2027, 1, 1), dt.date(2027, 12, 31), path)
    assert info.value.file == str(path)
