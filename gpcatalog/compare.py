"""Typed differences between two catalogues, and applying them: ``apply(a, diff(a, b)) == b``.

Items are matched by id: an item whose id is kept but whose name changed is *renamed*; one whose parent or place
among its siblings changed is *moved* (the siblings that merely shift because of an insertion are not); every other
field that changed is *modified*, with the field named. Splits and merges are never guessed: they come from
adjustment records (:mod:`gpcatalog.adjustment`), which group the removal of the sources and the addition of the
targets. Between two catalogues that do not share ids (a county catalogue against the national one), unmatched
items are paired by domain, path and name, and every change found through such a pair is marked ``inferred``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from gpcatalog.adjustment import AdjustmentRecord, ChangeType, RecordChange
from gpcatalog.changes import (
    CATALOGUE_FIELDS,
    DOMAIN_FIELDS,
    ITEM_FIELDS,
    Change,
    Detail,
    Diff,
    Place,
    Target,
)
from gpcatalog.errors import GpCatalogError
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.parsing.basis import Basis, Citation, document_key
from gpcatalog.parsing.deadline import Deadline
from gpcatalog.parsing.text import match_key
from gpcatalog.store.package import domain_to_data, item_field_data, item_to_data


class DiffError(GpCatalogError, ValueError):
    """A change list that cannot be applied to the catalogue given (it was made from another one)."""


# --- flattening -----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
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


def _flatten(domains: Iterable[Domain]) -> dict[str, _Node]:
    """Every item by id, in reading order (depth-first), with its domain, parent, place and path."""
    nodes: dict[str, _Node] = {}
    for domain in domains:
        code = domain.code
        stack: list[tuple[Iterator[tuple[int, Item]], str | None, tuple[str, ...]]] = [
            (enumerate(domain.items), None, ())
        ]
        while stack:
            children, parent, path = stack[-1]
            for position, item in children:
                nodes[item.id] = _Node(item, code, parent, position, path)
                if item.children:
                    stack.append((enumerate(item.children), item.id, (*path, item.name or item.id)))
                    break
            else:
                stack.pop()
    return nodes


def _select(catalogue: Catalogue, keys: Sequence[str] | None) -> list[Domain]:
    if keys is None:
        return list(catalogue.domains)
    wanted: set[str] = set()
    for key in keys:
        wanted.add(catalogue.domain(key).code)
    return [domain for domain in catalogue.domains if domain.code in wanted]


def _domain_codes(old: Catalogue, new: Catalogue, keys: Sequence[str]) -> list[str]:
    codes: list[str] = []
    for key in keys:
        for catalogue in (new, old):
            try:
                codes.append(catalogue.domain(key).code)
                break
            except KeyError:
                continue
        else:
            catalogue.domain(key)  # raises UnknownDomainError naming the domains there are
    return codes


# --- values and details ---------------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    return value


def _citation_label(citation: Citation) -> str:
    return f"《{citation.title}》" + (f"({citation.doc_no})" if citation.doc_no else "")


def _basis_detail(old: list[Basis] | None, new: list[Basis] | None) -> Detail:
    def cited(entries: list[Basis] | None) -> dict[str, Citation]:
        return {document_key(c): c for b in entries or [] for c in b.citations}

    before, after = cited(old), cited(new)
    detail = Detail(
        added=[_citation_label(c) for k, c in after.items() if k not in before],
        removed=[_citation_label(c) for k, c in before.items() if k not in after],
    )
    if not detail.added and not detail.removed:
        detail.new_text = "引用的文件相同,只有文字变化"
    return detail


def _deadline_text(deadline: Deadline | None) -> str | None:
    return deadline.describe() if deadline is not None else None


def _lines_detail(old: Sequence[Any] | None, new: Sequence[Any] | None) -> Detail:
    before, after = [str(v) for v in old or []], [str(v) for v in new or []]
    return Detail(added=[v for v in after if v not in before], removed=[v for v in before if v not in after])


def _item_detail(field: str, old: Item, new: Item) -> Detail | None:
    if field == "basis":
        return _basis_detail(old.basis, new.basis)
    if field == "deadline":
        return Detail(old_text=_deadline_text(old.deadline), new_text=_deadline_text(new.deadline))
    if field in ("channels", "contents", "caveats"):
        return _lines_detail(getattr(old, field), getattr(new, field))
    return None


# --- matching -------------------------------------------------------------------------------------------------


def _infer_pairs(
    old: dict[str, _Node], new: dict[str, _Node], removed: list[str], added: list[str]
) -> dict[str, str]:
    """Pair unmatched items across catalogues with different ids, most specific evidence first.

    1. same domain, same path of names, same name: the k-th such item on one side pairs with the k-th on the
       other when both sides have the same number of them (tables repeat a 一级事项 name for each source);
    2. same domain and name, unique on both sides; 3. same name, unique on both sides;
    4. a parent whose paired children all come from one unpaired parent of the same name;
    5. items without a name: same (already paired) parent and the same place among its children.
    """
    pairs: dict[str, str] = {}

    def key_of(node: _Node, level: int) -> tuple[str | None, ...] | None:
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


def _longest_increasing(values: list[int]) -> set[int]:
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


_ITEM_VALUES = itemgetter(*ITEM_FIELDS)

# --- diff -----------------------------------------------------------------------------------------------------


def diff(
    old: Catalogue,
    new: Catalogue,
    *,
    domains: Sequence[str] | None = None,
    records: Sequence[AdjustmentRecord] = (),
    infer: bool | None = None,
    old_label: str | None = None,
    new_label: str | None = None,
) -> Diff:
    """Return the typed changes that turn ``old`` into ``new``.

    Args:
        old, new: the catalogues to compare (two versions of one catalogue, or any two catalogues).
        domains: limit the comparison to these domains (code, name or number).
        records: adjustment records; their splits and merges group the matching removals and additions, and
            every change a record accounts for lists the record's id in ``records``.
        infer: pair items whose ids differ by domain, path and name. By default only when the two catalogues
            have different ids (a county catalogue against the national one).
        old_label, new_label: how the result names the two sides (default: ``id@version``).

    Returns:
        A :class:`Diff`; ``bool(result)`` is False when there is no difference.

    Raises:
        UnknownDomainError: a domain in ``domains`` is in neither catalogue.
    """
    codes = _domain_codes(old, new, domains) if domains is not None else None
    old_domains = [d for d in old.domains if codes is None or d.code in codes]
    new_domains = [d for d in new.domains if codes is None or d.code in codes]
    changes: list[Change] = []
    if codes is None:
        changes.extend(_catalogue_changes(old, new))
    changes.extend(_domain_changes(old_domains, new_domains))

    before, after = _flatten(old_domains), _flatten(new_domains)
    removed = [i for i in before if i not in after]
    added_set = {i for i in after if i not in before}
    pairs: dict[str, str] = {}
    if infer if infer is not None else old.id != new.id:
        pairs = _infer_pairs(before, after, removed, [i for i in after if i in added_set])
        removed = [i for i in removed if i not in pairs]
        added_set -= set(pairs.values())
    new_of = {i: i for i in before if i in after}
    new_of.update(pairs)
    old_of = {n: o for o, n in new_of.items()}

    for item_id in removed:
        node = before[item_id]
        changes.append(
            Change(
                type=ChangeType.REMOVED,
                id=item_id,
                name=node.item.name,
                domain=node.domain,
                old=item_to_data(node.item, children=False),
                old_place=node.place(),
            )
        )

    moved = _moved(before, after, new_of, old_of)
    for item_id, node in after.items():
        if item_id in added_set:
            changes.append(
                Change(
                    type=ChangeType.ADDED,
                    id=item_id,
                    name=node.item.name,
                    domain=node.domain,
                    new=item_to_data(node.item, children=False),
                    new_place=node.place(),
                )
            )
            continue
        old_id = old_of[item_id]
        was = before[old_id]
        is_moved = item_id in moved
        if not is_moved and _ITEM_VALUES(was.item.__dict__) == _ITEM_VALUES(node.item.__dict__):
            continue  # the common case, decided by one tuple comparison in C
        inferred = old_id != item_id
        common = {"id": item_id, "domain": node.domain, "inferred": inferred}
        if inferred:
            common["old_id"] = old_id
        if is_moved:
            changes.append(
                Change(
                    type=ChangeType.MOVED,
                    name=node.item.name,
                    old_place=was.place(),
                    new_place=node.place(),
                    **common,
                )
            )
        changes.extend(_item_field_changes(was.item, node.item, common))

    diff_result = Diff(
        old=old_label or f"{old.id}@{old.version}",
        new=new_label or f"{new.id}@{new.version}",
        domains=codes,
        changes=changes,
    )
    if records:
        annotate(diff_result, records)
    return diff_result


def _moved(
    before: dict[str, _Node], after: dict[str, _Node], new_of: dict[str, str], old_of: dict[str, str]
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
        keep = _longest_increasing(positions)
        moved.update(new_id for index, (new_id, _p) in enumerate(entries) if index not in keep)
    return moved


def _item_field_changes(old: Item, new: Item, common: dict[str, Any]) -> list[Change]:
    found: list[Change] = []
    old_values, new_values = old.__dict__, new.__dict__
    for field in ITEM_FIELDS:
        before, after = old_values[field], new_values[field]
        if before == after:
            continue
        if field == "name":
            found.append(Change(type=ChangeType.RENAMED, name=new.name, old=before, new=after, **common))
            continue
        found.append(
            Change(
                type=ChangeType.MODIFIED,
                name=new.name,
                field=field,
                old=item_field_data(old, field),
                new=item_field_data(new, field),
                detail=_item_detail(field, old, new),
                **common,
            )
        )
    return found


def _catalogue_changes(old: Catalogue, new: Catalogue) -> list[Change]:
    found = []
    for field in CATALOGUE_FIELDS:
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            found.append(
                Change(
                    type=ChangeType.MODIFIED,
                    target=Target.CATALOGUE,
                    id=new.id,
                    name=new.title,
                    field=field,
                    old=_json(before),
                    new=_json(after),
                )
            )
    return found


def _domain_changes(old: list[Domain], new: list[Domain]) -> list[Change]:
    found: list[Change] = []
    before = {d.code: (i, d) for i, d in enumerate(old)}
    after = {d.code: (i, d) for i, d in enumerate(new)}
    for code, (index, domain) in before.items():
        if code not in after:
            found.append(_whole_domain(ChangeType.REMOVED, domain, index))
    kept = [code for code in after if code in before]
    order = _longest_increasing([before[code][0] for code in kept])
    for code, (position, domain) in after.items():
        if code not in before:
            found.append(_whole_domain(ChangeType.ADDED, domain, position))
            continue
        was = before[code][1]
        if kept.index(code) not in order:
            found.append(
                Change(
                    type=ChangeType.MOVED,
                    target=Target.DOMAIN,
                    id=code,
                    name=domain.name,
                    domain=code,
                    old_place=Place(domain=code, position=before[code][0]),
                    new_place=Place(domain=code, position=position),
                )
            )
        for field in DOMAIN_FIELDS:
            old_value, new_value = getattr(was, field), getattr(domain, field)
            if old_value != new_value:
                kind = ChangeType.RENAMED if field == "name" else ChangeType.MODIFIED
                found.append(
                    Change(
                        type=kind,
                        target=Target.DOMAIN,
                        id=code,
                        name=domain.name,
                        domain=code,
                        field=None if kind is ChangeType.RENAMED else field,
                        old=_json(old_value),
                        new=_json(new_value),
                    )
                )
    return found


def _whole_domain(kind: ChangeType, domain: Domain, position: int) -> Change:
    """A domain added or removed: its own fields (its items are separate changes) and its place."""
    side = "new" if kind is ChangeType.ADDED else "old"
    values = {side: _domain_meta(domain), f"{side}_place": Place(domain=domain.code, position=position)}
    return Change(
        type=kind, target=Target.DOMAIN, id=domain.code, name=domain.name, domain=domain.code, **values
    )


def _domain_meta(domain: Domain) -> dict[str, Any]:
    data = domain_to_data(domain)
    data.pop("items", None)
    return data


# --- adjustment records ---------------------------------------------------------------------------------------


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


# --- apply ----------------------------------------------------------------------------------------------------


def apply(old: Catalogue, changes: Diff | Iterable[Change]) -> Catalogue:
    """Return a new catalogue: ``old`` with ``changes`` applied. ``apply(a, diff(a, b)) == b``.

    Raises:
        DiffError: a change names an item or domain ``old`` does not have (the changes were made from another
            catalogue), or adds one it already has; or a change was inferred (paired by name across catalogues
            with different ids), which only describes, never applies.
    """
    flat = [
        part
        for change in (changes.changes if isinstance(changes, Diff) else changes)
        for part in change.flat()
    ]
    inferred = next((change for change in flat if change.inferred), None)
    if inferred is not None:
        raise DiffError(
            f"变化“{inferred.label} {inferred.old_id} → {inferred.id}”是按名称推断的配对,不能直接应用;"
            "推断只用于比较编号不同的两个目录",
            item_id=inferred.id,
        )
    meta: dict[str, Any] = old.model_dump(mode="python", exclude={"domains"})
    domains: dict[str, dict[str, Any]] = {d.code: _domain_meta(d) for d in old.domains}
    domain_order = [d.code for d in old.domains]
    items: dict[str, dict[str, Any]] = {}
    kids: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    where: dict[str, tuple[str, str | None]] = {}
    for domain in old.domains:
        for item_id, node in _flatten([domain]).items():
            items[item_id] = item_to_data(node.item, children=False)
            where[item_id] = (node.domain, node.parent)
        for domain_code, parent, children in _containers(domain):
            kids[(domain_code, parent)] = children
    placing: list[tuple[int, str, Place]] = []
    domain_placing: list[tuple[int, str]] = []

    def need(item_id: str | None, change: Change) -> str:
        if item_id is None or item_id not in items:
            raise DiffError(f"无法应用“{change.label}”:目录 {old.id} 中没有事项“{item_id}”", item_id=item_id)
        return item_id

    for change in flat:
        if change.target is Target.CATALOGUE:
            meta[change.field or ""] = change.new
        elif change.target is Target.DOMAIN:
            code = change.id or ""
            if change.type is ChangeType.ADDED:
                domains[code] = dict(change.new)
                domain_placing.append(
                    ((change.new_place.position if change.new_place else len(domain_order)), code)
                )
            elif code not in domains:
                raise DiffError(f"无法应用“{change.label}”:目录 {old.id} 中没有领域“{code}”")
            elif change.type is ChangeType.REMOVED:
                del domains[code]
                domain_order.remove(code)
            elif change.type is ChangeType.MOVED:
                domain_order.remove(code)
                domain_placing.append(((change.new_place.position if change.new_place else 0), code))
            else:
                domains[code][change.field or "name"] = change.new
        elif change.type is ChangeType.ADDED:
            if change.id is None or change.id in items or change.new_place is None:
                raise DiffError(f"无法应用“新增”:事项“{change.id}”已存在或没有位置", item_id=change.id)
            items[change.id] = dict(change.new)
            placing.append((change.new_place.position, change.id, change.new_place))
        elif change.type is ChangeType.REMOVED:
            item_id = need(change.id, change)
            del items[item_id]
            container = kids.get(where.pop(item_id))
            if container is not None and item_id in container:
                container.remove(item_id)
        else:
            item_id = need(change.id, change)
            if change.type is ChangeType.RENAMED:
                items[item_id]["name"] = change.new
            elif change.type is ChangeType.MODIFIED:
                if change.new is None:
                    items[item_id].pop(change.field or "", None)
                else:
                    items[item_id][change.field or ""] = change.new
            elif change.type is ChangeType.MOVED:
                if change.new_place is None:
                    raise DiffError(f"无法应用“移动”:事项“{item_id}”没有新位置", item_id=item_id)
                container = kids.get(where[item_id])
                if container is not None and item_id in container:
                    container.remove(item_id)
                placing.append((change.new_place.position, item_id, change.new_place))

    for position, item_id, place in sorted(placing, key=lambda p: p[0]):
        where[item_id] = (place.domain, place.parent)
        container = kids[(place.domain, place.parent)]
        container.insert(min(position, len(container)), item_id)
    for position, code in sorted(domain_placing):
        domain_order.insert(min(position, len(domain_order)), code)

    def build(domain_code: str, parent: str | None) -> list[dict[str, Any]]:
        built = []
        for item_id in kids.get((domain_code, parent), []):
            if item_id not in items:
                continue
            data = dict(items[item_id])
            children = build(domain_code, item_id)
            if children:
                data["children"] = children
            built.append(data)
        return built

    data = dict(meta)
    data["domains"] = [
        {**domains[code], "items": build(code, None)} for code in domain_order if code in domains
    ]
    return Catalogue.model_validate(data)


def _containers(domain: Domain) -> Iterable[tuple[str, str | None, list[str]]]:
    yield domain.code, None, [item.id for item in domain.items]
    for _depth, item in domain.walk():
        if item.children:
            yield domain.code, item.id, [child.id for child in item.children]
