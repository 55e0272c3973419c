"""Unsafe text in a package: control characters and bidi overrides are refused, markup is warned about, script
links are refused; each issue names the file, line and field. Real catalogue text raises none of them."""

from __future__ import annotations

from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.schema.report import Severity
from gpcatalog.schema.safety import text_issues
from gpcatalog.store.yamlio import read_yaml
from tests.helpers import NATIONAL, REFERENCE

DOMAIN = "18-shehui-jiuzhu.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


@pytest.mark.parametrize(
    ("escaped", "shown"),
    [
        ("\\e[31m", "\\x1b(U+001B ESC)"),
        ("\\0", "\\x00(U+0000 NUL)"),
        ("\\u202E", "\\u202e(U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("\\u2066", "\\u2066(U+2066 LEFT-TO-RIGHT ISOLATE)"),
        ("\\x85", "\\x85(U+0085"),
        ("\\r", "\\x0d(U+000D CR)"),
    ],
)
def test_control_character_in_a_real_name_is_an_error_at_its_line(
    package: Path, escaped: str, shown: str
) -> None:
    path = package / "domains" / DOMAIN
    _edit(path, "    name: 政策法规文件\n", f'    name: "政策法规{escaped}文件"\n')
    report = gpcatalog.validate(package)
    [issue] = report.errors()
    assert (issue.code, issue.file, issue.path, issue.item_id) == (
        "control-character",
        str(path),
        "$.items[0].children[0].name",
        "shehui-jiuzhu-002",
    )
    assert issue.line == _line(path, 'name: "政策法规')
    assert f"“name”含有不允许的控制字符 {shown}" in issue.message
    assert all(ord(c) >= 0x20 for c in issue.message)  # the value is quoted with its characters spelled out


def test_tab_and_line_breaks_stay_allowed(package: Path) -> None:
    path = package / "domains" / DOMAIN
    _edit(path, "    - 各地配套政策法规文件\n", '    - "各地配套\\t政策法规文件\\n第二行"\n')
    assert gpcatalog.validate(package).ok


def test_control_character_in_a_key_and_in_the_catalogue_title(package: Path) -> None:
    _edit(package / "catalogue.yaml", "title: 基层政务公开标准目录", 'title: "\\e]0;x\\a基层政务公开标准目录')
    _edit(package / "catalogue.yaml", "(26个领域,据已公开目录整理)\n", '(26个领域,据已公开目录整理)"\n')
    report = gpcatalog.validate(package)
    [issue] = report.errors()
    assert (issue.code, issue.file, issue.path, issue.line) == (
        "control-character",
        str(package / "catalogue.yaml"),
        "$.title",
        2,
    )
    assert "\\x1b(U+001B ESC)、\\x07(U+0007 控制字符)" in issue.message


@pytest.mark.parametrize(
    ("file", "old", "new", "path", "shown"),
    [
        (
            "catalogue.yaml",
            "title: 基层政务公开标准目录(26个领域,据已公开目录整理)",
            "title: <script>alert(1)</script>",
            "$.title",
            "<script",
        ),
        ("domains/" + DOMAIN, "name: 社会救助\n", "name: 社会救助<svg onload=alert(2)>\n", "$.name", "<svg"),
        (
            "domains/" + DOMAIN,
            "    - 《社会救助暂行办法》\n",
            "    - 《社会救助暂行办法》<img/src=x onerror=alert(3)>\n",
            "$.items[0].children[0].contents[0]",
            "<img",
        ),
        (
            "domains/" + DOMAIN,
            "  note: 县级+乡、村级两列",
            "  note: 见 javascript:alert(4) 县级+乡、村级两列",
            "$.sources[0].note",
            "javascript:",
        ),
    ],
)
def test_markup_in_names_titles_and_sources_is_a_warning(
    package: Path, file: str, old: str, new: str, path: str, shown: str
) -> None:
    _edit(package / file, old, new)
    report = gpcatalog.validate(package)
    assert report.ok  # a warning: the site escapes every field, a person should still look
    [issue] = [i for i in report.issues if i.code == "markup"]
    assert (issue.severity, issue.file, issue.path) == (Severity.WARNING, str(package / file), path)
    needle = (
        "    contents:" if path.endswith("contents[0]") else new.strip()[:12]
    )  # a list entry: its key's line
    assert issue.line == _line(package / file, needle)
    assert f"网页标记“{shown}”" in issue.message


def test_script_link_as_a_source_is_an_error(package: Path) -> None:
    path = package / "domains" / DOMAIN
    old = "    source: https://www.tjbd.gov.cn/zwgk/jczwgk/ly/shjzly/202012/t20201216_5039688.html\n"
    _edit(path, old, "    source: javascript:alert(document.cookie)\n")
    [issue] = gpcatalog.validate(package).errors()
    assert (issue.code, issue.path, issue.item_id) == (
        "script-url",
        "$.items[0].children[0].source",
        "shehui-jiuzhu-002",
    )
    assert "javascript:alert(document.cookie)" in issue.message


def test_real_catalogue_text_holds_no_unsafe_text() -> None:
    """The bundled packages and the reference tables: 19,000 strings, among them 30 basis entries that use ASCII
    angle brackets as inner book-title marks (《国务院办公厅印发<关于全面推进政务公开工作的意见>实施细则的通知》)."""
    files = [*NATIONAL.parent.rglob("*.yaml"), *REFERENCE.parent.rglob("*.yaml")]
    assert len(files) > 60
    found = [(f.name, issue) for f in files for issue in text_issues(read_yaml(f, display=f.name))]
    assert found == []
    angled = [f for f in files if "印发<关于全面推进政务公开工作的意见>" in f.read_text(encoding="utf-8")]
    assert angled  # the case the markup rule must not catch is really there


@pytest.mark.parametrize("reserved", ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt0"])
def test_windows_device_names_are_refused_as_ids(package: Path, reserved: str) -> None:
    _edit(package / "domains" / DOMAIN, "id: shehui-jiuzhu-002\n", f"id: {reserved}\n")
    [issue] = gpcatalog.validate(package).errors()
    assert (issue.code, issue.path) == ("bad-value", "$.items[0].children[0].id")
    assert f"编号“{reserved}”是 Windows 保留的设备名" in issue.message


def test_ids_that_only_contain_a_device_name_stay_valid(package: Path) -> None:
    _edit(package / "domains" / DOMAIN, "id: shehui-jiuzhu-002\n", "id: con-1\n")
    _edit(package / "domains" / DOMAIN, "id: shehui-jiuzhu-003\n", "id: console\n")
    assert gpcatalog.validate(package).ok


def test_a_domain_code_or_catalogue_id_cannot_be_a_device_name(package: Path) -> None:
    _edit(package / "catalogue.yaml", "id: national\n", "id: aux\n")
    _edit(package / "domains" / DOMAIN, "code: shehui-jiuzhu\n", "code: nul\n")
    errors = gpcatalog.validate(package).errors()
    assert [(i.code, i.file, i.path) for i in errors] == [
        ("bad-value", str(package / "catalogue.yaml"), "$.id"),
        ("bad-value", str(package / "domains" / DOMAIN), "$.code"),
    ]
