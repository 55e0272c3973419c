"""An edited workbook into a package's working copy: ``gpcatalog import 新表.xlsx --into catalogues/national``.

The workbook's domains replace the same domains of the working copy. Domain files keep their names, and a file
whose content did not change is not written, so a clerk's ``git diff`` shows exactly what was edited; domains the
workbook does not carry stay as they are. The catalogue fields the workbook carries replace those of
``catalogue.yaml``, except the version and release date (set by ``release``). Everything else of the package stays
byte for byte: history.yaml, adjustments.yaml, versions/, the changelogs, columns/.

The new working copy is validated before anything is written, then written in one
:class:`~gpcatalog.store.atomic.Transaction` under the package's lock: killed at any moment, the package holds the
old working copy or the new one, never a mix (:mod:`gpcatalog.store.journal`).

A workbook must have been exported from this catalogue, at its latest release or its working copy (gpcatalog's
hidden metadata sheet says which): one exported from another catalogue or an older version would silently undo
changes made since. Such a workbook, or a table without gpcatalog's metadata (a county's own table), goes in only
with ``from_other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gpcatalog.changes import Diff
from gpcatalog.changes.render import counts_text, text_lines
from gpcatalog.changes.vocabulary import ChangeType
from gpcatalog.errors import CatalogueInvalidError, ImportRefusedError
from gpcatalog.history import explained_diff, ids_ever_used, open_history
from gpcatalog.history.models import VersionEntry
from gpcatalog.loading import catalogue_from, declared_base, load
from gpcatalog.model import Catalogue, Domain
from gpcatalog.store.atomic import Transaction
from gpcatalog.store.lock import package_lock
from gpcatalog.store.package import RawFile, RawPackage, domain_file_name, domain_to_data, read_package
from gpcatalog.store.reference import (
    CATALOGUE_FILE,
    DOMAINS_DIR,
    OVERLAY_FILE,
    resolve_location,
    split_reference,
)
from gpcatalog.store.yamlio import Lines, dump_yaml, parse_yaml
from gpcatalog.tables.reader import ImportResult, read_table

COMMAND = "gpcatalog import --into"
RELEASE_SET = ("version", "release_date")
"""Catalogue fields only ``release`` sets: a workbook never changes them."""
KEPT_LISTED = 5
"""Up to how many kept domain files the summary names."""
SHOWN_CHANGES = 20
"""How many changes the summary lists before it points to ``gpcatalog diff``."""


@dataclass
class IntoResult:
    """What :func:`import_into` did: the import report, the files written, the diff against the last release."""

    imported: ImportResult
    """The report of reading the workbook (its catalogue is None when the workbook has errors)."""
    package: str
    """The package as named (``catalogues/national``)."""
    written: list[str] = field(default_factory=list)
    """The files written, relative to the package (``domains/18-shehui-jiuzhu.yaml``); empty when nothing changed
    or the workbook has errors."""
    unchanged: list[str] = field(default_factory=list)
    """Domain files the workbook carries whose content did not change (not written: byte for byte as before)."""
    kept: list[str] = field(default_factory=list)
    """Domain files of domains the workbook does not carry (left as they were)."""
    changes: Diff | None = None
    """The new working copy against the last release (against the working copy before the import when the package
    has no release yet), annotated with the pending adjustment records."""
    latest: VersionEntry | None = None
    """The last released version (None before the first release)."""
    version: str = ""
    """The working copy's version (what ``catalogue.yaml`` says)."""

    @property
    def ok(self) -> bool:
        """True when the workbook could be read without errors (and the working copy is now the workbook's)."""
        return self.imported.catalogue is not None

    def next_version(self) -> str:
        """The version to release next: the last release with its last number raised (2026.1 → 2026.2)."""
        if self.latest is None:
            return self.version
        found = re.search(r"(\d+)(\D*)$", self.latest.version)
        if found is None:
            return f"{self.latest.version}.1"
        raised = str(int(found.group(1)) + 1).zfill(len(found.group(1)))
        return self.latest.version[: found.start()] + raised + found.group(2)

    def next_step(self) -> str:
        """What to run next, in Chinese: release with ``--draft`` while changes lack an adjustment record."""
        command = f"gpcatalog release {self.next_version()} -c {self.package}"
        if self.latest is None:
            return f"下一步:{command} 发布第一个版本"
        if self.changes is not None and not self.changes.changes:
            return f"工作副本与上一版本 {self.latest.version} 相同,不需要发布"
        if self.changes is not None and all(change.records for change in self.changes.changes):
            return f"下一步:{command} 发布(每处变化都已有调整记录)"
        return f"下一步:{command} --draft 起草调整记录"

    def lines(self, limit: int = SHOWN_CHANGES) -> Iterator[tuple[str, ChangeType | None]]:
        """Yield the summary in Chinese, (line, change type or None): what was written, the diff against the last
        release (its first ``limit`` changes and the counts by type), and the next step."""
        if not self.ok:
            return
        if self.written:
            rest = f";其余 {len(self.unchanged)} 个领域文件内容相同,未改动" if self.unchanged else ""
            yield f"已写入 {self.package}:{'、'.join(self.written)}{rest}", None
        else:
            yield f"没有写入:表格与 {self.package} 的工作副本相同", None
        if self.kept:
            listed = f":{'、'.join(self.kept)}" if len(self.kept) <= KEPT_LISTED else ""
            yield f"表格中没有的 {len(self.kept)} 个领域保持原样{listed}", None
        yield "版本历史、调整记录、已发布版本、更新日志和栏目方案未改动", None
        if self.changes is not None:
            shown = self.changes.model_copy(update={"changes": self.changes.changes[:limit]})
            yield from list(text_lines(shown))[:-1]
            hidden = len(self.changes.changes) - limit
            if hidden > 0:
                yield (
                    f"  ……另有 {hidden} 处变化;全部列出:gpcatalog diff {self.changes.old} {self.package}",
                    None,
                )
            yield counts_text(self.changes), None
        yield self.next_step(), None


def import_into(
    path: str | Path,
    package: str | Path,
    *,
    domains: Sequence[str] | None = None,
    from_other: bool = False,
) -> IntoResult:
    """Read the workbook ``path`` and make its domains the working copy of ``package`` (see the module).

    Args:
        path: the edited workbook (xlsx, xls, ods) or CSV.
        package: the package folder (not a released version: those never change).
        domains: take only these domains of the workbook (names or codes); the others stay as they are.
        from_other: accept a workbook exported from another catalogue or another version than the latest release,
            or a table without gpcatalog's metadata. Then only its domains are taken (for a table without
            metadata, only their items): the catalogue's own fields stay.

    Returns:
        An :class:`IntoResult`. When the workbook has errors, ``ok`` is False, its report says where, and nothing
        was written.

    Raises:
        ImportRefusedError: the workbook comes from another catalogue or version, or has no metadata (without
            ``from_other``), or ``package`` is a released version, bundled data or a derived catalogue; nothing
            was written.
        CatalogueReadError: the workbook or the package cannot be read.
        CatalogueInvalidError: the working copy, or the working copy the workbook would make, is invalid; nothing
            was written.
        PackageLockedError: another command is writing the package.
        WriteError: the disk refused a write (rolled back).
    """
    display, folder = resolve_location(package)
    if split_reference(package)[1] is not None:
        raise ImportRefusedError(
            f"“{display}”是已发布的版本,已发布的版本不可改动;请导入到工作副本(不带 @版本),再发布新版本"
        )
    if not isinstance(folder, Path):
        raise ImportRefusedError(f"目录“{display}”是安装包内的只读数据,不能导入;请导入到目录包文件夹")
    with package_lock(folder, COMMAND):
        raw = read_package(folder)
        if declared_base(raw.catalogue) is not None or (folder / OVERLAY_FILE).exists():
            raise ImportRefusedError(
                f"“{display}”是派生目录,只保存相对基础目录的调整(overlay.yaml),不能用表格替换;"
                "请修改 overlay.yaml,或导入到新文件夹(import -o)后用 gpcatalog diff 比较",
                file=folder,
            )
        working = catalogue_from(raw)
        found = open_history(folder)
        imported = read_table(path, domains=domains, match=working, reserved=ids_ever_used(folder))
        same = _check_origin(imported, working, found.history.latest, str(path), display, from_other)
        result = IntoResult(imported, display, latest=found.history.latest, version=working.version)
        if imported.catalogue is None:
            return result
        staged, contents = _stage(raw, working, imported, same, result)
        try:  # the working copy as it will be, validated before anything is written
            new = catalogue_from(staged)
        except CatalogueInvalidError as exc:
            raise CatalogueInvalidError(
                f"导入后的工作副本无效,没有写入任何文件:{exc.message}", report=exc.report
            ) from exc
        if contents:
            transaction = Transaction(folder.resolve(), command=COMMAND)
            for name, data in contents.items():
                transaction.write(Path(name), data)
            transaction.commit()
        latest = found.history.latest
        old = load(f"{folder}@{latest.version}") if latest is not None else working
        old_label = f"{display}@{latest.version}" if latest is not None else "导入前的工作副本"
        result.changes = explained_diff(old, new, found.pending(), old_label=old_label, new_label="工作副本")
        return result


def _check_origin(
    imported: ImportResult,
    working: Catalogue,
    latest: VersionEntry | None,
    path: str,
    display: str,
    from_other: bool,
) -> bool:
    """True when the workbook was exported from this catalogue at its latest release or working copy; else refuse
    (or, with ``from_other``, False)."""
    meta = imported.metadata
    origin = meta.get("catalogue") if isinstance(meta, dict) else None
    accepted = {working.version, *([latest.version] if latest else [])}
    if not isinstance(origin, dict):
        problem = (
            "表格不带 gpcatalog 的元数据(导出 xlsx 时写入的隐藏工作表;CSV 和县里自己的表都没有),"
            "看不出导出自哪个目录和版本:没有编号的行要按领域、路径和名称推断编号,"
            "表格中的领域将替换工作副本中这些领域的事项"
        )
    elif origin.get("id") != working.id:
        problem = (
            f"表格导出自目录“{origin.get('id')}”(版本 {origin.get('version')}),不是 {display} 的目录"
            f"“{working.id}”:导入会用另一个目录的事项替换工作副本中同一领域的事项"
        )
    elif origin.get("version") not in accepted:
        problem = (
            f"表格导出自 {working.id}@{origin.get('version')},不是最新版本 {'、'.join(sorted(accepted))}:"
            f"导入会撤销 {origin.get('version')} 之后的调整"
        )
    else:
        return True
    if from_other:
        return False
    raise ImportRefusedError(f"{problem};确认要导入时加 --from-other,没有写入任何文件", file=path)


def _stage(
    raw: RawPackage, working: Catalogue, imported: ImportResult, same: bool, result: IntoResult
) -> tuple[RawPackage, dict[str, str]]:
    """The package as it will be (read back from the new files' text) and the files to write (only those that
    change); fills in ``result``'s lists of files."""
    assert imported.catalogue is not None
    files = {_code(r): r for r in raw.domains}
    names = {code: f"{DOMAINS_DIR}/{Path(r.name).name}" for code, r in files.items()}
    previous = {d.code: d for d in working.domains}
    carried = {
        str(d.get("code"))
        for d in (imported.metadata or {}).get("domains", [])
        if isinstance(d, dict) and d.get("code")
    }
    contents: dict[str, str] = {}
    for domain in imported.catalogue.domains:
        before = previous.get(domain.code)
        if (
            before is not None and domain.code not in carried
        ):  # a table without the domain's metadata: its items
            domain = _items_into(before, domain)
        name = names.get(domain.code) or f"{DOMAINS_DIR}/{domain_file_name(domain)}"
        if before is not None and domain_to_data(before) == domain_to_data(domain):
            result.unchanged.append(name)
            continue
        contents[name] = dump_yaml(domain_to_data(domain))
        files[domain.code] = _raw(raw.location, name, contents[name])
    imported_codes = {d.code for d in imported.catalogue.domains}
    result.kept = [name for code, name in names.items() if code not in imported_codes]
    catalogue_file = raw.catalogue
    if same:
        text = _catalogue_text(working, imported.catalogue)
        if text is not None:
            contents[CATALOGUE_FILE] = text
            catalogue_file = _raw(raw.location, CATALOGUE_FILE, text)
    result.written = sorted(contents, key=lambda n: (n != CATALOGUE_FILE, n))
    staged = RawPackage(raw.location, catalogue_file, sorted(files.values(), key=lambda r: Path(r.name).name))
    return staged, contents


def _items_into(before: Domain, domain: Domain) -> Domain:
    """The working copy's domain holding the items of ``domain`` (read from a table without its metadata: its
    guidelines, sources and completeness are not in the table), with the local channels the table declared."""
    extras = [*before.extra_channels, *(c for c in domain.extra_channels if c not in before.extra_channels)]
    return before.model_copy(update={"items": domain.items, "extra_channels": extras})


def _code(raw: RawFile) -> str:
    return str(raw.data.get("code")) if isinstance(raw.data, dict) else raw.name


def _raw(location: str, name: str, text: str) -> RawFile:
    """A file of the staged package, parsed from the text that will be written (positions for its report)."""
    display = str(Path(location, name))
    lines: Lines = {}
    data = parse_yaml(text, display, lines)
    return RawFile(name=display, resource=Path(display), data=data, lines=lines)


def _fields(catalogue: Catalogue) -> dict[str, Any]:
    data = catalogue.model_dump(mode="json", exclude={"domains"}, exclude_defaults=True)
    return {key: data[key] for key in type(catalogue).model_fields if key in data}


def _catalogue_text(working: Catalogue, imported: Catalogue) -> str | None:
    """The new catalogue.yaml when the workbook changes a catalogue field (never version or release date)."""
    old = _fields(working)
    new = {key: value for key, value in _fields(imported).items() if key not in RELEASE_SET}
    new = {**new, **{key: old[key] for key in RELEASE_SET if key in old}}
    new = {key: new[key] for key in type(imported).model_fields if key in new}
    return None if new == old else dump_yaml(new)
