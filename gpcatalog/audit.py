"""Timeliness audit (公开时效检查): were the published records of each column published within the 时限 of the
items the column publishes?

Deadline rules, from each item's structured 时限 (:class:`~gpcatalog.parsing.deadline.Deadline`):

- N 个工作日: the N-th official working day after the day the information was formed (that day not counted);
- N 日 (自然日): N calendar days after it;
- 实时: by the next working day;
- 及时, 事件发生时: 20 working days, the general rule of the 政府信息公开条例 (国务院令第711号) 第二十六条;
- 定期 (每季度, 半年, 每20个工作日 …): no per-record deadline; the column is stale when nothing was published for
  longer than the period;
- 长期, 同上, unparsed: not assessed.

A column publishing several items takes the most lenient of their deadlines: a record is late only if it is late
for every item it could belong to. Everything is vectorised with pandas and numpy: a million records take seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from gpcatalog.columnmap import ColumnMap
from gpcatalog.columns import expand, tree
from gpcatalog.errors import CatalogueReadError, GpCatalogError
from gpcatalog.model import Catalogue, Item
from gpcatalog.parsing.deadline import DeadlineKind
from gpcatalog.parsing.text import match_key
from gpcatalog.workdays import calendar

if TYPE_CHECKING:
    import pandas as pd

TIMELY_WORKDAYS = 20
"""政府信息公开条例 第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开."""

RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "column": ("栏目", "栏目编码", "栏目id", "栏目代码", "栏目路径", "所属栏目"),
    "title": ("标题", "信息标题", "名称"),
    "url": ("网址", "链接", "url", "地址"),
    "formed": ("信息形成日期", "形成日期", "信息形成(变更)日期", "形成或变更日期", "生成日期", "成文日期"),
    "published": ("发布日期", "发布时间", "公开日期", "上网日期"),
}
LABELS = {"column": "栏目", "title": "标题", "url": "网址", "formed": "信息形成日期", "published": "发布日期"}
PERIOD_DAYS = {"年": 365, "半年": 183, "季度": 92, "季": 92, "月": 31, "周": 7, "星期": 7}


class AuditError(GpCatalogError, ValueError):
    """Records that cannot be audited: missing columns, no rows."""


# --- rules ----------------------------------------------------------------------------------------------------------


def item_rule(item: Item) -> tuple[str, int] | None:
    """``("wd", N)``, ``("cd", N)`` or ``("period", days)`` for an item's 时限, or None when it is not assessed."""
    deadline = item.deadline
    if deadline is None:
        return None
    kind = deadline.kind
    if kind == DeadlineKind.WORKING_DAYS and deadline.days is not None:
        return ("wd", deadline.days)
    if kind == DeadlineKind.CALENDAR_DAYS and deadline.days is not None:
        return ("cd", deadline.days)
    if kind == DeadlineKind.REALTIME:
        return ("wd", 1)
    if kind in (DeadlineKind.TIMELY, DeadlineKind.ON_EVENT):
        return ("wd", TIMELY_WORKDAYS)
    if kind == DeadlineKind.PERIODIC:
        return ("period", _period_days(deadline.period or deadline.text))
    return None


def _period_days(text: str) -> int:
    working = re.search(r"(\d+)\s*个?工作日", text)
    if working:
        return int(int(working.group(1)) * 7 / 5) + 1
    for word, days in sorted(PERIOD_DAYS.items(), key=lambda kv: -len(kv[0])):
        if word in text:
            return days
    return 365


def _lenience(rule: tuple[str, int]) -> float:
    kind, days = rule
    return days * 7 / 5 if kind == "wd" else float(days)


def column_rules(column_map: ColumnMap, catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """For each column: its items, their domain, the record deadline rule (most lenient) and the staleness period."""
    index = {item.id: item for item in catalogue.items()}
    domain_of = {item.id: domain.code for domain, _depth, item in catalogue.walk()}
    found: dict[str, dict[str, Any]] = {}
    for column_id, ids in expand(column_map, catalogue).items():
        items = [index[i] for i in ids if i in index]
        rules = [r for r in (item_rule(i) for i in items) if r is not None]
        deadline = max((r for r in rules if r[0] in ("wd", "cd")), key=_lenience, default=None)
        periods = [r[1] for r in rules if r[0] == "period"]
        domains = [domain_of[i.id] for i in items]
        found[column_id] = {
            "items": [i.id for i in items],
            "domain": max(set(domains), key=domains.count) if domains else None,
            "rule": deadline,
            "period": max(periods) if periods else None,
        }
    return found


# --- records ----------------------------------------------------------------------------------------------------------


def _header(name: Any) -> str | None:
    key = match_key(str(name)).lower()
    for field, aliases in RECORD_COLUMNS.items():
        if key in {match_key(a).lower() for a in aliases}:
            return field
    return None


def read_records(path: str | Path) -> pd.DataFrame:
    """Read published records (CSV in UTF-8, UTF-8 with BOM or GB18030; xlsx/xls/ods; JSON list of objects) into
    a DataFrame with the columns ``column``, ``title``, ``url``, ``formed``, ``published`` (dates as
    ``datetime64``; unreadable dates become NaT).

    Raises:
        CatalogueReadError: the file is missing or unreadable.
        AuditError: the header lacks a needed column (the message lists what was expected and what was found).
    """
    import pandas as pd

    source = Path(path)
    if not source.is_file():
        raise CatalogueReadError("文件不存在", file=source)
    suffix = source.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            try:
                frame = pd.read_csv(source, dtype=str, encoding="utf-8-sig", keep_default_na=False)
            except UnicodeDecodeError:
                frame = pd.read_csv(source, dtype=str, encoding="gb18030", keep_default_na=False)
        elif suffix == ".json":
            frame = pd.DataFrame(json.loads(source.read_text(encoding="utf-8-sig")))
        else:
            frame = pd.read_excel(source, dtype=str, engine="calamine")
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise CatalogueReadError(f"发布记录无法读取:{exc}", file=source) from exc
    rename: dict[Any, str] = {}
    for name in frame.columns:
        field = _header(name)
        if field is not None and field not in rename.values():
            rename[name] = field
    missing = [LABELS[f] for f in ("column", "formed", "published") if f not in rename.values()]
    if missing:
        raise AuditError(
            f"发布记录缺少列:{'、'.join(missing)}。应有的列:栏目(编码或路径)、标题、网址、信息形成日期、发布日期;"
            f"找到的列:{'、'.join(str(c) for c in frame.columns)}",
            file=str(source),
        )
    frame = frame.rename(columns=rename)
    for field in ("title", "url"):
        if field not in frame:
            frame[field] = ""
    for field in ("formed", "published"):
        frame[field] = _dates(frame[field])
    frame["column"] = frame["column"].astype(str).str.strip()
    return frame[["column", "title", "url", "formed", "published"]]


def _dates(values: pd.Series) -> pd.Series:
    """Parse dates fast where they are ISO (2026-01-05, 2026-01-05 10:00), then the rest one by one
    (2026/1/5, 2026年1月5日, 2026.1.5); what stays unreadable becomes NaT."""
    import pandas as pd

    text = values.astype(str).str.strip()
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
    retry = parsed.isna() & text.ne("") & text.ne("nan")
    if retry.any():
        cleaned = text[retry].str.replace(r"[年月/.]", "-", regex=True).str.replace("日", "", regex=False)
        parsed[retry] = pd.to_datetime(cleaned, errors="coerce", format="mixed")
    return parsed.dt.normalize()


# --- the audit --------------------------------------------------------------------------------------------------------


class LateRecord(BaseModel):
    """超期发布的记录."""

    model_config = ConfigDict(title="超期记录")

    row: int = Field(title="行号", description="在发布记录文件中的行号(表头为第1行)。")
    column: str = Field(title="栏目", description="栏目编码。")
    title: str = Field(title="标题", description="记录标题。")
    url: str = Field(title="网址", description="记录网址。")
    formed: dt.date = Field(title="信息形成日期", description="信息形成或变更的日期。")
    due: dt.date = Field(title="应发布日期", description="按时限计算的最晚发布日期。")
    published: dt.date = Field(title="发布日期", description="实际发布日期。")
    late: int = Field(title="超期工作日", description="超过最晚发布日期的工作日数。")


class ColumnSummary(BaseModel):
    """一个栏目的情况."""

    model_config = ConfigDict(title="栏目情况")

    column: str = Field(title="栏目", description="栏目编码。")
    name: str = Field(title="栏目名称", description="栏目名称。")
    domain: str | None = Field(title="领域", description="栏目事项所属领域的代码。")
    records: int = Field(title="记录数", description="本栏目的发布记录数。")
    assessed: int = Field(title="可判断的", description="有时限规则且日期完整的记录数。")
    late: int = Field(title="超期", description="超期发布的记录数。")
    compliance: float | None = Field(title="按时率", description="按时发布的百分比;无可判断记录时为 null。")
    last_published: dt.date | None = Field(title="最近发布", description="最近一条记录的发布日期。")
    stale: bool = Field(title="超期未更新", description="定期公开的栏目超过周期没有更新。")


class DomainSummary(BaseModel):
    """一个领域的按时率."""

    model_config = ConfigDict(title="领域情况")

    domain: str = Field(title="领域", description="领域代码。")
    name: str = Field(title="领域名称", description="领域名称。")
    records: int = Field(title="记录数", description="本领域栏目的发布记录数。")
    assessed: int = Field(title="可判断的", description="有时限规则且日期完整的记录数。")
    late: int = Field(title="超期", description="超期发布的记录数。")
    compliance: float | None = Field(title="按时率", description="按时发布的百分比。")


class AuditResult(BaseModel):
    """公开时效检查的结果."""

    model_config = ConfigDict(title="时效检查")

    records: int = Field(title="记录数", description="读入的发布记录数。")
    assessed: int = Field(title="可判断的", description="有时限规则且日期完整的记录数。")
    late: int = Field(title="超期", description="超期发布的记录数。")
    compliance: float | None = Field(title="按时率", description="按时发布的百分比。")
    as_of: dt.date = Field(title="检查日期", description="判断栏目是否超期未更新所用的日期。")
    bad_dates: int = Field(title="日期无法识别", description="信息形成日期或发布日期无法识别的记录数。")
    unmapped_records: int = Field(title="栏目不明的记录", description="所在栏目没有对应任何事项的记录数。")
    unmapped_columns: dict[str, int] = Field(title="不明栏目", description="这些栏目(编码或路径)的记录数。")
    late_records: list[LateRecord] = Field(title="超期记录", description="超期发布的记录。")
    items_without_records: list[str] = Field(
        title="无记录的事项", description="所在栏目没有任何记录的事项编号。"
    )
    stale_columns: list[str] = Field(
        title="超期未更新的栏目", description="定期公开却超过周期没有更新的栏目。"
    )
    columns: list[ColumnSummary] = Field(title="栏目", description="每个栏目的情况。")
    domains: list[DomainSummary] = Field(title="领域", description="每个领域的按时率。")
    calendar_warnings: list[str] = Field(
        title="日历提示", description="没有法定节假日数据、按周一至周五计算的年份。"
    )


def audit(
    records: pd.DataFrame | str | Path,
    column_map: ColumnMap,
    catalogue: Catalogue,
    *,
    as_of: dt.date | None = None,
    calendar_file: str | Path | None = None,
    late_limit: int | None = None,
) -> AuditResult:
    """Audit published records against a column map and its catalogue.

    Args:
        records: a DataFrame from :func:`read_records`, or the path of a records file.
        as_of: the day staleness is judged on (default: the latest publish date in the records).
        calendar_file: extra holidays and make-up working days (the form of ``gpcatalog/calendar.yaml``).
        late_limit: list at most this many late records (all by default; the counts are always complete).
    """
    import numpy as np
    import pandas as pd

    frame = read_records(records) if not isinstance(records, pd.DataFrame) else records
    rules = column_rules(column_map, catalogue)
    by_path = {c.path.strip("/"): c.id for c in column_map.columns if c.path}
    names = {c.id: c.name for c in column_map.columns}
    keys = frame["column"].astype(str)
    codes = keys.map(lambda k: k if k in rules else by_path.get(k.strip("/"), k)) if len(frame) else keys
    column_ids = list(rules)
    position = {c: n for n, c in enumerate(column_ids)}
    index = codes.map(position).fillna(-1).astype("int64").to_numpy()
    known = index >= 0
    mapped_items = np.array([bool(rules[c]["items"]) for c in column_ids] + [False], dtype=bool)
    has_items = mapped_items[index]
    unmapped = ~(known & has_items)

    kind_code = np.array(
        [{"wd": 1, "cd": 2}.get((rules[c]["rule"] or ("", 0))[0], 0) for c in column_ids] + [0]
    )
    days = np.array([(rules[c]["rule"] or ("", 0))[1] for c in column_ids] + [0], dtype="int64")
    kinds, amounts = kind_code[index], days[index]
    formed = frame["formed"].to_numpy(dtype="datetime64[D]")
    published = frame["published"].to_numpy(dtype="datetime64[D]")
    valid = ~np.isnat(formed) & ~np.isnat(published)
    assessable = valid & (kinds > 0) & ~unmapped

    dates = np.concatenate([formed[valid], published[valid]])
    first = dates.min().astype(object) if len(dates) else dt.date.today()
    last = dates.max().astype(object) if len(dates) else dt.date.today()
    work = calendar(first, last, calendar_file)
    due = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[D]")
    working = assessable & (kinds == 1)
    due[working] = work.add_workdays(formed[working], amounts[working])
    natural = assessable & (kinds == 2)
    due[natural] = formed[natural] + amounts[natural].astype("timedelta64[D]")
    late_days = np.zeros(len(frame), dtype="int64")
    late_days[assessable] = work.workdays_between(due[assessable], published[assessable])
    is_late = assessable & (published > due) & (late_days > 0)

    due_known = due[~np.isnat(due)]
    latest_due = due_known.max().astype(object) if len(due_known) else last
    as_of_day = as_of or (last if isinstance(last, dt.date) else dt.date.today())
    late_rows = np.flatnonzero(is_late)
    if late_limit is not None:
        late_rows = late_rows[:late_limit]
    titles, urls = frame["title"].to_numpy(), frame["url"].to_numpy()
    late_records = [
        LateRecord(
            row=int(r) + 2,
            column=str(codes.iat[int(r)]),
            title=str(titles[r]),
            url=str(urls[r]),
            formed=formed[r].astype(object),
            due=due[r].astype(object),
            published=published[r].astype(object),
            late=int(late_days[r]),
        )
        for r in late_rows
    ]

    summary = pd.DataFrame({"index": index, "assessed": assessable, "late": is_late, "published": published})
    grouped = (
        summary[summary["index"] >= 0]
        .groupby("index")
        .agg(
            records=("assessed", "size"),
            assessed=("assessed", "sum"),
            late=("late", "sum"),
            last=("published", "max"),
        )
    )
    columns: list[ColumnSummary] = []
    stale: list[str] = []
    for row in tree(column_map):
        column_id = row.column.id
        info = rules.get(column_id)
        if info is None or not info["items"]:
            continue
        number = position[column_id]
        counts: dict[Any, Any] = grouped.loc[number].to_dict() if number in grouped.index else {}
        records_n = int(counts.get("records", 0))
        assessed_n = int(counts.get("assessed", 0))
        late_n = int(counts.get("late", 0))
        last_day = counts.get("last")
        last_date = None if last_day is None or pd.isna(last_day) else pd.Timestamp(last_day).date()
        period = info["period"]
        is_stale = bool(period) and (last_date is None or (as_of_day - last_date).days > period)
        if is_stale:
            stale.append(column_id)
        columns.append(
            ColumnSummary(
                column=column_id,
                name=names[column_id],
                domain=info["domain"],
                records=records_n,
                assessed=assessed_n,
                late=late_n,
                compliance=_rate(assessed_n, late_n),
                last_published=last_date,
                stale=is_stale,
            )
        )
    domains: list[DomainSummary] = []
    for domain in catalogue.domains:
        mine = [c for c in columns if c.domain == domain.code]
        if not mine:
            continue
        assessed_n, late_n = sum(c.assessed for c in mine), sum(c.late for c in mine)
        domains.append(
            DomainSummary(
                domain=domain.code,
                name=domain.name,
                records=sum(c.records for c in mine),
                assessed=assessed_n,
                late=late_n,
                compliance=_rate(assessed_n, late_n),
            )
        )
    with_records = {c.column for c in columns if c.records}
    items_without = [i for c in columns if c.column not in with_records for i in rules[c.column]["items"]]
    unmapped_counts = keys[unmapped].value_counts()
    total_assessed, total_late = int(assessable.sum()), int(is_late.sum())
    return AuditResult(
        records=len(frame),
        assessed=total_assessed,
        late=total_late,
        compliance=_rate(total_assessed, total_late),
        as_of=as_of_day,
        bad_dates=int((~valid).sum()),
        unmapped_records=int(unmapped.sum()),
        unmapped_columns={str(k): int(v) for k, v in unmapped_counts.items()},
        late_records=late_records,
        items_without_records=list(dict.fromkeys(items_without)),
        stale_columns=stale,
        columns=columns,
        domains=domains,
        calendar_warnings=[
            f"{year} 年的法定节假日安排尚未收录,该年按周一至周五计算工作日"
            for year in sorted(work.outside)
            if first.year <= year <= max(last.year, latest_due.year)
        ],
    )


def _rate(assessed: int, late: int) -> float | None:
    return round(100 * (assessed - late) / assessed, 1) if assessed else None


# --- output -------------------------------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def text_lines(result: AuditResult, limit: int = 20) -> list[str]:
    """The audit in Chinese for the terminal (at most ``limit`` lines of each list)."""
    lines = [
        f"时效检查:{result.records:,} 条记录,可判断 {result.assessed:,} 条,超期 {result.late:,} 条,"
        f"按时率 {_percent(result.compliance)}(检查日期 {result.as_of.isoformat()})",
    ]
    lines += [f"提示:{w}" for w in result.calendar_warnings]
    if result.bad_dates:
        lines.append(f"提示:{result.bad_dates:,} 条记录的日期无法识别,未判断")
    lines.append("按领域:")
    lines += [
        f"  {d.name}({d.domain}):{d.records:,} 条,超期 {d.late:,},按时率 {_percent(d.compliance)}"
        for d in result.domains
    ]
    if result.late_records:
        lines.append(f"超期记录(前 {min(limit, len(result.late_records))} 条):")
        lines += [
            f"  第{r.row}行 [{r.column}] {r.title}:形成 {r.formed},应于 {r.due} 前发布,{r.published} 发布,超期 {r.late} 个工作日"
            for r in result.late_records[:limit]
        ]
    if result.stale_columns:
        lines.append(f"超期未更新的栏目:{'、'.join(result.stale_columns[:limit])}")
    if result.items_without_records:
        shown = "、".join(result.items_without_records[:limit])
        more = (
            f" 等 {len(result.items_without_records)} 个" if len(result.items_without_records) > limit else ""
        )
        lines.append(f"没有任何发布记录的事项:{shown}{more}")
    if result.unmapped_records:
        shown = "、".join(f"{k}({v})" for k, v in list(result.unmapped_columns.items())[:limit])
        lines.append(f"不在对照表栏目中的记录 {result.unmapped_records:,} 条:{shown}")
    return lines


def to_markdown(result: AuditResult) -> str:
    """The audit as a Markdown report: summary, domains, columns, late records."""
    lines = ["# 公开时效检查", "", text_lines(result, 0)[0], ""]
    lines += ["## 按领域", "", "| 领域 | 记录 | 可判断 | 超期 | 按时率 |", "|---|---|---|---|---|"]
    lines += [
        f"| {d.name} | {d.records} | {d.assessed} | {d.late} | {_percent(d.compliance)} |"
        for d in result.domains
    ]
    lines += [
        "",
        "## 按栏目",
        "",
        "| 栏目 | 名称 | 记录 | 超期 | 按时率 | 最近发布 | 超期未更新 |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {c.column} | {c.name} | {c.records} | {c.late} | {_percent(c.compliance)} | {c.last_published or '—'} | {'是' if c.stale else ''} |"
        for c in result.columns
    ]
    if result.late_records:
        lines += [
            "",
            "## 超期记录",
            "",
            "| 行 | 栏目 | 标题 | 形成 | 应发布 | 发布 | 超期工作日 |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r.row} | {r.column} | {r.title} | {r.formed} | {r.due} | {r.published} | {r.late} |"
            for r in result.late_records
        ]
    if result.items_without_records:
        lines += ["", "## 没有发布记录的事项", "", "、".join(result.items_without_records)]
    if result.unmapped_columns:
        lines += ["", "## 不在对照表栏目中的记录", ""]
        lines += [f"- {k}:{v} 条" for k, v in result.unmapped_columns.items()]
    return "\n".join(lines) + "\n"


def write_excel(result: AuditResult, path: str | Path) -> None:
    """Write the audit as a workbook: 领域, 栏目, 超期记录 sheets (atomically)."""
    import xlsxwriter

    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    book = xlsxwriter.Workbook(str(temporary))
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheets: Sequence[tuple[str, list[str], list[list[Any]]]] = [
        (
            "领域",
            ["领域", "名称", "记录", "可判断", "超期", "按时率"],
            [[d.domain, d.name, d.records, d.assessed, d.late, d.compliance] for d in result.domains],
        ),
        (
            "栏目",
            ["栏目", "名称", "领域", "记录", "可判断", "超期", "按时率", "最近发布", "超期未更新"],
            [
                [
                    c.column,
                    c.name,
                    c.domain,
                    c.records,
                    c.assessed,
                    c.late,
                    c.compliance,
                    c.last_published.isoformat() if c.last_published else "",
                    "是" if c.stale else "",
                ]
                for c in result.columns
            ],
        ),
        (
            "超期记录",
            ["行号", "栏目", "标题", "网址", "信息形成日期", "应发布日期", "发布日期", "超期工作日"],
            [
                [
                    r.row,
                    r.column,
                    r.title,
                    r.url,
                    r.formed.isoformat(),
                    r.due.isoformat(),
                    r.published.isoformat(),
                    r.late,
                ]
                for r in result.late_records
            ],
        ),
    ]
    try:
        for name, header, rows in sheets:
            sheet = book.add_worksheet(name)
            sheet.write_row(0, 0, header, bold)
            for number, row in enumerate(rows, start=1):
                sheet.write_row(number, 0, ["" if v is None else v for v in row])
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, len(header) - 1, 14)
        book.close()
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise CatalogueReadError(f"无法写入 Excel 文件:{exc.strerror or exc}", file=target) from exc
