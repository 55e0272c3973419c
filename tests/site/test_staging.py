"""A site build never destroys what it did not make, and a killed build leaves the previous site whole.

The fault-injection tests run ``tests/site/killed_build.py`` in a separate process and kill it with SIGKILL (the
signal nothing can catch) during generation, while mkdocs runs, just before the switch and in the middle of it.
They use the small pilot catalogue: the point is the staging, not the size of the site.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gpcatalog.errors import SiteError, WriteError
from gpcatalog.site import build_site, generate_project
from gpcatalog.site.build import run_mkdocs
from gpcatalog.site.staging import LOCK_NAME, MARKER, STAGING_PREFIX, recover
from tests.helpers import ROOT

PILOT = str(ROOT / "catalogues" / "cunwu-pilot")
PAGES = (
    19  # the pilot catalogue's site: home, domain, five items, versions, laws, downloads, guide, reference
)


def fingerprint(site: Path) -> tuple[int, int, str]:
    """(pages, bytes, sha256 over every file's path and content) of a built site."""
    digest = hashlib.sha256()
    pages = size = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest.update(str(path.relative_to(site)).encode() + b"\0" + data + b"\0")
        pages += path.name == "index.html"
        size += len(data)
    return pages, size, digest.hexdigest()


def mkdocs_of(root: Path) -> list[int]:
    """Running (not zombie) processes whose command line names a mkdocs.yml under ``root``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if "mkdocs" in command and str(root) in command and state != "Z":
            found.append(int(entry.name))
    return found


def wait_until_gone(root: Path) -> list[int]:
    """The mkdocs processes of ``root`` still running once the kernel had up to 30 s to end them."""
    deadline = time.monotonic() + 30
    while (left := mkdocs_of(root)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, tuple[int, int, str]]:
    """An output folder holding a complete site of the pilot catalogue, and its fingerprint."""
    root = tmp_path / "网站"
    result = build_site(PILOT, root)
    assert result.pages == PAGES
    return root, fingerprint(root / "site")


def killed(moment: str, root: Path) -> subprocess.Popen[str]:
    # Without its end-of-life banner mkdocs writes nothing until it is done, so an orphan is not ended early by a
    # broken pipe: only the death signal can end it.
    return subprocess.Popen(
        [sys.executable, "-m", "tests.site.killed_build", moment, PILOT, str(root)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kill -9 and /proc: Linux")
@pytest.mark.parametrize("moment", ["generation", "mkdocs", "switch", "mid-switch"])
def test_a_build_killed_at_any_moment_leaves_the_previous_site_whole(
    moment: str, previous: tuple[Path, tuple[int, int, str]]
) -> None:
    root, before = previous
    assert before[0] == PAGES
    child = killed(moment, root)
    if moment == "mkdocs":
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("CHILD "), child.communicate()
        mkdocs = int(line.split()[1])
        assert mkdocs in mkdocs_of(root)  # the real mkdocs of this build, running
        child.send_signal(signal.SIGKILL)
    _out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err
    assert wait_until_gone(root) == []  # the kernel ended the orphan (PR_SET_PDEATHSIG)
    staged = [p.name for p in root.iterdir() if p.name.startswith(STAGING_PREFIX)]
    assert len(staged) == 1
    finished = (root / staged[0] / "site" / "search" / "search_index.json").is_file()
    assert finished is (moment in ("switch", "mid-switch"))  # mkdocs killed with its parent did not finish
    if (
        moment == "mid-switch"
    ):  # killed between the two renames: the previous site waits in the staging folder
        assert not (root / "site").exists()
        assert recover(root, ("project", "site")) == [root / staged[0]]
    assert fingerprint(root / "site") == before
    assert (root / "project" / "mkdocs.yml").is_file()
    again = build_site(PILOT, root)  # the next build clears the debris and succeeds
    assert again.pages == PAGES
    assert sorted(p.name for p in root.iterdir()) == sorted([LOCK_NAME, "project", "site"])
    assert fingerprint(root / "site")[0] == PAGES


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc: Linux")
def test_sigterm_stops_mkdocs_and_removes_the_staging_folder(
    previous: tuple[Path, tuple[int, int, str]],
) -> None:
    root, before = previous
    child = killed("mkdocs", root)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("CHILD "), child.communicate()
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate()
    assert (child.returncode, out) == (130, "INTERRUPTED SIGTERM\n"), err
    assert mkdocs_of(root) == []  # stopped by the build itself, before it exited
    assert sorted(p.name for p in root.iterdir()) == sorted([LOCK_NAME, "project", "site"])
    assert fingerprint(root / "site") == before


def test_folders_not_made_by_a_build_are_refused_before_any_work(tmp_path: Path) -> None:
    mine = tmp_path / "out" / "site"
    mine.mkdir(parents=True)
    (mine / "我的笔记.txt").write_text("不能删", encoding="utf-8")
    with pytest.raises(SiteError, match=f"不是 gpcatalog site build 生成的.*{MARKER}") as info:
        build_site(PILOT, tmp_path / "out")
    assert info.value.file == str(mine)
    assert (mine / "我的笔记.txt").read_text(encoding="utf-8") == "不能删"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]  # not even the lock file
    with pytest.raises(SiteError, match="不是 gpcatalog site build 生成的"):
        generate_project(PILOT, mine)
    with pytest.raises(SiteError, match="不是 gpcatalog site build 生成的"):
        run_mkdocs(tmp_path / "project", mine)  # mkdocs would have emptied it
    assert [p.name for p in mine.iterdir()] == ["我的笔记.txt"]
    (tmp_path / "file").mkdir()
    (tmp_path / "file" / "project").write_text("", encoding="utf-8")
    with pytest.raises(SiteError, match="已存在且不是文件夹") as info:
        build_site(PILOT, tmp_path / "file")
    assert info.value.file == str(tmp_path / "file" / "project")


def test_empty_and_marked_folders_are_replaced(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "site").mkdir(parents=True)
    first = build_site(PILOT, root)
    assert (first.site / MARKER).is_file() and (first.project / MARKER).is_file()
    (root / "site" / "旧文件.txt").write_text("", encoding="utf-8")
    build_site(PILOT, root)
    assert not (root / "site" / "旧文件.txt").exists()  # the folder was ours: replaced whole


def test_the_cli_refuses_in_chinese_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: 我的\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "gpcatalog", "site", "build", "-c", PILOT, "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"错误:文件 {tmp_path / 'project'}:文件夹已存在、不是空的")
    assert "Traceback" not in done.stderr
    assert (tmp_path / "project" / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: 我的\n"


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    from filelock import FileLock

    root = tmp_path / "out"
    root.mkdir()
    with FileLock(root / LOCK_NAME), pytest.raises(SiteError, match="另一个 gpcatalog site build 正在写入"):
        build_site(PILOT, root)
    assert os.listdir(root) == [LOCK_NAME]


def test_a_switch_that_fails_halfway_puts_the_previous_site_back(
    previous: tuple[Path, tuple[int, int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gpcatalog.site import staging

    root, before = previous
    rename = os.rename

    def failing(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(source).name == "site" and Path(source).parent.name.startswith(STAGING_PREFIX):
            raise OSError(28, "No space left on device", str(target))  # moving the new site in fails
        rename(source, target)

    monkeypatch.setattr(staging.os, "rename", failing)
    with pytest.raises(WriteError, match="无法写入网站:No space left on device"):
        build_site(PILOT, root)
    monkeypatch.undo()
    assert fingerprint(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == sorted([LOCK_NAME, "project", "site"])
