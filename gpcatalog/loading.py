"""The one loading path: from a reference to a validated :class:`~gpcatalog.model.Catalogue`.

Every part of gpcatalog that needs a catalogue — :func:`gpcatalog.load` and :func:`gpcatalog.validate`, history
(releases, changelogs), tables, the site — comes through here, so a reference means the same everywhere:

- ``None`` or ``"national"``: a bundled catalogue; ``"national@2019.1"``: one of its released versions;
- a package folder (or its ``catalogue.yaml``), optionally ``@version``;
- a materialised package (``catalogue.yaml`` + ``domains/``) is read and validated; a derived one
  (``catalogue.yaml`` with ``base:`` + ``overlay.yaml``) is compiled over its base, recursively;
- pilot extensions the catalogue declares are composed into its schema and models while it is validated.

(Named ``loading`` rather than ``load`` so that no module shadows the function :func:`gpcatalog.load`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import ValidationError

from gpcatalog.errors import CatalogueInvalidError, DerivedError, GpCatalogError
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.overlay import Overlay
from gpcatalog.schema.report import Report, Severity
from gpcatalog.schema.validate import (
    Collector,
    build_model,
    check_domain,
    check_package,
    report_from_error,
    translate_error,
)
from gpcatalog.store.package import RawFile, RawPackage, item_to_data, read_package, read_raw
from gpcatalog.store.reference import CATALOGUE_FILE, OVERLAY_FILE, resolve_location

Location = str | Path | None
"""A catalogue reference: ``None`` or ``"national"`` for the bundled catalogue, ``"national@2019.1"`` for a
released version, or a package folder path (optionally ``@version``)."""

ITEM_FIELDS = [name for name in Item.model_fields if name not in ("id", "children")]


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


def load(location: Location = None, *, _seen: tuple[str, ...] = ()) -> Catalogue:
    """Load and validate a catalogue, materialised or derived (compiled through its bases).

    Args:
        location: ``None`` (the bundled national catalogue), the name of a bundled catalogue, a released version
            (``national@2019.1``), or the path of a catalogue package folder (or its ``catalogue.yaml``).

    Returns:
        The :class:`~gpcatalog.model.Catalogue`, domains in their numbered order. Warnings do not stop
        loading; call :func:`report` to see them.

    Raises:
        CatalogueReadError: ``location`` is not a catalogue package (or has no such version).
        CatalogueInvalidError: the package has errors; ``.report`` lists every problem.
        DerivedError: a derived catalogue whose base is missing or whose bases form a cycle.
    """
    package = read_package(location)  # read once: its catalogue.yaml says which of the two it is
    if declared_base(package.catalogue) is not None:
        compiled = compile_catalogue(location, _seen=_seen)
        if not compiled.report.ok:
            first = compiled.report.errors()[0]
            raise CatalogueInvalidError(
                f"派生目录“{compiled.report.catalogue}”无效:{first.message}", report=compiled.report
            )
        return compiled.catalogue
    return catalogue_from(package)


def catalogue_from(package: RawPackage) -> Catalogue:
    """Validate a package already read and return its catalogue (the materialised half of :func:`load`).

    Raises:
        CatalogueInvalidError: the package has errors; ``.report`` lists every problem.
    """
    catalogue, report = check_package(package)
    if catalogue is None or not report.ok:
        errors = report.errors()
        first = errors[0] if errors else None
        where = f"{first.location()}:" if first and first.location() else ""
        more = f"(另有 {len(errors) - 1} 个错误,用 gpcatalog validate 查看全部)" if len(errors) > 1 else ""
        message = f"目录“{report.catalogue}”无效:{where}{first.message if first else '无法读取'}{more}"
        raise CatalogueInvalidError(message, report=report)
    return catalogue


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
            base = load(meta.base, _seen=(*_seen, display))
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


def report(location: Location = None) -> Report:
    """Validate a catalogue and return a report listing every problem; never raises for bad data.

    A derived catalogue is compiled over its base and its report points at the layer each problem comes from.
    """
    display = str(location) if location is not None else "national"
    try:
        package = read_package(location)
        if declared_base(package.catalogue) is not None:
            return compile_catalogue(location).report
    except GpCatalogError as error:
        return report_from_error(display, error)
    return check_package(package)[1]
