"""Versions and adjustment records of a catalogue package: list, verify, check, release, changelog.

The working copy (``catalogue.yaml`` + ``domains/``) is the unreleased head. :func:`release` freezes it as a new
version under ``versions/`` after checking that every change since the previous version is accounted for by an
adjustment record; :func:`verify` recomputes the hashes of every released version.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from gpcatalog.adjustment import (
    CHANGE_LABELS,
    VERSION_PATTERN,
    AdjustmentRecord,
    Adjustments,
    ChangeType,
    History,
    Reason,
    RecordChange,
    VersionEntry,
    record_hash,
)
from gpcatalog.changes import FIELD_LABELS, Change, Diff, Target
from gpcatalog.compare import covers, diff
from gpcatalog.diff_output import change_line
from gpcatalog.errors import HistoryError, ReleaseRefusedError
from gpcatalog.model import Catalogue
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.schema.validate import Collector, build_model, load_catalogue
from gpcatalog.store.history import (
    ADJUSTMENTS_FILE,
    CHANGELOG_FILE,
    CHANGELOG_JSON_FILE,
    HISTORY_FILE,
    VERSIONS_DIR,
    Transaction,
    digest,
    file_hash,
    hash_files,
    package_files,
    split_reference,
)
from gpcatalog.store.package import RawFile, read_raw, resolve_location
from gpcatalog.store.yamlio import dump_yaml

RELEASE_FIELDS = ("version", "release_date")
"""Catalogue fields that :func:`release` itself sets; changes to them need no record."""


@dataclass
class PackageHistory:
    """A package's history as read: released versions and adjustment records, with their files for positions."""

    location: str
    folder: Traversable | Path
    history: History = field(default_factory=History)
    adjustments: Adjustments = field(default_factory=Adjustments)
    history_file: RawFile | None = None
    adjustments_file: RawFile | None = None

    def reference(self, version: str | None = None) -> str:
        """Return the reference of ``version`` (or of the working copy) that :func:`gpcatalog.load` accepts."""
        base = (
            str(self.folder)
            if isinstance(self.folder, Path) and self.location != "national"
            else self.location
        )
        return f"{base}@{version}" if version else base

    def record(self, record_id: str) -> AdjustmentRecord | None:
        """Return the record ``record_id``, or None."""
        return next((r for r in self.adjustments.records if r.id == record_id), None)

    def released_records(self) -> set[str]:
        """Return the ids of records some released version took in."""
        return {r for v in self.history.versions for r in v.records}

    def pending(self) -> list[AdjustmentRecord]:
        """Return the records no released version has taken in yet (they describe the working copy)."""
        released = self.released_records()
        return [r for r in self.adjustments.records if r.id not in released]

    def records_of(self, version: str) -> list[AdjustmentRecord]:
        """Return the records a released version took in, in their order in adjustments.yaml."""
        entry = self.history.get(version)
        wanted = set(entry.records) if entry else set()
        return [r for r in self.adjustments.records if r.id in wanted]

    def record_path(self, record_id: str, *path: str | int) -> tuple[str | None, int | None, str]:
        """Return (file, line, JSON path) of a record (or one of its keys) in adjustments.yaml."""
        index = next((i for i, r in enumerate(self.adjustments.records) if r.id == record_id), None)
        keys: list[str | int] = ["records", index, *path] if index is not None else ["records"]
        raw = self.adjustments_file
        line = raw.position(keys)[0] if raw is not None and raw.data is not None else None
        json_path = "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)
        return (raw.name if raw else ADJUSTMENTS_FILE), line, json_path


def _raise_issues(issues: list[Issue], catalogue: str, prefix: str = "") -> None:
    """Raise a :class:`HistoryError` located at the first error of ``issues``, carrying them all."""
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        more = f"(另有 {len(errors) - 1} 个问题)" if len(errors) > 1 else ""
        raise HistoryError(
            f"{prefix}{first.message}{more}",
            file=first.file,
            line=first.line,
            column=first.column,
            path=first.path,
            report=Report(catalogue=catalogue, issues=issues),
        )


def open_history(location: str | Path | None = None) -> PackageHistory:
    """Read ``history.yaml`` and ``adjustments.yaml`` of a package (both optional: no history yet).

    Raises:
        CatalogueReadError: ``location`` is not a catalogue package.
        HistoryError: either file is malformed, or two records or versions claim the same id; the message
            names the file, line and record.
    """
    base, _version = split_reference(location)
    display, folder = resolve_location(base)
    found = PackageHistory(location=display, folder=folder)
    bundled = not isinstance(folder, Path)
    out = Collector()
    for name, model, attribute in (
        (HISTORY_FILE, History, "history"),
        (ADJUSTMENTS_FILE, Adjustments, "adjustments"),
    ):
        resource = folder / name
        if not resource.is_file():
            continue
        raw = read_raw(resource, name if bundled else str(Path(display, name)))
        setattr(found, f"{attribute}_file", raw)
        if raw.data is None and raw.error is None:
            continue  # an empty file: no versions or records yet
        value = build_model(raw, model, out)
        if value is not None:
            setattr(found, attribute, value)
    _raise_issues(out.issues, display, "版本历史或调整记录有误:")
    seen: dict[str, int] = {}
    for index, record in enumerate(found.adjustments.records):
        if record.id in seen:
            out.add(
                "duplicate-record",
                Severity.ERROR,
                f"调整记录编号“{record.id}”重复:第 {seen[record.id] + 1} 条和第 {index + 1} 条记录用了同一个编号",
                found.adjustments_file,
                path=["records", index, "id"],
            )
        seen.setdefault(record.id, index)
    versions: dict[str, int] = {}
    for index, entry in enumerate(found.history.versions):
        if entry.version in versions:
            out.add(
                "duplicate-version",
                Severity.ERROR,
                f"版本号“{entry.version}”在 history.yaml 中出现两次",
                found.history_file,
                path=["versions", index, "version"],
            )
        versions[entry.version] = index
        for record_id in entry.records:
            if found.record(record_id) is None:
                out.add(
                    "unknown-record",
                    Severity.ERROR,
                    f"版本 {entry.version} 纳入的调整记录“{record_id}”在 adjustments.yaml 中不存在",
                    found.history_file,
                    path=["versions", index, "records"],
                )
    _raise_issues(out.issues, display, "版本历史或调整记录有误:")
    return found


def records_between(found: PackageHistory, old: str | None, new: str | None) -> list[AdjustmentRecord]:
    """Return the records that lead from version ``old`` to version ``new`` (None: the working copy).

    Empty when ``old`` is not an earlier version than ``new`` (a diff backwards is not explained by records).
    """
    order = [v.version for v in found.history.versions]
    if old is not None and old not in order:
        return []
    start = order.index(old) + 1 if old is not None else 0
    if new is None:
        stop = len(order)
    elif new in order and order.index(new) >= start:
        stop = order.index(new) + 1
    else:
        return []
    wanted = {record for entry in found.history.versions[start:stop] for record in entry.records}
    records = [r for r in found.adjustments.records if r.id in wanted]
    return records + (found.pending() if new is None else [])


def versions(location: str | Path | None = None) -> list[VersionEntry]:
    """Return the released versions of a catalogue, oldest first (empty before the first release)."""
    return list(open_history(location).history.versions)


# --- verify ---------------------------------------------------------------------------------------------------


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


# --- records against the data ---------------------------------------------------------------------------------


def check_records(
    found: PackageHistory,
    records: list[AdjustmentRecord],
    changes: Diff,
    old: Catalogue | None,
    new: Catalogue,
) -> list[Issue]:
    """Check adjustment records against the two versions they describe.

    Reports records that are drafts, that name an id neither version has, whose split or merge targets do not
    exist (or whose sources still do), and that claim a change the data does not show.
    """
    old_ids = {item.id for item in old.items()} if old is not None else set()
    new_ids = {item.id for item in new.items()}
    old_domains = {d.code for d in old.domains} if old is not None else set()
    new_domains = {d.code for d in new.domains}
    issues: list[Issue] = []

    def add(code: str, record: AdjustmentRecord, message: str, *path: str | int) -> None:
        file, line, json_path = found.record_path(record.id, *path)
        issues.append(
            Issue(
                code=code,
                severity=Severity.ERROR,
                message=f"调整记录 {record.id}:{message}",
                file=file,
                line=line,
                path=json_path,
            )
        )

    flat = [c for change in changes.changes for c in [change, *change.parts]]
    for record in records:
        if record.draft:
            add(
                "record-draft",
                record,
                "还是草稿(draft: true):填写原因、申请单位、说明后删去 draft 一行",
                "draft",
            )
        for index, rule in enumerate(record.changes):
            where = ("changes", index)
            label = CHANGE_LABELS[rule.type]
            missing = False
            for key in ("item", "sources", "targets"):
                ids = (
                    [rule.item]
                    if key == "item" and rule.item
                    else (getattr(rule, key) if key != "item" else [])
                )
                for position, item_id in enumerate(ids):
                    if item_id not in old_ids and item_id not in new_ids:
                        missing = True
                        path = (*where, key) if key == "item" else (*where, key, position)
                        add(
                            "record-unknown-id",
                            record,
                            f"{label}的事项“{item_id}”在两个版本中都不存在",
                            *path,
                        )
            if rule.domain and rule.domain not in old_domains | new_domains:
                missing = True
                add("record-unknown-id", record, f"领域“{rule.domain}”在两个版本中都不存在", *where, "domain")
            if missing:
                continue
            if rule.type in (ChangeType.SPLIT, ChangeType.MERGED):
                absent = [t for t in rule.targets if t not in new_ids]
                staying = [s for s in rule.sources if s in new_ids]
                existing = [t for t in rule.targets if t in old_ids]
                if existing:
                    add(
                        "record-split-target",
                        record,
                        f"{label}的新事项在旧版本中已经存在:{'、'.join(existing)}(新事项必须用新编号)",
                        *where,
                        "targets",
                    )
                if absent:
                    add(
                        "record-split-target",
                        record,
                        f"{label}的新事项不存在:{'、'.join(absent)}",
                        *where,
                        "targets",
                    )
                if staying:
                    add(
                        "record-split-target",
                        record,
                        f"{label}的原事项仍在新版本中:{'、'.join(staying)}(拆分、合并后原编号不再使用)",
                        *where,
                        "sources",
                    )
                if absent or staying or existing:
                    continue
            if not any(covers(rule, change) for change in flat):
                add("record-contradicts", record, _contradiction(rule), *where)
    return issues


def _contradiction(rule: RecordChange) -> str:
    if rule.sources:
        what = f"{'、'.join(rule.sources)} → {'、'.join(rule.targets)}"
        return f"记录说“{CHANGE_LABELS[rule.type]} {what}”,但两个版本之间没有这一变化"
    what = rule.item or rule.domain or "目录"
    field_label = f" 的{FIELD_LABELS.get(rule.field, rule.field)}" if rule.field else ""
    return f"记录说“{CHANGE_LABELS[rule.type]} {what}{field_label}”,但两个版本之间没有这一变化"


# --- release --------------------------------------------------------------------------------------------------


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
    """
    found = open_history(location)
    if not isinstance(found.folder, Path):
        raise ReleaseRefusedError(
            f"目录“{found.location}”是安装包内的只读数据,不能发布;请在目录包文件夹中发布"
        )
    folder = found.folder
    today = date or dt.date.today()
    if not re.match(VERSION_PATTERN, version):
        raise ReleaseRefusedError(f"版本号“{version}”格式不对:只用字母、数字、点、连字符,如 2026.1")
    if found.history.get(version) is not None or (folder / VERSIONS_DIR / version).exists():
        raise ReleaseRefusedError(f"版本“{version}”已经发布过,已发布的版本不可改动;请换一个版本号")
    working = load_catalogue(folder)
    previous = found.history.latest
    old = load_catalogue(f"{folder}@{previous.version}") if previous else None
    pending = found.pending()
    if previous is not None and old is not None:
        changes = diff(
            old, working, records=pending, old_label=found.reference(previous.version), new_label="工作副本"
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
        _write_adjustments(found, [*found.adjustments.records, record])
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
    transaction = Transaction(folder)
    transaction.create_folder(Path(VERSIONS_DIR, version), contents)
    transaction.write(Path(HISTORY_FILE), _history_text(history))
    transaction.write(Path("catalogue.yaml"), contents["catalogue.yaml"].decode("utf-8"))
    markdown, log = _changelog(found, extra={version: changes})
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


def _write_adjustments(found: PackageHistory, records: list[AdjustmentRecord]) -> None:
    if not isinstance(found.folder, Path):
        raise ReleaseRefusedError("安装包内的只读数据不能修改")
    data = {"records": [r.model_dump(mode="json", exclude_defaults=True) for r in records]}
    transaction = Transaction(found.folder)
    transaction.write(Path(ADJUSTMENTS_FILE), dump_yaml(data))
    transaction.commit()


# --- changelog ------------------------------------------------------------------------------------------------


def changelog(location: str | Path | None = None, *, fmt: str = "markdown", unreleased: bool = False) -> str:
    """Return the changelog of a catalogue generated from its adjustment records and versions.

    Args:
        location: the package.
        fmt: ``markdown`` (for people) or ``json`` (for machines; one object per version, each record with the
            changes it accounts for).
        unreleased: also describe the working copy's pending records (a section ``未发布``), as the next
            release would.
    """
    found = open_history(location)
    markdown, data = _changelog(found, unreleased=unreleased)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return markdown


UNRELEASED = "未发布"


@dataclass
class _Section:
    version: str
    date: dt.date | None
    parent: str | None
    items: int
    digest: str | None
    records: list[AdjustmentRecord]
    changes: Diff | None = None


def _changelog(
    found: PackageHistory, extra: dict[str, Diff] | None = None, *, unreleased: bool = False
) -> tuple[str, dict[str, Any]]:
    """Return (Markdown, JSON data) for every released version, newest first (and the working copy)."""
    sections = [
        _Section(e.version, e.release_date, e.parent, e.items, e.digest, found.records_of(e.version))
        for e in found.history.versions
    ]
    for section in sections:
        if extra and section.version in extra:
            section.changes = extra[section.version]
        elif section.parent is not None:
            old = load_catalogue(found.reference(section.parent))
            new = load_catalogue(found.reference(section.version))
            section.changes = diff(old, new, records=section.records)
    pending = found.pending()
    working = load_catalogue(found.reference())
    if unreleased and pending and sections:
        latest = load_catalogue(found.reference(sections[-1].version))
        sections.append(
            _Section(
                UNRELEASED,
                None,
                sections[-1].version,
                sum(1 for _ in working.items()),
                None,
                pending,
                diff(latest, working, records=pending),
            )
        )
    lines = [
        f"# 变更记录:{working.title}({working.id})",
        "",
        "由 `gpcatalog release` 从调整记录(adjustments.yaml)和各版本的差异生成,不要手改。",
        "",
    ]
    versions_data: list[dict[str, Any]] = []
    for section in reversed(sections):
        date = section.date.isoformat() if section.date else None
        lines += [f"## {section.version}" + (f"({date})" if date else ""), ""]
        changes = [
            c
            for c in (section.changes.changes if section.changes else [])
            if not (c.target is Target.CATALOGUE and c.field in RELEASE_FIELDS)
        ]
        if section.parent is None:
            lines += [f"首个版本,事项 {section.items} 项。", ""]
        else:
            counts = Counter(c.type for c in changes)
            summary = "、".join(f"{CHANGE_LABELS[k]} {counts[k]}" for k in ChangeType if counts[k])
            lines += [f"上一版本 {section.parent};事项 {section.items} 项;变化:{summary or '无'}。", ""]
        record_data = []
        for record in section.records:
            covered = [c for c in changes if record.id in c.records]
            lines += _record_markdown(record, covered)
            record_data.append(
                {
                    **record.model_dump(mode="json", exclude_defaults=True),
                    "applied": [c.model_dump(mode="json", exclude_defaults=True) for c in covered],
                }
            )
        versions_data.append(
            {
                "version": section.version,
                "release_date": date,
                "parent": section.parent,
                "items": section.items,
                "digest": section.digest,
                "records": record_data,
            }
        )
    return "\n".join(lines).rstrip() + "\n", {"catalogue": working.id, "versions": versions_data}


def _record_markdown(record: AdjustmentRecord, covered: list[Change]) -> list[str]:
    marks = "(示例)" if record.example else ""
    lines = [f"### {record.id} {record.reason.value}{marks}", "", record.summary, ""]
    facts = [("记录日期", record.date.isoformat())]
    if record.effective_date:
        facts.append(("生效日期", record.effective_date.isoformat()))
    facts.append(("申请单位", record.proposer))
    if record.approver or record.approval_doc:
        facts.append(
            (
                "批准",
                "".join(
                    p for p in (record.approver, record.approval_doc and f"({record.approval_doc})") if p
                ),
            )
        )
    if record.trigger:
        t = record.trigger
        text = f"《{t.title}》" + (f"({t.doc_no})" if t.doc_no else "")
        if t.issuer:
            text = f"{t.issuer} {text}"
        if t.date:
            text += f",{t.date.isoformat()}"
        if t.url:
            text += f",<{t.url}>"
        facts.append(("触发文件", text))
    lines += [f"- {key}:{value}" for key, value in facts]
    for change in covered:
        lines.append(f"- {change_line(change)}")
    return [*lines, ""]
