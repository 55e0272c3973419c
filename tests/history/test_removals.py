"""What became of an item that is gone: gpcatalog.item_fate on a package that released a removal (the bundled
national package has none: its three versions differ by six citations, one added item and ten filled fields)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import gpcatalog
from gpcatalog.changes import ChangeType
from gpcatalog.store.package import domain_file_name, write_domain
from tests.helpers import release_removal


def test_the_bundled_versions_removed_nothing() -> None:
    old, mid, new = (gpcatalog.load(f"national@{v}") for v in ("2019.1", "2026.1", "2026.2"))
    assert {i.id for i in old.items()} == {i.id for i in mid.items()}
    assert {i.id for i in new.items()} == {i.id for i in mid.items()} | {"gonggong-ziyuan-jiaoyi-014"}
    assert gpcatalog.item_fate(None, "yanglao-fuwu-013") is None  # still there
    assert gpcatalog.item_fate(None, "yanglao-fuwu-999") is None  # never was


def test_a_released_removal_names_its_version_and_record(package: Path) -> None:
    release_removal(package)
    fate = gpcatalog.item_fate(package, "yanglao-fuwu-013")
    assert fate is not None
    assert fate.sentence() == "已于 2026.3 删除,调整记录 2026-005"
    assert (fate.version, fate.date, fate.last_version, fate.kind) == (
        "2026.3",
        dt.date(2026, 12, 2),
        "2026.2",
        ChangeType.REMOVED,
    )
    assert (fate.name, fate.domain, fate.domain_name, fate.path, fate.parents) == (
        "养老机构评估信息",
        "yanglao-fuwu",
        "养老服务",
        ["(名称不可见)"],
        ["yanglao-fuwu-012"],
    )
    assert [r.id for r in fate.records] == ["2026-005"]
    assert fate.records[0].summary == "养老机构评估信息并入备案信息公开,删去该事项(示例)"
    assert fate.to_data()["records"] == ["2026-005"]
    # as of a version: gone at 2026.3, still there at 2026.2
    at = gpcatalog.item_fate(f"{package}@2026.3", "yanglao-fuwu-013")
    assert at is not None and at.sentence() == fate.sentence()
    assert gpcatalog.item_fate(f"{package}@2026.2", "yanglao-fuwu-013") is None
    assert gpcatalog.item_fate(package, "yanglao-fuwu-012") is None


def test_a_removal_not_yet_released(package: Path) -> None:
    catalogue = gpcatalog.load(package)
    domain, path = catalogue.locate("yanglao-fuwu-004")
    path[-2].children.remove(path[-1])
    write_domain(package / "domains" / domain_file_name(domain), domain)
    fate = gpcatalog.item_fate(package, "yanglao-fuwu-004")
    assert fate is not None
    assert (fate.version, fate.last_version, fate.date) == (None, "2026.2", None)
    assert fate.sentence() == "已在工作副本中删除(尚未发布),没有调整记录"
    assert fate.path == ["养老服务通用政策"]
