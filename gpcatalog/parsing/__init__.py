"""Cell text → structured parts of the model: 时限, 依据, 渠道, and text normalisation."""

from gpcatalog.parsing.basis import Basis, Citation, DocKind, KindSource, normalize_doc_no, parse_basis
from gpcatalog.parsing.channels import Channel, Checklist, parse_checklist, resolve_channel
from gpcatalog.parsing.deadline import DayUnit, Deadline, DeadlineClause, DeadlineKind, parse_deadline

__all__ = [
    "Basis",
    "Channel",
    "Checklist",
    "Citation",
    "DayUnit",
    "Deadline",
    "DeadlineClause",
    "DeadlineKind",
    "DocKind",
    "KindSource",
    "normalize_doc_no",
    "parse_basis",
    "parse_checklist",
    "parse_deadline",
    "resolve_channel",
]
