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

from gpcatalog.api import DomainSummary, load, summarize_domain, summary, to_dict, to_json, validate
from gpcatalog.errors import (
    CatalogueInvalidError,
    CatalogueReadError,
    GpCatalogError,
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
    "Audience",
    "Basis",
    "Catalogue",
    "CatalogueInvalidError",
    "CatalogueReadError",
    "Channel",
    "Citation",
    "Completeness",
    "Deadline",
    "DeadlineKind",
    "DocKind",
    "Domain",
    "DomainSummary",
    "GpCatalogError",
    "Guideline",
    "Issue",
    "Item",
    "Levels",
    "Mode",
    "Report",
    "Scope",
    "Severity",
    "Source",
    "UnknownDomainError",
    "UnknownItemError",
    "YAMLSyntaxError",
    "__version__",
    "load",
    "parse_basis",
    "parse_checklist",
    "parse_deadline",
    "summarize_domain",
    "summary",
    "to_dict",
    "to_json",
    "validate",
]
