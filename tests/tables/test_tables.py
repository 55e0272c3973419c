"""Excel/CSV export and import: the clerk's layout, real-world variants, round trips, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook

import gpcatalog
from gpcatalog.changes import diff
from gpcatalog.model import Channel
from gpcatalog.tables import TableError, from_frame, read_table, to_frame, write_csv, write_xlsx
from gpcatalog.tables import files as table_files
from tests.helpers import BASE, invoke, tabular

ROW_1 = "■政府网站 □政府公报 □两微一端 □发布会/听证会 □广播电视 □纸质媒体 □公开查阅点 □政务服务中心 □便民服务站 □入户/现场 □社区/企事业单位/村公示栏(电子屏) □精准推送 □其他"


def _exported(tmp_path: Path, catalogue: gpcatalog.Catalogue, **options: Any) -> Path:
    path = tmp_path / "目录.xlsx"
    write_xlsx(catalogue, path, **options)
    return path


# --- export: the clerk's template ---------------------------------------------------------------------------------


def test_workbook_layout(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    book = load_workbook(_exported(tmp_path, national))
    assert book.sheetnames[:3] == ["城乡规划", "重大建设项目", "公共资源交易"]
    assert (len(book.sheetnames), book.sheetnames[-1], book["_gpcatalog"].sheet_state) == (
        27,
        "_gpcatalog",
        "hidden",
    )
    sheet = book["社会救助"]
    assert sheet["A1"].value == "社会救助领域基层政务公开标准目录"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {
        "A1:N1",
        "A2:A3",
        "B2:C2",
        "I2:J2",
        "K2:L2",
        "M2:N2",
        "B4:B5",
    } <= merged  # 综合业务 over its 2 rows
    assert [c.value for c in sheet[2]][:9] == [
        "序号",
        "公开事项",
        None,
        "公开内容(要素)",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
    ]
    assert [c.value for c in sheet[3]][1:3] == ["一级事项", "二级事项"]
    assert [c.value for c in sheet[3]][8:14] == ["全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
    row = [c.value for c in sheet[4]]
    assert row[:8] == [
        1,
        "综合业务",
        "政策法规文件",
        "《社会救助暂行办法》\n各地配套政策法规文件",
        "《信息公开条例》及相关规定",
        "制定或获取信息之日起10个工作日内",
        "县级政府民政部门、乡镇政府(街道办事处)",
        ROW_1,
    ]
    assert row[8:14] == ["√", None, "√", None, "√", "√"]
    unknown = [c.value for c in sheet[8]]  # shehui-jiuzhu-008: ticks unreadable in the source
    assert unknown[8:14] == ["?"] * 6
    assert sheet.column_dimensions["O"].hidden and sheet["O2"].value == "事项编号"
    assert sheet["O4"].value == "shehui-jiuzhu-002" and sheet["P4"].value == "shehui-jiuzhu-001"
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (8, "landscape")
    assert sheet.print_title_rows == "$2:$3"
    assert sheet.freeze_panes == "A4"
    assert sheet["D4"].alignment.wrap_text and sheet["D4"].border.left.style == "thin"


def test_workbook_round_trip_gives_the_same_catalogue(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    result = read_table(_exported(tmp_path, national))
    assert result.report.ok, result.report.errors()[:3]
    assert result.rows == 292
    assert result.catalogue == national


def test_one_sheet_and_domain_selection(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    path = _exported(tmp_path, national, one_sheet=True, domains=["社会救助", "就业"])
    book = load_workbook(path)
    assert book.sheetnames[0] == national.title[:31]
    assert book[book.sheetnames[0]]["A2"].value == "领域"
    result = read_table(path)
    assert result.catalogue is not None
    assert [d.code for d in result.catalogue.domains] == ["jiuye", "shehui-jiuzhu"]
    assert result.catalogue.domain("社会救助") == national.domain("社会救助")


def test_saved_package_loads_back_equal(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    result = read_table(_exported(tmp_path, national))
    assert result.catalogue is not None
    gpcatalog.write_package(result.catalogue, tmp_path / "pkg")
    assert gpcatalog.load(tmp_path / "pkg") == national


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_round_trip(tmp_path: Path, national: gpcatalog.Catalogue, encoding: str) -> None:
    path = tmp_path / "目录.csv"
    write_csv(national, path, encoding=encoding)
    header = path.read_bytes().decode(encoding).splitlines()[0]
    assert header.split(",")[:4] == ["领域", "序号", "一级事项", "二级事项"]
    result = read_table(path, catalogue_id="national", scope="national")
    assert result.catalogue is not None
    assert [d.items for d in result.catalogue.domains] == [d.items for d in national.domains]


def test_frame_round_trip(national: gpcatalog.Catalogue) -> None:
    frame = to_frame(national)
    assert frame.shape == (292, 22)
    first = frame.iloc[0]
    assert (first["domain"], first["level1"], first["id"], first["parent_id"]) == (
        "城乡规划",
        national.domains[0].items[0].name,
        national.domains[0].items[0].children[0].id,
        national.domains[0].items[0].id,
    )
    assert str(frame["audience_all"].dtype) == "boolean"
    result = from_frame(frame)
    assert result.catalogue is not None
    assert [d.items for d in result.catalogue.domains] == [d.items for d in national.domains]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tabular())
def test_round_trip_of_generated_catalogues(tmp_path: Path, catalogue: gpcatalog.Catalogue) -> None:
    path = tmp_path / "generated.xlsx"
    write_xlsx(catalogue, path)
    result = read_table(path)
    assert result.catalogue is not None, result.report.errors()[:3]
    assert result.catalogue == catalogue, [str(c) for c in diff(catalogue, result.catalogue).changes][:3]
    assert BASE.id == catalogue.id


# --- import: tables as counties publish them ----------------------------------------------------------------------


def _county_workbook(path: Path) -> None:
    """A county's 社会救助 table (real cell strings) typed the way clerks type them, and a second table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["某县社会救助领域基层政务公开标准目录"])
    sheet.merge_cells("A1:N1")
    sheet.append(
        [
            "序号",
            "公开事项",
            None,
            "公开内容\n（要素）",
            "公开 依据",
            "公开时限",
            "公开主体",
            "公开渠道和载体",
            "公开对象",
            None,
            "公开方式",
            None,
            "公开层级",
            None,
        ]
    )
    sheet.append(
        [
            None,
            "一级事项",
            "二级事项",
            None,
            None,
            None,
            None,
            None,
            "全社会",
            "特定群体",
            "主动",
            "依申请",
            "区级",
            "镇、村级",
        ]
    )
    for cells in ("B2:C2", "I2:J2", "K2:L2", "M2:N2", "A2:A3", "D2:D3"):
        sheet.merge_cells(cells)
    subject = "县级政府民政部门、乡镇政府(街道办事处)"
    sheet.append(
        [
            1,
            "综合业务",
            "政策法规文件",
            "《社会救助暂行办法》\n  各地配套政策法规文件  ",
            "《信息公开条例》及相关规定",
            "制定或获取信息之日起10个工作日内",
            subject,
            "■政府网站 口政府公报 ☑两微一端",
            "√",
            None,
            "✓",
            None,
            "●",
            "☑",
        ]
    )
    sheet.append(
        [
            2,
            None,
            "监督检查",
            "社会救助信访通讯地址\n社会救助投诉举报电话",
            "《信息公开条例》及相关规定",
            "同上",
            subject,
            "政府网站、政务服务中心",
            "√",
            None,
            "√",
            None,
            "√",
            None,
        ]
    )
    sheet.merge_cells("B4:B5")
    sheet.append(
        [
            3,
            "最低生活保障",
            "政策法规\n文件",
            "《国务院关于进一步加强和改进最低生活保障工作的意见》",
            None,
            dt.datetime(2019, 5, 1),
            subject,
            "√政府網站 □政府公報",
            "?",
            None,
            "√",
            None,
            "√",
            "√",
        ]
    )
    sheet.append(
        [
            4,
            None,
            "办事指南",
            "办理事项\n办理条件",
            None,
            "制定或获取信息之日起10个工作日内",
            subject,
            "■政府网站 ■村务公开栏",
            "√",
            "√",
            "√",
            None,
            "√",
            "√",
        ]
    )
    sheet.append([])
    sheet.append(["注:√ 表示勾选。"])
    second = book.create_sheet("就业")
    second.append(["就业领域基层政务公开标准目录"])
    second.append(
        [
            "序号",
            "一级事项",
            "二级事项",
            "公开内容",
            "公开依据",
            "公开时限",
            "公开主体",
            "公开渠道",
            "公开层级",
        ]
    )
    second.append(
        [
            1,
            "就业政策法规",
            "政策文件",
            "就业创业政策",
            "《中华人民共和国就业促进法》",
            "信息形成或变更之日起20个工作日内",
            "县人力资源社会保障局",
            "政府网站",
            "县级、乡级",
        ]
    )
    book.save(path)


def test_county_table_with_real_world_variants(tmp_path: Path) -> None:
    path = tmp_path / "某县.xlsx"
    _county_workbook(path)
    result = read_table(path, catalogue_id="demo-county", title="某县基层政务公开标准目录")
    assert result.report.ok, result.report.errors()
    catalogue = result.catalogue
    assert catalogue is not None
    assert (catalogue.id, catalogue.title, catalogue.scope) == (
        "demo-county",
        "某县基层政务公开标准目录",
        gpcatalog.Scope.COUNTY,
    )
    jiuzhu, jiuye = catalogue.domains
    assert (jiuzhu.code, jiuzhu.number, jiuye.code) == ("shehui-jiuzhu", 18, "jiuye")
    assert [(i.id, i.name, [c.name for c in i.children]) for i in jiuzhu.items] == [
        ("shehui-jiuzhu-001", "综合业务", ["政策法规文件", "监督检查"]),
        ("shehui-jiuzhu-004", "最低生活保障", ["政策法规文件", "办事指南"]),
    ]
    first, second = jiuzhu.items[0].children
    assert first.contents == ["《社会救助暂行办法》", "各地配套政策法规文件"]
    assert first.channels == [Channel.WEBSITE, Channel.WEIBO_WECHAT_APP]  # 口 typed for □, ☑ ticks
    assert (first.mode.proactive, first.levels.county, first.levels.township) == (
        True,
        True,
        True,
    )  # 区级, 镇、村级
    assert first.levels.village is None
    assert second.deadline is not None and second.deadline.text == "制定或获取信息之日起10个工作日内"  # 同上
    assert second.channels == [Channel.WEBSITE, Channel.SERVICE_CENTRE]  # plain names, no marks
    third, fourth = jiuzhu.items[1].children
    assert third.name == "政策法规文件"  # a line break inside the cell
    assert third.channels == [Channel.WEBSITE]  # traditional characters matched
    assert third.audience.society is None  # ?
    assert third.deadline is not None and third.deadline.text == "2019年5月1日"
    assert fourth.channels == [Channel.WEBSITE, "村务公开栏"]
    assert jiuzhu.extra_channels == ["村务公开栏"]
    [employment] = jiuye.items[0].children
    assert (employment.levels.county, employment.levels.township) == (True, True)
    assert employment.channels == [Channel.WEBSITE]
    found = {(i.code, i.path, i.message) for i in result.report.issues}
    assert ("filled-same-as-above", "Sheet1!F5", "Sheet1 第5行 公开时限列:写作“同上”,已按上一行填入") in found
    assert (
        "date-in-text",
        "Sheet1!F6",
        "Sheet1 第6行 公开时限列:单元格是日期格式(2019-05-01),已按文字“2019年5月1日”导入;请核对原表",
    ) in found
    assert (
        "local-channel",
        "Sheet1!H7",
        "Sheet1 第7行 公开渠道和载体列:“村务公开栏”不是13个标准渠道之一,已作为本领域的地方渠道保留;"
        "如果是笔误,请改成标准渠道的名称",
    ) in found


def test_two_tables_on_one_sheet_and_gb18030_csv(tmp_path: Path) -> None:
    text = (
        "社会救助领域基层政务公开标准目录\n"
        "序号,一级事项,二级事项,公开内容,公开时限,公开主体,公开渠道和载体,全社会,特定群体,主动,依申请,县级,乡级\n"
        "1,综合业务,政策法规文件,《社会救助暂行办法》,制定或获取信息之日起10个工作日内,县民政局,■政府网站 □政府公报,√,,√,,√,√\n"
        "\n"
        "就业领域基层政务公开标准目录\n"
        "序号,一级事项,二级事项,公开内容,公开时限,公开主体,公开渠道和载体,全社会,特定群体,主动,依申请,县级,乡级\n"
        "1,就业政策法规,政策文件,就业创业政策,信息形成或变更之日起20个工作日内,县人社局,■政府网站,√,,√,,√,\n"
    )
    path = tmp_path / "两表.csv"
    path.write_bytes(text.encode("gb18030"))
    result = read_table(path)
    assert result.catalogue is not None
    assert [(d.code, [c.name for i in d.items for c in i.children]) for d in result.catalogue.domains] == [
        ("shehui-jiuzhu", ["政策法规文件"]),
        ("jiuye", ["政策文件"]),
    ]
    assert result.catalogue.item("jiuye-002").levels.township is False


def test_match_keeps_the_ids_of_an_existing_catalogue(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    import pandas as pd

    # A newer table of the same 社会救助 rows, as a clerk saves it from pandas: no ids, no merged cells.
    frame = to_frame(national, domains=["社会救助"]).iloc[:4]
    frame = frame.drop(columns=["id", "parent_id", "source", "caveats", "parent_fields", "channel_order"])
    frame.loc[1, "subject"] = "县民政局"
    new_row = frame.iloc[[1]].assign(level2="社会救助热线")
    frame = pd.concat([frame.iloc[:2], new_row, frame.iloc[2:]], ignore_index=True)
    headers = {
        "domain": "领域",
        "seq": "序号",
        "level1": "一级事项",
        "level2": "二级事项",
        "contents": "公开内容",
    }
    headers |= {
        "basis": "公开依据",
        "deadline": "公开时限",
        "subject": "公开主体",
        "channels": "公开渠道和载体",
    }
    path = tmp_path / "新表.xlsx"
    frame.rename(columns=headers).to_excel(path, index=False)
    result = read_table(path, match=national)
    assert result.catalogue is not None
    domain = result.catalogue.domain("社会救助")
    assert [(i.id, [c.id for c in i.children]) for i in domain.items] == [
        ("shehui-jiuzhu-001", ["shehui-jiuzhu-002", "shehui-jiuzhu-003", "shehui-jiuzhu-019"]),
        ("shehui-jiuzhu-004", ["shehui-jiuzhu-005", "shehui-jiuzhu-006"]),
    ]
    old = national.domain("社会救助")
    before = national.model_copy(update={"domains": [old.model_copy(update={"items": old.items[:2]})]})
    changes = [
        (c.type.value, c.id, c.field)
        for c in diff(before, result.catalogue).changes
        if c.target.value == "item"
    ]
    assert ("modified", "shehui-jiuzhu-003", "subject") in changes
    assert ("added", "shehui-jiuzhu-019", None) in changes
    assert not [c for c in changes if c[0] in ("removed", "renamed", "moved")]


# --- bad input ------------------------------------------------------------------------------------------------------


def test_a_workbook_that_is_not_a_catalogue(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "电话", "地址"])
    sheet.append(["张三", "123", "某路"])
    book.save(tmp_path / "通讯录.xlsx")
    with pytest.raises(
        TableError,
        match=r"不是目录表:找不到表头。应有的列:序号、一级事项、二级事项.*;前几行找到的是:姓名、电话、地址",
    ):
        read_table(tmp_path / "通讯录.xlsx")


def test_encrypted_corrupt_empty_and_huge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    encrypted = tmp_path / "加密.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(gpcatalog.CatalogueReadError, match="设置了打开密码"):
        read_table(encrypted)
    corrupt = tmp_path / "损坏.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(gpcatalog.CatalogueReadError, match="不是有效的 Excel 工作簿"):
        read_table(corrupt)
    empty = tmp_path / "空.xlsx"
    Workbook().save(empty)
    with pytest.raises(TableError, match=r"(工作簿是空的)"):
        read_table(empty)
    path = tmp_path / "大.xlsx"
    _county_workbook(path)
    monkeypatch.setattr(table_files, "MAX_TABLE_ROWS", 5)
    with pytest.raises(TableError, match=r"工作表“Sheet1”过大:到这个工作表为止共 \d+ 行,上限 5 行"):
        read_table(path)


def test_formula_without_a_value_is_an_error_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "公式.xlsx"
    _county_workbook(path)
    book = load_workbook(path)
    book["Sheet1"]["G4"] = '=CONCATENATE("县","民政局")'
    book.save(path)
    result = read_table(path)
    assert result.catalogue is None
    [error] = result.report.errors()
    assert (error.code, error.path, error.line, error.column) == ("formula", "Sheet1!G4", 4, 7)
    assert error.message.startswith("Sheet1 第4行 公开主体列:单元格是公式,工作簿中没有计算结果")


def test_three_tier_columns_and_a_single_item_column(tmp_path: Path) -> None:
    # 江门市蓬江区's tier columns are 县级 / 镇级 / 乡、村级; some tables have one 公开事项 column only.
    text = (
        "城乡规划领域基层政务公开标准目录\n"
        "序号,公开事项,公开内容,公开时限,公开主体,公开渠道和载体,全社会,特定群体,主动,依申请,县级,镇级,乡、村级\n"
        "1,城乡规划编制,规划编制信息,信息形成或变更之日起20个工作日内,区自然资源局,◆政府网站 □政府公报,√,,√,,√,√,\n"
    )
    path = tmp_path / "蓬江区.csv"
    path.write_text(text, encoding="utf-8")
    result = read_table(path, scope="village")
    assert result.catalogue is not None, result.report.errors()
    [item] = result.catalogue.domain("城乡规划").items
    assert (item.id, item.name, item.children) == ("chengxiang-guihua-001", "城乡规划编制", [])
    assert (item.levels.county, item.levels.township, item.levels.village) == (True, True, False)
    assert item.channels == [Channel.WEBSITE]


def test_extension_fields_survive_the_workbook(tmp_path: Path) -> None:
    pilot = gpcatalog.load("cunwu-pilot")
    path = tmp_path / "村务.xlsx"
    write_xlsx(pilot, path)
    result = read_table(path)
    assert result.catalogue == pilot
    assert result.catalogue is not None
    assert result.catalogue.item("cunwu-gongkai-004").cunwu_period == "每季度"  # type: ignore[attr-defined]


# --- import: text that could act --------------------------------------------------------------------------------


def _exported_csv(tmp_path: Path, national: gpcatalog.Catalogue, old: str, new: str) -> Path:
    """The real catalogue exported as CSV with one real cell edited."""
    path = tmp_path / "目录.csv"
    write_csv(national, path)
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8-sig")
    return path


@pytest.mark.parametrize(
    ("old", "new", "cell", "shown"),
    [
        ("■政府网站 □政府公报", "■政府网站\x00 □政府公报", "目录!I2", "\\x00(U+0000 NUL)"),
        ("政策法规文件", "政策法规\u202e文件", "目录!D201", "\\u202e(U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("综合业务", "综合业务\x1b[2J", "目录!C201", "\\x1b(U+001B ESC)"),
    ],
)
def test_a_control_character_in_a_cell_is_an_error_at_its_cell(
    tmp_path: Path, national: gpcatalog.Catalogue, old: str, new: str, cell: str, shown: str
) -> None:
    result = read_table(
        _exported_csv(tmp_path, national, old, new), catalogue_id="national", scope="national"
    )
    assert result.catalogue is None
    [issue] = result.report.errors()
    assert (issue.code, issue.path) == ("control-character", cell)
    assert f"单元格含有不允许的控制字符 {shown}" in issue.message
    assert issue.message.startswith(f"目录 第{cell.split('!')[1][1:]}行 ")


def test_a_nul_never_becomes_a_channel(tmp_path: Path, national: gpcatalog.Catalogue) -> None:
    path = _exported_csv(tmp_path, national, "■政府网站 □政府公报", "■政府网站\x00 □政府公报")
    report = read_table(path, catalogue_id="national", scope="national").report
    assert [i.code for i in report.issues if i.path == "目录!I2"] == ["control-character"]  # no local-channel


def test_markup_in_a_cell_and_in_the_hidden_title_is_a_warning(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    edited = national.model_copy(deep=True)
    edited.title = "<script>alert(1)</script>"
    edited.domain("社会救助").items[0].name = "综合业务<svg onload=alert(2)>"
    path = tmp_path / "目录.xlsx"
    write_xlsx(edited, path)
    result = read_table(path)
    assert result.catalogue is not None and result.catalogue.title == "<script>alert(1)</script>"
    markup = [(i.severity.value, i.path, i.message) for i in result.report.issues if i.code == "markup"]
    assert [(severity, where) for severity, where, _message in markup] == [
        ("warning", "_gpcatalog"),
        ("warning", "社会救助!B4"),  # the 一级事项 is merged over its two rows
        ("warning", "社会救助!B5"),
    ]
    assert "隐藏的元数据 $.catalogue.title" in markup[0][2]


def test_cli_import_of_a_nul_exits_1_and_writes_nothing(
    tmp_path: Path, national: gpcatalog.Catalogue
) -> None:
    path = _exported_csv(tmp_path, national, "■政府网站 □政府公报", "■政府网站\x00 □政府公报")
    code, output = invoke("import", str(path), "-o", str(tmp_path / "pkg"))
    assert code == 1
    assert "目录 第2行 公开渠道和载体列:单元格含有不允许的控制字符 \\x00(U+0000 NUL)" in output
    assert "\x00" not in output
    assert not (tmp_path / "pkg").exists()
