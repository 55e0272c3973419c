"""Which item of one catalogue is which item of the other: every item flattened with its place, pairs inferred by
domain, path and name when the ids differ, and the items that really moved among siblings that stayed."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gpcatalog.changes.models import Place
from gpcatalog.model import Domain, Item
from gpcatalog.parsing.text import match_key


@dataclass(slots=True)
class Node:
    item: Item
    domain: str
    parent: str | None
    position: int
    path: tuple[str, ...]

    def place(self, parent: str | None = None) -> Place:
        return Place(
            domain=self.domain,
            parent=self.parent if parent is None else parent,
            position=self.position,
            path=[p for p in self.path],
        )


def flatten(domains: Iterable[Domain]) -> dict[str, Node]:
    """Every item by id, in reading order (depth-first), with its domain, parent, place and path."""
    nodes: dict[str, Node] = {}
    for domain in domains:
        code = domain.code
        stack: list[tuple[Iterator[tuple[int, Item]], str | None, tuple[str, ...]]] = [
            (enumerate(domain.items), None, ())
        ]
        while stack:
            children, parent, path = stack[-1]
            for position, item in children:
                nodes[item.id] = Node(item, code, parent, position, path)
                if item.children:
                    stack.append((enumerate(item.children), item.id, (*path, item.name or item.id)))
                    break
            else:
                stack.pop()
    return nodes


def infer_pairs(
    old: dict[str, Node], new: dict[str, Node], removed: list[str], added: list[str]
) -> dict[str, str]:
    """Pair unmatched items across catalogues with different ids, most specific evidence first.

    1. same domain, same path of names, same name: the k-th such item on one side pairs with the k-th on the
       other when both sides have the same number of them (tables repeat a 一级事项 name for each source);
    2. same domain and name, unique on both sides; 3. same name, unique on both sides;
    4. a parent whose paired children all come from one unpaired parent of the same name;
    5. items without a name: same (already paired) parent and the same place among its children.
    """
    pairs: dict[str, str] = {}

    def key_of(node: Node, level: int) -> tuple[str | None, ...] | None:
        if node.item.name is None:
            return None
        name = match_key(node.item.name)
        if level == 0:
            return (node.domain, *(match_key(p) for p in node.path), name)
        return (node.domain, name) if level == 1 else (name,)

    for level in range(3):
        taken = set(pairs.values())
        by_old: dict[tuple[str | None, ...], list[str]] = defaultdict(list)
        by_new: dict[tuple[str | None, ...], list[str]] = defaultdict(list)
        for i in removed:
            key = key_of(old[i], level) if i not in pairs else None
            if key is not None:
                by_old[key].append(i)
        for i in added:
            key = key_of(new[i], level) if i not in taken else None
            if key is not None:
                by_new[key].append(i)
        for key, olds in by_old.items():
            news = by_new.get(key, [])
            if len(olds) == len(news) and (level == 0 or len(olds) == 1):
                pairs.update(zip(olds, news, strict=True))
    # 4. a parent whose paired children all come from one unpaired parent of the same name (two parents of one
    #    name in a domain, only one of them left): the children are the evidence.
    back = {n: o for o, n in pairs.items()}
    children: dict[str, list[str]] = defaultdict(list)
    for i, node in new.items():
        if node.parent is not None:
            children[node.parent].append(i)
    taken = set(pairs.values())
    removed_set = set(removed)
    for i in added:
        if i in taken or not children.get(i):
            continue
        parents = {old[back[c]].parent for c in children[i] if c in back}
        if len(parents) != 1:
            continue
        (candidate,) = parents
        if candidate is None or candidate in pairs or candidate not in removed_set:
            continue
        if match_key(old[candidate].item.name or "") == match_key(new[i].item.name or ""):
            pairs[candidate] = i
            taken.add(i)
    taken = set(pairs.values())
    by_place = {
        (new[i].domain, new[i].parent, new[i].position): i
        for i in added
        if i not in taken and new[i].item.name is None
    }
    for i in removed:
        node = old[i]
        if i in pairs or node.item.name is not None:
            continue
        parent = pairs.get(node.parent, node.parent) if node.parent is not None else None
        match = by_place.pop((node.domain, parent, node.position), None)
        if match is not None:
            pairs[i] = match
    return pairs


def longest_increasing(values: list[int]) -> set[int]:
    """Return the indexes (into ``values``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        at = bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[at] = value
            tail_index[at] = index
        previous[index] = tail_index[at - 1] if at else -1
    keep: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        keep.add(index)
        index = previous[index]
    return keep


def moved_items(
    before: dict[str, Node], after: dict[str, Node], new_of: dict[str, str], old_of: dict[str, str]
) -> set[str]:
    """Return the new ids of matched items that changed parent, or changed order among siblings that stayed.

    Among the siblings that kept their parent, the longest run still in the old order stays put; only the others
    moved, so an insertion or a removal does not make every later sibling "moved".
    """
    moved: set[str] = set()
    siblings: dict[tuple[str, str | None], list[tuple[str, int]]] = defaultdict(list)
    for new_id, now in after.items():  # reading order: siblings come in their new order
        old_id = old_of.get(new_id)
        if old_id is None:
            continue
        was = before[old_id]
        old_parent = new_of.get(was.parent) if was.parent is not None else None
        if (
            was.domain != now.domain
            or old_parent != now.parent
            or (was.parent is not None and old_parent is None)
        ):
            moved.add(new_id)
        else:
            siblings[(now.domain, now.parent)].append((new_id, was.position))
    for entries in siblings.values():
        positions = [position for _id, position in entries]
        if len(positions) < 2 or positions == sorted(positions):
            continue
        keep = longest_increasing(positions)
        moved.update(new_id for index, (new_id, _p) in enumerate(entries) if index not in keep)
    return moved
