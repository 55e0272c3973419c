"""Workbooks and CSV files gpcatalog writes hold text, never live formulas (diff review sheet, audit, column tree,
catalogue), and CSV import reads the text back exactly."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import gpcatalog
from gpcatalog.changes import render
from gpcatalog.columns import WebColumn, export_map, import_map, read_map
from gpcatalog.store.sheets import FORMULA_START, read_cell, safe_cell
from gpcatalog.tables import read_table, write_csv
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


# --- CSV: OWASP CSV injection, one helper for every writer, exact round trip ----------------------------------------

FORMULA_TEXTS = [
    '=HYPERLINK("http://127.0.0.1/","点此")',
    "-1天",
    "+86 12345",
    "@SUM(1+1)",
    "\tHYPERLINK",
    "\rHYPERLINK",
    "'=已经带撇号",
    "''-两个撇号",
]


@pytest.mark.parametrize("text", FORMULA_TEXTS)
def test_safe_cell_adds_one_apostrophe_and_read_cell_takes_it_away(text: str) -> None:
    cell = safe_cell(text)
    assert cell == "'" + text
    assert read_cell(cell) == text


@pytest.mark.parametrize("value", ["政府网站", "'撇号开头", "'", "", "1-2", 7, -1, None])
def test_safe_cell_leaves_other_values_alone(value: object) -> None:
    assert safe_cell(value) == value
    assert read_cell(value) == value


def _cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_no_csv_cell_we_write_starts_a_formula(tmp_path: Path) -> None:
    """The real catalogue has no value beginning with = + - @ TAB CR; edited to hold them, every one is written
    behind an apostrophe by the catalogue export and the column-tree export."""
    national = gpcatalog.load()
    edited = national.model_copy(deep=True)
    domain = edited.domain("社会救助")
    leaves = domain.leaves()
    for item, text in zip(leaves[:4], FORMULA_TEXTS[:4], strict=True):
        item.subject = text
    table = tmp_path / "目录.csv"
    write_csv(edited, table)
    plain = tmp_path / "原样.csv"
    write_csv(national, plain)
    column_map = read_map()
    column_map.columns.append(WebColumn(id="x-1", name=HOSTILE, parent=None, path="-/x/"))
    tree = tmp_path / "栏目.csv"
    export_map(column_map, tree, catalogue=national)
    for path in (table, plain, tree):
        assert [c for c in _cells(path) if c and c[0] in FORMULA_START] == [], path.name
    assert [c for c in _cells(plain) if c.startswith("'")] == []  # real text is written as it is
    assert {"'" + t for t in FORMULA_TEXTS[:4]} <= set(_cells(table))
    assert {"'" + HOSTILE, "'-/x/"} <= set(_cells(tree))


def test_csv_export_then_import_gives_every_value_back(tmp_path: Path) -> None:
    national = gpcatalog.load()
    edited = national.model_copy(deep=True)
    domain = edited.domain("社会救助")
    first, second, third = domain.leaves()[:3]
    first.subject, second.subject = '=HYPERLINK("x")', "-1天"
    third.caveats = ["'=已经带撇号", "@SUM(1)"]
    domain.items[1].name = "+86 热线"
    path = tmp_path / "目录.csv"
    write_csv(edited, path)
    result = read_table(path, catalogue_id="national", scope="national")
    assert result.catalogue is not None, result.report.errors()
    assert [d.items for d in result.catalogue.domains] == [d.items for d in edited.domains]
    back = result.catalogue.domain("社会救助")
    assert [leaf.subject for leaf in back.leaves()[:2]] == ['=HYPERLINK("x")', "-1天"]
    assert back.leaves()[2].caveats == ["'=已经带撇号", "@SUM(1)"]


def test_column_tree_csv_round_trip_of_formula_text(tmp_path: Path) -> None:
    column_map = read_map()
    column_map.columns.append(WebColumn(id="x-1", name=HOSTILE, parent=None, path="-/x/"))
    column_map.columns.append(WebColumn(id="x-2", name="'-撇号", parent="x-1"))
    path = tmp_path / "栏目.csv"
    export_map(column_map, path)
    back = import_map(path, map_id=column_map.id, title=column_map.title)
    assert {c.id: (c.name, c.path) for c in back.columns} == {
        c.id: (c.name, c.path) for c in column_map.columns
    }
