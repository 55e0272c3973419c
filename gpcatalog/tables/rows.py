"""Table rows → a catalogue: 一级事项 grouped over their rows, items built from cells, domains named, ids kept,
matched to an existing catalogue or assigned, and the catalogue's rules checked with issues pointing at rows."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gpcatalog.changes.match import Node, flatten
from gpcatalog.errors import GpCatalogError
from gpcatalog.model import Catalogue, Domain, Item, Scope
from gpcatalog.parsing.channels import parse_checklist
from gpcatalog.parsing.text import match_key
from gpcatalog.schema.extensions import Composition, compose
from gpcatalog.schema.report import Severity
from gpcatalog.schema.validate import Collector, check_domain, translate_error
from gpcatalog.store.limits import load_json
from gpcatalog.store.package import RawFile
from gpcatalog.tables.cells import Out, Row, at, checked_text, group_text, inline, lines_of, tick_of
from gpcatalog.tables.groups import Entry, plan_domain
from gpcatalog.tables.ids import Known, align_rows, resolve_ids
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
    row: Row,
    out: Out,
    name_key: str,
    domain: Domain,
    extra: dict[str, list[str]],
    allowed: Collection[str] = (),
    exported: bool = False,
) -> dict[str, Any]:
    """The item fields of one row, under the column keys of :mod:`gpcatalog.tables.layout`; local channels it
    uses (neither declared by the domain nor ``allowed`` by an extension) are collected in ``extra`` and reported
    at their cell. In a workbook gpcatalog ``exported``, a local channel must be ticked in the checklist (■名称)."""
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
        for name in ticked:
            if name in STANDARD_CHANNELS or name in allowed or name in domain.extra_channels:
                continue
            if exported and not checklist.marked:  # not the exported checklist: text that is no channel
                at(
                    out,
                    row,
                    "channels",
                    "unknown-channel",
                    Severity.ERROR,
                    f"“{name}”不是13个标准渠道之一;要加本领域的地方渠道,请在渠道清单中写作“■{name}”",
                )
            elif (
                name not in extra[domain.code]
            ):  # a local channel typed into the table: the domain declares it
                extra[domain.code].append(name)
                at(
                    out,
                    row,
                    "channels",
                    "local-channel",
                    Severity.WARNING,
                    f"“{name}”不是13个标准渠道之一,已作为本领域的地方渠道保留;如果是笔误,请改成标准渠道的名称",
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
    reserved: Collection[str] = (),
) -> tuple[Catalogue | None, dict[str, tuple[str, int]]]:
    """Assemble items from table rows: 一级事项 grouped by their visible cells (:mod:`~gpcatalog.tables.groups`),
    ids carried, inferred from ``match`` or new after every id in ``reserved`` (:mod:`~gpcatalog.tables.ids`)."""
    known_codes = known_domains()
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
            or match_key(str(meta_domains.get(n, {}).get("code", known_codes.get(n, ("",))[0]))) in wanted
        ]
    taken: set[str] = set()
    exported = _exported_rows(meta)
    known = _known(exported, match)
    level1_names = {
        str(r[1] or r[0]): (str(r[2]) if r[2] else None)
        for rs in exported.values()
        for r in rs
        if r[1] or r[0]
    }
    shells: list[tuple[Domain, bool]] = []
    plans: list[tuple[str, list[Entry]]] = []
    bases: dict[str, dict[str, Node]] = {}
    for name in order:
        base = dict(meta_domains.get(name) or {})
        from_meta = bool(base)
        if not base:
            code, number = _domain_code(name, known_codes, taken)
            base = {"code": code, "name": name, **({"number": number} if number else {})}
            if name not in known_codes:
                out.add(
                    "unknown-domain", Severity.INFO, f"领域“{name}”不是国家目录的26个领域之一,代码定为 {code}"
                )
        taken.add(str(base["code"]))
        shell = domain_model.model_validate({**base, "items": []})
        shells.append((shell, from_meta))
        domain_rows = by_domain[name]
        if exported.get(shell.code) and any("id" not in r.columns for r in domain_rows):
            align_rows([r for r in domain_rows if "id" not in r.columns], exported[shell.code])
        plans.append((shell.code, plan_domain(domain_rows, out, level1_names)))
        if match is not None and any(d.code == shell.code for d in match.domains):
            bases[shell.code] = flatten([match.domain(shell.code)])
    resolve_ids(plans, out, known=known, bases=bases, reserved=reserved)
    hidden = _hidden_cells(exported)
    built: list[Domain] = []
    locations: dict[str, tuple[str, int]] = {}
    extra: dict[str, list[str]] = defaultdict(list)
    allowed = set(composition.channels) if composition else set()
    for (shell, from_meta), (_code, entries) in zip(shells, plans, strict=True):
        domain_items: list[Item] = []
        for entry in entries:
            data = _item(entry, out, shell, extra, hidden, (allowed, from_meta))
            built_item = _validate_item(data, out, locations, item_model)
            if built_item is not None:
                domain_items.append(built_item)
        extras = list(shell.extra_channels)
        extras += [c for c in extra[shell.code] if c not in shell.extra_channels]
        built.append(shell.model_copy(update={"items": domain_items, "extra_channels": extras}))
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


def _item(
    entry: Entry,
    out: Out,
    shell: Domain,
    extra: dict[str, list[str]],
    hidden: dict[str, dict[str, str]],
    channels: tuple[Collection[str], bool],
) -> dict[str, Any]:
    """The fields of one entry (and its 二级事项) from its row's cells, hidden cells the table no longer has taken
    from the workbook's metadata."""
    row = entry.row
    for key, value in hidden.get(entry.id or "", {}).items():
        if key not in row.columns and key != "parent_fields":
            row.cells.setdefault(key, checked_text(value, out, row, key))
    if not entry.children and not entry.rows:
        return {**item_data(row, out, entry.name_key, shell, extra, *channels), "id": entry.id, "_row": row}
    data: dict[str, Any] = {"id": entry.id, "name": entry.name, "_row": row}
    own = [r for r in entry.rows if r.cells.get("parent_id") == entry.id and r.cells.get("parent_fields")]
    if own:
        data.update(_parent_fields(own[0], out))
    elif "parent_fields" in hidden.get(entry.id or "", {}) and "parent_fields" not in row.columns:
        data.update(
            _parent_fields(Row(row.sheet, row.number, hidden[entry.id or ""], row.columns, None), out)
        )
    data["children"] = [_item(child, out, shell, extra, hidden, channels) for child in entry.children]
    return data


def _exported_rows(meta: dict[str, Any] | None) -> dict[str, list[list[Any]]]:
    """The rows the workbook was exported with (its metadata: ``[id, parent_id, level1, level2, hidden cells]``
    by domain code), or nothing for a table gpcatalog did not write."""
    rows = (meta or {}).get("rows")
    if not isinstance(rows, dict):
        return {}
    return {
        str(code): [r for r in entries if isinstance(r, list) and len(r) == 5]
        for code, entries in rows.items()
        if isinstance(entries, list)
    }


def _known(exported: dict[str, list[list[Any]]], match: Catalogue | None) -> dict[str, Known]:
    """What each id was before the edits: from ``match`` when given, else from the workbook's metadata."""
    known: dict[str, Known] = {}
    for entries in exported.values():
        for item_id, parent, level1, level2, _hidden in entries:
            if parent:
                known.setdefault(str(parent), Known(level1 or None, None))
                known[str(item_id)] = Known(level2 or None, str(parent))
            elif item_id:
                known[str(item_id)] = Known(level1 or None, None)
    if match is not None:
        for item_id, node in flatten(match.domains).items():
            known[item_id] = Known(node.item.name, node.parent)
    return known


def _hidden_cells(exported: dict[str, list[list[Any]]]) -> dict[str, dict[str, str]]:
    """The hidden cells each id was exported with (a 一级事项: its other fields), for tables that lost them."""
    cells: dict[str, dict[str, str]] = {}
    for entries in exported.values():
        for item_id, parent, _level1, _level2, hidden in entries:
            if not isinstance(hidden, dict):
                continue
            values = {str(k): str(v) for k, v in hidden.items() if isinstance(v, str)}
            if item_id:
                cells[str(item_id)] = {k: v for k, v in values.items() if k != "parent_fields"}
            if parent and "parent_fields" in values:
                cells.setdefault(str(parent), {"parent_fields": values["parent_fields"]})
    return cells


_RULE_COLUMNS = {"unparsed-deadline": "deadline", "missing-basis": "basis", "unknown-channel": "channels"}


def check_rules(
    catalogue: Catalogue,
    out: Out,
    locations: dict[str, tuple[str, int]],
    columns: dict[str, dict[str, int]] | None = None,
) -> None:
    """Run the catalogue's rules (duplicate ids, unknown channels, missing basis …) on the built domains and
    point their issues at sheet and row, and at the cell when the rule is about one column (``columns``: sheet →
    column key → column index)."""
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
            key = _RULE_COLUMNS.get(issue.code)
            column = (columns or {}).get(where[0], {}).get(key or "")
            out.add(
                issue.code,
                issue.severity,
                issue.message,
                where[0],
                where[1],
                column,
                key,
                item_id=issue.item_id,
            )
        else:
            out.issues.append(
                issue.model_copy(update={"file": out.file, "line": None, "column": None, "path": None})
            )
