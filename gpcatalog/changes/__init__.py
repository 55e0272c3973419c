"""Changes between catalogues: match items, compute typed changes, apply them, render them.

``diff(old, new)`` returns a :class:`Diff` — added, removed, renamed, moved, split, merged, modified, each naming
the item, the field and the old and new values — and ``apply(old, diff(old, new)) == new`` (up to the order
channels are ticked in, which is not a change). The vocabulary (the change types and their labels) is
:mod:`gpcatalog.changes.vocabulary`; adjustment records that explain changes are :mod:`gpcatalog.history`. (Named ``changes`` so that no module shadows :func:`gpcatalog.diff`.)
"""

from gpcatalog.changes.compute import diff
from gpcatalog.changes.models import Change, Detail, Diff, Place
from gpcatalog.changes.patch import apply
from gpcatalog.changes.vocabulary import CHANGE_LABELS, FIELD_LABELS, ChangeType, Target
from gpcatalog.errors import DiffError

__all__ = [
    "CHANGE_LABELS",
    "FIELD_LABELS",
    "Change",
    "ChangeType",
    "Detail",
    "Diff",
    "DiffError",
    "Place",
    "Target",
    "apply",
    "diff",
]
