"""动态调整: versions and adjustment records of a catalogue package — read, verify, check, release, changelog.

The working copy (``catalogue.yaml`` + ``domains/``, or ``overlay.yaml`` for a derived catalogue) is the
unreleased head. :func:`release` freezes it as a new version under ``versions/`` after checking that every change
since the previous version is accounted for by an adjustment record; :func:`verify` recomputes the hashes of every
released version; :func:`changelog` tells the story from the records; :func:`item_fate` says when and by which
record an item that is gone was removed.
"""

from gpcatalog.history.explain import annotate, check_records, covers, explained_diff
from gpcatalog.history.integrity import verify
from gpcatalog.history.log import RELEASE_FIELDS, UNRELEASED, changelog, changelog_documents
from gpcatalog.history.models import (
    AdjustmentRecord,
    Adjustments,
    DocumentRef,
    History,
    Reason,
    RecordChange,
    VersionEntry,
    record_hash,
)
from gpcatalog.history.package import PackageHistory, ids_ever_used, open_history, records_between, versions
from gpcatalog.history.releasing import ReleaseResult, release
from gpcatalog.history.removals import Removal, item_fate, removals_in

__all__ = [
    "RELEASE_FIELDS",
    "UNRELEASED",
    "AdjustmentRecord",
    "Adjustments",
    "DocumentRef",
    "History",
    "PackageHistory",
    "Reason",
    "RecordChange",
    "ReleaseResult",
    "Removal",
    "VersionEntry",
    "annotate",
    "changelog",
    "changelog_documents",
    "check_records",
    "covers",
    "explained_diff",
    "ids_ever_used",
    "item_fate",
    "open_history",
    "record_hash",
    "records_between",
    "release",
    "removals_in",
    "verify",
    "versions",
]
