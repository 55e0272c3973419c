"""How a derived catalogue stands against its base: what it drops, adds and changes (deviation), and moving it
onto a newer base version (rebase), with conflicts listed before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gpcatalog.changes import Diff, Target, diff
from gpcatalog.errors import DerivedError
from gpcatalog.loading import compile_catalogue, load
from gpcatalog.store.atomic import write_atomic
from gpcatalog.store.lock import package_lock
from gpcatalog.store.reference import CATALOGUE_FILE, resolve_location


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


def rebase(location: str | Path, to: str, *, write: bool = True) -> Rebase:
    """Move a derived catalogue onto base ``to``: local changes apply where the base did not change the same thing;
    conflicts (a modified or parent item the new base removed, a field both sides changed, a new id the base now
    uses) are listed and nothing is written.
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
                conflicts.append(f"事项 {change.item} 的{name}:本地和新基础目录都改了")
    for removal in compiled.overlay.remove:
        if removal.item in removed:
            resolved.append(f"本地删除的事项 {removal.item} 新基础目录也已删除")
    for addition in compiled.overlay.add:
        if addition.parent is not None and addition.parent in removed:
            conflicts.append(f"本地新增事项的上级 {addition.parent} 在新基础目录中已删除")
        if str(addition.item.get("id")) in new_ids:
            conflicts.append(f"本地新增事项的编号 {addition.item.get('id')} 在新基础目录中已被使用")
    if write and not conflicts:
        _set_base(location, to)
    return Rebase(old_reference, to, conflicts, resolved, changes)


def _set_base(location: str | Path, to: str) -> None:
    _display, folder = resolve_location(location)
    if not isinstance(folder, Path):
        raise DerivedError("安装包内的只读数据不能修改")
    path = folder / CATALOGUE_FILE
    with package_lock(folder, f"gpcatalog rebase --to {to}"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        text = "".join(f"base: {to}\n" if line.startswith("base:") else line for line in lines)
        write_atomic(path, text)
