"""Text rendering for the terminal: reports, trees, items, summaries. The library returns data; this formats it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from gpcatalog.api import DomainSummary
from gpcatalog.model import COMPLETENESS_LABELS, Channel, Domain, Item
from gpcatalog.parsing.basis import KindSource
from gpcatalog.parsing.text import visible
from gpcatalog.schema.extensions import extension_of
from gpcatalog.schema.report import SEVERITY_LABELS, Report, Severity

if TYPE_CHECKING:
    from gpcatalog.columns import Coverage
    from gpcatalog.derived import Rebase
    from gpcatalog.history import ReleaseResult, Removal, VersionEntry
    from gpcatalog.laws import Document

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_KIND_SOURCE = {
    KindSource.TAG: "据标签",
    KindSource.NUMBER: "据文号",
    KindSource.TITLE: "据标题",
    KindSource.NONE: "无法判断",
}


def report_lines(report: Report, level: Severity = Severity.WARNING, action: str = "校验") -> Iterable[str]:
    """Yield the lines of a validation report, issues at ``level`` or more serious, then a summary line."""
    what = "个工作表" if action == "导入" else "个文件"
    yield f"{action} {report.catalogue}:{report.files} {what},{report.items} 个事项"
    for issue in report.issues:
        if _RANK[issue.severity] > _RANK[level]:
            continue
        label = click.style(SEVERITY_LABELS[issue.severity], fg=_COLOURS[issue.severity], bold=True)
        where = issue.location()
        extra = [
            part for part in (f"事项 {issue.item_id}" if issue.item_id else "", issue.path or "") if part
        ]
        tail = f"({','.join(extra)})" if extra else ""
        yield f"{where + ': ' if where else ''}{label} [{issue.code}] {issue.message}{tail}"
    errors, warnings, infos = (report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    verdict = (
        click.style("有效", fg="green", bold=True) if report.ok else click.style("无效", fg="red", bold=True)
    )
    hidden = sum(1 for issue in report.issues if _RANK[issue.severity] > _RANK[level])
    more = f"(另有 {hidden} 条未显示,用 --level info 查看)" if hidden else ""
    yield f"结果:{verdict}。{errors} 个错误,{warnings} 个警告,{infos} 个提示。{more}"


def tree_lines(domain: Domain, depth: int | None = None) -> Iterable[str]:
    """Yield a domain's heading and its item tree drawn with box characters."""
    leaves = domain.leaves()
    status = COMPLETENESS_LABELS[domain.completeness.status] if domain.completeness else "未知"
    number = f"{domain.number} " if domain.number is not None else ""
    yield click.style(f"{number}{visible(domain.name)}({domain.code})", bold=True) + (
        f" 一级事项 {len(domain.items)} 个,二级事项 {len(leaves)} 个,完整程度:{status}"
    )

    def walk(items: list[Item], prefix: str, level: int) -> Iterable[str]:
        for index, item in enumerate(items):
            last = index == len(items) - 1
            name = visible(item.name) if item.name is not None else click.style("(名称不可见)", dim=True)
            yield f"{prefix}{'└── ' if last else '├── '}{name} {click.style('[' + item.id + ']', dim=True)}"
            if item.children and (depth is None or level < depth):
                yield from walk(item.children, prefix + ("    " if last else "│   "), level + 1)

    yield from walk(domain.items, "", 1)


def _tick(value: bool | None) -> str:
    return "√" if value else ("×" if value is False else "?")


def item_lines(domain: Domain, path: list[Item]) -> Iterable[str]:
    """Yield every attribute of the last item of ``path`` (its ancestors give the breadcrumb)."""
    item = path[-1]
    names = [p.name or "(名称不可见)" for p in path]
    yield click.style(f"事项 {item.id}:{visible(names[-1])}", bold=True)
    yield f"位置:{domain.name} > {' > '.join(names)}"
    if item.seq is not None:
        yield f"序号:{item.seq}"
    if item.children:
        children = [f"{c.name or '(名称不可见)'} [{c.id}]" for c in item.children]
        yield f"下级事项:{'、'.join(children)}"
    if item.contents is not None:
        yield "公开内容:"
        yield from (f"  - {c}" for c in item.contents)
    if item.basis is not None:
        yield "公开依据:"
        for basis in item.basis:
            yield f"  - {basis.text}"
            for citation in basis.citations:
                parts = [
                    f"《{citation.title}》" if citation.title else "",
                    citation.doc_no or "",
                    citation.article or "",
                ]
                label = " ".join(p for p in parts if p)
                yield f"      → {label} [{citation.kind},{_KIND_SOURCE[citation.kind_source]}]"
    if item.deadline is not None:
        yield f"公开时限:{item.deadline.text}"
        yield f"  → {item.deadline.describe()}"
    if item.subject is not None:
        yield f"公开主体:{item.subject}"
    if item.channels is not None:
        ticked = set(item.channels)
        standard = " ".join(("■" if c in ticked else "□") + c.value for c in Channel)
        local = " ".join("■" + c for c in item.channels if c not in {ch.value for ch in Channel})
        yield f"公开渠道:{standard}{' ' + local if local else ''}"
    elif item.is_leaf:
        yield "公开渠道:(来源中不可见)"
    if item.is_leaf:
        a, m, lv = item.audience, item.mode, item.levels
        yield f"公开对象:全社会 {_tick(a.society)}  特定群体 {_tick(a.specific_groups)}"
        yield f"公开方式:主动 {_tick(m.proactive)}  依申请 {_tick(m.on_request)}"
        village = f"  村级 {_tick(lv.village)}" if lv.village is not None else ""
        yield f"公开层级:县级 {_tick(lv.county)}  乡级 {_tick(lv.township)}{village}"
        yield "  (√ 勾选,× 未勾选,? 来源中无法读出)"
    for name, info in type(item).model_fields.items():
        namespace = extension_of(name, item)
        if namespace is not None and getattr(item, name) is not None:
            value = getattr(item, name)
            shown = {True: "是", False: "否"}.get(value, value) if isinstance(value, bool) else value
            yield f"{info.title or name}:{shown}(扩展 {namespace})"
    if item.source:
        yield f"来源:{item.source}"
    if item.caveats:
        yield "注意事项:"
        yield from (f"  - {c}" for c in item.caveats)


def removal_lines(removal: Removal, location: str | None) -> list[str]:
    """What ``gpcatalog show`` prints for an item a later version removed: when, by which record, where it was."""
    name = f"“{visible(removal.name)}”" if removal.name else ""
    lines = [f"事项 {removal.item_id}{name}{removal.sentence()}"]
    if removal.date is not None:
        lines.append(f"  版本 {removal.version} 发布于 {removal.date.isoformat()}")
    for record in removal.records:
        lines.append(f"  调整记录 {record.id}({record.reason}):{visible(record.summary)}")
    lines.append(f"  原位置:{' > '.join([removal.domain_name, *removal.path])}")
    if removal.last_version is not None:
        reference = f"{(location or 'national').split('@')[0]}@{removal.last_version}"
        lines.append(f"  删除前的内容:gpcatalog show {removal.item_id} -c {reference}")
    return lines


def _pad(text: str, width: int) -> str:
    """Pad ``text`` to ``width`` terminal columns (CJK characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 1)


def summary_lines(rows: list[DomainSummary]) -> Iterable[str]:
    """Yield a per-domain table: number, name, 一级/二级 counts, completeness, template size, guideline 文号."""
    yield f"{'序号':>2}  {_pad('领域', 26)}{'一级':>2}  {'二级':>2}  {_pad('完整程度', 10)}{_pad('模板', 6)}国家指引文号"
    for row in rows:
        status = COMPLETENESS_LABELS[row.status] if row.status else "未知"
        template = str(row.template_rows) if row.template_rows is not None else "-"
        number = str(row.number) if row.number is not None else "-"
        yield (
            f"{number:>4}  {_pad(row.name, 26)}{row.level1:>4}  {row.level2:>4}  {_pad(status, 10)}"
            f"{_pad(template, 6)}{row.guideline_doc_no or '(未找到)'}"
        )
    level1 = sum(r.level1 for r in rows)
    level2 = sum(r.level2 for r in rows)
    yield f"合计:{len(rows)} 个领域,一级事项 {level1} 个,二级事项 {level2} 个"


def versions_lines(entries: list[VersionEntry], location: str) -> list[str]:
    """The released versions as a table, then how to see what the working copy changed since the last one."""
    if not entries:
        return ["还没有发布过版本(用 gpcatalog release 发布第一个版本)"]
    lines = ["版本        发布日期     上一版本    事项数  调整记录              内容哈希"]
    for entry in entries:
        records = "、".join(entry.records) or "—"
        lines.append(
            f"{entry.version:<11} {entry.release_date.isoformat()}  {entry.parent or '—':<10} "
            f"{entry.items:>6}  {records:<20}  {entry.digest[7:19]}"
        )
    lines.append(
        f"工作副本:{location}(未发布的修改用 gpcatalog diff {location}@{entries[-1].version} {location} 查看)"
    )
    return lines


def verify_lines(report: Report) -> list[str]:
    """What ``gpcatalog verify`` prints: the versions and files checked, each problem (and each interrupted write
    rolled back), the verdict."""
    lines = [f"核对 {report.catalogue}:{report.items} 个已发布版本,{report.files} 个文件"]
    lines += list(report_lines(report, Severity.WARNING))[1:-1]  # warnings: an interrupted write rolled back
    if report.ok:
        lines.append(click.style("一致", fg="green", bold=True) + ":已发布版本的文件与发布时相同")
    else:
        lines.append(click.style("不一致", fg="red", bold=True) + f":{report.count(Severity.ERROR)} 处问题")
    return lines


def release_lines(result: ReleaseResult) -> list[str]:
    """What ``gpcatalog release`` prints once the version is written."""
    entry = result.entry
    return [
        f"已发布 {entry.version}({entry.release_date.isoformat()}):上一版本 {entry.parent or '无'},"
        f"事项 {entry.items} 项,{len(result.changes.changes)} 处变化,调整记录 {'、'.join(entry.records) or '无'}",
        f"内容哈希 {entry.digest}",
    ]


def coverage_line(coverage: Coverage) -> str:
    """The coverage figures of a column map check in one line."""
    c = coverage
    return (
        f"栏目 {c.columns} 个(末级 {c.leaf_columns},空白 {c.blank_columns});须在网站公开的事项 {c.website_items} 个,"
        f"已对应栏目 {c.mapped_website_items} 个,覆盖率 {c.coverage:.1f}%"
    )


def rebase_lines(result: Rebase, location: str, dry_run: bool) -> list[str]:
    """What ``gpcatalog rebase`` prints: the move, what resolved itself, each conflict (red), the outcome."""
    lines = [f"{location}:{result.old} → {result.new},基础目录有 {len(result.changes.changes)} 处变化"]
    lines += [f"  已自动处理:{line}" for line in result.resolved]
    lines += [click.style(f"  冲突:{visible(line)}", fg="red") for line in result.conflicts]
    if result.conflicts:
        lines.append(f"有 {len(result.conflicts)} 处冲突,未修改;请逐条决定后改 overlay.yaml 再试")
    else:
        lines.append("未修改(--dry-run)" if dry_run else f"已改为基于 {result.new}")
    return lines


def document_line(document: Document) -> str:
    """A cited document in one line: title, 文号, kind, how many items in which catalogues, its successor."""
    number = f"({document.doc_no})" if document.doc_no else ""
    kind = f" [{document.kind}]" if document.kind else ""
    places = "、".join(sorted({c.catalogue for c in document.citing}))
    replaced = (
        click.style(f" 已被{document.superseded.new_label}取代", fg="yellow") if document.superseded else ""
    )
    return f"《{document.title}》{number}{kind}:{len(document.citing)} 个事项({places}){replaced}"
