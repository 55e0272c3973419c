"""Appending to a list in a YAML file people keep by hand: every byte already there stays."""

from __future__ import annotations

import datetime as dt

from gpcatalog.store.appending import append_items

NEW = [{"id": "2026-003", "date": dt.date(2026, 12, 2), "draft": True}]
BLOCK = "- id: 2026-003\n  date: 2026-12-02\n  draft: true\n"


def _indent(block: str, spaces: int) -> str:
    return "".join(" " * spaces + line for line in block.splitlines(keepends=True))


def test_appended_after_the_last_item_with_its_indentation() -> None:
    text = "# 调整记录\nrecords:   # 按编号\n    -   id: a  # 第一条\n        x: 1\n    # 尾注\n"
    assert append_items(text, "records", NEW) == text + _indent(BLOCK, 4)


def test_the_next_key_and_its_comments_stay_after_the_list() -> None:
    text = "records:\n- id: a\n\n# 下面是别的\nother: 1\n"
    assert append_items(text, "records", NEW) == "records:\n- id: a\n" + BLOCK + "\n# 下面是别的\nother: 1\n"


def test_an_empty_or_missing_list_is_started() -> None:
    assert append_items("records: []  # 还没有\n", "records", NEW) == "records:  # 还没有\n" + _indent(
        BLOCK, 2
    )
    assert append_items("records:\n", "records", NEW) == "records:\n" + _indent(BLOCK, 2)
    assert append_items("# 只有注释", "records", NEW) == "# 只有注释\nrecords:\n" + _indent(BLOCK, 2)
    assert append_items("", "records", NEW) == "records:\n" + _indent(BLOCK, 2)


def test_a_last_line_without_a_line_end_gets_one() -> None:
    assert append_items("records:\n  - id: a", "records", NEW) == "records:\n  - id: a\n" + _indent(BLOCK, 2)


def test_a_flow_list_cannot_be_extended_as_text() -> None:
    assert append_items("records: [{id: a}]\n", "records", NEW) is None
