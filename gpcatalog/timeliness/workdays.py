"""The official working-day calendar (法定工作日): holidays and 调休 make-up working days, as numpy arrays.

Days come from the chinesecalendar package (the State Council's yearly notices), extended by
``gpcatalog/timeliness/calendar.yaml`` for years the installed package does not yet know, and by a user file in the same
form. Dates outside every known year fall back to Monday–Friday, and :attr:`WorkCalendar.outside` says which
years that was, so reports can warn.

Arithmetic is vectorised: the working days of the covered range are one sorted ``datetime64[D]`` array, and
"the N-th working day after a date" is a ``searchsorted`` plus an index, for a million records at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpcatalog.errors import CatalogueReadError
from gpcatalog.store.limits import MAX_YAML_BYTES, read_file
from gpcatalog.store.yamlio import decode_text, parse_yaml

if TYPE_CHECKING:
    import numpy.typing as npt

OVERRIDES = "calendar.yaml"


def _overrides(path: str | Path | None) -> dict[int, dict[str, set[dt.date]]]:
    """Read an override file: ``{years: {year: {holidays: [dates], workdays: [dates]}}}``.

    Raises:
        CatalogueReadError: the file is missing, not a regular file, too large, not UTF-8, or not of this form
            (the message names the year and the list).
    """
    if path is None:
        text = (files("gpcatalog.timeliness") / OVERRIDES).read_text(encoding="utf-8")
        name = f"gpcatalog/timeliness/{OVERRIDES}"
    else:
        source = Path(path)
        name = str(source)
        text = decode_text(read_file(source, MAX_YAML_BYTES, what="节假日文件"), name)
    data = (parse_yaml(text, name) if text.strip() else None) or {}
    years = data.get("years") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(years or {}, dict):
        raise CatalogueReadError(
            "节假日文件的格式不对:应为 years: {年份: {holidays: [日期], workdays: [日期]}}", file=name
        )
    found: dict[int, dict[str, set[dt.date]]] = {}
    for key, spec in (years or {}).items():
        try:
            year = int(str(key))  # a quoted year counts too
        except ValueError:
            raise CatalogueReadError(f"节假日文件中的年份“{key}”不是整数", file=name) from None
        if spec is not None and not isinstance(spec, dict):
            raise CatalogueReadError(f"节假日文件中 {year} 年应为 holidays、workdays 两个列表", file=name)
        days: dict[str, set[dt.date]] = {}
        for kind in ("holidays", "workdays"):
            listed = (spec or {}).get(kind) or []
            if not isinstance(listed, list):
                raise CatalogueReadError(f"节假日文件中 {year} 年的 {kind} 应为日期列表", file=name)
            try:
                days[kind] = {dt.date.fromisoformat(str(d)) for d in listed}
            except ValueError as exc:
                raise CatalogueReadError(f"节假日文件中 {year} 年的日期不对:{exc}", file=name) from None
            stray = sorted(d for d in days[kind] if d.year != year)
            if stray:
                raise CatalogueReadError(
                    f"节假日文件中 {year} 年的 {kind} 列有不属于这一年的日期 {stray[0].isoformat()}",
                    file=name,
                )
        found[year] = days
    return found


@dataclass
class WorkCalendar:
    """Working days from ``start`` to ``end`` (inclusive) as a sorted numpy array."""

    start: dt.date
    end: dt.date
    workdays: npt.NDArray[Any]
    outside: set[int] = field(default_factory=set)
    """Years in the range that no calendar covers (counted Monday–Friday)."""

    def is_workday(self, day: dt.date) -> bool:
        """True when ``day`` is a working day."""
        import numpy as np

        value = np.datetime64(day, "D")
        index = int(np.searchsorted(self.workdays, value))
        return index < len(self.workdays) and self.workdays[index] == value

    def add_workdays(self, start: npt.NDArray[Any], days: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """The ``days``-th working day after each start date (the start day itself not counted)."""
        import numpy as np

        index = np.searchsorted(self.workdays, start, side="right") + days - 1
        found: npt.NDArray[Any] = self.workdays[np.clip(index, 0, len(self.workdays) - 1)]
        return found

    def workdays_between(self, after: npt.NDArray[Any], until: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """The number of working days in (after, until]: how many working days late ``until`` is."""
        import numpy as np

        return np.searchsorted(self.workdays, until, side="right") - np.searchsorted(
            self.workdays, after, side="right"
        )


def calendar(start: dt.date, end: dt.date, overrides: str | Path | None = None) -> WorkCalendar:
    """Build the working-day calendar for ``start`` … ``end`` (padded by a year each side for deadlines).

    Args:
        overrides: a YAML file in the form of ``gpcatalog/timeliness/calendar.yaml`` whose years take precedence.
    """
    first, last = start.year - 1, end.year + 1
    return _calendar(first, last, str(overrides) if overrides is not None else None)


@lru_cache(maxsize=8)
def _calendar(first: int, last: int, overrides: str | None) -> WorkCalendar:
    import chinese_calendar
    import numpy as np
    from chinese_calendar import constants

    bundled = _overrides(None)
    user = _overrides(overrides) if overrides else {}
    package_years = {d.year for d in constants.holidays} | {d.year for d in constants.workdays}
    known = package_years | set(bundled) | set(user)
    days = np.arange(
        np.datetime64(f"{first}-01-01"), np.datetime64(f"{last + 1}-01-01"), dtype="datetime64[D]"
    )
    weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
    working = weekday < 5
    for year in range(first, last + 1):
        spec = user.get(year) or bundled.get(year)
        if spec is not None:
            for day in spec["holidays"]:
                working[(day - dt.date(first, 1, 1)).days] = False
            for day in spec["workdays"]:
                working[(day - dt.date(first, 1, 1)).days] = True
            continue
        if year not in package_years:
            continue
        offset = (dt.date(year, 1, 1) - dt.date(first, 1, 1)).days
        for number in range(366 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 365):
            day = dt.date(year, 1, 1) + dt.timedelta(days=number)
            working[offset + number] = chinese_calendar.is_workday(day)
    outside = {y for y in range(first, last + 1) if y not in known}
    return WorkCalendar(dt.date(first, 1, 1), dt.date(last, 12, 31), days[working], outside)
