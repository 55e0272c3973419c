"""Column maps: generate the default layout, expand rules, check coverage, export to and import from a CMS.

``gpcatalog columns generate|check|tree|export|import`` are thin twins of the functions here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gpcatalog.columnmap import ColumnMap, WebColumn
from gpcatalog.errors import CatalogueReadError, GpCatalogError
from gpcatalog.model import Catalogue, Channel, Item
from gpcatalog.schema.report import Issue, Report, Severity
from gpcatalog.schema.validate import Collector, build_model, translate_error
from gpcatalog.store.package import RawFile, read_raw
from gpcatalog.store.resources import bundled_catalogue
from gpcatalog.store.yamlio import dump_yaml, write_text_atomic

DEFAULT_MAP = "default"
SPECIAL_COLUMN = ("jczwgk", "基层政务公开")


class ColumnMapError(GpCatalogError, ValueError):
    """A column map file that cannot be read; ``report`` lists every problem with file, line and path."""

    def __init__(self, message: str, *, report: object | None = None, **kwargs: Any) -> None:
        self.report = report
        super().__init__(message, **kwargs)


# --- reading and writing ------------------------------------------------------------------------------------------


def read_map(location: str | Path | None = None) -> ColumnMap:
    """Read a column map: a YAML file, or ``None`` / ``"national"`` for the bundled default map of the national
    catalogue (``catalogues/national/columns/default.yaml``).

    Raises:
        CatalogueReadError: the file does not exist or is not YAML.
        ColumnMapError: the map does not fit the schema; the message names the file, line and key.
    """
    if location is None or (
        isinstance(location, str) and location == "national" and not Path(location).exists()
    ):
        resource = bundled_catalogue("national") / "columns" / f"{DEFAULT_MAP}.yaml"
        name = f"columns/{DEFAULT_MAP}.yaml"
    else:
        resource = Path(location)
        name = str(location)
        if not resource.is_file():
            raise CatalogueReadError("栏目对照表文件不存在", file=resource)
    raw = read_raw(resource, name)
    return _build(raw)


def _build(raw: RawFile) -> ColumnMap:
    out = Collector()
    built = build_model(raw, ColumnMap, out)
    errors = [i for i in out.issues if i.severity is Severity.ERROR]
    if built is None or errors:
        first = errors[0] if errors else None
        more = f"(另有 {len(errors) - 1} 个问题)" if len(errors) > 1 else ""
        raise ColumnMapError(
            f"栏目对照表有误:{first.message if first else '无法读取'}{more}",
            file=raw.name,
            line=first.line if first else None,
            column=first.column if first else None,
            path=first.path if first else None,
            report=Report(catalogue=raw.name, issues=out.issues),
        )
    assert isinstance(built, ColumnMap)
    return built


def map_to_data(column_map: ColumnMap) -> dict[str, Any]:
    """The map in the compact form of its YAML file (empty rule lists left out)."""
    data = column_map.model_dump(mode="json", exclude_defaults=True, exclude={"columns"})
    data["columns"] = [c.model_dump(mode="json", exclude_defaults=True) for c in column_map.columns]
    return data


def write_map(column_map: ColumnMap, path: str | Path) -> None:
    """Write the map as YAML, atomically."""
    write_text_atomic(Path(path), dump_yaml(map_to_data(column_map)))


# --- generating ---------------------------------------------------------------------------------------------------


def publishes_on_website(item: Item) -> bool | None:
    """True when 政府网站 is ticked, False when the channels are known and it is not, None when unknown."""
    if item.channels is None:
        return None
    return Channel.WEBSITE in item.channels


def generate_map(
    catalogue: Catalogue,
    *,
    layout: str = "level1",
    map_id: str | None = None,
    title: str | None = None,
    special: tuple[str, str] = SPECIAL_COLUMN,
    website: str | None = None,
    reference: str | None = None,
) -> ColumnMap:
    """Build the standard layout: a special column → one column per domain → one per 一级事项 (``layout="level1"``),
    or special column → domain (``layout="domain"``). Items whose channels include 政府网站, or whose channels are
    unknown, are mapped to the column of their 一级事项 (or domain); columns that would publish nothing are left out.
    """
    if layout not in ("level1", "domain"):
        raise GpCatalogError(
            f"未知的栏目布局“{layout}”:可用 level1(专栏 → 领域 → 一级事项)或 domain(专栏 → 领域)"
        )
    root_id, root_name = special
    columns = [WebColumn(id=root_id, name=root_name, path=f"/{root_id}/")]
    for number, domain in enumerate(catalogue.domains, start=1):
        domain_column = WebColumn(
            id=domain.code,
            name=domain.name,
            parent=root_id,
            order=domain.number or number,
            path=f"/{root_id}/{domain.code}/",
        )
        added: list[WebColumn] = []
        for order, top in enumerate(domain.items, start=1):
            leaves = [i for _d, i in top.walk() if i.is_leaf and publishes_on_website(i) is not False]
            if not leaves:
                continue
            if layout == "domain":
                domain_column.items.extend(i.id for i in leaves)
                continue
            added.append(
                WebColumn(
                    id=top.id,
                    name=top.name or top.id,
                    parent=domain.code,
                    order=order,
                    path=f"/{root_id}/{domain.code}/{top.id}/",
                    items=[i.id for i in leaves],
                )
            )
        if added or domain_column.items:
            columns += [domain_column, *added]
    return ColumnMap(
        id=map_id or f"{catalogue.id}-{DEFAULT_MAP}",
        title=title or f"{root_name}专栏(按目录 {catalogue.id} 生成的默认栏目)",
        catalogue=reference or catalogue.id,
        website=website,
        columns=columns,
    )


# --- expanding and checking ----------------------------------------------------------------------------------------


def expand(column_map: ColumnMap, catalogue: Catalogue) -> dict[str, list[str]]:
    """Return each column's items as explicit ids: its ``items``, then the leaves below each ``under`` item, then
    the leaves of each of its ``domains``; duplicates removed, order kept. Unknown ids are kept (check reports)."""
    below: dict[str, list[str]] = {}
    for domain in catalogue.domains:
        below[f"domain:{domain.code}"] = [i.id for i in domain.leaves()]
        for _depth, item in domain.walk():
            below[item.id] = [i.id for _d, i in item.walk() if i.is_leaf and i.id != item.id] or [item.id]
    found: dict[str, list[str]] = {}
    for column in column_map.columns:
        ids = list(column.items)
        for parent in column.under:
            ids += below.get(parent, [parent])
        for code in column.domains:
            ids += below.get(f"domain:{code}", [])
        found[column.id] = list(dict.fromkeys(ids))
    return found


def columns_of(column_map: ColumnMap, catalogue: Catalogue) -> dict[str, list[str]]:
    """Return, for each item id, the columns that publish it."""
    found: dict[str, list[str]] = defaultdict(list)
    for column_id, ids in expand(column_map, catalogue).items():
        for item_id in ids:
            found[item_id].append(column_id)
    return dict(found)


class Coverage(BaseModel):
    """覆盖情况: how much of the catalogue a map publishes."""

    model_config = ConfigDict(title="覆盖情况")

    columns: int = Field(title="栏目数", description="全部栏目数。")
    leaf_columns: int = Field(title="末级栏目数", description="没有下级栏目的栏目数。")
    blank_columns: int = Field(title="空白栏目数", description="没有下级栏目也没有事项的栏目数。")
    website_items: int = Field(title="须在网站公开的事项", description="公开渠道勾选了政府网站的二级事项数。")
    mapped_website_items: int = Field(title="已对应栏目的", description="其中对应了至少一个栏目的事项数。")
    coverage: float = Field(title="覆盖率", description="已对应栏目的 / 须在网站公开的,百分数。")
    mapped_items: int = Field(title="对应栏目的事项", description="对应了至少一个栏目的事项总数。")


class ColumnCheck(BaseModel):
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


# --- tree, export, import -------------------------------------------------------------------------------------------


@dataclass
class TreeRow:
    """One column in tree order with its depth."""

    column: WebColumn
    level: int


def tree(column_map: ColumnMap) -> list[TreeRow]:
    """The columns in tree order (parents before children, siblings by ``order``), with their levels (from 1).
    Columns whose parent is unknown or that sit in a cycle come last, at level 1."""
    children: dict[str | None, list[WebColumn]] = defaultdict(list)
    ids = {c.id for c in column_map.columns}
    for column in column_map.columns:
        children[column.parent if column.parent in ids else None].append(column)
    rows: list[TreeRow] = []
    placed: set[str] = set()

    def walk(parent: str | None, level: int) -> None:
        for column in sorted(children.get(parent, []), key=lambda c: c.order):
            if column.id in placed:
                continue
            placed.add(column.id)
            rows.append(TreeRow(column, level))
            walk(column.id, level + 1)

    walk(None, 1)
    rows += [TreeRow(c, 1) for c in column_map.columns if c.id not in placed]
    return rows


EXPORT_HEADER = [
    "编码",
    "名称",
    "上级编码",
    "路径",
    "层级",
    "顺序",
    "事项",
    "按一级事项",
    "按领域",
    "展开事项数",
]
META_KEYS = {"编号": "id", "名称": "title", "目录": "catalogue", "网站": "website"}


def _export_rows(column_map: ColumnMap, catalogue: Catalogue | None) -> list[list[Any]]:
    expanded = expand(column_map, catalogue) if catalogue is not None else {}
    return [
        [
            row.column.id,
            row.column.name,
            row.column.parent or "",
            row.column.path or "",
            row.level,
            row.column.order,
            " ".join(row.column.items),
            " ".join(row.column.under),
            " ".join(row.column.domains),
            len(expanded.get(row.column.id, [])) if catalogue is not None else "",
        ]
        for row in tree(column_map)
    ]


def export_map(
    column_map: ColumnMap, path: str | Path, *, fmt: str | None = None, catalogue: Catalogue | None = None
) -> None:
    """Write the column tree for a CMS: code, name, parent code, path, level, order, items, rules (and the number
    of items the rules expand to, for reading). ``xlsx`` keeps the map's metadata on a second sheet, ``json`` is
    the map itself; :func:`import_map` reads all three back to the same map."""
    target = Path(path)
    kind = (fmt or target.suffix.lstrip(".")).lower()
    rows = _export_rows(column_map, catalogue)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        if kind == "json":
            temporary.write_text(
                json.dumps(map_to_data(column_map), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        elif kind == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(EXPORT_HEADER)
            writer.writerows(rows)
            temporary.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        elif kind == "xlsx":
            import xlsxwriter

            book = xlsxwriter.Workbook(str(temporary), {"strings_to_numbers": False})
            bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
            sheet = book.add_worksheet("栏目")
            sheet.write_row(0, 0, EXPORT_HEADER, bold)
            for number, row in enumerate(rows, start=1):
                sheet.write_row(number, 0, row)
            for index, width in enumerate([22, 20, 22, 36, 6, 6, 40, 24, 16, 10]):
                sheet.set_column(index, index, width)
            sheet.freeze_panes(1, 0)
            meta = book.add_worksheet("对照表")
            for number, (label, key) in enumerate(META_KEYS.items()):
                meta.write_row(number, 0, [label, getattr(column_map, key) or ""])
            book.close()
        else:
            raise GpCatalogError(f"不支持的格式“{kind}”:可用 xlsx、csv、json")
        os.replace(temporary, target)
    except OSError as exc:
        raise CatalogueReadError(f"无法写入:{exc.strerror or exc}", file=target) from exc
    finally:
        temporary.unlink(missing_ok=True)


def import_map(path: str | Path, *, map_id: str | None = None, title: str | None = None) -> ColumnMap:
    """Read a column tree exported by :func:`export_map` (xlsx, csv or json) back into a map.

    Raises:
        CatalogueReadError: unreadable file.
        ColumnMapError: a header or a row does not fit; the message names the row.
    """
    source = Path(path)
    if not source.is_file():
        raise CatalogueReadError("文件不存在", file=source)
    kind = source.suffix.lower().lstrip(".")
    meta: dict[str, Any] = {}
    if kind == "json":
        raw = read_raw(source, str(source))
        return _build(raw)
    if kind == "csv":
        data = source.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="strict")
        rows: list[list[Any]] = [list(r) for r in csv.reader(io.StringIO(text))]
    else:
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_path(str(source))
            rows = [list(r) for r in book.get_sheet_by_name(book.sheet_names[0]).to_python()]
            if len(book.sheet_names) > 1:
                for label, value in book.get_sheet_by_name(book.sheet_names[1]).to_python():
                    if str(label) in META_KEYS and value not in ("", None):
                        meta[META_KEYS[str(label)]] = str(value)
        except Exception as exc:
            raise CatalogueReadError(f"工作簿无法读取:{exc}", file=source) from exc
    if not rows or [str(v).strip() for v in rows[0][: len(EXPORT_HEADER) - 1]] != EXPORT_HEADER[:-1]:
        found = "、".join(str(v) for v in (rows[0] if rows else []))
        raise ColumnMapError(
            f"表头不对:应为 {'、'.join(EXPORT_HEADER)};实际是 {found}", file=str(source), line=1
        )
    columns = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(str(v).strip() for v in row):
            continue
        cells = [("" if v is None else str(v).strip()) for v in row] + [""] * len(EXPORT_HEADER)
        try:
            order = int(float(cells[5])) if cells[5] else 0
            columns.append(
                WebColumn(
                    id=cells[0],
                    name=cells[1],
                    parent=cells[2] or None,
                    path=cells[3] or None,
                    order=order,
                    items=_ids(cells[6]),
                    under=_ids(cells[7]),
                    domains=_ids(cells[8]),
                )
            )
        except ValidationError as exc:
            _code, message = translate_error(exc.errors(include_url=False)[0], WebColumn)
            raise ColumnMapError(
                f"第{number}行不是有效的栏目:{message}", file=str(source), line=number
            ) from exc
        except ValueError as exc:
            raise ColumnMapError(
                f"第{number}行的顺序“{cells[5]}”不是整数", file=str(source), line=number
            ) from exc
    meta.setdefault("id", map_id or re.sub(r"[^a-z0-9-]+", "-", source.stem.lower()).strip("-") or "imported")
    meta.setdefault("title", title or source.stem)
    if map_id:
        meta["id"] = map_id
    if title:
        meta["title"] = title
    return ColumnMap(columns=columns, **meta)


def _ids(text: str) -> list[str]:
    return [part for part in re.split(r"[\s、,,;;]+", text) if part]
