"""公开依据 (legal basis) cells → structured citations.

A basis cell cites one or more documents: "《中华人民共和国政府信息公开条例》(国务院令第711号)",
"【法律】《中华人民共和国行政许可法》（中华人民共和国主席令第7号）", "《户口登记条例》第七条",
"各地相关政策法规文件". :func:`parse_basis` finds each title (inside 《》), its 文号 (normalising 〔〕 [] ()
﹝﹞ 【】 variants, so the same document gets the same number however it is typed), an article, and the kind
of document, from a 【】 tag, from the number's pattern, or from the title.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from pydantic import ConfigDict, Field

from gpcatalog.base import GpModel
from gpcatalog.parsing.text import match_key, normalize_year_brackets, squash_space, to_halfwidth


class DocKind(StrEnum):
    """Kind of a cited document (文件类型)."""

    LAW = "法律"
    ADMINISTRATIVE_REGULATION = "行政法规"
    DEPARTMENTAL_RULE = "部门规章"
    LOCAL_REGULATION = "地方性法规"
    NORMATIVE_DOCUMENT = "规范性文件"
    OTHER = "其他"


class KindSource(StrEnum):
    """Where the kind of a citation was read from (类型判断依据)."""

    TAG = "tag"
    """A 【法律】-style tag in the cell."""
    NUMBER = "number"
    """The pattern of the 文号 (国令 → 行政法规, 〔年〕号 → 规范性文件, …)."""
    TITLE = "title"
    """The title (…法 → 法律, …条例 → 行政法规 or 地方性法规, 关于…通知 → 规范性文件)."""
    NONE = "none"
    """Nothing to go on: kind is 其他."""


class Citation(GpModel):
    """One cited document."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, title="引用文件")

    title: str | None = Field(
        default=None, title="标题", description="《》内的文件标题,去掉书名号;没有书名号时为空。"
    )
    doc_no: str | None = Field(
        default=None,
        title="文号",
        description="规范化后的文号:年份括号统一为〔〕,国务院令、主席令去掉“中华人民共和国”前缀和写法差异。",
    )
    kind: DocKind = Field(
        default=DocKind.OTHER,
        title="文件类型",
        description="法律、行政法规、部门规章、地方性法规、规范性文件或其他。",
    )
    kind_source: KindSource = Field(
        default=KindSource.NONE, title="类型判断依据", description="文件类型是从标签、文号还是标题判断的。"
    )
    article: str | None = Field(default=None, title="条款", description="引用的具体条款,如“第七条”。")


class Basis(GpModel):
    """公开依据: one basis entry as written, and the documents it cites."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, title="公开依据")

    text: str = Field(title="原文", description="依据的原文,照录。")
    citations: tuple[Citation, ...] = Field(
        default=(),
        title="引用文件",
        description="从原文中解析出的文件;原文只是泛指(如“各地相关政策法规文件”)时为空。",
    )


_TAGS: dict[str, DocKind | None] = {
    "法律": DocKind.LAW,
    "行政法规": DocKind.ADMINISTRATIVE_REGULATION,
    "部门规章": DocKind.DEPARTMENTAL_RULE,
    "地方性法规": DocKind.LOCAL_REGULATION,
    "规范性文件": DocKind.NORMATIVE_DOCUMENT,
    "部门规章及规范性文件": None,  # ambiguous: decided by the number or title
    "其他": DocKind.OTHER,
}

_YEAR = r"[〔\[(﹝【［（]\s*\d{4}\s*[〕\])﹞】］）]"
_DOC_NO_RES: list[tuple[re.Pattern[str], DocKind]] = [
    # 国务院令第711号, 国令第492号, 中华人民共和国国务院令710号
    (
        re.compile(r"(?:中华人民共和国)?(?:国务院令|国令)\s*(?:第)?\s*(\d+)\s*号"),
        DocKind.ADMINISTRATIVE_REGULATION,
    ),
    # 主席令第7号
    (re.compile(r"(?:中华人民共和国)?主席令\s*(?:第)?\s*(\d+)\s*号"), DocKind.LAW),
    # 国家发展改革委2017年第10号令
    (re.compile(r"[\u4e00-\u9fa5]{2,20}\d{4}年第\d+号令"), DocKind.DEPARTMENTAL_RULE),
    # 人力资源和社会保障部令第23号, 国家食品药品监督管理总局令第23号, 国家卫生健康委员会令第2号
    (
        re.compile(
            r"(?:中华人民共和国)?[\u4e00-\u9fa5]{1,20}(?:部|总局|委员会|委|署|局|行)令\s*第?\s*\d+\s*号"
        ),
        DocKind.DEPARTMENTAL_RULE,
    ),
    # 国办发〔2017〕94号, 文财务发[2011]5号, 财预〔2016〕143号
    (re.compile(rf"[\u4e00-\u9fa5]{{1,12}}{_YEAR}\s*\d+\s*号"), DocKind.NORMATIVE_DOCUMENT),
    # 公告2009年第1号
    (re.compile(r"公告\s*\d{4}\s*年第\s*\d+\s*号"), DocKind.NORMATIVE_DOCUMENT),
    # GB/T 32939—2016 (a national standard)
    (re.compile(r"GB(?:/T|/Z)?\s*\d+(?:\.\d+)?\s*[—\-–]\s*\d{4}"), DocKind.OTHER),
]

_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|"
    "云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
# A 条例 made by a province or a city with legislative power is a 地方性法规; "城市…条例" is not a place.
_LOCAL_RE = re.compile(
    rf"^(?:{_PROVINCES})|^(?!城市|城镇)[\u4e00-\u9fa5]{{2,4}}(?:市|自治州|州|盟)(?!场|容|政|民)"
)


def normalize_doc_no(doc_no: str) -> str:
    """Return the canonical form of a 文号, so that the same document gets the same number.

    ``中华人民共和国国务院令第711号``, ``国令第711号`` and ``国务院令711号`` → ``国务院令第711号``;
    ``文财务发[2011]5号`` → ``文财务发〔2011〕5号``; ``GB T 32939-2016`` → ``GB/T 32939—2016``.
    """
    text = squash_space(doc_no)
    text = normalize_year_brackets(text)
    match = re.fullmatch(r"(?:中华人民共和国)?(?:国务院令|国令)\s*(?:第)?\s*(\d+)\s*号", text)
    if match:
        return f"国务院令第{match.group(1)}号"
    match = re.fullmatch(r"(?:中华人民共和国)?主席令\s*(?:第)?\s*(\d+)\s*号", text)
    if match:
        return f"主席令第{match.group(1)}号"
    match = re.fullmatch(r"(?:中华人民共和国)?(.+?令)\s*第?\s*(\d+)\s*号", text)
    if match and not match.group(1).endswith("号令"):
        return f"{match.group(1)}第{match.group(2)}号"
    match = re.fullmatch(r"GB\s*(/?[TZ])?\s*(\d+(?:\.\d+)?)\s*[—\-–]\s*(\d{4})", text.replace("GB T", "GB/T"))
    if match:
        prefix = "GB/" + match.group(1).lstrip("/") if match.group(1) else "GB"
        return f"{prefix} {match.group(2)}—{match.group(3)}"
    return re.sub(r"\s+", "", text)


def find_doc_no(text: str) -> tuple[str, DocKind] | None:
    """Return the first 文号 in ``text`` (normalised) and the kind of document its pattern implies."""
    text = normalize_year_brackets(to_halfwidth(text).replace("GB T", "GB/T"))
    for pattern, kind in _DOC_NO_RES:
        match = pattern.search(text)
        if match:
            return normalize_doc_no(match.group(0)), kind
    return None


def kind_from_title(title: str) -> DocKind | None:
    """Guess the kind of a document from its title alone; ``None`` when the title says nothing reliable."""
    core = re.sub(r"\([^()]*\)$", "", to_halfwidth(title)).strip()
    if core.endswith("法") and not core.endswith(("办法", "方法")):
        return DocKind.LAW
    if re.search(r"条例$", core):
        local = _LOCAL_RE.search(core.removeprefix("中华人民共和国"))
        return DocKind.LOCAL_REGULATION if local else DocKind.ADMINISTRATIVE_REGULATION
    if re.search(r"(关于|通知|意见|决定|方案|规划|公告)", core):
        return DocKind.NORMATIVE_DOCUMENT
    return None


def _split_titles(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (title, the text that follows it up to the next title) pairs."""
    pairs: list[tuple[str, str]] = []
    depth = 0
    start = -1
    title_spans: list[tuple[int, int]] = []
    parens = 0
    for index, char in enumerate(text):
        if char in "(（" and depth == 0:
            parens += 1
        elif char in ")）" and depth == 0 and parens:
            parens -= 1
        elif parens:
            continue  # a title inside a parenthesised note belongs to the note ("(…《…的决定》修订)")
        elif char == "《":
            if depth == 0:
                start = index
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                title_spans.append((start, index))
    for number, (begin, end) in enumerate(title_spans):
        following_end = title_spans[number + 1][0] if number + 1 < len(title_spans) else len(text)
        pairs.append((text[begin + 1 : end], text[end + 1 : following_end]))
    return pairs


def _normalise_title(title: str) -> str:
    title = squash_space(title)
    # Nested titles are written 〈〉, <>, 《》 or ＜＞ inside a title; use 〈〉.
    title = re.sub(r"[<＜《]", "〈", title)
    return re.sub(r"[>＞》]", "〉", title)


@lru_cache(maxsize=8192)
def parse_basis(text: str) -> Basis:
    """Parse one 公开依据 entry into a :class:`Basis` with its citations.

    Args:
        text: one basis as written (a cell may hold several; the table reader splits lines first).

    Returns:
        A frozen :class:`Basis`; ``citations`` is empty when the text names no document
        ("各地相关政策法规文件"), and holds one citation per 《》 title otherwise.
    """
    cleaned = squash_space(text)
    tag_kind: DocKind | None = None
    tag_match = re.match(r"^\s*【([^】]+)】", cleaned)
    if tag_match and tag_match.group(1) in _TAGS:
        tag_kind = _TAGS[tag_match.group(1)]
        cleaned = cleaned[tag_match.end() :]
    pairs = _split_titles(cleaned)
    if not pairs:
        # A bare 文号 without a title still identifies a document.
        found = find_doc_no(cleaned)
        if found:
            return Basis(
                text=text,
                citations=(Citation(doc_no=found[0], kind=found[1], kind_source=KindSource.NUMBER),),
            )
        return Basis(text=text)
    citations: list[Citation] = []
    for raw_title, following in pairs:
        title = _normalise_title(raw_title)
        article_match = re.match(
            r"^\s*(第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?)", following
        )
        found = find_doc_no(following.split("《")[0])
        kind, source = DocKind.OTHER, KindSource.NONE
        if tag_kind is not None:
            kind, source = tag_kind, KindSource.TAG
        elif found and found[1] != DocKind.OTHER:
            kind, source = found[1], KindSource.NUMBER
        else:
            guessed = kind_from_title(title)
            if guessed is not None:
                kind, source = guessed, KindSource.TITLE
        citations.append(
            Citation(
                title=title,
                doc_no=found[0] if found else None,
                kind=kind,
                kind_source=source,
                article=article_match.group(1) if article_match else None,
            )
        )
    return Basis(text=text, citations=tuple(citations))


def title_key(title: str | None) -> str:
    """A title for comparing documents: ``《中华人民共和国政府信息公开条例》`` and ``政府信息公开条例`` give the same key
    (white space, width, traditional characters, 《》 and a leading 中华人民共和国 set aside)."""
    key = match_key(title or "").strip("《》<>")
    return re.sub(r"^中华人民共和国", "", key)


def document_key(citation: Citation) -> str:
    """Which document a citation names: ``doc:国务院令第711号`` when it has a 文号 (same 文号, same document),
    else ``title:政府信息公开条例``."""
    if citation.doc_no:
        return f"doc:{normalize_doc_no(citation.doc_no)}"
    return f"title:{title_key(citation.title)}"
