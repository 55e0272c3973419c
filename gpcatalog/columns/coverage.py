"""Checking a column map against its catalogue: coverage of the items to publish on the website, blank,
unknown, duplicate and cyclic columns, items that should not be there, columns mixing domains."""

from __future__ import annotations

from collections import defaultdict

from pydantic import ConfigDict, Field

from gpcatalog.base import GpModel
from gpcatalog.columns.maps import expand, publishes_on_website
from gpcatalog.columns.model import ColumnMap
from gpcatalog.model import Catalogue, Item
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.store.limits import MAX_NAME_CHARS


class Coverage(GpModel):
    """覆盖情况: how much of the catalogue a map publishes."""

    model_config = ConfigDict(title="覆盖情况")

    columns: int = Field(title="栏目数", description="全部栏目数。")
    leaf_columns: int = Field(title="末级栏目数", description="没有下级栏目的栏目数。")
    blank_columns: int = Field(title="空白栏目数", description="没有下级栏目也没有事项的栏目数。")
    website_items: int = Field(title="须在网站公开的事项", description="公开渠道勾选了政府网站的二级事项数。")
    mapped_website_items: int = Field(title="已对应栏目的", description="其中对应了至少一个栏目的事项数。")
    coverage: float = Field(title="覆盖率", description="已对应栏目的 / 须在网站公开的,百分数。")
    mapped_items: int = Field(title="对应栏目的事项", description="对应了至少一个栏目的事项总数。")


class ColumnCheck(GpModel):
    """The result of :func:`check_map`: the issues and the coverage figures."""

    model_config = ConfigDict(title="栏目检查")

    report: Report = Field(title="问题", description="每个问题的代码、严重程度、栏目和事项。")
    coverage: Coverage = Field(title="覆盖情况", description="栏目数、空白栏目数、覆盖率。")


def _cycles(column_map: ColumnMap) -> list[list[str]]:
    import networkx as nx

    graph = nx.DiGraph()
    ids = {c.id for c in column_map.columns}
    for column in column_map.columns:
        graph.add_node(column.id)
        if column.parent is not None and column.parent in ids:
            graph.add_edge(column.parent, column.id)
    return [sorted(cycle) for cycle in nx.simple_cycles(graph)]


def check_map(column_map: ColumnMap, catalogue: Catalogue, *, file: str | None = None) -> ColumnCheck:
    """Check a map against its catalogue.

    Errors: items ticking 政府网站 that map to no column, blank columns (no child column, no item), mappings to
    unknown item ids or domains, duplicate column ids, unknown parents, cyclic columns. Warnings: items mapped
    although 政府网站 is not ticked, columns whose items span several domains.
    """
    issues: list[Issue] = []

    def add(
        code: str, severity: Severity, message: str, column: str | None = None, item: str | None = None
    ) -> None:
        path = f"$.columns[?(@.id=='{column}')]" if column else None
        issues.append(
            Issue(code=code, severity=severity, message=message, file=file, path=path, item_id=item)
        )

    index: dict[str, Item] = {item.id: item for item in catalogue.items()}
    domain_of = {item.id: domain.code for domain, _depth, item in catalogue.walk()}
    domains = {d.code for d in catalogue.domains}
    seen: set[str] = set()
    for column in column_map.columns:
        if column.id in seen:
            add("column-duplicate", Severity.ERROR, f"栏目编码“{column.id}”重复", column.id)
        seen.add(column.id)
        if len(column.name) > MAX_NAME_CHARS:
            message = f"栏目名称有 {len(column.name)} 个字符,上限 {MAX_NAME_CHARS} 个字符"
            add("name-too-long", Severity.ERROR, message, column.id)
        if column.parent is not None and column.parent not in {c.id for c in column_map.columns}:
            add(
                "column-unknown-parent",
                Severity.ERROR,
                f"栏目“{column.name}”的上级“{column.parent}”不存在",
                column.id,
            )
        for code in column.domains:
            if code not in domains:
                add(
                    "column-unknown-item",
                    Severity.ERROR,
                    f"栏目“{column.name}”对应的领域“{code}”不在目录中",
                    column.id,
                )
    for cycle in _cycles(column_map):
        add("column-cycle", Severity.ERROR, f"栏目的上下级形成循环:{' → '.join(cycle)}", cycle[0])
    expanded = expand(column_map, catalogue)
    parents = {c.parent for c in column_map.columns if c.parent is not None}
    mapped: dict[str, list[str]] = defaultdict(list)
    for column in column_map.columns:
        ids = expanded[column.id]
        if not ids and column.id not in parents:
            add(
                "column-blank",
                Severity.ERROR,
                f"空白栏目:“{column.name}”没有下级栏目,也没有对应任何事项",
                column.id,
            )
        spans = set()
        for item_id in ids:
            item = index.get(item_id)
            if item is None:
                add(
                    "column-unknown-item",
                    Severity.ERROR,
                    f"栏目“{column.name}”对应的事项“{item_id}”不在目录中",
                    column.id,
                    item_id,
                )
                continue
            mapped[item_id].append(column.id)
            spans.add(domain_of[item_id])
            if publishes_on_website(item) is False:
                add(
                    "column-not-website",
                    Severity.WARNING,
                    f"事项“{item.name or item_id}”的公开渠道没有勾选政府网站,却对应了栏目“{column.name}”",
                    column.id,
                    item_id,
                )
        if len(spans) > 1:
            add(
                "column-mixed-domains",
                Severity.WARNING,
                f"栏目“{column.name}”的事项分属 {len(spans)} 个领域({'、'.join(sorted(spans))}),容易内容混杂",
                column.id,
            )
    website = [i for i in catalogue.items() if i.is_leaf and publishes_on_website(i)]
    for item in website:
        if item.id not in mapped:
            add(
                "website-item-unmapped",
                Severity.ERROR,
                f"事项“{item.name or item.id}”勾选了政府网站,但没有对应任何栏目",
                item=item.id,
            )
    covered = sum(1 for i in website if i.id in mapped)
    leaf_columns = [c for c in column_map.columns if c.id not in parents]
    coverage = Coverage(
        columns=len(column_map.columns),
        leaf_columns=len(leaf_columns),
        blank_columns=sum(1 for c in leaf_columns if not expanded[c.id]),
        website_items=len(website),
        mapped_website_items=covered,
        coverage=round(100 * covered / len(website), 1) if website else 100.0,
        mapped_items=len(mapped),
    )
    report = Report(catalogue=file or column_map.id, files=1, items=len(mapped), issues=issues)
    return ColumnCheck(report=report, coverage=coverage)
