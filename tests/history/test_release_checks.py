"""What release refuses before it writes anything (placeholders, versions and dates out of order), and the record
``release --draft`` writes for a clerk to fill in: on copies of the real national package, through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.history import open_history
from gpcatalog.history.models import version_order
from tests.helpers import ROOT, add_recorded_change, run, tree

DRAFT_2026_005 = (
    "  # 调整记录 2026-005:由 gpcatalog release --draft 起草。把每个“(待填写)”换成实际内容,\n"
    "  # 可以不写的项没有时删去那一行;填好后删去 draft 一行,再运行 gpcatalog release。\n"
    "  - id: 2026-005\n"
    "    # 记录日期:登记这条记录的日期;调整依据的政策或法规的生效日期可另加一行 effective_date: YYYY-MM-DD\n"
    "    date: 2026-12-02\n"
    "    # 申请单位:提出调整的单位,如 县民政局\n"
    "    proposer: (待填写)\n"
    "    # 批准单位:批准调整的单位,如 县人民政府办公室;没有时删去这一行\n"
    "    approver: (待填写)\n"
    "    # 批准文号:批准文件的文号,如 ×政办函〔2026〕1号;没有时删去这一行\n"
    "    approval_doc: (待填写)\n"
    "    # 调整原因:从 政策调整、法规修订、机构改革、试点推广、纠错、补充、其他 中选一种填写\n"
    "    reason: (待填写)\n"
    "    # 触发文件:引起调整的文件(标题、文号、网址);没有时删去 trigger 和下面三行\n"
    "    trigger:\n"
    "      # 标题:文件标题,不加书名号,如 中华人民共和国噪声污染防治法\n"
    "      title: (待填写)\n"
    "      # 文号:如 主席令第104号;没有时删去这一行\n"
    "      doc_no: (待填写)\n"
    "      # 网址:可以核对这份文件的网页;没有时删去这一行\n"
    "      url: (待填写)\n"
    "    # 调整说明:为什么调整、调整了什么,一两句话\n"
    "    summary: (待填写)\n"
    "    # 草稿:以上各项填好后删去这一行,再运行 gpcatalog release\n"
    "    draft: true\n"
    "    # 调整内容:gpcatalog 按工作副本与上一版本的差异列出的变化(类型和事项编号),一般不用改\n"
    "    changes:\n"
    "    - type: renamed\n"
    "      item: shehui-jiuzhu-002\n"
)
"""What ``release --draft`` appends to the national package's adjustments.yaml for the rename of
shehui-jiuzhu-002 on 2026-12-02."""

DRAFTED = (
    "错误:有 1 处变化没有调整记录说明;已在 adjustments.yaml 起草记录 2026-005(draft: true):"
    "把其中每个“(待填写)”换成实际内容(申请单位、批准单位、批准文号、调整原因、触发文件、调整说明;"
    "可以不写的项删去那一行),删去 draft 一行后再发布\n"
)

FILLED = {  # what a clerk types over each placeholder of DRAFT_2026_005, line by line
    "    proposer: (待填写)\n": "    proposer: 县民政局\n",
    "    approver: (待填写)\n": "    approver: 县人民政府办公室\n",
    "    approval_doc: (待填写)\n": "    approval_doc: ×政办函〔2026〕12号\n",
    "    reason: (待填写)\n": "    reason: 纠错\n",
    "      title: (待填写)\n": "      title: 关于更正社会救助事项名称的函\n",
    "      doc_no: (待填写)\n": "      doc_no: ×民函〔2026〕3号\n",
    "      url: (待填写)\n": "      url: https://example.org/mzj/2026-3.html\n",
    "    summary: (待填写)\n": "    summary: 二级事项“政策法规文件”按县民政局来函更名。\n",
}


def _rename(package: Path) -> None:
    """The clerk's edit of the working copy: shehui-jiuzhu-002 政策法规文件 → 政策法规文件(更正)."""
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  - id: shehui-jiuzhu-002\n    name: 政策法规文件\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, old.replace("政策法规文件", "政策法规文件(更正)")), encoding="utf-8")


def _draft(package: Path) -> str:
    """Rename an item, run ``release --draft`` and return adjustments.yaml as it was before."""
    _rename(package)
    before = (package / "adjustments.yaml").read_text(encoding="utf-8")
    assert run("release", "2026.3", "-c", str(package), "--draft", "--date", "2026-12-02") == (1, DRAFTED)
    return before


def _edit(package: Path, replacements: dict[str, str]) -> None:
    """Edit adjustments.yaml as a person does in an editor: each line replaced once, the rest as it was."""
    path = package / "adjustments.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


# --- the draft ----------------------------------------------------------------------------------------------------


def test_draft_appends_every_field_to_fill_with_comments_and_keeps_the_files_comments(package: Path) -> None:
    path = package / "adjustments.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("records:\n", "records:  # 按编号排列\n", 1)
    text = text.replace("  - id: 2026-002\n", "  # 医师法\n  - id: 2026-002\n", 1)
    text = text.replace("date: 2021-08-20", "date: '2021-08-20'  # 通过日期", 1)
    text += "  # 下一条记录写在这里\n"
    path.write_text(text, encoding="utf-8")
    assert text.startswith(
        "# 调整记录(动态调整制度)。每条记录写明申请单位、批准、调整原因、触发文件和调整内容。\n"
    )
    _draft(package)
    assert path.read_text(encoding="utf-8") == text + DRAFT_2026_005
    record = open_history(package).record("2026-005")
    assert record is not None
    assert (record.reason, record.trigger and record.trigger.url, record.draft) == (
        "(待填写)",
        "(待填写)",
        True,
    )


def test_a_placeholder_left_in_a_record_is_refused_naming_record_field_file_and_line(package: Path) -> None:
    _draft(package)
    _edit(
        package, {**FILLED, "      doc_no: (待填写)\n": "      doc_no: (待填写)\n", "    draft: true\n": ""}
    )
    before = tree(package)
    code, out = run("release", "2026.3", "-c", str(package), "--date", "2026-12-02")
    assert (code, out) == (
        1,
        f"错误:文件 {package}/adjustments.yaml,第86行,位置 $.records[4].trigger.doc_no:调整记录 2026-005:"
        "触发文件的文号还是占位文字“(待填写)”,请填写;没有时删去这一行\n",
    )
    assert (package / "adjustments.yaml").read_text(encoding="utf-8").splitlines()[
        85
    ] == "      doc_no: (待填写)"
    assert tree(package) == before


def test_a_record_with_only_the_draft_line_removed_lists_every_placeholder(package: Path) -> None:
    _draft(package)
    _edit(package, {"    draft: true\n": ""})
    before = tree(package)
    code, out = run("release", "2026.3", "-c", str(package), "--date", "2026-12-02")
    file = f"{package}/adjustments.yaml"
    assert code == 1
    assert out.splitlines() == [
        f"错误:文件 {file},第74行,位置 $.records[4].proposer:调整记录 2026-005:"
        "申请单位还是占位文字“(待填写)”,请填写后再发布(另有 7 个问题)",
        f"{file}:74: 错误 [record-placeholder] 调整记录 2026-005:申请单位还是占位文字“(待填写)”,"
        "请填写后再发布($.records[4].proposer)",
        f"{file}:76: 错误 [record-placeholder] 调整记录 2026-005:批准单位还是占位文字“(待填写)”,"
        "请填写;没有时删去这一行($.records[4].approver)",
        f"{file}:78: 错误 [record-placeholder] 调整记录 2026-005:批准文号还是占位文字“(待填写)”,"
        "请填写;没有时删去这一行($.records[4].approval_doc)",
        f"{file}:80: 错误 [record-placeholder] 调整记录 2026-005:调整原因还是占位文字“(待填写)”,"
        "请填写后再发布($.records[4].reason)",
        f"{file}:84: 错误 [record-placeholder] 调整记录 2026-005:触发文件的标题还是占位文字“(待填写)”,"
        "请填写;没有触发文件时删去 trigger 一段($.records[4].trigger.title)",
        f"{file}:86: 错误 [record-placeholder] 调整记录 2026-005:触发文件的文号还是占位文字“(待填写)”,"
        "请填写;没有时删去这一行($.records[4].trigger.doc_no)",
        f"{file}:88: 错误 [record-placeholder] 调整记录 2026-005:触发文件的网址还是占位文字“(待填写)”,"
        "请填写;没有时删去这一行($.records[4].trigger.url)",
        f"{file}:90: 错误 [record-placeholder] 调整记录 2026-005:调整说明还是占位文字“(待填写)”,"
        "请填写后再发布($.records[4].summary)",
    ]
    assert tree(package) == before


def test_a_reason_that_is_neither_a_reason_nor_the_placeholder_is_a_schema_error(package: Path) -> None:
    _draft(package)
    _edit(package, {**FILLED, "    reason: (待填写)\n": "    reason: 更正\n", "    draft: true\n": ""})
    before = tree(package)
    code, out = run("release", "2026.3", "-c", str(package), "--date", "2026-12-02")
    assert (code, out) == (
        1,
        f"错误:文件 {package}/adjustments.yaml,第80行第5列,位置 $.records[4].reason:版本历史或调整记录有误:"
        "“reason”的值“更正”不在允许的取值中:政策调整、法规修订、机构改革、试点推广、纠错、补充、其他\n",
    )
    assert tree(package) == before


def test_the_clerks_whole_round_trip_draft_fill_in_release_verify_changelog(package: Path) -> None:
    before = _draft(package)
    _edit(package, {**FILLED, "    draft: true\n": ""})
    kept = (package / "adjustments.yaml").read_text(encoding="utf-8")
    assert kept.startswith(before)  # the comments of the file and of the draft stay where they were
    code, out = run("release", "2026.3", "-c", str(package), "--date", "2026-12-02")
    assert code == 0, out
    assert out.splitlines()[0] == (
        "已发布 2026.3(2026-12-02):上一版本 2026.2,事项 453 项,1 处变化,调整记录 2026-005"
    )
    assert run("verify", "-c", str(package))[0] == 0
    log = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    section = log.split("## 2026.3(2026-12-02)\n\n", 1)[1].split("\n## ", 1)[0]
    assert section == (
        "上一版本 2026.2;事项 453 项;变化:更名 1。\n"
        "\n"
        "### 2026-005 纠错\n"
        "\n"
        "二级事项“政策法规文件”按县民政局来函更名。\n"
        "\n"
        "- 记录日期:2026-12-02\n"
        "- 申请单位:县民政局\n"
        "- 批准:县人民政府办公室(×政办函〔2026〕12号)\n"
        "- 触发文件:《关于更正社会救助事项名称的函》(×民函〔2026〕3号),<https://example.org/mzj/2026-3.html>\n"
        "- 更名 shehui-jiuzhu-002:“政策法规文件” → “政策法规文件(更正)”\n"
    )
    record = json.loads((package / "changelog.json").read_text(encoding="utf-8"))["versions"][0]["records"][0]
    assert {k: record[k] for k in ("id", "proposer", "approver", "approval_doc", "reason", "trigger")} == {
        "id": "2026-005",
        "proposer": "县民政局",
        "approver": "县人民政府办公室",
        "approval_doc": "×政办函〔2026〕12号",
        "reason": "纠错",
        "trigger": {
            "title": "关于更正社会救助事项名称的函",
            "doc_no": "×民函〔2026〕3号",
            "url": "https://example.org/mzj/2026-3.html",
        },
    }


# --- versions and dates in order ------------------------------------------------------------------------------


@pytest.fixture
def released(package: Path) -> Path:
    """The package with 2026.3 released on 2026-12-02 (record 2026-901), then a change no record explains."""
    add_recorded_change(package)
    gpcatalog.release(package, "2026.3", date=dt.date(2026, 12, 2))
    _rename(package)
    return package


@pytest.mark.parametrize("draft", [(), ("--draft",)])
@pytest.mark.parametrize(
    ("version", "date", "message"),
    [
        (
            "2025.1",
            "2026-11-01",
            "错误:版本号“2025.1”不大于上一版本 2026.3,拒绝发布:新版本号要大于上一版本"
            "(按版本比较,2026.10 大于 2026.9),如 2026.4\n",
        ),
        (
            "2026.03",
            "2026-12-03",
            "错误:版本号“2026.03”不大于上一版本 2026.3,拒绝发布:新版本号要大于上一版本"
            "(按版本比较,2026.10 大于 2026.9),如 2026.4\n",
        ),
        (
            "2026.3rc1",
            "2026-12-03",
            "错误:版本号“2026.3rc1”不大于上一版本 2026.3,拒绝发布:新版本号要大于上一版本"
            "(按版本比较,2026.10 大于 2026.9),如 2026.4\n",
        ),
        (
            "2026.3-mouxian",
            "2026-12-03",
            "错误:版本号“2026.3-mouxian”与上一版本 2026.3 无法比较先后,拒绝发布:"
            "请用数字和点组成、大于 2026.3 的版本号,如 2026.4\n",
        ),
        (
            "2026.4",
            "2026-11-01",
            "错误:发布日期 2026-11-01 早于上一版本 2026.3 的发布日期 2026-12-02,拒绝发布:"
            "请用 --date 写明不早于 2026-12-02 的日期\n",
        ),
    ],
)
def test_versions_and_dates_out_of_order_are_refused_before_anything_else(
    released: Path, version: str, date: str, message: str, draft: tuple[str, ...]
) -> None:
    before = tree(released)  # the rename has no record: the order is refused first, and no draft is written
    assert run("release", version, "-c", str(released), "--date", date, *draft) == (1, message)
    assert tree(released) == before


def test_a_later_version_on_the_same_day_is_released(released: Path) -> None:
    with pytest.raises(gpcatalog.ReleaseRefusedError, match="起草记录 2026-005"):
        gpcatalog.release(released, "2026.10", date=dt.date(2026, 12, 2), draft=True)
    # add_recorded_change() rewrote the file with its records at indent 0: the draft's lines are 2 spaces less in
    _edit(released, {old[2:]: new[2:] for old, new in {**FILLED, "    draft: true\n": "  "}.items()})
    assert gpcatalog.release(released, "2026.10", date=dt.date(2026, 12, 2)).entry.parent == "2026.3"
    assert [v.version for v in gpcatalog.versions(released)] == [
        "2019.1",
        "2026.1",
        "2026.2",
        "2026.3",
        "2026.10",
    ]
    assert gpcatalog.verify(released).ok


@pytest.mark.parametrize(
    ("new", "old", "order"),
    [
        ("2026.10", "2026.9", 1),
        ("2026.9", "2026.10", -1),
        ("2026.1", "2026.01", 0),
        ("2026.2rc1", "2026.2", -1),
        ("2026.2.post1", "2026.2", 1),
        ("mouxian-2026.2", "mouxian-2026.1", 1),
        ("mouxian-2026.10", "mouxian-2026.9", 1),
        ("2026.2-mouxian", "2026.1", 1),
        ("2026.1.1-mouxian", "2026.1-mouxian", None),
        ("2026.1-mouxian", "2026.1", None),
        ("2026.1-x", "2026.1-y", None),
        ("Mouxian-1", "mouxian-1", 0),
    ],
)
def test_version_order(new: str, old: str, order: int | None) -> None:
    assert version_order(new, old) == order


def test_docs_show_the_draft_as_it_is_written() -> None:
    text = (ROOT / "docs" / "adjustment.md").read_text(encoding="utf-8")
    assert f"```yaml\n{DRAFT_2026_005}```\n" in text
    assert DRAFTED.removesuffix("\n") in text
