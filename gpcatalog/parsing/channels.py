"""公开渠道和载体 (channels): the 13 standard channels of the template and checklist cells.

A template cell lists every channel with a mark: "■政府网站 □政府公报 □两微一端 …". Real cells type 口 for □,
use ☑ √ ● ◆ for ■, drop the spaces, break lines, or come from traditional-character mirrors.
:func:`parse_checklist` reads them into ticked and unticked channels.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from gpcatalog.parsing.text import match_key, squash_space


class Channel(StrEnum):
    """The 13 standard channels (公开渠道和载体) of the 2019 national template, in template order."""

    WEBSITE = "政府网站"
    GAZETTE = "政府公报"
    WEIBO_WECHAT_APP = "两微一端"
    PRESS_CONFERENCE_HEARING = "发布会/听证会"
    RADIO_TV = "广播电视"
    PRINT_MEDIA = "纸质媒体"
    READING_POINT = "公开查阅点"
    SERVICE_CENTRE = "政务服务中心"
    SERVICE_STATION = "便民服务站"
    DOOR_TO_DOOR = "入户/现场"
    NOTICE_BOARD = "社区/企事业单位/村公示栏(电子屏)"
    TARGETED_PUSH = "精准推送"
    OTHER = "其他"


# Typographic variants of a standard channel seen in published tables (not local channels of their own).
_ALIASES: dict[str, Channel] = {
    "政府服务中心": Channel.SERVICE_CENTRE,
    "社区/企事业单位/村公示栏": Channel.NOTICE_BOARD,
    "社区/企事业单位/村公示栏电子屏": Channel.NOTICE_BOARD,
    "发布会听证会": Channel.PRESS_CONFERENCE_HEARING,
    "入户现场": Channel.DOOR_TO_DOOR,
    "两微一端(政务微博、微信、客户端)": Channel.WEIBO_WECHAT_APP,
}

_TICKED = "■☑√✓✔●◆☒◼⬛▣"
_UNTICKED = "□☐○◇◻"
_LOOSE_UNTICKED = "口"  # typed for □, but also an ordinary character (窗口)


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Channel]:
    table = {match_key(channel.value): channel for channel in Channel}
    table.update({match_key(alias): channel for alias, channel in _ALIASES.items()})
    return table


@lru_cache(maxsize=1)
def _names_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_lookup(), key=len, reverse=True))


def resolve_channel(name: str) -> Channel | None:
    """Return the standard channel ``name`` denotes (width, brackets, traditional characters ignored), or None."""
    return _lookup().get(match_key(name))


class Checklist(NamedTuple):
    """A parsed channel checklist.

    Attributes:
        ticked: channels marked as used, standard ones as :class:`Channel`, local ones as written.
        unticked: channels listed without a tick.
        marked: False when the cell had no marks at all (a plain list of names, all read as ticked).
    """

    ticked: tuple[Channel | str, ...]
    unticked: tuple[Channel | str, ...]
    marked: bool


def _name(raw: str) -> Channel | str | None:
    text = squash_space(raw).strip(" ,,、;;。:")
    if not text:
        return None
    return resolve_channel(text) or text


def _split_loose_marks(token: str) -> list[str]:
    """Split on 口 where it stands for □: at the start of a token or right before a channel name."""
    if _LOOSE_UNTICKED not in token:
        return [token]
    names = _names_longest_first()
    pieces: list[str] = []
    current = ""
    index = 0
    while index < len(token):
        char = token[index]
        rest = match_key(token[index + 1 : index + 40])
        if char == _LOOSE_UNTICKED and (not current.strip() or any(rest.startswith(n) for n in names)):
            if current.strip():
                pieces.append(current)
            current = "□"  # 口 standing for □ is read as □ (no placeholder a cell could also hold)
        else:
            current += char
        index += 1
    if current.strip():
        pieces.append(current)
    return pieces


@lru_cache(maxsize=4096)
def parse_checklist(text: str) -> Checklist:
    """Parse a channel checklist cell.

    Args:
        text: the cell as written, e.g. "■政府网站 □政府公报 口两微一端".

    Returns:
        A :class:`Checklist`. Without any mark the cell is read as a plain list of ticked names, split on
        white space, 、 , ; and line breaks.
    """
    marks = re.escape(_TICKED + _UNTICKED)
    if (
        not re.search(f"[{marks}]", text)
        and not re.search(rf"(^|\s){_LOOSE_UNTICKED}", text)
        and not any(
            piece.startswith(_LOOSE_UNTICKED) and resolve_channel(piece[1:])
            for piece in re.split(r"\s+", text)
        )
    ):
        plain = [_name(part) for part in re.split(r"[\s、,,;;]+", text)]
        return Checklist(tuple(p for p in plain if p is not None), (), False)

    ticked: list[Channel | str] = []
    unticked: list[Channel | str] = []
    for token in re.split(f"(?=[{marks}])", text):
        for piece in _split_loose_marks(token):
            piece = piece.strip()
            if not piece:
                continue
            mark, body = piece[0], piece[1:]
            if mark in _UNTICKED:
                target = unticked
            elif mark in _TICKED:
                target = ticked
            else:  # text before the first mark: a label such as "公开渠道:"
                continue
            for line in re.split(r"[\n\r]+", body):
                name = _name(line)
                if name is not None:
                    target.append(name)
    return Checklist(tuple(ticked), tuple(unticked), True)
