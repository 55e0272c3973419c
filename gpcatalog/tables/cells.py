"""Cell values as counties write them: line breaks and stray spaces, dates typed into text cells, tick marks of
every kind, a single 公开层级 column of words; and reports that point at sheet, row and column."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from gpcatalog.parsing.text import UNSAFE_CHARACTERS, match_key, visible
from gpcatalog.schema.report import Issue, Severity
from gpcatalog.schema.safety import MARKUP, SCRIPT_URL, unsafe_message
from gpcatalog.tables.layout import (
    FALSE_MARKS,
    LABELS,
    TRUE_MARKS,
    UNKNOWN_MARKS,
)


@dataclass
class Row:
    """One data row of a table: its cells by column key, and where it stands."""

    sheet: str
    number: int  # 1-based, as Excel shows it
    cells: dict[str, Any]
    columns: dict[str, int]
    domain: str | None
    level1_merge: int | None = None  # the merged 一级事项 range the row lies in
    level1_blank: bool = False  # the 一级事项 cell is empty or says 同上: same as above


class Out:
    """Collects issues pointing at sheet, row and column."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
        key: str | None = None,
        item_id: str | None = None,
    ) -> None:
        where = ""
        ref = None
        if sheet is not None:
            where = (
                sheet
                + (f" 第{row}行" if row is not None else "")
                + (f" {LABELS.get(key or '', key)}列" if key else "")
            )
            ref = (
                f"{sheet}!{_column_letter(column)}{row}" if column is not None and row is not None else sheet
            )
        self.issues.append(
            Issue(
                code=code,
                severity=severity,
                message=f"{where}:{message}" if where else message,
                file=self.file,
                line=row,
                column=column + 1 if column is not None else None,
                path=ref,
                item_id=item_id,
            )
        )


def at(out: Out, row: Row, key: str, code: str, severity: Severity, message: str) -> None:
    """Report a problem in the cell of ``row`` under column ``key``."""
    out.add(code, severity, message, row.sheet, row.number, row.columns.get(key), key)


def _column_letter(index: int | None) -> str:
    if index is None:
        return ""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef《》“”、,。;:()]"


def inline(text: str) -> str:
    """Join the lines of a cell: no space between Chinese characters, one space between other words."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and not (re.match(_CJK, out[-1]) or re.match(_CJK, line[0])):
            out += " "
        out += line
    return re.sub(r"[ \t\u00a0]{2,}", " ", out)


def lines_of(text: str) -> list[str]:
    return [
        re.sub(r"[ \t\u00a0]{2,}", " ", line.strip())
        for line in text.replace("\r", "\n").split("\n")
        if line.strip()
    ]


def text_of(value: Any, out: Out, row: Row, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "√" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        text = f"{day.year}年{day.month}月{day.day}日"
        if key not in ("seq",):
            at(
                out,
                row,
                key,
                "date-in-text",
                Severity.WARNING,
                f"单元格是日期格式({day.isoformat()}),已按文字“{text}”导入;请核对原表",
            )
        return text
    return checked_text(str(value).strip(), out, row, key)


def checked_text(text: str, out: Out, row: Row, key: str) -> str:
    """Report a cell holding control characters (an error: a NUL, ESC or U+202E is never catalogue text; CR is a
    line break), markup (a warning) or a script link in the 来源 column (an error). A refused character is left
    out of the text returned, so it cannot go on to become part of a channel or a name: the import has failed."""
    label = LABELS.get(key, key)
    unsafe = UNSAFE_CHARACTERS.search(text.replace("\r", ""))
    if unsafe:
        message = unsafe_message(text.replace("\r", ""), "单元格") or ""
        at(out, row, key, "control-character", Severity.ERROR, message)
        return UNSAFE_CHARACTERS.sub(lambda m: m.group() if m.group() == "\r" else "", text)
    if key == "source" and SCRIPT_URL.match(text):
        at(
            out,
            row,
            key,
            "script-url",
            Severity.ERROR,
            f"{label}“{visible(text[:60])}”不是网址:javascript:、vbscript:、data: 链接点开会执行脚本",
        )
    elif match := MARKUP.search(text):
        at(
            out,
            row,
            key,
            "markup",
            Severity.WARNING,
            f"含有网页标记“{visible(match.group())}”;目录文字应是纯文本,请删除标记",
        )
    return text


def tick_of(text: str, out: Out, row: Row, key: str) -> bool | None:
    mark = match_key(text).lower() if text else ""
    if not mark:
        return False
    if mark in UNKNOWN_MARKS:
        return None
    if mark in TRUE_MARKS or mark[0] in "√✓✔☑●■":
        return True
    if mark in FALSE_MARKS:
        return False
    at(out, row, key, "bad-tick", Severity.WARNING, f"勾选列的“{text}”无法识别,记为无法读出(null)")
    return None


def group_text(text: str, words: dict[str, tuple[str, ...]]) -> dict[str, bool | None]:
    """A single 公开对象/方式/层级 column holding words (县级、乡级) instead of ticks under sub-headers."""
    if not text:
        return {name: None for name in words}
    key = match_key(text)
    return {name: any(w in key for w in options) for name, options in words.items()}
