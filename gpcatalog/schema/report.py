"""Validation reports: every problem found, each with a stable code, a severity, a place and a Chinese message."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from pydantic import ConfigDict, Field, field_validator

from gpcatalog.base import GpModel
from gpcatalog.parsing.text import visible


class Severity(StrEnum):
    """How serious a problem is (严重程度)."""

    ERROR = "error"
    """The catalogue is not valid."""
    WARNING = "warning"
    """Valid, but someone should look (a row without basis, a 时限 the parser could not read)."""
    INFO = "info"
    """Worth knowing (a domain that holds only part of the template)."""


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

CODES: dict[str, str] = {
    "read-error": "文件无法读取(不存在、不是 UTF-8、为空)",
    "yaml-syntax": "YAML 语法错误、重复的键或别名炸弹",
    "not-a-mapping": "文件顶层不是“键: 值”映射",
    "unknown-key": "未知的键(拼写错误?)",
    "missing-field": "缺少必填的键",
    "wrong-type": "值的类型不对",
    "bad-value": "值不符合要求(格式、取值范围、枚举)",
    "control-character": "文字含有控制字符(NUL、ESC、CR 等)或改变文字方向的字符(U+202A–U+202E、U+2066–U+2069)",
    "markup": "名称、标题、说明等文字含有网页标记(<script>、<svg …>)或 javascript: 链接",
    "script-url": "链接是 javascript:、vbscript: 或 data: 链接,不是网址",
    "duplicate-id": "事项编号重复",
    "duplicate-domain": "领域代码或序号重复",
    "domain-count": "国家目录不是恰好 26 个领域",
    "no-domains": "目录没有任何领域文件",
    "empty-name": "事项名称为空字符串",
    "name-too-long": "事项名称、领域名称、栏目名称或目录名称超过 200 个字符",
    "unknown-name": "事项名称在来源中不可见(null)",
    "duplicate-name": "同一上级下有同名事项",
    "unknown-channel": "渠道既不是13个标准渠道之一,也没有在领域的 extra_channels 中声明",
    "missing-basis": "二级事项没有公开依据",
    "unparsed-deadline": "公开时限无法解析",
    "same-as-above": "公开时限写作“同上”,没有展开",
    "truncated-deadline": "公开时限原文在来源中被截断",
    "reserved-level": "村级层级只用于村(居)务试点目录",
    "partial-domain": "领域只有国家模板的一部分",
    "superseded-citation": "依据引用的文件已被新文件取代",
    "extension-error": "目录声明的扩展未知、版本不兼容、缺少依赖,或扩展之间冲突",
    "extension-used": "目录使用的扩展及其新增的字段和渠道",
    "extension-constraint": "不符合扩展收紧的约束",
    "overlay-unknown": "派生目录的本地调整引用了基础目录中没有的事项或领域",
    "overlay-field": "派生目录的本地调整修改了不能修改的字段",
    "version-missing": "history.yaml 登记的版本在 versions/ 中没有文件夹",
    "version-unlisted": "versions/ 中有 history.yaml 没有登记的版本文件夹",
    "version-modified": "已发布版本的文件内容与登记的哈希不符(被改动)",
    "version-file-missing": "已发布版本缺少登记过的文件",
    "version-file-added": "已发布版本多出了没有登记的文件",
    "version-digest": "history.yaml 中版本的总哈希与各文件哈希不符",
    "duplicate-version": "版本号重复",
    "duplicate-record": "调整记录编号重复",
    "unknown-record": "版本或调整引用了不存在的调整记录",
    "record-unknown-id": "调整记录引用了目录中不存在的事项编号",
    "record-contradicts": "调整记录声称的变化在数据中不存在",
    "record-split-target": "拆分或合并的新事项不存在,或原事项仍然存在",
    "record-draft": "调整记录仍是草稿(draft: true)",
    "record-placeholder": "调整记录还有待填写的占位文字(待填写)",
    "record-modified": "已发布版本纳入的调整记录在发布后被修改",
    "derived-version": "catalogue.yaml 的版本号或发布日期与最新发布的版本不符",
    "derived-changelog": "CHANGELOG.md 或 changelog.json 与调整记录和各版本生成的不一致",
    "write-recovered": "回滚了一次中断的写入(发布或导入被中止),目录包已恢复原状",
    "no-table": "工作表中没有找到目录表头(看起来是目录表时为错误,否则已跳过)",
    "empty-table": "目录表只有表头,没有事项行",
    "no-name": "一级事项和二级事项都是空的(已跳过)",
    "filled-same-as-above": "单元格写作“同上”(导入时已按上一行填入)",
    "date-in-text": "文本列中的单元格是日期格式(已按文字导入)",
    "unknown-column": "表头中的列不是已知的列(或与前面的列重复),没有对应任何字段,这一列没有导入",
    "column-mapping": "导入时表头各列对应的字段(表头 → 字段)",
    "formula": "单元格是公式(没有计算结果时为错误)",
    "bad-tick": "勾选列的内容无法识别",
    "bad-seq": "序号不是整数",
    "local-channel": "表中的地方渠道(已作为本领域的地方渠道保留)",
    "no-level1": "一级事项是空的,上面没有一级事项可以沿用",
    "copied-id": "复制的行带着原行的隐藏编号(作为新事项导入)",
    "retired-id": "行带着本目录包用过又删除的编号(编号不复用,作为新事项导入)",
    "unknown-domain": "领域不是国家目录的26个领域之一",
    "column-duplicate": "栏目编码重复",
    "column-unknown-parent": "栏目的上级栏目不存在",
    "column-cycle": "栏目的上下级形成循环",
    "column-unknown-item": "栏目对应的事项或领域不在目录中",
    "column-blank": "空白栏目:没有下级栏目,也没有对应任何事项",
    "website-item-unmapped": "勾选了政府网站的事项没有对应任何栏目",
    "column-not-website": "没有勾选政府网站的事项对应了栏目",
    "column-mixed-domains": "栏目的事项分属多个领域",
}
"""Every issue code validation can report, with its meaning. Codes are stable: other systems may rely on them."""


class Issue(GpModel):
    """One problem found by validation (问题)."""

    model_config = ConfigDict(extra="forbid", title="校验问题")

    code: str = Field(title="问题代码", description="稳定的问题代码,如 missing-basis;含义见 CODES。")
    severity: Severity = Field(title="严重程度", description="error 错误、warning 警告、info 提示。")
    message: str = Field(title="说明", description="中文说明。")
    file: str | None = Field(default=None, title="文件", description="问题所在的文件。")
    line: int | None = Field(default=None, title="行", description="文件中的行号(从1起),已知时才有。")
    column: int | None = Field(default=None, title="列", description="文件中的列号(从1起),已知时才有。")
    path: str | None = Field(
        default=None, title="JSON 路径", description="问题在文件中的位置,如 $.items[0].name。"
    )
    item_id: str | None = Field(default=None, title="事项编号", description="问题所属的事项。")

    @field_validator("message", "file", "path", "item_id")
    @classmethod
    def _visible(cls, value: str | None) -> str | None:
        """Text for people never carries a raw control character: a value quoted from the data is spelled out."""
        return visible(value) if value is not None else None

    def location(self) -> str:
        """Return "file:line:column" (the parts that are known)."""
        where = self.file or ""
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return where


class Report(GpModel):
    """The result of validating one catalogue (校验报告)."""

    model_config = ConfigDict(extra="forbid", title="校验报告")

    catalogue: str = Field(title="目录", description="被校验的目录:内置目录名或文件夹路径。")
    files: int = Field(default=0, title="文件数", description="读取的文件数。")
    items: int = Field(default=0, title="事项数", description="成功读取的事项数(含一级事项)。")
    issues: list[Issue] = Field(default_factory=list, title="问题", description="发现的全部问题,按文件顺序。")

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings and infos allowed)."""
        return not any(issue.severity == Severity.ERROR for issue in self.issues)

    def count(self, severity: Severity) -> int:
        """Return how many issues have ``severity``."""
        return sum(1 for issue in self.issues if issue.severity == severity)

    def codes(self) -> Counter[str]:
        """Return how many issues there are of each code."""
        return Counter(issue.code for issue in self.issues)

    def errors(self) -> list[Issue]:
        """Return the issues of severity error."""
        return [issue for issue in self.issues if issue.severity == Severity.ERROR]
