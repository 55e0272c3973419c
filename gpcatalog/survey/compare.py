"""One place against the standard: items present, missing and added, 时限 looser or tighter, channels dropped or
added, base version lag and a compliance score. Pure top-level functions, so any Executor can run them."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.parsing.deadline import Deadline, DeadlineKind
from gpcatalog.parsing.text import match_key

WORKING_TO_CALENDAR = 7 / 5
"""工作日折算自然日的系数:一周 5 个工作日对 7 个自然日(docs/survey.md 写明)。"""


@dataclass(slots=True)
class Finding:
    place: str
    domain: str
    item: str
    name: str | None
    kind: str
    standard: str | None
    local: str | None


@dataclass(slots=True)
class DomainResult:
    domain: str
    name: str
    present: int = 0
    missing: int = 0
    added: int = 0
    looser: int = 0
    tighter: int = 0
    channels_dropped: int = 0
    channels_added: int = 0
    score: float = 100.0


@dataclass(slots=True)
class PlaceResult:
    place: str
    catalogue: str
    version: str
    base: str | None
    standard: str
    base_lag: bool
    score: float
    domains: list[DomainResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _flat(domain: Domain) -> list[Item]:
    out: list[Item] = []
    stack = list(reversed(domain.items))
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(reversed(item.children))
    return out


def calendar_days(deadline: Deadline | None) -> float | None:
    """The 时限 as calendar days (working days × 7/5), or None when it has no number of days."""
    if deadline is None or deadline.days is None:
        return None
    if deadline.kind is DeadlineKind.WORKING_DAYS:
        return deadline.days * WORKING_TO_CALENDAR
    if deadline.kind is DeadlineKind.CALENDAR_DAYS:
        return float(deadline.days)
    return None


def score_of(result: DomainResult) -> float:
    """得分 = 100 × (标准事项中在场且时限不宽于标准的数目) / 标准事项数,再每项渠道缺失扣 1 分,最低 0。"""
    total = result.present + result.missing
    if total == 0:
        return 100.0
    good = result.present - result.looser
    value = 100.0 * good / total - result.channels_dropped
    return round(max(value, 0.0), 1)


def compare(catalogue: Catalogue, standard: Catalogue, place: str | None = None) -> PlaceResult:
    """Compare one local catalogue with the standard, domain by domain (the domains the local catalogue has)."""
    where = place or catalogue.place or catalogue.id
    std_domains = {d.code: d for d in standard.domains}
    base_version = catalogue.base.split("@", 1)[1] if catalogue.base and "@" in catalogue.base else None
    result = PlaceResult(
        place=where,
        catalogue=catalogue.id,
        version=catalogue.version,
        base=catalogue.base,
        standard=f"{standard.id}@{standard.version}",
        base_lag=base_version is not None and base_version != standard.version,
        score=100.0,
    )
    for domain in catalogue.domains:
        std = std_domains.get(domain.code)
        dres = DomainResult(domain.code, domain.name)
        local_items = _flat(domain)
        std_items = _flat(std) if std is not None else []
        by_id = {i.id: i for i in local_items}
        by_name: dict[str, list[Item]] = {}
        for i in local_items:
            if i.name:
                by_name.setdefault(match_key(i.name), []).append(i)
        used: set[str] = set()
        for s in std_items:
            local = by_id.get(s.id)
            if local is None and s.name:
                candidates = [i for i in by_name.get(match_key(s.name), []) if i.id not in used]
                local = candidates[0] if len(candidates) == 1 else None
            if local is None or local.id in used:
                dres.missing += 1
                result.findings.append(Finding(where, domain.code, s.id, s.name, "missing", s.name, None))
                continue
            used.add(local.id)
            dres.present += 1
            sd, ld = calendar_days(s.deadline), calendar_days(local.deadline)
            if sd is not None and ld is not None and ld != sd:
                kind = "looser" if ld > sd else "tighter"
                setattr(dres, kind, getattr(dres, kind) + 1)
                result.findings.append(
                    Finding(where, domain.code, s.id, s.name, kind, _text(s.deadline), _text(local.deadline))
                )
            schan, lchan = {str(c) for c in s.channels or []}, {str(c) for c in local.channels or []}
            for name in sorted(schan - lchan):
                dres.channels_dropped += 1
                result.findings.append(
                    Finding(where, domain.code, s.id, s.name, "channel_dropped", name, None)
                )
            for name in sorted(lchan - schan):
                dres.channels_added += 1
                result.findings.append(Finding(where, domain.code, s.id, s.name, "channel_added", None, name))
        for i in local_items:
            if i.id not in used:
                dres.added += 1
                result.findings.append(Finding(where, domain.code, i.id, i.name, "added", None, i.name))
        dres.score = score_of(dres)
        result.domains.append(dres)
    if result.domains:
        result.score = round(sum(d.score for d in result.domains) / len(result.domains), 1)
    return result


def _text(deadline: Deadline | None) -> str | None:
    return None if deadline is None else deadline.text


def content_hash(catalogue: Catalogue, standard: Catalogue) -> str:
    """The cache key of one comparison: both catalogues' data."""
    h = hashlib.sha256()
    h.update(catalogue.model_dump_json().encode())
    h.update(standard.model_dump_json().encode())
    return h.hexdigest()
