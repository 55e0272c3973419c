"""Validation of the real national catalogue, and of copies with one thing broken at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.schema.report import CODES, Severity
from tests.helpers import ROOT


def test_national_catalogue_is_valid_with_honest_warnings() -> None:
    report = gpcatalog.validate()
    assert report.ok
    assert (report.files, report.items) == (27, 453)
    assert report.codes() == {
        "partial-domain": 26,
        "missing-basis": 19,
        "unknown-name": 13,
        "truncated-deadline": 3,
        "duplicate-name": 1,
    }
    assert set(report.codes()) <= set(CODES)


def test_issue_carries_file_line_path_and_item() -> None:
    report = gpcatalog.validate()
    issue = next(i for i in report.issues if i.item_id == "shehui-jiuzhu-013")
    assert issue.code == "unknown-name"
    assert issue.severity == Severity.WARNING
    assert issue.file == "national/domains/18-shehui-jiuzhu.yaml"
    assert issue.path == "$.items[4].children[0].name"
    assert issue.line is not None
    text = Path("catalogues/national/domains/18-shehui-jiuzhu.yaml").read_text(encoding="utf-8").splitlines()
    assert "name: null" in text[issue.line - 1] or "id: shehui-jiuzhu-013" in text[issue.line - 2]


def _edit(package: Path, name: str, old: str, new: str, count: int = 1) -> Path:
    path = package / "domains" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _errors(package: Path) -> list[tuple[str, str | None, int | None, str]]:
    report = gpcatalog.validate(package)
    assert not report.ok
    return [(i.code, i.path, i.line, i.message) for i in report.errors()]


def test_unknown_key_is_an_error(package: Path) -> None:
    _edit(package, "18-shehui-jiuzhu.yaml", "    seq: 1\n", "    seq: 1\n    subjcet: 民政局\n")
    [(code, path, line, message)] = _errors(package)
    assert (code, path, line) == ("unknown-key", "$.items[0].children[0].subjcet", 45)
    assert "未知的键“subjcet”" in message and "subject" in message


def test_wrong_type(package: Path) -> None:
    _edit(package, "18-shehui-jiuzhu.yaml", "    seq: 1\n", "    seq: 第一\n")
    [(code, path, _line, message)] = _errors(package)
    assert (code, path) == ("wrong-type", "$.items[0].children[0].seq")
    assert "应为整数" in message


def test_duplicate_id_across_files(package: Path) -> None:
    _edit(package, "17-jiuye.yaml", "id: jiuye-002", "id: shehui-jiuzhu-002")
    [(code, _path, _line, message)] = _errors(package)
    assert code == "duplicate-id"
    assert "shehui-jiuzhu-002" in message


def test_bad_id(package: Path) -> None:
    _edit(package, "17-jiuye.yaml", "id: jiuye-002", "id: 就业/002")
    [(code, path, _line, _message)] = _errors(package)
    assert (code, path) == ("bad-value", "$.items[0].children[0].id")


def test_undeclared_channel(package: Path) -> None:
    _edit(package, "18-shehui-jiuzhu.yaml", "    - 政府网站\n", "    - 政府网占\n")
    [(code, path, _line, message)] = _errors(package)
    assert (code, path) == ("unknown-channel", "$.items[0].children[0].channels[0]")
    assert "政府网占" in message


def test_empty_name(package: Path) -> None:
    _edit(package, "18-shehui-jiuzhu.yaml", "name: 综合业务", "name: ''")
    assert [c for c, *_ in _errors(package)] == ["empty-name"]


def test_village_level_is_reserved(package: Path) -> None:
    _edit(
        package,
        "18-shehui-jiuzhu.yaml",
        "levels: {county: true, township: true}",
        "levels: {county: true, township: true, village: true}",
    )
    assert [c for c, *_ in _errors(package)] == ["reserved-level"]


def test_national_needs_26_domains(package: Path) -> None:
    (package / "domains" / "17-jiuye.yaml").unlink()
    assert [c for c, *_ in _errors(package)] == ["domain-count"]


def test_every_broken_file_is_reported_in_one_pass(package: Path) -> None:
    _edit(package, "01-chengxiang-guihua.yaml", "code: chengxiang-guihua\n", "code: [\n")
    (package / "domains" / "02-zhongda-jianshe-xiangmu.yaml").write_bytes(
        "name: 重大建设项目\n".encode("gb18030")
    )
    (package / "domains" / "03-gonggong-ziyuan-jiaoyi.yaml").write_text("", encoding="utf-8")
    (package / "domains" / "04-caizheng-yujuesuan.yaml").write_text("- 一个列表\n", encoding="utf-8")
    _edit(package, "18-shehui-jiuzhu.yaml", "    seq: 1\n", "    seq: 第一\n")
    report = gpcatalog.validate(package)
    errors = [(i.code, Path(i.file or "").name, i.line) for i in report.errors()]
    assert errors == [
        ("yaml-syntax", "01-chengxiang-guihua.yaml", 3),
        ("read-error", "02-zhongda-jianshe-xiangmu.yaml", 1),
        ("read-error", "03-gonggong-ziyuan-jiaoyi.yaml", None),
        ("not-a-mapping", "04-caizheng-yujuesuan.yaml", 1),
        ("wrong-type", "18-shehui-jiuzhu.yaml", 44),
    ]


def test_load_raises_with_the_report(package: Path) -> None:
    _edit(package, "18-shehui-jiuzhu.yaml", "    seq: 1\n", "    seq: 第一\n")
    with pytest.raises(gpcatalog.CatalogueInvalidError, match="应为整数") as info:
        gpcatalog.load(package)
    assert isinstance(info.value, ValueError)
    assert len(info.value.report.errors()) == 1  # type: ignore[attr-defined]


def test_duplicate_domain_code_and_number(package: Path) -> None:
    _edit(package, "17-jiuye.yaml", "code: jiuye\nnumber: 17\n", "code: shehui-jiuzhu\nnumber: 18\n")
    errors = gpcatalog.validate(package).errors()
    assert [(i.code, i.path, Path(i.file or "").name) for i in errors] == [
        ("duplicate-domain", "$.code", "18-shehui-jiuzhu.yaml"),
        ("duplicate-domain", "$.number", "18-shehui-jiuzhu.yaml"),
    ]
    assert errors[0].message.startswith("领域代码“shehui-jiuzhu”与 ") and errors[0].message.endswith(
        "17-jiuye.yaml 重复"
    )


def test_every_code_any_module_reports_is_documented() -> None:
    """Validation, imports, column checks and history all report issues by code; every code is in CODES."""
    import re

    from gpcatalog.schema.report import CODES

    used = set()
    for path in (ROOT / "gpcatalog").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:add|at)\(\s*(?:out, row, [^,]+, )?"([a-z]+(?:-[a-z]+)+)"', text))
    assert len(used) > 50 and used <= set(CODES), sorted(used - set(CODES))
