"""gpcatalog: China's basic-level government-openness standard catalogues (基层政务公开事项标准目录) as data.

>>> import gpcatalog
>>> catalogue = gpcatalog.load()            # the bundled national catalogue, 26 domains
>>> catalogue.domain("社会救助").items[0].name
'综合业务'
>>> gpcatalog.validate().ok
True

Importing gpcatalog loads only the standard library, pydantic and PyYAML; heavy packages are imported by the
functions that need them.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from gpcatalog.api import (
    DomainSummary,
    diff,
    load,
    summarize_domain,
    summary,
    to_dict,
    to_json,
    validate,
)
from gpcatalog.errors import (
    CatalogueInvalidError,
    CatalogueReadError,
    GpCatalogError,
    HistoryError,
    ReleaseRefusedError,
    UnknownDomainError,
    UnknownItemError,
    YAMLSyntaxError,
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

__version__ = "0.1.0"

# Versions, adjustment records and change lists are imported on first use: most programs only load and validate.
_LAZY = {
    "AdjustmentRecord": "gpcatalog.adjustment",
    "ChangeType": "gpcatalog.adjustment",
    "Reason": "gpcatalog.adjustment",
    "RecordChange": "gpcatalog.adjustment",
    "VersionEntry": "gpcatalog.adjustment",
    "Change": "gpcatalog.changes",
    "Diff": "gpcatalog.changes",
    "apply": "gpcatalog.compare",
    "ReleaseResult": "gpcatalog.history",
    "changelog": "gpcatalog.history",
    "release": "gpcatalog.history",
    "verify": "gpcatalog.history",
    "versions": "gpcatalog.history",
    "to_frame": "gpcatalog.tables",
    "export_table": "gpcatalog.tables",
    "write_xlsx": "gpcatalog.tables",
    "write_csv": "gpcatalog.tables",
    "TableError": "gpcatalog.tables",
    "read_table": "gpcatalog.table_import",
    "from_frame": "gpcatalog.table_import",
    "ImportResult": "gpcatalog.table_import",
    "write_package": "gpcatalog.store.package",
    "ColumnMap": "gpcatalog.columnmap",
    "WebColumn": "gpcatalog.columnmap",
    "read_map": "gpcatalog.columns",
    "write_map": "gpcatalog.columns",
    "generate_map": "gpcatalog.columns",
    "check_map": "gpcatalog.columns",
    "expand": "gpcatalog.columns",
    "export_map": "gpcatalog.columns",
    "import_map": "gpcatalog.columns",
    "column_tree": "gpcatalog.columns",
    "audit": "gpcatalog.audit",
    "read_records": "gpcatalog.audit",
    "AuditResult": "gpcatalog.audit",
    "audit_lines": "gpcatalog.audit",
    "audit_markdown": "gpcatalog.audit",
    "write_audit_excel": "gpcatalog.audit",
    "Issue": "gpcatalog.schema.report",
    "Report": "gpcatalog.schema.report",
    "Severity": "gpcatalog.schema.report",
}
_RENAMED = {
    "column_tree": "tree",
    "audit_lines": "text_lines",
    "audit_markdown": "to_markdown",
    "write_audit_excel": "write_excel",
}

if TYPE_CHECKING:
    from gpcatalog.adjustment import AdjustmentRecord, ChangeType, Reason, RecordChange, VersionEntry
    from gpcatalog.audit import AuditResult, audit, read_records
    from gpcatalog.audit import text_lines as audit_lines
    from gpcatalog.audit import to_markdown as audit_markdown
    from gpcatalog.audit import write_excel as write_audit_excel
    from gpcatalog.changes import Change, Diff
    from gpcatalog.columnmap import ColumnMap, WebColumn
    from gpcatalog.columns import check_map, expand, export_map, generate_map, import_map, read_map, write_map
    from gpcatalog.columns import tree as column_tree
    from gpcatalog.compare import apply
    from gpcatalog.history import ReleaseResult, changelog, release, verify, versions
    from gpcatalog.schema.report import Issue, Report, Severity
    from gpcatalog.store.package import write_package
    from gpcatalog.table_import import ImportResult, from_frame, read_table
    from gpcatalog.tables import TableError, export_table, to_frame, write_csv, write_xlsx


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), _RENAMED.get(name, name))
        globals()[name] = value
        return value
    raise AttributeError(f"module 'gpcatalog' has no attribute {name!r}")


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
    "ImportResult",
    "Issue",
    "Item",
    "Levels",
    "Mode",
    "Reason",
    "RecordChange",
    "ReleaseRefusedError",
    "ReleaseResult",
    "Report",
    "Scope",
    "Severity",
    "Source",
    "TableError",
    "UnknownDomainError",
    "UnknownItemError",
    "VersionEntry",
    "WebColumn",
    "YAMLSyntaxError",
    "__version__",
    "apply",
    "audit",
    "audit_lines",
    "audit_markdown",
    "changelog",
    "check_map",
    "column_tree",
    "diff",
    "expand",
    "export_map",
    "export_table",
    "from_frame",
    "generate_map",
    "import_map",
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
    "write_xlsx",
]
