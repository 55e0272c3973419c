"""What became of an item that is no longer in the catalogue: the version that removed it (or split or merged it
away), its release date and the adjustment records that account for it. Ids are never reused, so an id that was
once released and is gone now has exactly one such story."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from gpcatalog.changes import ChangeType, Diff, Target
from gpcatalog.history.explain import explained_diff
from gpcatalog.history.models import AdjustmentRecord, VersionEntry
from gpcatalog.history.package import PackageHistory, open_history, records_between
from gpcatalog.loading import load
from gpcatalog.model import Catalogue
from gpcatalog.store.reference import split_reference

_VERBS = {ChangeType.REMOVED: "删除", ChangeType.SPLIT: "拆分为", ChangeType.MERGED: "合并入"}


@dataclass
class Removal:
    """An item removed from a catalogue: when, how and by which adjustment records."""

    item_id: str
    name: str | None
    domain: str
    """The code of the domain that held it."""
    domain_name: str
    path: list[str]
    """The names of its 一级事项 (and further parents) when it was last there, from the top."""
    parents: list[str]
    """The ids of those parents."""
    last_version: str | None
    """The last released version that still has it (None: it was never released)."""
    version: str | None
    """The version that no longer has it (None: removed in the working copy, not yet released)."""
    date: dt.date | None
    """The release date of :attr:`version`."""
    kind: ChangeType = ChangeType.REMOVED
    """``removed``, or ``split``/``merged`` when a record says it became :attr:`targets`."""
    targets: list[str] = field(default_factory=list)
    records: list[AdjustmentRecord] = field(default_factory=list)

    def sentence(self) -> str:
        """``已于 2026.2 删除,调整记录 2026-003`` (``已在工作副本中删除(尚未发布)``, ``已于 2026.2 拆分为 …``)."""
        when = f"已于 {self.version} " if self.version else "已在工作副本中"
        verb = _VERBS.get(self.kind, "删除")
        targets = "、".join(self.targets) if self.kind is not ChangeType.REMOVED else ""
        pending = "" if self.version else "(尚未发布)"
        records = "、".join(r.id for r in self.records)
        return f"{when}{verb}{targets}{pending}," + (f"调整记录 {records}" if records else "没有调整记录")

    def to_data(self) -> dict[str, object]:
        """JSON-ready data (the records by id; the package's adjustments.yaml holds them in full)."""
        return {
            "id": self.item_id,
            "name": self.name,
            "domain": self.domain,
            "path": self.path,
            "parents": self.parents,
            "last_version": self.last_version,
            "version": self.version,
            "date": self.date.isoformat() if self.date else None,
            "type": self.kind.value,
            "targets": self.targets,
            "records": [r.id for r in self.records],
        }


def removals_in(
    result: Diff,
    found: PackageHistory,
    last: VersionEntry | None,
    entry: VersionEntry | None,
    before: Catalogue,
) -> list[Removal]:
    """The items a diff between version ``last`` and ``entry`` (None: the working copy) takes away.

    ``result`` is the annotated diff (:func:`gpcatalog.history.explained_diff`); ``before`` the older catalogue,
    for the place each item held.
    """
    found_removals: list[Removal] = []
    for change in result.changes:
        if change.type in (ChangeType.SPLIT, ChangeType.MERGED):
            pairs = [(part, change) for part in change.parts if part.type is ChangeType.REMOVED]
        elif change.type is ChangeType.REMOVED and change.target is Target.ITEM:
            pairs = [(change, change)]
        else:
            continue
        for part, group in pairs:
            if part.id is None:
                continue
            domain, path = before.locate(part.id)
            found_removals.append(
                Removal(
                    item_id=part.id,
                    name=part.name,
                    domain=domain.code,
                    domain_name=domain.name,
                    path=[p.name or "(名称不可见)" for p in path[:-1]],
                    parents=[p.id for p in path[:-1]],
                    last_version=last.version if last else None,
                    version=entry.version if entry else None,
                    date=entry.release_date if entry else None,
                    kind=group.type,
                    targets=list(group.targets),
                    records=[r for r in (found.record(i) for i in group.records) if r is not None],
                )
            )
    return found_removals


def _has(catalogue: Catalogue, item_id: str) -> bool:
    return any(item.id == item_id for item in catalogue.items())


def item_fate(location: str | Path | None, item_id: str) -> Removal | None:
    """What became of ``item_id``, which the catalogue at ``location`` does not hold.

    Args:
        location: the package, or one of its versions (``national@2026.2``): only versions up to it count.
        item_id: the item's id.

    Returns:
        The :class:`Removal` (version, date, records), or None when the catalogue holds the item or no released
        version ever did.
    """
    base, version = split_reference(str(location) if location is not None else None)
    found = open_history(base)
    entries = list(found.history.versions)
    if version is not None:
        entries = (
            entries[: [e.version for e in entries].index(version) + 1] if found.history.get(version) else []
        )
    head = load(found.reference(version))
    if _has(head, item_id):
        return None
    newer: VersionEntry | None = None
    after = head
    for entry in reversed(entries):
        if entry.version == version:
            newer = entry
            continue
        older = load(found.reference(entry.version))
        if _has(older, item_id):
            records = records_between(found, entry.version, newer.version if newer else None)
            result = explained_diff(older, after, records)
            return next(
                (r for r in removals_in(result, found, entry, newer, older) if r.item_id == item_id), None
            )
        newer, after = entry, older
    return None
