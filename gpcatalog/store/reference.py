"""Catalogue references: what ``national``, ``national@2019.1``, ``path/to/package`` and ``path@2020.1`` name.

:func:`resolve_location` is the one place that turns a reference into a folder (a bundled one, read through
:mod:`importlib.resources`, or a path), so every command accepts the same references.
"""

from __future__ import annotations

import re
from importlib.resources.abc import Traversable
from pathlib import Path

from gpcatalog.errors import CatalogueReadError
from gpcatalog.store.resources import bundled_catalogue, bundled_catalogue_names

CATALOGUE_FILE = "catalogue.yaml"
DOMAINS_DIR = "domains"
VERSIONS_DIR = "versions"
OVERLAY_FILE = "overlay.yaml"
"""The local layer of a derived catalogue (see :mod:`gpcatalog.overlay`)."""


VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z._-]*$"
"""A version number (``2026.1``): letters, digits, ``.``, ``_`` and ``-``, beginning with a letter or digit, so it
is always one folder name inside ``versions/`` (never ``..``)."""
VERSION_MAX = 32
"""The longest version number."""
REFERENCE_MAX = 255
"""The longest reference (a name or path, with its ``@version``) any command accepts."""


def _exists(location: str) -> bool:
    try:
        return Path(location).exists()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def split_reference(
    location: str | Path | None,
) -> tuple[str | Path | None, str | None]:
    """Split ``"national@2019.1"`` into ``("national", "2019.1")``; a reference without ``@`` has no version.

    Only text after the last ``@`` that contains no path separator counts as a version, so folders whose names
    hold an ``@`` still work. ``"@2019.1"`` means the bundled national catalogue at 2019.1.

    Raises:
        CatalogueReadError: the reference is longer than :data:`REFERENCE_MAX` characters, or its version is
            empty (``national@``, ``@``) or not a version number (``national@..``, ``national@../x``).
    """
    if isinstance(location, str) and len(location) > REFERENCE_MAX:
        raise CatalogueReadError(
            f"目录引用太长:{len(location)} 个字符,上限 {REFERENCE_MAX} 个;"
            f"请进入目录包所在的文件夹后用相对路径:“{location[:40]}…”"
        )
    if not isinstance(location, str) or "@" not in location or _exists(location):
        return location, None
    base, _, version = location.rpartition("@")
    if "/" in version or "\\" in version:
        if not version.startswith("."):
            return location, None  # a folder whose name holds an @ (reported missing by resolve_location)
        raise CatalogueReadError(
            f"目录引用“{location}”的版本“{version}”不是版本号:版本号不能含路径(/、..),如 national@2026.1"
        )
    if not version:
        raise CatalogueReadError(
            f"目录引用“{location}”在 @ 后没有写版本号:写成 {base or 'national'}@2026.1,或去掉 @"
        )
    if len(version) > VERSION_MAX or not re.fullmatch(VERSION_PATTERN, version):
        raise CatalogueReadError(
            f"目录引用“{location}”的版本“{version[:40]}”不是版本号:只能含字母、数字、点、下划线和连字符,"
            f"以字母或数字开头,最多 {VERSION_MAX} 个字符,如 national@2026.1"
        )
    return (base or None), version


def resolve_location(location: str | Path | None) -> tuple[str, Traversable | Path]:
    """Return (display name, folder) for a bundled catalogue name or a path, with an optional ``@version``.

    ``None`` means the bundled national catalogue. A path may name the package folder or its
    ``catalogue.yaml``. ``national@2019.1`` or ``path/to/package@2019.1`` names a released version, whose
    frozen copy is in the package's ``versions/`` folder.

    Raises:
        CatalogueReadError: the path does not exist, is not a catalogue package, or has no such version.
    """
    base, version = split_reference(location)
    if version is not None:
        display, folder = resolve_location(base)
        released = folder / VERSIONS_DIR / version
        if not (released / CATALOGUE_FILE).is_file():
            versions = folder / VERSIONS_DIR
            names = sorted(e.name for e in versions.iterdir() if e.is_dir()) if versions.is_dir() else []
            listed = "、".join(names) if names else "还没有发布过版本"
            raise CatalogueReadError(f"目录“{display}”没有版本“{version}”。已发布的版本:{listed}")
        return f"{display}@{version}", released
    if location is None:
        return "national", bundled_catalogue()
    if isinstance(location, str) and location in bundled_catalogue_names() and not Path(location).exists():
        return location, bundled_catalogue(location)
    path = Path(location)
    if path.is_file() and path.name == CATALOGUE_FILE:
        path = path.parent
    if not path.exists():
        known = "、".join(bundled_catalogue_names())
        raise CatalogueReadError(f"找不到目录“{location}”:既不是存在的路径,也不是内置目录({known})")
    if path.is_file():
        raise CatalogueReadError(
            f"这是一个文件,不是目录包;目录包是含有 {CATALOGUE_FILE} 和 {DOMAINS_DIR}/ 的文件夹", file=path
        )
    if not (path / CATALOGUE_FILE).is_file():
        raise CatalogueReadError(
            f"这个文件夹不是目录包:缺少 {CATALOGUE_FILE}(目录包是含有 {CATALOGUE_FILE} 和 {DOMAINS_DIR}/ 的文件夹)",
            file=path,
        )
    return str(path), path
