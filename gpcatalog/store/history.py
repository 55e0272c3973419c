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
from importlib.resources.abc import Traversable
from pathlib import Path

from gpcatalog.store.limits import MAX_YAML_BYTES, list_folder, read_file
from gpcatalog.store.reference import CATALOGUE_FILE, DOMAINS_DIR, OVERLAY_FILE, VERSIONS_DIR

HISTORY_FILE = "history.yaml"
ADJUSTMENTS_FILE = "adjustments.yaml"
CHANGELOG_FILE = "CHANGELOG.md"
CHANGELOG_JSON_FILE = "changelog.json"


def package_files(folder: Traversable | Path) -> list[str]:
    """Return the relative names of the files that make up a catalogue: catalogue.yaml, the overlay.yaml of a
    derived catalogue, and domains/*.yaml."""
    names = [name for name in (CATALOGUE_FILE, OVERLAY_FILE) if (folder / name).is_file()]
    domains = folder / DOMAINS_DIR
    if domains.is_dir():
        names += [
            f"{DOMAINS_DIR}/{entry}"
            for entry in list_folder(domains, str(domains))
            if entry.endswith((".yaml", ".yml"))
        ]
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
        shown = str(resource) if isinstance(resource, Path) else name
        found[name] = file_hash(read_file(resource, MAX_YAML_BYTES, display=shown))
    return found


def digest(files: dict[str, str]) -> str:
    """One SHA-256 over the sorted ``name hash`` lines of a version's files."""
    lines = "".join(f"{name} {value}\n" for name, value in sorted(files.items()))
    return "sha256:" + hashlib.sha256(lines.encode("utf-8")).hexdigest()


def is_package_file(path: Path) -> bool:
    """True when ``path`` is one of the files that make up a catalogue package: its data (catalogue.yaml,
    overlay.yaml, domains/*.yaml), its history (history.yaml, adjustments.yaml, the changelogs release writes) or a released copy (versions/).

    Every enclosing package is checked: a released copy is a package inside the package."""
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / CATALOGUE_FILE).is_file():
            inside = resolved.relative_to(folder).parts
            top = (
                CATALOGUE_FILE,
                OVERLAY_FILE,
                HISTORY_FILE,
                ADJUSTMENTS_FILE,
                CHANGELOG_FILE,
                CHANGELOG_JSON_FILE,
            )
            if (
                (len(inside) == 1 and inside[0] in top)
                or inside[:1] == (VERSIONS_DIR,)
                or (inside[:1] == (DOMAINS_DIR,) and resolved.suffix in (".yaml", ".yml"))
            ):
                return True
    return False
