"""The CLI as a user runs it: output, exit codes, and Chinese errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import invoke


def test_validate_bundled() -> None:
    code, out = invoke("validate")
    assert code == 0
    assert out.splitlines()[0] == "校验 national:27 个文件,453 个事项"
    assert (
        out.splitlines()[-1]
        == "结果:有效。0 个错误,33 个警告,29 个提示。(另有 29 条未显示,用 --level info 查看)"
    )


def test_validate_json() -> None:
    code, out = invoke("validate", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["catalogue"], data["files"], data["items"], len(data["issues"])) == ("national", 27, 453, 62)


def test_validate_invalid_exits_1(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    seq: 1\n", "    seq: 第一\n"), encoding="utf-8"
    )
    code, out = invoke("validate", str(package))
    assert code == 1
    assert f"{path}:44:5: 错误 [wrong-type] “seq”的值类型不对:应为整数,实际是字符串('第一')" in out


def test_validate_missing_path_exits_2(tmp_path: Path) -> None:
    code, out = invoke("validate", str(tmp_path / "nope"))
    assert code == 2
    assert "找不到目录" in out


def test_load_errors_are_chinese_without_traceback(tmp_path: Path) -> None:
    code, out = invoke("tree", "-c", str(tmp_path))
    assert code == 2
    assert out.startswith("错误:文件 ") and "不是目录包" in out


def test_tree() -> None:
    code, out = invoke("tree", "社会救助", "--depth", "1")
    assert code == 0
    assert out.splitlines() == [
        "18 社会救助(shehui-jiuzhu) 一级事项 6 个,二级事项 12 个,完整程度:部分",
        "├── 综合业务 [shehui-jiuzhu-001]",
        "├── 最低生活保障 [shehui-jiuzhu-004]",
        "├── 最低生活保障 [shehui-jiuzhu-007]",
        "├── 特困人员救助供养 [shehui-jiuzhu-010]",
        "├── 特困人员救助供养 [shehui-jiuzhu-012]",
        "└── 临时救助 [shehui-jiuzhu-015]",
    ]


def test_tree_unknown_domain() -> None:
    code, out = invoke("tree", "低保")
    assert code == 2
    assert "没有领域“低保”" in out


def test_show() -> None:
    code, out = invoke("show", "shehui-jiuzhu-016")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "事项 shehui-jiuzhu-016:政策法规文件"
    assert "位置:社会救助 > 临时救助 > 政策法规文件" in lines
    assert "公开时限:制定或获取信息之日起10个工作日内" in lines
    assert any(
        line.startswith("公开渠道:■政府网站 □政府公报") and "■公开查阅点 ■政务服务中心" in line
        for line in lines
    )


def test_show_json_and_unknown() -> None:
    code, out = invoke("show", "jiuye-002", "--format", "json")
    assert code == 0
    assert json.loads(out)["path"] == ["jiuye-001", "jiuye-002"]
    code, out = invoke("show", "jiuye-999")
    assert (code, "没有编号为“jiuye-999”的事项" in out) == (2, True)


def test_summary() -> None:
    code, out = invoke("summary")
    assert code == 0
    assert "合计:26 个领域,一级事项 161 个,二级事项 292 个" in out


def test_usage_error_exits_2() -> None:
    code, out = invoke("validate", "--format", "xml")
    assert code == 2
    assert "xml" in out


def test_dash_is_the_screen_and_package_files_are_never_an_output(package: Path) -> None:
    code, out = invoke("diff", "national@2019.1", "national", "-o", "-")
    assert code == 1 and out.splitlines()[-1] == "共 19 处变化:新增 1、修改 18" and not Path("-").exists()
    code, out = invoke("export", "-o", "-")
    assert code == 2 and "这个命令写文件,不能写到屏幕(-)" in out
    for target in (
        "catalogue.yaml",
        "domains/18-shehui-jiuzhu.yaml",
        "history.yaml",
        "versions/2019.1/x.csv",
    ):
        before = (package / target).read_bytes() if (package / target).exists() else None
        code, out = invoke("diff", "national@2019.1", "national", "-o", str(package / target))
        assert (code, "是目录包的文件,不能用 -o 覆盖" in out) == (2, True), target
        assert ((package / target).read_bytes() if (package / target).exists() else None) == before
    code, out = invoke("diff", "national@2019.1", "national", "-o", str(package / "columns" / "差异.txt"))
    assert code == 1 and (package / "columns" / "差异.txt").is_file()  # beside the data is fine
