"""Gathering what the site shows, once: the catalogue (compiled when derived, with the fields of its local layer),
its column map, the diffs between its released versions and what each did to each item, its changelog, the
documents it cites, and the public functions the Python reference lists. Pages are then pure functions of this."""

from __future__ import annotations

import importlib
import inspect
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from gpcatalog.changes import Change, Diff, Target
from gpcatalog.columns import ColumnMap, columns_of, read_map
from gpcatalog.errors import GpCatalogError
from gpcatalog.history import (
    PackageHistory,
    Removal,
    explained_diff,
    open_history,
    records_between,
    removals_in,
)
from gpcatalog.laws import Document, registry
from gpcatalog.loading import base_of, compile_catalogue, load
from gpcatalog.model import Catalogue
from gpcatalog.store.history import hash_files

# Everyday abbreviations put beside the full terms, so that searching 低保 finds 最低生活保障.
ALIASES: dict[str, tuple[str, ...]] = {
    "最低生活保障": ("低保",),
    "特困人员": ("特困", "五保"),
    "临时救助": ("临救",),
    "社会保险": ("社保",),
    "医疗保险": ("医保",),
    "养老保险": ("养老金",),
    "农村危房改造": ("危改",),
    "保障性住房": ("保障房",),
    "公共租赁住房": ("公租房",),
    "政府信息公开条例": ("信息公开条例", "条例"),
    "义务教育": ("中小学",),
}
PYTHON_MODULES = [
    "gpcatalog.api",
    "gpcatalog.loading",
    "gpcatalog.changes.compute",
    "gpcatalog.changes.patch",
    "gpcatalog.history.package",
    "gpcatalog.history.releasing",
    "gpcatalog.history.integrity",
    "gpcatalog.history.log",
    "gpcatalog.history.removals",
    "gpcatalog.derived.drift",
    "gpcatalog.derived.graph",
    "gpcatalog.laws.documents",
    "gpcatalog.tables.export",
    "gpcatalog.tables.reader",
    "gpcatalog.columns.maps",
    "gpcatalog.columns.coverage",
    "gpcatalog.columns.cms",
    "gpcatalog.timeliness.assess",
    "gpcatalog.timeliness.records",
]
"""Modules whose public functions the Python reference page lists (gpcatalog re-exports the main ones)."""


@dataclass
class VersionDiff:
    """The changes between two consecutive released versions."""

    old: str
    new: str
    result: Diff

    @property
    def name(self) -> str:
        """The page name: ``2019.1-2026.1``."""
        return f"{self.old}-{self.new}"


@dataclass
class SiteData:
    """Everything the pages of one catalogue's site are made from."""

    reference: str
    catalogue: Catalogue
    local: dict[str, set[str]] = field(default_factory=dict)
    """Item id → the fields its derived catalogue's local layer sets (``"*"``: the whole item is local)."""
    column_map: ColumnMap | None = None
    columns: dict[str, list[str]] = field(default_factory=dict)
    """Item id → the names of the website columns that publish it."""
    diffs: list[VersionDiff] = field(default_factory=list)
    history: dict[str, list[tuple[str, Change]]] = field(default_factory=dict)
    """Item id → (version, change) for every released change of the item."""
    removed: dict[str, Removal] = field(default_factory=dict)
    """Item id → when and by which record it left, for every released item the catalogue no longer holds."""
    versions: int = 0
    changelog: str = "还没有发布过版本。\n"
    documents: list[Document] = field(default_factory=list)


def gather(reference: str | None = None, catalogue: Catalogue | None = None) -> SiteData:
    """Gather the site's data for ``reference`` (default: the bundled national catalogue).

    Args:
        catalogue: an already loaded catalogue (tests, synthetic sites); ``reference`` then only names it.
    """
    name = reference or "national"
    local: dict[str, set[str]] = {}
    if catalogue is None:
        if base_of(name) is not None:
            compiled = compile_catalogue(name)
            catalogue, local = compiled.catalogue, compiled.local
        else:
            catalogue = load(name)
    data = SiteData(name, catalogue, local)
    # The bundled column map belongs to the national catalogue; other catalogues ship none.
    data.column_map = read_map() if name.split("@")[0] == "national" else None
    if data.column_map is not None:
        names = {c.id: c.name for c in data.column_map.columns}
        mapped = columns_of(data.column_map, catalogue).items()
        data.columns = {item: [names[c] for c in columns] for item, columns in mapped}
    _gather_history(data)
    data.documents = list(registry([catalogue]).values())
    return data


def _gather_history(data: SiteData) -> None:
    base = data.reference.split("@")[0]
    found: PackageHistory | None
    try:
        found = open_history(base)
    except GpCatalogError:
        found = None
    if found is None:
        return
    entries = found.history.versions
    data.versions = len(entries)
    # The latest version is the catalogue already loaded when its files are the same.
    same = bool(entries) and hash_files(found.folder) == entries[-1].files
    cache: dict[str, Catalogue] = {entries[-1].version: data.catalogue} if same else {}

    def loaded(version: str) -> Catalogue:
        if version not in cache:
            cache[version] = load(f"{base}@{version}")
        return cache[version]

    history: dict[str, list[tuple[str, Change]]] = defaultdict(list)
    for older, newer in pairwise(entries):
        records = records_between(found, older.version, newer.version)
        result = explained_diff(loaded(older.version), loaded(newer.version), records)
        data.diffs.append(VersionDiff(older.version, newer.version, result))
        for removal in removals_in(result, found, older, newer, loaded(older.version)):
            data.removed[removal.item_id] = removal
        for change in result.changes:
            for part in change.flat():
                if part.target is Target.ITEM and part.id:
                    history[part.id].append((newer.version, part))
    data.history = history
    present = {item.id for item in data.catalogue.items()}
    data.removed = {key: value for key, value in data.removed.items() if key not in present}
    log = found.folder / "CHANGELOG.md"
    if log.is_file():
        data.changelog = log.read_text(encoding="utf-8")


def python_reference() -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """(module, summary, [(function, signature, summary)]) for each module of :data:`PYTHON_MODULES`."""
    found = []
    for module_name in PYTHON_MODULES:
        module = importlib.import_module(module_name)
        summary = (module.__doc__ or "").strip().split("\n\n")[0]
        functions = [
            (name, str(inspect.signature(value)), (value.__doc__ or "").strip().split("\n\n")[0])
            for name, value in vars(module).items()
            if not name.startswith("_")
            and inspect.isfunction(value)
            and value.__module__ == module_name
            and value.__doc__
        ]
        if functions:
            found.append((module_name, summary, functions))
    return found
