"""The public API on the real national catalogue."""

from __future__ import annotations

import json

import pytest

import gpcatalog
from gpcatalog.model import Channel, DeadlineKind, split_subjects


def test_load_counts(national: gpcatalog.Catalogue) -> None:
    assert (national.id, national.version, national.scope) == ("national", "2026.2", gpcatalog.Scope.NATIONAL)
    assert len(national.domains) == 26
    assert [d.number for d in national.domains] == list(range(1, 27))
    assert sum(1 for _ in national.items()) == 453
    assert sum(len(d.leaves()) for d in national.domains) == 292


def test_domain_lookup(national: gpcatalog.Catalogue) -> None:
    assert national.domain("社会救助") is national.domain("shehui-jiuzhu") is national.domain(18)
    with pytest.raises(gpcatalog.UnknownDomainError, match="没有领域“低保”") as info:
        national.domain("低保")
    assert isinstance(info.value, KeyError)


def test_item_lookup(national: gpcatalog.Catalogue) -> None:
    item = national.item("shehui-jiuzhu-009")
    assert item.name == "审批信息"
    assert item.contents == ["低保对象名单及相关信息"]
    assert item.subject == "县民政局、乡镇政府(街道办事处)"
    assert item.subjects == ["县民政局", "乡镇政府(街道办事处)"]
    assert item.channels == [Channel.WEBSITE]
    assert item.deadline is not None and (item.deadline.kind, item.deadline.days) == (
        DeadlineKind.WORKING_DAYS,
        10,
    )
    assert item.audience.society is None  # unknown, never "no"
    domain, path = national.locate("shehui-jiuzhu-009")
    assert (domain.name, [p.name for p in path]) == ("社会救助", ["最低生活保障", "审批信息"])
    with pytest.raises(gpcatalog.UnknownItemError) as info:
        national.item("shehui-jiuzhu-999")
    assert isinstance(info.value, KeyError)
    assert "没有编号为“shehui-jiuzhu-999”的事项" in str(info.value)


def test_provenance_and_caveats(national: gpcatalog.Catalogue) -> None:
    domain = national.domain("社会救助")
    assert domain.guideline.doc_no == "民办函〔2019〕52号"
    assert str(domain.guideline.date) == "2019-04-30"
    assert domain.completeness is not None and domain.completeness.template_rows == 13
    assert all(leaf.source and leaf.source.startswith("http") for leaf in domain.leaves())
    assert national.item("shehui-jiuzhu-013").caveats == [
        "二级事项名称在来源中不可见。",
        "公开对象、公开方式、公开层级的勾选在来源中无法读出。",
    ]


def test_json_export_round_trip(national: gpcatalog.Catalogue) -> None:
    text = gpcatalog.to_json(national)
    data = json.loads(text)
    item = data["domains"][17]["items"][0]["children"][0]
    assert item["deadline"] == {
        "kind": "working_days",
        "days": 10,
        "trigger": "制定或获取信息",
        "scope": None,
        "period": None,
        "text": "制定或获取信息之日起10个工作日内",
        "publicity_days": None,
        "publicity_unit": None,
        "exceptions": [],
        "note": None,
        "truncated": False,
    }
    assert gpcatalog.Catalogue.model_validate(data) == national


def test_summary(national: gpcatalog.Catalogue) -> None:
    rows = gpcatalog.summary(national)
    jiuye = rows[16]
    assert (jiuye.name, jiuye.level1, jiuye.level2, jiuye.status, jiuye.template_rows) == (
        "就业",
        2,
        3,
        "thin",
        25,
    )
    assert sum(r.level2 for r in rows) == 292


def test_split_subjects() -> None:
    assert split_subjects("县级政府民政部门、乡镇政府(街道办事处)") == [
        "县级政府民政部门",
        "乡镇政府(街道办事处)",
    ]
    assert split_subjects("市、区两级人民政府民政部门、街镇人民政府(街道办事处)") == [
        "市、区两级人民政府民政部门、街镇人民政府(街道办事处)"
    ]
    assert split_subjects(None) == []


def test_unknown_keys_are_rejected_by_the_model() -> None:
    with pytest.raises(ValueError, match="subjcet"):
        gpcatalog.Item.model_validate({"id": "a-1", "name": "甲", "subjcet": "局"})
