"""gpcatalog.diff / gpcatalog.apply on the real national catalogue and its two released versions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import gpcatalog
from gpcatalog.changes import ChangeType, Target, apply, diff
from gpcatalog.errors import DiffError
from gpcatalog.history import AdjustmentRecord, RecordChange
from gpcatalog.model import Channel
from tests.helpers import BASE, edited


def _reloaded(catalogue: gpcatalog.Catalogue) -> gpcatalog.Catalogue:
    """The catalogue as it would load from files after the edits made to it in a test."""
    return gpcatalog.Catalogue.model_validate(catalogue.model_dump())


def test_the_two_released_versions_differ_by_six_citations() -> None:
    result = gpcatalog.diff("national@2019.1", "national@2026.1")
    assert (result.old, result.new) == ("national@2019.1", "national@2026.1")
    items = [c for c in result.changes if c.target is Target.ITEM]
    assert [(c.type, c.id, c.field) for c in items] == [
        (ChangeType.MODIFIED, "huanjing-baohu-003", "basis"),
        (ChangeType.MODIFIED, "huanjing-baohu-006", "basis"),
        (ChangeType.MODIFIED, "huanjing-baohu-007", "basis"),
        (ChangeType.MODIFIED, "huanjing-baohu-008", "basis"),
        (ChangeType.MODIFIED, "huanjing-baohu-009", "basis"),
        (ChangeType.MODIFIED, "yiliao-weisheng-013", "basis"),
    ]
    noise = items[0]
    assert noise.detail is not None
    assert noise.detail.removed == ["《环境噪声污染防治法》"]
    assert noise.detail.added == ["《中华人民共和国噪声污染防治法》(主席令第104号)"]
    assert "《环境噪声污染防治法》" in noise.old
    assert "《中华人民共和国噪声污染防治法》(主席令第104号)" in noise.new
    assert [c.records for c in items] == [["2026-001"]] * 5 + [["2026-002"]]
    doctor = items[-1]
    assert doctor.detail is not None
    assert doctor.detail.removed == ["《中华人民共和国执业医师法》(主席令第5号)"]
    assert doctor.detail.added == ["《中华人民共和国医师法》(主席令第94号)"]
    meta = [(c.field, c.old, c.new) for c in result.changes if c.target is Target.CATALOGUE]
    assert meta == [("version", "2019.1", "2026.1")]


def test_no_difference_is_falsy(national: gpcatalog.Catalogue) -> None:
    result = diff(national, national.model_copy(deep=True))
    assert not result
    assert result.changes == []
    assert result.counts() == {}


def test_rename_keeps_the_id_and_names_both(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    new.item("shehui-jiuzhu-002").name = "最低生活保障政策"
    result = diff(national, _reloaded(new))
    [change] = result.changes
    assert (change.type, change.id, change.old, change.new) == (
        ChangeType.RENAMED,
        "shehui-jiuzhu-002",
        national.item("shehui-jiuzhu-002").name,
        "最低生活保障政策",
    )


def test_moving_to_another_parent_is_one_move(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    domain = new.domain("社会救助")
    first, second = domain.items[0], domain.items[1]
    moved = first.children.pop(0)
    second.children.insert(1, moved)
    result = diff(national, _reloaded(new))
    [change] = result.changes
    assert change.type is ChangeType.MOVED
    assert change.id == moved.id
    assert change.old_place is not None and change.new_place is not None
    assert (change.old_place.parent, change.old_place.position) == (first.id, 0)
    assert (change.new_place.parent, change.new_place.position) == (second.id, 1)
    assert change.new_place.path == [second.name]


def test_an_insertion_does_not_move_the_siblings_after_it(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    domain = new.domain("城乡规划")
    domain.items.insert(0, gpcatalog.Item(id="chengxiang-guihua-900", name="新增的一级事项"))
    result = diff(national, _reloaded(new))
    assert [(c.type, c.id) for c in result.changes] == [(ChangeType.ADDED, "chengxiang-guihua-900")]


def test_reordering_reports_the_fewest_moves(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    items = new.domain("征地补偿").items
    items.append(items.pop(0))  # the first 一级事项 goes last: one move, not n-1
    result = diff(national, _reloaded(new))
    assert [(c.type, c.id) for c in result.changes] == [
        (ChangeType.MOVED, national.domain("征地补偿").items[0].id)
    ]


def test_deadline_change_is_structured(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    item = new.item("caizheng-yujuesuan-002")
    assert item.deadline is not None and item.deadline.text == "本级人民代表大会或其常务委员会批准后20日内"
    item.deadline = gpcatalog.parse_deadline("本级人民代表大会或其常务委员会批准后10个工作日内")
    [change] = diff(national, _reloaded(new)).changes
    assert (change.type, change.field) == (ChangeType.MODIFIED, "deadline")
    assert change.detail is not None
    assert change.detail.old_text == "本级人民代表大会或其常务委员会批准之日起 20 日内"
    assert change.detail.new_text == "本级人民代表大会或其常务委员会批准之日起 10 个工作日内"


def test_channel_change_lists_added_and_removed(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    item = new.item("shehui-jiuzhu-002")
    before = [str(c) for c in item.channels or []]
    assert "政府网站" in before
    item.channels = [c for c in item.channels or [] if str(c) != "政府网站"] + [gpcatalog.Channel("广播电视")]
    [change] = diff(national, _reloaded(new)).changes
    assert change.field == "channels"
    assert change.detail is not None
    assert (change.detail.added, change.detail.removed) == (["广播电视"], ["政府网站"])


def test_same_document_different_wording_is_not_a_citation_change(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    item = new.item("yiliao-weisheng-013")
    assert item.basis is not None
    texts = [b.text.replace("（", "(").replace("）", ")") for b in item.basis]
    item.basis = [gpcatalog.parse_basis(t) for t in texts]
    [change] = diff(national, _reloaded(new)).changes
    assert change.detail is not None
    assert (change.detail.added, change.detail.removed) == ([], [])
    assert change.detail.new_text == "引用的文件相同,只有文字变化"


def test_domain_filter(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    new.item("shehui-jiuzhu-002").name = "改"
    new.item("jiuye-002").subject = "县人力资源社会保障局"
    result = diff(national, _reloaded(new), domains=["社会救助"])
    assert [c.id for c in result.changes] == ["shehui-jiuzhu-002"]
    assert result.domains == ["shehui-jiuzhu"]
    with pytest.raises(gpcatalog.UnknownDomainError):
        diff(national, new, domains=["不存在的领域"])


def test_split_and_merge_come_from_records_only(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    parent = new.domain("社会救助").items[0]
    source = parent.children.pop(0)
    parent.children[0:0] = [
        source.model_copy(update={"id": "shehui-jiuzhu-901", "name": "城市最低生活保障"}),
        source.model_copy(update={"id": "shehui-jiuzhu-902", "name": "农村最低生活保障"}),
    ]
    new = _reloaded(new)
    plain = diff(national, new)
    assert [(c.type, c.id) for c in plain.changes] == [
        (ChangeType.REMOVED, source.id),
        (ChangeType.ADDED, "shehui-jiuzhu-901"),
        (ChangeType.ADDED, "shehui-jiuzhu-902"),
    ]
    record = AdjustmentRecord(
        id="2026-901",
        date="2026-11-22",  # type: ignore[arg-type]
        proposer="县民政局",
        reason="政策调整",  # type: ignore[arg-type]
        summary="低保政策按城乡分列",
        example=True,
        changes=[
            RecordChange(
                type=ChangeType.SPLIT, sources=[source.id], targets=["shehui-jiuzhu-901", "shehui-jiuzhu-902"]
            )
        ],
    )
    grouped = gpcatalog.diff(national, new, records=[record])
    [split] = grouped.changes
    assert (split.type, split.sources, split.targets, split.records) == (
        ChangeType.SPLIT,
        [source.id],
        ["shehui-jiuzhu-901", "shehui-jiuzhu-902"],
        ["2026-901"],
    )
    assert [p.type for p in split.parts] == [ChangeType.REMOVED, ChangeType.ADDED, ChangeType.ADDED]
    assert apply(national, grouped) == new


def test_catalogues_with_different_ids_are_paired_by_name_and_marked_inferred(
    national: gpcatalog.Catalogue,
) -> None:
    county = national.model_copy(deep=True)
    county.id = "demo-county"
    domain = county.domain("社会救助")
    for _depth, item in domain.walk():
        item.id = item.id.replace("shehui-jiuzhu", "xian-shjz")
    domain.items[0].children[0].subject = "某县民政局"
    result = diff(national, _reloaded(county), domains=["社会救助"])
    [change] = result.changes
    assert change.inferred
    old_item = national.domain("社会救助").items[0].children[0]
    assert (change.type, change.field, change.old_id, change.id) == (
        ChangeType.MODIFIED,
        "subject",
        old_item.id,
        old_item.id.replace("shehui-jiuzhu", "xian-shjz"),
    )
    assert not diff(national, _reloaded(county), domains=["社会救助"], infer=False).changes[0].inferred
    with pytest.raises(DiffError, match="推断"):
        apply(national, result)


def test_apply_refuses_changes_made_for_another_catalogue(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    new.item("shehui-jiuzhu-002").name = "改"
    result = diff(national, _reloaded(new))
    other = national.model_copy(deep=True)
    other.domain("社会救助").items[0].children.pop(0)
    with pytest.raises(DiffError, match="shehui-jiuzhu-002"):
        apply(_reloaded(other), result)


def test_apply_reproduces_the_released_version() -> None:
    old, new = gpcatalog.load("national@2019.1"), gpcatalog.load("national@2026.1")
    assert apply(old, gpcatalog.diff(old, new)) == new


def test_channel_order_is_not_a_change(national: gpcatalog.Catalogue) -> None:
    """A table without gpcatalog's hidden columns gives channels in checklist order: 13 national items differ
    from the order their YAML lists, and none of them is a change."""
    order = {c.value: i for i, c in enumerate(Channel)}
    new = national.model_copy(deep=True)
    reordered = []
    for item in new.items():
        if item.channels:
            ticked = sorted(item.channels, key=lambda c: order.get(str(c), len(order)))
            if ticked != item.channels:
                reordered.append(item.id)
            item.channels = ticked
    assert len(reordered) == 13
    assert reordered[:3] == ["caizheng-yujuesuan-002", "caizheng-yujuesuan-012", "zhengdi-buchang-002"]
    assert diff(national, _reloaded(new)).changes == []
    for item in new.items():
        if item.channels and len(item.channels) > 1:
            item.channels.reverse()
    assert diff(national, _reloaded(new)).changes == []


def test_a_channel_unticked_in_another_order_is_one_change(national: gpcatalog.Catalogue) -> None:
    new = national.model_copy(deep=True)
    item = new.item("caizheng-yujuesuan-002")
    before = [str(c) for c in item.channels or []]
    item.channels = list(reversed(item.channels or []))[1:]  # reorder and untick the last one
    [change] = diff(national, _reloaded(new)).changes
    assert (change.field, change.detail and change.detail.removed) == ("channels", [before[-1]])


# --- property: apply(a, diff(a, b)) == b for generated edits of the real catalogue -----------------------------


def _ticked(catalogue: gpcatalog.Catalogue) -> gpcatalog.Catalogue:
    """The catalogue with every channel list in one order: the order channels are ticked in is not a change."""
    copy = catalogue.model_copy(deep=True)
    for item in copy.items():
        if item.channels is not None:
            item.channels = sorted(item.channels, key=str)
    return copy


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_apply_of_diff_gives_the_new_catalogue(new: gpcatalog.Catalogue) -> None:
    result = diff(BASE, new)
    assert _ticked(apply(BASE, result)) == _ticked(new)
    assert bool(result) == (_ticked(new) != _ticked(BASE))
