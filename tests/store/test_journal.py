"""Writes that survive kill -9: release, import -o and export -o killed at every filesystem step
(GPCATALOG_FAULT_AT=N), then the next command; the journal's recovery and the removal of stale temporary files."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.store.journal import PACKAGE_JOURNAL, recover_package
from tests.helpers import add_recorded_change, tree

RELEASE = ("release", "2026.3", "--date", "2026-12-02")


def _run(*args: str, fault: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m gpcatalog ARGS``; with ``fault``, the process kills itself at its fault-th filesystem step."""
    env = {k: v for k, v in os.environ.items() if k != "GPCATALOG_FAULT_AT"}
    if fault is not None:
        env["GPCATALOG_FAULT_AT"] = str(fault)
    result = subprocess.run(
        [sys.executable, "-m", "gpcatalog", *args], capture_output=True, text=True, env=env, check=False
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _beside(folder: Path) -> list[str]:
    """What lies beside ``folder`` apart from it and its lock files."""
    return sorted(p.name for p in folder.parent.iterdir() if p != folder and ".gpcatalog." not in p.name)


# --- release ------------------------------------------------------------------------------------------------------


def test_a_release_killed_at_any_step_is_undone_by_the_next_command(package: Path, tmp_path: Path) -> None:
    """Killed at each of its filesystem steps, a release leaves the package (after the next command: verify, or
    the same release again) exactly as it was, or, once the journal is gone, exactly as a complete release."""
    add_recorded_change(package)
    old = tree(package)
    done = tmp_path / "done" / "national"
    shutil.copytree(package, done)
    assert _run(*RELEASE, "-c", str(done)).returncode == 0
    new = tree(done)
    assert gpcatalog.verify(done).issues == []
    outcomes = []
    for step in itertools.count(1):
        work = tmp_path / f"run-{step}" / "national"
        shutil.copytree(package, work)
        killed = _run(*RELEASE, "-c", str(work), fault=step)
        if killed.returncode == 0:
            assert tree(work) == new
            break
        assert killed.returncode == -signal.SIGKILL, (step, killed.stderr)
        if step % 2:  # the next command is verify: it rolls back and passes
            report = gpcatalog.verify(work)
            assert report.ok, (step, report.issues)
            assert {i.code for i in report.issues} <= {"write-recovered"}
            assert tree(work) in (old, new), step
            outcomes.append("old" if tree(work) == old else "new")
        else:  # the next command is the same release: it rolls back, then releases (or finds it released)
            try:
                gpcatalog.release(work, "2026.3", date=dt.date(2026, 12, 2))
                outcomes.append("old")
            except gpcatalog.ReleaseRefusedError as refused:
                assert "已经发布过" in str(refused), step
                outcomes.append("new")
            assert tree(work) == new, step
            assert gpcatalog.verify(work).issues == [], step
        assert _beside(work) == [], step
        shutil.rmtree(work.parent)
    # versions/2026.3 (catalogue.yaml, 26 domains), 4 files staged, their 4 backups, the journal, 5 renames and
    # deleting the journal (the commit): rolled back; once it is gone, removing the 4 backups: released
    assert outcomes == ["old"] * 42 + ["new"] * 4


def test_a_recovery_killed_at_any_step_is_done_again(package: Path, tmp_path: Path) -> None:
    """Rolling back is idempotent: verify killed at any step of rolling back a release that was killed mid-switch
    leaves a state the next verify rolls back all the same. The journal's paths are relative: a copy of the
    package recovers as well as the package itself."""
    add_recorded_change(package)
    old = tree(package)
    assert _run(*RELEASE, "-c", str(package), fault=40).returncode == -signal.SIGKILL  # after 3 of 5 renames
    journal = json.loads((package / PACKAGE_JOURNAL).read_text(encoding="utf-8"))
    assert journal["command"] == "gpcatalog release 2026.3"
    assert [(s["kind"], s["target"], s["backup"] is not None) for s in journal["steps"]] == [
        ("folder", "versions/2026.3", False),
        ("file", "history.yaml", True),
        ("file", "catalogue.yaml", True),
        ("file", "CHANGELOG.md", True),
        ("file", "changelog.json", True),
    ]
    assert (package / "versions" / "2026.3").is_dir()
    kills = 0
    for step in itertools.count(1):
        work = tmp_path / f"run-{step}" / "national"
        shutil.copytree(package, work)
        result = _run("verify", "-c", str(work), fault=step)
        if result.returncode != -signal.SIGKILL:
            break
        kills += 1
        assert _run("verify", "-c", str(work)).returncode == 0, step
        assert tree(work) == old, step
    # catalogue.yaml, history.yaml and versions/2026.3 undone, the journal deleted, then 5 staged copies and
    # backups removed (versions/.2026.3.tmp-PID, and .tmp-PID and .bak-PID of CHANGELOG.md and changelog.json)
    assert (result.returncode, kills) == (0, 9)
    assert "[write-recovered] 回滚了一次中断的写入(进程 " in result.stdout
    assert (
        ",gpcatalog release 2026.3," in result.stdout and "目录包已恢复为那次写入之前的状态" in result.stdout
    )
    assert result.stdout.splitlines()[-1] == "一致:已发布版本的文件与发布时相同"
    assert tree(work) == old
    assert _run(*RELEASE, "-c", str(work)).returncode == 0
    assert gpcatalog.verify(work).issues == []


def test_a_failed_release_leaves_no_temporary_files(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_recorded_change(package)
    before = tree(package)
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == 4:  # versions/2026.3, history.yaml and catalogue.yaml are in place
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(gpcatalog.WriteError, match="写入失败,已恢复原状:磁盘空间已满"):
        gpcatalog.release(package, "2026.3")
    assert tree(package) == before  # no .NAME.tmp-PID, .NAME.bak-PID, journal left
    assert _beside(package) == []


# --- the journal and stale debris ---------------------------------------------------------------------------------


def test_stale_temporary_files_of_dead_writers_are_removed_by_the_next_writer(package: Path) -> None:
    add_recorded_change(package)
    dead, alive = _dead_pid(), os.getppid()
    debris = [
        package / f".history.yaml.tmp-{dead}",
        package / f".CHANGELOG.md.bak-{dead}",
        package / "domains" / f".18-shehui-jiuzhu.yaml.tmp-{dead}-k2x_9q",
        package.parent / f".national.old-{dead}",
    ]
    for path in debris:
        path.write_text("残留", encoding="utf-8")
    (package / "versions" / f".2026.3.tmp-{dead}" / "domains").mkdir(parents=True)
    kept = [
        package / f".history.yaml.tmp-{alive}",  # a live process's
        package.parent / f".other.tmp-{dead}",  # another package's
        package / "x.tmp-1",  # not a temporary name
        package / f".gone.yaml.bak-{dead}",  # the backup of a file that is not there: perhaps the only copy
    ]
    for path in kept:
        path.write_text("别人的", encoding="utf-8")
    code = _run(*RELEASE, "-c", str(package)).returncode
    assert code == 0
    assert [p for p in [*debris, package / "versions" / f".2026.3.tmp-{dead}"] if p.exists()] == []
    assert all(p.read_text(encoding="utf-8") == "别人的" for p in kept)


def test_verify_removes_stale_temporary_files_and_says_so(package: Path) -> None:
    before = tree(package)
    (package / f".catalogue.yaml.tmp-{_dead_pid()}").write_text("残留", encoding="utf-8")
    report = gpcatalog.verify(package)
    assert [(i.code, i.severity.value, i.message) for i in report.issues] == [
        ("write-recovered", "warning", "删除了中断的写入留下的 1 个临时文件")
    ]
    assert report.ok and tree(package) == before


def test_a_journal_cut_off_while_written_is_dropped(package: Path) -> None:
    before = tree(package)
    (package / PACKAGE_JOURNAL).write_text('{"format": "gpcatalog-journal/1", "st', encoding="utf-8")
    assert recover_package(package) == [
        "删除了一份未写完的写入日志 .gpcatalog-journal.json(写入在改动任何文件之前就中断了)"
    ]
    assert tree(package) == before


@pytest.mark.parametrize(
    ("step", "why"),
    [
        (
            {"kind": "folder", "target": "domains", "staged": ".domains.tmp-1", "backup": None, "sha256": {}},
            "domains 已不是那次写入的内容",
        ),
        (
            {"kind": "file", "target": "../x", "staged": "../.x.tmp-1", "backup": None, "sha256": {}},
            "路径“../x”超出目录包",
        ),
        (
            {"kind": "file", "target": "catalogue.yaml", "staged": "domains", "backup": None, "sha256": {}},
            "“domains”不是“catalogue.yaml”的临时名称",
        ),
    ],
)
def test_a_journal_that_gpcatalog_did_not_write_touches_nothing(
    package: Path, step: dict[str, object], why: str
) -> None:
    journal = {"format": "gpcatalog-journal/1", "pid": 1, "steps": [step]}
    (package / PACKAGE_JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    before = tree(package)
    result = _run("verify", "-c", str(package))
    assert result.returncode == 2
    assert why in result.stderr
    assert tree(package) == before


# --- import -o and export -o --------------------------------------------------------------------------------------


def test_an_import_killed_at_any_step_leaves_the_folder_absent_or_complete(tmp_path: Path) -> None:
    workbook = tmp_path / "就业.xlsx"
    assert _run("export", "--domain", "就业", "--domain", "社会救助", "-o", str(workbook)).returncode == 0
    complete = tmp_path / "complete" / "县目录"
    assert _run("import", str(workbook), "-o", str(complete)).returncode == 0
    expected = tree(complete)
    killed = 0
    for step in itertools.count(1):
        target = tmp_path / f"run-{step}" / "县目录"
        target.parent.mkdir()
        result = _run("import", str(workbook), "-o", str(target), fault=step)
        if result.returncode == 0:
            break
        assert result.returncode == -signal.SIGKILL
        killed += 1
        assert not target.exists() or tree(target) == expected, step
        assert _run("import", str(workbook), "-o", str(target)).returncode == 0, step  # the next command
        assert tree(target) == expected and _beside(target) == [], step
    assert killed == 6  # catalogue.yaml, 2 domain files, the journal, the rename, deleting the journal


def test_an_import_force_killed_at_any_step_is_undone_by_the_next_command(tmp_path: Path) -> None:
    """``import --force`` over a plain package swaps the folder whole; killed between moving the old one away and
    the new one in, the folder is missing until the next command (here verify) puts the old one back."""
    small, large = tmp_path / "就业.xlsx", tmp_path / "两个领域.xlsx"
    assert _run("export", "--domain", "就业", "-o", str(small)).returncode == 0
    assert _run("export", "--domain", "就业", "--domain", "社会救助", "-o", str(large)).returncode == 0
    first = tmp_path / "first" / "县目录"
    assert _run("import", str(small), "-o", str(first)).returncode == 0
    old = tree(first)
    done = tmp_path / "done" / "县目录"
    shutil.copytree(first, done)
    assert _run("import", str(large), "-o", str(done), "--force").returncode == 0
    new = tree(done)
    outcomes = []
    for step in itertools.count(1):
        target = tmp_path / f"run-{step}" / "县目录"
        shutil.copytree(first, target)
        result = _run("import", str(large), "-o", str(target), "--force", fault=step)
        if result.returncode == 0:
            assert tree(target) == new
            break
        assert result.returncode == -signal.SIGKILL
        report = gpcatalog.verify(target)  # the next command
        assert report.ok, (step, report.issues)
        assert tree(target) in (old, new), step
        outcomes.append("old" if tree(target) == old else "new")
        assert _beside(target) == [], step
    # catalogue.yaml, 2 domain files, the journal, moving the old folder away, moving the new one in, deleting
    # the journal: rolled back; once it is gone, removing the old folder: the new package
    assert outcomes == ["old"] * 7 + ["new"]


@pytest.mark.parametrize("existing", [False, True])
def test_an_export_killed_at_any_step_leaves_the_file_untouched_or_complete(
    tmp_path: Path, existing: bool
) -> None:
    complete = tmp_path / "complete.csv"
    assert _run("export", "--domain", "就业", "-o", str(complete)).returncode == 0
    expected = complete.read_bytes()
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "目录.csv"
    if existing:
        target.write_text("旧的内容\n", encoding="utf-8")
    old = tree(folder)
    killed = 0
    for step in itertools.count(1):
        result = _run("export", "--domain", "就业", "-o", str(target), fault=step)
        if result.returncode == 0:
            break
        assert result.returncode == -signal.SIGKILL
        killed += 1
        assert {k: v for k, v in tree(folder).items() if not k.startswith(".")} == old, step
    assert killed == 2  # writing the temporary file, renaming it
    assert target.read_bytes() == expected
    assert sorted(p.name for p in folder.iterdir()) == [
        "目录.csv"
    ]  # the killed runs' temporary files removed
