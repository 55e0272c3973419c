"""Blank cells: a tick column that exists but is blank is false, never null; a missing column is null."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpcatalog.tables import read_table
from gpcatalog.tables.layout import TICK_FIELDS
from tests.tables.test_aliases import DATA, KEYS, SUB, TOP, _book

TICKS = [key for key in KEYS if key in TICK_FIELDS]


@pytest.mark.parametrize("key", TICKS)
def test_blank_tick_is_false(tmp_path: Path, key: str) -> None:
    result = read_table(_book(tmp_path / "t.xlsx", TOP, SUB, DATA))
    assert result.catalogue is not None
    item = result.catalogue.domains[0].items[0].children[0]
    group, field = TICK_FIELDS[key]
    assert getattr(getattr(item, group), field) is False


def test_missing_level_columns_are_null(tmp_path: Path) -> None:
    result = read_table(_book(tmp_path / "t.xlsx", TOP[:12], SUB[:12], DATA[:12]))
    assert result.catalogue is not None
    item = result.catalogue.domains[0].items[0].children[0]
    assert (item.levels.county, item.levels.township) == (None, None)
    assert (item.mode.proactive, item.audience.society) == (False, False)


def test_question_mark_is_null(tmp_path: Path) -> None:
    data = [*DATA[:8], "?", *DATA[9:]]
    result = read_table(_book(tmp_path / "t.xlsx", TOP, SUB, data))
    assert result.catalogue is not None
    assert result.catalogue.domains[0].items[0].children[0].audience.society is None
