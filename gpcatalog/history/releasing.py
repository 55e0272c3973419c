"""Releasing the working copy as a new version: every change accounted for by a record, all files or none.

A release is one :class:`~gpcatalog.store.atomic.Transaction` under the package's lock: the new
``versions/<version>/`` folder, ``history.yaml``, ``catalogue.yaml``, ``CHANGELOG.md`` and ``changelog.json`` are
staged, a journal listing them is flushed to disk, then they are renamed into place and the journal deleted. A
release killed at any moment is rolled back by the next command that writes the package (or by ``verify``), which
leaves the package exactly as before; the same version can then be released again
(:mod:`gpcatalog.store.journal`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from gpcatalog.changes import Change, Diff
from gpcatalog.changes.vocabulary import CHANGE_LABELS, FIELD_LABELS, ChangeType, Target
from gpcatalog.errors import ReleaseRefusedError
from gpcatalog.history.explain import check_records, explained_diff
from gpcatalog.history.log import RELEASE_FIELDS, changelog_documents
from gpcatalog.history.models import (
    VERSION_PATTERN,
    AdjustmentRecord,
    History,
    Reason,
    RecordChange,
    VersionEntry,
    record_hash,
)
from gpcatalog.history.package import PackageHistory, _raise_issues, open_history
from gpcatalog.loading import load
from gpcatalog.store.appending import append_items
from gpcatalog.store.atomic import Transaction, write_atomic
from gpcatalog.store.history import (
    ADJUSTMENTS_FILE,
    CHANGELOG_FILE,
    CHANGELOG_JSON_FILE,
    HISTORY_FILE,
    digest,
    file_hash,
    package_files,
)
from gpcatalog.store.lock import package_lock
from gpcatalog.store.reference import VERSIONS_DIR
from gpcatalog.store.yamlio import dump_yaml


@dataclass
class ReleaseResult:
    """What :func:`release` wrote."""

    entry: VersionEntry
    changes: Diff
    records: list[AdjustmentRecord]
    files: list[str]


def _set_release_fields(text: str, version: str, date: dt.date) -> str:
    """Set ``version:`` and ``release_date:`` in catalogue.yaml text, keeping every other line as it is."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    has_date = any(line.startswith("release_date:") for line in lines)
    for line in lines:
        if line.startswith("version:"):
            out.append(f'version: "{version}"\n')
            if not has_date:
                out.append(f"release_date: {date.isoformat()}\n")
        elif line.startswith("release_date:"):
            out.append(f"release_date: {date.isoformat()}\n")
        else:
            out.append(line)
    return "".join(out)


def _draft_record(found: PackageHistory, uncovered: list[Change], today: dt.date) -> AdjustmentRecord:
    taken = {r.id for r in found.adjustments.records}
    number = 1
    while f"{today.year}-{number:03d}" in taken:
        number += 1
    rules: list[RecordChange] = []
    for change in uncovered:
        if change.target is Target.ITEM:
            rules.append(RecordChange(type=change.type, item=change.id, field=change.field))
        elif change.target is Target.DOMAIN:
            if change.type is ChangeType.MODIFIED:
                rules.append(RecordChange(type=change.type, domain=change.id, field=change.field))
        else:
            rules.append(RecordChange(type=ChangeType.MODIFIED, field=change.field))
    return AdjustmentRecord(
        id=f"{today.year}-{number:03d}",
        date=today,
        proposer="(待填写)",
        reason=Reason.OTHER,
        summary="(待填写:调整的原因和依据)",
        draft=True,
        changes=rules,
    )


def release(
    location: str | Path | None,
    version: str,
    *,
    date: dt.date | None = None,
    draft: bool = False,
) -> ReleaseResult:
    """Freeze the working copy as ``version``: copy it to ``versions/<version>/``, record its hashes in
    ``history.yaml``, take in the pending adjustment records, set ``version`` and ``release_date`` in the working
    copy, and regenerate ``CHANGELOG.md`` and ``changelog.json``. All files are written, or none.

    Args:
        location: the package (a folder path, or a bundled catalogue name in a source checkout).
        version: the new version number, e.g. ``2026.1``.
        date: the release date (default: today).
        draft: when changes are not accounted for by a record, write a draft record covering them to
            ``adjustments.yaml`` (then refuse; fill it in and release again).

    Raises:
        ReleaseRefusedError: the version exists, nothing changed, or changes are not accounted for by a
            record (the package is untouched, except the draft record with ``draft=True``).
        HistoryError: a record names an id that does not exist, contradicts the data, or is a draft.
        CatalogueInvalidError: the working copy does not validate.
        PackageLockedError: another command is writing the package.
    """
    found = open_history(location)
    if not isinstance(found.folder, Path):
        raise ReleaseRefusedError(
            f"目录“{found.location}”是安装包内的只读数据,不能发布;请在目录包文件夹中发布"
        )
    with package_lock(found.folder, f"gpcatalog release {version}"):
        return _release(open_history(location), version, date, draft)  # read again, under the lock


def _release(found: PackageHistory, version: str, date: dt.date | None, draft: bool) -> ReleaseResult:
    assert isinstance(found.folder, Path)
    folder = found.folder
    today = date or dt.date.today()
    if not re.match(VERSION_PATTERN, version):
        raise ReleaseRefusedError(f"版本号“{version}”格式不对:只用字母、数字、点、连字符,如 2026.1")
    if found.history.get(version) is not None or (folder / VERSIONS_DIR / version).exists():
        raise ReleaseRefusedError(f"版本“{version}”已经发布过,已发布的版本不可改动;请换一个版本号")
    working = load(folder)
    previous = found.history.latest
    old = load(f"{folder}@{previous.version}") if previous else None
    pending = found.pending()
    if previous is not None and old is not None:
        changes = explained_diff(
            old, working, pending, old_label=found.reference(previous.version), new_label="工作副本"
        )
    else:
        changes = Diff(old="(无)", new="工作副本")
    relevant = [
        c for c in changes.changes if not (c.target is Target.CATALOGUE and c.field in RELEASE_FIELDS)
    ]
    if previous is not None and not relevant:
        raise ReleaseRefusedError(f"工作副本与上一版本 {previous.version} 相同,没有可发布的变化")
    problems = check_records(found, pending, changes, old, working)
    uncovered = [c for c in relevant if not c.records]
    if uncovered and draft:
        record = _draft_record(found, uncovered, today)
        _append_draft(found, record)
        raise ReleaseRefusedError(
            f"有 {len(uncovered)} 处变化没有调整记录说明;已在 {ADJUSTMENTS_FILE} 起草记录 {record.id}"
            "(draft: true),填写原因、申请单位、批准文号和说明,删去 draft 一行后再发布"
        )
    _raise_issues(problems, found.location)
    if uncovered:
        listed = ";".join(_short(c) for c in uncovered[:10])
        more = f" 等 {len(uncovered)} 处" if len(uncovered) > 10 else ""
        raise ReleaseRefusedError(
            f"有 {len(uncovered)} 处变化没有调整记录说明,拒绝发布:{listed}{more}。"
            f"请在 {ADJUSTMENTS_FILE} 中补写调整记录,或用 --draft 起草一条"
        )

    contents: dict[str, bytes] = {}
    for name in package_files(folder):
        data = (folder / name).read_bytes()
        if name == "catalogue.yaml":
            data = _set_release_fields(data.decode("utf-8-sig"), version, today).encode("utf-8")
        contents[name] = data
    file_hashes = {name: file_hash(data) for name, data in contents.items()}
    entry = VersionEntry(
        version=version,
        release_date=today,
        parent=previous.version if previous else None,
        records=[r.id for r in pending],
        items=sum(1 for _ in working.items()),
        digest=digest(file_hashes),
        files=file_hashes,
        record_hashes={r.id: record_hash(r) for r in pending},
    )
    history = History(versions=[*found.history.versions, entry])
    found.history = history
    transaction = Transaction(folder, command=f"gpcatalog release {version}")
    transaction.create_folder(Path(VERSIONS_DIR, version), contents)
    transaction.write(Path(HISTORY_FILE), _history_text(history))
    transaction.write(Path("catalogue.yaml"), contents["catalogue.yaml"].decode("utf-8"))
    markdown, log = changelog_documents(found, extra={version: changes}, latest=working)
    transaction.write(Path(CHANGELOG_FILE), markdown)
    transaction.write(Path(CHANGELOG_JSON_FILE), json.dumps(log, ensure_ascii=False, indent=2) + "\n")
    transaction.commit()
    return ReleaseResult(entry=entry, changes=changes, records=pending, files=sorted(contents))


def _short(change: Change) -> str:
    what = change.id or "目录"
    field_label = f" 的{FIELD_LABELS.get(change.field, change.field)}" if change.field else ""
    return f"{CHANGE_LABELS[change.type]} {what}{field_label}"


def _history_text(history: History) -> str:
    header = "# 版本历史:由 gpcatalog release 写入,不要手改。每个版本的文件哈希由 gpcatalog verify 核对。\n"
    return header + dump_yaml(history.model_dump(mode="json", exclude_defaults=False))


def _append_draft(found: PackageHistory, record: AdjustmentRecord) -> None:
    """Append ``record`` to adjustments.yaml as text: the file's comments and layout stay byte for byte."""
    if not isinstance(found.folder, Path):
        raise ReleaseRefusedError("安装包内的只读数据不能修改")
    path = found.folder / ADJUSTMENTS_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    data = record.model_dump(mode="json", exclude_defaults=True)
    for key in ("date", "effective_date"):  # dates unquoted, as people write them
        if isinstance(data.get(key), str):
            data[key] = dt.date.fromisoformat(data[key])
    appended = append_items(text, "records", [data], file=str(path))
    if appended is None:  # a list in flow style [...]: written anew (its comments cannot be kept)
        records = [r.model_dump(mode="json", exclude_defaults=True) for r in found.adjustments.records]
        appended = dump_yaml({"records": [*records, data]})
    write_atomic(path, appended, what="调整记录文件")
