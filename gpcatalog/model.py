"""The data model: Catalogue → Domain → Item tree, as pydantic v2 models. No I/O.

The cell-level value types (:class:`Deadline`, :class:`Basis`, :class:`Channel`) are defined beside their
parsers in :mod:`gpcatalog.parsing` and re-exported here. Fields that clerks write as text (公开时限, 公开依据)
accept the text and parse it on validation, keeping the original beside the structure; the JSON export
carries both.

Unknown keys are errors everywhere (``extra="forbid"``): a typo in a YAML key must not vanish silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from gpcatalog.base import GpModel
from gpcatalog.errors import UnknownDomainError, UnknownItemError
from gpcatalog.parsing.basis import Basis, Citation, DocKind, KindSource, parse_basis
from gpcatalog.parsing.channels import Channel
from gpcatalog.parsing.deadline import DayUnit, Deadline, DeadlineClause, DeadlineKind, parse_deadline

__all__ = [
    "Audience",
    "Basis",
    "Catalogue",
    "Channel",
    "Citation",
    "Completeness",
    "CompletenessStatus",
    "DayUnit",
    "Deadline",
    "DeadlineClause",
    "DeadlineKind",
    "DocKind",
    "Domain",
    "Guideline",
    "Item",
    "KindSource",
    "Levels",
    "Mode",
    "Scope",
    "Source",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Item ids and domain codes: lower-case ASCII letters, digits and single hyphens, safe in URLs and file names."""
ID_RE = re.compile(ID_PATTERN)

RESERVED_PATTERN = r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$"
"""Names Windows keeps for devices (also with any extension: ``con.md``); an id of this form cannot be a file."""
RESERVED_RE = re.compile(RESERVED_PATTERN, re.IGNORECASE)


def _not_reserved(value: str) -> str:
    if RESERVED_RE.fullmatch(value):
        raise ValueError(
            f"编号“{value}”是 Windows 保留的设备名(con、prn、aux、nul、com0–com9、lpt0–lpt9),"
            f"不能用作文件名和网址;请换一个编号,如 {value}-1"
        )
    return value


SafeId = Annotated[
    str,
    Field(pattern=ID_PATTERN, json_schema_extra={"not": {"pattern": RESERVED_PATTERN}}),
    AfterValidator(_not_reserved),
]
"""An id that names a file or a URL segment: :data:`ID_PATTERN`, and not a Windows device name."""

ItemId = Annotated[
    SafeId,
    Field(
        max_length=64,
        title="事项编号",
        description="稳定编号:只分配一次,永不复用;改名、移动、调整顺序都不变。只含小写字母、数字和连字符,不能是 con、nul 等 Windows 保留名。",
    ),
]
ChannelName = Annotated[Channel | str, Field(union_mode="left_to_right")]


class Scope(StrEnum):
    """Administrative level of a catalogue (目录层级)."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


SCOPE_LABELS = {
    Scope.NATIONAL: "国家",
    Scope.PROVINCIAL: "省级",
    Scope.CITY: "市级",
    Scope.COUNTY: "县级",
    Scope.TOWNSHIP: "乡级",
    Scope.VILLAGE: "村级",
}


class Source(GpModel):
    """A published table or document the data was read from (来源)."""

    model_config = ConfigDict(title="来源")

    place: str | None = Field(default=None, title="地方", description="发布该表的地方或机关。")
    title: str | None = Field(default=None, title="标题", description="文件或网页标题。")
    issuer: str | None = Field(default=None, title="发文机关", description="印发文件的机关。")
    doc_no: str | None = Field(default=None, title="文号", description="发文字号,如 国办发〔2019〕54号。")
    url: str | None = Field(default=None, title="网址", description="来源网址。")
    note: str | None = Field(default=None, title="说明", description="如何读取该来源、有哪些局限。")


class Guideline(GpModel):
    """The national guideline (标准指引) a domain's catalogue follows; null fields are unknown."""

    model_config = ConfigDict(title="国家标准指引")

    issuer: str | None = Field(default=None, title="发文机关", description="印发文件的机关。")
    title: str | None = Field(default=None, title="标题", description="文件标题。")
    doc_no: str | None = Field(default=None, title="文号", description="发文字号,如 国办发〔2019〕54号。")
    date: dt.date | None = Field(
        default=None, title="印发日期", description="YYYY-MM-DD;来源没有写明时为 null。"
    )


class CompletenessStatus(StrEnum):
    """How much of the template a domain's data holds (完整程度)."""

    COMPLETE = "complete"
    """All rows of the template."""
    PARTIAL = "partial"
    """The first rows of the template; later rows are known to be missing."""
    THIN = "thin"
    """Only a few rows; most of the template is missing."""
    SKELETON = "skeleton"
    """The structure is reconstructed from local tables; the template itself was not seen."""


COMPLETENESS_LABELS = {
    CompletenessStatus.COMPLETE: "完整",
    CompletenessStatus.PARTIAL: "部分",
    CompletenessStatus.THIN: "很少",
    CompletenessStatus.SKELETON: "框架",
}


class Completeness(GpModel):
    """How complete a domain is against the national template, and what is known to be missing."""

    model_config = ConfigDict(title="完整程度")

    status: CompletenessStatus = Field(
        title="状态", description="complete 完整、partial 部分、thin 很少、skeleton 框架。"
    )
    template_rows: int | None = Field(
        default=None, ge=0, title="模板事项数", description="国家模板的二级事项数,来源写明时才填。"
    )
    template_note: str | None = Field(default=None, title="模板说明", description="模板事项数的出处。")
    missing: list[str] = Field(
        default_factory=list, title="已知缺失", description="已知缺失的模板事项或部分。"
    )
    caveats: list[str] = Field(default_factory=list, title="注意事项", description="读数据时要知道的局限。")


class _Ticks(GpModel):
    """Tick columns: true = ticked, false = known blank, null = could not be read (unknown, never "no")."""

    def __eq__(self, other: object) -> bool:
        # Three tick groups per item are compared on every diff; their fields are plain bools, so comparing the
        # dicts directly gives the same answer as BaseModel.__eq__ several times faster.
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # mutable, like every other model here


class Audience(_Ticks):
    """公开对象."""

    model_config = ConfigDict(title="公开对象")

    society: bool | None = Field(
        default=None, title="全社会", description="true 勾选,false 未勾选,null 无法读出。"
    )
    specific_groups: bool | None = Field(
        default=None, title="特定群体", description="true 勾选,false 未勾选,null 无法读出。"
    )


class Mode(_Ticks):
    """公开方式."""

    model_config = ConfigDict(title="公开方式")

    proactive: bool | None = Field(
        default=None, title="主动公开", description="true 勾选,false 未勾选,null 无法读出。"
    )
    on_request: bool | None = Field(
        default=None, title="依申请公开", description="true 勾选,false 未勾选,null 无法读出。"
    )


class Levels(_Ticks):
    """公开层级. 村级 is reserved for village/community pilot catalogues."""

    model_config = ConfigDict(title="公开层级")

    county: bool | None = Field(
        default=None, title="县级", description="true 勾选,false 未勾选,null 无法读出。"
    )
    township: bool | None = Field(
        default=None, title="乡级", description="true 勾选,false 未勾选,null 无法读出。"
    )
    village: bool | None = Field(default=None, title="村级", description="保留给村(居)务公开试点目录。")


class Item(GpModel):
    """事项: a node of the catalogue tree. 一级事项 hold 二级事项 in ``children``; deeper levels are allowed.

    Attributes left null are unknown in the source, never "no".
    """

    model_config = ConfigDict(title="事项")

    id: ItemId
    name: str | None = Field(title="事项名称", description="一级或二级事项名称;来源中看不到名称时为 null。")
    seq: int | None = Field(default=None, title="序号", description="来源表中的序号(见领域说明)。")
    contents: list[str] | None = Field(
        default=None, title="公开内容", description="公开内容(要素),每条一项。"
    )
    basis: list[Basis] | None = Field(
        default=None, title="公开依据", description="每条依据可写成原文字符串,载入时解析出引用的文件。"
    )
    deadline: Deadline | None = Field(
        default=None, title="公开时限", description="可写成原文字符串,载入时解析为结构。"
    )
    subject: str | None = Field(default=None, title="公开主体", description="公开主体原文。")
    channels: list[ChannelName] | None = Field(
        default=None,
        title="公开渠道和载体",
        description="勾选的渠道:13 个标准渠道之一,或在领域 extra_channels 中声明的地方渠道。null 表示未知。",
    )
    audience: Audience = Field(default_factory=Audience, title="公开对象", description="全社会、特定群体。")
    mode: Mode = Field(default_factory=Mode, title="公开方式", description="主动公开、依申请公开。")
    levels: Levels = Field(
        default_factory=Levels, title="公开层级", description="县级、乡级;村级保留给试点。"
    )
    source: str | None = Field(default=None, title="来源网址", description="该行取自的已公开目录网址。")
    caveats: list[str] = Field(
        default_factory=list, title="注意事项", description="该行数据的局限,如截断、推断。"
    )
    children: list[Item] = Field(
        default_factory=list, title="下级事项", description="一级事项下的二级事项,可再分更深层级。"
    )

    @field_validator("deadline", mode="before", json_schema_input_type=str | Deadline | None)
    @classmethod
    def _parse_deadline_text(cls, value: Any) -> Any:
        return parse_deadline(value) if isinstance(value, str) else value

    @field_validator("basis", mode="before", json_schema_input_type=list[str | Basis] | None)
    @classmethod
    def _parse_basis_text(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [parse_basis(v) if isinstance(v, str) else v for v in value]
        return value

    @property
    def subjects(self) -> list[str]:
        """The responsible bodies (公开主体) as a list, split on 、 where every part names an organ."""
        return split_subjects(self.subject)

    @property
    def is_leaf(self) -> bool:
        """True when the item has no children (a 二级事项 in the two-level template)."""
        return not self.children

    def walk(self, depth: int = 1) -> Iterator[tuple[int, Item]]:
        """Yield ``(depth, item)`` for this item and every descendant, depth-first in order (self is depth)."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


_ORGAN_SUFFIX = re.compile(
    r"(部门|政府|局|委|委员会|办事处|办|中心|站|所|院|厅|室|队|组|会|馆|处|科|单位|机构|公司|分局|大队)$"
)


def model_types(annotation: Any) -> list[type[BaseModel]]:
    """Return the pydantic model classes named in a field annotation (``list[Item] | None`` → ``[Item]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()):
        found.extend(model_types(arg))
    return found


def split_subjects(subject: str | None) -> list[str]:
    """Split 公开主体 text on 、 only when every part names an organ.

    ``"县级政府民政部门、乡镇政府(街道办事处)"`` → two bodies; ``"市、区两级人民政府民政部门"`` stays whole.
    """
    if not subject:
        return []
    parts = [p.strip() for p in re.split(r"[、;;]", subject) if p.strip()]
    bare = [re.sub(r"[((][^()()]*[))]$", "", p) for p in parts]
    if len(parts) > 1 and all(_ORGAN_SUFFIX.search(b) for b in bare):
        return parts
    return [subject.strip()]


class Domain(GpModel):
    """领域: one of the 26 domains, with its item tree and its provenance."""

    model_config = ConfigDict(title="领域")

    code: SafeId = Field(max_length=48, title="领域代码", description="拼音代码,如 shehui-jiuzhu。")
    number: int | None = Field(
        default=None, ge=1, title="领域序号", description="在 26 个领域中的序号(1-26)。"
    )
    name: str = Field(min_length=1, title="领域名称", description="如“社会救助”。")
    guideline: Guideline = Field(
        default_factory=Guideline,
        title="国家标准指引",
        description="本领域国家标准指引的发文机关、标题、文号、日期;未找到的为 null。",
    )
    sources: list[Source] = Field(
        default_factory=list, title="来源", description="据以整理本领域的已公开目录表。"
    )
    completeness: Completeness | None = Field(
        default=None, title="完整程度", description="与国家模板相比的完整程度和已知缺失。"
    )
    notes: str | None = Field(default=None, title="整理说明", description="整理数据时的说明原文。")
    extra_channels: list[str] = Field(
        default_factory=list,
        title="地方渠道",
        description="本领域使用的非标准渠道,在此声明后才可在事项中使用。",
    )
    items: list[Item] = Field(
        default_factory=list, title="事项", description="一级事项列表,二级事项在其 children 中。"
    )

    def walk(self) -> Iterator[tuple[int, Item]]:
        """Yield ``(depth, item)`` for every item of the domain, depth-first (一级事项 have depth 1)."""
        for item in self.items:
            yield from item.walk(1)

    def leaves(self) -> list[Item]:
        """Return the items without children (the rows of the published table)."""
        return [item for _depth, item in self.walk() if item.is_leaf]


class Catalogue(GpModel):
    """政务公开事项标准目录: metadata and the domains it holds."""

    model_config = ConfigDict(title="标准目录")

    id: SafeId = Field(max_length=64, title="目录编号", description="如 national。")
    title: str = Field(min_length=1, title="目录名称", description="目录的中文名称。")
    version: str = Field(min_length=1, title="版本", description="目录版本号,如 2019.1。")
    release_date: dt.date | None = Field(
        default=None, title="发布日期", description="本版本的发布日期,YYYY-MM-DD。"
    )
    scope: Scope = Field(
        title="目录层级", description="national、provincial、city、county、township 或 village。"
    )
    publisher: str | None = Field(default=None, title="发布单位", description="编制或发布本目录的单位。")
    place: str | None = Field(default=None, title="地方", description="地方目录所属的行政区划。")
    description: str | None = Field(default=None, title="说明", description="目录的说明文字。")
    sources: list[Source] = Field(
        default_factory=list, title="来源", description="据以编制的文件(发文机关、文号、网址)。"
    )
    caveats: list[str] = Field(
        default_factory=list, title="注意事项", description="使用本目录时要知道的局限。"
    )
    base: str | None = Field(
        default=None,
        title="基础目录",
        description="派生目录所依据的目录及版本,如 national@2026.1;本地调整写在 overlay.yaml 中。",
    )
    extensions: list[str] = Field(
        default_factory=list,
        title="扩展",
        description="本目录使用的试点扩展(名称或 名称@版本),如 cunwu。",
    )
    domains: list[Domain] = Field(
        default_factory=list, title="领域", description="在目录文件中不写;载入时从 domains/ 读取。"
    )

    def walk(self) -> Iterator[tuple[Domain, int, Item]]:
        """Yield ``(domain, depth, item)`` for every item of every domain, in order."""
        for domain in self.domains:
            for depth, item in domain.walk():
                yield domain, depth, item

    def items(self) -> Iterator[Item]:
        """Yield every item of the catalogue, depth-first."""
        for _domain, _depth, item in self.walk():
            yield item

    def domain(self, key: str | int) -> Domain:
        """Return the domain whose code, name or number is ``key`` (``"shehui-jiuzhu"``, ``"社会救助"``, ``18``).

        Raises:
            UnknownDomainError: no domain matches; the message lists the domains there are.
        """
        from gpcatalog.parsing.text import to_halfwidth, to_simplified

        text = str(key).strip()
        folded = to_simplified(to_halfwidth(text)).lower()
        for domain in self.domains:
            if folded in (domain.code, domain.name) or (
                domain.number is not None and folded.lstrip("0") == str(domain.number)
            ):
                return domain
        import difflib

        names = [d.name for d in self.domains]
        close = difflib.get_close_matches(folded, names, n=1, cutoff=0.5)
        if close:
            raise UnknownDomainError(f"没有领域“{text}”,您是不是要找“{close[0]}”?")
        raise UnknownDomainError(f"没有领域“{text}”。可用的领域:{'、'.join(names)}")

    def locate(self, item_id: str) -> tuple[Domain, list[Item]]:
        """Return the domain holding ``item_id`` and the path from its 一级事项 down to the item itself.

        Raises:
            UnknownItemError: no item has that id.
        """
        for domain in self.domains:
            found = _path_to(domain.items, item_id)
            if found:
                return domain, found
        raise UnknownItemError(f"目录 {self.id} 中没有编号为“{item_id}”的事项", item_id=item_id)

    def item(self, item_id: str) -> Item:
        """Return the item with id ``item_id``; raises :class:`UnknownItemError` (a ``KeyError``) if none."""
        return self.locate(item_id)[1][-1]


def _path_to(items: list[Item], item_id: str) -> list[Item]:
    for item in items:
        if item.id == item_id:
            return [item]
        below = _path_to(item.children, item_id)
        if below:
            return [item, *below]
    return []
