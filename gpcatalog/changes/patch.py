"""Applying a change list to a catalogue: ``apply(a, diff(a, b)) == b``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from gpcatalog.changes.compute import domain_meta
from gpcatalog.changes.match import flatten
from gpcatalog.changes.models import Change, Diff, Place
from gpcatalog.changes.vocabulary import ChangeType, Target
from gpcatalog.errors import DiffError
from gpcatalog.model import Catalogue, Domain
from gpcatalog.store.package import item_to_data


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
    domains: dict[str, dict[str, Any]] = {d.code: domain_meta(d) for d in old.domains}
    domain_order = [d.code for d in old.domains]
    items: dict[str, dict[str, Any]] = {}
    kids: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    where: dict[str, tuple[str, str | None]] = {}
    for domain in old.domains:
        for item_id, node in flatten([domain]).items():
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
