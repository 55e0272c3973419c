"""Domain lookup accepts traditional characters, numbers and codes, and suggests the name of a near miss."""

from __future__ import annotations

import pytest

from tests.helpers import invoke

HEADING = "18 社会救助(shehui-jiuzhu) 一级事项 6 个,二级事项 12 个,完整程度:部分"


@pytest.mark.parametrize("key", ["社会救助", "社會救助", "18", "018", "shehui-jiuzhu"])
def test_tree_finds_a_domain_by_any_of_its_names(key: str) -> None:
    code, output = invoke("tree", key, "--depth", "1")
    assert code == 0
    assert output.splitlines()[0] == HEADING


def test_a_near_miss_is_answered_with_the_name_meant() -> None:
    assert invoke("tree", "社会救主") == (2, "错误:没有领域“社会救主”,您是不是要找“社会救助”?\n")
