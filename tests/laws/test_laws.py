"""The document registry, the item ↔ document graph, impact lists and superseded citations."""

from __future__ import annotations

import gpcatalog
from gpcatalog.laws import document_key, impact, law_graph, registry, title_key
from tests.helpers import invoke


def test_same_doc_no_is_the_same_document() -> None:
    national = gpcatalog.load()
    documents = registry([national])
    law = documents["doc:国务院令第711号"]
    assert (law.title, law.kind, len(law.citing)) == ("中华人民共和国政府信息公开条例", "行政法规", 167)
    assert title_key("《中华人民共和国政府信息公开条例》") == title_key("政府信息公开条例")
    citation = gpcatalog.parse_basis("《中华人民共和国政府信息公开条例》(国令第711号)").citations[0]
    assert document_key(citation) == "doc:国务院令第711号"


def test_bare_titles_and_short_titles_join_the_current_document() -> None:
    """142 items cite 《政府信息公开条例》 without 文号, 21 with 国务院令第711号, 4 as 《信息公开条例》: one document."""
    national = gpcatalog.load()
    documents = registry([national])
    assert "title:政府信息公开条例" not in documents and "title:信息公开条例" not in documents
    law = documents["doc:国务院令第711号"]
    ids = {c.item.id for c in law.citing}
    assert len(ids) == len(law.citing) == 167
    assert {"shehui-jiuzhu-005", "yanglao-fuwu-011"} <= ids
    by_no = [(c.catalogue, c.item.id) for c in impact("国务院令第711号", [national])]
    by_title = [(c.catalogue, c.item.id) for c in impact("政府信息公开条例", [national])]
    assert by_no == by_title and len(by_no) == 167
    code, out = invoke("laws", "-c", "national", "--limit", "1")
    assert (
        code == 0
        and out.splitlines()[0]
        == "《中华人民共和国政府信息公开条例》(国务院令第711号) [行政法规]:167 个事项(national)"
    )


def test_graph_links_items_and_documents() -> None:
    graph = law_graph([gpcatalog.load()])
    neighbours = sorted(n[2] for n in graph.neighbors(("doc", "doc:主席令第104号")))
    assert neighbours == [
        "huanjing-baohu-003",
        "huanjing-baohu-006",
        "huanjing-baohu-007",
        "huanjing-baohu-008",
        "huanjing-baohu-009",
    ]


def test_impact_across_catalogues_and_superseded_documents() -> None:
    old, haifeng = gpcatalog.load("national@2019.1"), gpcatalog.load("haifeng-yanglao")
    found = impact("环境噪声污染防治法", [old, haifeng])
    assert [(c.catalogue, c.item.id) for c in found] == [
        ("national", f"huanjing-baohu-00{n}") for n in (3, 6, 7, 8, 9)
    ]
    document = registry([old])["title:环境噪声污染防治法"]
    assert (
        document.superseded is not None
        and document.superseded.new_label == "《中华人民共和国噪声污染防治法》(主席令第104号)"
    )
    report = gpcatalog.validate("national@2019.1")
    warned = sorted(i.item_id or "" for i in report.issues if i.code == "superseded-citation")
    assert warned == [
        "huanjing-baohu-003",
        "huanjing-baohu-006",
        "huanjing-baohu-007",
        "huanjing-baohu-008",
        "huanjing-baohu-009",
        "yiliao-weisheng-013",
    ]
    assert not [i for i in gpcatalog.validate().issues if i.code == "superseded-citation"]


def test_laws_and_impact_commands() -> None:
    code, out = invoke("laws", "-c", "national@2019.1", "--limit", "200")
    assert code == 0
    assert (
        "《中华人民共和国执业医师法》(主席令第5号) [法律]:1 个事项(national) 已被《中华人民共和国医师法》(主席令第94号)取代"
        in out
    )
    code, out = invoke("impact", "主席令第94号")
    assert (code, out.splitlines()[-1]) == (0, "共 1 个事项引用“主席令第94号”")
    code, out = invoke("impact", "不存在的文件")
    assert (code, out.splitlines()[-1]) == (1, "共 0 个事项引用“不存在的文件”")


def test_a_revision_under_the_same_title_is_matched_by_doc_no() -> None:
    from gpcatalog.schema.supersession import superseded_by

    old = gpcatalog.parse_basis("《中华人民共和国政府信息公开条例》(国令第492号)").citations[0]
    new = gpcatalog.parse_basis("《中华人民共和国政府信息公开条例》(国务院令第711号)").citations[0]
    bare = gpcatalog.parse_basis("《政府信息公开条例》").citations[0]
    replaced = superseded_by(old)
    assert (
        replaced is not None and replaced.new_label == "《中华人民共和国政府信息公开条例》(国务院令第711号)"
    )
    assert superseded_by(new) is None and superseded_by(bare) is None
