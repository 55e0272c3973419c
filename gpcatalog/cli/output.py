"""The one output helper: a result in the format asked for, printed or written to a file.

Commands hand :func:`emit` one function per format they offer; the library builds the data (JSON shapes
included), this decides where it goes: the terminal (text lines coloured by kind on a terminal only), or
``--output`` written atomically with a ``已写入 …`` message on stderr; an xlsx without ``--output`` is a usage
error, and a file that cannot be written is a Chinese error, not a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from gpcatalog.store.atomic import write_atomic

EXIT_INVALID = 1
"""Exit code: the data is invalid (or, for diff, there are differences)."""
EXIT_ERROR = 2
"""Exit code: a usage or I/O error."""

Line = str | tuple[str, str | None]
"""A text line, or (line, colour) for lines the terminal colours."""


def json_text(data: Any) -> str:
    """JSON as gpcatalog prints it: UTF-8 characters kept, indented by two, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
    """Print the result in format ``fmt``, or write it to ``output``.

    Args:
        fmt: ``text``, ``markdown``, ``json`` or ``xlsx``; the command's ``--format`` choice says which it offers.
        text: the lines of the text form; markdown: the Markdown document; json: JSON-ready data; xlsx: writes
            the workbook to the path it is given.
        written: what follows ``已写入 FILE`` in the message (``:6 处变化``).

    Raises:
        click.UsageError: ``xlsx`` without ``output``.
        WriteError: ``output`` cannot be written (nothing is left half-written).
    """
    if fmt == "xlsx":
        if output is None or xlsx is None:
            raise click.UsageError("--format xlsx 需要用 --output 指定 .xlsx 文件")
        xlsx(output)
    else:
        if fmt == "json" and json is not None:
            content = json_text(json())
        elif fmt == "markdown" and markdown is not None:
            content = markdown()
        elif text is not None:
            lines = list(text())
            if output is None:
                for line in lines:
                    shown, colour = (line, None) if isinstance(line, str) else line
                    click.echo(click.style(shown, fg=colour) if colour else shown)
                return
            content = "".join((line if isinstance(line, str) else line[0]) + "\n" for line in lines)
        else:  # pragma: no cover - a command offering a format it has no writer for
            raise click.UsageError(f"不支持的格式:{fmt}")
        if output is None:
            click.echo(content, nl=False)
            return
        write_atomic(output, content)
    click.echo(f"已写入 {output}{written}", err=True)
