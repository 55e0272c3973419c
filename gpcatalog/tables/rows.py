"""Table rows → a catalogue: 一级事项 grouped over their rows, items built from cells, domains named, ids kept,
matched to an existing catalogue or assigned, and the catalogue's rules checked with issues pointing at rows."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gpcatalog.changes.match import Node, flatten, infer_pairs
from gpcatalog.errors import GpCatalogError
from gpcatalog.model import Catalogue, Domain, Item, Scope
from gpcatalog.parsing.channels import parse_checklist
from gpcatalog.parsing.text import match_key
from gpcatalog.schema.extensions import Composition, compose
from gpcatalog.schema.report import Severity
from gpcatalog.schema.validate import Collector, check_domain, translate_error
from gpcatalog.store.limits import load_json
from gpcatalog.store.package import RawFile
from gpcatalog.tables.cells import Out, Row, at, group_text, inline, lines_of, tick_of
from gpcatalog.tables.layout import (
    GROUP_WORDS,
    STANDARD_CHANNELS,
    TICK_FIELDS,
)
from gpcatalog.version import __version__


@lru_cache(maxsize=1)
def known_domains() -> dict[str, tuple[str, int | None]]:
    """Domain names of the bundled national catalogue → (code, number), read from the head of each file."""
    from gpcatalog.store.resources import bundled_catalogue

    try:
        folder = bundled_catalogue("national") / "domains"
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except (GpCatalogError, OSError):
        return {}
    found: dict[str, tuple[str, int | None]] = {}
    for entry in entries:
        head = entry.read_text(encoding="utf-8").split("\nguideline:", 1)[0]
        code = re.search(r"^code:\s*(\S+)", head, re.M)
        number = re.search(r"^number:\s*(\d+)", head, re.M)
        name = re.search(r"^name:\s*(\S+)", head, re.M)
        if code and name:
            found[name.group(1)] = (code.group(1), int(number.group(1)) if number else None)
    return found


def _domain_code(
    name: str, known: dict[str, tuple[str, int | None]], taken: set[str]
) -> tuple[str, int | None]:
    if name in known:
        return known[name]
    from pypinyin import lazy_pinyin

    code = (
        "-".join(p for p in (re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(name)) if p)[:40]
        or "lingyu"
    )
    code = code.strip("-") or "lingyu"
    candidate, number = code, 2
    while candidate in taken:
        candidate, number = f"{code}-{number}", number + 1
    return candidate, None


def item_data(
    row: Row, out: Out, name_key: str, domain: Domain, extra: dict[str, list[str]], declare: bool = True
) -> dict[str, Any]:
    """The item fields of one row, under the column keys of :mod:`gpcatalog.tables.layout`; local channels it
    uses are collected in ``extra`` (and warned about when ``declare``)."""
    c = row.cells
    data: dict[str, Any] = {"name": inline(c.get(name_key, "")) or None}
    seq = c.get("seq", "")
    if seq:
        if re.fullmatch(r"\d+", seq):
            data["seq"] = int(seq)
        else:
            at(out, row, "seq", "bad-seq", Severity.WARNING, f"序号“{seq}”不是整数,未导入")
    for key in ("contents", "caveats"):
        if c.get(key):
            data[key] = lines_of(c[key])
    if c.get("basis"):
        data["basis"] = lines_of(c["basis"])
    if c.get("deadline"):
        data["deadline"] = inline(c["deadline"])
    if c.get("subject"):
        data["subject"] = inline(c["subject"])
    if c.get("source"):
        data["source"] = c["source"].strip()
    if c.get("extension_fields"):
        try:
            fields = load_json(c["extension_fields"])
        except ValueError:
            fields = None
        if isinstance(fields, dict):
            data.update({k: v for k, v in fields.items() if k not in Item.model_fields})
        else:
            at(
                out,
                row,
                "extension_fields",
                "bad-value",
                Severity.WARNING,
                "不是 gpcatalog 写入的 JSON,已忽略",
            )
    if "channels" in row.columns and c.get("channels"):
        checklist = parse_checklist(c["channels"])
        ticked = [str(x) for x in checklist.ticked]
        order = lines_of(c.get("channel_order", ""))
        if order and sorted(order) == sorted(ticked):
            ticked = order
        standard = STANDARD_CHANNELS
        for name in ticked:
            if name not in standard and name not in domain.extra_channels and name not in extra[domain.code]:
                extra[domain.code].append(name)
                if not declare:
                    continue  # the domain's declarations come from gpcatalog's metadata; validation reports it
                at(
                    out,
                    row,
                    "channels",
                    "local-channel",
                    Severity.WARNING,
                    f"“{name}”不是13个标准渠道之一,已作为本领域的地方渠道保留(extra_channels)",
                )
        data["channels"] = ticked
    groups: dict[str, dict[str, bool | None]] = defaultdict(dict)
    for key, (group, name) in TICK_FIELDS.items():
        if key in row.columns:
            groups[group][name] = tick_of(c.get(key, ""), out, row, key)
    for key, (group, options) in GROUP_WORDS.items():
        if key in row.columns:
            values = group_text(c.get(key, ""), options)
            if group == "levels" and not values.get("village"):
                values.pop("village")
            groups[group].update({k: v for k, v in values.items() if k not in groups[group]})
    data.update(groups)
    return data


def build_catalogue(
    rows: list[Row],
    out: Out,
    *,
    meta: dict[str, Any] | None = None,
    match: Catalogue | None = None,
    catalogue_id: str | None = None,
    title: str | None = None,
    scope: Scope | str = Scope.COUNTY,
    domains: Sequence[str] | None = None,
) -> tuple[Catalogue | None, dict[str, tuple[str, int]]]:
    """Assemble items from table rows: 一级事项 grouping, ids (kept, matched to ``match``, or assigned), domains."""
    known = known_domains()
    composition = _composition((meta or {}).get("catalogue") or {}, out)
    item_model = composition.item_model if composition else Item
    domain_model = composition.domain_model if composition else Domain
    catalogue_model = composition.catalogue_model if composition else Catalogue
    meta_domains = {d.get("name"): d for d in (meta or {}).get("domains", []) if isinstance(d, dict)}
    order: list[str] = [name for name in meta_domains if isinstance(name, str)]  # exported: every domain
    by_domain: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        name = row.domain or "未命名领域"
        if name not in by_domain and name not in order:
            order.append(name)
        by_domain[name].append(row)
    if domains:
        wanted = {match_key(d) for d in domains}
        order = [
            n
            for n in order
            if match_key(n) in wanted
            or match_key(str(meta_domains.get(n, {}).get("code", known.get(n, ("",))[0]))) in wanted
        ]
    taken: set[str] = set()
    built: list[Domain] = []
    locations: dict[str, tuple[str, int]] = {}
    extra: dict[str, list[str]] = defaultdict(list)
    for name in order:
        base = dict(meta_domains.get(name) or {})
        from_meta = bool(base)
        if not base:
            code, number = _domain_code(name, known, taken)
            base = {"code": code, "name": name, **({"number": number} if number else {})}
            if name not in known:
                out.add(
                    "unknown-domain", Severity.INFO, f"领域“{name}”不是国家目录的26个领域之一,代码定为 {code}"
                )
        taken.add(str(base["code"]))
        shell = domain_model.model_validate({**base, "items": []})
        items: list[dict[str, Any]] = []
        parent: dict[str, Any] | None = None
        parent_key: object = None
        for row in by_domain[name]:
            cells = row.cells
            if "level1" not in row.columns:  # one 事项 column: every row is an item of its own
                items.append(
                    {
                        **item_data(row, out, "level2", shell, extra, not from_meta),
                        "id": cells.get("id") or None,
                        "_row": row,
                    }
                )
                parent = None
                continue
            if not cells.get("level2") and not cells.get("parent_id"):  # a 一级事项 without 二级事项
                if not cells.get("level1") and not cells.get("id"):
                    out.add(
                        "no-name",
                        Severity.WARNING,
                        "一级事项和二级事项都是空的,已跳过这一行",
                        row.sheet,
                        row.number,
                    )
                    continue
                items.append(
                    {
                        **item_data(row, out, "level1", shell, extra, not from_meta),
                        "id": cells.get("id") or None,
                        "_row": row,
                    }
                )
                parent = None
                continue
            key = cells.get("parent_id") or row.level1_origin
            if parent is None or key != parent_key:
                parent = {
                    "id": cells.get("parent_id") or None,
                    "name": inline(cells.get("level1", "")) or None,
                }
                parent.update({"children": [], "_row": row})
                if cells.get("parent_fields"):
                    parent.update(_parent_fields(row, out))
                items.append(parent)
                parent_key = key
            data = item_data(row, out, "level2", shell, extra, not from_meta)
            parent["children"].append({**data, "id": cells.get("id") or None, "_row": row})
        _assign_ids(str(base["code"]), items)
        domain_items: list[Item] = []
        for top in items:
            built_item = _validate_item(top, out, locations, item_model)
            if built_item is not None:
                domain_items.append(built_item)
        extras = list(shell.extra_channels)
        if not from_meta:  # a clerk's table: declare the local channels it uses (each was warned about)
            extras += [c for c in extra[shell.code] if c not in shell.extra_channels]
        built.append(shell.model_copy(update={"items": domain_items, "extra_channels": extras}))
    if match is not None:
        _match_ids(built, match, locations)
    catalogue_meta = dict((meta or {}).get("catalogue") or {})
    if not catalogue_meta:
        catalogue_meta = {
            "id": catalogue_id or "imported",
            "title": title or "导入的目录",
            "version": "1",
            "scope": str(scope),
        }
    else:
        if catalogue_id:
            catalogue_meta["id"] = catalogue_id
        if title:
            catalogue_meta["title"] = title
    try:
        catalogue = catalogue_model.model_validate({**catalogue_meta, "domains": []})
    except ValidationError as exc:
        out.add("bad-value", Severity.ERROR, f"目录信息无效:{exc.errors()[0]['msg']}(检查 --id、--title)")
        return None, locations
    catalogue.domains = built
    return catalogue, locations


def _parent_fields(row: Row, out: Out) -> dict[str, Any]:
    try:
        data = load_json(row.cells["parent_fields"])
    except ValueError:
        data = None
    if not isinstance(data, dict):
        column = row.columns.get("parent_fields")
        out.add(
            "bad-value",
            Severity.WARNING,
            "不是 gpcatalog 写入的 JSON,已忽略",
            row.sheet,
            row.number,
            column,
            "parent_fields",
        )
        return {}
    return {k: v for k, v in data.items() if k not in ("id", "name", "children")}


def _composition(meta: dict[str, Any], out: Out) -> Composition | None:
    references = meta.get("extensions")
    if not references:
        return None
    try:
        return compose([str(r) for r in references], __version__)
    except GpCatalogError as error:
        out.add("extension-error", Severity.ERROR, error.message)
        return None


def _assign_ids(code: str, items: list[dict[str, Any]]) -> None:
    used = {i["id"] for i in _walk(items) if i.get("id")}
    counter = 0
    for item in _walk(items):
        if item.get("id"):
            continue
        counter += 1
        while f"{code}-{counter:03d}" in used:
            counter += 1
        item["id"] = f"{code}-{counter:03d}"
        used.add(item["id"])


def _walk(items: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for item in items:
        yield item
        yield from _walk(item.get("children", []))


def _validate_item(
    data: dict[str, Any], out: Out, locations: dict[str, tuple[str, int]], model: type[Item] = Item
) -> Item | None:
    row: Row = data.pop("_row")
    children = [
        c for c in (_validate_item(child, out, locations, model) for child in data.pop("children", [])) if c
    ]
    try:
        item = model.model_validate({**data, "children": []})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            key = str(error["loc"][0]) if error["loc"] else None
            column_key = {"name": "level2", "id": "id"}.get(key or "", key)
            code, message = translate_error(error, Item)
            out.add(
                code,
                Severity.ERROR,
                message,
                row.sheet,
                row.number,
                row.columns.get(column_key or ""),
                column_key,
                item_id=data.get("id"),
            )
        return None
    item.children = children
    locations[item.id] = (row.sheet, row.number)
    return item


def _match_ids(domains: list[Domain], base: Catalogue, locations: dict[str, tuple[str, int]]) -> None:
    """Give imported items the ids of the items of ``base`` they match by domain, path and name."""
    for domain in domains:
        try:
            old_domain = base.domain(domain.code)
        except KeyError:
            continue
        old = flatten([old_domain])
        new = flatten([domain])
        provisional = {i: f"x{n}" for n, i in enumerate(new)}
        pairs = infer_pairs(old, _rekeyed(new, provisional), list(old), list(provisional.values()))
        back = {v: k for k, v in provisional.items()}
        matched = {back[n]: o for o, n in pairs.items()}
        used = set(old) | set(matched.values())
        numbers = [
            int(m.group(1)) for i in used if (m := re.fullmatch(rf"{re.escape(domain.code)}-(\d+)", i))
        ]
        counter = max(numbers, default=0)
        renames: dict[str, str] = {}
        for item_id in new:
            if item_id in matched:
                renames[item_id] = matched[item_id]
            else:
                counter += 1
                renames[item_id] = f"{domain.code}-{counter:03d}"
        for _depth, item in domain.walk():
            if item.id in locations:
                locations[renames[item.id]] = locations.pop(item.id)
            item.id = renames[item.id]


def _rekeyed(nodes: dict[str, Node], names: dict[str, str]) -> dict[str, Node]:
    return {
        names[i]: Node(n.item, n.domain, names.get(n.parent) if n.parent else None, n.position, n.path)
        for i, n in nodes.items()
    }


def check_rules(catalogue: Catalogue, out: Out, locations: dict[str, tuple[str, int]]) -> None:
    """Run the catalogue's rules (duplicate ids, unknown channels, missing basis …) on the built domains and
    point their issues at sheet and row."""
    collector = Collector()
    seen: dict[str, str] = {}
    composition = _composition({"extensions": catalogue.extensions}, out)
    channels = composition.channels if composition else {}
    for domain in catalogue.domains:
        raw = RawFile(name=domain.name, resource=Path(domain.code), data={})
        check_domain(domain, raw, catalogue.scope, seen, collector, channels)
    for issue in collector.issues:
        where = locations.get(issue.item_id or "")
        if where is not None:
            out.add(issue.code, issue.severity, issue.message, where[0], where[1], item_id=issue.item_id)
        else:
            out.issues.append(
                issue.model_copy(update={"file": out.file, "line": None, "column": None, "path": None})
            )
