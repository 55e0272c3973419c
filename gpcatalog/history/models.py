"""动态调整: adjustment records (调整记录) and the version history of a catalogue package, as models. No I/O.

A catalogue package keeps, beside its working copy::

    adjustments.yaml        every adjustment record: who proposed it, who approved it, why, which changes
    history.yaml            the released versions: date, parent, the records each takes in, content hashes
    versions/<version>/     a frozen copy of each released version (catalogue.yaml + domains/ or overlay.yaml)

Records name changes by type and id only (``modified huanjing-baohu-004 basis``); the old and new values are
read from the versions themselves, so a record can never disagree with the data it describes about a value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gpcatalog.base import GpModel
from gpcatalog.changes.vocabulary import ChangeType
from gpcatalog.model import ID_PATTERN
from gpcatalog.store.reference import VERSION_PATTERN as VERSION_PATTERN  # one definition


class Reason(StrEnum):
    """调整原因."""

    POLICY = "政策调整"
    LAW = "法规修订"
    REORGANISATION = "机构改革"
    PILOT = "试点推广"
    CORRECTION = "纠错"
    SUPPLEMENT = "补充"  # fields or items the published tables show that the package lacked
    OTHER = "其他"


PLACEHOLDER = "(待填写)"
"""What ``release --draft`` writes where a person must fill in a value; :func:`placeholders` finds it."""
PLACEHOLDER_PATTERN = r"^[((]待填写"
"""A value still to be filled in: ``(待填写)``, ``(待填写:…)`` (half- or full-width bracket)."""


class DocumentRef(GpModel):
    """A document: the one that triggered an adjustment, or an approval."""

    model_config = ConfigDict(title="文件")

    title: str = Field(min_length=1, title="标题", description="文件标题,如“中华人民共和国噪声污染防治法”。")
    doc_no: str | None = Field(default=None, title="文号", description="如 主席令第104号。")
    issuer: str | None = Field(default=None, title="发文机关", description="发布文件的机关。")
    date: dt.date | None = Field(default=None, title="日期", description="发布或通过日期。")
    url: str | None = Field(default=None, title="网址", description="可核对该事实的网页。")


class RecordChange(GpModel):
    """One change an adjustment record makes: its type and the ids it touches (values come from the data).

    - added / removed / renamed / moved: ``item``;
    - modified: ``item`` (or ``domain`` for a domain's own fields, or neither for the catalogue's metadata)
      and optionally ``field``; without ``field`` it covers every field of that item;
    - split / merged: ``sources`` → ``targets``, an explicit n:m correspondence. Sources are removed and
      targets added by the same release; renames and moves keep their id, splits and merges never do.
    """

    model_config = ConfigDict(title="调整内容")

    type: ChangeType = Field(
        title="类型", description="added、removed、renamed、moved、split、merged、modified。"
    )
    item: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        title="事项编号",
        description="新增、删除、更名、移动、修改的事项编号。",
    )
    domain: str | None = Field(
        default=None, pattern=ID_PATTERN, title="领域代码", description="领域本身的修改。"
    )
    field: str | None = Field(default=None, title="字段", description="modified 时修改的字段,如 basis。")
    sources: list[str] = Field(default_factory=list, title="原事项", description="拆分或合并前的事项编号。")
    targets: list[str] = Field(default_factory=list, title="新事项", description="拆分或合并后的事项编号。")
    note: str | None = Field(default=None, title="说明", description="这一项调整的补充说明。")

    @model_validator(mode="after")
    def _check_shape(self) -> Self:
        if self.type in (ChangeType.SPLIT, ChangeType.MERGED):
            if self.item is not None:
                raise ValueError("拆分、合并用 sources 和 targets 写明原事项和新事项,不用 item")
            if not self.sources or not self.targets:
                raise ValueError("拆分、合并必须同时写明 sources(原事项)和 targets(新事项)")
            if self.type is ChangeType.SPLIT and len(self.targets) < 2:
                raise ValueError("拆分(split)至少要有两个新事项(targets)")
            if self.type is ChangeType.MERGED and len(self.sources) < 2:
                raise ValueError("合并(merged)至少要有两个原事项(sources)")
            overlap = set(self.sources) & set(self.targets)
            if overlap:
                raise ValueError(f"拆分、合并的新事项不能沿用原事项的编号:{'、'.join(sorted(overlap))}")
        else:
            if self.sources or self.targets:
                raise ValueError(f"{self.type.value} 用 item 写明事项,sources/targets 只用于拆分、合并")
            if self.type is not ChangeType.MODIFIED and self.item is None:
                raise ValueError(f"{self.type.value} 必须写明事项编号 item")
        if self.field is not None and self.type is not ChangeType.MODIFIED:
            raise ValueError("只有 modified 可以写 field")
        return self

    def ids(self) -> list[str]:
        """Return every item id this change names."""
        return [*([self.item] if self.item else []), *self.sources, *self.targets]


class AdjustmentRecord(GpModel):
    """调整记录: one approved adjustment of the catalogue and the changes it makes."""

    model_config = ConfigDict(title="调整记录")

    id: str = Field(pattern=ID_PATTERN, max_length=64, title="记录编号", description="如 2026-001。")
    date: dt.date = Field(title="记录日期", description="登记这条记录的日期,YYYY-MM-DD。")
    effective_date: dt.date | None = Field(
        default=None, title="生效日期", description="调整依据的政策或法规生效的日期。"
    )
    proposer: str = Field(min_length=1, title="申请单位", description="提出调整的单位。")
    approver: str | None = Field(default=None, title="批准单位", description="批准调整的单位;没有时为 null。")
    approval_doc: str | None = Field(
        default=None, title="批准文号", description="批准文件的文号;没有时为 null。"
    )
    reason: (
        Reason
        | Annotated[
            str,
            Field(
                pattern=PLACEHOLDER_PATTERN,
                title="待填写",
                description="release --draft 起草时写下的占位文字,发布前要换成上面的一种原因。",
            ),
        ]
    ) = Field(
        union_mode="left_to_right",
        title="调整原因",
        description="政策调整、法规修订、机构改革、试点推广、纠错、补充、其他;草稿中可以暂为“(待填写)”。",
    )
    trigger: DocumentRef | None = Field(default=None, title="触发文件", description="引起调整的文件。")
    summary: str = Field(min_length=1, title="调整说明", description="为什么调整、调整了什么。")
    example: bool = Field(
        default=False, title="示例", description="true 表示这条调整只是演示用的示例,不是真实发生的调整。"
    )
    draft: bool = Field(
        default=False,
        title="草稿",
        description="gpcatalog release --draft 起草的记录;填好并删去此项后才能发布。",
    )
    changes: list[RecordChange] = Field(
        min_length=1, title="调整内容", description="这条记录所作的各项调整(类型和编号)。"
    )

    @field_validator("reason", mode="before")
    @classmethod
    def _check_reason(cls, value: Any) -> Any:
        allowed = [r.value for r in Reason]
        if isinstance(value, str) and value not in allowed and not re.match(PLACEHOLDER_PATTERN, value):
            raise ValueError(f"“reason”的值“{value}”不在允许的取值中:{'、'.join(allowed)}")
        return value


def _label(model: type[BaseModel], key: str) -> str:
    info = model.model_fields.get(key)
    return info.title if info is not None and info.title else key


def placeholders(record: AdjustmentRecord) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Yield (key path in the record, Chinese label from the model titles, value) of every value of ``record``
    that is still a placeholder (``(待填写)``, as ``release --draft`` writes them)."""
    for key in type(record).model_fields:
        value: Any = getattr(record, key)
        label = _label(AdjustmentRecord, key)
        if isinstance(value, str) and re.match(PLACEHOLDER_PATTERN, value):
            yield (key,), label, value
        elif isinstance(value, DocumentRef):
            for sub in DocumentRef.model_fields:
                text = getattr(value, sub)
                if isinstance(text, str) and re.match(PLACEHOLDER_PATTERN, text):
                    yield (key, sub), f"{label}的{_label(DocumentRef, sub)}", text
        elif key == "changes":
            for index, rule in enumerate(value):
                if rule.note and re.match(PLACEHOLDER_PATTERN, rule.note):
                    yield (key, index, "note"), f"{label}第 {index + 1} 项的说明", rule.note


def version_order(new: str, old: str) -> int | None:
    """Compare two version numbers: 1 when ``new`` is later than ``old``, 0 when they are the same version,
    -1 when it is earlier, None when their order cannot be told.

    Versions that both follow PEP 440 (``2026.1``, ``2026.10``, ``2026.2rc1``, ``2026.2.post1``) are compared by
    :class:`packaging.version.Version`: part by part as numbers (2026.10 > 2026.9), a pre-release before its
    release, ``2026.01`` the same as ``2026.1``. Others (``VERSION_PATTERN`` also allows ``mouxian-2026.1``) are
    split into runs of digits and of letters and compared run by run: digits as numbers, letters only when equal
    (case aside); where letters differ, or one has letters where the other ends, the order is unknown (None), as
    nothing says whether ``2026.1-x`` comes before ``2026.1-y``, or ``2026.1`` before ``2026.1-mouxian``.
    """
    from packaging.version import InvalidVersion, Version  # lazily: only release compares versions

    try:
        a, b = Version(new), Version(old)
    except InvalidVersion:
        pass
    else:
        return (a > b) - (a < b)
    left, right = _runs(new), _runs(old)
    for x, y in zip(left, right, strict=False):
        if isinstance(x, int) and isinstance(y, int):
            if x != y:
                return 1 if x > y else -1
        elif x != y:
            return None
    rest = left[len(right) :] or right[len(left) :]
    if any(isinstance(part, str) for part in rest):
        return None
    if any(rest):  # extra numbers: 2026.1.1 after 2026.1; trailing zeros (2026.1.0) are the same version
        return 1 if len(left) > len(right) else -1
    return 0


def _runs(version: str) -> list[int | str]:
    return [int(run) if run.isdigit() else run.lower() for run in re.findall(r"[0-9]+|[A-Za-z]+", version)]


def record_hash(record: AdjustmentRecord) -> str:
    """SHA-256 of a record's content (canonical JSON of its fields), as frozen in the version that took it in."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class Adjustments(GpModel):
    """The content of ``adjustments.yaml``."""

    model_config = ConfigDict(title="调整记录表")

    records: list[AdjustmentRecord] = Field(
        default_factory=list, title="调整记录", description="全部调整记录,已发布和未发布的。"
    )


class VersionEntry(GpModel):
    """One released version: immutable once written; ``files`` holds the hash of every file of its copy."""

    model_config = ConfigDict(title="版本")

    version: str = Field(
        pattern=VERSION_PATTERN, max_length=32, title="版本号", description="如 2026.1;发布后不可改动。"
    )
    release_date: dt.date = Field(title="发布日期", description="YYYY-MM-DD。")
    parent: str | None = Field(default=None, title="上一版本", description="第一个版本为 null。")
    records: list[str] = Field(
        default_factory=list, title="调整记录", description="本版本纳入的调整记录编号。"
    )
    items: int = Field(ge=0, title="事项数", description="本版本的事项总数(含一级事项)。")
    digest: str = Field(
        pattern=r"^sha256:[0-9a-f]{64}$", title="内容哈希", description="全部文件哈希的 SHA-256。"
    )
    files: dict[str, str] = Field(title="文件哈希", description="版本目录内各文件的 SHA-256。")
    record_hashes: dict[str, str] = Field(
        default_factory=dict,
        title="记录哈希",
        description="本版本纳入的各调整记录在发布时的 SHA-256;发布后修改记录会被 gpcatalog verify 发现。",
    )


class History(GpModel):
    """The content of ``history.yaml``: released versions, oldest first."""

    model_config = ConfigDict(title="版本历史")

    versions: list[VersionEntry] = Field(
        default_factory=list, title="版本", description="已发布的版本,从旧到新。"
    )

    def get(self, version: str) -> VersionEntry | None:
        """Return the entry of ``version``, or None."""
        return next((v for v in self.versions if v.version == version), None)

    @property
    def latest(self) -> VersionEntry | None:
        """The most recent released version, or None before the first release."""
        return self.versions[-1] if self.versions else None
