"""A clerk's edits in Excel come back as exactly those edits: the real national export, edited with openpyxl the
way Excel edits it (tests/tables/clerk.py), imported with read_table() and compared with diff()."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

import gpcatalog
from tests.tables import clerk

# The 社会救助 sheet of the national export: row 4 is the first item.
#  4 综合业务(B4:B5)        002 政策法规文件   5 003 监督检查
#  6 最低生活保障(B6:B7)    005 政策法规文件   7 006 办事指南
#  8 最低生活保障(B8:B9)    008 审核信息       9 009 审批信息
# 10 特困人员救助供养       011 政策法规文件
# 11 特困人员救助供养(B11:B12) 013, 014 (no names)
# 13 临时救助(B13:B15)      016 政策法规文件  14 017 办事指南  15 018 审核审批信息
SHEET = "社会救助"
NEW_ROW = {
    "C": "临时救助对象公示",
    "D": "救助对象姓名\n救助金额",
    "E": "《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号)",
    "F": "审批结束之日起5个工作日内",
    "G": "乡镇人民政府(街道办事处)",
    "H": "■社区/企事业单位/村公示栏(电子屏)",
    "I": "√",
    "K": "√",
    "N": "√",
}


def _export(tmp_path: Path, national: gpcatalog.Catalogue) -> tuple[Path, Workbook]:
    path = tmp_path / "国家目录.xlsx"
    gpcatalog.export_table(national, path)
    return path, load_workbook(path)


def _import(book: Workbook, tmp_path: Path, **options: Any) -> gpcatalog.ImportResult:
    path = tmp_path / "改过的目录.xlsx"
    book.save(path)
    result = gpcatalog.read_table(path, **options)
    assert result.catalogue is not None, [i.message for i in result.report.errors()]
    return result


def _changes(old: gpcatalog.Catalogue, new: gpcatalog.Catalogue) -> list[tuple[str, str | None, str | None]]:
    return [(c.type.value, c.id, c.field) for c in gpcatalog.diff(old, new).changes]


def _type_row(sheet: Any, row: int, cells: dict[str, str]) -> None:
    for letter, value in cells.items():
        sheet[f"{letter}{row}"] = value


def _the_clerks_edits(sheet: Any) -> None:
    """The five ordinary edits, a copied row, a cleared cell and a local channel, bottom to top."""
    sheet.unmerge_cells("B13:B15")  # add a row under 临时救助: unmerge, insert, type, merge again
    sheet.insert_rows(15)
    _type_row(sheet, 15, NEW_ROW)
    sheet.merge_cells("B13:B16")
    sheet["H14"] = sheet["H14"].value.replace("■政务服务中心", "□政务服务中心")  # untick a channel of 017
    sheet["B10"] = None  # clear 特困人员救助供养 (010): same as the 一级事项 above
    clerk.delete_row(sheet, 9)  # delete 009 审批信息
    sheet["C7"] = "最低生活保障办事指南"  # rename 006
    clerk.copy_row(sheet, 4, 6)  # copy 002 below 003, then edit the copy
    sheet["C6"] = "政策法规解读"
    sheet["F5"] = "制定或获取信息之日起5个工作日内"  # 公开时限 of 003
    sheet["H4"] = sheet["H4"].value + " ■村务公开栏"  # a local channel typed into 002


@pytest.mark.parametrize("match", [False, True], ids=["plain", "match"])
def test_the_clerks_edits_come_back_as_exactly_those_changes(
    tmp_path: Path, national: gpcatalog.Catalogue, match: bool
) -> None:
    _path, book = _export(tmp_path, national)
    _the_clerks_edits(book[SHEET])
    result = _import(book, tmp_path, **({"match": national} if match else {}))
    assert result.catalogue is not None
    diff = gpcatalog.diff(national, result.catalogue)
    assert [(c.type.value, c.target.value, c.id, c.field) for c in diff.changes] == [
        ("modified", "domain", "shehui-jiuzhu", "extra_channels"),
        ("removed", "item", "shehui-jiuzhu-009", None),
        ("removed", "item", "shehui-jiuzhu-010", None),  # its one row went under the 一级事项 above
        ("modified", "item", "shehui-jiuzhu-002", "channels"),
        ("modified", "item", "shehui-jiuzhu-003", "deadline"),
        ("added", "item", "shehui-jiuzhu-019", None),  # the copy of 002
        ("renamed", "item", "shehui-jiuzhu-006", None),
        ("moved", "item", "shehui-jiuzhu-011", None),
        ("modified", "item", "shehui-jiuzhu-017", "channels"),
        ("added", "item", "shehui-jiuzhu-020", None),  # the typed row: after 018, never 009 again
    ]
    by = {(c.type.value, c.id, c.field): c for c in diff.changes}
    assert by[("modified", "shehui-jiuzhu", "extra_channels")].new == ["村务公开栏"]
    assert by[("modified", "shehui-jiuzhu-002", "channels")].new == ["政府网站", "村务公开栏"]
    assert (
        by[("modified", "shehui-jiuzhu-003", "deadline")].old,
        by[("modified", "shehui-jiuzhu-003", "deadline")].new,
    ) == (
        "制定或获取信息之日起10个工作日内",
        "制定或获取信息之日起5个工作日内",
    )
    copy = by[("added", "shehui-jiuzhu-019", None)]
    assert copy.new["name"] == "政策法规解读"
    assert copy.new_place is not None and (copy.new_place.parent, copy.new_place.position) == (
        "shehui-jiuzhu-001",
        2,
    )
    renamed = by[("renamed", "shehui-jiuzhu-006", None)]
    assert (renamed.old, renamed.new) == ("办事指南", "最低生活保障办事指南")
    moved = by[("moved", "shehui-jiuzhu-011", None)]
    assert moved.new_place is not None and moved.new_place.parent == "shehui-jiuzhu-007"
    assert by[("modified", "shehui-jiuzhu-017", "channels")].new == [
        "政府网站",
        "社区/企事业单位/村公示栏(电子屏)",
    ]
    typed = by[("added", "shehui-jiuzhu-020", None)]
    assert typed.new_place is not None and (typed.new_place.parent, typed.new_place.position) == (
        "shehui-jiuzhu-015",
        2,
    )
    assert typed.new["deadline"] == "审批结束之日起5个工作日内"
    assert (
        national.item("shehui-jiuzhu-002").name == result.catalogue.item("shehui-jiuzhu-002").name
    )  # original kept
    issues = {(i.code, i.severity.value, i.path, i.message) for i in result.report.issues}
    assert (
        "local-channel",
        "warning",
        "社会救助!H4",
        "社会救助 第4行 公开渠道和载体列:“村务公开栏”不是13个标准渠道之一,已作为本领域的地方渠道保留;"
        "如果是笔误,请改成标准渠道的名称",
    ) in issues
    assert (
        "copied-id",
        "info",
        "社会救助",
        "社会救助 第6行:这一行与第4行带着相同的隐藏事项编号 shehui-jiuzhu-002(复制的行),作为新事项导入,分配新编号",
    ) in issues
    assert not [i for i in result.report.issues if "extra_channels" in i.message or "None" in i.message]


@pytest.mark.parametrize("hidden", [True, False], ids=["as-exported", "hidden-columns-deleted"])
def test_a_plain_reimport_has_no_changes(tmp_path: Path, national: gpcatalog.Catalogue, hidden: bool) -> None:
    _path, book = _export(tmp_path, national)
    if not hidden:
        for sheet in book.worksheets[:-1]:
            first = clerk.column(sheet, "事项编号")
            sheet.delete_cols(first, sheet.max_column - first + 1)
        assert clerk.column(book[SHEET], "公开渠道和载体") == book[SHEET].max_column - 6
    result = _import(book, tmp_path)
    assert result.catalogue is not None
    assert gpcatalog.diff(national, result.catalogue).changes == []
    assert result.catalogue == national  # ids, sources, caveats and the channel order too
    assert result.catalogue.item("shehui-jiuzhu-011").channels == ["政府网站", "公开查阅点", "政务服务中心"]


def test_a_row_inserted_into_a_merged_cell_joins_it(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    # Excel grows a merged range a row is inserted into; the new row's hidden id columns are empty
    _path, book = _export(tmp_path, national)
    sheet = book[SHEET]
    clerk.insert_row(sheet, 14)
    assert clerk.merged_range(sheet, "B14") == "B13:B16"
    _type_row(sheet, 14, NEW_ROW)
    result = _import(book, tmp_path)
    assert result.catalogue is not None
    assert [c.id for c in result.catalogue.item("shehui-jiuzhu-015").children] == [
        "shehui-jiuzhu-016",
        "shehui-jiuzhu-019",
        "shehui-jiuzhu-017",
        "shehui-jiuzhu-018",
    ]
    assert _changes(national, result.catalogue) == [("added", "shehui-jiuzhu-019", None)]


@pytest.mark.parametrize("level1", [None, "同上", "临时救助"], ids=["blank", "同上", "repeated"])
def test_a_blank_level1_below_a_group_is_the_same_as_above(
    tmp_path: Path, national: gpcatalog.Catalogue, level1: str | None
) -> None:
    _path, book = _export(tmp_path, national)
    sheet = book[SHEET]
    clerk.insert_row(sheet, 16)  # below B13:B15: outside the merged cell
    assert clerk.merged_range(sheet, "B16") is None
    _type_row(sheet, 16, {**NEW_ROW, "B": level1} if level1 else NEW_ROW)
    result = _import(book, tmp_path)
    assert result.catalogue is not None
    assert [i.name for i in result.catalogue.domain(SHEET).items].count(None) == 0  # no nameless 一级事项
    assert result.catalogue.item("shehui-jiuzhu-015").children[-1].name == "临时救助对象公示"
    assert _changes(national, result.catalogue) == [("added", "shehui-jiuzhu-019", None)]


def test_a_row_copied_into_another_group_gets_a_new_id(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    _path, book = _export(tmp_path, national)
    sheet = book[SHEET]
    clerk.copy_row(sheet, 14, 5)  # 017 办事指南 of 临时救助 into 综合业务: merged B4:B5 grows over it
    assert clerk.merged_range(sheet, "B5") == "B4:B6"
    assert sheet["O5"].value == "shehui-jiuzhu-017" and sheet["P5"].value == "shehui-jiuzhu-015"
    for match in (None, national):
        result = _import(book, tmp_path, match=match)
        assert result.catalogue is not None
        assert [c.id for c in result.catalogue.item("shehui-jiuzhu-001").children] == [
            "shehui-jiuzhu-002",
            "shehui-jiuzhu-019",
            "shehui-jiuzhu-003",
        ]
        assert result.catalogue.item("shehui-jiuzhu-015") == national.item("shehui-jiuzhu-015")
        assert _changes(national, result.catalogue) == [("added", "shehui-jiuzhu-019", None)]


def test_a_copy_above_its_source_keeps_the_id_when_both_are_the_same(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    _path, book = _export(tmp_path, national)
    sheet = book[SHEET]
    clerk.copy_row(sheet, 15, 15)  # 018 copied above itself; then the clerk edits the row below
    sheet["C16"] = "审核审批结果"
    result = _import(book, tmp_path)
    assert result.catalogue is not None
    names = [(c.id, c.name) for c in result.catalogue.item("shehui-jiuzhu-015").children]
    # the row whose visible name is still the one the id had keeps the id, wherever it stands
    assert names[2:] == [("shehui-jiuzhu-018", "审核审批信息"), ("shehui-jiuzhu-019", "审核审批结果")]


def test_clearing_the_first_level1_of_a_domain_is_an_error_at_its_cell(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    _path, book = _export(tmp_path, national)
    book[SHEET]["B4"] = None  # 综合业务, the first 一级事项: nothing above to be the same as
    book.save(tmp_path / "改过的目录.xlsx")
    result = gpcatalog.read_table(tmp_path / "改过的目录.xlsx")
    assert result.catalogue is None
    assert [(i.code, i.path, i.message) for i in result.report.errors()] == [
        (
            "no-level1",
            "社会救助!B4",
            "社会救助 第4行 一级事项列:一级事项是空的,上面又没有一级事项可以沿用(空白视为同上);请填写一级事项名称",
        )
    ]


def test_clearing_a_level1_below_another_is_the_same_as_above(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    _path, book = _export(tmp_path, national)
    clerk.set_cell(book[SHEET], "B14", None)  # the merged 临时救助 cell
    result = _import(book, tmp_path)
    assert result.catalogue is not None
    changes = gpcatalog.diff(national, result.catalogue).changes
    assert [(c.type.value, c.id) for c in changes] == [
        ("removed", "shehui-jiuzhu-015"),
        ("moved", "shehui-jiuzhu-016"),
        ("moved", "shehui-jiuzhu-017"),
        ("moved", "shehui-jiuzhu-018"),
    ]
    assert {c.new_place.parent for c in changes if c.new_place} == {"shehui-jiuzhu-012"}
    assert not [c for c in changes if c.type.value == "renamed"]  # never 临时救助 → None


def test_new_ids_are_never_ids_used_before(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    _path, book = _export(tmp_path, national)
    sheet = book[SHEET]
    clerk.delete_row(sheet, 15)  # 018, the highest id of the domain
    clerk.insert_row(sheet, 15)
    _type_row(sheet, 15, {**NEW_ROW, "B": "同上"})
    assert _changes(national, _import(book, tmp_path).catalogue) == [  # type: ignore[arg-type]
        ("removed", "shehui-jiuzhu-018", None),
        ("added", "shehui-jiuzhu-019", None),
    ]
    reserved = {"shehui-jiuzhu-019", "shehui-jiuzhu-027", "jiuye-900"}  # ever used by the package
    result = _import(book, tmp_path, reserved=reserved, match=national)
    assert result.catalogue is not None
    assert result.catalogue.item("shehui-jiuzhu-015").children[-1].id == "shehui-jiuzhu-028"


def test_match_never_re_infers_the_ids_a_workbook_carries(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    _path, book = _export(tmp_path, national)
    sheet = book[SHEET]
    sheet["C14"] = "政策法规文件"  # 017 renamed to the name of its sibling 016
    sheet["C13"] = "临时救助政策"  # and 016 renamed
    result = _import(book, tmp_path, match=national)
    assert result.catalogue is not None
    assert _changes(national, result.catalogue) == [
        ("renamed", "shehui-jiuzhu-016", None),
        ("renamed", "shehui-jiuzhu-017", None),
    ]


# --- random sequences of edits ------------------------------------------------------------------------------------

EDITS = st.sampled_from(["rename", "deadline", "untick", "insert", "delete", "copy", "clear", "reorder"])


def _apply(sheet: Any, edit: str, row: int, text: str) -> None:
    level1, level2 = clerk.column(sheet, "一级事项"), clerk.column(sheet, "二级事项")
    if edit == "rename":
        sheet.cell(row, level2).value = f"更名事项{text}"
    elif edit == "deadline":
        sheet.cell(row, clerk.column(sheet, "公开时限")).value = f"信息形成之日起{len(text) + 1}个工作日内"
    elif edit == "untick":
        cell = sheet.cell(row, clerk.column(sheet, "公开渠道和载体"))
        if isinstance(cell.value, str):
            cell.value = cell.value.replace("■", "□", 1)
    elif edit == "insert":
        clerk.insert_row(sheet, row)
        sheet.cell(row, level2).value = f"新增事项{text}"
    elif edit == "delete":
        clerk.delete_row(sheet, row)
    elif edit == "copy":
        clerk.copy_row(sheet, row, row + 1)
        sheet.cell(row + 1, level2).value = f"复制事项{text}"
    elif edit == "clear" and row > clerk.FIRST_DATA_ROW:
        clerk.set_cell(sheet, f"{clerk.letter(level1)}{row}", None)
    elif edit == "reorder" and row > clerk.FIRST_DATA_ROW and clerk.merged_range(sheet, f"B{row}") is None:
        clerk.move_row(sheet, row, row - 1)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(EDITS, st.integers(min_value=0, max_value=20), st.text("甲乙丙丁", min_size=1, max_size=3)),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_random_edits_keep_ids_and_never_reuse_one(
    tmp_path: Path, national: gpcatalog.Catalogue, edits: list[tuple[str, int, str]], match: bool
) -> None:
    path = tmp_path / "国家目录.xlsx"
    if not path.exists():
        gpcatalog.export_table(national, path)
    book = load_workbook(path)
    sheet = book[SHEET]
    for edit, offset, text in edits:
        last = clerk.last_row(sheet)
        _apply(sheet, edit, clerk.FIRST_DATA_ROW + offset % (last - clerk.FIRST_DATA_ROW + 1), text)
    item_column = clerk.column(sheet, "事项编号")
    kept = {
        sheet.cell(r, item_column).value
        for r in range(clerk.FIRST_DATA_ROW, sheet.max_row + 1)
        if sheet.cell(r, item_column).value
    }
    out = tmp_path / "改过的目录.xlsx"
    book.save(out)
    reserved = {"shehui-jiuzhu-030"}
    result = gpcatalog.read_table(out, match=national if match else None, reserved=reserved)
    before = {i.id for i in national.items()}
    if result.catalogue is None:  # only ever the cleared first 一级事项 of the domain
        assert {i.code for i in result.report.errors()} == {"no-level1"}
        return
    after = {i.id for i in result.catalogue.items()}
    other = {i.id for d in national.domains if d.code != "shehui-jiuzhu" for _depth, i in d.walk()}
    assert other <= after  # other domains untouched
    new = after - before
    assert not new & (before | reserved)
    assert all(int(i.rsplit("-", 1)[1]) > 30 for i in new)
    for item_id in (
        kept & before
    ):  # every row still carrying an id keeps it (children; 一级事项 may empty out)
        if national.locate(item_id)[1][0].id != item_id:
            assert item_id in after
