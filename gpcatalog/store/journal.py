"""Writes that survive kill -9: the journal of a transaction, rolling it back, stale temporary files, a fault hook.

A :class:`~gpcatalog.store.atomic.Transaction` (a release, an import into a folder) changes several files and
folders of a package. It goes in four steps:

1. **stage**: every new file and folder is written beside its target under the temporary name ``.NAME.tmp-PID``
   and flushed to disk (fsync); every file it will replace is copied to ``.NAME.bak-PID`` (a folder it replaces
   is renamed to ``.NAME.old-PID`` in step 3). Nothing visible has changed yet.
2. **journal**: the list of steps (target, staged name, backup name, SHA-256 of what was staged) is written to the
   journal and flushed to disk before the first rename: ``.gpcatalog-journal.json`` inside the package, or
   ``.NAME.gpcatalog-journal.json`` beside a package folder that is replaced whole (``import -o``).
3. **switch**: each staged file and folder is renamed over its target.
4. **commit**: the journal is deleted. That one step is the moment the transaction takes effect; the backups are
   removed afterwards.

A writer killed (kill -9, power cut) before step 4 leaves its journal. The next command that takes the package's
lock (every command that writes a package, see :mod:`gpcatalog.store.lock`; ``verify`` too when it finds a journal)
first **rolls the transaction back**, in reverse order: a file that holds exactly the staged content (the journal
has its SHA-256) gets its backup renamed over it (a new file is removed); a folder whose staged name is gone is
renamed back to it (only if it holds nothing but staged files) and its backup renamed back in place. Each move is
one rename, so rolling back is idempotent: a recovery that is itself killed is simply done again. Then the journal
is deleted and the staged copies and backups with it. The package is exactly as it was before the interrupted command, which
can be run again (the same version can be released). Rolling back rather than forward keeps one rule for every
moment of a kill: until the journal is gone, nothing happened.

Temporary names carry the writer's process id. Without a journal (a writer killed while staging, or after the
commit while removing backups) they are debris, which :func:`recover_package` removes when their process is no
longer running.

Tests kill a writer at every step: with ``GPCATALOG_FAULT_AT=N`` in the environment, the N-th filesystem step of
the process (:func:`fault_point`: each file written, renamed or removed here) kills the process with SIGKILL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from gpcatalog.errors import WriteError

PACKAGE_JOURNAL = ".gpcatalog-journal.json"
"""The journal of a transaction inside a package (a release)."""

FORMAT = "gpcatalog-journal/1"

_DEBRIS = re.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|bak|old)-(?P<pid>\d+)(?:-[A-Za-z0-9_]+)?$")
"""``.NAME.tmp-PID`` (staged), ``.NAME.bak-PID`` (a file's backup), ``.NAME.old-PID`` (a folder's backup), and
``.NAME.tmp-PID-XXXX`` (:func:`~gpcatalog.store.atomic.atomic_path`)."""

_FAULTS = {"steps": 0}


def fault_point() -> None:
    """Count one filesystem step; the N-th kills this process when ``GPCATALOG_FAULT_AT=N`` (a test hook)."""
    wanted = os.environ.get("GPCATALOG_FAULT_AT")
    if not wanted:
        return
    _FAULTS["steps"] += 1
    if str(_FAULTS["steps"]) == wanted.strip():
        if sys.platform == "win32":
            os._exit(137)
        else:
            os.kill(os.getpid(), signal.SIGKILL)


def temporary_name(target: Path, kind: str = "tmp") -> Path:
    """``.NAME.tmp-PID`` (or ``bak``, ``old``) beside ``target``: the names debris is recognised by."""
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}")


def write_synced(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and flush it to disk (fsync) before returning: the first half of every atomic
    write here, before the rename that makes it visible."""
    fault_point()
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames, removals) to disk; a no-op where folders cannot be opened (Windows)."""
    if sys.platform == "win32":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some filesystems refuse fsync on a folder; the rename itself is still atomic
    finally:
        os.close(handle)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remove(path: Path, *, step: bool = True) -> None:
    """Remove a file or a folder, if it is there (a step of a transaction, unless ``step`` is False)."""
    if path.is_symlink() or path.is_file():
        if step:
            fault_point()
        path.unlink(missing_ok=True)
    elif path.is_dir():
        if step:
            fault_point()
        shutil.rmtree(path, ignore_errors=True)


@dataclass
class Step:
    """One switch of a transaction: ``staged`` is renamed to ``target`` (the old target kept as ``backup``)."""

    kind: str
    """``file`` or ``folder``."""
    target: Path
    staged: Path
    backup: Path | None = None
    """A file's copy made while staging, or the name a replaced folder is renamed to; None: the target is new."""
    hashes: dict[str, str] = field(default_factory=dict)
    """SHA-256 of what was staged: ``{"": hash}`` for a file, ``{relative name: hash}`` for a folder."""


def write_journal(journal: Path, steps: list[Step], command: str) -> None:
    """Write the journal of ``steps`` (paths relative to its folder) and flush it to disk."""
    root = journal.parent

    def rel(path: Path | None) -> str | None:
        return None if path is None else path.relative_to(root).as_posix()

    data = {
        "format": FORMAT,
        "pid": os.getpid(),
        "command": command,
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "steps": [
            {
                "kind": s.kind,
                "target": rel(s.target),
                "staged": rel(s.staged),
                "backup": rel(s.backup),
                "sha256": s.hashes,
            }
            for s in steps
        ],
    }
    write_synced(journal, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    sync_folder(root)


def _folder_hashes(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in folder.rglob("*"):
        if path.is_symlink():
            found[path.relative_to(folder).as_posix()] = "(link)"
        elif path.is_file():
            found[path.relative_to(folder).as_posix()] = sha256(path.read_bytes())
    return found


def _holds_staged_files(step: Step) -> bool:
    """True when the folder ``step.target`` holds only files the journal says were staged (perhaps not all)."""
    present = _folder_hashes(step.target)
    return all(step.hashes.get(name) == value for name, value in present.items())


def roll_back(steps: list[Step], journal: Path) -> None:
    """Undo ``steps`` (newest first); idempotent. The staged copies and backups left are for :func:`discard`.

    A file step was carried out when the target holds the staged content: the backup is renamed over it in one
    step (a new file is removed). A folder step was carried out when its staged name is gone: the folder is
    renamed back to it (only if it holds nothing but the staged files), then the backup renamed back in place.

    Raises:
        WriteError: a folder no longer holds what this transaction put there (changed by hand since?); nothing
            more is undone and the journal stays.
    """
    for step in reversed(steps):
        if step.kind == "file":
            target = step.target
            if (
                target.is_file()
                and not target.is_symlink()
                and sha256(target.read_bytes()) == step.hashes.get("")
            ):
                fault_point()
                if step.backup is None:
                    target.unlink()
                elif step.backup.is_file():
                    os.replace(step.backup, target)
            sync_folder(target.parent)
            continue
        if not step.staged.exists() and (step.target.exists() or step.target.is_symlink()):
            if step.target.is_symlink() or not step.target.is_dir() or not _holds_staged_files(step):
                raise WriteError(
                    f"无法回滚中断的写入:{step.target.name} 已不是那次写入的内容;请人工检查后删除 {journal.name}",
                    file=step.target,
                )
            fault_point()
            os.replace(step.target, step.staged)  # the new folder goes back where it was staged
        if step.backup is not None and step.backup.is_dir() and not step.target.exists():
            fault_point()
            os.replace(step.backup, step.target)
        sync_folder(step.target.parent)


def discard(steps: list[Step], journal: Path | None) -> None:
    """Delete the journal (if any), then the staged copies and backups that remain."""
    if journal is not None and journal.exists():
        fault_point()
        journal.unlink()
        sync_folder(journal.parent)
    for step in steps:
        remove(step.staged)
        if step.backup is not None:
            remove(step.backup)


def _read_journal(journal: Path) -> tuple[dict[str, Any], list[Step]] | None:
    """The journal's header and steps; None for a journal cut off while it was written (no step was taken).

    Raises:
        WriteError: the journal is not one gpcatalog wrote (unknown format, a path that leaves its folder).
    """
    root = journal.parent
    try:
        data = json.loads(journal.read_bytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None  # written and flushed before the first rename: a torn journal means nothing was switched
    except OSError as exc:
        raise WriteError(f"无法读取中断写入的日志:{exc.strerror or exc}", file=journal) from exc

    def bad(why: str) -> WriteError:
        return WriteError(f"中断写入的日志 {journal.name} 无法识别({why});请人工检查后删除它", file=journal)

    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("steps"), list):
        raise bad("格式不对")

    def path(value: object, *, target: Path | None = None, kinds: tuple[str, ...] = ()) -> Path:
        if not isinstance(value, str) or not value:
            raise bad("路径不是文字")
        pure = PurePosixPath(value)
        windows = sys.platform == "win32" and ("\\" in value or ":" in value)  # C:x, a UNC path
        if pure.is_absolute() or ".." in pure.parts or windows:
            raise bad(f"路径“{value}”超出目录包")
        if target is not None:
            match = _DEBRIS.match(pure.name)
            same_place = root.joinpath(*pure.parts).parent == target.parent
            if not match or match["name"] != target.name or match["kind"] not in kinds or not same_place:
                raise bad(f"“{value}”不是“{target.name}”的临时名称")
        return root.joinpath(*pure.parts)

    steps: list[Step] = []
    for raw in data["steps"]:
        if not isinstance(raw, dict) or raw.get("kind") not in ("file", "folder"):
            raise bad("步骤不对")
        hashes = raw.get("sha256")
        if not isinstance(hashes, dict) or not all(isinstance(v, str) for v in hashes.values()):
            raise bad("哈希不对")
        target = path(raw.get("target"))
        backup_kind = ("bak",) if raw["kind"] == "file" else ("old",)
        backup = raw.get("backup")
        steps.append(
            Step(
                kind=raw["kind"],
                target=target,
                staged=path(raw.get("staged"), target=target, kinds=("tmp",)),
                backup=None if backup is None else path(backup, target=target, kinds=backup_kind),
                hashes={str(k): v for k, v in hashes.items()},
            )
        )
    return data, steps


def recover(journal: Path) -> str | None:
    """Roll back the transaction ``journal`` describes (see the module's docstring); None if there is none.

    The caller holds the package's lock. Returns what was done, in a sentence.

    Raises:
        WriteError: the journal cannot be read or understood, or a target holds something else than the
            transaction wrote; the journal stays for a person to look at.
    """
    if not journal.is_file():
        return None
    found = _read_journal(journal)
    if found is None:
        fault_point()
        journal.unlink()
        return f"删除了一份未写完的写入日志 {journal.name}(写入在改动任何文件之前就中断了)"
    data, steps = found
    try:
        roll_back(steps, journal)
        discard(steps, journal)
    except OSError as exc:
        raise WriteError(
            f"无法回滚中断的写入:{exc.strerror or exc};请检查磁盘后重试", file=getattr(exc, "filename", None)
        ) from exc
    who = f"进程 {data.get('pid')}" + (f",{data['command']}" if data.get("command") else "")
    since = f",{data['started']} 开始" if data.get("started") else ""
    return f"回滚了一次中断的写入({who}{since}):目录包已恢复为那次写入之前的状态"


def journal_beside(folder: Path) -> Path:
    """The journal of a transaction that replaces the package folder ``folder`` whole: beside it."""
    return folder.parent / f".{folder.name}.gpcatalog-journal.json"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def stale_debris(folder: Path, name: str | None = None) -> list[Path]:
    """The temporary files and folders in ``folder`` of processes that are no longer running (only those made for
    the entry ``name``, when given). A backup (``.bak-PID``, ``.old-PID``) is debris only while its original is
    there."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found: list[Path] = []
    for entry in entries:
        match = _DEBRIS.match(entry.name)
        if not match or (name is not None and match["name"] != name) or _alive(int(match["pid"])):
            continue
        if match["kind"] != "tmp" and not (folder / match["name"]).exists():
            continue  # a backup whose original is gone may be the only copy left: for a person to look at
        found.append(Path(entry.path))
    return sorted(found)


def package_debris(folder: Path) -> list[Path]:
    """Stale debris of the package ``folder``: in it, in its sub-folders (domains/, versions/, …) and beside it
    (a staged or replaced package folder)."""
    found = stale_debris(folder.parent, folder.name)
    found += stale_debris(folder.parent, journal_beside(folder).name)
    if folder.is_dir() and not folder.is_symlink():
        found += stale_debris(folder)
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.is_symlink() and not child.name.startswith("."):
                found += stale_debris(child)
    return found


def needs_recovery(folder: Path) -> bool:
    """True when the package ``folder`` has an interrupted write to roll back or stale debris to remove."""
    return (
        (folder / PACKAGE_JOURNAL).is_file()
        or journal_beside(folder).is_file()
        or bool(package_debris(folder))
    )


def recover_package(folder: Path) -> list[str]:
    """Roll back the interrupted transactions of the package ``folder`` and remove its stale debris.

    The caller holds the package's lock. Returns what was done, one sentence each.

    Raises:
        WriteError: a journal cannot be understood or rolled back (see :func:`recover`).
    """
    notes = [note for note in (recover(journal_beside(folder)), recover(folder / PACKAGE_JOURNAL)) if note]
    debris = package_debris(folder)
    for path in debris:
        remove(path, step=False)  # not a step of any transaction: the fault hook does not count it
    if debris:
        notes.append(f"删除了中断的写入留下的 {len(debris)} 个临时文件")
    return notes
