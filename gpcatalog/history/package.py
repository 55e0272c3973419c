"""A package's history as read: released versions and adjustment records, checked for form and unique ids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from gpcatalog.errors import HistoryError
from gpcatalog.history.models import AdjustmentRecord, Adjustments, History, VersionEntry
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.schema.validate import Collector, build_model
from gpcatalog.store.history import ADJUSTMENTS_FILE, HISTORY_FILE
from gpcatalog.store.package import RawFile, read_raw
from gpcatalog.store.reference import DOMAINS_DIR, VERSIONS_DIR, resolve_location, split_reference
from gpcatalog.store.yamlio import read_yaml


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


def ids_ever_used(location: str | Path | None = None) -> set[str]:
    """Return every item id the package has ever used: in its working copy (``domains/``), in every released copy
    (``versions/*/domains/``) and in its adjustment records (an item removed long ago included).

    Ids are forever: a new item must get none of these (see :func:`gpcatalog.tables.read_table`'s ``reserved``).
    The files are read as YAML, not validated: an id counts even in a file that has other problems.

    Raises:
        CatalogueReadError: ``location`` is not a catalogue package, or one of its domain files is not YAML.
        HistoryError: ``adjustments.yaml`` or ``history.yaml`` is malformed.
    """
    found = open_history(location)
    folder = found.folder
    copies: list[Traversable | Path] = [folder]
    released = folder / VERSIONS_DIR
    if released.is_dir():
        copies += sorted((entry for entry in released.iterdir() if entry.is_dir()), key=lambda e: e.name)
    used: set[str] = set()
    for copy in copies:
        domains = copy / DOMAINS_DIR
        if not domains.is_dir():
            continue
        for entry in domains.iterdir():
            if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                data = read_yaml(entry, display=f"{DOMAINS_DIR}/{entry.name}")
                used.update(_item_ids(data.get("items") if isinstance(data, dict) else None))
    for record in found.adjustments.records:
        for change in record.changes:
            used.update(change.ids())
    return used


def _item_ids(items: Any) -> Iterator[str]:
    """The ``id`` of every item in a YAML item list and of their children, at any depth."""
    if not isinstance(items, list):
        return
    for item in items:
        if isinstance(item, dict):
            if isinstance(item.get("id"), str):
                yield item["id"]
            yield from _item_ids(item.get("children"))
