"""gpcatalog import FILE --into PKG as a clerk runs it: the report, what was written, the diff against the last
release, the next step; refusals and usage errors in Chinese, exit 2, nothing written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import LATEST, NATIONAL, NEXT, ROOT, changed, export, invoke, run, set_cell, tree

SHEHUI = "domains/18-shehui-jiuzhu.yaml"
NEW_DEADLINE = "制定或获取信息之日起20个工作日内"
DEADLINE_LINE = "修改 shehui-jiuzhu-002“政策法规文件” 公开时限:制定或获取信息之日起 10 个工作日内 → 制定或获取信息之日起 20 个工作日内"


def test_import_into_prints_the_report_the_diff_and_the_next_step(package: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "新表.xlsx"
    assert invoke("export", "-c", str(package), "-o", str(workbook))[0] == 0
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    before = tree(package)
    code, out = invoke("import", str(workbook), "--into", str(package))
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == f"导入 {workbook}:27 个工作表,453 个事项"
    end = lines.index(f"已写入 {package}:{SHEHUI};其余 25 个领域文件内容相同,未改动")
    assert lines[end:] == [
        f"已写入 {package}:{SHEHUI};其余 25 个领域文件内容相同,未改动",
        "版本历史、调整记录、已发布版本、更新日志和栏目方案未改动",
        f"比较 {package}@{LATEST} → 工作副本",
        "[社会救助]",
        f"  {DEADLINE_LINE}",
        "共 1 处变化:修改 1",
        f"下一步:gpcatalog release {NEXT} -c {package} --draft 起草调整记录",
    ]
    assert changed(before, tree(package)) == [SHEHUI]
    code, out = invoke("diff", f"{package}@{LATEST}", str(package))
    assert (code, f"  {DEADLINE_LINE}" in out.splitlines()) == (1, True)


def test_a_workbook_of_an_older_version_is_refused_unless_the_user_says_so(
    package: Path, tmp_path: Path
) -> None:
    workbook = export("national@2019.1", tmp_path / "2019.xlsx")
    before = tree(package)
    code, out = invoke("import", str(workbook), "--into", str(package))
    assert code == 2
    assert out.strip() == (
        f"错误:文件 {workbook}:表格导出自 national@2019.1,不是最新版本 {LATEST}:导入会撤销 2019.1 之后的调整;"
        "确认要导入时加 --from-other,没有写入任何文件"
    )
    assert tree(package) == before
    code, out = invoke("import", str(workbook), "--into", str(package), "--from-other")
    assert code == 0, out
    assert "共 17 处变化:删除 1、修改 16" in out.splitlines()


def test_import_needs_exactly_one_of_output_and_into(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "目录.xlsx", domains=["就业"])
    before = tree(package)
    cases = {
        (): "错误:请用 -o 写成新的目录包,或用 --into 导入到已有目录包的工作副本(二者选一)",
        ("-o", str(tmp_path / "新"), "--into", str(package)): (
            "错误:请用 -o 写成新的目录包,或用 --into 导入到已有目录包的工作副本(二者选一)"
        ),
        ("--into", str(package), "--force"): "错误:--into 不能与 --force 同用(它们用于 -o)",
        ("--into", str(package), "--match", "national", "--id", "x"): (
            "错误:--into 不能与 --match、--id 同用(它们用于 -o)"
        ),
        ("-o", str(tmp_path / "新"), "--from-other"): "错误:--from-other 用于 --into",
    }
    for args, message in cases.items():
        code, out = run("import", str(workbook), *args)
        assert (code, out.splitlines()[-1]) == (2, message), args
    assert tree(package) == before and not (tmp_path / "新").exists()


def test_output_force_over_a_package_with_history_is_still_refused(package: Path, tmp_path: Path) -> None:
    workbook = export(package, tmp_path / "目录.xlsx", domains=["就业"])
    before = tree(package)
    code, out = run("import", str(workbook), "-o", str(package), "--force")
    assert code == 2 and "--force 也不替换" in out and "请导入到新文件夹" in out
    assert tree(package) == before


def test_the_output_shown_in_docs_tables_is_the_real_output(tmp_path: Path) -> None:
    """docs/tables.md shows `import --into` run on a copy of the package at catalogues/national: it prints that."""
    text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    shown = text.split("实际输出:\n\n```text\n", 1)[1].split("```", 1)[0].splitlines()
    shutil.copytree(NATIONAL, tmp_path / "catalogues" / "national")
    workbook = export(tmp_path / "catalogues" / "national", tmp_path / "新表.xlsx")
    set_cell(workbook, "社会救助", "shehui-jiuzhu-002", "公开时限", NEW_DEADLINE)
    command = ["import", "新表.xlsx", "--into", "catalogues/national", "--level", "error"]
    assert f"gpcatalog {' '.join(command)}" in text
    result = subprocess.run(
        [sys.executable, "-m", "gpcatalog", *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.splitlines()) == (0, shown), result.stderr
