"""Reports of a site inspection: a Chinese terminal summary, Markdown and JSON."""

from __future__ import annotations

import json

from gpcatalog.inspect.findings import KINDS, Inspection


def to_text(result: Inspection) -> str:
    """The terminal summary: counts per finding type and per column, then every finding."""
    lines = [f"巡查 {result.start}:抓取 {result.pages} 个页面,发现问题 {len(result.findings)} 个。"]
    lines.append("按问题类型:" + ",".join(f"{k} {n}" for k, n in result.counts().items()))
    for column, row in result.by_column().items():
        lines.append(f"  栏目 {column or '(栏目之外)'}:" + ",".join(f"{k} {n}" for k, n in row.items() if n))
    for f in result.findings:
        lines.append(f"[{f.kind}] 栏目 {f.column or '-'} 页面 {f.page} 链接 {f.link or '-'}:{f.evidence}")
    return "\n".join(lines) + "\n"


def to_markdown(result: Inspection) -> str:
    """The report as Markdown: a table of counts, then a table of findings."""
    lines = [f"# 季度巡查报告:{result.start}", "", f"抓取页面 {result.pages} 个。", ""]
    lines += ["| 栏目 | " + " | ".join(KINDS) + " |", "|---" * (len(KINDS) + 1) + "|"]
    for column, row in result.by_column().items():
        lines.append(f"| {column or '(栏目之外)'} | " + " | ".join(str(row[k]) for k in KINDS) + " |")
    lines += ["", "| 问题 | 栏目 | 页面 | 链接 | 依据 |", "|---|---|---|---|---|"]
    for f in result.findings:
        lines.append(f"| {f.kind} | {f.column} | {f.page} | {f.link} | {f.evidence} |")
    return "\n".join(lines) + "\n"


def to_json(result: Inspection) -> str:
    """The report as JSON."""
    return json.dumps(result.to_data(), ensure_ascii=False, indent=2) + "\n"
