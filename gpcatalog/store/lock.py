"""One writer at a time: every command that writes a catalogue package holds its lock.

The lock is a file beside the package (``.<name>.gpcatalog.lock``, so it also guards a package being created or
replaced whole) taken with the filelock library (``flock`` on POSIX, ``msvcrt`` on Windows: the operating system
releases it when the process dies, so a killed writer never leaves the package locked). Beside it, the holder
(process, host, command, since when) is recorded so that the refusal can say who is writing.

Having taken the lock, every writer first finishes off what a killed writer left: it rolls back an interrupted
transaction and removes stale temporary files (:func:`gpcatalog.store.journal.recover_package`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gpcatalog.errors import PackageLockedError, WriteError
from gpcatalog.store.journal import recover_package
from gpcatalog.store.limits import reason

WAIT_SECONDS = 1.0
"""How long to wait for another writer before refusing (a release takes a few seconds; do not queue behind it)."""


def lock_path(folder: Path) -> Path:
    """The lock file of the package ``folder``: beside it, so it survives the folder being replaced."""
    return folder.parent / f".{folder.name}.gpcatalog.lock"


@contextmanager
def package_lock(folder: str | os.PathLike[str], command: str) -> Iterator[list[str]]:
    """Hold the write lock of the package ``folder`` while the block runs, after recovering from a killed writer.

    Yields what the recovery did (one sentence each; usually nothing).

    Raises:
        PackageLockedError: another process holds it; the message names the process, host, command and start.
        WriteError: the lock cannot be created (a read-only folder or file system; nothing was changed), or an
            interrupted write cannot be rolled back (its journal is left for a person to look at).
    """
    from filelock import FileLock, Timeout

    target = Path(folder).resolve()
    path = lock_path(target)
    holder = path.with_suffix(".holder.json")
    lock = FileLock(path, timeout=WAIT_SECONDS)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise PackageLockedError(_refusal(holder), file=target) from None
    except OSError as exc:  # a read-only folder or file system: nothing can be written there at all
        raise WriteError(
            f"无法写入目录包(加写入锁失败:{reason(exc)}),没有改动任何文件", file=target
        ) from None
    try:
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "command": command or " ".join(sys.argv[1:]),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        try:
            holder.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        except OSError as exc:
            raise WriteError(
                f"无法写入目录包(记录写入者失败:{reason(exc)}),没有改动任何文件", file=target
            ) from None
        yield recover_package(target)
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _refusal(holder: Path) -> str:
    try:
        info = json.loads(holder.read_text(encoding="utf-8"))
        who = f"进程 {info['pid']}({info['host']},{info['command']},{info['since']} 开始)"
    except (OSError, ValueError, KeyError, TypeError):
        who = "另一个进程"
    return f"目录包正被{who}写入,请等它结束后再试"
