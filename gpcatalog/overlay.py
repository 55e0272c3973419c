"""Derived catalogues (本地目录): a base catalogue and the local layer (overlay) that adapts it. No I/O.

A derived package holds ``catalogue.yaml`` with ``base: national@2026.1`` and an ``overlay.yaml``::

    domains: [yanglao-fuwu]          # the domains the local catalogue keeps (all when left out)
    modify:
      - item: yanglao-fuwu-002
        set: {subject: 海丰县民政局、乡镇人民政府}
        reason: 本县目录写明的主体
        source: https://…
    remove:
      - {item: yanglao-fuwu-012, reason: 本县不适用}
    add:
      - domain: yanglao-fuwu
        parent: yanglao-fuwu-001      # null for a new 一级事项
        after: yanglao-fuwu-004       # null: first among its siblings
        item: {id: haifeng-001, name: …}

:func:`gpcatalog.loading.compile_catalogue` turns base + overlay into the effective catalogue and records, for each
item field, whether it comes from the base or the local layer.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from gpcatalog.base import GpModel
from gpcatalog.model import ID_PATTERN


class OverlayModify(GpModel):
    """A local change of some fields of a base item."""

    model_config = ConfigDict(title="本地修改")

    item: str = Field(pattern=ID_PATTERN, title="事项编号", description="基础目录中的事项编号。")
    set: dict[str, Any] = Field(
        min_length=1, title="修改的字段", description="字段名 → 本地的值(YAML 写法)。"
    )
    reason: str | None = Field(default=None, title="原因", description="为什么本地不同。")
    source: str | None = Field(default=None, title="来源", description="本地目录的网址或文件。")


class OverlayRemove(GpModel):
    """A base item the local catalogue does not keep."""

    model_config = ConfigDict(title="本地删除")

    item: str = Field(pattern=ID_PATTERN, title="事项编号", description="基础目录中的事项编号(连同其下级)。")
    reason: str = Field(min_length=1, title="原因", description="删除的原因,必填。")


class OverlayAdd(GpModel):
    """A local item the base does not have."""

    model_config = ConfigDict(title="本地新增")

    domain: str = Field(pattern=ID_PATTERN, title="领域代码", description="新增事项所在的领域。")
    parent: str | None = Field(
        default=None, title="上级事项", description="一级事项的编号;新增一级事项时为 null。"
    )
    after: str | None = Field(
        default=None, title="排在其后", description="排在哪个同级事项之后;null 为第一个。"
    )
    item: dict[str, Any] = Field(title="事项", description="新增的事项(可含下级),写法同领域文件。")


class Overlay(GpModel):
    """The content of ``overlay.yaml``: the local layer of a derived catalogue."""

    model_config = ConfigDict(title="本地调整")

    domains: list[str] | None = Field(
        default=None, title="保留的领域", description="本地目录保留的领域代码;不写时保留全部。"
    )
    modify: list[OverlayModify] = Field(
        default_factory=list, title="修改", description="对基础事项字段的本地修改。"
    )
    remove: list[OverlayRemove] = Field(
        default_factory=list, title="删除", description="本地不保留的基础事项。"
    )
    add: list[OverlayAdd] = Field(default_factory=list, title="新增", description="基础目录没有的本地事项。")
