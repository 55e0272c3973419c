"""Workbooks gpcatalog writes hold values, never formulas: text from the data that begins with ``=`` (a name, a
URL, a record title) must not become a live ``HYPERLINK(…)`` or ``WEBSERVICE(…)`` when a clerk opens the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

XLSX_OPTIONS: dict[str, Any] = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "in_memory": True,
}
"""xlsxwriter options for every workbook: strings stay strings."""


def new_workbook(path: Path) -> Any:
    """An xlsxwriter ``Workbook`` at ``path`` that writes every string as text (xlsxwriter imported here)."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), XLSX_OPTIONS)


def as_text(cell: Any) -> None:
    """Make an openpyxl cell whose value is a string hold it as text, even when it begins with ``=``."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
