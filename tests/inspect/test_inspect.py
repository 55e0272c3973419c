"""季度巡查 against a CMS-like fixture site served on 127.0.0.1: every planted finding reported exactly, nothing
else, and the crawler stops at its page cap. Nothing but 127.0.0.1 is contacted."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from gpcatalog.inspect import crawl, inspect_site
from tests.helpers import invoke

FIXTURES = Path(__file__).parent / "fixtures"
SITE = FIXTURES / "site"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/zhyw/old.html":
            self.send_response(301)
            self.send_header("Location", "/zhyw/a2.html")
            self.end_headers()
            return
        if self.path.startswith("/loop/"):
            number = int(self.path.removeprefix("/loop/").removesuffix(".html"))
            body = f'<html><head><title>第{number}页</title></head><body><a href="/loop/{number + 1}.html">下一页</a>'
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_every_planted_finding_and_nothing_else(site: str) -> None:
    result = inspect_site(site, FIXTURES / "columns.yaml", max_pages=30, delay=0.0)
    found = [
        (f.kind, f.column, f.page.removeprefix(site), f.link.removeprefix(site)) for f in result.findings
    ]
    assert found == [
        ("断链", "dibao", "dibao/", "dibao/d2.html"),
        ("断链", "zhyw", "zhyw/", "zhyw/missing.html"),
        ("错链", "zhyw", "zhyw/", "dibao/d1.html"),
        ("错链", "zhyw", "zhyw/", "http://example.invalid/x.html"),
        ("内容混杂", "dibao", "dibao/d3.html", ""),
        ("空白栏目", "tekun", "tekun/", ""),
    ]
    evidence = {(f.kind, f.link.removeprefix(site)): f.evidence for f in result.findings}
    assert evidence[("断链", "zhyw/missing.html")] == "HTTP 404"
    assert evidence[("断链", "dibao/d2.html")] == "HTTP 200,但页面写着“您访问的页面不存在”"
    assert evidence[("错链", "http://example.invalid/x.html")] == "栏目中的链接指向站外:example.invalid"
    assert result.redirects == {site + "zhyw/old.html": site + "zhyw/a2.html"}
    assert result.counts() == {"断链": 2, "错链": 2, "内容混杂": 1, "空白栏目": 1}


def test_gbk_page_decoded_and_robots_respected(site: str) -> None:
    _start, pages = crawl(site, max_pages=30, delay=0.0)
    assert pages[site + "dibao/"].title == "最低生活保障"
    assert site + "private/secret.html" not in pages


def test_crawler_stops_at_its_page_cap(site: str) -> None:
    _start, pages = crawl(site + "loop/1.html", max_pages=7, delay=0.0)
    assert sorted(pages) == sorted(f"{site}loop/{n}.html" for n in range(1, 8))


def test_saved_folder(tmp_path: Path) -> None:
    result = inspect_site(SITE, FIXTURES / "columns.yaml", max_pages=30)
    kinds = [(f.kind, f.column) for f in result.findings]
    assert ("空白栏目", "tekun") in kinds
    assert ("内容混杂", "dibao") in kinds


def test_a_site_that_cannot_be_reached_is_a_chinese_error_without_traceback() -> None:
    """Port 9 on the loopback address refuses connections: the robots.txt fetch fails before any page."""
    columns = Path(__file__).parent / "fixtures" / "columns.yaml"
    code, out = invoke("inspect", "http://127.0.0.1:9/", "--columns", str(columns))
    assert code == 2 and "Traceback" not in out
    assert out.startswith("错误:文件 http://127.0.0.1:9/:无法连接网站:")
