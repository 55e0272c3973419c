"""Derived catalogues on real data (海丰县 养老服务 over national@2026.1), lineage, re-base, deviation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import gpcatalog
from gpcatalog.derived import compile_catalogue, deviation, lineage, lineage_lines, rebase
from gpcatalog.errors import DerivedError
from gpcatalog.model import Channel
from tests.helpers import ROOT, release_removal

HAIFENG = ROOT / "catalogues" / "haifeng-yanglao"


def test_haifeng_compiles_with_its_local_fields() -> None:
    compiled = compile_catalogue("haifeng-yanglao")
    assert compiled.report.ok
    catalogue = compiled.catalogue
    assert (catalogue.id, catalogue.scope, catalogue.base) == (
        "haifeng-yanglao",
        gpcatalog.Scope.COUNTY,
        "national@2026.1",
    )
    assert [d.code for d in catalogue.domains] == ["yanglao-fuwu"]
    item = catalogue.item("yanglao-fuwu-002")
    assert item.subject == "海丰县民政局、乡镇人民政府"
    assert item.channels == [Channel.WEBSITE, Channel.SERVICE_CENTRE]
    assert (item.levels.county, item.levels.township) == (True, True)
    assert [
        compiled.origin("yanglao-fuwu-002", f) for f in ("subject", "channels", "levels", "deadline", "name")
    ] == ["local", "local", "local", "base", "base"]
    assert catalogue.item("yanglao-fuwu-003") == gpcatalog.load("national@2026.1").item("yanglao-fuwu-003")
    assert gpcatalog.load("haifeng-yanglao") == catalogue


def test_deviation_names_each_local_change() -> None:
    changes = [(c.type.value, c.id, c.field) for c in deviation("haifeng-yanglao").changes]
    assert changes == [
        ("modified", "yanglao-fuwu-002", "subject"),
        ("modified", "yanglao-fuwu-002", "channels"),
        ("modified", "yanglao-fuwu-002", "levels"),
    ]


def test_lineage_is_a_dag_printed_as_a_tree() -> None:
    graph = lineage()
    assert ("national", "haifeng-yanglao") in graph.edges
    assert graph.edges["national", "haifeng-yanglao"]["version"] == "2026.1"
    lines = lineage_lines(graph)
    assert [line.split("(")[0] for line in lines] == ["cunwu-pilot", "national", "└ haifeng-yanglao"]
    assert (
        "└ haifeng-yanglao(county,基于 2026.1)海丰县养老服务领域基层政务公开标准目录(据已公开目录整理)"
        in lines
    )


@pytest.fixture
def derived(tmp_path: Path) -> Path:
    target = tmp_path / "haifeng"
    shutil.copytree(HAIFENG, target)
    return target


def test_overlay_errors_name_the_entry(derived: Path) -> None:
    (derived / "overlay.yaml").write_text(
        "domains: [yanglao-fuwu]\n"
        "modify:\n  - {item: yanglao-fuwu-999, set: {subject: 甲}}\n"
        "  - {item: yanglao-fuwu-003, set: {id: x}}\n"
        "remove:\n  - {item: yanglao-fuwu-004, reason: 本县不适用}\n"
        "add:\n  - {domain: yanglao-fuwu, parent: yanglao-fuwu-001, after: yanglao-fuwu-003, item: {id: haifeng-001, name: 本县特有事项}}\n",
        encoding="utf-8",
    )
    compiled = compile_catalogue(derived)
    errors = [(i.code, i.line) for i in compiled.report.errors()]
    assert errors == [("overlay-unknown", 3), ("overlay-field", 4)]
    assert compiled.report.errors()[1].message.startswith("不能修改字段“id”")
    parent = compiled.catalogue.item("yanglao-fuwu-001")
    assert [c.id for c in parent.children] == ["yanglao-fuwu-002", "yanglao-fuwu-003", "haifeng-001"]
    assert compiled.origin("haifeng-001", "name") == "local"
    with pytest.raises(gpcatalog.CatalogueInvalidError, match="要修改的事项“yanglao-fuwu-999”不在基础目录中"):
        gpcatalog.load(derived)


def test_missing_base_and_cycles(derived: Path, tmp_path: Path) -> None:
    text = (derived / "catalogue.yaml").read_text(encoding="utf-8")
    (derived / "catalogue.yaml").write_text(
        text.replace("base: national@2026.1", "base: national@2030.1"), encoding="utf-8"
    )
    with pytest.raises(DerivedError, match=r"基础目录“national@2030\.1”无法载入"):
        compile_catalogue(derived)
    other = tmp_path / "other"
    shutil.copytree(derived, other)
    (derived / "catalogue.yaml").write_text(
        text.replace("base: national@2026.1", f"base: {other}"), encoding="utf-8"
    )
    (other / "catalogue.yaml").write_text(
        text.replace("base: national@2026.1", f"base: {derived}"), encoding="utf-8"
    )
    with pytest.raises(DerivedError, match="基础目录形成循环"):
        lineage([derived])


def test_rebase_applies_or_lists_conflicts(derived: Path) -> None:
    clean = rebase(derived, "national@2019.1")
    assert (clean.conflicts, clean.old, clean.new) == ([], "national@2026.1", "national@2019.1")
    assert "base: national@2019.1\n" in (derived / "catalogue.yaml").read_text(encoding="utf-8")
    overlay = derived / "overlay.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8")
        .replace("yanglao-fuwu-002", "huanjing-baohu-003")
        .replace("[yanglao-fuwu]", "[huanjing-baohu]")
        .replace("subject: 海丰县民政局、乡镇人民政府", "basis: [《环境噪声污染防治法》]"),
        encoding="utf-8",
    )
    result = rebase(derived, "national@2026.1")
    assert result.conflicts == ["事项 huanjing-baohu-003 的公开依据:本地和新基础目录都改了"]
    assert "base: national@2019.1\n" in (derived / "catalogue.yaml").read_text(encoding="utf-8")


# --- re-basing onto a version that removed what the local catalogue removed too ----------------------------------


HAIFENG_REMOVALS = """remove:
  # 海丰县没有开展养老机构评估
  - item: yanglao-fuwu-013
    reason: 本县未开展养老机构评估
  - {item: yanglao-fuwu-004, reason: 本县不适用}
add: []
"""


def _haifeng_over(package: Path, tmp_path: Path, removals: str) -> Path:
    """海丰县 over ``package@2026.1`` with ``removals`` appended to its overlay.yaml."""
    target = tmp_path / "haifeng-local"
    shutil.copytree(HAIFENG, target)
    meta = target / "catalogue.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("base: national@2026.1", f"base: {package}@2026.1"),
        encoding="utf-8",
    )
    with (target / "overlay.yaml").open("a", encoding="utf-8") as out:
        out.write(removals)
    return target


def test_rebase_drops_a_removal_the_new_base_made_too(package: Path, tmp_path: Path) -> None:
    release_removal(package)  # 2026.3 removes yanglao-fuwu-013, record 2026-005
    local = _haifeng_over(package, tmp_path, HAIFENG_REMOVALS)
    assert gpcatalog.validate(local).ok
    before = (local / "overlay.yaml").read_text(encoding="utf-8")
    dry = rebase(local, f"{package}@2026.3", write=False)
    assert (dry.conflicts, dry.dropped) == ([], ["yanglao-fuwu-013"])
    assert (local / "overlay.yaml").read_text(encoding="utf-8") == before

    result = rebase(local, f"{package}@2026.3")
    assert result.resolved == [
        "本地删除的事项 yanglao-fuwu-013 新基础目录也已删除,overlay.yaml 中的这一条随之删去"
    ]
    text = (local / "overlay.yaml").read_text(encoding="utf-8")
    assert text == before.replace(
        "  # 海丰县没有开展养老机构评估\n  - item: yanglao-fuwu-013\n    reason: 本县未开展养老机构评估\n", ""
    )
    assert text.startswith("# 海丰县相对国家目录(national@2026.1)的本地调整。")
    report = gpcatalog.validate(local)
    assert report.ok, [i.message for i in report.errors()]
    assert [c.id for c in deviation(local).changes if c.type.value == "removed"] == ["yanglao-fuwu-004"]


def test_rebase_leaves_an_empty_list_when_every_removal_is_done(package: Path, tmp_path: Path) -> None:
    release_removal(package)
    local = _haifeng_over(package, tmp_path, "remove:\n  - {item: yanglao-fuwu-013, reason: 本县不适用}\n")
    # without the fix the entry stayed and the re-based catalogue did not validate:
    stale = tmp_path / "stale"
    shutil.copytree(local, stale)
    meta = stale / "catalogue.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("@2026.1", "@2026.3"), encoding="utf-8")
    assert [i.code for i in gpcatalog.validate(stale).errors()] == ["overlay-unknown"]

    rebase(local, f"{package}@2026.3")
    assert (local / "overlay.yaml").read_text(encoding="utf-8").endswith("remove: []\n")
    assert gpcatalog.validate(local).ok


def test_rebase_rewrites_a_flow_style_list_whole(package: Path, tmp_path: Path) -> None:
    release_removal(package)
    local = _haifeng_over(
        package,
        tmp_path,
        "remove: [{item: yanglao-fuwu-013, reason: 本县不适用}, {item: yanglao-fuwu-004, reason: 本县不适用}]\n",
    )
    rebase(local, f"{package}@2026.3")
    text = (local / "overlay.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 海丰县相对国家目录(national@2026.1)的本地调整。")
    assert "yanglao-fuwu-013" not in text and "item: yanglao-fuwu-004" in text
    assert gpcatalog.validate(local).ok
