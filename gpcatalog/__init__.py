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

from gpcatalog.adjustment import AdjustmentRecord, ChangeType, Reason, RecordChange, VersionEntry
from gpcatalog.api import (
    DomainSummary,
    ReleaseResult,
    apply,
    changelog,
    diff,
    load,
    release,
    summarize_domain,
    summary,
    to_dict,
    to_json,
    validate,
    verify,
    versions,
)
from gpcatalog.changes import Change, Diff
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
from gpcatalog.schema.report import Issue, Report, Severity

__version__ = "0.1.0"

__all__ = [
    "AdjustmentRecord",
    "Audience",
    "Basis",
    "Catalogue",
    "CatalogueInvalidError",
    "CatalogueReadError",
    "Change",
    "ChangeType",
    "Channel",
    "Citation",
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
    "UnknownDomainError",
    "UnknownItemError",
    "VersionEntry",
    "YAMLSyntaxError",
    "__version__",
    "apply",
    "changelog",
    "diff",
    "load",
    "parse_basis",
    "parse_checklist",
    "parse_deadline",
    "release",
    "summarize_domain",
    "summary",
    "to_dict",
    "to_json",
    "validate",
    "verify",
    "versions",
]
