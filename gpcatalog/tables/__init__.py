"""Excel and CSV in the layout clerks use: export a catalogue, and import the tables counties publish.

One declarative layout (:mod:`gpcatalog.tables.layout`) serves both directions. Export: :func:`write_xlsx`,
:func:`write_csv`, :func:`export_table`, :func:`to_frame`. Import: :func:`read_table` (file decoding in
:mod:`~gpcatalog.tables.files`, table detection in :mod:`~gpcatalog.tables.detect`, cell values in
:mod:`~gpcatalog.tables.cells`, rows → catalogue in :mod:`~gpcatalog.tables.rows`) and :func:`from_frame`. An edited
workbook into a package's working copy: :func:`import_into` (:mod:`~gpcatalog.tables.into`).
Heavy libraries (xlsxwriter, python-calamine, openpyxl, pandas) are imported inside the functions that need them.
"""

from gpcatalog.errors import TableError
from gpcatalog.tables.export import export_table, to_frame, write_csv, write_xlsx
from gpcatalog.tables.into import IntoResult, import_into
from gpcatalog.tables.reader import ImportResult, from_frame, read_table

__all__ = [
    "ImportResult",
    "IntoResult",
    "TableError",
    "export_table",
    "from_frame",
    "import_into",
    "read_table",
    "to_frame",
    "write_csv",
    "write_xlsx",
]
