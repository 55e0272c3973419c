"""Spreadsheets gpcatalog writes hold values, never formulas: text from the data that begins with ``=`` (a name, a
URL, a record title) must not become a live ``HYPERLINK(…)`` or ``WEBSERVICE(…)`` when a clerk opens the file.

Workbooks (xlsx) store every string as a typed text cell (:data:`XLSX_OPTIONS`, :func:`as_text`), which a
spreadsheet never evaluates. A CSV cell has no type, so every CSV writer passes each cell through
:func:`safe_cell` (OWASP CSV-injection guidance: a cell that a spreadsheet would read as a formula gets a leading
``'``), and every CSV reader through :func:`read_cell`, its exact inverse.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

XLSX_OPTIONS: dict[str, Any] = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "in_memory": True,
}
"""xlsxwriter options for every workbook: strings stay strings."""

FORMULA_START = "=+-@\t\r\0"
"""First characters that make a spreadsheet read a CSV cell as a formula (OWASP: = + - @ TAB CR; ASVS adds NUL)."""

_ESCAPED = re.compile(f"'+[{re.escape(FORMULA_START)}]")
_DANGEROUS = re.compile(f"'*[{re.escape(FORMULA_START)}]")


def new_workbook(path: Path) -> Any:
    """An xlsxwriter ``Workbook`` at ``path`` that writes every string as text (xlsxwriter imported here)."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), XLSX_OPTIONS)


def as_text(cell: Any) -> None:
    """Make an openpyxl cell whose value is a string hold it as text, even when it begins with ``=``."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def safe_cell(value: Any) -> Any:
    """Return a CSV cell that no spreadsheet reads as a formula: text beginning with ``= + - @``, TAB, CR or NUL
    (after any leading apostrophes) gets one more leading ``'``; everything else is returned unchanged.

    ``safe_cell('=HYPERLINK("x")') == '\\'=HYPERLINK("x")'``, ``safe_cell("-1天") == "'-1天"``; text that
    already begins with ``'=`` becomes ``''=``, so :func:`read_cell` gives every value back exactly.
    """
    if isinstance(value, str) and _DANGEROUS.match(value):
        return "'" + value
    return value


def read_cell(value: Any) -> Any:
    """Undo :func:`safe_cell` for a cell read from a CSV file: ``'=x`` → ``=x``, ``''-1`` → ``'-1``; any other
    text (``'abc``, ``'``) is returned as it is."""
    if isinstance(value, str) and _ESCAPED.match(value):
        return value[1:]
    return value
