"""Deadline rules of the items a column publishes, from each item's structured 时限.

- N 个工作日: the N-th official working day after the day the information was formed (that day not counted);
- N 日 (自然日): N calendar days after it;
- 实时: by the next working day;
- 及时, 事件发生时: 20 working days, the general rule of the 政府信息公开条例 (国务院令第711号) 第二十六条;
- 定期 (每季度, 半年, 每20个工作日 …): no per-record deadline; the column is stale when nothing was published for
  longer than the period;
- 长期, 同上, unparsed: not assessed.

A column publishing several items takes the most lenient of their deadlines: a record is late only if it is late
for every item it could belong to.
"""

from __future__ import annotations

import re
from typing import Any

from gpcatalog.columns import ColumnMap, expand
from gpcatalog.model import Catalogue, Item
from gpcatalog.parsing.deadline import DeadlineKind

TIMELY_WORKDAYS = 20
"""政府信息公开条例 第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开."""


PERIOD_DAYS = {"年": 365, "半年": 183, "季度": 92, "季": 92, "月": 31, "周": 7, "星期": 7}


def item_rule(item: Item) -> tuple[str, int] | None:
    """``("wd", N)``, ``("cd", N)`` or ``("period", days)`` for an item's 时限, or None when it is not assessed."""
    deadline = item.deadline
    if deadline is None:
        return None
    kind = deadline.kind
    if kind == DeadlineKind.WORKING_DAYS and deadline.days is not None:
        return ("wd", deadline.days)
    if kind == DeadlineKind.CALENDAR_DAYS and deadline.days is not None:
        return ("cd", deadline.days)
    if kind == DeadlineKind.REALTIME:
        return ("wd", 1)
    if kind in (DeadlineKind.TIMELY, DeadlineKind.ON_EVENT):
        return ("wd", TIMELY_WORKDAYS)
    if kind == DeadlineKind.PERIODIC:
        return ("period", _period_days(deadline.period or deadline.text))
    return None


def _period_days(text: str) -> int:
    working = re.search(r"(\d+)\s*个?工作日", text)
    if working:
        return int(int(working.group(1)) * 7 / 5) + 1
    for word, days in sorted(PERIOD_DAYS.items(), key=lambda kv: -len(kv[0])):
        if word in text:
            return days
    return 365


def _lenience(rule: tuple[str, int]) -> float:
    kind, days = rule
    return days * 7 / 5 if kind == "wd" else float(days)


def column_rules(column_map: ColumnMap, catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """For each column: its items, their domain, the record deadline rule (most lenient) and the staleness period."""
    index = {item.id: item for item in catalogue.items()}
    domain_of = {item.id: domain.code for domain, _depth, item in catalogue.walk()}
    found: dict[str, dict[str, Any]] = {}
    for column_id, ids in expand(column_map, catalogue).items():
        items = [index[i] for i in ids if i in index]
        rules = [r for r in (item_rule(i) for i in items) if r is not None]
        deadline = max((r for r in rules if r[0] in ("wd", "cd")), key=_lenience, default=None)
        periods = [r[1] for r in rules if r[0] == "period"]
        domains = [domain_of[i.id] for i in items]
        found[column_id] = {
            "items": [i.id for i in items],
            "domain": max(set(domains), key=domains.count) if domains else None,
            "rule": deadline,
            "period": max(periods) if periods else None,
        }
    return found
