"""Writing without ever leaving a half-written file: the one atomic-write helper, and transactions over several files.

Every writer in gpcatalog goes through :func:`atomic_path` (or :func:`write_atomic`, built on it): the new content
goes to a temporary file in the target's own folder, is flushed to disk (fsync), then renamed over the target in one
step; on any failure the temporary file is removed and the target is untouched. :class:`Transaction` does the same
for several files and a new folder at once: all land, or none does.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gpcatalog.errors import GpCatalogError, WriteError
from gpcatalog.store.limits import reason


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


def write_synced(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and flush it to disk (fsync) before returning: the first half of every atomic
    write here, before the rename that makes it visible."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


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
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise WriteError(f"无法写入{_spaced(what)}:{reason(exc)}", file=path) from exc
    temporary = Path(name)
    try:
        os.chmod(temporary, _mode_for(path))  # mkstemp makes it 0600; the result should be as any new file
        yield temporary
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise WriteError(f"无法写入{_spaced(what)}:{reason(exc)}", file=path) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
    """Write several files and one new folder so that either all of them land or none does.

    New content goes to temporary files beside the targets first; :meth:`commit` then renames them into
    place, keeping the previous content in memory and restoring it if any step fails.
    """

    root: Path
    files: dict[Path, str] = field(default_factory=dict)
    folders: dict[Path, dict[str, bytes]] = field(default_factory=dict)

    def write(self, path: Path, text: str) -> None:
        """Plan to write ``text`` to ``path`` (relative to the root, or absolute)."""
        self.files[self.root / path] = text

    def create_folder(self, path: Path, contents: dict[str, bytes]) -> None:
        """Plan to create folder ``path`` holding ``contents`` (relative name → bytes); it must not exist."""
        self.folders[self.root / path] = contents

    def commit(self) -> None:
        """Carry out every planned write, or none of them.

        Raises:
            WriteError: a target folder exists already, or the disk refused a write; nothing has
                changed on disk.
        """
        staged: list[tuple[Path, Path]] = []
        created: list[Path] = []
        replaced: list[tuple[Path, bytes | None]] = []
        try:
            for target, contents in self.folders.items():
                if target.exists():
                    raise WriteError("要写入的文件夹已经存在,不覆盖", file=target)
                temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
                shutil.rmtree(temporary, ignore_errors=True)
                for name, data in contents.items():
                    path = temporary / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    write_synced(path, data)
                staged.append((temporary, target))
            pending: list[tuple[Path, Path]] = []
            for target, text in self.files.items():
                temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
                write_synced(temporary, text.encode("utf-8"))
                pending.append((temporary, target))
            for temporary, target in staged:
                temporary.rename(target)
                created.append(target)
            for temporary, target in pending:
                replaced.append((target, target.read_bytes() if target.exists() else None))
                os.replace(temporary, target)
        except (OSError, GpCatalogError) as exc:
            for target, previous in reversed(replaced):
                if previous is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_bytes(previous)
            for target in created:
                shutil.rmtree(target, ignore_errors=True)
            for temporary, _target in staged:
                shutil.rmtree(temporary, ignore_errors=True)
            for target in self.files:
                target.with_name(f".{target.name}.tmp-{os.getpid()}").unlink(missing_ok=True)
            if isinstance(exc, GpCatalogError):
                raise
            raise WriteError(f"写入失败,已恢复原状:{exc}", file=getattr(exc, "filename", None)) from exc
