"""Typed differences between two catalogues.

Items are matched by id: an item whose id is kept but whose name changed is *renamed*; one whose parent or place
among its siblings changed is *moved* (the siblings that merely shift because of an insertion are not); every other
field that changed is *modified*, with the field named. The same channels ticked in another order are the same
channels: a table has tick columns, not an order. Splits and merges are never guessed: adjustment records
group the removal of the sources and the addition of the targets (:func:`gpcatalog.history.annotate`). Between two
catalogues that do not share ids (a county catalogue against the national one), unmatched items are paired by
domain, path and name, and every change found through such a pair is marked ``inferred``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from operator import itemgetter
from typing import Any

from pydantic import BaseModel

from gpcatalog.changes.match import flatten, infer_pairs, longest_increasing, moved_items
from gpcatalog.changes.models import Change, Detail, Diff, Place
from gpcatalog.changes.vocabulary import CATALOGUE_FIELDS, DOMAIN_FIELDS, ITEM_FIELDS, ChangeType, Target
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.parsing.basis import Basis, Citation, document_key
from gpcatalog.parsing.deadline import Deadline
from gpcatalog.store.package import domain_to_data, item_field_data, item_to_data


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


_ITEM_VALUES = itemgetter(*ITEM_FIELDS)


def diff(
    old: Catalogue,
    new: Catalogue,
    *,
    domains: Sequence[str] | None = None,
    infer: bool | None = None,
    old_label: str | None = None,
    new_label: str | None = None,
) -> Diff:
    """Return the typed changes that turn ``old`` into ``new``.

    Args:
        old, new: the catalogues to compare (two versions of one catalogue, or any two catalogues).
        domains: limit the comparison to these domains (code, name or number).
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

    before, after = flatten(old_domains), flatten(new_domains)
    removed = [i for i in before if i not in after]
    added_set = {i for i in after if i not in before}
    pairs: dict[str, str] = {}
    if infer if infer is not None else old.id != new.id:
        pairs = infer_pairs(before, after, removed, [i for i in after if i in added_set])
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

    moved = moved_items(before, after, new_of, old_of)
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
        domain_names={d.code: d.name for d in [*old_domains, *new_domains]},
    )
    return diff_result


def _same_ticks(old: Sequence[Any] | None, new: Sequence[Any] | None) -> bool:
    """True when two channel lists tick the same channels: the order is not a change (the table has none)."""
    return old is not None and new is not None and sorted(map(str, old)) == sorted(map(str, new))


def _item_field_changes(old: Item, new: Item, common: dict[str, Any]) -> list[Change]:
    found: list[Change] = []
    old_values, new_values = old.__dict__, new.__dict__
    for field in ITEM_FIELDS:
        before, after = old_values[field], new_values[field]
        if before == after or (field == "channels" and _same_ticks(before, after)):
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
    order = longest_increasing([before[code][0] for code in kept])
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
    values = {side: domain_meta(domain), f"{side}_place": Place(domain=domain.code, position=position)}
    return Change(
        type=kind, target=Target.DOMAIN, id=domain.code, name=domain.name, domain=domain.code, **values
    )


def domain_meta(domain: Domain) -> dict[str, Any]:
    data = domain_to_data(domain)
    data.pop("items", None)
    return data
