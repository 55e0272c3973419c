"""The limits on what gpcatalog reads, in one place: how big a file, how deep a YAML document, how many sheets and
rows, how long a cell or a name may be — and the one safe way to read a file within them.

Input comes from people and from other systems (county workbooks, CMS exports, edited YAML). Without limits, one
bad file hangs a command (a FIFO), exhausts memory (a symlink to ``/dev/zero``, a zip bomb) or crashes it (a value
nested a thousand deep). Each limit is far above anything real — the bundled national catalogue has 291 rows and
no file over 100 KB — and each refusal is a Chinese error naming the file and, where known, the line, sheet,
row or column. The documentation lists them (``docs/limits.md``).

:func:`read_file` is how every reader gets a file's bytes: only regular files (never a FIFO, a device or a socket,
which it refuses without opening), never more than the cap, with the operating system's reason in Chinese.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from gpcatalog.errors import CatalogueReadError

MIB = 1024 * 1024

MAX_YAML_BYTES = 16 * MIB
"""Largest YAML file read: catalogue.yaml, a domain file, overlay.yaml, adjustments.yaml, history.yaml, a column
map, a calendar file, an extension. The largest bundled file is under 100 KB."""

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings in a YAML document or in the JSON of a table cell (the hidden columns and
metadata sheet of an exported workbook). A domain file nests about ten deep (items → children → 依据 →
citations); a value nested hundreds deep crashes Python's recursion when it is printed or checked."""

MAX_TABLE_BYTES = 64 * MIB
"""Largest table file read by ``import`` and ``columns import`` (xlsx, xlsm, xls, ods, CSV)."""

MAX_RECORDS_BYTES = 256 * MIB
"""Largest file of published records read by ``audit`` (about a million records as CSV)."""

MAX_ZIP_BYTES = 512 * MIB
"""Largest total size the members of an xlsx/ods archive may declare once inflated. Checked before the workbook
reader sees the file: a 3 MB zip bomb would inflate to gigabytes in memory."""

MAX_ZIP_RATIO = 200
"""Largest compression ratio of one archive member larger than :data:`ZIP_RATIO_FROM` once inflated. Worksheet
XML compresses ten to fifty times; a bomb compresses a thousand times and more."""

ZIP_RATIO_FROM = 8 * MIB
"""Members smaller than this once inflated are not held to :data:`MAX_ZIP_RATIO` (small files compress well)."""

MAX_SHEETS = 100
"""Most sheets a workbook may have (one per domain is 26, plus the hidden metadata sheet)."""

MAX_TABLE_ROWS = 50_000
"""Most rows, over all sheets of a workbook (or one CSV file): no catalogue has that many items."""

MAX_CELL_CHARS = 32_767
"""Longest cell, in characters: Excel's own limit for a cell, applied to CSV too (Python's csv module stops at
128 KiB with an error that names nothing)."""

MAX_NAME_CHARS = 200
"""Longest name of an item, a domain, a column or a catalogue title. The longest name in the national catalogue
has 40 characters; pages and the search index of the site grow with the square of a name's length."""

RECORD_YEARS = (1900, 2199)
"""The years a published record's dates may fall in (``audit``). Outside them a date is a typo (9999, 0001, a
negative year) and the working-day calendar could not be built for it."""


def megabytes(size: int) -> str:
    """``16 MB``, ``0.5 MB``: a size as the messages say it."""
    value = size / MIB
    return f"{value:.0f} MB" if value >= 10 or value == int(value) else f"{value:.1f} MB"


_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENAMETOOLONG: "文件名或路径过长(一段名称最多 255 字节)",
    errno.EROFS: "文件系统是只读的",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EISDIR: "这是一个目录,不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ELOOP: "符号链接太多或形成循环",
    errno.EIO: "输入输出错误(磁盘或设备出错)",
    errno.EEXIST: "已经存在",
    errno.EMFILE: "打开的文件太多",
    errno.EPIPE: "管道已关闭",
}


def reason(error: OSError) -> str:
    """The operating system's reason for ``error`` in Chinese (权限不够, 文件名过长, 只读文件系统, 磁盘已满 …)."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return f"系统错误:{error.strerror or error}"


def too_large(size: int, limit: int, what: str) -> str:
    """The message for a file over its cap."""
    return f"{what}过大:{megabytes(size)},上限 {megabytes(limit)}"


def check_file(
    path: Path, limit: int, *, display: str | os.PathLike[str] | None = None, what: str = "文件"
) -> None:
    """Check, without opening it, that ``path`` is a regular file of at most ``limit`` bytes (for readers that
    open the file themselves, such as pandas).

    Raises:
        CatalogueReadError: missing, a folder, not a regular file (FIFO, device, socket), too large, or
            inaccessible; the message names ``display`` (or ``path``).
    """
    name = display if display is not None else str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CatalogueReadError("文件不存在", file=name) from None
    except OSError as exc:
        raise CatalogueReadError(f"无法读取{what}:{reason(exc)}", file=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise CatalogueReadError("这是一个目录,不是文件", file=name)
    if not stat.S_ISREG(info.st_mode):
        raise CatalogueReadError("不是普通文件(管道、设备或套接字),不读取", file=name)
    if info.st_size > limit:
        raise CatalogueReadError(too_large(info.st_size, limit, what), file=name)


def read_file(
    path: Path | Traversable, limit: int, *, display: str | os.PathLike[str] | None = None, what: str = "文件"
) -> bytes:
    """Read a regular file of at most ``limit`` bytes (bundled resources are read as they are).

    A FIFO, a device (``/dev/zero``), a socket or a folder is refused without being opened, so a reader can
    neither hang nor read without end; a symlink counts as what it points to.

    Raises:
        CatalogueReadError: the file is missing, not a regular file, larger than ``limit``, or unreadable; the
            message names ``display`` (or ``path``) and says why in Chinese.
    """
    name = display if display is not None else str(path)
    if not isinstance(path, Path):
        return path.read_bytes()  # bundled data, inside the installed package
    check_file(path, limit, display=name, what=what)
    try:
        # O_NONBLOCK: should a FIFO replace the file after the check, opening it does not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise CatalogueReadError("文件不存在", file=name) from None
    except OSError as exc:
        if isinstance(exc, CatalogueReadError):
            raise
        raise CatalogueReadError(f"无法读取{what}:{reason(exc)}", file=name) from None
    if len(data) > limit:  # it grew since stat, or it is a file whose size the system does not know (/proc)
        raise CatalogueReadError(f"{what}过大:超过上限 {megabytes(limit)}", file=name)
    return data


def list_folder(folder: Path | Traversable, display: str | os.PathLike[str] | None = None) -> list[str]:
    """The names in ``folder``, sorted.

    Raises:
        CatalogueReadError: the folder cannot be listed (no permission, not a folder); the message names it.
    """
    try:
        return sorted(entry.name for entry in folder.iterdir())
    except OSError as exc:
        raise CatalogueReadError(
            f"无法读取文件夹({reason(exc)})", file=display if display is not None else str(folder)
        ) from None


def depth(value: Any) -> int:
    """How deeply lists and dicts nest in ``value`` (a scalar is 0, ``[]`` is 1, ``[[1]]`` is 2), iteratively."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, level + 1)
            stack.extend((child, level + 1) for child in node if isinstance(child, (list, dict)))
    return deepest


def load_json(text: str) -> Any:
    """``json.loads`` within :data:`MAX_DEPTH`.

    Raises:
        ValueError: not JSON, or nested deeper than :data:`MAX_DEPTH` (also where the json module itself would
            exhaust Python's recursion).
    """
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON 嵌套层数超过上限 {MAX_DEPTH} 层") from None
    if depth(data) > MAX_DEPTH:
        raise ValueError(f"JSON 嵌套层数超过上限 {MAX_DEPTH} 层")
    return data
