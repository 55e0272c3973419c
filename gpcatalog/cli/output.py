"""The one output helper: a result in the format asked for, printed or written to a file.

Commands hand :func:`emit` one function per format they offer; the library builds the data (JSON shapes
included), this decides where it goes: the terminal (text lines coloured by kind on a terminal only; a control
character or bidi override from the data is spelled out, ``\\x1b``, ``\\u202e``, in text and Markdown), or
``--output`` written atomically with a ``已写入 …`` message on stderr; an xlsx without ``--output`` is a usage
error, and a file that cannot be written is a Chinese error, not a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from gpcatalog.parsing.text import UNSAFE_CHARACTERS, visible, visible_styled
from gpcatalog.store.atomic import write_atomic

EXIT_INVALID = 1
"""Exit code: the data is invalid (or, for diff, there are differences)."""
EXIT_ERROR = 2
"""Exit code: a usage or I/O error."""

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
