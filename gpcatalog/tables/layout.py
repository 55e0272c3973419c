"""The clerk's table layout, declared once: every column with its header, the header texts it is read from, its
width and what it holds. Export writes these columns; import recognises them by the same declarations.

Layout (one sheet per domain, or one sheet with a 领域 column)::

    社会救助领域基层政务公开标准目录                                                        (title row)
    序号 | 公开事项          | 公开内容(要素) | 公开依据 | 公开时限 | 公开主体 | 公开渠道和载体 | 公开对象          | 公开方式      | 公开层级
         | 一级事项 | 二级事项 |                …                                    | 全社会 | 特定群体 | 主动 | 依申请 | 县级 | 乡级

The 一级事项 cell is merged over its rows; channels are a full checklist (■ ticked, □ not); ticks are √, a blank
cell is "not ticked" and ``?`` "could not be read in the source" (null). What the printed layout cannot hold — item
ids, source URLs, caveats, the order channels were ticked in, domain and catalogue metadata — travels in hidden
columns and a hidden sheet, so that exporting and importing again gives the same catalogue.

To add a column: declare it here (key, header, the header texts counties use for it); a column that holds an item
field is written by :func:`gpcatalog.tables.export.item_row` and read by :func:`gpcatalog.tables.rows.item_data`
under the same key.
"""

from __future__ import annotations

from dataclasses import dataclass

from gpcatalog.model import Channel
from gpcatalog.parsing.text import match_key

TICK = "√"
UNKNOWN = "?"
TICKED_BOX = "■"
UNTICKED_BOX = "□"
META_SHEET = "_gpcatalog"
"""The hidden sheet holding the catalogue's and domains' metadata as JSON."""
META_CHUNK = 30_000
"""Characters of metadata JSON per cell (a cell holds at most 32,767)."""

STANDARD_CHANNELS = [str(c) for c in Channel]
"""The 13 standard channels in template order: every exported checklist lists them first."""


@dataclass(frozen=True)
class Column:
    """One column of the layout.

    Attributes:
        key: the column's key (the DataFrame column of :func:`gpcatalog.to_frame`).
        header: the (first-row) header; columns sharing it are merged under it.
        sub: the second-row header under a merged group, if any.
        width: the printed width.
        hidden: hidden in the workbook (a plain column in CSV).
        description: what the column holds (docs/tables.md).
        aliases: the header texts (normalised with :func:`~gpcatalog.parsing.text.match_key`) import reads as
            this column; county tables spell headers many ways.
    """

    key: str
    header: str
    sub: str | None = None
    width: float = 10
    hidden: bool = False
    description: str = ""
    aliases: tuple[str, ...] = ()


# The visible columns, in the order clerks print them.
VISIBLE: list[Column] = [
    Column("seq", "序号", width=6, description="来源表中的序号", aliases=("序号", "编号")),
    Column("level1", "公开事项", "一级事项", 14, description="一级事项名称", aliases=("一级事项",)),
    Column(
        "level2",
        "公开事项",
        "二级事项",
        16,
        description="二级事项名称",
        aliases=("二级事项", "公开事项", "事项名称"),
    ),
    Column(
        "contents",
        "公开内容(要素)",
        width=30,
        description="公开内容,每条一行",
        aliases=("公开内容", "公开内容(要素)", "公开要素"),
    ),
    Column("basis", "公开依据", width=34, description="公开依据,每条一行", aliases=("公开依据", "依据")),
    Column("deadline", "公开时限", width=20, description="公开时限原文", aliases=("公开时限", "时限")),
    Column(
        "subject", "公开主体", width=16, description="公开主体原文", aliases=("公开主体", "主体", "责任主体")
    ),
    Column(
        "channels",
        "公开渠道和载体",
        width=24,
        description="渠道清单,■ 勾选 □ 未勾选",
        aliases=("公开渠道和载体", "公开渠道", "公开载体", "公开渠道及载体"),
    ),
    Column(
        "audience_all",
        "公开对象",
        "全社会",
        6,
        description="√ 勾选,空白未勾选,? 无法读出",
        aliases=("全社会",),
    ),
    Column(
        "audience_specific", "公开对象", "特定群体", 6, description="同上", aliases=("特定群体", "特定对象")
    ),
    Column("mode_active", "公开方式", "主动", 6, description="同上", aliases=("主动", "主动公开")),
    Column("mode_request", "公开方式", "依申请", 6, description="同上", aliases=("依申请", "依申请公开")),
    Column(
        "level_county",
        "公开层级",
        "县级",
        6,
        description="同上",
        aliases=("县级", "区级", "县(区)级", "县(市、区)级", "县区级"),
    ),
    Column(
        "level_township",
        "公开层级",
        "乡级",
        6,
        description="同上",
        aliases=("乡级", "镇级", "乡镇级", "乡(镇)级", "乡、村级", "镇、村级", "乡镇(街道)级", "街道"),
    ),
]
VILLAGE = Column(
    "level_village", "公开层级", "村级", 6, description="村(居)务试点目录才有", aliases=("村级",)
)
DOMAIN = Column("domain", "领域", width=12, description="领域名称(单表或 CSV 时)", aliases=("领域",))
# Hidden in the workbook, plain columns in CSV: what the printed layout cannot hold. Read by their own header.
EXTRA: list[Column] = [
    Column("id", "事项编号", hidden=True, width=22, description="二级事项(或无下级的一级事项)的编号"),
    Column("parent_id", "一级事项编号", hidden=True, width=22, description="一级事项的编号"),
    Column("source", "来源网址", hidden=True, width=30, description="该行取自的已公开目录网址"),
    Column("caveats", "注意事项", hidden=True, width=30, description="该行数据的局限,每条一行"),
    Column(
        "parent_fields",
        "一级事项其他字段",
        hidden=True,
        width=30,
        description="一级事项除编号、名称外的字段(如注意事项),JSON",
    ),
    Column(
        "channel_order", "渠道勾选顺序", hidden=True, width=24, description="勾选的渠道按原表顺序,每个一行"
    ),
    Column("extension_fields", "扩展字段", hidden=True, width=24, description="试点扩展新增的字段(JSON)"),
]
COLUMNS: list[Column] = [DOMAIN, *VISIBLE, VILLAGE, *EXTRA]
"""Every column there is, in the order a one-sheet export writes them."""

TICK_FIELDS: dict[str, tuple[str, str]] = {
    "audience_all": ("audience", "society"),
    "audience_specific": ("audience", "specific_groups"),
    "mode_active": ("mode", "proactive"),
    "mode_request": ("mode", "on_request"),
    "level_county": ("levels", "county"),
    "level_township": ("levels", "township"),
    "level_village": ("levels", "village"),
}
"""Tick column → (item field, sub-field)."""


def _alias_file() -> dict[str, list[str]]:
    """The header spellings of aliases.yaml (column key → spellings)."""
    import importlib.resources

    import yaml

    text = importlib.resources.files("gpcatalog.tables").joinpath("aliases.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {str(k): [str(v) for v in values] for k, values in data.items()}


ALIAS_FILE: dict[str, list[str]] = _alias_file()
"""Column key → the header texts of gpcatalog/tables/aliases.yaml."""

HEADER_ALIASES: dict[str, str] = {
    match_key(text): column.key
    for column in COLUMNS
    for text in (*(column.aliases or (column.header,)), *ALIAS_FILE.get(column.key, ()))
}
"""Header text (white space removed, half-width, simplified) → column key. Sub-headers take precedence."""

LABELS: dict[str, str] = {c.key: (c.sub or c.header) for c in COLUMNS} | {
    "audience_text": "公开对象",
    "mode_text": "公开方式",
    "levels_text": "公开层级",
}
"""Column key → the header a report names it by."""

# Tables with one 公开对象/方式/层级 column holding words (县级、乡级) instead of ticks under sub-headers.
GROUP_TEXT = {"公开对象": "audience_text", "公开方式": "mode_text", "公开层级": "levels_text"}
GROUP_WORDS: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
    "audience_text": ("audience", {"society": ("全社会",), "specific_groups": ("特定",)}),
    "mode_text": ("mode", {"proactive": ("主动",), "on_request": ("依申请",)}),
    "levels_text": (
        "levels",
        {"county": ("县", "区"), "township": ("乡", "镇", "街道"), "village": ("村",)},
    ),
}
"""Group column key → (item field, sub-field → the words that tick it)."""

TRUE_MARKS = {"√", "✓", "✔", "☑", "●", "■", "◆", "是", "y", "yes", "1", "v", "○"}
UNKNOWN_MARKS = {UNKNOWN, "？", "不详", "无法读出"}
FALSE_MARKS = {"×", "否", "x", "n", "no", "0", "□", "☐"}
SUB_HEADERS = (
    {c.sub for c in COLUMNS if c.sub}
    | {"区级", "镇级"}
    | {text for c in COLUMNS if c.sub for text in ALIAS_FILE.get(c.key, ())}
)
"""Texts that mark a row as the second header row."""
