"""Quarterly site inspection (季度巡查): crawl a government website (or a saved copy of it) along its column map and
report 断链, 错链, 内容混杂 and 空白栏目.

``gpcatalog inspect URL|FOLDER --columns MAP`` ↔ :func:`inspect_site`.
"""

from gpcatalog.inspect.crawl import Page, crawl
from gpcatalog.inspect.findings import KINDS, Finding, Inspection, inspect_site

__all__ = ["KINDS", "Finding", "Inspection", "Page", "crawl", "inspect_site"]
