"""Timeliness (跟踪评价): the official working-day calendar and the audit of published records against the 时限
of the items each website column publishes.

``gpcatalog audit`` ↔ :func:`audit`; records are read by :func:`read_records`; :func:`text_lines`,
:func:`to_markdown` and :func:`write_excel` render the result.
"""

from gpcatalog.errors import AuditError
from gpcatalog.timeliness.assess import AuditResult, ColumnSummary, DomainSummary, LateRecord, audit
from gpcatalog.timeliness.records import read_records
from gpcatalog.timeliness.report import text_lines, to_markdown, write_excel
from gpcatalog.timeliness.rules import column_rules, item_rule
from gpcatalog.timeliness.workdays import WorkCalendar, calendar

__all__ = [
    "AuditError",
    "AuditResult",
    "ColumnSummary",
    "DomainSummary",
    "LateRecord",
    "WorkCalendar",
    "audit",
    "calendar",
    "column_rules",
    "item_rule",
    "read_records",
    "text_lines",
    "to_markdown",
    "write_excel",
]
