"""The documents catalogues cite (依据): a registry across catalogues, the item ↔ document graph, impact lists.

Citations are the same document when their 文号 are the same (normalised: 国令/国务院令 …, 〔〕); without a 文号,
when their titles are the same once 《》, white space and a leading 中华人民共和国 are set aside. Superseded
documents are recorded in ``catalogues/laws.yaml`` (old → new, date, source).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.parsing.basis import Citation, document_key, normalize_doc_no, title_key
from gpcatalog.schema.supersession import Supersession, superseded_by

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class Citing:
    """One item citing a document."""

    catalogue: str
    domain: Domain
    item: Item
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``catalogue``, ``domain`` (code), ``item`` (id), ``name``, ``basis`` (the text citing it)."""
        return {
            "catalogue": self.catalogue,
            "domain": self.domain.code,
            "item": self.item.id,
            "name": self.item.name,
            "basis": self.text,
        }


@dataclass
class Document:
    """A cited document: its key, the titles and 文号 it was cited with, and who cites it."""

    key: str
    titles: list[str] = field(default_factory=list)
    doc_no: str | None = None
    kind: str | None = None
    citing: list[Citing] = field(default_factory=list)
    superseded: Supersession | None = None

    @property
    def title(self) -> str:
        """The longest title the document was cited with (usually the full one)."""
        return max(self.titles, key=len) if self.titles else ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``key``, ``title``, ``doc_no``, ``kind``, ``items`` (how many cite it), ``catalogues``
        (which), ``superseded_by`` (the successor's label, or null)."""
        return {
            "key": self.key,
            "title": self.title,
            "doc_no": self.doc_no,
            "kind": self.kind,
            "items": len(self.citing),
            "catalogues": sorted({c.catalogue for c in self.citing}),
            "superseded_by": self.superseded.new_label if self.superseded else None,
        }


def _citations(catalogue: Catalogue) -> Iterator[tuple[Domain, Item, str, Citation]]:
    for domain, _depth, item in catalogue.walk():
        for basis in item.basis or []:
            for citation in basis.citations:
                yield domain, item, basis.text, citation


def registry(catalogues: Iterable[Catalogue]) -> dict[str, Document]:
    """Every document cited by ``catalogues``, keyed by :func:`document_key`, most cited first."""
    found: dict[str, Document] = {}
    titles: dict[str, str] = {}  # title key → key of a document with a 文号 cited under that title
    entries = [(c.id, d, i, t, cit) for c in catalogues for d, i, t, cit in _citations(c)]
    for _catalogue, _domain, _item, _text, citation in entries:
        if citation.doc_no and citation.title:
            titles.setdefault(title_key(citation.title), document_key(citation))
    for catalogue_id, domain, item, text, citation in entries:
        key = document_key(citation)
        if not citation.doc_no and citation.title and title_key(citation.title) in titles:
            pass  # a bare title is kept apart: the same title may name several revisions
        document = found.setdefault(key, Document(key=key))
        if citation.title and citation.title not in document.titles:
            document.titles.append(citation.title)
        if citation.doc_no and document.doc_no is None:
            document.doc_no = normalize_doc_no(citation.doc_no)
        if citation.kind is not None and document.kind is None:
            document.kind = citation.kind.value
        document.citing.append(Citing(catalogue_id, domain, item, text))
        if document.superseded is None:
            document.superseded = superseded_by(citation)
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[1].citing), kv[0])))


def law_graph(catalogues: Iterable[Catalogue]) -> nx.Graph:
    """A bipartite networkx graph: item nodes ``("item", catalogue, id)`` ↔ document nodes ``("doc", key)``;
    superseded documents link to their successors (``("doc", old)`` → attribute ``superseded_by``)."""
    import networkx as nx

    graph = nx.Graph()
    for key, document in registry(catalogues).items():
        graph.add_node(("doc", key), title=document.title, doc_no=document.doc_no, kind=document.kind)
        if document.superseded is not None:
            graph.nodes[("doc", key)]["superseded_by"] = document.superseded.new_label
        for citing in document.citing:
            node = ("item", citing.catalogue, citing.item.id)
            graph.add_node(node, name=citing.item.name, domain=citing.domain.code)
            graph.add_edge(node, ("doc", key))
    return graph


def impact(query: str, catalogues: Iterable[Catalogue]) -> list[Citing]:
    """Every item in ``catalogues`` citing the document ``query`` names: a 文号 (any bracket style) or a title
    (or part of one)."""
    wanted_no = normalize_doc_no(query) if re.search(r"\d", query) else None
    wanted_title = title_key(query)
    found: list[Citing] = []
    for document in registry(catalogues).values():
        by_no = wanted_no is not None and document.doc_no == wanted_no
        by_title = bool(wanted_title) and any(wanted_title in title_key(t) for t in document.titles)
        if by_no or by_title:
            found.extend(document.citing)
    return found
