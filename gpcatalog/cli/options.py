"""The options commands share, as decorator factories (one definition, one help text, everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from gpcatalog.schema.report import Severity
from gpcatalog.store.history import is_package_file

F = TypeVar("F", bound=Callable[..., Any])


def catalogue_option(function: F) -> F:
    """``-c/--catalogue``: a bundled catalogue name, a version reference or a package folder."""
    return click.option(
        "-c",
        "--catalogue",
        "location",
        default=None,
        metavar="目录",
        help="内置目录名、版本引用(national@2019.1)或目录包文件夹路径;默认为内置国家目录 national。",
    )(function)


def format_option(*choices: str, default: str | None = None, help: str = "输出格式。") -> Callable[[F], F]:
    """``--format``: the formats a command writes (default ``text|json``), passed as ``fmt``."""
    names = list(choices or ("text", "json"))
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(names),
        default=default if default is not None else names[0],
        show_default=True,
        help=help,
    )


def _checked_output(required: bool) -> Callable[[click.Context, click.Parameter, Path | None], Path | None]:
    def check(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
        if value is not None and str(value) == "-":
            if required:
                raise click.BadParameter("这个命令写文件,不能写到屏幕(-):请给出文件名")
            return None  # "-o -" is the screen, as the command does without -o
        if value is not None and is_package_file(value):
            raise click.BadParameter(f"{value} 是目录包的文件,不能用 -o 覆盖;请写到目录包之外")
        return value

    return check


def output_option(help_text: str = "写入文件而不是屏幕。", *, required: bool = False) -> Callable[[F], F]:
    """``-o/--output FILE``: ``-`` is the screen (where the command can print), and the files of a catalogue
    package (catalogue.yaml, domains/, versions/, history, records) are never overwritten through it."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
        required=required,  # no explicit default: with click 8.2+ a default of None would silence required
        callback=_checked_output(required),
        help=help_text,
    )


def level_option(function: F) -> F:
    """``--level error|warning|info`` of commands that print a report."""
    return click.option(
        "--level",
        type=click.Choice([s.value for s in Severity]),
        default=Severity.WARNING.value,
        show_default=True,
        help="文本输出显示到哪一级:error 只显示错误,warning 加警告,info 全部。",
    )(function)


def domains_option(help_text: str) -> Callable[[F], F]:
    """``--domain`` (repeatable), passed as ``domains``."""
    return click.option("--domain", "domains", multiple=True, metavar="领域", help=help_text)
