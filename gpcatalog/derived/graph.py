"""The lineage of catalogues (国家 → 省 → 县 → 乡 → 村) as a networkx DAG."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpcatalog.errors import DerivedError, GpCatalogError
from gpcatalog.loading import _name
from gpcatalog.store.package import read_raw
from gpcatalog.store.reference import CATALOGUE_FILE, resolve_location
from gpcatalog.store.resources import bundled_catalogue_names

if TYPE_CHECKING:
    import networkx as nx


def lineage(locations: Iterable[str | Path] | None = None) -> nx.DiGraph:
    """The DAG of catalogues: an edge from each base to the catalogues derived from it.

    Nodes carry ``scope`` and ``title``; a base reference is resolved to the catalogue it names (its version is
    kept on the edge).

    Raises:
        DerivedError: a base that cannot be found, or bases that form a cycle.
    """
    import networkx as nx

    graph = nx.DiGraph()
    pending = list(locations) if locations is not None else list(bundled_catalogue_names())
    seen: set[str] = set()
    while pending:
        location = pending.pop(0)
        display, folder = resolve_location(location)
        if display in seen:
            continue
        seen.add(display)
        raw = read_raw(folder / CATALOGUE_FILE, _name(display, folder, CATALOGUE_FILE))
        data: dict[str, Any] = raw.data if isinstance(raw.data, dict) else {}
        graph.add_node(display, scope=data.get("scope"), title=data.get("title"))
        reference = data.get("base")
        if isinstance(reference, str):
            base_location, _, version = reference.partition("@")
            try:
                base_display, _folder = resolve_location(base_location or None)
            except GpCatalogError as exc:
                raise DerivedError(f"目录“{display}”的基础目录“{reference}”不存在", file=raw.name) from exc
            graph.add_edge(base_display, display, version=version or None)
            pending.append(base_location)
    cycles = list(nx.simple_cycles(graph))
    if cycles:
        raise DerivedError(f"基础目录形成循环:{' → '.join(cycles[0] + cycles[0][:1])}")
    return graph


def lineage_lines(graph: nx.DiGraph) -> list[str]:
    """The lineage as an indented tree: ``national(national)`` then ``  └ haifeng-yanglao(county,基于 2026.1)``."""
    lines: list[str] = []

    def walk(node: str, depth: int) -> None:
        data = graph.nodes[node]
        edge = next(iter(graph.in_edges(node, data=True)), None)
        version = f",基于 {edge[2]['version']}" if edge and edge[2].get("version") else ""
        prefix = "  " * (depth - 1) + ("└ " if depth else "")
        lines.append(f"{prefix}{node}({data.get('scope') or '?'}{version}){data.get('title') or ''}")
        for child in sorted(graph.successors(node)):
            walk(child, depth + 1)

    for root in sorted(n for n in graph.nodes if graph.in_degree(n) == 0):
        walk(root, 0)
    return lines
