"""The one place that knows where the bundled data lives.

In an installed wheel the data package and the JSON Schemas sit inside the package (``gpcatalog/_data/``, put
there by the build); in a source checkout they are the repository's top-level ``catalogues/`` and ``schemas/``.
Both are read through :mod:`importlib.resources` ``Traversable`` objects, never turned into ``str`` paths, so
zipped installs work too.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from gpcatalog.errors import CatalogueReadError

DEFAULT_CATALOGUE = "national"


@lru_cache(maxsize=1)
def data_root() -> Traversable:
    """Return the folder holding ``catalogues/`` and ``schemas/``."""
    bundled = files("gpcatalog") / "_data"
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "catalogues").is_dir():
        return checkout
    raise CatalogueReadError("找不到随包附带的目录数据(gpcatalog/_data 或源码目录下的 catalogues/)")


def catalogues_root() -> Traversable:
    """Return the folder of the bundled catalogues (one sub-folder per catalogue)."""
    return data_root() / "catalogues"


def schemas_root() -> Traversable:
    """Return the folder of the bundled JSON Schemas."""
    return data_root() / "schemas"


def bundled_catalogue_names() -> list[str]:
    """Return the names of the catalogues shipped with the package, e.g. ``["national"]``."""
    root = catalogues_root()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "catalogue.yaml").is_file())


def bundled_catalogue(name: str = DEFAULT_CATALOGUE) -> Traversable:
    """Return the folder of the bundled catalogue ``name``.

    Raises:
        CatalogueReadError: there is no bundled catalogue of that name.
    """
    folder = catalogues_root() / name
    if not (folder / "catalogue.yaml").is_file():
        known = "、".join(bundled_catalogue_names()) or "无"
        raise CatalogueReadError(f"没有名为“{name}”的内置目录。内置目录:{known}")
    return folder
