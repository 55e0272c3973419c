"""The public functions of the catalogue as a whole: load, validate, summarise, export as data, diff, schemas.

``gpcatalog/__init__.py`` re-exports them; every CLI command is a thin twin of one of them (``gpcatalog validate``
↔ :func:`validate`). The capabilities themselves live in their wings (:mod:`gpcatalog.changes`,
:mod:`gpcatalog.history`, :mod:`gpcatalog.tables` …); this module composes them where a call spans several.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from gpcatalog import loading
from gpcatalog.errors import HistoryError
from gpcatalog.loading import Location
from gpcatalog.model import Catalogue, CompletenessStatus, Domain
from gpcatalog.store.reference import resolve_location, split_reference

if TYPE_CHECKING:  # the wings are imported when first used: loading a catalogue does not pay for them
    from gpcatalog.changes import Diff
    from gpcatalog.history import AdjustmentRecord
    from gpcatalog.schema.generate import SchemaSpec
    from gpcatalog.schema.report import Report

__all__ = [
    "CatalogueRef",
    "DomainSummary",
    "Location",
    "build_schemas",
    "diff",
    "domain_tree",
    "item_record",
    "load",
    "summarize_domain",
    "summary",
    "to_dict",
    "to_json",
    "validate",
    "write_schemas",
]


def load(location: Location = None) -> Catalogue:
    """Load and validate a catalogue (materialised, derived or a released version).

    Args:
        location: ``None`` (the bundled national catalogue), the name of a bundled catalogue, a version
            reference (``national@2019.1``), or the path of a catalogue package folder (or its ``catalogue.yaml``).

    Returns:
        The :class:`~gpcatalog.model.Catalogue`, domains in their numbered order. Warnings do not stop
        loading; call :func:`validate` to see them.

    Raises:
        CatalogueReadError: ``location`` is not a catalogue package.
        CatalogueInvalidError: the package has errors; ``.report`` lists every problem.
        DerivedError: a derived catalogue whose base is missing or whose bases form a cycle.
    """
    return loading.load(location)


def validate(location: Location = None) -> Report:
    """Validate a catalogue and return a report listing every problem; never raises for bad data.

    Args:
        location: as for :func:`load`.

    Returns:
        A :class:`~gpcatalog.schema.report.Report`. ``report.ok`` is False when there is any error;
        each issue has a stable code, a severity, the file, line and column where known, a JSON path, the
        item id and a Chinese message. The package's ``adjustments.yaml`` and ``history.yaml`` are checked too
        (their form and unique ids; :func:`release` checks records against the data).
    """
    from gpcatalog.history import open_history
    from gpcatalog.schema.validate import report_from_error

    report = loading.report(location)
    if report.files and split_reference(location)[1] is None:
        try:
            open_history(location)
        except HistoryError as error:
            extra = getattr(error.report, "issues", None)
            report.issues.extend(extra if extra else report_from_error(report.catalogue, error).issues)
    return report


def to_dict(catalogue: Catalogue) -> dict[str, Any]:
    """Return the catalogue as plain JSON-ready data: metadata, domains, the item tree.

    时限 and 依据 carry both the text as written and their parsed structure. The shape is described by
    ``schemas/catalogue.export.schema.json``.
    """
    data: dict[str, Any] = catalogue.model_dump(mode="json")
    return data


def to_json(catalogue: Catalogue, indent: int | None = 2) -> str:
    """Return :func:`to_dict` as JSON text (UTF-8 characters kept, not escaped)."""
    return json.dumps(to_dict(catalogue), ensure_ascii=False, indent=indent)


class DomainSummary(NamedTuple):
    """One row of :func:`summary`.

    Attributes:
        number: the domain's number among the 26 (序号).
        name: 领域名称.
        code: the domain code used in ids and URLs.
        level1: how many 一级事项.
        level2: how many 二级事项 (rows of the published table).
        status: completeness against the template (complete, partial, thin, skeleton), or None.
        template_rows: the template's number of 二级事项 where a source states it.
        guideline_doc_no: 文号 of the national guideline, or None when not found.
    """

    number: int | None
    name: str
    code: str
    level1: int
    level2: int
    status: CompletenessStatus | None
    template_rows: int | None
    guideline_doc_no: str | None


def summarize_domain(domain: Domain) -> DomainSummary:
    """Return the :class:`DomainSummary` of one domain."""
    completeness = domain.completeness
    return DomainSummary(
        number=domain.number,
        name=domain.name,
        code=domain.code,
        level1=len(domain.items),
        level2=len(domain.leaves()),
        status=completeness.status if completeness else None,
        template_rows=completeness.template_rows if completeness else None,
        guideline_doc_no=domain.guideline.doc_no,
    )


def summary(catalogue: Catalogue) -> list[DomainSummary]:
    """Return one :class:`DomainSummary` per domain, in order."""
    return [summarize_domain(domain) for domain in catalogue.domains]


CatalogueRef = Catalogue | str | Path | None
"""A catalogue, or a reference :func:`load` accepts (``national``, ``national@2019.1``, a folder path)."""


def _resolve(ref: CatalogueRef) -> tuple[Catalogue, str, str | None, str | None]:
    """Return (catalogue, label, package base, version) for a catalogue or a reference."""
    if isinstance(ref, Catalogue):
        return ref, f"{ref.id}@{ref.version}", None, None
    base, version = split_reference(ref)
    display, _folder = resolve_location(base)
    catalogue = load(ref)
    return catalogue, (f"{display}@{version}" if version else display), display, version


def diff(
    old: CatalogueRef,
    new: CatalogueRef,
    *,
    domains: Sequence[str] | None = None,
    records: Sequence[AdjustmentRecord] | None = None,
    infer: bool | None = None,
) -> Diff:
    """Return the typed changes from ``old`` to ``new``: added, removed, renamed, moved, split, merged, modified.

    Args:
        old, new: catalogues, or references :func:`load` accepts: ``"national@2019.1"``, ``"national"`` (the
            working copy), a package folder. Any two catalogues can be compared (a county's against the national
            one); when their ids differ, items are paired by domain, path and name and marked ``inferred``.
        domains: limit to these domains (code, name or number).
        records: adjustment records that explain the changes. By default, when both sides are versions (or the
            working copy) of one package, the records released between them (and the pending ones, for the
            working copy) are used: they group splits and merges and are listed on each change they cover.
        infer: force name matching on or off.

    Returns:
        A :class:`~gpcatalog.changes.Diff`; ``bool(result)`` is False when there is no difference.

    Raises:
        CatalogueReadError: a reference names no catalogue or no such version.
        CatalogueInvalidError: a catalogue does not validate.
        UnknownDomainError: a domain in ``domains`` is in neither catalogue.
    """
    from gpcatalog.changes import diff as compute
    from gpcatalog.history import annotate, open_history, records_between

    old_catalogue, old_label, old_base, old_version = _resolve(old)
    new_catalogue, new_label, new_base, new_version = _resolve(new)
    if records is None and old_base is not None and old_base == new_base and old_version is not None:
        records = records_between(open_history(old_base), old_version, new_version)
    result = compute(
        old_catalogue, new_catalogue, domains=domains, infer=infer, old_label=old_label, new_label=new_label
    )
    if records:
        annotate(result, records)
    return result


def domain_tree(domain: Domain) -> dict[str, Any]:
    """A domain's item tree as JSON-ready data: ``code``, ``name``, ``items`` (each with its ``children``)."""
    return {
        "code": domain.code,
        "name": domain.name,
        "items": [i.model_dump(mode="json") for i in domain.items],
    }


def item_record(catalogue: Catalogue, item_id: str) -> dict[str, Any]:
    """One item as JSON-ready data: ``domain`` (code), ``path`` (ids from its 一级事项 down), ``item``.

    Raises:
        UnknownItemError: no item has that id.
    """
    domain, path = catalogue.locate(item_id)
    return {"domain": domain.code, "path": [p.id for p in path], "item": path[-1].model_dump(mode="json")}


def build_schemas() -> dict[str, dict[str, Any]]:
    """Every checked-in JSON Schema by file name: the core documents (catalogue, domain, export, report), the
    wings' (adjustments, history, diff) and the domain schema composed with each bundled extension."""
    from gpcatalog.changes import Diff
    from gpcatalog.history import Adjustments, History
    from gpcatalog.schema import generate
    from gpcatalog.schema.extensions import extension_schemas

    wings: dict[str, SchemaSpec] = {
        "adjustments.schema.json": (
            Adjustments,
            "validation",
            "调整记录文件(adjustments.yaml)",
            "目录包根目录下的 adjustments.yaml:每条调整记录的申请、批准、原因、触发文件和调整内容。",
        ),
        "history.schema.json": (
            History,
            "validation",
            "版本历史文件(history.yaml)",
            "由 gpcatalog release 写入:每个已发布版本的日期、上一版本、纳入的调整记录和文件哈希。",
        ),
        "diff.schema.json": (
            Diff,
            "serialization",
            "目录差异(JSON)",
            "gpcatalog diff --format json 和 gpcatalog.diff() 的结构:每处变化的类型、对象、字段、新旧值和位置。",
        ),
    }
    return {**generate.build_schemas({**generate.SCHEMAS, **wings}), **extension_schemas()}


def write_schemas(directory: str | Path) -> list[Path]:
    """Write every schema of :func:`build_schemas` into ``directory`` (each file atomically); return the paths.

    ``gpcatalog schema`` ↔ this. Raises :class:`~gpcatalog.errors.WriteError` when a file cannot be written.
    """
    from gpcatalog.schema.generate import render_schema
    from gpcatalog.store.atomic import write_atomic

    written = []
    for name, schema in build_schemas().items():
        path = Path(directory) / name
        write_atomic(path, render_schema(schema))
        written.append(path)
    return written
