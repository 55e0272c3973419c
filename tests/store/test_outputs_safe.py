"""What a fresh user broke after issue 14's first pass: ``import --force`` over a folder that is not an imported
package, package changelogs as ``-o`` targets, workbooks on a full disk."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import NATIONAL, run, tree


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "社会救助.xlsx"
    assert run("export", "--domain", "社会救助", "-o", str(path))[0] == 0
    return path


def test_force_does_not_replace_a_folder_holding_packages_or_notes(workbook: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(NATIONAL, work / "mouxian", ignore=shutil.ignore_patterns("versions"))
    (work / "笔记.txt").write_text("笔记\n", encoding="utf-8")
    before = tree(work)
    code, output = run("import", str(workbook), "-o", str(work), "--force")
    assert code == 2
    assert output.splitlines(keepends=True)[-1] == (
        f"错误:文件 {work}:目标文件夹中有不是 gpcatalog import 写的内容(mouxian、笔记.txt),--force 也不替换:"
        "--force 只替换空文件夹或只有 catalogue.yaml 和 domains/ 的目录包;请导入到新文件夹\n"
    )
    assert tree(work) == before


def test_force_replaces_a_package_that_import_wrote(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("import", str(workbook), "-o", str(out))[0] == 0
    code, output = run("import", str(workbook), "-o", str(out), "--force")
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "catalogue.yaml",
        "domains",
    ]


def test_force_keeps_a_git_folder(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("import", str(workbook), "-o", str(out))[0] == 0
    (out / ".git").mkdir()
    assert run("import", str(workbook), "-o", str(out), "--force")[0] == 2
    assert (out / ".git").is_dir()


@pytest.mark.parametrize("name", ["CHANGELOG.md", "changelog.json"])
def test_the_changelogs_of_a_package_are_never_an_output(name: str, package: Path) -> None:
    before = tree(package)
    code, output = run("export", "-c", str(package), "--format", "json", "-o", str(package / name))
    assert code == 2
    assert str(package / name) in output and "目录包" in output
    assert tree(package) == before


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("mount") is None, reason="需要 root 挂载一个写满的 tmpfs"
)
@pytest.mark.parametrize(
    "args",
    [
        ("export", "-o", "{dir}/目录.xlsx"),
        ("diff", "national@2019.1", "national@2026.1", "--format", "xlsx", "-o", "{dir}/比较.xlsx"),
        ("columns", "export", str(NATIONAL / "columns" / "default.yaml"), "-o", "{dir}/栏目.xlsx"),
    ],
)
def test_a_workbook_on_a_full_disk_is_a_chinese_error_and_leaves_nothing(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    full = tmp_path / "full"
    full.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(full)], check=False
    ).returncode:
        pytest.skip("这台机器不能挂载 tmpfs")
    try:
        with contextlib.suppress(OSError), open(full / "fill", "wb", buffering=0) as handle:
            handle.write(b"\0" * 1_000_000)  # fill the disk
        argv = [a.replace("{dir}", str(full)) for a in args]
        done = subprocess.run(
            [sys.executable, "-m", "gpcatalog", *argv], capture_output=True, text=True, check=False
        )
        target = next(a for a in argv if a.startswith(str(full)))
        assert done.returncode == 2
        assert (
            done.stderr == f"错误:文件 {target}:无法写入 Excel 文件:磁盘空间已满\n"
        )  # no second error at exit
        assert sorted(p.name for p in full.iterdir()) == ["fill"]
    finally:
        subprocess.run(["umount", str(full)], check=False)
