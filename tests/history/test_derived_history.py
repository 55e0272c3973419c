"""Versions of a derived catalogue (base + overlay.yaml): released, verified and logged like any package.

The defect: ``gpcatalog release … -c catalogues/haifeng-yanglao --draft`` and ``gpcatalog changelog -c <derived>``
failed with "目录没有任何领域文件" although ``gpcatalog validate`` accepted the folder: history loaded through a
path that did not compile derived catalogues.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

import gpcatalog
from gpcatalog.changes import ChangeType
from tests.helpers import ROOT, invoke

HAIFENG = ROOT / "catalogues" / "haifeng-yanglao"


@pytest.fixture
def haifeng(tmp_path: Path) -> Path:
    target = tmp_path / "haifeng-yanglao"
    shutil.copytree(HAIFENG, target)
    return target


def test_release_draft_and_changelog_of_a_derived_catalogue(haifeng: Path) -> None:
    code, out = invoke("release", "2026.1", "-c", str(haifeng), "--draft", "--date", "2026-12-01")
    assert code == 0, out
    assert out.splitlines()[0] == "已发布 2026.1(2026-12-01):上一版本 无,事项 13 项,0 处变化,调整记录 无"
    assert sorted(p.name for p in (haifeng / "versions" / "2026.1").iterdir()) == [
        "catalogue.yaml",
        "overlay.yaml",
    ]
    code, out = invoke("changelog", "-c", str(haifeng))
    assert code == 0
    assert "## 2026.1(2026-12-01)\n\n首个版本,事项 13 项。" in out
    assert gpcatalog.verify(haifeng).ok
    released = gpcatalog.load(f"{haifeng}@2026.1")
    assert released.domain("yanglao-fuwu").items[0].children[0].subject == "海丰县民政局、乡镇人民政府"


def test_a_changed_overlay_needs_a_record_and_then_releases(haifeng: Path) -> None:
    gpcatalog.release(haifeng, "2026.1")
    overlay = haifeng / "overlay.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8").replace("海丰县民政局、乡镇人民政府", "海丰县民政局"),
        encoding="utf-8",
    )
    with pytest.raises(gpcatalog.ReleaseRefusedError, match=r"已在 adjustments\.yaml 起草记录 2026-001"):
        gpcatalog.release(haifeng, "2026.2", date=dt.date(2026, 12, 2), draft=True)
    records = yaml.safe_load((haifeng / "adjustments.yaml").read_text(encoding="utf-8"))["records"]
    assert records[0]["changes"] == [{"type": "modified", "item": "yanglao-fuwu-002", "field": "subject"}]
    for key in ("draft", "approver", "approval_doc", "trigger"):  # no approval, no triggering document
        records[0].pop(key)
    records[0]["proposer"] = "海丰县民政局"
    records[0]["reason"] = "其他"
    records[0]["summary"] = "公开主体只写县民政局(示例)"
    records[0]["example"] = True
    (haifeng / "adjustments.yaml").write_text(
        yaml.safe_dump({"records": records}, allow_unicode=True), "utf-8"
    )
    result = gpcatalog.release(haifeng, "2026.2")
    assert [
        (c.type, c.id, c.field, c.records) for c in result.changes.changes if c.target.value == "item"
    ] == [(ChangeType.MODIFIED, "yanglao-fuwu-002", "subject", ["2026-001"])]
    assert gpcatalog.verify(haifeng).ok
    log = gpcatalog.changelog(haifeng)
    assert "上一版本 2026.1;事项 13 项;变化:修改 1。" in log and "### 2026-001 其他(示例)" in log
