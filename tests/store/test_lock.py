"""One writer at a time: a package being written is refused to a second writer, naming who holds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gpcatalog
from gpcatalog.store.lock import package_lock
from tests.helpers import add_recorded_change, invoke


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(package: Path) -> None:
    add_recorded_change(package)
    with package_lock(package, "测试持有"):
        code, out = invoke("release", "2026.3", "-c", str(package))
        assert code == 2
        assert f"目录包正被进程 {os.getpid()}" in out and "测试持有" in out and "请等它结束后再试" in out
        assert not (package / "versions" / "2026.3").exists()
    code, out = invoke("release", "2026.3", "-c", str(package))
    assert code == 0, out
    assert [v.version for v in gpcatalog.versions(package)] == ["2019.1", "2026.1", "2026.2", "2026.3"]


def test_two_releases_at_once_leave_one_version_and_a_history_that_verifies(package: Path) -> None:
    """2026.3 and 2026.4 started together: one waits for the lock or finds the working copy released already;
    either way history.yaml holds every version that was reported released, and verify passes."""
    add_recorded_change(package)
    command = [sys.executable, "-m", "gpcatalog", "release"]
    runs = {
        version: subprocess.Popen(
            [*command, version, "-c", str(package)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for version in ("2026.3", "2026.4")
    }
    results = {}
    for version, run in runs.items():
        out, err = run.communicate(timeout=120)
        results[version] = (run.returncode, out.decode("utf-8") + err.decode("utf-8"))
    assert all("Traceback" not in text for _code, text in results.values())
    released = [v for v, (code, _text) in results.items() if code == 0]
    assert len(released) == 1, results
    [(code, text)] = [result for v, result in results.items() if v not in released]
    # refused while the other held the lock (2), or after it (1): nothing left to release, or 2026.3 after 2026.4
    # (release checks the order of versions first)
    after = "没有可发布的变化" if released == ["2026.3"] else "版本号“2026.3”不大于上一版本 2026.4"
    assert (code, "目录包正被进程" in text) == (2, True) or (code, after in text) == (1, True), text
    assert [v.version for v in gpcatalog.versions(package)] == ["2019.1", "2026.1", "2026.2", *released]
    report = gpcatalog.verify(package)
    assert report.ok and report.issues == [], report.issues
