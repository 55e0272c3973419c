"""gpcatalog diff / versions / verify / release / changelog as a clerk runs them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from gpcatalog.api import build_schemas
from tests.helpers import LATEST, NEXT, invoke


def test_diff_between_released_versions_exits_1_and_names_each_change() -> None:
    code, out = invoke("diff", "national@2019.1", "national@2026.1")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "比较 national@2019.1 → national@2026.1"
    assert (
        "  修改 huanjing-baohu-003“防治污染设施拆除或闲置审批” 公开依据:去掉 《环境噪声污染防治法》;"
        "增加 《中华人民共和国噪声污染防治法》(主席令第104号) 〔调整记录 2026-001〕"
    ) in lines
    assert "  修改 目录 版本:2019.1 → 2026.1" in lines
    assert lines[-1] == "共 7 处变化:修改 7"


def test_diff_without_differences_exits_0() -> None:
    code, out = invoke("diff", f"national@{LATEST}", "national")
    assert (code, out.splitlines()) == (0, [f"比较 national@{LATEST} → national", "没有差异"])


def test_diff_domain_filter() -> None:
    code, out = invoke("diff", "national@2019.1", "national@2026.1", "--domain", "医疗卫生")
    assert code == 1
    assert out.splitlines()[0] == "比较 national@2019.1 → national@2026.1(领域:医疗卫生)"
    assert out.splitlines()[-1] == "共 1 处变化:修改 1"


def test_diff_json_follows_its_schema() -> None:
    code, out = invoke("diff", "national@2019.1", "national@2026.1", "--format", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.Draft202012Validator(build_schemas()["diff.schema.json"]).validate(data)
    assert [c["id"] for c in data["changes"] if c["target"] == "item"] == [
        "huanjing-baohu-003",
        "huanjing-baohu-006",
        "huanjing-baohu-007",
        "huanjing-baohu-008",
        "huanjing-baohu-009",
        "yiliao-weisheng-013",
    ]
    assert data["changes"][-1]["detail"] == {
        "added": ["《中华人民共和国医师法》(主席令第94号)"],
        "removed": ["《中华人民共和国执业医师法》(主席令第5号)"],
        "old_text": None,
        "new_text": None,
    }


def test_diff_markdown_to_file(tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    code, _out = invoke(
        "diff", "national@2019.1", "national@2026.1", "--format", "markdown", "-o", str(target)
    )
    assert code == 1
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 目录差异:national@2019.1 → national@2026.1\n\n共 7 处变化:修改 7。\n")
    assert "| 修改 | 事项 | yiliao-weisheng-013 |" in text


def test_diff_excel_has_one_row_per_change_old_and_new_side_by_side(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "审核.xlsx"
    code, out = invoke("diff", "national@2019.1", "national@2026.1", "--format", "xlsx", "-o", str(target))
    assert code == 1
    assert "已写入" in out
    sheet = load_workbook(target)["变化"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:10] == ("序号", "类型", "对象", "领域", "编号", "原编号", "名称", "字段", "原值", "新值")
    assert len(rows) == 1 + 7
    doctor = next(r for r in rows if r[4] == "yiliao-weisheng-013")
    old, new = doctor[8], doctor[9]
    assert "【法律】《中华人民共和国执业医师法》（中华人民共和国主席令第5号，2009年8月27日修正）" in old
    assert "【法律】《中华人民共和国医师法》（中华人民共和国主席令第94号）" in new
    assert (doctor[1], doctor[7], doctor[14]) == ("修改", "公开依据", "2026-002")


def test_diff_excel_needs_output() -> None:
    code, out = invoke("diff", "national@2019.1", "national", "--format", "xlsx")
    assert code == 2
    assert "--format xlsx 需要用 --output 指定 .xlsx 文件" in out


def test_diff_errors_exit_2() -> None:
    code, out = invoke("diff", "national@2030.1", "national")
    assert code == 2
    assert "错误:目录“national”没有版本“2030.1”。已发布的版本:2019.1、2026.1、2026.2" in out
    code, out = invoke("diff", "national", "no/such/folder")
    assert code == 2
    assert "找不到目录“no/such/folder”" in out


def test_diff_invalid_catalogue_exits_2(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    seq: 1\n", "    seq: 第一\n"), encoding="utf-8"
    )
    code, out = invoke("diff", "national", str(package))
    assert code == 2
    assert "18-shehui-jiuzhu.yaml" in out


def test_versions_and_verify() -> None:
    code, out = invoke("versions")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split()[:4] == ["2019.1", "2026-11-22", "—", "452"]
    assert lines[2].split()[:5] == ["2026.1", "2026-11-22", "2019.1", "452", "2026-001、2026-002"]
    assert lines[3].split()[:5] == ["2026.2", "2026-12-02", "2026.1", "453", "2026-003、2026-004"]
    code, out = invoke("verify")
    assert (code, out.splitlines()) == (
        0,
        ["核对 national:3 个已发布版本,81 个文件", "一致:已发布版本的文件与发布时相同"],
    )


def test_verify_tampered_exits_1(package: Path) -> None:
    path = package / "versions" / "2019.1" / "catalogue.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# 改过\n", encoding="utf-8")
    code, out = invoke("verify", "-c", str(package))
    assert code == 1
    assert "[version-modified] 版本 2019.1 的文件 catalogue.yaml 已被改动" in out
    assert out.splitlines()[-1] == "不一致:1 处问题"


def test_release_round_trip(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: 政策法规文件\n", "name: 政策法规文件(更正)\n", 1),
        encoding="utf-8",
    )
    code, out = invoke("release", NEXT, "-c", str(package))
    assert code == 1
    assert "有 1 处变化没有调整记录说明,拒绝发布:更名 shehui-jiuzhu-002" in out
    code, out = invoke("release", NEXT, "-c", str(package), "--draft")
    assert code == 1
    records = yaml.safe_load((package / "adjustments.yaml").read_text(encoding="utf-8"))["records"]
    draft = records[-1]
    assert draft["draft"] is True
    for key in ("draft", "approver", "approval_doc", "trigger"):
        draft.pop(key)
    draft.update(proposer="县政务公开办", reason="纠错", summary="名称更正", example=True)
    (package / "adjustments.yaml").write_text(
        yaml.safe_dump({"records": records}, allow_unicode=True), encoding="utf-8"
    )
    code, out = invoke("release", NEXT, "-c", str(package), "--date", "2026-12-03")
    assert code == 0, out
    assert out.splitlines()[0] == (
        f"已发布 {NEXT}(2026-12-03):上一版本 {LATEST},事项 453 项,1 处变化,调整记录 2026-005"
    )
    code, out = invoke("changelog", "-c", str(package))
    assert code == 0
    assert "### 2026-005 纠错(示例)" in out
    code, out = invoke("diff", f"{package}@{LATEST}", f"{package}@{NEXT}")
    assert code == 1
    assert "  更名 shehui-jiuzhu-002:“政策法规文件” → “政策法规文件(更正)” 〔调整记录 2026-005〕" in out


def test_changelog_unreleased_section(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: 政策法规文件\n", "name: 政策法规文件(更正)\n", 1),
        encoding="utf-8",
    )
    records = yaml.safe_load((package / "adjustments.yaml").read_text(encoding="utf-8"))["records"]
    records.append(
        {
            "id": "2026-101",
            "date": "2026-11-22",
            "proposer": "县政务公开办",
            "reason": "纠错",
            "summary": "名称更正",
            "changes": [{"type": "renamed", "item": "shehui-jiuzhu-002"}],
        }
    )
    (package / "adjustments.yaml").write_text(
        yaml.safe_dump({"records": records}, allow_unicode=True), encoding="utf-8"
    )
    code, out = invoke("changelog", "-c", str(package), "--unreleased")
    assert code == 0
    assert out.splitlines()[4] == "## 未发布"
    code, out = invoke("changelog", "-c", str(package), "--unreleased", "--format", "json")
    data = json.loads(out)
    assert (data["versions"][0]["version"], data["versions"][0]["release_date"]) == ("未发布", None)


def test_diff_colours_change_lines_only_on_a_terminal() -> None:
    from click.testing import CliRunner

    from gpcatalog.cli import cli

    coloured = CliRunner().invoke(cli, ["diff", "national@2019.1", "national@2026.1"], color=True)
    plain = CliRunner().invoke(cli, ["diff", "national@2019.1", "national@2026.1"])
    assert coloured.exit_code == plain.exit_code == 1
    modified = [line for line in coloured.output.splitlines() if "huanjing-baohu-003" in line]
    assert modified and modified[0].startswith("\x1b[33m  修改 huanjing-baohu-003")  # yellow: 修改
    assert "\x1b[" not in plain.output
