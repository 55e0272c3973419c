"""gpcatalog export / gpcatalog import as a clerk runs them."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.helpers import invoke


def test_export_then_import_gives_the_same_catalogue(tmp_path: Path) -> None:
    workbook = tmp_path / "国家目录.xlsx"
    code, out = invoke("export", "-o", str(workbook))
    assert (code, out.strip()) == (0, f"已写入 {workbook}:26 个领域,292 行事项")
    package = tmp_path / "导入"
    code, out = invoke("import", str(workbook), "-o", str(package))
    assert code == 0
    assert out.splitlines()[-1] == f"已写入 {package}:26 个领域,453 个事项(表格 292 行)"
    code, out = invoke("diff", "national", str(package))
    assert (code, out.splitlines()[-1]) == (0, "没有差异")


def test_export_formats_and_domains(tmp_path: Path) -> None:
    code, _out = invoke("export", "--domain", "社会救助", "-o", str(tmp_path / "a.csv"))
    assert code == 0
    lines = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith(
        "领域,序号,一级事项,二级事项,公开内容(要素),公开依据,公开时限,公开主体,公开渠道和载体,全社会"
    )
    assert lines[1].startswith("社会救助,1,综合业务,政策法规文件,")
    code, _out = invoke("export", "national@2019.1", "--format", "json", "-o", str(tmp_path / "b.json"))
    assert code == 0
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["version"] == "2019.1"
    code, _out = invoke("export", "--one-sheet", "-o", str(tmp_path / "c.xlsx"))
    assert (
        load_workbook(tmp_path / "c.xlsx").sheetnames[0] == "基层政务公开标准目录(26个领域,据已公开目录整理)"
    )
    code, out = invoke("export", "-o", str(tmp_path / "d.txt"))
    assert code == 2
    assert "不支持的格式“txt”:可用 xlsx、csv、json" in out


def test_import_errors_write_nothing(tmp_path: Path) -> None:
    source = tmp_path / "表.csv"
    source.write_text(
        "序号,一级事项,二级事项,公开内容,公开时限,事项编号\n1,甲,乙,内容,10个工作日内,Bad Id\n",
        encoding="utf-8",
    )
    target = tmp_path / "out"
    code, out = invoke("import", str(source), "-o", str(target))
    assert code == 1
    assert "表 第2行 事项编号列" in out
    assert out.splitlines()[-1] == f"有 1 个错误,没有写入 {target}"
    assert not target.exists()


def test_import_unreadable_and_existing_output(tmp_path: Path) -> None:
    code, out = invoke("import", str(tmp_path / "没有.xlsx"), "-o", str(tmp_path / "x"))
    assert code == 2
    assert "错误:文件" in out and "文件不存在" in out
    workbook = tmp_path / "n.xlsx"
    invoke("export", "--domain", "就业", "-o", str(workbook))
    existing = tmp_path / "已有"
    existing.mkdir()
    (existing / "说明.txt").write_text("别动", encoding="utf-8")
    code, out = invoke("import", str(workbook), "-o", str(existing))
    assert code == 2
    assert "目标已存在且不是空文件夹,不覆盖(之前 import 写的目录包可用 --force 替换)" in out
    assert [p.name for p in existing.iterdir()] == ["说明.txt"]
    code, out = invoke("import", str(workbook), "-o", str(existing), "--force")
    assert code == 2
    assert out.splitlines()[-1] == (
        f"错误:文件 {existing}:目标文件夹中有不是 gpcatalog import 写的内容(说明.txt),--force 也不替换:"
        "--force 只替换空文件夹或只有 catalogue.yaml 和 domains/ 的目录包;请导入到新文件夹"
    )
    assert [p.name for p in existing.iterdir()] == ["说明.txt"]
    imported = tmp_path / "导入过"
    assert invoke("import", str(workbook), "-o", str(imported))[0] == 0
    code, _out = invoke("import", str(workbook), "-o", str(imported), "--force")
    assert code == 0
    assert sorted(p.name for p in imported.iterdir()) == ["catalogue.yaml", "domains"]


def test_a_required_output_left_out_is_a_usage_error() -> None:
    for args in (["export"], ["columns", "generate"], ["columns", "import", "栏目.xlsx"]):
        code, out = invoke(*args)
        assert (code, "错误:缺少选项 '-o' / '--output'" in out) == (2, True), args
