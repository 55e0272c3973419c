"""gpcatalog: China's basic-level government-openness standard catalogues (基层政务公开事项标准目录) as data.

>>> import gpcatalog
>>> catalogue = gpcatalog.load()            # the bundled national catalogue, 26 domains
>>> catalogue.domain("社会救助").items[0].name
'综合业务'
>>> gpcatalog.validate().ok
True

Every public name is imported on first use (PEP 562), from the wing that holds it: ``import gpcatalog`` loads
only the standard library, and ``gpcatalog.audit`` is always the function, whatever submodules were imported.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from gpcatalog.version import __version__

# public name → (module, name in that module)
_PUBLIC: dict[str, tuple[str, str]] = {
    "inspect_site": ("gpcatalog.inspect", "inspect_site"),
    **{
        name: ("gpcatalog.api", name)
        for name in ("DomainSummary", "diff", "load", "summarize_domain", "summary", "to_dict", "to_json")
    },
    **{
        name: ("gpcatalog.api", name)
        for name in ("validate", "build_schemas", "write_schemas", "domain_tree", "item_record")
    },
    **{
        name: ("gpcatalog.errors", name)
        for name in (
            "CatalogueInvalidError",
            "CatalogueReadError",
            "GpCatalogError",
            "HistoryError",
            "ImportRefusedError",
            "ReleaseRefusedError",
            "TableError",
            "UnknownDomainError",
            "UnknownItemError",
            "WriteError",
            "YAMLSyntaxError",
        )
    },
    **{
        name: ("gpcatalog.model", name)
        for name in (
            "Audience",
            "Basis",
            "Catalogue",
            "Channel",
            "Citation",
            "Completeness",
            "Deadline",
            "DeadlineKind",
            "DocKind",
            "Domain",
            "Guideline",
            "Item",
            "Levels",
            "Mode",
            "Scope",
            "Source",
        )
    },
    **{name: ("gpcatalog.parsing", name) for name in ("parse_basis", "parse_checklist", "parse_deadline")},
    **{name: ("gpcatalog.changes", name) for name in ("Change", "ChangeType", "Diff", "apply")},
    **{
        name: ("gpcatalog.history", name)
        for name in (
            "AdjustmentRecord",
            "Reason",
            "RecordChange",
            "ReleaseResult",
            "Removal",
            "VersionEntry",
            "changelog",
            "item_fate",
            "release",
            "verify",
            "versions",
        )
    },
    **{
        name: ("gpcatalog.tables", name)
        for name in (
            "ImportResult",
            "IntoResult",
            "export_table",
            "from_frame",
            "import_into",
            "read_table",
            "to_frame",
            "write_csv",
            "write_xlsx",
        )
    },
    "write_package": ("gpcatalog.store.package", "write_package"),
    **{
        name: ("gpcatalog.columns", name)
        for name in (
            "ColumnMap",
            "WebColumn",
            "check_map",
            "expand",
            "export_map",
            "generate_map",
            "import_map",
            "read_map",
            "write_map",
        )
    },
    "column_tree": ("gpcatalog.columns", "tree"),
    **{name: ("gpcatalog.timeliness", name) for name in ("AuditResult", "audit", "read_records")},
    "audit_lines": ("gpcatalog.timeliness", "text_lines"),
    "audit_markdown": ("gpcatalog.timeliness", "to_markdown"),
    "write_audit_excel": ("gpcatalog.timeliness", "write_excel"),
    **{name: ("gpcatalog.schema.report", name) for name in ("Issue", "Report", "Severity")},
}

if TYPE_CHECKING:
    from gpcatalog.api import (
        DomainSummary,
        build_schemas,
        diff,
        domain_tree,
        item_record,
        load,
        summarize_domain,
        summary,
        to_dict,
        to_json,
        validate,
        write_schemas,
    )
    from gpcatalog.changes import Change, ChangeType, Diff, apply
    from gpcatalog.columns import (
        ColumnMap,
        WebColumn,
        check_map,
        expand,
        export_map,
        generate_map,
        import_map,
        read_map,
        write_map,
    )
    from gpcatalog.columns import tree as column_tree
    from gpcatalog.errors import (
        CatalogueInvalidError,
        CatalogueReadError,
        GpCatalogError,
        HistoryError,
        ImportRefusedError,
        ReleaseRefusedError,
        TableError,
        UnknownDomainError,
        UnknownItemError,
        WriteError,
        YAMLSyntaxError,
    )
    from gpcatalog.history import (
        AdjustmentRecord,
        Reason,
        RecordChange,
        ReleaseResult,
        Removal,
        VersionEntry,
        changelog,
        item_fate,
        release,
        verify,
        versions,
    )
    from gpcatalog.model import (
        Audience,
        Basis,
        Catalogue,
        Channel,
        Citation,
        Completeness,
        Deadline,
        DeadlineKind,
        DocKind,
        Domain,
        Guideline,
        Item,
        Levels,
        Mode,
        Scope,
        Source,
    )
    from gpcatalog.parsing import parse_basis, parse_checklist, parse_deadline
    from gpcatalog.schema.report import Issue, Report, Severity
    from gpcatalog.store.package import write_package
    from gpcatalog.tables import (
        ImportResult,
        IntoResult,
        export_table,
        from_frame,
        import_into,
        read_table,
        to_frame,
        write_csv,
        write_xlsx,
    )
    from gpcatalog.timeliness import AuditResult, audit, read_records
    from gpcatalog.timeliness import text_lines as audit_lines
    from gpcatalog.timeliness import to_markdown as audit_markdown
    from gpcatalog.timeliness import write_excel as write_audit_excel


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        module, attribute = _PUBLIC[name]
        value = getattr(import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gpcatalog' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})


__all__ = [
    "AdjustmentRecord",
    "Audience",
    "AuditResult",
    "Basis",
    "Catalogue",
    "CatalogueInvalidError",
    "CatalogueReadError",
    "Change",
    "ChangeType",
    "Channel",
    "Citation",
    "ColumnMap",
    "Completeness",
    "Deadline",
    "DeadlineKind",
    "Diff",
    "DocKind",
    "Domain",
    "DomainSummary",
    "GpCatalogError",
    "Guideline",
    "HistoryError",
    "ImportRefusedError",
    "ImportResult",
    "IntoResult",
    "Issue",
    "Item",
    "Levels",
    "Mode",
    "Reason",
    "RecordChange",
    "ReleaseRefusedError",
    "ReleaseResult",
    "Removal",
    "Report",
    "Scope",
    "Severity",
    "Source",
    "TableError",
    "UnknownDomainError",
    "UnknownItemError",
    "VersionEntry",
    "WebColumn",
    "WriteError",
    "YAMLSyntaxError",
    "__version__",
    "apply",
    "audit",
    "audit_lines",
    "audit_markdown",
    "build_schemas",
    "changelog",
    "check_map",
    "column_tree",
    "diff",
    "domain_tree",
    "expand",
    "export_map",
    "export_table",
    "from_frame",
    "generate_map",
    "import_into",
    "import_map",
    "inspect_site",
    "item_fate",
    "item_record",
    "load",
    "parse_basis",
    "parse_checklist",
    "parse_deadline",
    "read_map",
    "read_records",
    "read_table",
    "release",
    "summarize_domain",
    "summary",
    "to_dict",
    "to_frame",
    "to_json",
    "validate",
    "verify",
    "versions",
    "write_audit_excel",
    "write_csv",
    "write_map",
    "write_package",
    "write_schemas",
    "write_xlsx",
]
