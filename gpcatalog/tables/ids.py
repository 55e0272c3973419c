"""Ids of imported rows: ids are forever, so the ids a workbook carries always win, a copied row does not take its
source's id, rows without one are paired by name only with the catalogue they are matched to, and a new id is never
one used before.

1. *Carried ids.* Each id the table carries goes to one item. When several rows carry it (a row copied in Excel
   takes the hidden 事项编号 of its source), the one whose visible name (then 一级事项) is still the one the id had
   in ``match`` or in the workbook's metadata keeps it; on a tie the first in the table. A 一级事项 takes the
   一级事项编号 most of its rows carry.
2. *Inferred ids.* Rows left without an id are paired by domain, path and name (:func:`~gpcatalog.changes.match.
   infer_pairs`) with the items of ``match`` whose ids no row carries. A table whose hidden columns the clerk
   deleted first takes the ids of the rows it was exported with (the workbook's metadata), aligned by name
   (:func:`align_rows`).
3. *New ids.* The rest get ``<code>-<NNN>`` in table order, NNN counting on from the highest number of that domain
   among the reserved ids (all the package ever used), the ids of ``match``, of the workbook's metadata and of the
   table: an id deleted a moment ago is never given to a new row.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from gpcatalog.changes.match import Node, infer_pairs
from gpcatalog.model import Item
from gpcatalog.parsing.text import match_key
from gpcatalog.schema.report import Severity
from gpcatalog.tables.cells import Out, Row
from gpcatalog.tables.groups import Entry


@dataclass(frozen=True)
class Known:
    """What an id was before the clerk's edits: its name and its 一级事项."""

    name: str | None
    parent: str | None


def resolve_ids(
    plans: list[tuple[str, list[Entry]]],
    out: Out,
    *,
    known: dict[str, Known],
    bases: dict[str, dict[str, Node]],
    reserved: Collection[str] = (),
) -> None:
    """Give every entry of ``plans`` (domain code → its 一级事项 entries) its id, in place."""
    tops = [(code, e) for code, entries in plans for e in entries]
    current = {i for base in bases.values() for i in base}
    retired = set(reserved) - current if current else set()  # used once, since removed: never given again
    taken: dict[str, Entry] = {}
    _claim([e for _c, e in tops], known, taken, out, parents=None, retired=retired)
    parents = {id(c): top for _c, top in tops for c in top.children}
    _claim([c for _c, top in tops for c in top.children], known, taken, out, parents=parents, retired=retired)
    used = set(reserved) | set(taken) | set(known)
    for code, entries in plans:
        base = bases.get(code)
        if base:
            _infer(code, entries, base, taken)
            used |= set(base)
    for code, entries in plans:
        highest = _highest(code, used)
        for entry in (e for top in entries for e in top.walk()):
            if entry.id is None:
                highest += 1
                entry.id = f"{code}-{highest:03d}"
                used.add(entry.id)


def _claim(
    entries: list[Entry],
    known: dict[str, Known],
    taken: dict[str, Entry],
    out: Out,
    parents: dict[int, Entry] | None,
    retired: set[str] | None = None,
) -> None:
    """Carried ids, best claimant first: the visible name the id had, the 一级事项 it had, how many rows carry it.
    A ``retired`` id (the package used it once and removed it) is never taken again: the row becomes a new item."""
    claims: list[tuple[tuple[bool, bool, int, int], int, str]] = []
    for order, entry in enumerate(entries):
        rows = entry.rows or [entry.row]
        for carried in entry.carried:
            if retired and carried in retired:
                out.add(
                    "retired-id",
                    Severity.WARNING,
                    f"这一行带着编号 {carried},它在本目录包中用过、后来删除了;编号不复用,这一行作为新事项导入,"
                    "分配新编号",
                    entry.row.sheet,
                    entry.row.number,
                )
                continue
            was = known.get(carried)
            name_ok = was is None or match_key(was.name or "") == match_key(entry.name or "")
            parent = parents.get(id(entry)) if parents is not None else None
            parent_ok = was is None or parent is None or parent.id == was.parent
            key = "parent_id" if entry.children else "id"
            count = sum(1 for r in rows if r.cells.get(key) == carried)
            claims.append(((name_ok, parent_ok, count, -order), order, carried))
    claims.sort(key=lambda c: c[0], reverse=True)
    for _score, order, carried in claims:
        entry = entries[order]
        if entry.id is None and carried not in taken:
            entry.id = carried
            taken[carried] = entry
    for entry in entries:
        if entry.id is None and entry.carried and not (retired and entry.carried[0] in retired):
            first = taken.get(entry.carried[0])
            source = f"与第{first.row.number}行" if first is not None else ""
            out.add(
                "copied-id",
                Severity.INFO,
                f"这一行{source}带着相同的隐藏事项编号 {entry.carried[0]}(复制的行),作为新事项导入,分配新编号",
                entry.row.sheet,
                entry.row.number,
            )


def _infer(code: str, entries: list[Entry], base: dict[str, Node], taken: dict[str, Entry]) -> None:
    """Pair entries without an id with the items of ``base`` no row carries, by domain, path and name."""
    new: dict[str, Node] = {}
    keys: dict[str, Entry] = {}

    def key_of(entry: Entry) -> str:
        return entry.id or f"~{id(entry)}"

    for position, top in enumerate(entries):
        new[key_of(top)] = Node(Item.model_construct(id=key_of(top), name=top.name), code, None, position, ())
        keys[key_of(top)] = top
        for place, child in enumerate(top.children):
            item = Item.model_construct(id=key_of(child), name=child.name)
            new[key_of(child)] = Node(item, code, key_of(top), place, (top.name or key_of(top),))
            keys[key_of(child)] = child
    removed = [i for i in base if i not in taken]
    added = [k for k, e in keys.items() if e.id is None]
    for old, key in infer_pairs(base, new, removed, added).items():
        keys[key].id = old
        taken[old] = keys[key]


def _highest(code: str, ids: Iterable[str]) -> int:
    pattern = re.compile(rf"{re.escape(code)}-(\d+)")
    return max((int(m.group(1)) for i in ids if (m := pattern.fullmatch(i))), default=0)


def align_rows(rows: list[Row], exported: list[list[Any]]) -> None:
    """A table whose hidden columns the clerk deleted: give its rows the ids of the rows the workbook was exported
    with (its metadata), aligned in order by name; a run of renamed rows pairs one to one. Rows typed in stay
    without ids."""
    names = [match_key(str(r.cells.get("level2") or r.cells.get("level1") or "")) for r in rows]
    before = [match_key(str(r[3] or (r[2] if not r[1] else "") or "")) for r in exported]
    for tag, i0, i1, j0, j1 in SequenceMatcher(None, names, before, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i1 - i0 == j1 - j0):
            for row, (item_id, parent, *_rest) in zip(rows[i0:i1], exported[j0:j1], strict=True):
                row.cells.setdefault("id", str(item_id or ""))
                row.cells.setdefault("parent_id", str(parent or ""))
