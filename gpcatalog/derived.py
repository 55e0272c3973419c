"""Derived catalogues: compile base + overlay, know where each field comes from, re-base, report deviations,
and the lineage of all catalogues as a networkx DAG.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gpcatalog.changes import Diff, Target
from gpcatalog.compare import diff
from gpcatalog.errors import CatalogueInvalidError, GpCatalogError
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.overlay import Overlay
from gpcatalog.schema.report import Report, Severity
from gpcatalog.schema.validate import Collector, build_model, catalogue_from, check_domain, translate_error
from gpcatalog.store.package import (
    CATALOGUE_FILE,
    RawFile,
    item_to_data,
    read_package,
    read_raw,
    resolve_location,
)
from gpcatalog.store.resources import bundled_catalogue_names

if TYPE_CHECKING:
    import networkx as nx

OVERLAY_FILE = "overlay.yaml"
ITEM_FIELDS = [name for name in Item.model_fields if name not in ("id", "children")]


class DerivedError(GpCatalogError, ValueError):
    """A derived catalogue whose base is missing, forms a cycle, or whose overlay does not fit its base."""


def _name(display: str, folder: Traversable | Path, file: str) -> str:
    return str(Path(display, file)) if isinstance(folder, Path) else f"{display}/{file}"


def base_of(location: str | Path | None) -> str | None:
    """The ``base`` reference declared in a package's catalogue.yaml, or None for a catalogue of its own."""
    display, folder = resolve_location(location)
    return declared_base(read_raw(folder / CATALOGUE_FILE, _name(display, folder, CATALOGUE_FILE)))


def declared_base(raw: RawFile) -> str | None:
    """The ``base`` reference in an already read catalogue.yaml, or None."""
    if isinstance(raw.data, dict) and isinstance(raw.data.get("base"), str):
        return str(raw.data["base"])
    return None


@dataclass
class Compiled:
    """A derived catalogue compiled: the effective catalogue, its base, and where each field comes from."""

    catalogue: Catalogue
    base: Catalogue
    overlay: Overlay
    report: Report
    local: dict[str, set[str]] = field(default_factory=dict)
    """Item id → the fields set by the local layer (``"*"``: the whole item is local)."""

    def origin(self, item_id: str, field_name: str) -> str:
        """``"local"`` when the field of the item comes from the overlay, ``"base"`` when from the base."""
        fields = self.local.get(item_id, set())
        return "local" if "*" in fields or field_name in fields else "base"


def load_any(reference: str | Path | None, seen: tuple[str, ...] = ()) -> Catalogue:
    """Load a catalogue whether it is materialised or derived (compiled through its bases).

    The package is read once: its catalogue.yaml says which of the two it is."""
    package = read_package(reference)
    if declared_base(package.catalogue) is not None:
        compiled = compile_catalogue(reference, _seen=seen)
        if not compiled.report.ok:
            first = compiled.report.errors()[0]
            raise CatalogueInvalidError(
                f"派生目录“{compiled.report.catalogue}”无效:{first.message}", report=compiled.report
            )
        return compiled.catalogue
    return catalogue_from(package)


def compile_catalogue(
    location: str | Path | None, *, base: Catalogue | None = None, _seen: tuple[str, ...] = ()
) -> Compiled:
    """Compile a derived catalogue: load its base, apply the overlay, validate the result.

    Args:
        base: the base catalogue, when the caller has it loaded (compiling many catalogues over one base).

    Raises:
        DerivedError: the package has no base, the base cannot be loaded, or the bases form a cycle.
    """
    display, folder = resolve_location(location)
    if display in _seen:
        raise DerivedError(f"基础目录形成循环:{' → '.join([*_seen, display])}")
    out = Collector()
    meta_raw = read_raw(folder / CATALOGUE_FILE, _name(display, folder, CATALOGUE_FILE))
    meta = build_model(meta_raw, Catalogue, out)
    if not isinstance(meta, Catalogue) or meta.base is None:
        raise DerivedError(f"目录“{display}”没有声明基础目录(base),不是派生目录", file=meta_raw.name)
    overlay_raw = read_raw(folder / OVERLAY_FILE, _name(display, folder, OVERLAY_FILE))
    overlay = build_model(overlay_raw, Overlay, out) if overlay_raw.error is None else None
    if overlay_raw.error is not None:
        overlay = Overlay() if not (folder / OVERLAY_FILE).is_file() else None
        if overlay is None:
            out.add("read-error", Severity.ERROR, overlay_raw.error.message, overlay_raw)
    if base is None:
        try:
            base = load_any(meta.base, (*_seen, display))
        except GpCatalogError as exc:
            if isinstance(exc, DerivedError):
                raise
            raise DerivedError(
                f"派生目录“{display}”的基础目录“{meta.base}”无法载入:{exc}", file=meta_raw.name
            ) from exc
    if not isinstance(overlay, Overlay):
        report = Report(catalogue=display, files=2, issues=out.issues)
        return Compiled(meta, base, Overlay(), report)
    catalogue, local = _apply(base, meta, overlay, overlay_raw, out)
    seen_ids: dict[str, str] = {}
    items = 0
    checks = Collector()
    for domain in catalogue.domains:
        raw = RawFile(name=overlay_raw.name, resource=Path(domain.code), data={})
        items += check_domain(domain, raw, catalogue.scope, seen_ids, checks)
    for issue in checks.issues:  # point at the layer the problem comes from
        if issue.item_id is not None and issue.item_id not in local:
            issue = issue.model_copy(update={"file": f"{meta.base}(基础目录)", "path": None})
        else:
            issue = issue.model_copy(update={"path": None})
        out.issues.append(issue)
    report = Report(catalogue=display, files=2, items=items, issues=out.issues)
    return Compiled(catalogue, base, overlay, report, local)


def _apply(
    base: Catalogue, meta: Catalogue, overlay: Overlay, raw: RawFile, out: Collector
) -> tuple[Catalogue, dict[str, set[str]]]:
    domains = [d.model_copy(deep=True) for d in base.domains]
    if overlay.domains is not None:
        known = {d.code for d in domains}
        for number, code in enumerate(overlay.domains):
            if code not in known:
                out.add(
                    "overlay-unknown",
                    Severity.ERROR,
                    f"要保留的领域“{code}”不在基础目录中",
                    raw,
                    ["domains", number],
                )
        domains = [d for d in domains if d.code in overlay.domains]
    local: dict[str, set[str]] = {}

    effective = meta.model_copy(update={"domains": domains})  # shares the lists the overlay changes

    def find(item_id: str) -> tuple[Domain, list[Item], Item] | None:
        """The domain of an item, the list that holds it, and the item (None when there is none)."""
        try:
            domain, path = effective.locate(item_id)
        except KeyError:
            return None
        return domain, path[-2].children if len(path) > 1 else domain.items, path[-1]

    for number, entry in enumerate(overlay.remove):
        hit = find(entry.item)
        if hit is None:
            out.add(
                "overlay-unknown",
                Severity.ERROR,
                f"要删除的事项“{entry.item}”不在基础目录中",
                raw,
                ["remove", number, "item"],
            )
            continue
        hit[1].remove(hit[2])
    for number, change in enumerate(overlay.modify):
        hit = find(change.item)
        if hit is None:
            out.add(
                "overlay-unknown",
                Severity.ERROR,
                f"要修改的事项“{change.item}”不在基础目录中",
                raw,
                ["modify", number, "item"],
            )
            continue
        _domain, siblings, item = hit
        unknown = [k for k in change.set if k not in ITEM_FIELDS]
        if unknown:
            message = f"不能修改字段“{'、'.join(unknown)}”:可修改的字段为 {'、'.join(ITEM_FIELDS)}"
            out.add("overlay-field", Severity.ERROR, message, raw, ["modify", number, "set"])
            continue
        data = {**item_to_data(item, children=False), **change.set}
        try:
            updated = Item.model_validate({**data, "children": []})
        except ValidationError as exc:
            _code, message = translate_error(exc.errors(include_url=False)[0], Item)
            out.add("bad-value", Severity.ERROR, message, raw, ["modify", number, "set"])
            continue
        updated.children = item.children
        siblings[siblings.index(item)] = updated
        local.setdefault(item.id, set()).update(change.set)
    for number, addition in enumerate(overlay.add):
        domain = next((d for d in domains if d.code == addition.domain), None)
        if domain is None:
            out.add(
                "overlay-unknown",
                Severity.ERROR,
                f"新增事项的领域“{addition.domain}”不在本目录中",
                raw,
                ["add", number, "domain"],
            )
            continue
        container = domain.items
        if addition.parent is not None:
            parent = find(addition.parent)
            if parent is None or parent[0] is not domain:
                out.add(
                    "overlay-unknown",
                    Severity.ERROR,
                    f"新增事项的上级“{addition.parent}”不在领域中",
                    raw,
                    ["add", number, "parent"],
                )
                continue
            container = parent[2].children
        try:
            item = Item.model_validate(addition.item)
        except ValidationError as exc:
            _code, message = translate_error(exc.errors(include_url=False)[0], Item)
            out.add("bad-value", Severity.ERROR, message, raw, ["add", number, "item"])
            continue
        if find(item.id) is not None:
            out.add(
                "duplicate-id",
                Severity.ERROR,
                f"新增事项的编号“{item.id}”在基础目录中已有",
                raw,
                ["add", number, "item", "id"],
            )
            continue
        position = 0
        if addition.after is not None:
            ids = [i.id for i in container]
            if addition.after not in ids:
                out.add(
                    "overlay-unknown",
                    Severity.ERROR,
                    f"“{addition.after}”不是新增事项的同级事项",
                    raw,
                    ["add", number, "after"],
                )
                continue
            position = ids.index(addition.after) + 1
        container.insert(position, item)
        for _depth, each in item.walk():
            local[each.id] = {"*"}
    return effective, local


# --- deviation, re-base ---------------------------------------------------------------------------------------------


def deviation(location: str | Path) -> Diff:
    """What a derived catalogue drops, adds and changes against its base (metadata left out)."""
    compiled = compile_catalogue(location)
    kept = compiled.overlay.domains
    base = compiled.base
    if kept is not None:
        base = base.model_copy(update={"domains": [d for d in base.domains if d.code in kept]})
    result = diff(
        base, compiled.catalogue, infer=False, old_label=compiled.catalogue.base, new_label=str(location)
    )
    result.changes = [c for c in result.changes if c.target is not Target.CATALOGUE]
    return result


@dataclass
class Rebase:
    """What re-basing a derived catalogue onto a new base version would do."""

    old: str
    new: str
    conflicts: list[str]
    resolved: list[str]
    changes: Diff


def rebase(location: str | Path, to: str, *, write: bool = True) -> Rebase:
    """Move a derived catalogue onto base ``to``: local changes apply where the base did not change the same thing;
    conflicts (a modified or parent item the new base removed, a field both sides changed, a new id the base now
    uses) are listed and nothing is written.
    """
    compiled = compile_catalogue(location)
    old_reference = compiled.catalogue.base or ""
    new_base = load_any(to)
    changes = diff(compiled.base, new_base, infer=False)
    removed = {
        c.id
        for c in changes.changes
        for c in c.flat()
        if c.type.value == "removed" and c.target is Target.ITEM
    }
    modified = {
        (c.id, c.field or "name")
        for c in changes.changes
        if c.target is Target.ITEM and c.type.value in ("modified", "renamed")
    }
    new_ids = {item.id for item in new_base.items()}
    conflicts: list[str] = []
    resolved: list[str] = []
    for change in compiled.overlay.modify:
        if change.item in removed:
            conflicts.append(f"本地修改的事项 {change.item} 在新基础目录 {to} 中已删除")
        for name in change.set:
            if (change.item, name) in modified:
                conflicts.append(f"事项 {change.item} 的{name}:本地和新基础目录都改了")
    for removal in compiled.overlay.remove:
        if removal.item in removed:
            resolved.append(f"本地删除的事项 {removal.item} 新基础目录也已删除")
    for addition in compiled.overlay.add:
        if addition.parent is not None and addition.parent in removed:
            conflicts.append(f"本地新增事项的上级 {addition.parent} 在新基础目录中已删除")
        if str(addition.item.get("id")) in new_ids:
            conflicts.append(f"本地新增事项的编号 {addition.item.get('id')} 在新基础目录中已被使用")
    if write and not conflicts:
        _set_base(location, to)
    return Rebase(old_reference, to, conflicts, resolved, changes)


def _set_base(location: str | Path, to: str) -> None:
    from gpcatalog.store.yamlio import write_text_atomic

    _display, folder = resolve_location(location)
    if not isinstance(folder, Path):
        raise DerivedError("安装包内的只读数据不能修改")
    path = folder / CATALOGUE_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = "".join(f"base: {to}\n" if line.startswith("base:") else line for line in lines)
    write_text_atomic(path, text)


# --- lineage --------------------------------------------------------------------------------------------------------


def lineage(locations: Iterable[str | Path] | None = None) -> nx.DiGraph:
    """The DAG of catalogues: an edge from each base to the catalogues derived from it.

    Nodes carry ``scope`` and ``title``; a base reference is resolved to the catalogue it names (its version is
    kept on the edge).

    Raises:
        DerivedError: a base that cannot be found, or bases that form a cycle.
    """
    import networkx as nx

    graph = nx.DiGraph()
    pending = list(locations) if locations is not None else list(bundled_catalogue_names())
    seen: set[str] = set()
    while pending:
        location = pending.pop(0)
        display, folder = resolve_location(location)
        if display in seen:
            continue
        seen.add(display)
        raw = read_raw(folder / CATALOGUE_FILE, _name(display, folder, CATALOGUE_FILE))
        data: dict[str, Any] = raw.data if isinstance(raw.data, dict) else {}
        graph.add_node(display, scope=data.get("scope"), title=data.get("title"))
        reference = data.get("base")
        if isinstance(reference, str):
            base_location, _, version = reference.partition("@")
            try:
                base_display, _folder = resolve_location(base_location or None)
            except GpCatalogError as exc:
                raise DerivedError(f"目录“{display}”的基础目录“{reference}”不存在", file=raw.name) from exc
            graph.add_edge(base_display, display, version=version or None)
            pending.append(base_location)
    cycles = list(nx.simple_cycles(graph))
    if cycles:
        raise DerivedError(f"基础目录形成循环:{' → '.join(cycles[0] + cycles[0][:1])}")
    return graph


def lineage_lines(graph: nx.DiGraph) -> list[str]:
    """The lineage as an indented tree: ``national(national)`` then ``  └ haifeng-yanglao(county,基于 2026.1)``."""
    lines: list[str] = []

    def walk(node: str, depth: int) -> None:
        data = graph.nodes[node]
        edge = next(iter(graph.in_edges(node, data=True)), None)
        version = f",基于 {edge[2]['version']}" if edge and edge[2].get("version") else ""
        prefix = "  " * (depth - 1) + ("└ " if depth else "")
        lines.append(f"{prefix}{node}({data.get('scope') or '?'}{version}){data.get('title') or ''}")
        for child in sorted(graph.successors(node)):
            walk(child, depth + 1)

    for root in sorted(n for n in graph.nodes if graph.in_degree(n) == 0):
        walk(root, 0)
    return lines
