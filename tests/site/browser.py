"""The real browser of the site tests: Debian's Chromium (package ``chromium``, /usr/bin/chromium) through
Playwright, and a local HTTP server for a built site.

When the browser is missing and the tests run as root with apt-get available (as on CI machines of this project),
:func:`chromium` installs it with ``apt-get install -y chromium``; otherwise the browser test is skipped with the
reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> Path:
    """The Chromium executable, installed with apt-get when root; the calling test is skipped without it."""
    if CHROMIUM.is_file():
        return CHROMIUM
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"], check=False, capture_output=True, timeout=900
        )
    if not CHROMIUM.is_file():
        pytest.skip("没有 /usr/bin/chromium,且无法用 apt-get 安装(需要 root):浏览器测试跳过")
    return CHROMIUM


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serve a built site on a free local port; yield its base address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
