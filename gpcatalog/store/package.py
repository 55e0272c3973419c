"""Reading a catalogue package from disk or from the bundled data, without judging it.

A catalogue package is a folder::

    catalogue.yaml          metadata: id, title, version, release date, scope, sources
    domains/NN-code.yaml    one file per domain, with its item tree

:func:`read_package` reads every file it can and records, per file, either the parsed data or the error that
stopped it, so that validation can report every problem in one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from gpcatalog.errors import CatalogueReadError, GpCatalogError, WriteError
from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.parsing.basis import parse_basis
from gpcatalog.parsing.deadline import parse_deadline
from gpcatalog.store.atomic import Transaction, write_atomic
from gpcatalog.store.history import ADJUSTMENTS_FILE, HISTORY_FILE
from gpcatalog.store.journal import journal_beside
from gpcatalog.store.limits import list_folder
from gpcatalog.store.lock import package_lock
from gpcatalog.store.reference import (
    CATALOGUE_FILE,
    DOMAINS_DIR,
    VERSIONS_DIR,
    resolve_location,
    split_reference,
)
from gpcatalog.store.yamlio import Lines, dump_yaml, position, read_yaml


@dataclass
class RawFile:
    """One file of a package as read: its display name, its data, or the error that stopped reading it."""

    name: str
    """The file's name as reports show it (``domains/18-shehui-jiuzhu.yaml``, or a path for local files)."""
    resource: Traversable | Path
    data: Any = None
    error: GpCatalogError | None = None
    lines: Lines = field(default_factory=dict)
    """Where each mapping and key of ``data`` stands in the file (see :func:`~gpcatalog.store.yamlio.position`)."""

    def position(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Return the (line, column) of a key path in this file, from positions recorded while reading."""
        return position(self.data, self.lines, path)


@dataclass
class RawPackage:
    """A catalogue package as read from disk: the metadata file and the domain files."""

    location: str
    """What the user named: ``national`` for bundled data, else the folder's path."""
    catalogue: RawFile
    domains: list[RawFile] = field(default_factory=list)

    def files(self) -> list[RawFile]:
        """Return every file of the package, the metadata file first."""
        return [self.catalogue, *self.domains]


def read_raw(resource: Traversable | Path, name: str) -> RawFile:
    raw = RawFile(name=name, resource=resource)
    try:
        raw.data = read_yaml(resource, display=name, lines=raw.lines)
    except GpCatalogError as exc:
        raw.error = exc
    return raw


def read_package(location: str | Path | None = None) -> RawPackage:
    """Read every file of a catalogue package.

    Args:
        location: a bundled catalogue name (``"national"``), a package folder, its ``catalogue.yaml``,
            or ``None`` for the bundled national catalogue.

    Returns:
        A :class:`RawPackage`; files that could not be read carry their error instead of data.

    Raises:
        CatalogueReadError: ``location`` is not a catalogue package at all, or its ``domains/`` folder cannot be
            listed (no permission).
    """
    display, folder = resolve_location(location)
    bundled = not isinstance(folder, Path)
    version = split_reference(location)[1]
    prefix: tuple[str, ...] = (VERSIONS_DIR, version) if version else ()

    def name_of(*parts: str) -> str:
        return (
            "/".join((*prefix, *parts)) if bundled else str(Path(display.rsplit("@", 1)[0], *prefix, *parts))
        )

    package = RawPackage(
        location=display, catalogue=read_raw(folder / CATALOGUE_FILE, name_of(CATALOGUE_FILE))
    )
    domains_dir = folder / DOMAINS_DIR
    if domains_dir.is_dir():
        names = list_folder(domains_dir, name_of(DOMAINS_DIR))
        package.domains = [
            read_raw(domains_dir / entry, name_of(DOMAINS_DIR, entry))
            for entry in names
            if entry.endswith((".yaml", ".yml"))
        ]
    return package


def domain_to_data(domain: Domain) -> dict[str, Any]:
    """Return a domain in the compact form of its YAML file.

    时限 and 依据 are written back as the text clerks wrote whenever parsing that text gives the stored
    structure again; a structure that differs from its text (entered by hand) is kept in full. Empty
    optional groups are left out, so a file read and written again does not grow.
    """
    data = domain.model_dump(mode="json", exclude_defaults=True)
    data["items"] = [item_to_data(item) for item in domain.items]
    if not data["items"]:
        data.pop("items")
    return data


def item_field_data(item: Item, field: str) -> Any:
    """Return one field of ``item`` in its YAML form (时限 and 依据 as text where the text gives them back)."""
    if field == "basis":
        if item.basis is None:
            return None
        return [b.text if parse_basis(b.text) == b else b.model_dump(mode="json") for b in item.basis]
    if field == "deadline":
        if item.deadline is None:
            return None
        same = parse_deadline(item.deadline.text) == item.deadline
        return item.deadline.text if same else item.deadline.model_dump(mode="json")
    if field in ("audience", "mode", "levels"):
        group = getattr(item, field)
        exclude = {"village"} if field == "levels" and item.levels.village is None else set()
        return group.model_dump(mode="json", exclude=exclude)
    value = getattr(item, field)
    return [str(v) for v in value] if field == "channels" and value is not None else value


def item_to_data(item: Item, *, children: bool = True) -> dict[str, Any]:
    """Return an item in the compact form of its YAML file (with its children unless ``children`` is False)."""
    data: dict[str, Any] = item.model_dump(
        mode="json", exclude_defaults=True, exclude={"children", "basis", "deadline"}
    )
    for name in ("basis", "deadline"):
        value = item_field_data(item, name)
        if value is not None:
            data[name] = value
    for group in ("audience", "mode", "levels"):
        values = getattr(item, group).model_dump(mode="json", exclude_none=True)
        if values or group in data:
            data[group] = item_field_data(item, group)
    if children and item.children:
        data["children"] = [item_to_data(child) for child in item.children]
    order = list(Item.model_fields)
    return {key: data[key] for key in order if key in data}


def write_domain(path: Path, domain: Domain) -> None:
    """Write ``domain`` to ``path`` as YAML, atomically (nothing half-written on failure)."""
    write_atomic(path, dump_yaml(domain_to_data(domain)))


def domain_file_name(domain: Domain) -> str:
    """``18-shehui-jiuzhu.yaml``, or ``code.yaml`` for a domain without a number."""
    return f"{domain.number:02d}-{domain.code}.yaml" if domain.number is not None else f"{domain.code}.yaml"


HISTORY_ENTRIES = (VERSIONS_DIR, HISTORY_FILE, ADJUSTMENTS_FILE, "columns")
"""What a package holds besides its data and an import would delete: released versions, their history, the
adjustment records, the column maps."""


def _replaceable(target: Path) -> None:
    """Refuse to replace ``target`` when it is not a folder, or holds a package's history.

    Raises:
        CatalogueReadError: it is a file, a link or a device, or holds released versions, history.yaml,
            adjustments.yaml or column maps (replacing it would delete them).
    """
    if target.is_symlink() or not target.is_dir():
        raise CatalogueReadError("目标不是文件夹(文件、链接或设备),不替换;请写到新文件夹", file=target)
    history = [f"{n}/" if (target / n).is_dir() else n for n in HISTORY_ENTRIES if (target / n).exists()]
    if history:
        raise CatalogueReadError(
            f"目标文件夹是有版本历史的目录包(有 {'、'.join(history)}),--force 也不替换:替换会删去已发布的版本、"
            "调整记录和栏目方案;请导入到新文件夹,再用 gpcatalog diff 比较",
            file=target,
        )
    foreign = [e.name for e in sorted(target.iterdir()) if not _replaceable_entry(e)]
    if foreign:
        shown = "、".join(foreign[:5]) + (f" 等 {len(foreign)} 项" if len(foreign) > 5 else "")
        raise CatalogueReadError(
            f"目标文件夹中有不是 gpcatalog import 写的内容({shown}),--force 也不替换:--force 只替换空文件夹"
            "或只有 catalogue.yaml 和 domains/ 的目录包;请导入到新文件夹",
            file=target,
        )


def _replaceable_entry(entry: Path) -> bool:
    """What an imported package holds: catalogue.yaml, domains/*.yaml and gpcatalog's own hidden files."""
    if entry.name.startswith(".") and any(m in entry.name for m in ("gpcatalog", ".tmp-", ".bak-", ".old-")):
        return True  # the lock holder, journal and temporary files of gpcatalog's own writes (not .git)
    if entry.name == CATALOGUE_FILE:
        return entry.is_file() and not entry.is_symlink()
    if entry.name == DOMAINS_DIR and entry.is_dir() and not entry.is_symlink():
        return all(f.is_file() and f.suffix in (".yaml", ".yml") for f in entry.iterdir())
    return False


def write_package(catalogue: Catalogue, folder: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Write ``catalogue`` as a package folder (``catalogue.yaml`` + ``domains/``), all at once.

    The package is staged beside ``folder`` and renamed into place in one transaction (even a killed import leaves
    ``folder`` as it was, or complete: :mod:`gpcatalog.store.journal`). An existing folder is replaced only with
    ``overwrite``, and only when it is empty or holds nothing but an imported package (``catalogue.yaml``,
    ``domains/*.yaml``): never a package's history (released versions, history.yaml, adjustment records, column
    maps), other files, or other packages.

    Raises:
        CatalogueReadError: ``folder`` exists (without ``overwrite``), holds a package's history (even with
            ``overwrite``), or cannot be written; nothing is left behind.
        PackageLockedError: another command is writing that package.
    """
    target = Path(folder)
    with package_lock(target, "gpcatalog import"):
        if target.exists() or target.is_symlink():
            if not overwrite and (not target.is_dir() or any(target.iterdir())):
                raise CatalogueReadError(
                    "目标已存在且不是空文件夹,不覆盖(命令行用 --force 替换)", file=target
                )
            _replaceable(target)
        meta = catalogue.model_dump(mode="json", exclude={"domains"}, exclude_defaults=True)
        meta = {key: meta[key] for key in Catalogue.model_fields if key in meta}
        contents = {CATALOGUE_FILE: dump_yaml(meta).encode("utf-8"), f"{DOMAINS_DIR}/": b""}
        written: list[Path] = []
        for domain in catalogue.domains:
            name = domain_file_name(domain)
            contents[f"{DOMAINS_DIR}/{name}"] = dump_yaml(domain_to_data(domain)).encode("utf-8")
            written.append(target / DOMAINS_DIR / name)
        resolved = target.resolve()
        transaction = Transaction(resolved.parent, journal_beside(resolved), command="gpcatalog import")
        transaction.create_folder(Path(resolved.name), contents, replace=True)
        try:
            transaction.commit()
        except WriteError as exc:
            raise WriteError(f"无法写入目录包:{exc.message}", file=target) from exc
        return [target / CATALOGUE_FILE, *written]
