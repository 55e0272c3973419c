"""Text that could act instead of being read: control characters and bidi overrides (refused), markup in names
and titles (warned about), script links (refused).

Every string of a file is checked, keys included, so no field (a title, a note, a source, a local extension
field) is left out. Real catalogue text uses ASCII angle brackets as inner book-title marks
(``《国务院办公厅印发<关于全面推进政务公开工作的意见>实施细则的通知》``); only ``<`` followed by a Latin letter, ``/``,
``!`` or ``?`` counts as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from gpcatalog.parsing.text import UNSAFE_CHARACTERS, escape_char, visible
from gpcatalog.schema.report import Severity

TextIssue = tuple[str, Severity, str, list[str | int]]
"""(code, severity, Chinese message, key path) of one problem :func:`text_issues` finds."""

MARKUP = re.compile(r"</?[A-Za-z][^\s/>]*(?=[\s/>]|$)|<[!?]|(?:java|vb)script\s*:", re.IGNORECASE)
"""An HTML/XML tag (``<script>``, ``</a>``, ``<svg onload=…>``), a comment or declaration, or a script link."""

SCRIPT_URL = re.compile(r"\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
"""A link that runs a script or carries a page of its own instead of pointing at a published source."""

URL_KEYS = frozenset({"url", "source", "website"})
"""Keys whose values are links (an item's ``source``, a source's ``url``, a column map's ``website``)."""

_CONTROL_NAMES = {0x00: "NUL", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"}


def describe_char(char: str) -> str:
    """``\\x1b(U+001B ESC)``, ``\\u202e(U+202E RIGHT-TO-LEFT OVERRIDE)``: an unsafe character, spelled out."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "控制字符")
    return f"{escape_char(char)}(U+{code:04X} {name})"


def unsafe_message(text: str, what: str) -> str | None:
    """The Chinese message for ``text`` (the value of ``what``) holding unsafe characters, or None."""
    found = UNSAFE_CHARACTERS.findall(text)
    if not found:
        return None
    kinds = "、".join(dict.fromkeys(describe_char(c) for c in found))
    shown = visible(text if len(text) <= 60 else text[:60] + "…")
    return f"{what}含有不允许的控制字符 {kinds}:“{shown}”;控制字符会操纵终端、打乱文字方向或截断表格,请删除"


def _strings(data: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], str, bool]]:
    """Yield (path, text, is_key) for every string in ``data``, keys included."""
    if isinstance(data, str):
        yield path, data, False
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield [*path, key], key, True
            yield from _strings(value, [*path, str(key)])
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, [*path, index])


def _field(path: list[str | int]) -> str:
    return next((str(part) for part in reversed(path) if isinstance(part, str)), "值")


def text_issues(data: Any) -> Iterator[TextIssue]:
    """The unsafe text anywhere in ``data`` (a file as read): ``control-character`` and ``script-url`` (errors),
    ``markup`` (a warning: the site escapes every field; validation points a person at the text)."""
    for path, text, is_key in _strings(data, []):
        field = _field(path)
        what = f"键“{visible(text)}”" if is_key else f"“{field}”"
        message = unsafe_message(text, what)
        if message is not None:
            yield "control-character", Severity.ERROR, message, path
        if is_key:
            continue
        if field in URL_KEYS and SCRIPT_URL.match(text):
            yield (
                "script-url",
                Severity.ERROR,
                f"“{field}”的链接“{visible(text[:60])}”不是网址:javascript:、vbscript:、data: 链接点开会执行脚本;"
                "应为 http:// 或 https:// 网址",
                path,
            )
        elif match := MARKUP.search(text):
            yield (
                "markup",
                Severity.WARNING,
                f"“{field}”含有网页标记“{visible(match.group())}”:“{visible(text[:60])}”;"
                "目录文字应是纯文本,请删除标记(网站会把它原样显示为文字)",
                path,
            )
