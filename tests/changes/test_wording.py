"""What a person reads of a diff is Chinese: tick groups as ``县级 √ 乡级 √``, field and domain names in Chinese,
``(空)`` for nothing, no JSON with English keys in text, Markdown or the review workbook. Real items of the bundled
national catalogue throughout."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import gpcatalog
from gpcatalog.changes import diff
from gpcatalog.changes.render import excel_rows, text_lines, to_markdown, write_excel
from gpcatalog.changes.wording import field_label, value_text
from gpcatalog.derived import deviation
from gpcatalog.model import Scope


def _reloaded(catalogue: gpcatalog.Catalogue) -> gpcatalog.Catalogue:
    return gpcatalog.Catalogue.model_validate(catalogue.model_dump())


def _lines(result: gpcatalog.Diff) -> list[str]:
    return [line for line, _kind in text_lines(result)]


def _clerk_edits(national: gpcatalog.Catalogue) -> gpcatalog.Catalogue:
    """Untick 乡级, make 全社会 unreadable, clear a 一级事项 name, drop a source: the edits of issue 12."""
    new = national.model_copy(deep=True)
    new.item("shehui-jiuzhu-002").levels.township = False
    new.item("shehui-jiuzhu-002").audience.society = None
    new.item("shehui-jiuzhu-007").name = None
    new.scope = Scope.COUNTY
    new.sources = new.sources[:1]
    return _reloaded(new)


def test_diff_lines_read_as_words(national: gpcatalog.Catalogue) -> None:
    lines = _lines(diff(national, _clerk_edits(national)))
    assert lines == [
        "比较 national@2026.2 → national@2026.2",
        "  修改 目录 目录层级:国家 → 县级",
        "  修改 目录 来源:标题:国务院办公厅关于印发开展基层政务公开标准化规范化试点工作方案的通知,发文机关:国务院办公厅,"
        "文号:国办发〔2017〕42号;标题:国务院办公厅关于全面推… → 标题:国务院办公厅关于印发开展基层政务公开标准化规范化试点工作方案的通知,"
        "发文机关:国务院办公厅,文号:国办发〔2017〕42号",
        "[社会救助]",
        "  修改 shehui-jiuzhu-002“政策法规文件” 公开对象:全社会 √ → 全社会 ?",
        "  修改 shehui-jiuzhu-002“政策法规文件” 公开层级:县级 √ 乡级 √ → 县级 √",
        "  更名 shehui-jiuzhu-007:“最低生活保障” → (空)",
        "共 5 处变化:更名 1、修改 4",
    ]


def test_nothing_ticked_reads_empty_and_an_unreadable_group_is_marked(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    levels = new.item("shehui-jiuzhu-002").levels
    levels.county = levels.township = False
    [change] = diff(national, _reloaded(new)).changes
    assert [line for line in _lines(diff(national, _reloaded(new))) if "公开层级" in line] == [
        "  修改 shehui-jiuzhu-002“政策法规文件” 公开层级:县级 √ 乡级 √ → 空"
    ]
    assert change.old == {"county": True, "township": True}  # JSON keeps its machine shape
    assert value_text({"county": None, "township": True}, field="levels") == "县级 ? 乡级 √"


def test_released_diff_names_the_domains(national: gpcatalog.Catalogue) -> None:
    lines = _lines(gpcatalog.diff("national@2019.1", "national@2026.1"))
    assert lines[2:4] == [
        "[环境保护]",
        "  修改 huanjing-baohu-003“防治污染设施拆除或闲置审批” 公开依据:去掉 《环境噪声污染防治法》;"
        "增加 《中华人民共和国噪声污染防治法》(主席令第104号) 〔调整记录 2026-001〕",
    ]
    assert "[医疗卫生]" in lines
    assert not any(line.startswith("[") and "-" in line for line in lines)


def test_moves_additions_and_removals_name_the_domain(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    rescue = new.domain("shehui-jiuzhu")
    rescue.items[1].children.insert(0, rescue.items[0].children.pop(1))
    lines = _lines(diff(national, _reloaded(new)))
    assert (
        lines[2] == "  移动 shehui-jiuzhu-003“监督检查”:社会救助:综合业务 第2位 → 社会救助:最低生活保障 第1位"
    )


def test_the_review_workbook_holds_words_not_json(national: gpcatalog.Catalogue, tmp_path: Path) -> None:
    new = _clerk_edits(national)
    new.domain("shehui-jiuzhu").items[0].children.pop(1)  # remove 监督检查
    result = diff(national, _reloaded(new))
    path = tmp_path / "审核.xlsx"
    write_excel(result, path)
    sheet = openpyxl.load_workbook(path)["变化"]
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    levels = next(r for r in rows if r["字段"] == "公开层级")
    assert (levels["领域"], levels["原值"], levels["新值"]) == ("社会救助", "县级 √ 乡级 √", "县级 √")
    removed = next(r for r in rows if r["类型"] == "删除")
    assert (removed["编号"], removed["新值"]) == ("shehui-jiuzhu-003", None)
    assert removed["原值"] == (
        "事项编号:shehui-jiuzhu-003;事项名称:监督检查;序号:2;公开内容:社会救助信访通讯地址、社会救助投诉举报电话;"
        "公开依据:《信息公开条例》及相关规定;公开时限:制定或获取信息之日起10个工作日内;"
        "公开主体:县级政府民政部门、乡镇政府(街道办事处);公开渠道和载体:政府网站;公开对象:全社会 √;公开方式:主动公开 √;"
        "公开层级:县级 √ 乡级 √;来源网址:https://www.tjbd.gov.cn/zwgk/jczwgk/ly/shjzly/202012/t20201216_5039688.html"
    )
    renamed = next(r for r in rows if r["类型"] == "更名")
    assert (renamed["原值"], renamed["新值"]) == ("最低生活保障", "(空)")
    cells = [str(value) for row in rows for value in row.values() if value is not None]
    for bad in ('{"', '": ', "None", "true", "county", "specific_groups"):
        assert not any(bad in cell for cell in cells), bad
    assert excel_rows(result)[0][3] == ""  # a catalogue change belongs to no domain


def test_markdown_has_no_json_or_none(national: gpcatalog.Catalogue) -> None:
    text = to_markdown(diff(national, _clerk_edits(national)))
    assert (
        "| 修改 | 事项 | shehui-jiuzhu-002 | 政策法规文件 | 修改 shehui-jiuzhu-002“政策法规文件” 公开层级:县级 √ 乡级 √ → 县级 √ |  |"
        in text
    )
    for bad in ('{"', "None", '"county"'):
        assert bad not in text


def test_field_labels_come_from_the_vocabulary_or_the_model_titles() -> None:
    assert field_label("deadline") == "公开时限"
    assert field_label("children") == "下级事项"  # no vocabulary entry: the model field's title
    assert field_label("base", gpcatalog.changes.Target.CATALOGUE) == "基础目录"


def test_deviation_of_haifeng_reads_as_words() -> None:
    assert _lines(deviation("haifeng-yanglao")) == [
        "比较 national@2026.1 → haifeng-yanglao",
        "[养老服务]",
        "  修改 yanglao-fuwu-002“国家和地方层面养老服务相关法律、法规、政策文件” 公开主体:县级人民政府民政部门 → 海丰县民政局、乡镇人民政府",
        "  修改 yanglao-fuwu-002“国家和地方层面养老服务相关法律、法规、政策文件” 公开渠道:去掉 两微一端",
        "  修改 yanglao-fuwu-002“国家和地方层面养老服务相关法律、法规、政策文件” 公开层级:县级 √ → 县级 √ 乡级 √",
        "共 3 处变化:修改 3",
    ]


def test_a_deadline_filled_in_or_cleared_shows_both_sides() -> None:
    """gonggong-wenhua-fuwu-005 has no 公开时限 in national@2026.1; national@2026.2 fills it from 兴国县's table."""
    national = gpcatalog.load("national@2026.1")
    filled = national.model_copy(deep=True)
    filled.item("gonggong-wenhua-fuwu-005").deadline = filled.item("shehui-jiuzhu-002").deadline
    head = "修改 gonggong-wenhua-fuwu-005“下基层辅导、演出、展览和指导基层群众文化活动” 公开时限:"
    assert f"  {head}(空) → 制定或获取信息之日起 10 个工作日内" in _lines(diff(national, _reloaded(filled)))
    assert f"  {head}制定或获取信息之日起 10 个工作日内 → (空)" in _lines(diff(_reloaded(filled), national))
