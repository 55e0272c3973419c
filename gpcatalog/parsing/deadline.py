"""公开时限 (deadline) cells → structured :class:`Deadline`.

Published tables write the same rule many ways: "信息形成或变更之日起20个工作日内", "20工作日",
"信息形成(变更)20个工作日内", "自该政府信息形成或者变更之日起20个工作日内及时公开". :func:`parse_deadline` reads
them into a kind, an amount of days, the triggering event and a publicity period, keeping the text as written.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from pydantic import ConfigDict, Field

from gpcatalog.base import GpModel
from gpcatalog.parsing.text import squash_space, to_halfwidth, to_simplified


class DeadlineKind(StrEnum):
    """How a deadline is counted (时限类型)."""

    WORKING_DAYS = "working_days"
    """N 个工作日内 (working days, counted on the official calendar)."""
    CALENDAR_DAYS = "calendar_days"
    """N 日内 (calendar days)."""
    REALTIME = "realtime"
    """实时公开."""
    TIMELY = "timely"
    """及时公开 (no number of days)."""
    PERIODIC = "periodic"
    """每季度 / 每年…前 / 半年至少更新1次: a recurring publication."""
    LONG_TERM = "long_term"
    """长期公开 / 永久公开: kept public, updated as it changes."""
    ON_EVENT = "on_event"
    """在…时公开 / 随…公开: published when an event happens."""
    SAME_AS_ABOVE = "same_as_above"
    """同上: the deadline of the row above (resolved by the table importer)."""
    UNPARSED = "unparsed"
    """Text the parser could not read; kept and reported as a warning."""


KIND_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.WORKING_DAYS: "工作日",
    DeadlineKind.CALENDAR_DAYS: "自然日",
    DeadlineKind.REALTIME: "实时公开",
    DeadlineKind.TIMELY: "及时公开",
    DeadlineKind.PERIODIC: "定期公开",
    DeadlineKind.LONG_TERM: "长期公开",
    DeadlineKind.ON_EVENT: "事件发生时公开",
    DeadlineKind.SAME_AS_ABOVE: "同上",
    DeadlineKind.UNPARSED: "未能解析",
}


class DayUnit(StrEnum):
    """Unit of a number of days (天数单位)."""

    WORKING = "working"
    """工作日."""
    CALENDAR = "calendar"
    """自然日."""


class DeadlineClause(GpModel):
    """One rule inside a 时限 cell: a kind, an amount of days and what starts the clock."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, title="时限条款")

    kind: DeadlineKind = Field(
        title="时限类型", description="工作日、自然日、实时、及时、定期、长期、事件发生时、同上或未能解析。"
    )
    days: int | None = Field(default=None, ge=0, title="天数", description="时限的天数;单位由时限类型决定。")
    trigger: str | None = Field(
        default=None, title="起算事件", description="从何时起算,如“信息形成或变更”“收到申请”。"
    )
    scope: str | None = Field(
        default=None, title="适用范围", description="本条款只适用于哪些信息,如“处罚决定”“结果信息”。"
    )
    period: str | None = Field(default=None, title="周期", description="定期公开的周期,如“每季度”“半年”。")


class Deadline(DeadlineClause):
    """公开时限: the cell text as written and its structure.

    The main clause's fields sit on the deadline itself; further clauses for part of the information
    ("其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示") are ``exceptions``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, title="公开时限")

    text: str = Field(title="原文", description="时限单元格的原文,照录。")
    publicity_days: int | None = Field(
        default=None, ge=0, title="公示期天数", description="公示或公告期限,如“公示7个工作日”中的 7。"
    )
    publicity_unit: DayUnit | None = Field(default=None, title="公示期单位", description="工作日或自然日。")
    exceptions: tuple[DeadlineClause, ...] = Field(
        default=(), title="其他条款", description="只适用于部分信息的条款。"
    )
    note: str | None = Field(default=None, title="附注", description="如“法律法规另有规定的除外”。")
    truncated: bool = Field(default=False, title="原文截断", description="来源摘录在此单元格内被截断。")

    def describe(self) -> str:
        """Explain the deadline in words, e.g. "信息形成或变更之日起 20 个工作日内"."""
        parts = [_describe_clause(self)]
        if self.publicity_days is not None:
            unit = "个工作日" if self.publicity_unit == DayUnit.WORKING else "日"
            parts.append(f"公示期 {self.publicity_days} {unit}")
        for clause in self.exceptions:
            parts.append(_describe_clause(clause))
        if self.note:
            parts.append(self.note)
        if self.truncated:
            parts.append("(原文截断)")
        return ";".join(p for p in parts if p)


def _describe_clause(clause: DeadlineClause) -> str:
    prefix = f"{clause.scope}:" if clause.scope else ""
    trigger = f"{clause.trigger}之日起 " if clause.trigger else ""
    kind = clause.kind
    if kind == DeadlineKind.WORKING_DAYS:
        body = f"{trigger}{clause.days} 个工作日内"
    elif kind == DeadlineKind.CALENDAR_DAYS:
        body = f"{trigger}{clause.days} 日内"
    elif kind == DeadlineKind.PERIODIC:
        body = f"定期公开({clause.period})" if clause.period else "定期公开"
    elif kind == DeadlineKind.TIMELY:
        body = f"{clause.trigger}后及时公开" if clause.trigger else "及时公开"
    elif kind == DeadlineKind.ON_EVENT:
        body = f"{clause.trigger}时公开" if clause.trigger else "事件发生时公开"
    else:
        body = KIND_LABELS[kind]
    return prefix + body


# --- the parser ---------------------------------------------------------------------------------------------

_TRUNCATION_MARKS = ("摘录截断", "…", "……")
_NOTE_RE = re.compile(
    r"(?:^|[,;。])\s*((?:法律|相关政策法规)[^;。()]*?(?:另有规定|除外|从其规定)[^;。()]*)[。]?$"
)
_WORKING_RE = re.compile(r"(\d+)\s*个?\s*工作日")
_CALENDAR_RE = re.compile(r"(\d+)\s*(?:个)?(?:自然日|日|天)")
_PUBLICITY_RE = re.compile(r"(公示|公告)(?:期限|时间|期)?(?:为|不少于|至少)?\s*(\d+)\s*(个?工作日|日|天)?")
_NUMBERED_SPLIT_RE = re.compile(r"(?:^|[;;。\s])\s*\d+[.、．]\s*")
_PERIOD_RE = re.compile(
    r"(每(?:\d+个工作日|季度|个?月|半年|年度?|周|旬)|半年|季度|年度|定期|(?:按)?(?:月|季|年)(?:度)?更新)"
)
_TRIGGER_TAIL_RE = re.compile(r"(之日起|之日后|之日|之后|以后|后|起)$")


_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMBER_RE = re.compile(
    r"([零〇一二两三四五六七八九十百]+)"
    r"(?=\s*(?:个?\s*(?:工作日|自然日|日|天|月)|(?:-|~|至|到)\s*[一二三四五六七八九十\d]))"
)
_RANGE_RE = re.compile(
    r"(\d+)\s*(?:个?工作日|日|天)?\s*(?:-|~|—|–|至|到)\s*(\d+)(?=\s*个?\s*(?:工作日|自然日|日|天|月))"
)
_MONTHS_RE = re.compile(r"(\d+)\s*个\s*月")
_AT_MOST_RE = re.compile(r"(?:最长|最多|最迟)?(?:不超过|不得超过|不超出|最长|最多|最迟)\s*$")


def chinese_number(text: str) -> int | None:
    """``十`` → 10, ``二十`` → 20, ``三十五`` → 35, ``一百二十`` → 120, ``两`` → 2; None for other text."""
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _DIGITS[ch] if text[0] in "零〇" or "十" not in text else _DIGITS[ch]
    return total + current


def _arabic(text: str) -> str:
    """Chinese numerals before a unit of time written as digits (十个工作日 → 10个工作日); a range (5至10个工作日)
    is read as its upper bound, the longest the rule allows."""
    text = _CN_NUMBER_RE.sub(
        lambda m: str(chinese_number(m.group(1))) if chinese_number(m.group(1)) is not None else m.group(0),
        text,
    )
    return _RANGE_RE.sub(lambda m: m.group(2), text)


def _clean_trigger(raw: str) -> str | None:
    text = _AT_MOST_RE.sub("", raw).strip(" ,,;;。:")
    text = re.sub(r"^(?:自|在|于|从)", "", text)
    text = _TRIGGER_TAIL_RE.sub("", text).strip(" ,,")
    text = re.sub(r"^该(?:政府)?", "", text)
    text = re.sub(r"^公开事项", "", text)
    text = text.replace("或者", "或")
    text = re.sub(r"[((]变更[))]", "或变更", text)
    text = text.replace("、变更", "或变更")
    if text.startswith(("形成", "产生")):
        text = "信息" + text
    if text.startswith("政府信息"):
        text = text[2:]
    return text or None


def _parse_amount(clause: str) -> tuple[DeadlineKind, int, int] | None:
    """Return (kind, days, start index of the number) for the first amount of days in ``clause``."""
    working = _WORKING_RE.search(clause)
    if working:
        return DeadlineKind.WORKING_DAYS, int(working.group(1)), working.start()
    calendar = _CALENDAR_RE.search(clause)
    if calendar:
        return DeadlineKind.CALENDAR_DAYS, int(calendar.group(1)), calendar.start()
    return None


def _parse_clause(clause: str) -> DeadlineClause | None:
    """Parse one rule; ``None`` when the clause says nothing the parser knows."""
    scope = None
    labelled = re.match(r"^(?:其中)?([^::]{1,30}?)[::](.+)$", clause)
    if labelled and not _parse_amount(labelled.group(1)):
        scope, clause = labelled.group(1), labelled.group(2)
    else:
        qizhong = re.match(r"^其中(.+?)应?(?=自|在|于)(.+)$", clause)
        if qizhong:
            scope, clause = qizhong.group(1), qizhong.group(2)
    if scope is not None:
        scope = scope.strip() or None

    if re.search(r"长期公开|永久公开|常态公开", clause) and not _parse_amount(clause):
        return DeadlineClause(kind=DeadlineKind.LONG_TERM, scope=scope)
    period = _PERIOD_RE.search(clause)
    if period and ("更新" in clause or clause.startswith(("每", "半年", "定期"))):
        amount = _parse_amount(clause)
        # "每年3月底前" / "每季度结束后15日内" keep their whole wording as the period.
        period_text = (
            clause if clause.startswith("每") and len(clause) > len(period.group(1)) else period.group(1)
        )
        period_text = re.sub(r"(至少)?更新\s*\d*\s*次?$", "", period_text).strip() or period.group(1)
        return DeadlineClause(
            kind=DeadlineKind.PERIODIC, period=period_text, days=amount[1] if amount else None, scope=scope
        )
    amount = _parse_amount(clause)
    if amount:
        kind, days, start = amount
        return DeadlineClause(kind=kind, days=days, trigger=_clean_trigger(clause[:start]), scope=scope)
    if re.search(r"实时|即时|立即|随时", clause):
        return DeadlineClause(kind=DeadlineKind.REALTIME, scope=scope)
    timely = re.match(r"^(.*?)(?:后)?及时(?:予以)?公开", clause)
    if timely:
        trigger = timely.group(1)
        trigger_text = None if not trigger or trigger.startswith("按") else _clean_trigger(trigger)
        return DeadlineClause(kind=DeadlineKind.TIMELY, trigger=trigger_text, scope=scope)
    on_event = re.match(r"^(?:在|于)(.+?)(?:时|期间)", clause)
    if on_event:
        return DeadlineClause(
            kind=DeadlineKind.ON_EVENT, trigger=_clean_trigger(on_event.group(1)), scope=scope
        )
    with_event = re.match(r"^(?:随|与)(.+?)(?:同步|一并|同时)?公开", clause)
    if with_event:
        return DeadlineClause(kind=DeadlineKind.ON_EVENT, trigger=with_event.group(1), scope=scope)
    return None


def _split_clauses(text: str) -> list[str]:
    """Split a cell into clauses: numbered parts, ";"/"。" separated sentences and parenthesised rules."""
    # A parenthesised clause that carries its own rule, e.g. "(结果信息:…7个工作日内予以公开)", comes last.
    paren_re = re.compile(r"\(([^()]*(?:工作日|日内|公开)[^()]*)\)")
    parenthesised = paren_re.findall(text)
    text = paren_re.sub("", text)
    out: list[str] = []
    for part in _NUMBERED_SPLIT_RE.split(text):
        out.extend(p.strip() for p in re.split(r"[;。]", part) if p.strip())
    return out + parenthesised


@lru_cache(maxsize=8192)
def parse_deadline(text: str) -> Deadline:
    """Parse a 公开时限 cell into a :class:`Deadline`.

    Args:
        text: the cell as written (full- or half-width punctuation, traditional characters, line breaks).

    Returns:
        A frozen :class:`Deadline`; ``text`` is the input unchanged. ``kind`` is ``unparsed`` when nothing
        in the text could be read; the caller reports that as a warning.
    """
    truncated = any(mark in text for mark in _TRUNCATION_MARKS)
    norm = to_simplified(to_halfwidth(squash_space(text)))
    norm = re.sub(r"\(?摘录截断\)?", "", norm).replace("…", "").strip()
    norm = _arabic(norm)
    months = _MONTHS_RE.search(norm)
    month_note = None
    if months and not _parse_amount(norm[: months.start()]):
        month_note = f"原文为 {months.group(1)} 个月,按每月 30 日折算"
        norm = norm[: months.start()] + f"{int(months.group(1)) * 30}日" + norm[months.end() :]
    if re.fullmatch(r"(?:内容)?同上[。.]?", norm):
        return Deadline(text=text, kind=DeadlineKind.SAME_AS_ABOVE)

    note = None
    note_match = _NOTE_RE.search(norm)
    if note_match:
        note = note_match.group(1).strip(" ,,;。") or None
        norm = norm[: note_match.start()].strip(" ,,;。")
    paren_note = re.search(r"\(([^()]*(?:另有规定|从其规定|动态调整)[^()]*)\)", norm)
    if paren_note and "动态调整" not in paren_note.group(1):
        note = paren_note.group(1)
        norm = norm.replace(paren_note.group(0), "")

    publicity_days = None
    publicity_unit = None
    clauses: list[DeadlineClause] = []
    for raw in _split_clauses(norm):
        publicity = _PUBLICITY_RE.search(raw)
        if publicity and (publicity.start() == 0 or raw[: publicity.start()].endswith((",", ","))):
            publicity_days = int(publicity.group(2))
            unit = publicity.group(3)
            publicity_unit = (
                DayUnit.WORKING if unit and "工作日" in unit else DayUnit.CALENDAR if unit else None
            )
            raw = raw[: publicity.start()].strip(" ,,")
            if not raw:
                continue
        for sub in [s for s in re.split(r"[,,](?=\s*(?:保持|其中))", raw) if s.strip()]:
            if re.match(r"^\s*保持长期公开", sub):
                note = (note + ";" if note else "") + "保持长期公开"
                continue
            parsed = _parse_clause(sub.strip())
            if parsed is not None:
                clauses.append(parsed)

    if not clauses:
        return Deadline(
            text=text,
            kind=DeadlineKind.UNPARSED,
            publicity_days=publicity_days,
            publicity_unit=publicity_unit,
            note=note,
            truncated=truncated,
        )
    if month_note:
        note = f"{note};{month_note}" if note else month_note
    main, rest = clauses[0], tuple(clauses[1:])
    return Deadline(
        text=text,
        **main.model_dump(),
        publicity_days=publicity_days,
        publicity_unit=publicity_unit,
        exceptions=rest,
        note=note,
        truncated=truncated,
    )
