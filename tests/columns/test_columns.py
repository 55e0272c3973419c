"""Column maps: the shipped default map, generation, checks, CMS export/import round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.columns import (
    ColumnMap,
    ColumnMapError,
    WebColumn,
    check_map,
    expand,
    export_map,
    generate_map,
    import_map,
    read_map,
)
from tests.helpers import NATIONAL


def test_shipped_default_map_is_the_generated_one(national: gpcatalog.Catalogue) -> None:
    shipped = read_map()
    assert shipped == generate_map(national, reference="national"), (
        "请运行 gpcatalog columns generate -o catalogues/national/columns/default.yaml"
    )
    assert (NATIONAL / "columns" / "default.yaml").is_file()


def test_default_map_covers_every_website_item(national: gpcatalog.Catalogue) -> None:
    result = check_map(read_map(), national)
    assert result.report.issues == []
    coverage = result.coverage
    assert (coverage.columns, coverage.leaf_columns, coverage.blank_columns) == (180, 153, 0)
    assert (coverage.website_items, coverage.mapped_website_items, coverage.coverage) == (220, 220, 100.0)
    assert expand(read_map(), national)["shehui-jiuzhu-001"] == ["shehui-jiuzhu-002", "shehui-jiuzhu-003"]


def test_domain_layout_and_rules(national: gpcatalog.Catalogue) -> None:
    by_domain = generate_map(national, layout="domain")
    assert len(by_domain.columns) == 27
    rules = ColumnMap(
        id="rules",
        title="规则",
        columns=[
            WebColumn(id="root", name="专栏"),
            WebColumn(id="a", name="低保", parent="root", under=["shehui-jiuzhu-004"]),
            WebColumn(id="b", name="就业", parent="root", domains=["jiuye"]),
        ],
    )
    expanded = expand(rules, national)
    assert expanded["a"] == ["shehui-jiuzhu-005", "shehui-jiuzhu-006"]
    assert expanded["b"] == [i.id for i in national.domain("就业").leaves()]


def test_check_reports_each_kind_of_problem(national: gpcatalog.Catalogue) -> None:
    broken = generate_map(national)
    columns = broken.columns
    first = next(c for c in columns if c.id == "shehui-jiuzhu-001")
    first.items = [
        "shehui-jiuzhu-002",
        "shehui-jiuzhu-999",
        "jiuye-002",
    ]  # drops -003, adds unknown and another domain
    columns.append(WebColumn(id="kong", name="空白栏目", parent="jczwgk"))
    columns.append(WebColumn(id="jiuye", name="重复", parent="jczwgk"))
    columns += [WebColumn(id="x", name="甲", parent="y"), WebColumn(id="y", name="乙", parent="x")]
    columns.append(WebColumn(id="z", name="丙", parent="nowhere", items=["gonggong-ziyuan-jiaoyi-004"]))
    result = check_map(broken, national)
    found = {(i.code, i.severity.value, i.item_id or "") for i in result.report.issues}
    assert ("column-unknown-item", "error", "shehui-jiuzhu-999") in found
    assert ("column-blank", "error", "") in found
    assert ("column-duplicate", "error", "") in found
    assert ("column-cycle", "error", "") in found
    assert ("column-unknown-parent", "error", "") in found
    assert ("column-mixed-domains", "warning", "") in found
    assert ("website-item-unmapped", "error", "shehui-jiuzhu-003") in found
    messages = [i.message for i in result.report.issues]
    assert "栏目的上下级形成循环:x → y" in messages
    assert "空白栏目:“空白栏目”没有下级栏目,也没有对应任何事项" in messages
    assert result.coverage.mapped_website_items == 219
    assert result.coverage.coverage == 99.5


def test_mapping_an_item_without_the_website_channel_is_a_warning(national: gpcatalog.Catalogue) -> None:
    item = next(
        i
        for i in national.items()
        if i.is_leaf and i.channels is not None and gpcatalog.Channel.WEBSITE not in i.channels
    )
    column_map = generate_map(national)
    column_map.columns[-1].items.append(item.id)
    [issue] = [i for i in check_map(column_map, national).report.issues if i.code == "column-not-website"]
    assert (issue.severity.value, issue.item_id) == ("warning", item.id)


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "json"])
def test_export_import_round_trip(tmp_path: Path, national: gpcatalog.Catalogue, suffix: str) -> None:
    original = read_map()
    original.columns.append(
        WebColumn(
            id="guize",
            name="规则栏目",
            parent="jczwgk",
            order=99,
            under=["shehui-jiuzhu-004"],
            domains=["jiuye"],
        )
    )
    path = tmp_path / f"栏目.{suffix}"
    export_map(original, path, catalogue=national)
    options = {"map_id": original.id, "title": original.title} if suffix == "csv" else {}
    back = import_map(path, **options)
    if suffix == "csv":
        back = back.model_copy(update={"catalogue": original.catalogue})
    key = {c.id: c for c in back.columns}
    assert {c.id: c for c in original.columns} == key
    assert back.model_copy(update={"columns": []}) == original.model_copy(update={"columns": []})


def test_bad_map_files(tmp_path: Path) -> None:
    path = tmp_path / "坏.yaml"
    path.write_text("id: x\ntitle: 坏\ncolumns:\n  - id: A B\n    name: 甲\n", encoding="utf-8")
    with pytest.raises(ColumnMapError, match="栏目对照表有误") as caught:
        read_map(path)
    assert (caught.value.line, caught.value.path) == (4, "$.columns[0].id")
    csv = tmp_path / "栏目.csv"
    csv.write_text("代码,名字\n1,2\n", encoding="utf-8")
    with pytest.raises(ColumnMapError, match="表头不对"):
        import_map(csv)


def test_a_map_id_taken_from_the_file_name_must_be_a_safe_id(tmp_path: Path) -> None:
    export_map(read_map(), tmp_path / "con.csv")
    with pytest.raises(ColumnMapError, match=r"编号“con”是 Windows 保留的设备名.*可用 --id、--title 指定"):
        import_map(tmp_path / "con.csv")
    assert import_map(tmp_path / "con.csv", map_id="con-1").id == "con-1"
    (tmp_path / "con.csv").rename(tmp_path / "a+-b.csv")  # used to give the invalid id a--b and a traceback
    assert import_map(tmp_path / "a+-b.csv").id == "a-b"


def test_a_column_id_cannot_be_a_device_name() -> None:
    with pytest.raises(ValueError, match="编号“lpt1”是 Windows 保留的设备名"):
        WebColumn(id="lpt1", name="打印")
