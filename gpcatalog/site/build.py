"""Build the generated project with ``mkdocs build --strict``, check its links, serve it."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from gpcatalog.errors import SiteError
from gpcatalog.site.project import Progress, generate_project


@dataclass
class BuildResult:
    """Where the site is, and how long each step took."""

    project: Path
    site: Path
    generate_seconds: float
    build_seconds: float
    pages: int


def build_site(
    catalogue: str | None = None, output: str | Path = "site", *, progress: Progress | None = None
) -> BuildResult:
    """Generate the mkdocs project into ``output/project`` and build it into ``output/site`` (strict mode).

    Raises:
        SiteError: mkdocs is not installed, or the build failed (its messages are included).
    """
    say = progress or (lambda _message: None)
    root = Path(output).resolve()
    start = time.perf_counter()
    project = generate_project(catalogue, root / "project", progress=say)
    generated = time.perf_counter() - start
    site = root / "site"
    say("运行 mkdocs build --strict")
    built = run_mkdocs(project, site)
    pages = sum(1 for _ in site.rglob("index.html"))
    say(f"完成:{pages} 个页面,生成 {generated:.1f} 秒,mkdocs {built:.1f} 秒")
    return BuildResult(project, site, generated, built, pages)


def run_mkdocs(project: Path, site: Path) -> float:
    """Run ``mkdocs build --strict`` on a generated project; return the seconds it took.

    Raises:
        SiteError: mkdocs is not installed, or the build failed (its messages are included).
    """
    start = time.perf_counter()
    config = str((project / "mkdocs.yml").resolve())
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "-f",
        config,
        "-d",
        str(site.resolve()),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)
    except OSError as exc:
        raise SiteError(f"无法运行 mkdocs:{exc}") from exc
    if done.returncode != 0:
        if "No module named mkdocs" in done.stderr:
            raise SiteError("没有安装 mkdocs-material:请运行 pip install 'gpcatalog[site]'")
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise SiteError(f"mkdocs build 失败:\n{tail}")
    return time.perf_counter() - start


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def check_links(site: str | Path) -> list[tuple[str, str]]:
    """Every internal link or asset of the built site that points at nothing: ``[(page, link)]``."""
    root = Path(site).resolve()
    broken: list[tuple[str, str]] = []
    for page in sorted(root.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parsed = urlparse(link)
            if parsed.scheme or parsed.netloc or link.startswith(("#", "mailto:", "data:", "javascript:")):
                continue
            path = unquote(parsed.path)
            if path.startswith("/"):  # root-relative (the 404 page)
                target = (root / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if parsed.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            outside = root not in target.parents and target != root
            if outside or not target.exists():
                broken.append((str(page.relative_to(root)), link))
    return broken


def serve(site: str | Path, port: int = 8000) -> None:  # pragma: no cover - interactive
    """Serve the built site on http://127.0.0.1:port/ until interrupted."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()
