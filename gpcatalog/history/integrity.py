"""Released versions as they were released: file hashes, folders, and records frozen at release."""

from __future__ import annotations

from pathlib import Path

from gpcatalog.history.models import record_hash
from gpcatalog.history.package import open_history
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.store.history import HISTORY_FILE, digest, hash_files
from gpcatalog.store.reference import VERSIONS_DIR


def verify(location: str | Path | None = None) -> Report:
    """Check that every released version is as it was released.

    Recomputes the SHA-256 of each file under ``versions/<version>/`` and compares it with ``history.yaml``;
    reports changed, missing and extra files, version folders the history does not list, and a history whose
    overall digest no longer matches its file hashes.

    Returns:
        A :class:`~gpcatalog.schema.report.Report`; ``report.ok`` is False when any released version no longer
        matches.
    """
    found = open_history(location)
    issues: list[Issue] = []
    history_name = found.history_file.name if found.history_file else HISTORY_FILE

    def add(code: str, message: str, file: str | None = None) -> None:
        issues.append(Issue(code=code, severity=Severity.ERROR, message=message, file=file or history_name))

    files = 0
    for entry in found.history.versions:
        folder = found.folder / VERSIONS_DIR / entry.version
        shown = f"{VERSIONS_DIR}/{entry.version}"
        if digest(entry.files) != entry.digest:
            add("version-digest", f"版本 {entry.version} 的总哈希与各文件哈希不符:history.yaml 被改动过")
        if not folder.is_dir():
            add("version-missing", f"版本 {entry.version} 的文件夹 {shown}/ 不存在")
            continue
        actual = hash_files(folder)
        files += len(actual)
        for name, expected in entry.files.items():
            if name not in actual:
                add("version-file-missing", f"版本 {entry.version} 缺少文件 {name}", f"{shown}/{name}")
            elif actual[name] != expected:
                add(
                    "version-modified",
                    f"版本 {entry.version} 的文件 {name} 已被改动(发布时 {expected[7:19]}…,现在 {actual[name][7:19]}…)",
                    f"{shown}/{name}",
                )
        for name in sorted(set(actual) - set(entry.files)):
            add(
                "version-file-added", f"版本 {entry.version} 多出了发布时没有的文件 {name}", f"{shown}/{name}"
            )
        for record_id, expected in entry.record_hashes.items():
            record = found.record(record_id)
            if record is not None and record_hash(record) != expected:
                file, line, _path = found.record_path(record_id)
                issues.append(
                    Issue(
                        code="record-modified",
                        severity=Severity.ERROR,
                        message=f"版本 {entry.version} 纳入的调整记录 {record_id} 在发布后被修改过(已发布的记录不可改动)",
                        file=file,
                        line=line,
                    )
                )
    listed = {entry.version for entry in found.history.versions}
    versions_dir = found.folder / VERSIONS_DIR
    if versions_dir.is_dir():
        for child in sorted(versions_dir.iterdir(), key=lambda e: e.name):
            if child.is_dir() and not child.name.startswith(".") and child.name not in listed:
                add("version-unlisted", f"文件夹 {VERSIONS_DIR}/{child.name}/ 不是 history.yaml 登记的版本")
    return Report(catalogue=found.location, files=files, items=len(found.history.versions), issues=issues)
