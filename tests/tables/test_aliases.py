"""Every header spelling of gpcatalog/tables/aliases.yaml, in a real xlsx, is read as its column."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpcatalog.tables import read_table
from gpcatalog.tables.detect import find_tables
from gpcatalog.tables.files import read_sheets
from gpcatalog.tables.layout import ALIAS_FILE, TICK_FIELDS

TOP = ["序号", "公开事项", "", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道和载体"]
TOP += ["公开对象", "", "公开方式", "", "公开层级", ""]
SUB = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
KEYS = ["seq", "level1", "level2", "contents", "basis", "deadline", "subject", "channels"]
KEYS += ["audience_all", "audience_specific", "mode_active", "mode_request", "level_county", "level_township"]
DATA = ["1", "救助政策", "最低生活保障政策", "政策文件", "《社会救助暂行办法》", "20个工作日内", "县民政局"]
DATA += ["■政府网站", "", "", "", "", "", ""]
CASES = [
    (key, text)
    for key, texts in ALIAS_FILE.items()
    for text in texts
    if key not in ("domain", "level_village")
]


def _book(path: Path, top: list[str], sub: list[str], data: list[str]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "社会救助"
    for row in (top, sub, data):
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(("key", "text"), CASES)
def test_alias_is_read(tmp_path: Path, key: str, text: str) -> None:
    top, sub, data = list(TOP), list(SUB), list(DATA)
    column = KEYS.index(key)
    if sub[column]:
        sub[column] = text
    else:
        top[column] = text
    if key in TICK_FIELDS:
        data[column] = "√"
    path = _book(tmp_path / "t.xlsx", top, sub, data)
    (table,) = find_tables(read_sheets(path)[0])
    assert table.columns[key] == column
    if key in TICK_FIELDS:
        result = read_table(path)
        assert result.catalogue is not None
        item = result.catalogue.domains[0].items[0].children[0]
        group, field = TICK_FIELDS[key]
        assert getattr(getattr(item, group), field) is True


def test_township_only_level_column(tmp_path: Path) -> None:
    top, sub, data = TOP[:13], [*SUB[:12], "鄉級"], [*DATA[:12], "√"]
    path = _book(tmp_path / "t.xlsx", top, sub, data)
    (table,) = find_tables(read_sheets(path)[0])
    assert table.columns["level_township"] == 12
    assert "level_county" not in table.columns
