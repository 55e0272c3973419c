"""公开依据 parser: every real entry of the national catalogue, and hand-checked citations."""

from __future__ import annotations

from collections import Counter

import pytest

from gpcatalog.parsing.basis import Citation, DocKind, KindSource, normalize_doc_no, parse_basis
from tests.helpers import basis_texts


@pytest.mark.parametrize("text", basis_texts())
def test_every_real_basis_parses_and_keeps_its_text(text: str) -> None:
    basis = parse_basis(text)
    assert basis.text == text
    if "《" in text:
        assert basis.citations and all(c.title for c in basis.citations)


def test_real_bases_by_kind() -> None:
    kinds = Counter(c.kind for text in basis_texts() for c in parse_basis(text).citations)
    assert kinds == {
        DocKind.NORMATIVE_DOCUMENT: 90,
        DocKind.LAW: 48,
        DocKind.ADMINISTRATIVE_REGULATION: 34,
        DocKind.OTHER: 25,
        DocKind.DEPARTMENTAL_RULE: 4,
        DocKind.LOCAL_REGULATION: 1,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "《中华人民共和国政府信息公开条例》(国令第711号)",
            Citation(
                title="中华人民共和国政府信息公开条例",
                doc_no="国务院令第711号",
                kind=DocKind.ADMINISTRATIVE_REGULATION,
                kind_source=KindSource.NUMBER,
            ),
        ),
        (
            "《中华人民共和国政府信息公开条例》（中华人民共和国国务院令第711号）",
            Citation(
                title="中华人民共和国政府信息公开条例",
                doc_no="国务院令第711号",
                kind=DocKind.ADMINISTRATIVE_REGULATION,
                kind_source=KindSource.NUMBER,
            ),
        ),
        (
            "【法律】《中华人民共和国行政许可法》（中华人民共和国主席令第7号）",
            Citation(
                title="中华人民共和国行政许可法",
                doc_no="主席令第7号",
                kind=DocKind.LAW,
                kind_source=KindSource.TAG,
            ),
        ),
        (
            "【部门规章及规范性文件】《关于做好2017年国家基本公共卫生服务项目工作的通知》（国卫基层发〔2017〕46号）",
            Citation(
                title="关于做好2017年国家基本公共卫生服务项目工作的通知",
                doc_no="国卫基层发〔2017〕46号",
                kind=DocKind.NORMATIVE_DOCUMENT,
                kind_source=KindSource.NUMBER,
            ),
        ),
        (
            "《财政部关于印发<地方预决算公开操作规程>的通知》(财预〔2016〕143号)",
            Citation(
                title="财政部关于印发〈地方预决算公开操作规程〉的通知",
                doc_no="财预〔2016〕143号",
                kind=DocKind.NORMATIVE_DOCUMENT,
                kind_source=KindSource.NUMBER,
            ),
        ),
        (
            "《招标公告和公示信息发布管理办法》(国家发展改革委2017年第10号令)",
            Citation(
                title="招标公告和公示信息发布管理办法",
                doc_no="国家发展改革委2017年第10号令",
                kind=DocKind.DEPARTMENTAL_RULE,
                kind_source=KindSource.NUMBER,
            ),
        ),
        (
            "《就业服务与就业管理规定》(中华人民共和国人力资源和社会保障部令第23号)",
            Citation(
                title="就业服务与就业管理规定",
                doc_no="人力资源和社会保障部令第23号",
                kind=DocKind.DEPARTMENTAL_RULE,
                kind_source=KindSource.NUMBER,
            ),
        ),
        (
            "《户口登记条例》第七条",
            Citation(
                title="户口登记条例",
                kind=DocKind.ADMINISTRATIVE_REGULATION,
                kind_source=KindSource.TITLE,
                article="第七条",
            ),
        ),
        ("《城乡规划法》", Citation(title="城乡规划法", kind=DocKind.LAW, kind_source=KindSource.TITLE)),
        (
            "《四川省消毒管理条例》",
            Citation(title="四川省消毒管理条例", kind=DocKind.LOCAL_REGULATION, kind_source=KindSource.TITLE),
        ),
        (
            "《城市市容和环境卫生管理条例》",
            Citation(
                title="城市市容和环境卫生管理条例",
                kind=DocKind.ADMINISTRATIVE_REGULATION,
                kind_source=KindSource.TITLE,
            ),
        ),
        ("《文化馆服务标准》(GB/T 32939—2016)", Citation(title="文化馆服务标准", doc_no="GB/T 32939—2016")),
        ("《养老机构管理办法》", Citation(title="养老机构管理办法")),
    ],
)
def test_sample(text: str, expected: Citation) -> None:
    assert parse_basis(text).citations == (expected,)


def test_generic_text_names_no_document() -> None:
    assert parse_basis("各地相关政策法规文件").citations == ()


def test_titles_inside_a_note_belong_to_the_note() -> None:
    text = "【行政法规】《疫苗流通和预防接种管理条例》（中华人民共和国国务院令第434号，2016年4月23日《国务院关于修改<疫苗流通和预防接种管理条例>的决定》修订）"
    citations = parse_basis(text).citations
    assert [c.title for c in citations] == ["疫苗流通和预防接种管理条例"]
    assert citations[0].doc_no == "国务院令第434号"


def test_several_titles_in_one_entry() -> None:
    citations = parse_basis("《土地管理法》《城乡规划法》(主席令第74号)").citations
    assert [(c.title, c.doc_no) for c in citations] == [("土地管理法", None), ("城乡规划法", "主席令第74号")]


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("国发[2016]14号", "国发〔2016〕14号"),
        ("国发(2016)14号", "国发〔2016〕14号"),
        ("国发﹝2016﹞14号", "国发〔2016〕14号"),
        ("国发【2016】14号", "国发〔2016〕14号"),
        ("国发［2016］14号", "国发〔2016〕14号"),
        ("国发（2016）14号", "国发〔2016〕14号"),
        ("文市函〔2015)627号", "文市函〔2015〕627号"),
        ("国令第492号", "国务院令第492号"),
        ("中华人民共和国国务院令710号", "国务院令第710号"),
        ("中华人民共和国主席令第7号", "主席令第7号"),
        ("GB T 32939-2016", "GB/T 32939—2016"),
    ],
)
def test_doc_no_variants_are_one_document(raw: str, canonical: str) -> None:
    assert normalize_doc_no(raw) == canonical
