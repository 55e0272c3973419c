"""动态调整 end to end through the CLI, exactly as a clerk does it: export the package, edit the workbook in Excel
(openpyxl, tests/tables/clerk.py), ``import --into``, ``release --draft``, fill the draft in a text editor,
``release``, ``verify``, ``diff`` and ``show`` of the removed item; and docs/adjustment.md, which walks a clerk
through the same steps, shows what these commands really print.

The versions are read from the package's history (the next version is the last one with its minor part bumped),
so the test holds when the bundled package gets another release."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from tests.helpers import NATIONAL, ROOT, row_of, run
from tests.tables import clerk

SHEET = "社会救助"

NEW_ROW = {  # typed by the clerk into the row inserted inside the merged 临时救助 cell
    "二级事项": "临时救助对象公示",
    "公开内容(要素)": "救助对象姓名\n救助金额",
    "公开依据": "《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号)",
    "公开时限": "审批结束之日起5个工作日内",
    "公开主体": "乡镇人民政府(街道办事处)",
    "公开渠道和载体": "■社区/企事业单位/村公示栏(电子屏)",
    "全社会": "√",
    "主动": "√",
    "乡级": "√",
}

FILLED = {  # what the clerk types over each (待填写) of the drafted record
    "proposer": "县民政局",
    "approver": "县人民政府办公室",
    "approval_doc": "×政办函〔2026〕15号",
    "reason": "补充",
    "title": "关于调整社会救助领域政务公开事项的请示",
    "doc_no": "×民文〔2026〕8号",
    "url": "https://example.org/mzj/2026-8.html",
    "summary": (
        "按县民政局请示补充临时救助对象公示和政策法规解读,审批信息并入审核信息公开,"
        "监督检查信息改为5个工作日内公开,村务公开栏作为本县的公开渠道。"
    ),
}

DRAFTED_CHANGES = [  # what release --draft lists: the diff of the edits, in the diff's order
    {"type": "modified", "domain": "shehui-jiuzhu", "field": "extra_channels"},
    {"type": "removed", "item": "shehui-jiuzhu-009"},
    {"type": "modified", "item": "shehui-jiuzhu-002", "field": "channels"},
    {"type": "modified", "item": "shehui-jiuzhu-003", "field": "deadline"},
    {"type": "added", "item": "shehui-jiuzhu-019"},
    {"type": "renamed", "item": "shehui-jiuzhu-006"},
    {"type": "modified", "item": "shehui-jiuzhu-008", "field": "subject"},
    {"type": "added", "item": "shehui-jiuzhu-020"},
    {"type": "modified", "item": "shehui-jiuzhu-017", "field": "channels"},
]

CHANGE_LINES = [  # the typed changes as import, diff and the changelog print them
    "修改 领域 shehui-jiuzhu“社会救助” 地方渠道:(空) → 村务公开栏",
    "删除 shehui-jiuzhu-009“审批信息”(社会救助:最低生活保障 第2位)",
    "修改 shehui-jiuzhu-002“政策法规文件” 公开渠道:增加 村务公开栏",
    "修改 shehui-jiuzhu-003“监督检查” 公开时限:制定或获取信息之日起 10 个工作日内 → 制定或获取信息之日起 5 个工作日内",
    "新增 shehui-jiuzhu-019“政策法规解读”(社会救助:综合业务 第3位)",
    "更名 shehui-jiuzhu-006:“办事指南” → “最低生活保障办事指南”",
    "修改 shehui-jiuzhu-008“审核信息” 公开主体:乡镇政府(街道办事处) → (空)",
    "新增 shehui-jiuzhu-020“临时救助对象公示”(社会救助:临时救助 第2位)",
    "修改 shehui-jiuzhu-017“办事指南” 公开渠道:去掉 政务服务中心",
]


def clerks_edits(workbook: Path) -> None:
    """The five ordinary edits, a copied row, a cleared cell and a local channel, in the 社会救助 sheet of an
    export, as Excel makes them; every row is found by its hidden 事项编号, never by a fixed row number."""
    book = load_workbook(workbook)
    sheet = book[SHEET]

    def cell(item_id: str, header: str) -> Any:
        return sheet.cell(row_of(sheet, item_id), clerk.column(sheet, header))

    cell("shehui-jiuzhu-006", "二级事项").value = "最低生活保障办事指南"
    cell("shehui-jiuzhu-003", "公开时限").value = "制定或获取信息之日起5个工作日内"
    channels = cell("shehui-jiuzhu-017", "公开渠道和载体")
    assert "■政务服务中心" in channels.value
    channels.value = channels.value.replace("■政务服务中心", "□政务服务中心")
    # a row inserted inside the merged 临时救助 cell (above 017): Excel grows the merged range over it
    at = row_of(sheet, "shehui-jiuzhu-017")
    clerk.insert_row(sheet, at)
    assert clerk.merged_range(sheet, f"B{at}") == f"B{at - 1}:B{at + 2}"
    for header, value in NEW_ROW.items():
        sheet.cell(at, clerk.column(sheet, header)).value = value
    clerk.delete_row(sheet, row_of(sheet, "shehui-jiuzhu-009"))
    # 002 copied below 003 (the copy carries 002's hidden ids), then the copy renamed
    clerk.copy_row(sheet, row_of(sheet, "shehui-jiuzhu-002"), row_of(sheet, "shehui-jiuzhu-003") + 1)
    ids = clerk.column(sheet, "事项编号")
    first, copy = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, ids).value == "shehui-jiuzhu-002"]
    sheet.cell(copy, clerk.column(sheet, "二级事项")).value = "政策法规解读"
    local = sheet.cell(first, clerk.column(sheet, "公开渠道和载体"))
    local.value = f"{local.value} ■村务公开栏"
    cell("shehui-jiuzhu-008", "公开主体").value = None
    book.save(workbook)


def fill_draft(adjustments: Path, before: str) -> str:
    """Fill the record ``release --draft`` appended to ``adjustments`` (whose text was ``before``) as a clerk does
    in a text editor: each (待填写…) replaced, the draft line (and the comment above it) deleted. Returns the
    filled record's text."""
    text = adjustments.read_text(encoding="utf-8")
    assert text.startswith(before)
    drafted = text[len(before) :]
    filled = []
    for line in drafted.splitlines(keepends=True):
        match = re.fullmatch(r"( +)(\w+): [((]待填写[^\n]*\n?", line)
        if match:
            filled.append(f"{match[1]}{match[2]}: {FILLED[match[2]]}\n")
        elif line.strip() != "draft: true" and not line.strip().startswith("# 草稿:"):
            filled.append(line)
    record = "".join(filled)
    assert not re.search(r": [((]待填写", record) and {
        f" {key}: {value}\n" in record for key, value in FILLED.items()
    } == {True}
    adjustments.write_text(before + record, encoding="utf-8")
    return record


def _history(package: Path) -> tuple[str, str, str, int]:
    """The package's last version, the next one (minor part bumped), its release date and its item count."""
    last = yaml.safe_load((package / "history.yaml").read_text(encoding="utf-8"))["versions"][-1]
    year, minor = str(last["version"]).split(".")
    return str(last["version"]), f"{year}.{int(minor) + 1}", str(last["release_date"]), int(last["items"])


def _changelog_entry(package: Path, version: str) -> list[str]:
    text = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {version}(", 1)[1].split("\n## ", 1)[0]
    return f"## {version}({section}".splitlines()


def test_the_clerks_round_trip_through_the_cli(package: Path, tmp_path: Path) -> None:
    previous, version, date, items = _history(package)
    code, out = run("diff", f"{package}@{previous}", str(package))
    assert (code, out.splitlines()[-1]) == (0, "没有差异"), out  # the working copy is the last release
    workbook = tmp_path / "目录.xlsx"

    code, out = run("export", "-c", str(package), "-o", str(workbook))
    assert (code, out.startswith(f"已写入 {workbook}:26 个领域,")) == (0, True), out
    clerks_edits(workbook)

    code, out = run("import", str(workbook), "--into", str(package))
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == f"导入 {workbook}:27 个工作表,{items + 1} 个事项"
    assert (
        f"{workbook}:4:8: 警告 [local-channel] 社会救助 第4行 公开渠道和载体列:“村务公开栏”不是13个标准渠道之一,"
        "已作为本领域的地方渠道保留;如果是笔误,请改成标准渠道的名称(社会救助!H4)"
    ) in lines
    assert lines[
        lines.index(f"已写入 {package}:domains/18-shehui-jiuzhu.yaml;其余 25 个领域文件内容相同,未改动") :
    ] == [
        f"已写入 {package}:domains/18-shehui-jiuzhu.yaml;其余 25 个领域文件内容相同,未改动",
        "版本历史、调整记录、已发布版本、更新日志和栏目方案未改动",
        f"比较 {package}@{previous} → 工作副本",
        "[社会救助]",
        *(f"  {line}" for line in CHANGE_LINES),
        "共 9 处变化:新增 2、删除 1、更名 1、修改 5",
        f"下一步:gpcatalog release {version} -c {package} --draft 起草调整记录",
    ]

    adjustments = package / "adjustments.yaml"
    before = adjustments.read_text(encoding="utf-8")
    code, out = run("release", version, "-c", str(package), "--date", date, "--draft")
    record_id = re.findall(r"已在 adjustments.yaml 起草记录 ([0-9]{4}-[0-9]{3})", out)
    assert (code, len(record_id)) == (1, 1), out
    [record_id] = record_id
    assert out == (
        f"错误:有 9 处变化没有调整记录说明;已在 adjustments.yaml 起草记录 {record_id}(draft: true):"
        "把其中每个“(待填写)”换成实际内容(申请单位、批准单位、批准文号、调整原因、触发文件、调整说明;"
        "可以不写的项删去那一行),删去 draft 一行后再发布\n"
    )
    drafted = yaml.safe_load(adjustments.read_text(encoding="utf-8"))["records"]
    assert drafted[:-1] == yaml.safe_load(before)["records"]
    assert (drafted[-1]["id"], drafted[-1]["draft"], drafted[-1]["changes"]) == (
        record_id,
        True,
        DRAFTED_CHANGES,
    )
    assert not (package / "versions" / version).exists()

    fill_draft(adjustments, before)
    code, out = run("release", version, "-c", str(package), "--date", date)
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == (
        f"已发布 {version}({date}):上一版本 {previous},事项 {items + 1} 项,9 处变化,调整记录 {record_id}"
    )
    assert re.fullmatch(r"内容哈希 sha256:[0-9a-f]{64}", lines[1]) and len(lines) == 2

    code, out = run("verify", "-c", str(package))
    assert (code, out.splitlines()[-1]) == (0, "一致:已发布版本的文件与发布时相同"), out

    assert _changelog_entry(package, version) == [
        f"## {version}({date})",
        "",
        f"上一版本 {previous};事项 {items + 1} 项;变化:新增 2、删除 1、更名 1、修改 5。",
        "",
        f"### {record_id} 补充",
        "",
        FILLED["summary"],
        "",
        f"- 记录日期:{date}",
        "- 申请单位:县民政局",
        "- 批准:县人民政府办公室(×政办函〔2026〕15号)",
        "- 触发文件:《关于调整社会救助领域政务公开事项的请示》(×民文〔2026〕8号),<https://example.org/mzj/2026-8.html>",
        *(f"- {line}" for line in CHANGE_LINES),
    ]

    code, out = run("diff", f"{package}@{previous}", f"{package}@{version}")
    assert (code, out.splitlines()) == (
        1,
        [
            f"比较 {package}@{previous} → {package}@{version}",
            f"  修改 目录 版本:{previous} → {version}",
            "[社会救助]",
            *(f"  {line} 〔调整记录 {record_id}〕" for line in CHANGE_LINES),
            "共 10 处变化:新增 2、删除 1、更名 1、修改 6",
        ],
    )
    code, out = run("diff", f"{package}@{previous}", f"{package}@{version}", "--format", "json")
    typed = [
        (c["type"], c["id"], c.get("field"), (c.get("new_place") or {}).get("parent"), c["records"])
        for c in json.loads(out)["changes"]
    ]
    assert typed[1:] == [
        ("modified", "shehui-jiuzhu", "extra_channels", None, [record_id]),
        ("removed", "shehui-jiuzhu-009", None, None, [record_id]),
        ("modified", "shehui-jiuzhu-002", "channels", None, [record_id]),
        ("modified", "shehui-jiuzhu-003", "deadline", None, [record_id]),
        ("added", "shehui-jiuzhu-019", None, "shehui-jiuzhu-001", [record_id]),  # 综合业务, as the copy's row
        ("renamed", "shehui-jiuzhu-006", None, None, [record_id]),
        ("modified", "shehui-jiuzhu-008", "subject", None, [record_id]),
        ("added", "shehui-jiuzhu-020", None, "shehui-jiuzhu-015", [record_id]),  # inside the merged 临时救助
        ("modified", "shehui-jiuzhu-017", "channels", None, [record_id]),
    ]

    code, out = run("show", "shehui-jiuzhu-009", "-c", str(package))
    assert (code, out.splitlines()[0]) == (
        1,
        f"事项 shehui-jiuzhu-009“审批信息”已于 {version} 删除,调整记录 {record_id}",
    )


# --- docs/adjustment.md -----------------------------------------------------------------------------------------


def _walk_through() -> str:
    text = (ROOT / "docs" / "adjustment.md").read_text(encoding="utf-8")
    return text.split("\n## 从导出到发布\n", 1)[1].split("\n## 目录包里的文件\n", 1)[0]


def _blocks(section: str) -> list[tuple[str, str]]:
    """The fenced blocks of ``section``: (language, text)."""
    return re.findall(r"```(\w*)\n(.*?)```", section, flags=re.S)


def _matches(shown: list[str], real: list[str]) -> bool:
    """``shown`` is ``real``, except that a line ``…`` in ``shown`` stands for one or more warning lines and the
    column mapping lines (表头 → 字段) of the sheets."""
    if "…" not in shown:
        return shown == real
    cut = shown.index("…")
    head, tail = shown[:cut], shown[cut + 1 :]
    middle = real[len(head) : len(real) - len(tail)]
    return (
        real[: len(head)] == head
        and real[len(real) - len(tail) :] == tail
        and bool(middle)
        and all(": 警告 [" in line or "表头 → 字段:" in line for line in middle)
    )


def test_the_walk_through_in_docs_adjustment_is_the_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``$ gpcatalog …`` of the walk-through, run in order on a copy of the bundled package named 我的目录
    (with the Excel edits and the filling-in the text describes between them), prints what the docs show; the
    drafted record, the filled record and the changelog entry shown are the real files."""
    shutil.copytree(NATIONAL, tmp_path / "我的目录")
    monkeypatch.chdir(tmp_path)
    adjustments = tmp_path / "我的目录" / "adjustments.yaml"
    before = adjustments.read_text(encoding="utf-8")
    section = _walk_through()
    blocks = _blocks(section)
    drafted = filled = ""
    commands = []
    for language, block in blocks:
        if language != "text" or not block.startswith("$ gpcatalog "):
            continue
        lines = block.splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("$ gpcatalog ")]
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            args = shlex.split(lines[start].removeprefix("$ gpcatalog "))
            code, out = run(*args)
            commands.append(("release --draft" if "--draft" in args else args[0], code))
            assert _matches(lines[start + 1 : end], out.splitlines()), f"{lines[start]}\n{out}"
            if args[0] == "export":  # the clerk edits the workbook in Excel
                clerks_edits(tmp_path / "目录.xlsx")
            elif "--draft" in args:  # the clerk fills the draft in a text editor
                drafted = adjustments.read_text(encoding="utf-8")[len(before) :]
                filled = fill_draft(adjustments, before)
    assert commands == [  # and the exit codes the walk-through names
        ("export", 0),
        ("import", 0),
        ("release --draft", 1),
        ("release", 0),
        ("verify", 0),
        ("diff", 1),
        ("show", 1),
    ]
    entry = "\n".join(_changelog_entry(tmp_path / "我的目录", _history(tmp_path / "我的目录")[0])) + "\n"
    shown = [block for language, block in blocks if language in ("yaml", "markdown")]
    assert shown == [drafted, filled, entry], "\n---\n".join([drafted, filled, entry])
