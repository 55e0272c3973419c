"""The files of a package's history: released copies, their content hashes, and writing a release atomically.

::

    adjustments.yaml        adjustment records (调整记录)
    history.yaml            released versions, each with the SHA-256 of every file of its copy
    versions/<version>/     the released copy: catalogue.yaml + domains/
    CHANGELOG.md            generated from the records at each release

A version is referred to as ``<catalogue>@<version>`` (``national@2019.1``, ``path/to/package@2020.1``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from gpcatalog.errors import CatalogueReadError, GpCatalogError

HISTORY_FILE = "history.yaml"
ADJUSTMENTS_FILE = "adjustments.yaml"
VERSIONS_DIR = "versions"
CHANGELOG_FILE = "CHANGELOG.md"
CHANGELOG_JSON_FILE = "changelog.json"


def split_reference(
    location: str | Path | None,
) -> tuple[str | Path | None, str | None]:
    """Split ``"national@2019.1"`` into ``("national", "2019.1")``; a reference without ``@`` has no version.

    Only text after the last ``@`` that contains no path separator counts as a version, so folders whose names
    hold an ``@`` still work. ``"@2019.1"`` means the bundled national catalogue at 2019.1.
    """
    if not isinstance(location, str) or "@" not in location:
        return location, None
    base, _, version = location.rpartition("@")
    if not version or "/" in version or "\\" in version or Path(location).exists():
        return location, None
    return (base or None), version


def package_files(folder: Traversable | Path) -> list[str]:
    """Return the relative names of the files that make up a catalogue: catalogue.yaml and domains/*.yaml."""
    names = ["catalogue.yaml"] if (folder / "catalogue.yaml").is_file() else []
    domains = folder / "domains"
    if domains.is_dir():
        names += sorted(
            f"domains/{entry.name}" for entry in domains.iterdir() if entry.name.endswith((".yaml", ".yml"))
        )
    return names


def file_hash(data: bytes) -> str:
    """SHA-256 of a file's content, with line endings made LF and a UTF-8 BOM dropped (a checkout on Windows
    must not look tampered with)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return "sha256:" + hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def hash_files(folder: Traversable | Path) -> dict[str, str]:
    """Return ``{relative name: sha256}`` for the files of the catalogue in ``folder``."""
    found: dict[str, str] = {}
    for name in package_files(folder):
        resource = folder
        for part in name.split("/"):
            resource = resource / part
        found[name] = file_hash(resource.read_bytes())
    return found


def digest(files: dict[str, str]) -> str:
    """One SHA-256 over the sorted ``name hash`` lines of a version's files."""
    lines = "".join(f"{name} {value}\n" for name, value in sorted(files.items()))
    return "sha256:" + hashlib.sha256(lines.encode("utf-8")).hexdigest()


@dataclass
class Transaction:
    """Write several files and one new folder so that either all of them land or none does.

    New content goes to temporary files beside the targets first; :meth:`commit` then renames them into
    place, keeping the previous content in memory and restoring it if any step fails.
    """

    root: Path
    files: dict[Path, str] = field(default_factory=dict)
    folders: dict[Path, dict[str, bytes]] = field(default_factory=dict)

    def write(self, path: Path, text: str) -> None:
        """Plan to write ``text`` to ``path`` (relative to the root, or absolute)."""
        self.files[self.root / path] = text

    def create_folder(self, path: Path, contents: dict[str, bytes]) -> None:
        """Plan to create folder ``path`` holding ``contents`` (relative name → bytes); it must not exist."""
        self.folders[self.root / path] = contents

    def commit(self) -> None:
        """Carry out every planned write, or none of them.

        Raises:
            CatalogueReadError: a target folder exists already, or the disk refused a write; nothing has
                changed on disk.
        """
        staged: list[tuple[Path, Path]] = []
        created: list[Path] = []
        replaced: list[tuple[Path, bytes | None]] = []
        try:
            for target, contents in self.folders.items():
                if target.exists():
                    raise CatalogueReadError("要写入的文件夹已经存在,不覆盖", file=target)
                temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
                shutil.rmtree(temporary, ignore_errors=True)
                for name, data in contents.items():
                    path = temporary / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                staged.append((temporary, target))
            pending: list[tuple[Path, Path]] = []
            for target, text in self.files.items():
                temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
                temporary.write_text(text, encoding="utf-8", newline="\n")
                pending.append((temporary, target))
            for temporary, target in staged:
                temporary.rename(target)
                created.append(target)
            for temporary, target in pending:
                replaced.append((target, target.read_bytes() if target.exists() else None))
                os.replace(temporary, target)
        except (OSError, GpCatalogError) as exc:
            for target, previous in reversed(replaced):
                if previous is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_bytes(previous)
            for target in created:
                shutil.rmtree(target, ignore_errors=True)
            for temporary, _target in staged:
                shutil.rmtree(temporary, ignore_errors=True)
            for target in self.files:
                target.with_name(f".{target.name}.tmp-{os.getpid()}").unlink(missing_ok=True)
            if isinstance(exc, GpCatalogError):
                raise
            raise CatalogueReadError(
                f"写入失败,已恢复原状:{exc}", file=getattr(exc, "filename", None)
            ) from exc
