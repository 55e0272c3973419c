"""Build the generated project with ``mkdocs build --strict`` (staged, switched in at the end), check its links,
serve it."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from gpcatalog.errors import GpCatalogError, SiteError, WriteError
from gpcatalog.site.project import Progress, generate_project
from gpcatalog.site.staging import check_replaceable, staged_output

PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal the kernel sends this process when its parent dies."""


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

    Both are built in a staging folder inside ``output`` and switched in at the end
    (:mod:`gpcatalog.site.staging`): a failed, interrupted or killed build leaves the previous site whole, and
    only folders an earlier build made (they hold the marker file ``.gpcatalog-site``) are replaced. While
    mkdocs runs, SIGTERM and SIGHUP stop the build like Ctrl+C (the child is stopped, the staging folder
    removed); on Linux the kernel also ends the child if this process dies (even by ``kill -9``).

    Raises:
        SiteError: mkdocs is not installed, the build failed (its messages are included), ``output/project``
            or ``output/site`` exists and was not made by a site build, or another build is writing ``output``.
        WriteError: the output folder cannot be written.
    """
    say = progress or (lambda _message: None)
    root = Path(output).resolve()
    try:
        with _stop_on_signals(), staged_output(root, ("project", "site")) as staging:
            start = time.perf_counter()
            generate_project(catalogue, staging.path("project"), progress=say)
            generated = time.perf_counter() - start
            say("运行 mkdocs build --strict")
            built = run_mkdocs(staging.path("project"), staging.path("site"))
            pages = sum(1 for _ in staging.path("site").rglob("index.html"))
            staging.switch()
    except OSError as exc:
        if isinstance(exc, GpCatalogError):
            raise
        raise WriteError(f"无法写入网站:{exc.strerror or exc}", file=exc.filename or root) from exc
    say(f"完成:{pages} 个页面,生成 {generated:.1f} 秒,mkdocs {built:.1f} 秒")
    return BuildResult(root / "project", root / "site", generated, built, pages)


def run_mkdocs(project: Path, site: Path) -> float:
    """Run ``mkdocs build --strict`` on a generated project; return the seconds it took.

    The child is stopped when this call is interrupted (Ctrl+C, or SIGTERM inside :func:`build_site`), and on
    Linux asks the kernel to end it when this process dies.

    Raises:
        SiteError: mkdocs is not installed, the build failed (its messages are included), or ``site`` exists
            and was not made by a site build (mkdocs would empty it).
    """
    check_replaceable(site)
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
        child = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=project,
            preexec_fn=_die_with_parent(),  # only the prctl system call (see below)
        )
    except OSError as exc:
        raise SiteError(f"无法运行 mkdocs:{exc}") from exc
    try:
        _out, err = child.communicate()
    finally:
        _stop(child)
    if child.returncode != 0:
        if "No module named mkdocs" in err:
            raise SiteError("没有安装 mkdocs-material:请运行 pip install 'gpcatalog[site]'")
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise SiteError(f"mkdocs build 失败:\n{tail}")
    return time.perf_counter() - start


def _stop(child: subprocess.Popen[str]) -> None:
    """End the mkdocs child if it still runs (the parent is being interrupted): SIGTERM, then SIGKILL."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a function for the child (between fork and exec) that has the kernel kill it when the parent
    dies: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``. A signal handler cannot catch ``kill -9`` and a process group
    needs a living parent to signal it; the death signal needs neither. libc is loaded here, in the parent, so
    that the child only makes the system call (and exits if the parent already died before it). The signal
    follows the thread that started the child: :func:`run_mkdocs` waits for it in that same thread."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the death signal was armed
            os._exit(1)

    return preexec


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise KeyboardInterrupt like Ctrl+C, so that the mkdocs child is
    stopped and the staging folder removed. Only in the main thread, and only over the default handlers (an
    application's own handlers are left alone)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {number: signal.getsignal(number) for number in wanted}

    def interrupt(number: int, _frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(number).name)

    for number, handler in previous.items():
        if handler is signal.SIG_DFL:
            signal.signal(number, interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is signal.SIG_DFL:
                signal.signal(number, handler)


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
