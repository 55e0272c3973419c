"""The public functions: load, validate, export. ``gpcatalog/__init__.py`` re-exports them.

Every CLI command is a thin twin of one of these (``gpcatalog validate`` ↔ :func:`validate`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from gpcatalog.errors import GpCatalogError, HistoryError
from gpcatalog.model import Catalogue, CompletenessStatus, Domain
from gpcatalog.store.history import split_reference
from gpcatalog.store.package import read_package, resolve_location

if (
    TYPE_CHECKING
):  # validation and the operations layer are imported when first used: `import gpcatalog` stays light
    from gpcatalog.adjustment import AdjustmentRecord
    from gpcatalog.changes import Diff
    from gpcatalog.schema.report import Report

Location = str | Path | None
"""A catalogue reference: ``None`` or ``"national"`` for the bundled catalogue, or a package folder path."""


def load(location: Location = None) -> Catalogue:
    """Load and validate a catalogue.

    Args:
        location: ``None`` (the bundled national catalogue), the name of a bundled catalogue, or the path of a
            catalogue package folder (or its ``catalogue.yaml``).

    Returns:
        The :class:`~gpcatalog.model.Catalogue`, domains in their numbered order. Warnings do not stop
        loading; call :func:`validate` to see them.

    Raises:
        CatalogueReadError: ``location`` is not a catalogue package.
        CatalogueInvalidError: the package has errors; ``.report`` lists every problem.
    """
    from gpcatalog.derived import load_any

    return load_any(location)


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
    from gpcatalog.schema.validate import check_package, report_from_error

    display = str(location) if location is not None else "national"
    try:
        from gpcatalog.derived import compile_catalogue, declared_base

        package = read_package(location)
        if declared_base(package.catalogue) is not None:
            return compile_catalogue(location).report
    except GpCatalogError as error:
        return report_from_error(display, error)
    report = check_package(package)[1]
    if split_reference(location)[1] is None:
        from gpcatalog.history import open_history

        try:
            open_history(location)
        except HistoryError as error:
            extra = getattr(error.report, "issues", None)
            report.issues.extend(extra if extra else report_from_error(display, error).issues)
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


__all__ = [
    "CatalogueRef",
    "DomainSummary",
    "Location",
    "diff",
    "load",
    "summarize_domain",
    "summary",
    "to_dict",
    "to_json",
    "validate",
]


# --- versions and adjustments -----------------------------------------------------------------------------------

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
    from gpcatalog.compare import diff as _diff
    from gpcatalog.history import open_history, records_between

    old_catalogue, old_label, old_base, old_version = _resolve(old)
    new_catalogue, new_label, new_base, new_version = _resolve(new)
    if records is None and old_base is not None and old_base == new_base and old_version is not None:
        records = records_between(open_history(old_base), old_version, new_version)
    return _diff(
        old_catalogue,
        new_catalogue,
        domains=domains,
        records=records or (),
        infer=infer,
        old_label=old_label,
        new_label=new_label,
    )
