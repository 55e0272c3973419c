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
    PLACEHOLDER,
    VERSION_PATTERN,
    AdjustmentRecord,
    DocumentRef,
    History,
    Reason,
    RecordChange,
    VersionEntry,
    record_hash,
    version_order,
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
    """A draft record covering ``uncovered``: every field a clerk fills in holds :data:`PLACEHOLDER`."""
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
        proposer=PLACEHOLDER,
        approver=PLACEHOLDER,
        approval_doc=PLACEHOLDER,
        reason=PLACEHOLDER,
        trigger=DocumentRef(title=PLACEHOLDER, doc_no=PLACEHOLDER, url=PLACEHOLDER),
        summary=PLACEHOLDER,
        draft=True,
        changes=rules,
    )


_DRAFT_NOTES = {
    "date": "登记这条记录的日期;调整依据的政策或法规的生效日期可另加一行 effective_date: YYYY-MM-DD",
    "proposer": "提出调整的单位,如 县民政局",
    "approver": "批准调整的单位,如 县人民政府办公室;没有时删去这一行",
    "approval_doc": "批准文件的文号,如 ×政办函〔2026〕1号;没有时删去这一行",
    "reason": "从 " + "、".join(r.value for r in Reason) + " 中选一种填写",
    "trigger": "引起调整的文件(标题、文号、网址);没有时删去 trigger 和下面三行",
    "trigger.title": "文件标题,不加书名号,如 中华人民共和国噪声污染防治法",
    "trigger.doc_no": "如 主席令第104号;没有时删去这一行",
    "trigger.url": "可以核对这份文件的网页;没有时删去这一行",
    "summary": "为什么调整、调整了什么,一两句话",
    "draft": "以上各项填好后删去这一行,再运行 gpcatalog release",
    "changes": "gpcatalog 按工作副本与上一版本的差异列出的变化(类型和事项编号),一般不用改",
}
"""The comment above each field of a drafted record (after the field's Chinese title from the model)."""


def _draft_text(record: AdjustmentRecord, data: dict[str, object]) -> str:
    """``data`` (a dump of ``record``) as one YAML list item at indent 0, with a Chinese comment above each field."""
    body: list[str] = []
    key = ""
    for line in dump_yaml(data).splitlines(keepends=True):
        if not line.startswith((" ", "-")):
            key = line.split(":", 1)[0]
            title, note = AdjustmentRecord.model_fields[key].title, _DRAFT_NOTES.get(key)
            body += [f"# {title}:{note}\n"] if note else []
        elif key == "trigger" and line.startswith("  ") and not line.startswith("   "):
            sub = line.strip().split(":", 1)[0]
            title, note = DocumentRef.model_fields[sub].title, _DRAFT_NOTES.get(f"trigger.{sub}")
            body += [f"  # {title}:{note}\n"] if note else []
        body.append(line)
    return (
        f"# 调整记录 {record.id}:由 gpcatalog release --draft 起草。把每个“{PLACEHOLDER}”换成实际内容,\n"
        "# 可以不写的项没有时删去那一行;填好后删去 draft 一行,再运行 gpcatalog release。\n"
        + "".join(("- " if i == 0 else "  ") + line for i, line in enumerate(body))
    )


def _check_order(version: str, date: dt.date, previous: VersionEntry) -> None:
    """Refuse ``version`` on ``date`` unless it comes after ``previous``, in version number and in date."""
    following = re.sub(r"[0-9]+(?=[^0-9]*$)", lambda m: str(int(m[0]) + 1), previous.version, count=1)
    example = f",如 {following}" if following != previous.version else ""
    order = version_order(version, previous.version)
    if order is None:
        raise ReleaseRefusedError(
            f"版本号“{version}”与上一版本 {previous.version} 无法比较先后,拒绝发布:"
            f"请用数字和点组成、大于 {previous.version} 的版本号{example}"
        )
    if order <= 0:
        raise ReleaseRefusedError(
            f"版本号“{version}”不大于上一版本 {previous.version},拒绝发布:新版本号要大于上一版本"
            f"(按版本比较,2026.10 大于 2026.9){example}"
        )
    if date < previous.release_date:
        raise ReleaseRefusedError(
            f"发布日期 {date.isoformat()} 早于上一版本 {previous.version} 的发布日期 "
            f"{previous.release_date.isoformat()},拒绝发布:请用 --date 写明不早于 "
            f"{previous.release_date.isoformat()} 的日期"
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
        draft: when changes are not accounted for by a record, append a draft record covering them to
            ``adjustments.yaml``, every field to fill in holding ``(待填写)`` under a Chinese comment saying
            what goes there; the file's own comments and layout are kept (then refuse; fill it in, delete the
            ``draft`` line and release again).

    Raises:
        ReleaseRefusedError: the version exists, is not greater than the previous one (compared as versions,
            see :func:`~gpcatalog.history.models.version_order`), or its date is earlier than the previous
            release's; nothing changed; or changes are not accounted for by a record. The package is untouched
            (except the draft record with ``draft=True``, which the order checks refuse before).
        HistoryError: a record names an id that does not exist, contradicts the data, is a draft, or still
            holds a placeholder ``(待填写)``.
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
    previous = found.history.latest
    if previous is not None:
        _check_order(version, today, previous)
    working = load(folder)
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
            f"(draft: true):把其中每个“{PLACEHOLDER}”换成实际内容(申请单位、批准单位、批准文号、调整原因、"
            "触发文件、调整说明;可以不写的项删去那一行),删去 draft 一行后再发布"
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
    appended = append_items(text, "records", [data], file=str(path), block=_draft_text(record, data))
    if appended is None:  # a list in flow style [...]: written anew (its comments cannot be kept)
        records = [r.model_dump(mode="json", exclude_defaults=True) for r in found.adjustments.records]
        appended = dump_yaml({"records": [*records, data]})
    write_atomic(path, appended, what="调整记录文件")
