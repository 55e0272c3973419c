"""Findings of a site inspection (季度巡查): 断链, 错链, 内容混杂, 空白栏目, each with column, page, link and
evidence. :func:`inspect_site` crawls and judges; jieba is imported inside the scoring function."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gpcatalog.inspect.crawl import Page, crawl

KINDS = ("断链", "错链", "内容混杂", "空白栏目")
SOFT_404 = re.compile(r"页面不存在|您访问的页面不存在|页面未找到|\b404\b")


@dataclass
class Finding:
    """One problem found: its kind (one of :data:`KINDS`), the column, the page, the link and the evidence."""

    kind: str
    column: str
    page: str
    link: str
    evidence: str


@dataclass
class Inspection:
    """The result of :func:`inspect_site`: the start address, pages fetched, redirects met, and the findings."""

    start: str
    pages: int
    redirects: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind listed."""
        return {kind: sum(f.kind == kind for f in self.findings) for kind in KINDS}

    def by_column(self) -> dict[str, dict[str, int]]:
        """Findings per column and kind."""
        found: dict[str, dict[str, int]] = {}
        for finding in self.findings:
            row = found.setdefault(finding.column, dict.fromkeys(KINDS, 0))
            row[finding.kind] += 1
        return found

    def to_data(self) -> dict[str, Any]:
        """The inspection as JSON-ready data."""
        return {
            "start": self.start,
            "pages": self.pages,
            "counts": self.counts(),
            "by_column": self.by_column(),
            "redirects": self.redirects,
            "findings": [asdict(f) for f in self.findings],
        }


def _broken(page: Page) -> str | None:
    if page.error:
        return page.error
    if page.status >= 400:
        return f"HTTP {page.status}"
    if page.status == 200 and SOFT_404.search(page.title + " " + page.text[:500]):
        return f"HTTP 200,但页面写着“{SOFT_404.search(page.title + ' ' + page.text[:500]).group(0)}”"  # type: ignore[union-attr]
    return None


def _tokens(text: str) -> set[str]:
    import jieba  # type: ignore[import-untyped]

    return {t for t in jieba.lcut(text) if len(t.strip()) >= 2}


def inspect_site(
    start: str | Path,
    columns: str | Path | None = None,
    *,
    catalogue: Any = None,
    max_pages: int = 500,
    workers: int = 4,
    timeout: float = 10.0,
    delay: float = 0.2,
) -> Inspection:
    """Crawl ``start`` (an http(s) address or a folder holding a saved copy) and check it against the column map
    ``columns`` (default: the bundled national default map) and ``catalogue`` (default: the map's catalogue)."""
    from gpcatalog.columns import expand, read_map
    from gpcatalog.loading import load

    column_map = read_map(columns)
    if catalogue is None:
        catalogue = load(column_map.catalogue) if column_map.catalogue else load()
    start_url, pages = crawl(start, max_pages=max_pages, workers=workers, timeout=timeout, delay=delay)
    host = urlsplit(start_url).netloc
    items = {item.id: item for domain in catalogue.domains for _depth, item in domain.walk()}
    expanded = expand(column_map, catalogue)
    paths = {c.id: c.path for c in column_map.columns if c.path}
    leaves = {cid for cid, ids in expanded.items() if ids and cid in paths}

    def column_of(url: str) -> str | None:
        path = urlsplit(url).path or "/"
        best = [(len(p), cid) for cid, p in paths.items() if path.startswith(p)]
        return max(best)[1] if best else None

    def is_column_page(url: str) -> bool:
        return (urlsplit(url).path or "/") in paths.values()

    result = Inspection(start_url, len(pages))
    for page in pages.values():
        if page.redirects:
            result.redirects[page.url] = page.final_url
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, column: str | None, page: str, link: str, evidence: str) -> None:
        if (kind, page, link) not in seen:
            seen.add((kind, page, link))
            result.findings.append(Finding(kind, column or "", page, link, evidence))

    for page in pages.values():
        if _broken(page):
            continue
        own = column_of(page.final_url) if is_column_page(page.final_url) else None
        entries = 0
        for link in page.links:
            target = pages.get(link)
            if urlsplit(link).netloc != host:
                if own in leaves:
                    add("错链", own, page.url, link, f"栏目中的链接指向站外:{urlsplit(link).netloc}")
                continue
            if target is None:
                continue
            reason = _broken(target)
            if reason:
                add("断链", column_of(page.final_url), page.url, link, reason)
                continue
            if own not in leaves or is_column_page(target.final_url):
                continue
            other = column_of(target.final_url)
            if other is None:  # the home page and other pages outside every column: navigation
                continue
            if other == own:
                entries += 1
            else:
                add("错链", own, page.url, link, f"指向其他栏目“{other}”的页面:{target.final_url}")
        if (
            own in leaves
            and entries == 0
            and not any(column_of(link) == own and not is_column_page(link) for link in page.links)
        ):
            add("空白栏目", own, page.url, "", "栏目页面上没有任何条目")

    vocab = {
        cid: _tokens(
            " ".join(f"{items[i].name or ''} {' '.join(items[i].contents or [])}" for i in ids if i in items)
        )
        for cid, ids in expanded.items()
        if cid in leaves
    }
    for page in pages.values():
        own = column_of(page.final_url)
        if own not in leaves or is_column_page(page.final_url) or _broken(page):
            continue
        words = _tokens(f"{page.title} {page.text}")
        scores = {cid: len(words & vocab[cid]) for cid in vocab}
        best = max(scores, key=lambda cid: (scores[cid], cid == own))
        if best != own and scores[best] > scores[own]:
            shared = "、".join(sorted(words & vocab[best])[:5])
            add(
                "内容混杂",
                own,
                page.url,
                "",
                f"内容更像栏目“{best}”({scores[best]} 个词相符:{shared}),本栏目仅 {scores[own]} 个",
            )
    result.findings.sort(key=lambda f: (KINDS.index(f.kind), f.column, f.page, f.link))
    return result
