"""The typed change list of a diff, as data: :class:`Change`, :class:`Diff` and where an item stands (:class:`Place`).

Pure models (no I/O, no comparison logic); ``schemas/diff.schema.json`` is generated from :class:`Diff`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import ConfigDict, Field

from gpcatalog.base import GpModel
from gpcatalog.changes.vocabulary import CHANGE_LABELS, ChangeType, Target


class Place(GpModel):
    """Where an item stands: its domain, its parent (null for a 一级事项) and its 0-based place among siblings."""

    model_config = ConfigDict(title="位置")

    domain: str = Field(title="领域代码", description="事项所在领域的代码。")
    parent: str | None = Field(default=None, title="上级事项编号", description="一级事项为 null。")
    position: int = Field(ge=0, title="顺序", description="在同级事项中的位置,从 0 起。")
    path: list[str] = Field(default_factory=list, title="路径", description="从一级事项到上级事项的名称。")


class Detail(GpModel):
    """A field change seen structurally: citations, channels or content lines added and removed; 时限 described."""

    model_config = ConfigDict(title="变化详情")

    added: list[str] = Field(
        default_factory=list, title="增加", description="增加的引用文件、渠道或内容条目。"
    )
    removed: list[str] = Field(
        default_factory=list, title="去掉", description="去掉的引用文件、渠道或内容条目。"
    )
    old_text: str | None = Field(default=None, title="原值说明", description="原公开时限的文字说明。")
    new_text: str | None = Field(
        default=None, title="新值说明", description="新公开时限的文字说明,或依据只有文字变化时的说明。"
    )


class Change(GpModel):
    """One typed change. ``old``/``new`` carry values in the package's YAML form, so a change list is data."""

    model_config = ConfigDict(title="变化")

    type: ChangeType = Field(
        title="类型", description="added、removed、renamed、moved、split、merged、modified。"
    )
    target: Target = Field(default=Target.ITEM, title="对象", description="item、domain 或 catalogue。")
    id: str | None = Field(default=None, title="编号", description="事项编号或领域代码(新目录中的)。")
    old_id: str | None = Field(
        default=None, title="原编号", description="按名称推断配对、两边编号不同时,旧目录中的编号。"
    )
    name: str | None = Field(default=None, title="名称", description="事项或领域的名称(删除的用原名称)。")
    domain: str | None = Field(default=None, title="领域代码", description="变化所在领域的代码。")
    field: str | None = Field(default=None, title="字段", description="modified 时变化的字段。")
    old: Any = Field(
        default=None, title="原值", description="修改前的值(YAML 文件中的写法);删除时为原事项,不含下级。"
    )
    new: Any = Field(
        default=None, title="新值", description="修改后的值(YAML 文件中的写法);新增时为新事项,不含下级。"
    )
    old_place: Place | None = Field(default=None, title="原位置", description="删除或移动前的位置。")
    new_place: Place | None = Field(default=None, title="新位置", description="新增或移动后的位置。")
    sources: list[str] = Field(default_factory=list, title="原事项", description="拆分、合并前的事项编号。")
    targets: list[str] = Field(default_factory=list, title="新事项", description="拆分、合并后的事项编号。")
    parts: list[Change] = Field(
        default_factory=list, title="组成", description="拆分、合并包含的删除和新增。"
    )
    detail: Detail | None = Field(
        default=None, title="变化详情", description="依据、时限、渠道、内容的结构化比较。"
    )
    inferred: bool = Field(
        default=False, title="推断", description="true:两边编号不同,按名称和路径推断配对。"
    )
    records: list[str] = Field(
        default_factory=list, title="调整记录", description="说明这一变化的调整记录编号。"
    )

    @property
    def label(self) -> str:
        """The change type in Chinese (新增, 删除, 更名, 移动, 拆分, 合并, 修改)."""
        return CHANGE_LABELS[self.type]

    def flat(self) -> list[Change]:
        """This change, or for a split or merge the removals and additions it is made of."""
        return [self] if not self.parts else [p for part in self.parts for p in part.flat()]


class Diff(GpModel):
    """The differences from catalogue ``old`` to catalogue ``new``. Schema: ``schemas/diff.schema.json``."""

    model_config = ConfigDict(title="目录差异")

    old: str = Field(title="旧目录", description="旧目录的引用,如 national@2019.1。")
    new: str = Field(title="新目录", description="新目录的引用。")
    domains: list[str] | None = Field(default=None, title="限定领域", description="只比较这些领域(代码)。")
    changes: list[Change] = Field(
        default_factory=list, title="变化", description="全部变化,按领域和事项顺序。"
    )
    domain_names: dict[str, str] = Field(
        default_factory=dict,
        title="领域名称",
        description="领域代码 → 领域名称(新目录中的,删除的领域用旧名称),供给人看的输出用。",
    )

    def domain_name(self, code: str | None) -> str:
        """The name of domain ``code`` (``社会救助``), or the code when the diff does not know it."""
        return self.domain_names.get(code or "", code or "")

    def __bool__(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        """Return the number of changes of each type, in the order of :class:`ChangeType`."""
        found = Counter(change.type for change in self.changes)
        return {kind.value: found[kind] for kind in ChangeType if found[kind]}

    def uncovered(self) -> list[Change]:
        """Return the changes no adjustment record accounts for."""
        return [change for change in self.changes if not change.records]
