"""Website columns (栏目): column maps of a website, which catalogue items each column publishes, coverage,
and the column tree for a CMS.

``gpcatalog columns generate|check|tree|export|import`` ↔ :func:`generate_map`, :func:`check_map`, :func:`tree`,
:func:`export_map`, :func:`import_map`.
"""

from gpcatalog.columns.cms import export_map, import_map
from gpcatalog.columns.coverage import ColumnCheck, Coverage, check_map
from gpcatalog.columns.maps import (
    DEFAULT_MAP,
    TreeRow,
    columns_of,
    expand,
    generate_map,
    map_to_data,
    publishes_on_website,
    read_map,
    tree,
    write_map,
)
from gpcatalog.columns.model import ColumnMap, WebColumn
from gpcatalog.errors import ColumnMapError

__all__ = [
    "DEFAULT_MAP",
    "ColumnCheck",
    "ColumnMap",
    "ColumnMapError",
    "Coverage",
    "TreeRow",
    "WebColumn",
    "check_map",
    "columns_of",
    "expand",
    "export_map",
    "generate_map",
    "import_map",
    "map_to_data",
    "publishes_on_website",
    "read_map",
    "tree",
    "write_map",
]
