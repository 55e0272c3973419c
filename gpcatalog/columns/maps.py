"""Column maps: read and write them, generate the default layout, expand rules to items, draw the tree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gpcatalog.columns.model import ColumnMap, WebColumn
from gpcatalog.errors import CatalogueReadError, ColumnMapError
from gpcatalog.model import Catalogue, Channel, Item
from gpcatalog.schema.report import Report, Severity
from gpcatalog.schema.validate import Collector, build_model, translate_error
from gpcatalog.store.atomic import write_atomic
from gpcatalog.store.package import RawFile, read_raw
from gpcatalog.store.resources import bundled_catalogue
from gpcatalog.store.yamlio import dump_yaml

DEFAULT_MAP = "default"


SPECIAL_COLUMN = ("jczwgk", "基层政务公开")


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
    write_atomic(path, dump_yaml(map_to_data(column_map)))


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
        raise ColumnMapError(
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
    try:
        return ColumnMap(
            id=map_id or f"{catalogue.id}-{DEFAULT_MAP}",
            title=title or f"{root_name}专栏(按目录 {catalogue.id} 生成的默认栏目)",
            catalogue=reference or catalogue.id,
            website=website,
            columns=columns,
        )
    except ValidationError as exc:  # an id or title given by the caller (--id, --title)
        _code, message = translate_error(exc.errors(include_url=False)[0], ColumnMap)
        raise ColumnMapError(f"对照表信息无效:{message}(可用 --id、--title 指定)") from None


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
    # Depth-first with an explicit stack (a chain of thousands of columns must not exhaust Python's recursion).
    stack: list[tuple[WebColumn, int]] = [
        (c, 1) for c in reversed(sorted(children.get(None, []), key=lambda c: c.order))
    ]
    while stack:
        column, level = stack.pop()
        if column.id in placed:
            continue
        placed.add(column.id)
        rows.append(TreeRow(column, level))
        below = sorted(children.get(column.id, []), key=lambda c: c.order)
        stack.extend((child, level + 1) for child in reversed(below))
    rows += [TreeRow(c, 1) for c in column_map.columns if c.id not in placed]
    return rows
