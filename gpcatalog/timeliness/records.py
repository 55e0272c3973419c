"""Published records of a website (what was published in which column, when it was formed, when published),
read from CSV, workbooks or JSON with the headers CMS exports use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpcatalog.errors import AuditError, CatalogueReadError
from gpcatalog.parsing.text import match_key
from gpcatalog.store.limits import MAX_RECORDS_BYTES, RECORD_YEARS, check_file, load_json, reason

if TYPE_CHECKING:
    import pandas as pd


RECORD_COLUMNS: dict[str, tuple[str, ...]] = {
    "column": ("栏目", "栏目编码", "栏目id", "栏目代码", "栏目路径", "所属栏目"),
    "title": ("标题", "信息标题", "名称"),
    "url": ("网址", "链接", "url", "地址"),
    "formed": ("信息形成日期", "形成日期", "信息形成(变更)日期", "形成或变更日期", "生成日期", "成文日期"),
    "published": ("发布日期", "发布时间", "公开日期", "上网日期"),
}


LABELS = {"column": "栏目", "title": "标题", "url": "网址", "formed": "信息形成日期", "published": "发布日期"}


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
    check_file(source, MAX_RECORDS_BYTES, what="发布记录文件")
    suffix = source.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            try:
                frame = pd.read_csv(source, dtype=str, encoding="utf-8-sig", keep_default_na=False)
            except UnicodeDecodeError:
                frame = pd.read_csv(source, dtype=str, encoding="gb18030", keep_default_na=False)
        elif suffix == ".json":
            frame = pd.DataFrame(load_json(source.read_text(encoding="utf-8-sig")))
        else:
            frame = _read_workbook(source)
    except CatalogueReadError:
        raise
    except pd.errors.ParserError as exc:  # "Expected 5 fields in line 3, saw 6"
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        where = (
            f"第{found.group(2)}行有 {found.group(3)} 列,表头只有 {found.group(1)} 列"
            if found
            else "各行列数不一"
        )
        raise CatalogueReadError(
            f"发布记录的 CSV 格式有误:{where};含逗号的单元格要用英文双引号括起来", file=source
        ) from None
    except UnicodeDecodeError:
        raise CatalogueReadError("发布记录既不是 UTF-8 也不是 GB18030 编码", file=source) from None
    except OSError as exc:
        raise CatalogueReadError(f"发布记录无法读取:{reason(exc)}", file=source) from exc
    except ValueError as exc:
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


def _read_workbook(source: Path) -> pd.DataFrame:
    """The first sheet of a workbook, after the archive checks of :func:`gpcatalog.tables.files.check_archive`."""
    import zipfile

    import pandas as pd

    from gpcatalog.tables.files import check_archive

    if zipfile.is_zipfile(source):
        check_archive(source.read_bytes(), source)
    try:
        return pd.read_excel(source, dtype=str, engine="calamine")
    except Exception as exc:  # calamine raises its own error types (CalamineError) for what it cannot read
        raise CatalogueReadError(f"发布记录无法读取(不是可以读取的工作簿):{exc}", file=source) from exc


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


def check_years(frame: pd.DataFrame, file: str | None = None) -> None:
    """Refuse records whose 信息形成日期 or 发布日期 falls outside :data:`~gpcatalog.store.limits.RECORD_YEARS`.

    Raises:
        AuditError: naming the first such row (the header is row 1) and column, and how many there are.
    """
    import numpy as np

    low, high = RECORD_YEARS
    for field in ("formed", "published"):
        years = frame[field].to_numpy(dtype="datetime64[Y]")
        known = ~np.isnat(years)
        values = years[known].astype("int64") + 1970
        outside = np.flatnonzero(known)[(values < low) | (values > high)]
        if len(outside):
            row = int(outside[0])
            shown = np.datetime_as_string(frame[field].to_numpy(dtype="datetime64[D]")[row], unit="D")
            more = f"(共 {len(outside)} 条)" if len(outside) > 1 else ""
            raise AuditError(
                f"{LABELS[field]}“{shown}”不在可检查的年份 {low}–{high} 之内{more};请改正后再检查",
                file=file,
                line=row + 2,
            )
