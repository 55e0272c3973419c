"""The one output helper: a result in the format asked for, printed or written to a file.

Commands hand :func:`emit` one function per format they offer; the library builds the data (JSON shapes
included), this decides where it goes: the terminal (text lines coloured by kind on a terminal only; a control
character or bidi override from the data is spelled out, ``\\x1b``, ``\\u202e``, in text and Markdown), or
``--output`` written atomically with a ``已写入 …`` message on stderr; an xlsx without ``--output`` is a usage
error, and a file that cannot be written is a Chinese error, not a traceback.
"""

from __future__ import annotations

import errno
import io
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from gpcatalog.parsing.text import UNSAFE_CHARACTERS, visible, visible_styled
from gpcatalog.store.atomic import write_atomic
from gpcatalog.store.limits import reason

EXIT_INVALID = 1
"""Exit code: the data is invalid (or, for diff, there are differences)."""
EXIT_ERROR = 2
"""Exit code: a usage or I/O error."""
EXIT_PIPE = 141
"""Exit code when the reader of the output went away (``gpcatalog tree | head -1``): as if killed by SIGPIPE."""

Line = str | tuple[str, str | None]
"""A text line, or (line, colour) for lines the terminal colours."""


def json_text(data: Any) -> str:
    """JSON as gpcatalog prints it: UTF-8 characters kept, indented by two, a final newline. Control characters
    and bidi overrides are written as ``\\u`` escapes (the same data, nothing raw for a terminal)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return UNSAFE_CHARACTERS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def require_output(fmt: str, output: Path | None) -> None:
    """Refuse ``--format xlsx`` without ``--output`` before any work is done (a workbook cannot go to a terminal).

    Raises:
        click.UsageError: the message says so, in Chinese.
    """
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 需要用 --output 指定 .xlsx 文件")


def emit(
    fmt: str,
    output: Path | None = None,
    *,
    text: Callable[[], Iterable[Line]] | None = None,
    markdown: Callable[[], str] | None = None,
    json: Callable[[], Any] | None = None,
    xlsx: Callable[[Path], None] | None = None,
    written: str = "",
) -> None:
    """Print the result in format ``fmt``, or write it to ``output`` and say so (``已写入 FILE…`` on stdout).

    Args:
        fmt: ``text``, ``markdown``, ``json`` or ``xlsx``; the command's ``--format`` choice says which it offers.
        text: the lines of the text form (coloured on a terminal, plain in a file); markdown: the Markdown
            document; json: JSON-ready data; xlsx: writes the workbook to the path it is given.
        written: what follows ``已写入 FILE`` in the message (``:6 处变化``).

    Raises:
        click.UsageError: ``xlsx`` without ``output``.
        WriteError: ``output`` cannot be written (nothing is left half-written).
    """
    writers: dict[str, Callable[..., Any] | None] = {
        "text": text,
        "markdown": markdown,
        "json": json,
        "xlsx": xlsx,
    }
    if writers.get(fmt) is None:
        raise TypeError(f"no writer for format {fmt!r}")  # a command offering a format it cannot write
    if fmt == "xlsx":
        require_output(fmt, output)
        assert xlsx is not None and output is not None
        xlsx(output)
    else:
        if fmt == "json" and json is not None:
            content = json_text(json())
        elif fmt == "markdown" and markdown is not None:
            content = visible(markdown())
        else:
            assert text is not None
            lines = [
                (visible_styled(line), None) if isinstance(line, str) else (visible(line[0]), line[1])
                for line in text()
            ]
            if output is None:
                for shown, colour in lines:
                    click.echo(click.style(shown, fg=colour) if colour else shown)
                return
            content = "".join(click.unstyle(shown) + "\n" for shown, _colour in lines)
        if output is None:
            click.echo(content, nl=False)
            return
        write_atomic(output, content)
    click.echo(f"已写入 {output}{written}")


_STREAM_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EBADF}


def _stdout_broken(error: OSError) -> bool:
    """True when standard output can no longer be written (the error came from it, or it fails again now)."""
    if not error.filename and error.errno in _STREAM_ERRORS:
        return True  # file operations name their file; a failed write to a stream does not
    try:
        sys.stdout.flush()
    except OSError:
        return True
    except ValueError:  # closed
        return True
    return False


def _silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so that the final flush when Python exits is quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing will be flushed to it at exit


def io_failure(error: OSError) -> int:
    """Report an operating-system error that no lower layer turned into a gpcatalog error, in Chinese, and
    return the exit code.

    Standard output that cannot be written any more — a closed pipe (``| head -1``), a full disk
    (``> /dev/full``) — is pointed at the null device first, so that no second error follows when Python exits;
    a closed pipe ends quietly with :data:`EXIT_PIPE`, anything else says what failed and exits with
    :data:`EXIT_ERROR`.
    """
    if _stdout_broken(error):
        _silence_stdout()
        if isinstance(error, BrokenPipeError):
            return EXIT_PIPE
        click.echo(f"错误:无法写出结果到标准输出({reason(error)})", err=True)
        return EXIT_ERROR
    where = f"文件 {error.filename}:" if error.filename else ""
    click.echo(f"错误:{where}{reason(error)}", err=True)
    return EXIT_ERROR
