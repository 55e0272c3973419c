"""Writing without ever leaving a half-written file: the one atomic-write helper, and transactions over several files.

Every writer in gpcatalog goes through :func:`atomic_path` (or :func:`write_atomic`, built on it): the new content
goes to a temporary file in the target's own folder, is flushed to disk (fsync), then renamed over the target in one
step; on any failure the temporary file is removed and the target is untouched. :class:`Transaction` does the same
for several files and folders at once: all land, or none does, even when the process is killed in the middle
(a journal, which the next writer rolls back: :mod:`gpcatalog.store.journal` explains how).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gpcatalog.errors import GpCatalogError, WriteError
from gpcatalog.store.journal import (
    PACKAGE_JOURNAL,
    Step,
    discard,
    fault_point,
    remove,
    roll_back,
    sha256,
    stale_debris,
    sync_folder,
    temporary_name,
    write_journal,
    write_synced,
)
from gpcatalog.store.limits import reason

__all__ = ["Transaction", "atomic_path", "write_atomic", "write_synced"]


def _read_umask() -> int:
    umask = os.umask(0o022)  # the only way to read it; set back at once, while the module is imported
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _mode_for(path: Path) -> int:
    """The permissions a rewritten file should keep: the existing file's, else what the umask gives a new one."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _spaced(what: str) -> str:
    """``Excel 文件`` → `` Excel 文件`` (a space before a Latin word), ``文件`` stays ``文件``."""
    return f" {what}" if what[:1].isascii() else what


@contextmanager
def atomic_path(target: str | os.PathLike[str], *, what: str = "文件") -> Iterator[Path]:
    """Yield a temporary path beside ``target`` to write to; on success it replaces ``target`` atomically.

    For libraries that write a file themselves (xlsxwriter, openpyxl): ``with atomic_path(out) as tmp:
    book.save(tmp)``. The temporary file is fsynced before the rename and removed if anything fails.

    Raises:
        WriteError: the folder cannot be written (``what`` names the kind of file in the message), or the target
            exists but is not a regular file (a folder, a symlink, a device such as ``/dev/full``); the target
            is left as it was.
    """
    path = Path(target)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise WriteError("目标不是普通文件(目录、链接或设备),不覆盖;请写到新文件", file=path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for debris in stale_debris(path.parent, path.name):  # left by a writer of this file that was killed
            remove(debris, step=False)
        fd, name = tempfile.mkstemp(prefix=f"{temporary_name(path).name}-", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise WriteError(f"无法写入{_spaced(what)}:{reason(exc)}", file=path) from exc
    temporary = Path(name)
    try:
        os.chmod(temporary, _mode_for(path))  # mkstemp makes it 0600; the result should be as any new file
        yield temporary
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        fault_point()
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        _close_archives([exc, *([exc.__context__] if exc.__context__ else [])])
        raise WriteError(f"无法写入{_spaced(what)}:{reason(exc)}", file=path) from exc
    except Exception as exc:
        temporary.unlink(missing_ok=True)
        cause = _os_error_inside(exc)
        if cause is None:
            raise
        raise WriteError(f"无法写入{_spaced(what)}:{reason(cause)}", file=path) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _os_error_inside(exc: BaseException) -> OSError | None:
    """The disk error a writing library wrapped (xlsxwriter's FileCreateError holds the OSError as its argument);
    the zip archives it left open are closed here, so that no second error is printed when Python exits."""
    found: OSError | None = None
    chain: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        chain.append(current)
        for candidate in (*current.args, current.__cause__, current.__context__):
            if isinstance(candidate, OSError) and found is None:
                found = candidate
            if isinstance(candidate, BaseException) and candidate not in chain:
                pending.append(candidate)
    if found is not None:
        _close_archives(chain)
    return found


def _close_archives(chain: list[BaseException]) -> None:
    """Close the zip archives a failed workbook save left open in its frames (xlsxwriter, openpyxl), so that Python
    does not print a second disk error when it collects them at exit."""
    import zipfile
    from contextlib import suppress

    for current in chain:
        frame = current.__traceback__
        while frame is not None:
            for value in list(frame.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile):
                    with suppress(OSError, ValueError):
                        value.close()
            frame = frame.tb_next


def write_atomic(
    target: str | os.PathLike[str], content: str | bytes, *, encoding: str = "utf-8", what: str = "文件"
) -> None:
    """Write ``content`` (text with LF line ends, or bytes) to ``target`` atomically (see :func:`atomic_path`).

    Raises:
        WriteError: the file cannot be written; the target is left as it was.
    """
    data = content.encode(encoding) if isinstance(content, str) else content
    with atomic_path(target, what=what) as temporary:
        write_synced(temporary, data)


@dataclass
class Transaction:
    """Write several files and folders so that either all of them land or none does, even under kill -9.

    New content is staged beside each target; :meth:`commit` writes the journal, renames everything into place and
    deletes the journal (the commit point). A failure rolls back at once; a killed process leaves the journal,
    which the next writer of the package rolls back (:mod:`gpcatalog.store.journal`). The caller holds the
    package's lock.
    """

    root: Path
    journal: Path | None = None
    """The journal file; default ``.gpcatalog-journal.json`` in ``root``."""
    command: str = ""
    """What is writing, for the message of a later recovery."""
    files: dict[Path, bytes] = field(default_factory=dict)
    folders: dict[Path, tuple[dict[str, bytes], bool]] = field(default_factory=dict)

    def write(self, path: Path, content: str | bytes) -> None:
        """Plan to write ``content`` (text as UTF-8) to ``path`` (relative to the root, or absolute)."""
        self.files[self.root / path] = content.encode("utf-8") if isinstance(content, str) else content

    def create_folder(self, path: Path, contents: dict[str, bytes], *, replace: bool = False) -> None:
        """Plan to create folder ``path`` holding ``contents`` (relative name → bytes; a name ending in ``/`` is an
        empty folder). It must not exist, unless ``replace``: then the old folder is swapped out whole."""
        self.folders[self.root / path] = (contents, replace)

    def commit(self) -> None:
        """Carry out every planned write, or none of them.

        Raises:
            WriteError: a target folder exists already, or the disk refused a write; nothing has changed on disk
                (or, if even undoing failed, the journal stays and the next writer of the package undoes it).
        """
        journal = self.journal or self.root / PACKAGE_JOURNAL
        steps: list[Step] = []
        journal_written = False
        try:
            for target, (contents, replace) in self.folders.items():
                if target.is_symlink() or (target.exists() and not (replace and target.is_dir())):
                    raise WriteError("要写入的文件夹已经存在,不覆盖", file=target)
                step = Step("folder", target, temporary_name(target))
                step.backup = temporary_name(target, "old") if target.exists() else None
                steps.append(step)
                remove(step.staged)
                step.staged.mkdir(parents=True)
                for name, data in contents.items():
                    path = step.staged / name
                    if name.endswith("/"):
                        path.mkdir(parents=True, exist_ok=True)
                        continue
                    path.parent.mkdir(parents=True, exist_ok=True)
                    write_synced(path, data)
                    step.hashes[name] = sha256(data)
            for target, data in self.files.items():
                if target.is_symlink() or (target.exists() and not target.is_file()):
                    raise WriteError("目标不是普通文件(目录、链接或设备),不覆盖", file=target)
                step = Step("file", target, temporary_name(target), hashes={"": sha256(data)})
                steps.append(step)
                write_synced(step.staged, data)
                os.chmod(step.staged, _mode_for(target))
                if target.exists():
                    step.backup = temporary_name(target, "bak")
                    write_synced(step.backup, target.read_bytes())
                    os.chmod(step.backup, _mode_for(target))
            write_journal(journal, steps, self.command)
            journal_written = True
            for step in steps:
                if step.kind == "folder" and step.backup is not None:
                    fault_point()
                    os.replace(step.target, step.backup)
                fault_point()
                os.replace(step.staged, step.target)
            for folder in {step.target.parent for step in steps}:
                sync_folder(folder)
        except (OSError, GpCatalogError) as exc:
            undone = self._undo(steps, journal if journal_written else None)
            if isinstance(exc, GpCatalogError):
                raise
            where = getattr(exc, "filename", None)
            if not undone:
                raise WriteError(
                    f"写入失败:{reason(exc)};恢复原状也没有完成,下一个写入这个目录包的命令会恢复它",
                    file=where,
                ) from exc
            raise WriteError(f"写入失败,已恢复原状:{reason(exc)}", file=where) from exc
        discard(steps, journal)  # deleting the journal is the commit; then the backups go

    @staticmethod
    def _undo(steps: list[Step], journal: Path | None) -> bool:
        """Roll back after a failure in this process; False if that failed too (the journal then stays)."""
        try:
            if journal is not None:
                roll_back(steps, journal)
            discard(steps, journal)
        except (OSError, GpCatalogError):
            return False
        return True
