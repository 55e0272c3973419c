"""The machinery of the hostile corpus: a case is data (what it breaks, how the input is built, the command, the
exit code and message it must give); :func:`check` runs one and asserts what every case promises."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import NATIONAL, ROOT, run

Build = Callable[["Workspace"], None]


@dataclass(frozen=True)
class Case:
    """One hostile input and the command it is given to.

    ``args`` and ``message`` may name ``{pkg}`` (the case's copy of the national package), ``{ws}`` (the case's
    folder, also the working directory) and ``{out}`` (``{ws}/out``, an output that must not appear).
    """

    id: str
    kind: str
    what: str
    args: tuple[str, ...]
    exit: int
    message: tuple[str, ...]
    build: Build | None = None
    waits: str | None = None
    """The helper branch (h14-…) whose fix this case waits for: the case is a strict xfail until it merges."""
    process: bool = False
    """Run in a real process (a lock held by another process, a hang caught by a timeout, a full stdout)."""
    timeout: float = 30
    """Seconds the real process may take (a hang is a failure, not a stuck suite)."""
    stdout: str | None = None
    """Where the real process's stdout goes (``/dev/full``), when ``process``."""
    unchanged: bool = True
    """Whether the whole workspace (package, inputs, any -o target) must be byte-for-byte as before."""
    after: Callable[[Workspace, str], None] | None = None
    """A further check of the workspace and output, for cases whose promise is more than "nothing changed"."""


@dataclass
class Workspace:
    root: Path
    shared: Path
    cleanups: list[Callable[[], object]] = field(default_factory=list)

    @property
    def pkg(self) -> Path:
        target = self.root / "national"
        if not target.exists():
            shutil.copytree(NATIONAL, target, symlinks=True)
        return target

    @property
    def out(self) -> Path:
        return self.root / "out"

    def file(self, relative: str) -> Path:
        return self.pkg / relative

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> Path:
        path = self.file(relative)
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return path

    def replace(self, relative: str, content: str | bytes) -> Path:
        """Replace a file of the package copy (or add one) with ``content``."""
        self.pkg.mkdir(exist_ok=True)
        return self.write(f"national/{relative}", content)

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def copy_shared(self, name: str, as_name: str | None = None) -> Path:
        target = self.root / (as_name or name)
        shutil.copyfile(self.shared / name, target)
        return target

    def fill(self, text: str) -> str:
        return text.format(pkg=self.root / "national", ws=self.root, out=self.out)


def tree_hash(root: Path) -> dict[str, str]:
    """Every entry under ``root``: files by content, symlinks by target, others by type (a FIFO is not read)."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = str(path.relative_to(root))
            if name.endswith(".gpcatalog.lock"):
                continue  # the write lock beside a package: made by the first writer, kept on purpose
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                found[key] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISDIR(mode):
                found[key] = "dir"
            else:
                found[key] = f"special:{stat.S_IFMT(mode)}"
    return found


def _limit_memory() -> None:
    """The child may use 2 GiB: reading /dev/zero or inflating a bomb ends in its MemoryError, not the machine's."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def execute(case: Case, ws: Workspace) -> tuple[int, str]:
    args = [ws.fill(a) for a in case.args]
    if not case.process:
        return run(*args)
    stdout = open(case.stdout, "w") if case.stdout else subprocess.PIPE  # noqa: SIM115
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "gpcatalog", *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=ws.root,
            timeout=case.timeout,
            preexec_fn=_limit_memory,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return -1, "(超时:命令没有结束)"
    finally:
        if case.stdout:
            stdout.close()  # type: ignore[union-attr]
    output = (proc.stdout or b"").decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    return proc.returncode, output


def check(case: Case, ws: Workspace) -> None:
    """Build the input, run the command, assert: exit code, no traceback, the Chinese message naming the file and
    place, and nothing already saved changed (the package, the inputs, any -o target, no debris)."""
    if case.build is not None:
        case.build(ws)
    before = tree_hash(ws.root)
    code, output = execute(case, ws)
    assert "Traceback" not in output, output
    assert code == case.exit, f"退出码 {code},应为 {case.exit}\n{output}"
    for fragment in case.message:
        assert ws.fill(fragment) in output, f"缺少“{ws.fill(fragment)}”\n{output}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in output), output
    if case.unchanged:
        assert tree_hash(ws.root) == before, f"工作区被改动\n{output}"
    if case.after is not None:
        case.after(ws, output)
