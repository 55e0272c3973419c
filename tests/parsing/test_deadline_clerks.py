"""公开时限 in clerks' words: Chinese numerals, 即时/立即, periods, 长期, ranges and 不超过, with exact structures."""

from __future__ import annotations

from typing import Any

import pytest

from gpcatalog.parsing.deadline import DeadlineKind, chinese_number, parse_deadline

K = DeadlineKind
W, C = K.WORKING_DAYS, K.CALENDAR_DAYS
MONTHS2 = "原文为 2 个月,按每月 30 日折算"

CASES: list[tuple[str, dict[str, Any]]] = [
    ("信息形成之日起十个工作日内", {"kind": W, "days": 10, "trigger": "信息形成"}),
    ("信息形成或变更之日起二十个工作日内", {"kind": W, "days": 20, "trigger": "信息形成或变更"}),
    ("自信息形成或者变更之日起二十个工作日内", {"kind": W, "days": 20, "trigger": "信息形成或变更"}),
    ("信息形成(变更)之日起二十个工作日内", {"kind": W, "days": 20, "trigger": "信息形成或变更"}),
    ("信息形成或变更之日起十五个工作日内", {"kind": W, "days": 15, "trigger": "信息形成或变更"}),
    ("作出决定之日起七个工作日内", {"kind": W, "days": 7, "trigger": "作出决定"}),
    ("三十个工作日", {"kind": W, "days": 30}),
    ("二十个工作日内", {"kind": W, "days": 20}),
    ("五个工作日内", {"kind": W, "days": 5}),
    ("二十日内", {"kind": C, "days": 20}),
    ("三十日内", {"kind": C, "days": 30}),
    ("十日内", {"kind": C, "days": 10}),
    ("七天", {"kind": C, "days": 7}),
    ("信息形成之日起三十日内", {"kind": C, "days": 30, "trigger": "信息形成"}),
    ("一百二十日内", {"kind": C, "days": 120}),
    ("两个月", {"kind": C, "days": 60, "note": MONTHS2}),
    ("两个月内", {"kind": C, "days": 60, "note": MONTHS2}),
    ("自收到申请之日起两个月内", {"kind": C, "days": 60, "trigger": "收到申请", "note": MONTHS2}),
    ("3个月内", {"kind": C, "days": 90, "note": "原文为 3 个月,按每月 30 日折算"}),
    ("即时公开", {"kind": K.REALTIME}),
    ("立即公开", {"kind": K.REALTIME}),
    ("实时", {"kind": K.REALTIME}),
    ("实时公开", {"kind": K.REALTIME}),
    ("實時公開", {"kind": K.REALTIME}),
    ("随时公开", {"kind": K.REALTIME}),
    ("每季度", {"kind": K.PERIODIC, "period": "每季度"}),
    ("每半年", {"kind": K.PERIODIC, "period": "每半年"}),
    ("每年一季度前", {"kind": K.PERIODIC, "period": "每年一季度前"}),
    ("每年", {"kind": K.PERIODIC, "period": "每年"}),
    ("每月", {"kind": K.PERIODIC, "period": "每月"}),
    ("每季度更新", {"kind": K.PERIODIC, "period": "每季度"}),
    ("每季度结束后十五日内", {"kind": K.PERIODIC, "days": 15, "period": "每季度结束后15日内"}),
    ("长期公开", {"kind": K.LONG_TERM}),
    ("長期公開", {"kind": K.LONG_TERM}),
    ("永久公开", {"kind": K.LONG_TERM}),
    ("5-10个工作日", {"kind": W, "days": 10}),
    ("5至7个工作日内", {"kind": W, "days": 7}),
    ("5~10日内", {"kind": C, "days": 10}),
    ("十至十五个工作日", {"kind": W, "days": 15}),
    ("不超过20个工作日", {"kind": W, "days": 20}),
    ("不超过二十个工作日", {"kind": W, "days": 20}),
    ("信息形成之日起最长不超过15个工作日", {"kind": W, "days": 15, "trigger": "信息形成"}),
    ("最迟不超过三十日", {"kind": C, "days": 30}),
    ("信息形成之日起20个工作日内", {"kind": W, "days": 20, "trigger": "信息形成"}),
    ("信息形成之日起 十 个工作日内", {"kind": W, "days": 10, "trigger": "信息形成"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_clerk_spelling(text: str, expected: dict[str, Any]) -> None:
    deadline = parse_deadline(text)
    assert deadline.text == text
    assert deadline.model_dump(exclude_defaults=True, exclude={"text"}) == expected


@pytest.mark.parametrize("text", ["待定", "按上级要求", "见附件"])
def test_unreadable_stays_unparsed(text: str) -> None:
    assert parse_deadline(text).kind == K.UNPARSED


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("十", 10),
        ("二十", 20),
        ("三十五", 35),
        ("一百二十", 120),
        ("两", 2),
        ("七", 7),
        ("十五", 15),
        ("x", None),
    ],
)
def test_chinese_number(text: str, number: int | None) -> None:
    assert chinese_number(text) == number
