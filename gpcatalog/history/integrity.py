"""Released versions as they were released: file hashes, folders, records frozen at release, and the files a
release derives from them (catalogue.yaml's version and date, CHANGELOG.md, changelog.json)."""

from __future__ import annotations

import json
from pathlib import Path

from gpcatalog.errors import CatalogueReadError, GpCatalogError
from gpcatalog.history.log import changelog_documents
from gpcatalog.history.models import record_hash
from gpcatalog.history.package import PackageHistory, open_history
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.store.history import CHANGELOG_FILE, CHANGELOG_JSON_FILE, HISTORY_FILE, digest, hash_files
from gpcatalog.store.journal import journal_beside, needs_recovery
from gpcatalog.store.lock import package_lock
from gpcatalog.store.reference import CATALOGUE_FILE, VERSIONS_DIR, split_reference
from gpcatalog.store.yamlio import read_yaml


def verify(location: str | Path | None = None) -> Report:
    """Check that every released version is as it was released, and that the files derived from them agree.

    First rolls back a write that was interrupted (a release killed half-way; under the package's lock, see
    :mod:`gpcatalog.store.journal`), reported as a warning. Then recomputes the SHA-256 of each file under
    ``versions/<version>/`` and compares it with ``history.yaml``; reports changed, missing and extra files,
    version folders the history does not list, and a history whose overall digest no longer matches its file
    hashes. Last, the derived files: ``catalogue.yaml`` must carry the latest version's number and date (or a
    number not released yet: the working copy's own business), and ``CHANGELOG.md`` and ``changelog.json`` must be
    what the records and versions give (``gpcatalog changelog``).

    Returns:
        A :class:`~gpcatalog.schema.report.Report`; ``report.ok`` is False when any released version no longer
        matches.

    Raises:
        PackageLockedError: an interrupted write is to be rolled back, but another command is writing the package.
        WriteError: an interrupted write cannot be rolled back.
    """
    issues = _recover(location)
    found = open_history(location)
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
    if not any(i.severity is Severity.ERROR for i in issues):
        issues += derived_issues(found)
    return Report(catalogue=found.location, files=files, items=len(found.history.versions), issues=issues)


def _recover(location: str | Path | None) -> list[Issue]:
    """Roll back an interrupted write of the package first (also one that replaced the folder whole and was
    killed between moving the old one away and the new one in); one warning for each thing done."""
    try:
        folder = open_history(location).folder
    except CatalogueReadError:
        base = split_reference(location)[0]
        if base is None or not journal_beside(Path(base).resolve()).is_file():
            raise
        folder = Path(base).resolve()
    if not isinstance(folder, Path) or not needs_recovery(folder):
        return []
    with package_lock(folder, "gpcatalog verify") as notes:
        return [
            Issue(code="write-recovered", severity=Severity.WARNING, message=note, file=str(folder))
            for note in notes
        ]


def derived_issues(found: PackageHistory) -> list[Issue]:
    """Problems of the files a release writes from the versions: catalogue.yaml's ``version`` and
    ``release_date``, ``CHANGELOG.md`` and ``changelog.json`` (none before the first release)."""
    latest = found.history.latest
    if latest is None:
        return []
    issues: list[Issue] = []
    shown = found.reference()

    def add(code: str, message: str, name: str) -> None:
        file = name if not isinstance(found.folder, Path) else str(Path(shown, name))
        issues.append(Issue(code=code, severity=Severity.ERROR, message=message, file=file))

    try:
        meta = read_yaml(found.folder / CATALOGUE_FILE, CATALOGUE_FILE)
    except GpCatalogError:
        meta = None  # validate reports an unreadable catalogue.yaml
    if isinstance(meta, dict):
        version, date = str(meta.get("version")), str(meta.get("release_date"))
        released = {v.version for v in found.history.versions}
        if version == latest.version and date != latest.release_date.isoformat():
            add(
                "derived-version",
                f"catalogue.yaml 的发布日期是 {date},版本 {latest.version} 的发布日期是 "
                f"{latest.release_date.isoformat()}(由 gpcatalog release 写入,不要手改)",
                CATALOGUE_FILE,
            )
        elif version != latest.version and version in released:
            add(
                "derived-version",
                f"catalogue.yaml 的版本号是 {version},但最新发布的版本是 {latest.version}:"
                "工作副本的版本号和发布日期没有随发布更新(发布中断过?)",
                CATALOGUE_FILE,
            )
    try:
        markdown, data = changelog_documents(found)
    except GpCatalogError as exc:
        add("derived-changelog", f"无法由调整记录和各版本生成变更记录:{exc}", CHANGELOG_FILE)
        return issues
    for name, expected in ((CHANGELOG_FILE, markdown), (CHANGELOG_JSON_FILE, data)):
        resource = found.folder / name
        if not resource.is_file():
            add("derived-changelog", f"缺少 {name}(每次发布时生成)", name)
            continue
        raw = resource.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
        try:
            actual: object = raw.decode("utf-8")
            if name == CHANGELOG_JSON_FILE:
                actual = json.loads(raw)
        except ValueError:
            actual = None
        if actual != expected:
            add(
                "derived-changelog",
                f"{name} 与调整记录和各版本不一致(发布中断过,或被手改):"
                f"可用 gpcatalog changelog{' --format json' if name == CHANGELOG_JSON_FILE else ''} 重新生成",
                name,
            )
    return issues
