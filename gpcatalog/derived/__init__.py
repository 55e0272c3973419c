"""Derived catalogues (本地目录) beyond loading them: deviation from the base, re-basing, lineage.

Compiling a derived catalogue (base + ``overlay.yaml``) is part of the one loading path,
:func:`gpcatalog.loading.compile_catalogue`; this wing works with what it compiles.
"""

from gpcatalog.derived.drift import Rebase, deviation, rebase
from gpcatalog.derived.graph import lineage, lineage_lines
from gpcatalog.errors import DerivedError
from gpcatalog.loading import Compiled, base_of, compile_catalogue, declared_base

__all__ = [
    "Compiled",
    "DerivedError",
    "Rebase",
    "base_of",
    "compile_catalogue",
    "declared_base",
    "deviation",
    "lineage",
    "lineage_lines",
    "rebase",
]
