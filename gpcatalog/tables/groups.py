"""Which rows make one 一级事项: the visible 一级事项 cell decides (docs/tables.md: 导入时以可见内容为准).

A row belongs to the 一级事项 above it when its 一级事项 cell lies in the same merged range, is empty or says 同上
(a cleared cell too), or repeats the name above. The hidden 一级事项编号 column only tells apart what the visible
cells cannot: two adjacent 一级事项 of the same name (the export writes both) and a 一级事项 without a name. A row
copied from elsewhere carries the 一级事项编号 of its source, so that id separates only on its first appearance and
only when the name it was exported with fits the visible cell.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from gpcatalog.schema.report import Severity
from gpcatalog.tables.cells import Out, Row, at, inline


@dataclass
class Entry:
    """One item to be built from the table: the row it is read from, the ids the table carries for it (most
    carried first), its visible name, and for a 一级事项 its 二级事项."""

    row: Row
    name_key: str  # the column holding its name: level1 or level2
    carried: list[str]
    name: str | None
    children: list[Entry] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # a 一级事项: every row of its group
    id: str | None = None

    def walk(self) -> list[Entry]:
        return [self, *(e for child in self.children for e in child.walk())]


@dataclass
class _Group:
    rows: list[Row]
    name: str | None
    merge: int | None
    pids: set[str]


def level1_names(rows: list[Row], exported: dict[str, str | None]) -> dict[str, str | None]:
    """The name each 一级事项编号 was exported with: from the workbook's metadata when it has it, else the name most
    rows carrying that id show."""
    seen: dict[str, Counter[str | None]] = defaultdict(Counter)
    for row in rows:
        pid = top_id(row)
        if pid:
            seen[pid][None if row.level1_blank else inline(row.cells.get("level1", "")) or None] += 1
    names: dict[str, str | None] = {}
    for pid, counts in seen.items():
        named = [(n, c) for n, c in counts.most_common() if n is not None]
        names[pid] = exported[pid] if pid in exported else (named[0][0] if named else None)
    return names


def plan_domain(rows: list[Row], out: Out, exported: dict[str, str | None]) -> list[Entry]:
    """The items of one domain's rows, 一级事项 grouped by their visible cells; ids are only carried, not decided."""
    if rows and "level1" not in rows[0].columns:  # one 事项 column: every row is an item of its own
        return [Entry(r, "level2", _carried([r.cells.get("id")]), _name(r, "level2")) for r in rows]
    names = level1_names(rows, exported)
    groups: list[_Group] = []
    seen: set[str] = set()  # 一级事项编号 carried by the rows of earlier groups
    for row in rows:
        cells = row.cells
        pid = top_id(row)
        if (
            row.level1_blank
            and row.level1_merge is None
            and not (cells.get("level2") or cells.get("id") or pid)
        ):
            out.add(
                "no-name", Severity.WARNING, "一级事项和二级事项都是空的,已跳过这一行", row.sheet, row.number
            )
            continue
        name = None if row.level1_blank else inline(cells.get("level1", "")) or None
        previous = groups[-1] if groups else None
        fresh = bool(pid) and previous is not None and pid not in previous.pids and pid not in seen
        if previous is None:
            same = False
            if name is None and not (pid and names.get(pid) is None):
                at(
                    out,
                    row,
                    "level1",
                    "no-level1",
                    Severity.ERROR,
                    "一级事项是空的,上面又没有一级事项可以沿用(空白视为同上);请填写一级事项名称",
                )
        elif row.level1_merge is not None and row.level1_merge == previous.merge:
            same = True  # inside one merged cell
        elif name is None:  # empty, 同上 or a cleared merged cell: same as above, but for a nameless 一级事项
            same = not (fresh and names.get(pid) is None)
        elif row.level1_merge is not None:
            same = False  # a merged cell of its own
        else:  # the name repeated on each row, as counties type it, or the next of two of one name
            same = name == previous.name and not (fresh and names.get(pid, name) == name)
        if same and previous is not None:
            previous.rows.append(row)
            if pid:
                previous.pids.add(pid)
            previous.merge = row.level1_merge
        else:
            if previous is not None:
                seen |= previous.pids
            groups.append(_Group([row], name, row.level1_merge, {pid} if pid else set()))
    return [_entry(group) for group in groups]


def top_id(row: Row) -> str:
    """The hidden id of the row's 一级事项: its 一级事项编号, or for a 一级事项 without 二级事项 (no 二级事项 name, no
    一级事项编号, in a table that has that column) its own 事项编号."""
    cells = row.cells
    if cells.get("parent_id"):
        return str(cells["parent_id"])
    if "parent_id" in cells and not cells.get("level2"):
        return str(cells.get("id") or "")
    return ""


def _entry(group: _Group) -> Entry:
    first = group.rows[0]
    if len(group.rows) == 1 and not first.cells.get("level2") and not first.cells.get("parent_id"):
        return Entry(first, "level1", _carried([first.cells.get("id")]), group.name)  # no 二级事项
    carried = _carried([r.cells.get("parent_id") for r in group.rows])
    children = [Entry(r, "level2", _carried([r.cells.get("id")]), _name(r, "level2")) for r in group.rows]
    return Entry(first, "level1", carried, group.name, children, list(group.rows))


def _carried(values: list[str | None]) -> list[str]:
    counts = Counter(v for v in values if v)
    return [v for v, _n in counts.most_common()]


def _name(row: Row, key: str) -> str | None:
    return inline(row.cells.get(key, "")) or None
