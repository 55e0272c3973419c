"""公开时限 parser: every real cell of the national catalogue, and a hand-checked sample with exact results."""

from __future__ import annotations

from collections import Counter

import pytest

from gpcatalog.parsing.deadline import DayUnit, DeadlineClause, DeadlineKind, parse_deadline
from tests.helpers import deadline_texts

K = DeadlineKind


@pytest.mark.parametrize("text", deadline_texts())
def test_every_real_deadline_parses_and_keeps_its_text(text: str) -> None:
    deadline = parse_deadline(text)
    assert deadline.text == text
    assert deadline.kind != K.UNPARSED
    assert deadline.describe()


def test_real_deadlines_by_kind() -> None:
    kinds = Counter(parse_deadline(text).kind for text in deadline_texts())
    assert kinds == {
        K.WORKING_DAYS: 47,
        K.CALENDAR_DAYS: 4,
        K.TIMELY: 5,
        K.ON_EVENT: 3,
        K.LONG_TERM: 3,
        K.REALTIME: 1,
        K.PERIODIC: 2,
    }


@pytest.mark.parametrize(
    ("text", "kind", "days", "trigger"),
    [
        ("自信息形成或者变更之日起20个工作日内", K.WORKING_DAYS, 20, "信息形成或变更"),
        ("20工作日", K.WORKING_DAYS, 20, None),
        ("信息形成20个工作日内公开", K.WORKING_DAYS, 20, "信息形成"),
        ("信息形成（变更）20个工作日内", K.WORKING_DAYS, 20, "信息形成或变更"),
        ("自该政府信息形成或者变更之日起20个工作日内及时公开", K.WORKING_DAYS, 20, "信息形成或变更"),
        ("自收到申请之日起20个工作日内公开", K.WORKING_DAYS, 20, "收到申请"),
        (
            "本级人民代表大会或其常务委员会批准后20日内",
            K.CALENDAR_DAYS,
            20,
            "本级人民代表大会或其常务委员会批准",
        ),
        (
            "自该信息形成或者变更之日起30日内予以公开,法律法规另有规定的除外。",
            K.CALENDAR_DAYS,
            30,
            "信息形成或变更",
        ),
        ("实时公开", K.REALTIME, None, None),
        ("及时公开", K.TIMELY, None, None),
        ("重大决策作出后及时公开", K.TIMELY, None, "重大决策作出"),
        ("在实地启动拟征收土地工作时,在村公示栏公开。", K.ON_EVENT, None, "实地启动拟征收土地工作"),
        ("永久公开", K.LONG_TERM, None, None),
        ("同上", K.SAME_AS_ABOVE, None, None),
        ("内容同上", K.SAME_AS_ABOVE, None, None),
        ("今年看情况", K.UNPARSED, None, None),
    ],
)
def test_sample(text: str, kind: DeadlineKind, days: int | None, trigger: str | None) -> None:
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.days, deadline.trigger) == (kind, days, trigger)


def test_publicity_period() -> None:
    deadline = parse_deadline("制定或获取信息之日起10个工作日内,公示7个工作日")
    assert (deadline.kind, deadline.days, deadline.trigger) == (K.WORKING_DAYS, 10, "制定或获取信息")
    assert (deadline.publicity_days, deadline.publicity_unit) == (7, DayUnit.WORKING)
    assert deadline.describe() == "制定或获取信息之日起 10 个工作日内;公示期 7 个工作日"
    minimum = parse_deadline("信息形成（变更）3个工作日内，公示时间不少于7个工作日")
    assert (minimum.days, minimum.publicity_days) == (3, 7)
    timely = parse_deadline("及时公开,公告期限为5个工作日。")
    assert (timely.kind, timely.publicity_days) == (K.TIMELY, 5)


def test_periodic() -> None:
    assert parse_deadline("每季度").period == "每季度"
    assert parse_deadline("每年3月底前").period == "每年3月底前"
    half = parse_deadline("半年至少更新1次")
    assert (half.kind, half.period) == (K.PERIODIC, "半年")
    every = parse_deadline("每20个工作日更新")
    assert (every.kind, every.days, every.period) == (K.PERIODIC, 20, "每20个工作日")


def test_exceptions_for_part_of_the_information() -> None:
    deadline = parse_deadline(
        "信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"
    )
    assert deadline.exceptions == (
        DeadlineClause(kind=K.WORKING_DAYS, days=7, trigger="作出行政决定", scope="行政许可、行政处罚事项"),
    )
    numbered = parse_deadline("1.除处罚决定外其他内容:长期公开(动态调整);2.处罚决定:20个工作日内")
    assert (numbered.kind, numbered.scope) == (K.LONG_TERM, "除处罚决定外其他内容")
    assert numbered.exceptions == (DeadlineClause(kind=K.WORKING_DAYS, days=20, scope="处罚决定"),)
    bracketed = parse_deadline(
        "自信息形成或者变更之日起20个工作日内予以公开（结果信息：自信息形成或者变更之日起7个工作日内予以公开）"
    )
    assert bracketed.exceptions[0].scope == "结果信息"
    assert bracketed.exceptions[0].days == 7


def test_notes_and_truncation() -> None:
    noted = parse_deadline(
        "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。"
    )
    assert noted.note == "法律、法规对政府信息公开的期限另有规定的,从其规定"
    cut = parse_deadline(
        "在启动拟征收土地工作时,在拟征收土地所在的乡镇和村、村民小组范围内公告至少30…(摘录截断)"
    )
    assert cut.truncated is True
    assert cut.kind == K.ON_EVENT


def test_traditional_characters_and_line_breaks() -> None:
    deadline = parse_deadline("信息形成或變更之日起\n20個工作日內")
    assert (deadline.kind, deadline.days, deadline.trigger) == (K.WORKING_DAYS, 20, "信息形成或变更")
