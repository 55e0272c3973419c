"""The changelog of a package, generated from its adjustment records and the diffs between its versions."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gpcatalog.changes import Change, Diff
from gpcatalog.changes.render import change_line
from gpcatalog.changes.vocabulary import CHANGE_LABELS, ChangeType, Target
from gpcatalog.history.explain import explained_diff
from gpcatalog.history.models import AdjustmentRecord
from gpcatalog.history.package import PackageHistory, open_history
from gpcatalog.loading import load
from gpcatalog.model import Catalogue

RELEASE_FIELDS = ("version", "release_date")
"""Catalogue fields that :func:`gpcatalog.history.release` itself sets; changes to them need no record."""


def changelog(location: str | Path | None = None, *, fmt: str = "markdown", unreleased: bool = False) -> str:
    """Return the changelog of a catalogue generated from its adjustment records and versions.

    Args:
        location: the package.
        fmt: ``markdown`` (for people) or ``json`` (for machines; one object per version, each record with the
            changes it accounts for).
        unreleased: also describe the working copy's pending records (a section ``未发布``), as the next
            release would.
    """
    found = open_history(location)
    markdown, data = changelog_documents(found, unreleased=unreleased)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return markdown


UNRELEASED = "未发布"


@dataclass
class _Section:
    version: str
    date: dt.date | None
    parent: str | None
    items: int
    digest: str | None
    records: list[AdjustmentRecord]
    changes: Diff | None = None


def changelog_documents(
    found: PackageHistory,
    extra: dict[str, Diff] | None = None,
    *,
    unreleased: bool = False,
    latest: Catalogue | None = None,
) -> tuple[str, dict[str, Any]]:
    """Return (Markdown, JSON data) for every released version, newest first (and the working copy).

    The heading names the catalogue as its latest version does (edits of the working copy after a release do not
    change a released changelog, so ``verify`` can regenerate it).

    ``extra``: diffs already computed, by version (the one :func:`gpcatalog.history.release` is writing);
    ``latest``: the latest version, when it is not on disk yet (the one being released)."""
    sections = [
        _Section(e.version, e.release_date, e.parent, e.items, e.digest, found.records_of(e.version))
        for e in found.history.versions
    ]
    for section in sections:
        if extra and section.version in extra:
            section.changes = extra[section.version]
        elif section.parent is not None:
            old = load(found.reference(section.parent))
            new = load(found.reference(section.version))
            section.changes = explained_diff(old, new, section.records)
    pending = found.pending()
    head = latest or load(found.reference(sections[-1].version if sections else None))
    if unreleased and pending and sections:
        working = load(found.reference())
        sections.append(
            _Section(
                UNRELEASED,
                None,
                sections[-1].version,
                sum(1 for _ in working.items()),
                None,
                pending,
                explained_diff(load(found.reference(sections[-1].version)), working, pending),
            )
        )
    lines = [
        f"# 变更记录:{head.title}({head.id})",
        "",
        "由 `gpcatalog release` 从调整记录(adjustments.yaml)和各版本的差异生成,不要手改。",
        "",
    ]
    versions_data: list[dict[str, Any]] = []
    for section in reversed(sections):
        date = section.date.isoformat() if section.date else None
        lines += [f"## {section.version}" + (f"({date})" if date else ""), ""]
        changes = [
            c
            for c in (section.changes.changes if section.changes else [])
            if not (c.target is Target.CATALOGUE and c.field in RELEASE_FIELDS)
        ]
        if section.parent is None:
            lines += [f"首个版本,事项 {section.items} 项。", ""]
        else:
            counts = Counter(c.type for c in changes)
            summary = "、".join(f"{CHANGE_LABELS[k]} {counts[k]}" for k in ChangeType if counts[k])
            lines += [f"上一版本 {section.parent};事项 {section.items} 项;变化:{summary or '无'}。", ""]
        record_data = []
        for record in section.records:
            covered = [c for c in changes if record.id in c.records]
            lines += _record_markdown(
                record, covered, section.changes.domain_names if section.changes else {}
            )
            record_data.append(
                {
                    **record.model_dump(mode="json", exclude_defaults=True),
                    "applied": [c.model_dump(mode="json", exclude_defaults=True) for c in covered],
                }
            )
        versions_data.append(
            {
                "version": section.version,
                "release_date": date,
                "parent": section.parent,
                "items": section.items,
                "digest": section.digest,
                "records": record_data,
            }
        )
    return "\n".join(lines).rstrip() + "\n", {"catalogue": head.id, "versions": versions_data}


def _record_markdown(record: AdjustmentRecord, covered: list[Change], names: dict[str, str]) -> list[str]:
    marks = "(示例)" if record.example else ""
    lines = [f"### {record.id} {record.reason}{marks}", "", record.summary, ""]
    facts = [("记录日期", record.date.isoformat())]
    if record.effective_date:
        facts.append(("生效日期", record.effective_date.isoformat()))
    facts.append(("申请单位", record.proposer))
    if record.approver or record.approval_doc:
        facts.append(
            (
                "批准",
                "".join(
                    p for p in (record.approver, record.approval_doc and f"({record.approval_doc})") if p
                ),
            )
        )
    if record.trigger:
        t = record.trigger
        text = f"《{t.title}》" + (f"({t.doc_no})" if t.doc_no else "")
        if t.issuer:
            text = f"{t.issuer} {text}"
        if t.date:
            text += f",{t.date.isoformat()}"
        if t.url:
            text += f",<{t.url}>"
        facts.append(("触发文件", text))
    lines += [f"- {key}:{value}" for key, value in facts]
    for change in covered:
        lines.append(f"- {change_line(change, names)}")
    return [*lines, ""]
