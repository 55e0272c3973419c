"""Website column maps (栏目): a tree of columns and which catalogue items each column publishes. No I/O.

A map is data, one YAML file per website (``catalogues/<catalogue>/columns/<website>.yaml``)::

    id: national-default
    title: 基层政务公开专栏(默认栏目)
    catalogue: national
    columns:
      - {id: jczwgk, name: 基层政务公开, path: /jczwgk/}
      - {id: shehui-jiuzhu, name: 社会救助, parent: jczwgk, order: 18, path: /jczwgk/shehui-jiuzhu/}
      - id: shehui-jiuzhu-001
        name: 综合业务
        parent: shehui-jiuzhu
        items: [shehui-jiuzhu-002, shehui-jiuzhu-003]     # explicit item ids
        under: [shehui-jiuzhu-004]                          # rule: every item below this 一级事项
        domains: []                                          # rule: every item of these domains

Rules expand to explicit ids against the catalogue (:func:`gpcatalog.columns.expand`); an item may appear in
several columns.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from gpcatalog.base import GpModel
from gpcatalog.model import SafeId


class WebColumn(GpModel):
    """栏目: one column of a website and the items it publishes."""

    model_config = ConfigDict(title="栏目")

    id: SafeId = Field(max_length=64, title="栏目编码", description="稳定的栏目编码,如 shehui-jiuzhu。")
    name: str = Field(min_length=1, title="栏目名称", description="网站上显示的栏目名称。")
    parent: str | None = Field(default=None, title="上级栏目", description="上级栏目的编码;顶层栏目为 null。")
    order: int = Field(default=0, title="顺序", description="在同级栏目中的顺序,小的在前。")
    path: str | None = Field(
        default=None, title="网址路径", description="栏目在网站上的路径,如 /jczwgk/shjz/。"
    )
    items: list[str] = Field(default_factory=list, title="事项", description="本栏目发布的事项编号。")
    under: list[str] = Field(
        default_factory=list, title="按一级事项", description="规则:这些事项下的全部下级事项都在本栏目发布。"
    )
    domains: list[str] = Field(
        default_factory=list, title="按领域", description="规则:这些领域(代码)的全部二级事项都在本栏目发布。"
    )


class ColumnMap(GpModel):
    """栏目对照表: a website's column tree and the mapping from catalogue items to columns."""

    model_config = ConfigDict(title="栏目对照表")

    id: SafeId = Field(max_length=64, title="编号", description="对照表编号,如 national-default。")
    title: str = Field(min_length=1, title="名称", description="对照表名称,如网站专栏的名称。")
    catalogue: str | None = Field(
        default=None, title="目录", description="对照的目录引用,如 national 或 national@2026.1。"
    )
    website: str | None = Field(default=None, title="网站", description="网站名称或网址。")
    columns: list[WebColumn] = Field(default_factory=list, title="栏目", description="全部栏目,顺序不限。")
