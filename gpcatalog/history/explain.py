"""Adjustment records against the data: which changes of a diff each record accounts for, splits and merges
grouped as the records name them, and the records that claim what the data does not show."""

from __future__ import annotations

from collections.abc import Sequence

from gpcatalog.changes import Change, Diff, diff
from gpcatalog.changes.vocabulary import CHANGE_LABELS, FIELD_LABELS, ChangeType, Target
from gpcatalog.history.models import AdjustmentRecord, RecordChange, placeholders
from gpcatalog.history.package import PackageHistory
from gpcatalog.model import Catalogue
from gpcatalog.schema.report import Issue, Severity


def covers(rule: RecordChange, change: Change) -> bool:
    """True when the record change ``rule`` accounts for ``change``."""
    if rule.type is not change.type:
        return False
    if change.type in (ChangeType.SPLIT, ChangeType.MERGED):
        return set(rule.sources) == set(change.sources) and set(rule.targets) == set(change.targets)
    if change.target is Target.ITEM:
        if rule.item is None or rule.item not in (change.id, change.old_id):
            return False
    elif change.target is Target.DOMAIN:
        if rule.domain != change.id:
            return False
    elif rule.item is not None or rule.domain is not None:
        return False
    return rule.field is None or rule.field == change.field


def annotate(result: Diff, records: Sequence[AdjustmentRecord]) -> None:
    """Group splits and merges named by ``records`` and list, on every change, the records accounting for it.

    A split or merge is grouped only when all its sources were removed and all its targets added; otherwise the
    removals and additions stay as they are (see :func:`gpcatalog.history.check_records` for the error).
    """
    for record in records:
        for rule in record.changes:
            if rule.type not in (ChangeType.SPLIT, ChangeType.MERGED):
                continue
            removed = {
                c.id: c for c in result.changes if c.type is ChangeType.REMOVED and c.target is Target.ITEM
            }
            added = {
                c.id: c for c in result.changes if c.type is ChangeType.ADDED and c.target is Target.ITEM
            }
            if not all(s in removed for s in rule.sources) or not all(t in added for t in rule.targets):
                continue
            parts = [removed[s] for s in rule.sources] + [added[t] for t in rule.targets]
            first = min(result.changes.index(p) for p in parts)
            names = [removed[s].name or s for s in rule.sources]
            group = Change(
                type=rule.type,
                name="、".join(names),
                domain=parts[0].domain,
                sources=list(rule.sources),
                targets=list(rule.targets),
                parts=parts,
            )
            keep = [c for c in result.changes if all(c is not p for p in parts)]
            keep.insert(min(first, len(keep)), group)
            result.changes = keep
    for change in result.changes:
        change.records = [r.id for r in records if any(covers(rule, change) for rule in r.changes)]
        for part in change.parts:
            part.records = list(change.records)


def check_records(
    found: PackageHistory,
    records: list[AdjustmentRecord],
    changes: Diff,
    old: Catalogue | None,
    new: Catalogue,
) -> list[Issue]:
    """Check adjustment records against the two versions they describe.

    Reports records that are drafts, that still hold a placeholder ``(待填写)`` in a field, that name an id
    neither version has, whose split or merge targets do not exist (or whose sources still do), and that claim a
    change the data does not show.
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
                "还是草稿(draft: true):把每个“(待填写)”换成实际内容后删去 draft 一行",
                "draft",
            )
        for path, label, value in placeholders(record):
            add("record-placeholder", record, f"{label}还是占位文字“{value}”,{_fill_hint(path)}", *path)
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


def _fill_hint(path: tuple[str | int, ...]) -> str:
    """What to do with a placeholder at ``path`` of a record: fill it in, or delete the line if it may be left out."""
    if path == ("trigger", "title"):
        return "请填写;没有触发文件时删去 trigger 一段"
    info = AdjustmentRecord.model_fields.get(str(path[0]))
    if len(path) == 1 and info is not None and info.is_required():
        return "请填写后再发布"
    return "请填写;没有时删去这一行"


def _contradiction(rule: RecordChange) -> str:
    if rule.sources:
        what = f"{'、'.join(rule.sources)} → {'、'.join(rule.targets)}"
        return f"记录说“{CHANGE_LABELS[rule.type]} {what}”,但两个版本之间没有这一变化"
    what = rule.item or rule.domain or "目录"
    field_label = f" 的{FIELD_LABELS.get(rule.field, rule.field)}" if rule.field else ""
    return f"记录说“{CHANGE_LABELS[rule.type]} {what}{field_label}”,但两个版本之间没有这一变化"


def explained_diff(
    old: Catalogue,
    new: Catalogue,
    records: Sequence[AdjustmentRecord],
    *,
    old_label: str | None = None,
    new_label: str | None = None,
) -> Diff:
    """Return :func:`gpcatalog.changes.diff` of ``old`` and ``new`` annotated with ``records`` (see :func:`annotate`)."""
    result = diff(old, new, old_label=old_label, new_label=new_label)
    if records:
        annotate(result, records)
    return result
