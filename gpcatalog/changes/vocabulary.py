"""The change vocabulary, in one place: the kinds of change, what a change is about, the fields it can name, and
their Chinese labels and terminal colours. Diffs (:mod:`gpcatalog.changes`) and adjustment records
(:mod:`gpcatalog.history`) both speak it.

To add a change type: add it to :class:`ChangeType` and give it a label and a colour here, then teach
:func:`gpcatalog.changes.compute.diff` to find it (and :func:`gpcatalog.changes.patch.apply` to apply it).
"""

from __future__ import annotations

from enum import StrEnum


class ChangeType(StrEnum):
    """The kinds of change, in the vocabulary statistical classifications publish correspondence tables in."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    MODIFIED = "modified"


CHANGE_LABELS: dict[ChangeType, str] = {
    ChangeType.ADDED: "新增",
    ChangeType.REMOVED: "删除",
    ChangeType.RENAMED: "更名",
    ChangeType.MOVED: "移动",
    ChangeType.SPLIT: "拆分",
    ChangeType.MERGED: "合并",
    ChangeType.MODIFIED: "修改",
}


STYLES: dict[ChangeType, str] = {
    ChangeType.ADDED: "green",
    ChangeType.REMOVED: "red",
    ChangeType.RENAMED: "cyan",
    ChangeType.MOVED: "blue",
    ChangeType.SPLIT: "magenta",
    ChangeType.MERGED: "magenta",
    ChangeType.MODIFIED: "yellow",
}
"""The terminal colour of each change type."""


class Target(StrEnum):
    """What a change is about."""

    ITEM = "item"
    DOMAIN = "domain"
    CATALOGUE = "catalogue"


TARGET_LABELS = {Target.ITEM: "事项", Target.DOMAIN: "领域", Target.CATALOGUE: "目录"}


ITEM_FIELDS: tuple[str, ...] = (
    "name",
    "seq",
    "contents",
    "basis",
    "deadline",
    "subject",
    "channels",
    "audience",
    "mode",
    "levels",
    "source",
    "caveats",
)


DOMAIN_FIELDS: tuple[str, ...] = (
    "number",
    "name",
    "guideline",
    "sources",
    "completeness",
    "notes",
    "extra_channels",
)


CATALOGUE_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "version",
    "release_date",
    "scope",
    "publisher",
    "place",
    "description",
    "sources",
    "caveats",
)


FIELD_LABELS: dict[str, str] = {
    "name": "名称",
    "seq": "序号",
    "contents": "公开内容",
    "basis": "公开依据",
    "deadline": "公开时限",
    "subject": "公开主体",
    "channels": "公开渠道",
    "audience": "公开对象",
    "mode": "公开方式",
    "levels": "公开层级",
    "source": "来源网址",
    "caveats": "注意事项",
    "number": "领域序号",
    "guideline": "国家标准指引",
    "sources": "来源",
    "completeness": "完整程度",
    "notes": "整理说明",
    "extra_channels": "地方渠道",
    "id": "目录编号",
    "title": "目录名称",
    "version": "版本",
    "release_date": "发布日期",
    "scope": "目录层级",
    "publisher": "发布单位",
    "place": "地方",
    "description": "说明",
}
