"""Workbooks gpcatalog writes hold text, never live formulas (diff review sheet, audit, column tree, catalogue)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

import gpcatalog
from gpcatalog.changes import render
from gpcatalog.columns import WebColumn, export_map, read_map
from gpcatalog.timeliness import audit, write_excel

HOSTILE = '=HYPERLINK("http://127.0.0.1/","点此")'


def _formulas(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [n for n in archive.namelist() if n.startswith("xl/worksheets/") and b"<f>" in archive.read(n)]


def _texts(path: Path) -> set[str]:
    book = load_workbook(path)
    return {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value}


def test_text_beginning_with_equals_stays_text_in_every_workbook(tmp_path: Path) -> None:
    national = gpcatalog.load()
    edited = national.model_copy(deep=True)
    edited.domain("社会救助").items[0].children[0].subject = HOSTILE
    review = tmp_path / "diff.xlsx"
    render.write_excel(gpcatalog.diff(national, edited), review)

    column_map = read_map()
    column_map.columns.append(WebColumn(id="x-1", name=HOSTILE, parent=None))
    tree = tmp_path / "columns.xlsx"
    export_map(column_map, tree, catalogue=national)

    records = pd.DataFrame(
        {
            "column": ["shehui-jiuzhu-001"],
            "title": [HOSTILE],
            "url": ['=WEBSERVICE("http://127.0.0.1/")'],
            "formed": pd.to_datetime(["2026-03-02"]),
            "published": pd.to_datetime(["2026-06-01"]),
        }
    )
    report = tmp_path / "audit.xlsx"
    write_excel(audit(records, column_map, national), report)

    for path in (review, tree, report):
        assert _formulas(path) == [], path.name
        assert HOSTILE in _texts(path), path.name
