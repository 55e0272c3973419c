"""Channel checklists as published: marks, 口 for □, missing spaces, line breaks, traditional characters."""

from __future__ import annotations

import pytest

from gpcatalog.model import Channel
from gpcatalog.parsing.channels import parse_checklist, resolve_channel
from tests.helpers import leaves

TEMPLATE = (
    "■政府网站 □政府公报 口两微一端 □发布会/听证会 □广播电视 □纸质媒体 ■公开查阅点 ■政务服务中心 "
    "□便民服务站 □入户/现场 □社区/企事业单位/村公示栏(电子屏) □精准推送 □其他"
)


def test_template_checklist() -> None:
    checklist = parse_checklist(TEMPLATE)
    assert checklist.ticked == (Channel.WEBSITE, Channel.READING_POINT, Channel.SERVICE_CENTRE)
    assert len(checklist.unticked) == 10
    assert set(checklist.ticked) | set(checklist.unticked) == set(Channel)


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        ("■政府网站□政府公报口两微一端\n■政务服务中心", (Channel.WEBSITE, Channel.SERVICE_CENTRE)),
        (
            "☑政府網站 ●兩微一端 √公開查閱點 口政府公報",
            (Channel.WEBSITE, Channel.WEIBO_WECHAT_APP, Channel.READING_POINT),
        ),
        ("✓政府网站 ◆精准推送", (Channel.WEBSITE, Channel.TARGETED_PUSH)),
        ("√政府网站\n√社區/企事業單位/村公示欄（電子屏）", (Channel.WEBSITE, Channel.NOTICE_BOARD)),
        ("政府网站、政务服务中心", (Channel.WEBSITE, Channel.SERVICE_CENTRE)),
        ("政府网站\n公开查阅点", (Channel.WEBSITE, Channel.READING_POINT)),
        ("■政府网站 ■其他:办税服务厅", (Channel.WEBSITE, "其他:办税服务厅")),
        ("■政府网站 ■政府服务中心", (Channel.WEBSITE, Channel.SERVICE_CENTRE)),
    ],
)
def test_variants(text: str, ticked: tuple[Channel | str, ...]) -> None:
    assert parse_checklist(text).ticked == ticked


def test_kou_inside_a_word_is_not_a_mark() -> None:
    checklist = parse_checklist("□窗口服务 ■政府网站")
    assert checklist.ticked == (Channel.WEBSITE,)
    assert checklist.unticked == ("窗口服务",)


def test_plain_list_is_unmarked() -> None:
    assert parse_checklist("政府网站 两微一端").marked is False


def test_every_standard_channel_in_the_data_resolves() -> None:
    names = {c for item in leaves() for c in item.channels or []}
    standard = {c for c in names if resolve_channel(c) is not None}
    assert {c.value for c in standard} <= {c.value for c in Channel}
    assert resolve_channel("政府網站") is Channel.WEBSITE
    assert resolve_channel("办税服务厅") is None


def test_a_nul_in_a_cell_is_not_read_as_an_unticked_mark() -> None:
    """口 for □ used to become a NUL placeholder, so a real NUL in a cell was read as a mark of its own."""
    assert parse_checklist("\x00新渠道 ■政府网站") == ((Channel.WEBSITE,), (), True)  # was unticked 新渠道
    checklist = parse_checklist("■政府网站\x00□政府公报")
    assert checklist.unticked == (Channel.GAZETTE,)
    assert checklist.ticked == ("政府网站\x00",)  # kept as written: the import refuses the cell
    assert parse_checklist("■政府网站 \x00口政府公报").unticked == (Channel.GAZETTE,)
    assert parse_checklist("口政府网站 ■政府公报") == parse_checklist("□政府网站 ■政府公报")
