"""One writer at a time: a package being written is refused to a second writer, naming who holds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

import gpcatalog
from gpcatalog.store.lock import package_lock
from tests.helpers import invoke


def _with_a_recorded_change(package: Path) -> None:
    path = package / "domains" / "18-shehui-jiuzhu.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "subject: 县级政府民政部门、乡镇政府(街道办事处)", "subject: 县民政局", 1
        ),
        encoding="utf-8",
    )
    adjustments = package / "adjustments.yaml"
    data = yaml.safe_load(adjustments.read_text(encoding="utf-8"))
    data["records"].append(
        {
            "id": "2026-901",
            "date": "2026-12-01",
            "proposer": "县民政局",
            "reason": "其他",
            "summary": "主体写作县民政局(示例)",
            "example": True,
            "changes": [{"type": "modified", "item": "shehui-jiuzhu-002", "field": "subject"}],
        }
    )
    adjustments.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(package: Path) -> None:
    _with_a_recorded_change(package)
    with package_lock(package, "测试持有"):
        code, out = invoke("release", "2026.2", "-c", str(package))
        assert code == 2
        assert f"目录包正被进程 {os.getpid()}" in out and "测试持有" in out and "请等它结束后再试" in out
        assert not (package / "versions" / "2026.2").exists()
    code, out = invoke("release", "2026.2", "-c", str(package))
    assert code == 0, out
    assert [v.version for v in gpcatalog.versions(package)] == ["2019.1", "2026.1", "2026.2"]


def test_two_releases_at_once_leave_one_version_and_a_history_that_verifies(package: Path) -> None:
    _with_a_recorded_change(package)
    command = [sys.executable, "-m", "gpcatalog", "release"]
    runs = [
        subprocess.Popen(
            [*command, version, "-c", str(package)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for version in ("2026.2", "2026.3")
    ]
    results = [(run.wait(timeout=120), (run.communicate()[1] or b"").decode("utf-8")) for run in runs]
    assert sorted(code for code, _err in results).count(0) == 1, results
    assert all("Traceback" not in err for _code, err in results)
    released = [v.version for v in gpcatalog.versions(package)]
    assert len(released) == 3 and released[-1] in ("2026.2", "2026.3")
    assert gpcatalog.verify(package).ok
