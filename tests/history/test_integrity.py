"""verify checks the files a release derives from the versions: catalogue.yaml's version and date, CHANGELOG.md,
changelog.json; what the working copy may change after a release is left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gpcatalog.history import verify


def _issues(package: Path) -> list[tuple[str, str, str]]:
    return [(i.code, Path(i.file or "").name, i.message) for i in verify(package).issues]


def test_a_catalogue_yaml_left_at_the_previous_version_is_reported(package: Path) -> None:
    path = package / "catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'version: "2026.2"\n' in text
    path.write_text(text.replace('version: "2026.2"\n', 'version: "2026.1"\n'), encoding="utf-8")
    assert _issues(package) == [
        (
            "derived-version",
            "catalogue.yaml",
            "catalogue.yaml 的版本号是 2026.1,但最新发布的版本是 2026.2:工作副本的版本号和发布日期没有随发布更新(发布中断过?)",
        )
    ]


def test_a_release_date_changed_by_hand_is_reported(package: Path) -> None:
    path = package / "catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    assert "release_date: 2026-12-02\n" in text
    path.write_text(
        text.replace("release_date: 2026-12-02\n", "release_date: 2026-11-30\n"), encoding="utf-8"
    )
    assert _issues(package) == [
        (
            "derived-version",
            "catalogue.yaml",
            "catalogue.yaml 的发布日期是 2026-11-30,版本 2026.2 的发布日期是 2026-12-02(由 gpcatalog release 写入,不要手改)",
        )
    ]


@pytest.mark.parametrize("name", ["CHANGELOG.md", "changelog.json"])
def test_a_changelog_that_the_records_do_not_give_is_reported(package: Path, name: str) -> None:
    path = package / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2026-002", "2026-009", 1), encoding="utf-8")
    regenerate = "gpcatalog changelog" + (" --format json" if name == "changelog.json" else "")
    assert _issues(package) == [
        (
            "derived-changelog",
            name,
            f"{name} 与调整记录和各版本不一致(发布中断过,或被手改):可用 {regenerate} 重新生成",
        )
    ]
    path.unlink()
    assert _issues(package) == [("derived-changelog", name, f"缺少 {name}(每次发布时生成)")]


def test_line_endings_and_json_layout_are_not_differences(package: Path) -> None:
    markdown = package / "CHANGELOG.md"
    markdown.write_bytes(markdown.read_bytes().replace(b"\n", b"\r\n"))
    log = package / "changelog.json"
    log.write_text(json.dumps(json.loads(log.read_text(encoding="utf-8"))), encoding="utf-8")
    assert _issues(package) == []


def test_what_the_working_copy_may_change_after_a_release_is_not_reported(package: Path) -> None:
    """Edits after a release (a new title, the next version number, changed items) are the working copy's
    business: the changelog is of the released versions."""
    path = package / "catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'version: "2026.2"\n' in text
    text = text.replace('version: "2026.2"\n', 'version: "2026.3"\n')
    path.write_text(text.replace("title: ", "title: 某县", 1), encoding="utf-8")
    domain = package / "domains" / "18-shehui-jiuzhu.yaml"
    domain.write_text(
        domain.read_text(encoding="utf-8").replace("subject: 县级政府民政部门", "subject: 县民政局", 1),
        encoding="utf-8",
    )
    assert _issues(package) == []
