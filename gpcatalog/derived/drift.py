"""How a derived catalogue stands against its base: what it drops, adds and changes (deviation), and moving it
onto a newer base version (rebase), with conflicts listed before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpcatalog.changes import Diff, Target, diff
from gpcatalog.changes.wording import field_label
from gpcatalog.errors import DerivedError, GpCatalogError
from gpcatalog.loading import compile_catalogue, load
from gpcatalog.store.atomic import Transaction
from gpcatalog.store.lock import package_lock
from gpcatalog.store.package import RawFile, read_raw
from gpcatalog.store.reference import CATALOGUE_FILE, OVERLAY_FILE, resolve_location
from gpcatalog.store.yamlio import dump_yaml, parse_yaml


def deviation(location: str | Path) -> Diff:
    """What a derived catalogue drops, adds and changes against its base (metadata left out)."""
    compiled = compile_catalogue(location)
    kept = compiled.overlay.domains
    base = compiled.base
    if kept is not None:
        base = base.model_copy(update={"domains": [d for d in base.domains if d.code in kept]})
    result = diff(
        base, compiled.catalogue, infer=False, old_label=compiled.catalogue.base, new_label=str(location)
    )
    result.changes = [c for c in result.changes if c.target is not Target.CATALOGUE]
    return result


@dataclass
class Rebase:
    """What re-basing a derived catalogue onto a new base version would do."""

    old: str
    new: str
    conflicts: list[str]
    resolved: list[str]
    changes: Diff
    dropped: list[str] = field(default_factory=list)
    """The items whose local removal the new base made too: their entries leave ``overlay.yaml``."""


def rebase(location: str | Path, to: str, *, write: bool = True) -> Rebase:
    """Move a derived catalogue onto base ``to``: local changes apply where the base did not change the same thing;
    conflicts (a modified or parent item the new base removed, a field both sides changed, a new id the base now
    uses, a kept domain the base no longer has) are listed and nothing is written. A local removal of an item the
    new base removed too is done already: its entry leaves ``overlay.yaml`` (the rest of the file, comments
    included, stays as it is), so the re-based catalogue validates.
    """
    compiled = compile_catalogue(location)
    old_reference = compiled.catalogue.base or ""
    new_base = load(to)
    changes = diff(compiled.base, new_base, infer=False)
    removed = {
        c.id
        for c in changes.changes
        for c in c.flat()
        if c.type.value == "removed" and c.target is Target.ITEM
    }
    modified = {
        (c.id, c.field or "name")
        for c in changes.changes
        if c.target is Target.ITEM and c.type.value in ("modified", "renamed")
    }
    new_ids = {item.id for item in new_base.items()}
    conflicts: list[str] = []
    resolved: list[str] = []
    for change in compiled.overlay.modify:
        if change.item in removed:
            conflicts.append(f"本地修改的事项 {change.item} 在新基础目录 {to} 中已删除")
        for name in change.set:
            if (change.item, name) in modified:
                conflicts.append(f"事项 {change.item} 的{field_label(name)}:本地和新基础目录都改了")
    dropped: list[str] = []
    for removal in compiled.overlay.remove:
        if removal.item in removed:
            dropped.append(removal.item)
            resolved.append(
                f"本地删除的事项 {removal.item} 新基础目录也已删除,overlay.yaml 中的这一条随之删去"
            )
    new_domains = {d.code for d in new_base.domains}
    for code in compiled.overlay.domains or []:
        if code not in new_domains:
            conflicts.append(f"本地保留的领域 {code} 在新基础目录 {to} 中已没有")
    for addition in compiled.overlay.add:
        if addition.parent is not None and addition.parent in removed:
            conflicts.append(f"本地新增事项的上级 {addition.parent} 在新基础目录中已删除")
        if str(addition.item.get("id")) in new_ids:
            conflicts.append(f"本地新增事项的编号 {addition.item.get('id')} 在新基础目录中已被使用")
    if write and not conflicts:
        _set_base(location, to, set(dropped))
    return Rebase(old_reference, to, conflicts, resolved, changes, dropped)


def _set_base(location: str | Path, to: str, dropped: set[str]) -> None:
    """Point ``catalogue.yaml`` at ``to`` and drop the removals of ``dropped`` from ``overlay.yaml``, together."""
    _display, folder = resolve_location(location)
    if not isinstance(folder, Path):
        raise DerivedError("安装包内的只读数据不能修改")
    path = folder / CATALOGUE_FILE
    with package_lock(folder, f"gpcatalog rebase --to {to}"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        transaction = Transaction(folder)
        transaction.write(
            Path(CATALOGUE_FILE),
            "".join(f"base: {to}\n" if line.startswith("base:") else line for line in lines),
        )
        if dropped:
            raw = read_raw(folder / OVERLAY_FILE, OVERLAY_FILE)
            if raw.error is not None:
                raise raw.error
            text = (folder / OVERLAY_FILE).read_text(encoding="utf-8")
            transaction.write(Path(OVERLAY_FILE), without_removals(text, raw, dropped))
        transaction.commit()


def without_removals(text: str, raw: RawFile, items: set[str]) -> str:
    """The text of ``overlay.yaml`` without the ``remove`` entries of ``items``; every other line stays.

    Block-style entries are cut out line by line, with the comment lines right above them; when the list is
    written another way, or the cut would not give the expected data, the file is written out again whole, its
    leading comments kept.
    """
    data: dict[str, Any] = dict(raw.data or {})
    entries = list(data.get("remove") or [])
    drop = [i for i, entry in enumerate(entries) if isinstance(entry, dict) and entry.get("item") in items]
    expected = {**data, "remove": [e for i, e in enumerate(entries) if i not in drop]}
    lines = text.splitlines(keepends=True)
    cut = _cut_entries(lines, raw, len(entries), drop)
    if cut is not None:
        try:
            if parse_yaml("".join(cut), OVERLAY_FILE) == expected:
                return "".join(cut)
        except GpCatalogError:
            pass  # any doubt about the cut text: the file is written out again whole
    header = "".join(line for line in _leading(lines) if line.strip().startswith("#") or not line.strip())
    return header + dump_yaml(expected)


def _leading(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line.strip() and not line.strip().startswith("#"):
            return lines[:index]
    return lines


def _blank_or_comment(line: str) -> bool:
    return not line.strip() or line.strip().startswith("#")


def _cut_entries(lines: list[str], raw: RawFile, count: int, drop: list[int]) -> list[str] | None:
    """``lines`` without block-style list entries ``drop`` of ``remove`` (None: the list is not block style)."""
    key_line = raw.position(["remove"])[0]
    places = [raw.position(["remove", i]) for i in range(count)]
    if key_line is None or any(line is None or col is None or line <= key_line for line, col in places):
        return None
    indent = (places[0][1] or 3) - 3  # the column of the "-" marker, counted from 0
    spans: list[tuple[int, int]] = []
    for index in drop:
        start = (places[index][0] or 0) - 1
        if index + 1 < count:
            end = (places[index + 1][0] or 0) - 1
        else:
            end = start + 1
            while end < len(lines) and (
                _blank_or_comment(lines[end]) or len(lines[end]) - len(lines[end].lstrip()) > indent
            ):
                end += 1
        while end > start + 1 and _blank_or_comment(lines[end - 1]):
            end -= 1
        if not lines[start].lstrip().startswith("-"):
            return None
        while start - 1 >= key_line and lines[start - 1].startswith(" " * indent + "#"):
            start -= 1  # the comment right above an entry is about it and goes with it
        spans.append((start, end))
    if len(drop) == count:  # nothing left under remove: an empty list, not a null
        lines = [*lines[: key_line - 1], "remove: []\n", *lines[key_line:]]
    return [line for number, line in enumerate(lines) if not any(a <= number < b for a, b in spans)]
