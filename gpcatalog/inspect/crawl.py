"""The crawler: fetch pages of one site (over HTTP, or from a folder holding a saved copy), follow links on the
start host, up to a page cap. Heavy imports (httpx, selectolax, charset_normalizer) happen inside functions."""

from __future__ import annotations

import re
import threading
import time
import urllib.robotparser
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from gpcatalog.errors import InspectError

USER_AGENT = "gpcatalog-inspect/1 (site inspection)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


@dataclass
class Page:
    """One fetched address: its status (0 when the connection failed), redirects, title, text and links."""

    url: str
    status: int = 0
    final_url: str = ""
    redirects: list[str] = field(default_factory=list)
    error: str | None = None
    title: str = ""
    text: str = ""
    links: list[str] = field(default_factory=list)


def decode(body: bytes, header_charset: str | None) -> str:
    """Decode a page: the HTTP header's charset, else the meta charset, else charset detection."""
    for name in (header_charset, _meta_charset(body)):
        if name:
            name = "gb18030" if name.lower() in ("gbk", "gb2312", "gb18030") else name
            try:
                return body.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii") if found else None


def parse(page: Page, html: str) -> None:
    """Fill the page's title, visible text and links (absolute, without fragments) from its HTML."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    title = tree.css_first("title")
    page.title = title.text(strip=True) if title is not None else ""
    for node in tree.css("script, style"):
        node.decompose()
    body = tree.body
    page.text = " ".join((body.text(separator=" ") if body is not None else "").split())
    base = page.final_url or page.url
    for anchor in tree.css("a[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        page.links.append(urldefrag(urljoin(base, href))[0])


class _HttpFetcher:
    """Fetch over HTTP/1.1 with timeouts, retries, a per-host rate limit and robots.txt."""

    def __init__(self, start: str, *, timeout: float, retries: int, delay: float) -> None:
        import httpx

        self._client = httpx.Client(
            http2=False,
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            transport=httpx.HTTPTransport(retries=retries),
        )
        self._retries = retries
        self._delay = delay
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._robots = urllib.robotparser.RobotFileParser()
        try:
            robots = self._get(urljoin(start, "/robots.txt"))
        except httpx.HTTPError as exc:
            raise InspectError(f"无法连接网站:{exc}", file=start) from None
        lines = robots.text.splitlines() if robots is not None and robots.status_code == 200 else []
        self._robots.parse(lines)

    def _wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + self._delay
        time.sleep(max(0.0, at - now))

    def _get(self, url: str) -> Any:
        import httpx

        for attempt in range(self._retries + 1):
            self._wait(url)
            try:
                return self._client.get(url)
            except httpx.TimeoutException:
                if attempt == self._retries:
                    raise
        return None

    def allowed(self, url: str) -> bool:
        return self._robots.can_fetch(USER_AGENT, url)

    def fetch(self, url: str) -> Page:
        import httpx

        page = Page(url)
        current = url
        try:
            for _hop in range(10):
                response = self._get(current)
                if response.is_redirect and "location" in response.headers:
                    page.redirects.append(current)
                    current = urldefrag(urljoin(current, response.headers["location"]))[0]
                    continue
                break
            page.status, page.final_url = response.status_code, current
            if "html" in response.headers.get("content-type", "text/html"):
                parse(page, decode(response.content, response.charset_encoding))
        except httpx.TimeoutException:
            page.error, page.final_url = "超时", current
        except httpx.HTTPError as error:
            page.error, page.final_url = f"连接失败:{type(error).__name__}", current
        return page

    def close(self) -> None:
        self._client.close()


class _FolderFetcher:
    """Read a saved copy of a site: ``/a/b/`` is ``a/b/index.html``; a missing file is a 404."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def allowed(self, url: str) -> bool:
        return True

    def fetch(self, url: str) -> Page:
        page = Page(url, final_url=url)
        path = urlsplit(url).path.lstrip("/")
        file = self._root / path
        if not path or path.endswith("/") or file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            page.status = 404
            return page
        page.status = 200
        if file.suffix.lower() in (".html", ".htm", ""):
            parse(page, decode(file.read_bytes(), None))
        return page

    def close(self) -> None:
        pass


def crawl(
    start: str | Path,
    *,
    max_pages: int = 500,
    workers: int = 4,
    timeout: float = 10.0,
    retries: int = 2,
    delay: float = 0.2,
) -> tuple[str, dict[str, Page]]:
    """Crawl from ``start`` (an http(s) address, or a folder holding a saved copy of the site, read as
    ``http://saved.invalid/``) and return the start address and every fetched page by address.

    Links leading off the start host are recorded on their page but not fetched; at most ``max_pages`` addresses
    are fetched, ``workers`` at a time."""
    text = str(start)
    fetcher: _HttpFetcher | _FolderFetcher
    if text.startswith(("http://", "https://")):
        if not urlsplit(text).netloc:
            raise InspectError(f"起始网址没有主机名:{text}")
        fetcher = _HttpFetcher(text, timeout=timeout, retries=retries, delay=delay)
    else:
        root = Path(text)
        if not root.is_dir():
            raise InspectError("不是网址,也不是保存网站的文件夹", file=str(root))
        fetcher, text = _FolderFetcher(root), "http://saved.invalid/"
    host = urlsplit(text).netloc
    pages: dict[str, Page] = {}
    seen = {text}
    frontier = [text]
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            while frontier and len(pages) < max_pages:
                batch = [u for u in frontier if fetcher.allowed(u)][: max_pages - len(pages)]
                frontier = []
                for page in pool.map(fetcher.fetch, batch):
                    pages[page.url] = page
                    for link in page.links:
                        if urlsplit(link).netloc == host and link not in seen:
                            seen.add(link)
                            frontier.append(link)
    finally:
        fetcher.close()
    return text, pages
