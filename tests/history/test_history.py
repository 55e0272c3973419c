"""Versions, adjustment records, verify and release on the real national package (and writable copies of it)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

import gpcatalog
from gpcatalog.changes import ChangeType, Target
from gpcatalog.history import RELEASE_FIELDS, changelog, open_history, release, verify, versions
from tests.helpers import NATIONAL


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes: to show a failed release changed nothing."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _records(package: Path) -> list[dict[str, object]]:
    data = yaml.safe_load((package / "adjustments.yaml").read_text(encoding="utf-8"))
    records: list[dict[str, object]] = data["records"]
    return records


def _write_records(package: Path, records: list[dict[str, object]]) -> None:
    text = yaml.safe_dump({"records": records}, allow_unicode=True, sort_keys=False)
    (package / "adjustments.yaml").write_text(text, encoding="utf-8")


def _rename(package: Path, item_id: str, name: str) -> None:
    for path in (package / "domains").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        marker = f"id: {item_id}\n"
        if marker in text:
            head, tail = text.split(marker, 1)
            indent = head.rsplit("\n", 1)[1].replace("-", " ")
            first, rest = tail.split("\n", 1)
            assert first.strip().startswith("name:")
            path.write_text(f"{head}{marker}{indent}name: {name}\n{rest}", encoding="utf-8")
            return
    raise AssertionError(item_id)


RECORD = {
    "id": "2026-101",
    "date": "2026-11-22",
    "proposer": "县政务公开办",
    "reason": "纠错",
    "summary": "事项名称按国家指引更正",
    "example": True,
    "changes": [{"type": "renamed", "item": "shehui-jiuzhu-002"}],
}


# --- the shipped history ----------------------------------------------------------------------------------------


def test_national_has_three_released_versions() -> None:
    entries = versions()
    assert [(e.version, e.parent, e.records, e.items) for e in entries] == [
        ("2019.1", None, [], 452),
        ("2026.1", "2019.1", ["2026-001", "2026-002"], 452),
        ("2026.2", "2026.1", ["2026-003", "2026-004"], 453),
    ]
    assert all(e.digest.startswith("sha256:") and len(e.files) == 27 for e in entries)
    assert gpcatalog.load("national@2019.1").version == "2019.1"
    assert gpcatalog.load("national@2026.1").version == "2026.1"
    assert gpcatalog.load("national@2026.2").version == "2026.2"


def test_shipped_records_are_sourced_law_revisions_and_additions() -> None:
    found = open_history()
    records = {r.id: r for r in found.adjustments.records}
    assert set(records) == {"2026-001", "2026-002", "2026-003", "2026-004"}
    assert [(r.id, r.reason.value, str(r.date)) for r in records.values()] == [
        ("2026-001", "法规修订", "2026-11-22"),
        ("2026-002", "法规修订", "2026-11-22"),
        ("2026-003", "补充", "2026-12-02"),
        ("2026-004", "补充", "2026-12-02"),
    ]
    hibi, culture = records["2026-003"], records["2026-004"]
    assert (hibi.trigger and hibi.trigger.url, hibi.trigger and hibi.trigger.doc_no, hibi.effective_date) == (
        "http://www.jinxiang.gov.cn/art/2024/6/5/art_63224_2743063.html",
        None,
        None,
    )
    assert (culture.trigger and culture.trigger.url) == (
        "http://www.xingguo.gov.cn/xgxxxgk/c129245d/202106/4c5bb6651a354d2baab36996a8878080.shtml"
    )
    noise, doctor = records["2026-001"], records["2026-002"]
    assert (noise.reason.value, noise.trigger and noise.trigger.doc_no, str(noise.effective_date)) == (
        "法规修订",
        "主席令第104号",
        "2022-06-05",
    )
    assert (doctor.trigger and doctor.trigger.doc_no, str(doctor.effective_date)) == (
        "主席令第94号",
        "2022-03-01",
    )
    assert all(r.trigger and r.trigger.url and not r.example and not r.draft for r in records.values())


def test_bundled_versions_verify() -> None:
    report = verify()
    assert report.ok, report.issues
    assert (report.items, report.files) == (3, 81)


def test_every_change_since_the_first_version_is_accounted_for() -> None:
    result = gpcatalog.diff("national@2019.1", "national")
    relevant = [c for c in result.changes if not (c.target is Target.CATALOGUE and c.field in RELEASE_FIELDS)]
    assert relevant and all(c.records for c in relevant)


def test_checked_in_changelog_matches_the_records() -> None:
    assert (NATIONAL / "CHANGELOG.md").read_text(encoding="utf-8") == changelog(), (
        "catalogues/national/CHANGELOG.md 与调整记录不一致:gpcatalog changelog > catalogues/national/CHANGELOG.md"
    )
    assert (NATIONAL / "changelog.json").read_text(encoding="utf-8") == changelog(fmt="json")
    data = json.loads(changelog(fmt="json"))
    latest = data["versions"][0]
    assert (latest["version"], [r["id"] for r in latest["records"]]) == ("2026.2", ["2026-003", "2026-004"])
    assert [c["id"] for c in latest["records"][0]["applied"]] == ["gonggong-ziyuan-jiaoyi-014"]
    assert [c["id"] for c in latest["records"][1]["applied"]] == [
        *["gonggong-wenhua-fuwu-005"] * 7,
        *["gonggong-wenhua-fuwu-007"] * 3,
    ]
    previous = data["versions"][1]
    assert (previous["version"], [r["id"] for r in previous["records"]]) == (
        "2026.1",
        ["2026-001", "2026-002"],
    )
    assert [c["id"] for c in previous["records"][0]["applied"]] == [
        "huanjing-baohu-003",
        "huanjing-baohu-006",
        "huanjing-baohu-007",
        "huanjing-baohu-008",
        "huanjing-baohu-009",
    ]


def test_unknown_version_names_the_versions_there_are() -> None:
    with pytest.raises(
        gpcatalog.CatalogueReadError, match=r"没有版本“2030\.1”。已发布的版本:2019\.1、2026\.1、2026\.2"
    ):
        gpcatalog.load("national@2030.1")


# --- verify catches tampering -------------------------------------------------------------------------------------


def test_verify_reports_an_edited_released_file(package: Path) -> None:
    path = package / "versions" / "2019.1" / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("综合业务", "综合业务(改)", 1), encoding="utf-8")
    (package / "versions" / "2026.1" / "domains" / "01-chengxiang-guihua.yaml").unlink()
    (package / "versions" / "2026.1" / "domains" / "99-extra.yaml").write_text("code: x\n", encoding="utf-8")
    (package / "versions" / "2030.1").mkdir()
    report = verify(package)
    assert not report.ok
    assert [(i.code, i.file) for i in report.issues] == [
        ("version-modified", "versions/2019.1/domains/18-shehui-jiuzhu.yaml"),
        ("version-file-missing", "versions/2026.1/domains/01-chengxiang-guihua.yaml"),
        ("version-file-added", "versions/2026.1/domains/99-extra.yaml"),
        ("version-unlisted", str(package / "history.yaml")),
    ]
    assert "版本 2019.1 的文件 domains/18-shehui-jiuzhu.yaml 已被改动" in report.issues[0].message


def test_verify_ignores_line_endings(package: Path) -> None:
    path = package / "versions" / "2019.1" / "catalogue.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert verify(package).ok


def test_verify_reports_an_edited_history(package: Path) -> None:
    path = package / "history.yaml"
    text = path.read_text(encoding="utf-8")
    first_hash = text.split("catalogue.yaml: sha256:")[1][:64]
    path.write_text(text.replace(first_hash, "0" * 64, 1), encoding="utf-8")
    codes = [i.code for i in verify(package).issues]
    assert codes == ["version-digest", "version-modified"]


# --- release ---------------------------------------------------------------------------------------------------


def test_release_refuses_changes_without_a_record_and_changes_nothing(package: Path) -> None:
    _rename(package, "shehui-jiuzhu-002", "政策法规文件(更正)")
    before = _tree(package)
    with pytest.raises(
        gpcatalog.ReleaseRefusedError, match=r"有 1 处变化没有调整记录说明.*更名 shehui-jiuzhu-002"
    ):
        release(package, "2026.3")
    assert _tree(package) == before


def test_release_draft_writes_a_draft_record_that_must_be_filled_in(package: Path) -> None:
    _rename(package, "shehui-jiuzhu-002", "政策法规文件(更正)")
    with pytest.raises(gpcatalog.ReleaseRefusedError, match=r"已在 adjustments\.yaml 起草记录 2026-005"):
        release(package, "2026.3", draft=True)
    draft = _records(package)[-1]
    assert (draft["id"], draft["draft"], draft["changes"]) == (
        "2026-005",
        True,
        [{"type": "renamed", "item": "shehui-jiuzhu-002"}],
    )
    before = _tree(package)
    with pytest.raises(gpcatalog.HistoryError, match="调整记录 2026-005:还是草稿") as caught:
        release(package, "2026.3")
    assert caught.value.file == str(package / "adjustments.yaml")
    assert caught.value.line is not None
    assert _tree(package) == before


def test_release_with_a_record_writes_the_version(package: Path) -> None:
    _rename(package, "shehui-jiuzhu-002", "政策法规文件(更正)")
    _write_records(package, [*_records(package), RECORD])
    result = release(package, "2026.3", date=__import__("datetime").date(2026, 12, 2))
    assert (result.entry.version, result.entry.parent, result.entry.records) == (
        "2026.3",
        "2026.2",
        ["2026-101"],
    )
    assert [(c.type, c.id, c.records) for c in result.changes.changes if c.target is Target.ITEM] == [
        (ChangeType.RENAMED, "shehui-jiuzhu-002", ["2026-101"])
    ]
    assert [e.version for e in versions(package)] == ["2019.1", "2026.1", "2026.2", "2026.3"]
    assert verify(package).ok
    released = gpcatalog.load(f"{package}@2026.3")
    assert (released.version, str(released.release_date)) == ("2026.3", "2026-12-02")
    assert released.item("shehui-jiuzhu-002").name == "政策法规文件(更正)"
    assert gpcatalog.load(package).version == "2026.3"
    log = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 2026.3(2026-12-02)" in log
    assert "### 2026-101 纠错(示例)" in log
    assert "更名 shehui-jiuzhu-002:“政策法规文件” → “政策法规文件(更正)”" in log
    with pytest.raises(gpcatalog.ReleaseRefusedError, match=r"与上一版本 2026\.3 相同"):
        release(package, "2026.4")
    with pytest.raises(gpcatalog.ReleaseRefusedError, match="已经发布过"):
        release(package, "2026.3")


@pytest.mark.parametrize(
    ("rule", "code", "message"),
    [
        (
            {"type": "renamed", "item": "shehui-jiuzhu-999"},
            "record-unknown-id",
            "“shehui-jiuzhu-999”在两个版本中都不存在",
        ),
        (
            {
                "type": "split",
                "sources": ["shehui-jiuzhu-002"],
                "targets": ["shehui-jiuzhu-901", "shehui-jiuzhu-902"],
            },
            "record-unknown-id",
            "“shehui-jiuzhu-901”在两个版本中都不存在",
        ),
        (
            {"type": "moved", "item": "shehui-jiuzhu-003"},
            "record-contradicts",
            "记录说“移动 shehui-jiuzhu-003”,但两个版本之间没有这一变化",
        ),
    ],
)
def test_release_refuses_records_that_do_not_fit_the_data(
    package: Path, rule: dict[str, object], code: str, message: str
) -> None:
    _rename(package, "shehui-jiuzhu-002", "政策法规文件(更正)")
    _write_records(package, [*_records(package), {**RECORD, "changes": [RECORD["changes"][0], rule]}])  # type: ignore[index]
    before = _tree(package)
    with pytest.raises(gpcatalog.HistoryError) as caught:
        release(package, "2026.3")
    assert message in str(caught.value)
    assert caught.value.report is not None
    assert {i.code for i in caught.value.report.issues} == {code}  # type: ignore[attr-defined]
    assert caught.value.path is not None and caught.value.path.startswith("$.records[4].changes[1]")
    assert _tree(package) == before


def test_split_target_that_does_not_exist(package: Path) -> None:
    domain = package / "domains" / "18-shehui-jiuzhu.yaml"
    text = domain.read_text(encoding="utf-8")
    domain.write_text(text.replace("id: shehui-jiuzhu-002\n", "id: shehui-jiuzhu-901\n", 1), encoding="utf-8")
    rule = {
        "type": "split",
        "sources": ["shehui-jiuzhu-002"],
        "targets": ["shehui-jiuzhu-901", "shehui-jiuzhu-004"],
    }
    _write_records(package, [*_records(package), {**RECORD, "changes": [rule]}])
    with pytest.raises(
        gpcatalog.HistoryError, match="拆分的新事项在旧版本中已经存在:shehui-jiuzhu-004"
    ) as caught:
        release(package, "2026.3")
    assert [i.code for i in caught.value.report.issues] == ["record-split-target"]  # type: ignore[attr-defined]


def test_two_records_with_one_id(package: Path) -> None:
    _write_records(package, [*_records(package), {**RECORD, "id": "2026-001"}])
    with pytest.raises(gpcatalog.HistoryError, match="调整记录编号“2026-001”重复:第 1 条和第 5 条") as caught:
        versions(package)
    assert caught.value.file == str(package / "adjustments.yaml")
    assert caught.value.line is not None and caught.value.line > 1


def test_malformed_record_names_file_line_and_field(package: Path) -> None:
    bad = {**RECORD, "reason": "随便改改", "changes": [{"type": "split", "sources": ["a"], "targets": ["b"]}]}
    _write_records(package, [*_records(package), bad])
    with pytest.raises(gpcatalog.HistoryError) as caught:
        release(package, "2026.3")
    error = caught.value
    assert error.file == str(package / "adjustments.yaml")
    assert error.path == "$.records[4].reason"
    assert "“reason”的值“随便改改”不在允许的取值中" in error.message
    messages = [i.message for i in error.report.issues]  # type: ignore[attr-defined]
    assert "拆分(split)至少要有两个新事项(targets)" in messages


def test_a_failed_write_leaves_the_package_as_it_was(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _rename(package, "shehui-jiuzhu-002", "政策法规文件(更正)")
    _write_records(package, [*_records(package), RECORD])
    before = _tree(package)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # after history.yaml and catalogue.yaml have been replaced
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(gpcatalog.CatalogueReadError, match="写入失败,已恢复原状"):
        release(package, "2026.3")
    assert _tree(package) == before


def test_release_of_bundled_data_in_a_wheel_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from gpcatalog.history import releasing

    found = open_history()
    monkeypatch.setattr(
        releasing, "open_history", lambda _location: type(found)(location="national", folder=object())
    )  # type: ignore[arg-type]
    with pytest.raises(gpcatalog.ReleaseRefusedError, match="只读数据"):
        release(None, "2026.3")


def test_validate_checks_the_adjustment_records_too(package: Path) -> None:
    _write_records(package, [*_records(package), {**RECORD, "id": "2026-001"}])
    report = gpcatalog.validate(package)
    assert not report.ok
    [issue] = report.errors()
    assert (issue.code, issue.file, issue.path) == (
        "duplicate-record",
        str(package / "adjustments.yaml"),
        "$.records[4].id",
    )


def test_verify_reports_a_released_record_edited_afterwards(package: Path) -> None:
    path = package / "adjustments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("主席令第94号", "主席令第95号"), encoding="utf-8"
    )
    report = verify(package)
    assert [(i.code, i.file) for i in report.issues] == [("record-modified", str(path))]
    assert (
        report.issues[0].message
        == "版本 2026.1 纳入的调整记录 2026-002 在发布后被修改过(已发布的记录不可改动)"
    )
    assert report.issues[0].line == 23
