"""The documents catalogues cite (依据): a registry across catalogues, the item ↔ document graph, impact lists.

Citations are the same document when their 文号 are the same (normalised: 国令/国务院令 …, 〔〕); without a 文号,
when their titles are the same once 《》, white space and a leading 中华人民共和国 are set aside, and such a bare
title joins the current (not superseded) document of that title. Short titles (《信息公开条例》) are listed with
their full titles in ``catalogues/laws.yaml``. Superseded
documents are recorded in ``catalogues/laws.yaml`` (old → new, date, source).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gpcatalog.model import Catalogue, Domain, Item
from gpcatalog.parsing.basis import Citation, document_key, normalize_doc_no, title_key
from gpcatalog.schema.supersession import Supersession, abbreviations, superseded_by

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


def _current_by_title(entries: list[tuple[str, Domain, Item, str, Citation]]) -> dict[str, str]:
    """Title key → key of the one current (not superseded) document cited with that title and a 文号."""
    keys: dict[str, set[str]] = {}
    for *_rest, citation in entries:
        if citation.doc_no and citation.title and superseded_by(citation) is None:
            keys.setdefault(title_key(citation.title), set()).add(document_key(citation))
    return {title: next(iter(found)) for title, found in keys.items() if len(found) == 1}


def _key(citation: Citation, current: dict[str, str], short: dict[str, str]) -> tuple[str, str | None]:
    """The document a citation belongs to, and the title to record: an abbreviation stands for its full
    title; a bare title joins the current document of that title (the revision in force) when there is one."""
    title = citation.title
    if title and title_key(title) in short:
        title = short[title_key(title)]
    if citation.doc_no:
        return document_key(citation), title
    bare = title_key(title)
    return current.get(bare, f"title:{bare}"), title


def registry(catalogues: Iterable[Catalogue]) -> dict[str, Document]:
    """Every document cited by ``catalogues``, most cited first. Citations are one document when they share a
    文号; a citation by title alone (or by a short title in ``catalogues/laws.yaml``) joins the current document
    of that title, so 《政府信息公开条例》 and 《…条例》(国务院令第711号) are one. An item citing a document twice
    counts once."""
    found: dict[str, Document] = {}
    entries = [(c.id, d, i, t, cit) for c in catalogues for d, i, t, cit in _citations(c)]
    short = abbreviations()
    current = _current_by_title(entries)
    seen: set[tuple[str, str, str]] = set()
    for catalogue_id, domain, item, text, citation in entries:
        key, title = _key(citation, current, short)
        document = found.setdefault(key, Document(key=key))
        if title and title not in document.titles:
            document.titles.append(title)
        if citation.doc_no and document.doc_no is None:
            document.doc_no = normalize_doc_no(citation.doc_no)
        if citation.kind is not None and document.kind is None:
            document.kind = citation.kind.value
        if document.superseded is None:
            document.superseded = superseded_by(citation)
        if (key, catalogue_id, item.id) not in seen:
            seen.add((key, catalogue_id, item.id))
            document.citing.append(Citing(catalogue_id, domain, item, text))
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
