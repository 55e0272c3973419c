"""Where a site build writes: into a staging folder beside its targets, switched in at the end, and never over a
folder it did not make.

``site build --output DIR`` owns two folders, ``DIR/project`` and ``DIR/site``. Each folder the tool makes holds
the marker file :data:`MARKER`; an existing folder without it is replaced only when it is empty, otherwise the
build is refused before any work. The build writes into ``DIR/.gpcatalog-build-XXXX/`` (same file system, so the
switch is a rename): at the end each target is renamed into the staging folder's ``old/``, the new one renamed
in, and the staging folder removed. A build killed before the switch leaves the previous folders untouched; the
next build (it holds the output folder's lock, so any staging folder it finds belongs to a dead build) puts back a
target that a kill caught between its two renames, then removes the staging folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gpcatalog.errors import SiteError, WriteError

MARKER = ".gpcatalog-site"
"""The marker file written into every folder a site build makes; only such folders are ever replaced."""
MARKER_TEXT = (
    "由 gpcatalog site build 生成;再次构建时整个文件夹会被替换,请不要在这里存放其他文件。\n"
    "Made by gpcatalog site build; the next build replaces this whole folder.\n"
)
STAGING_PREFIX = ".gpcatalog-build-"
LOCK_NAME = ".gpcatalog-site.lock"
WAIT_SECONDS = 1.0


def mark(folder: Path) -> None:
    """Write the marker file into a folder the build made."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def check_replaceable(target: Path) -> None:
    """Refuse a target that exists and was not made by a site build (empty folders may go).

    Raises:
        SiteError: ``target`` is a file, a link, or a non-empty folder without the marker file.
    """
    if not os.path.lexists(target):
        return
    if target.is_symlink() or not target.is_dir():
        raise SiteError("已存在且不是文件夹,网站构建不会替换它;请换一个 --output", file=target)
    if (target / MARKER).is_file():
        return
    if any(target.iterdir()):
        raise SiteError(
            f"文件夹已存在、不是空的,且不是 gpcatalog site build 生成的(其中没有标记文件 {MARKER}):"
            "为免删除其中的内容,拒绝替换它。请换一个 --output,或确认后自己删除它",
            file=target,
        )


def remove_made(target: Path) -> None:
    """Remove a folder the build made (after :func:`check_replaceable`): an empty folder or one with the marker."""
    if os.path.lexists(target):
        check_replaceable(target)
        shutil.rmtree(target)


class Staging:
    """The staging folder of one build inside the output folder ``root``, for the targets ``names``."""

    def __init__(self, root: Path, names: tuple[str, ...]) -> None:
        self.root = root
        self.names = names
        self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
        mark(self.folder)
        (self.folder / "old").mkdir()
        self.switched = False

    def path(self, name: str) -> Path:
        """Where the new ``name`` is built."""
        return self.folder / name

    def switch(self) -> None:
        """Put every new folder in place of its target (rename old away, rename new in), then remove the old."""
        for name in self.names:
            check_replaceable(self.root / name)
        for name in self.names:
            target, new = self.root / name, self.folder / name
            mark(new)
            if os.path.lexists(target):
                os.rename(target, self.folder / "old" / name)
            os.rename(new, target)
        self.switched = True
        _remove_staging(self.folder)


@contextmanager
def staged_output(root: Path, names: tuple[str, ...]) -> Iterator[Staging]:
    """Hold the output folder's lock, clear staging folders of dead builds, check the targets, stage the build.

    The block builds into :meth:`Staging.path` and calls :meth:`Staging.switch` at its end; if it raises (or
    the process is interrupted), the staging folder is removed and the targets are left as they were.

    Raises:
        SiteError: a target was not made by a site build, or another build is writing into ``root``.
        WriteError: ``root`` cannot be written.
    """
    from filelock import FileLock, Timeout

    for name in names:  # before the lock file is made: a refused folder is left exactly as it was
        check_replaceable(root / name)
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(root / LOCK_NAME, timeout=WAIT_SECONDS)
        lock.acquire()
    except Timeout:
        raise SiteError(
            "另一个 gpcatalog site build 正在写入这个输出文件夹,请等它结束后再试", file=root
        ) from None
    except OSError as exc:
        raise WriteError(f"无法写入网站输出文件夹:{exc.strerror or exc}", file=exc.filename or root) from exc
    try:
        recover(root, names)
        for name in names:
            check_replaceable(root / name)
        staging = Staging(root, names)
        try:
            yield staging
        finally:
            if not staging.switched:  # failed or interrupted, perhaps inside the switch: put back, clear
                _put_back(staging.folder, root, names)
                _remove_staging(staging.folder)
    finally:
        lock.release()


def recover(root: Path, names: tuple[str, ...]) -> list[Path]:
    """Clear the staging folders that dead builds left in ``root`` (call it holding the lock); return them.

    A target that a kill caught between "rename old away" and "rename new in" is missing: its previous folder is
    put back from the staging folder's ``old/``. Folders with the staging prefix but neither the marker nor empty
    are left alone (they were not made here).
    """
    removed = []
    for folder in sorted(root.glob(f"{STAGING_PREFIX}*")):
        if folder.is_symlink() or not folder.is_dir():
            continue
        if not (folder / MARKER).is_file() and any(folder.iterdir()):
            continue
        _put_back(folder, root, names)
        _remove_staging(folder)
        removed.append(folder)
    return removed


def _put_back(folder: Path, root: Path, names: tuple[str, ...]) -> None:
    """Move a previous target that the staging folder holds in ``old/`` back where it is missing."""
    for name in names:
        previous = folder / "old" / name
        if not os.path.lexists(root / name) and previous.is_dir():
            os.rename(previous, root / name)


def _remove_staging(folder: Path) -> None:
    """Remove a staging folder, its marker last (so that a folder half removed is still known as ours)."""
    for entry in folder.iterdir():
        if entry.name == MARKER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()
