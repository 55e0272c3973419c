"""import_into: an edited workbook reaches a package's working copy, and nothing else of the package changes.

The workbooks are real exports of the national package, edited with openpyxl as a clerk edits them in Excel; each
cell is found by the row's hidden 事项编号 column and the column's header, never by a fixed row number."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import gpcatalog
from gpcatalog.changes.render import change_line
from gpcatalog.history import ids_ever_used
from gpcatalog.store.lock import package_lock
from gpcatalog.store.yamlio import dump_yaml, read_yaml
from tests.helpers import LATEST, NEXT, changed, export, row_of, set_cell, sheet_columns, tree

SHEHUI = "domains/18-shehui-jiuzhu.yaml"
OLD_DEADLINE = "制定或获取信息之日起10个工作日内"
NEW_DEADLINE = "制定或获取信息之日起20个工作日内"
DEADLINE_LINE = "修改 shehui-jiuzhu-002“政策法规文件” 公开时限:制定或获取信息之日起 10 个工作日内 → 制定或获取信息之日起 20 个工作日内"


def test_one_edited_cell_changes_that_value_and_nothing_else(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "目录.xlsx")
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    old_text = (package / SHEHUI).read_text(encoding="utf-8")
    before = tree(package)

    result = gpcatalog.import_into(workbook, package)

    assert result.ok and result.written == [SHEHUI]
    assert len(result.unchanged) == 25 and result.kept == []
    # every other domain file, catalogue.yaml, history.yaml, adjustments.yaml, versions/, columns/, changelogs:
    # byte for byte as before, and nothing new in the package
    assert changed(before, tree(package)) == [SHEHUI]
    old_lines, new_lines = old_text.splitlines(), (package / SHEHUI).read_text(encoding="utf-8").splitlines()
    assert len(new_lines) == len(old_lines)
    assert [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b] == [
        (f"    deadline: {OLD_DEADLINE}", f"    deadline: {NEW_DEADLINE}")
    ]
    assert gpcatalog.load(package).item("shehui-jiuzhu-002").deadline.days == 20
    assert result.changes is not None and result.changes.old == f"{package}@{LATEST}"
    assert [change_line(c) for c in result.changes.changes] == [DEADLINE_LINE]
    assert result.next_step() == f"下一步:gpcatalog release {NEXT} -c {package} --draft 起草调整记录"
    # the next step does what it says: the release is refused and a record is drafted for the change
    with pytest.raises(gpcatalog.ReleaseRefusedError, match="起草记录"):
        gpcatalog.release(package, NEXT, draft=True)
    assert "item: shehui-jiuzhu-002" in (package / "adjustments.yaml").read_text(encoding="utf-8")


def test_a_plain_export_imported_again_writes_nothing(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "目录.xlsx")
    before = tree(package)
    result = gpcatalog.import_into(workbook, package)
    assert tree(package) == before
    assert (result.written, len(result.unchanged)) == ([], 26)
    lines = [line for line, _kind in result.lines()]
    assert lines[0] == f"没有写入:表格与 {package} 的工作副本相同"
    assert lines[-2:] == ["没有差异", f"工作副本与上一版本 {LATEST} 相同,不需要发布"]


def test_domains_the_workbook_does_not_carry_stay_as_they_are(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "社会救助.xlsx", domains=["社会救助"])
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    before = tree(package)
    result = gpcatalog.import_into(workbook, package)
    assert changed(before, tree(package)) == [SHEHUI]
    assert len(result.kept) == 25 and "domains/17-jiuye.yaml" in result.kept
    assert "表格中没有的 25 个领域保持原样" in [line for line, _kind in result.lines()]
    assert [change_line(c) for c in result.changes.changes] == [DEADLINE_LINE]


def test_a_hand_formatted_domain_file_that_did_not_change_is_not_rewritten(
    package: Path, tmp_path: Path
) -> None:
    """Unchanged means the same data, not the same bytes: a comment a person added stays."""
    jiuye = package / "domains" / "17-jiuye.yaml"
    jiuye.write_text("# 就业领域,县人社局维护\n" + jiuye.read_text(encoding="utf-8"), encoding="utf-8")
    workbook = export(package, tmp_path / "目录.xlsx")
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    result = gpcatalog.import_into(workbook, package)
    assert result.written == [SHEHUI]
    assert jiuye.read_text(encoding="utf-8").startswith("# 就业领域,县人社局维护\n")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "national@2019.1",
            f"表格导出自 national@2019.1,不是最新版本 {LATEST}:导入会撤销 2019.1 之后的调整;"
            "确认要导入时加 --from-other,没有写入任何文件",
        ),
        (
            "haifeng-yanglao",
            "表格导出自目录“haifeng-yanglao”(版本 2026.1),不是 {package} 的目录“national”:"
            "导入会用另一个目录的事项替换工作副本中同一领域的事项;确认要导入时加 --from-other,没有写入任何文件",
        ),
    ],
)
def test_a_workbook_from_another_catalogue_or_version_is_refused(
    package: Path, tmp_path: Path, source: str, message: str
) -> None:
    workbook = export(source, tmp_path / "别处.xlsx")
    before = tree(package)
    with pytest.raises(gpcatalog.ImportRefusedError) as refused:
        gpcatalog.import_into(workbook, package)
    assert refused.value.message == message.format(package=package)
    assert refused.value.file == str(workbook)
    assert tree(package) == before


def test_an_older_version_goes_in_when_the_user_says_so(package: Path, tmp_path: Path) -> None:
    """national@2019.1 with from_other: the six citations 2026.1 updated go back, and so do the fields 2026.2 filled in
    (gonggong-wenhua-fuwu-005 and -007) and the item it added (gonggong-ziyuan-jiaoyi-014); the diff says so."""
    workbook = export("national@2019.1", tmp_path / "2019.xlsx")
    result = gpcatalog.import_into(workbook, package, from_other=True)
    assert result.ok and result.changes is not None
    assert result.changes.counts() == {"removed": 1, "modified": 16}
    assert [c.id for c in result.changes.changes if c.type == "removed"] == ["gonggong-ziyuan-jiaoyi-014"]
    assert {c.field for c in result.changes.changes if c.type == "modified"} == {
        "audience",
        "basis",
        "caveats",
        "channels",
        "contents",
        "deadline",
        "levels",
        "mode",
        "subject",
    }
    back = gpcatalog.diff("national@2019.1", package).changes  # the items are 2019.1's; the version stays
    assert [(c.target.value, c.field, c.old, c.new) for c in back] == [
        ("catalogue", "version", "2019.1", "2026.2"),
        ("catalogue", "release_date", "2026-11-22", "2026-12-02"),
    ]


def test_a_table_without_metadata_goes_in_only_when_the_user_says_so(package: Path, tmp_path: Path) -> None:
    """A CSV carries no metadata sheet; with from_other its rows replace the items of 社会救助, while the domain's
    guideline, sources and completeness (which a table does not carry) stay."""
    table = export(package, tmp_path / "社会救助.csv", domains=["社会救助"])
    text = table.read_text(encoding="utf-8-sig")
    assert text.count(OLD_DEADLINE) > 1
    table.write_text(text.replace(OLD_DEADLINE, NEW_DEADLINE, 1), encoding="utf-8-sig")
    before = tree(package)
    with pytest.raises(gpcatalog.ImportRefusedError, match="表格不带 gpcatalog 的元数据"):
        gpcatalog.import_into(table, package)
    assert tree(package) == before
    result = gpcatalog.import_into(table, package, from_other=True)
    assert changed(before, tree(package)) == [SHEHUI]
    assert [change_line(c) for c in result.changes.changes] == [DEADLINE_LINE]


def test_a_workbook_with_errors_writes_nothing(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "目录.xlsx")
    set_cell(
        workbook, "社会救助", "shehui-jiuzhu-002", "一级事项", None
    )  # the domain's first 一级事项 cleared
    before = tree(package)
    result = gpcatalog.import_into(workbook, package)
    assert not result.ok and result.written == [] and list(result.lines()) == []
    assert "no-level1" in {issue.code for issue in result.imported.report.errors()}
    assert tree(package) == before


def test_a_workbook_that_would_make_the_package_invalid_writes_nothing(package: Path, tmp_path: Path) -> None:
    """Valid as a table, invalid in the package: the 社会救助 rows typed under a 领域 the package does not have
    keep their ids, which 18-shehui-jiuzhu.yaml (kept) uses too."""
    table = export(package, tmp_path / "社会救助.csv", domains=["社会救助"])
    text = table.read_text(encoding="utf-8-sig")
    table.write_text(text.replace("\n社会救助,", "\n村务公开,"), encoding="utf-8-sig")
    before = tree(package)
    with pytest.raises(gpcatalog.CatalogueInvalidError) as invalid:
        gpcatalog.import_into(table, package, from_other=True)
    assert invalid.value.message.startswith("导入后的工作副本无效,没有写入任何文件:")
    codes = {issue.code for issue in invalid.value.report.errors()}
    assert {"duplicate-id", "domain-count"} <= codes, codes
    assert tree(package) == before


def test_released_versions_bundled_data_and_derived_catalogues_are_refused(
    tmp_path: Path, package: Path
) -> None:
    workbook = export(package, tmp_path / "目录.xlsx")
    derived = tmp_path / "haifeng-yanglao"
    shutil.copytree(Path(gpcatalog.__file__).parents[1] / "catalogues" / "haifeng-yanglao", derived)
    cases = {
        f"{package}@2026.1": "已发布的版本不可改动",
        str(derived): "是派生目录,只保存相对基础目录的调整(overlay.yaml),不能用表格替换",
    }
    for target, message in cases.items():
        with pytest.raises(
            gpcatalog.ImportRefusedError, match=message.replace("(", r"\(").replace(")", r"\)")
        ):
            gpcatalog.import_into(workbook, target)


def test_a_package_being_written_is_refused(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "目录.xlsx")
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    before = tree(package)
    with package_lock(package, "测试持有"):
        result = subprocess.run(
            [sys.executable, "-m", "gpcatalog", "import", str(workbook), "--into", str(package)],
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"目录包正被进程 {os.getpid()}" in result.stderr and "请等它结束后再试" in result.stderr
    assert tree(package) == before


def test_killed_at_any_step_the_package_holds_the_old_working_copy_or_the_new_one(
    package: Path, tmp_path: Path
) -> None:
    """Two domain files change: killed at each filesystem step (then verify, the next command), the package is
    exactly as before or exactly as a complete import leaves it, never one file new and the other old."""
    workbook = export(package, tmp_path / "目录.xlsx")
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    set_cell(workbook, "就业", "jiuye-002", "公开主体", "县人力资源社会保障局")
    old = tree(package)
    command = [sys.executable, "-m", "gpcatalog", "import", str(workbook), "--into"]
    done = tmp_path / "done" / "national"
    shutil.copytree(package, done)
    assert subprocess.run([*command, str(done)], capture_output=True, check=False).returncode == 0
    new = tree(done)
    assert changed(old, new) == ["domains/17-jiuye.yaml", SHEHUI]
    outcomes = []
    for step in itertools.count(1):
        work = tmp_path / f"run-{step}" / "national"
        shutil.copytree(package, work)
        env = {**os.environ, "GPCATALOG_FAULT_AT": str(step)}
        killed = subprocess.run([*command, str(work)], capture_output=True, text=True, env=env, check=False)
        assert "Traceback" not in killed.stderr
        if killed.returncode == 0:
            assert tree(work) == new
            break
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        report = gpcatalog.verify(work)  # the next command rolls an interrupted import back
        assert report.ok, (step, report.issues)
        assert tree(work) in (old, new), step
        outcomes.append("old" if tree(work) == old else "new")
        shutil.rmtree(work.parent)
    # 2 files staged, their 2 backups, the journal, 2 renames, deleting the journal (the commit): rolled back;
    # once it is gone, removing the 2 backups: the new working copy
    assert outcomes == ["old"] * 8 + ["new"] * 2


def test_ids_ever_used_counts_released_versions_and_records(package: Path) -> None:
    """An item removed from the working copy keeps its id reserved (it is in versions/2026.1), and so does an id
    only an adjustment record names."""
    path = package / SHEHUI
    data = read_yaml(path)
    removed = data["items"].pop()  # 临时救助 and its three 二级事项
    path.write_text(dump_yaml(data), encoding="utf-8")
    adjustments = package / "adjustments.yaml"
    adjustments.write_text(
        adjustments.read_text(encoding="utf-8")
        + "  - id: 2026-902\n    date: 2026-12-01\n    proposer: 县民政局\n    reason: 纠错\n    summary: 示例\n"
        "    example: true\n    changes:\n      - {type: removed, item: shehui-jiuzhu-099}\n",
        encoding="utf-8",
    )
    used = ids_ever_used(package)
    working = {item.id for _domain, _depth, item in gpcatalog.load(package).walk()}
    assert removed["id"] == "shehui-jiuzhu-015" and "shehui-jiuzhu-015" not in working
    assert used - working == {
        "shehui-jiuzhu-015",
        "shehui-jiuzhu-016",
        "shehui-jiuzhu-017",
        "shehui-jiuzhu-018",
        "shehui-jiuzhu-099",
    }


def _edit_last_row(
    workbook: Path, sheet_name: str, item_id: str, new_row: dict[str, object] | None = None
) -> None:
    """Delete the last row of a sheet (``item_id``'s), or type ``new_row`` (header → value) after it, the hidden
    id cells left blank as a clerk leaves them."""
    book = load_workbook(workbook)
    sheet = book[sheet_name]
    row = row_of(sheet, item_id)
    assert row == sheet.max_row
    if new_row is None:
        for merged in [m for m in sheet.merged_cells.ranges if m.min_row <= row <= m.max_row]:
            first, last, column = merged.min_row, merged.max_row, merged.min_col
            sheet.unmerge_cells(str(merged))
            if last - 1 > first:
                sheet.merge_cells(start_row=first, start_column=column, end_row=last - 1, end_column=column)
        sheet.delete_rows(row)
    else:
        columns = sheet_columns(sheet)
        for header, value in new_row.items():
            sheet.cell(row + 1, columns[header]).value = value
    book.save(workbook)


def test_a_new_row_never_gets_an_id_the_package_used_before(package: Path, tmp_path: Path) -> None:
    """The last row of 公共资源交易 (gonggong-ziyuan-jiaoyi-013, the highest id) deleted and imported; then the row
    the reference additions bring (政府采购信息 / 招标公告; 2026.2 has it as gonggong-ziyuan-jiaoyi-014) typed again at
    the end: 013 is in the released versions only now, and the new items get ids the package never used."""
    first = export(package, tmp_path / "删去一行.xlsx")
    _edit_last_row(first, "公共资源交易", "gonggong-ziyuan-jiaoyi-013")
    deleted = gpcatalog.import_into(first, package)
    assert [change_line(c) for c in deleted.changes.changes] == [
        "删除 gonggong-ziyuan-jiaoyi-013“招标文件澄清或修改公告”(gonggong-ziyuan-jiaoyi:工程建设项目招标投标信息 第2位)"
    ]
    used = ids_ever_used(package)
    assert "gonggong-ziyuan-jiaoyi-013" in used
    second = export(package, tmp_path / "新增一行.xlsx")
    new_row = {
        "序号": 1,
        "一级事项": "政府采购信息",
        "二级事项": "招标公告",
        "公开时限": "及时公开,公告期限为5个……(截断)",
    }
    _edit_last_row(second, "公共资源交易", "gonggong-ziyuan-jiaoyi-012", new_row)
    result = gpcatalog.import_into(second, package)
    assert result.ok and result.changes is not None
    added = [c.id for c in result.changes.changes if c.type == "added"]
    removed = [c.id for c in result.changes.changes if c.type == "removed"]
    assert removed == ["gonggong-ziyuan-jiaoyi-013"]  # against 2026.2: still the one deletion
    assert added and not set(added) & used, added


def test_an_id_removed_in_a_release_never_comes_back(package: Path, tmp_path: Path) -> None:
    """A workbook from before the removal still carries yanglao-fuwu-013: the row comes in as a new item with a
    new id and a warning naming the cell's row, never under the removed id."""
    from tests.helpers import release_removal

    older = export(package, tmp_path / "旧表.xlsx")  # exported while yanglao-fuwu-013 was there
    release_removal(package)  # NEXT removes yanglao-fuwu-013
    result = gpcatalog.import_into(older, package, from_other=True)
    assert result.ok
    warnings = [i for i in result.imported.report.issues if i.code == "retired-id"]
    assert [i.message for i in warnings] == [
        "养老服务 第11行:这一行带着编号 yanglao-fuwu-013,它在本目录包中用过、后来删除了;编号不复用,"
        "这一行作为新事项导入,分配新编号"
    ]
    working = gpcatalog.load(str(package))
    assert "yanglao-fuwu-013" not in {i.id for i in working.items()}
    added = [
        c for c in gpcatalog.diff(gpcatalog.load(f"{package}@{NEXT}"), working).changes if c.type == "added"
    ]
    assert [(c.id, c.name) for c in added] == [("yanglao-fuwu-014", "养老机构评估信息")]
