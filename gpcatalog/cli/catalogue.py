"""Commands that read a catalogue: validate, summary, tree, show."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

import gpcatalog
from gpcatalog.cli import EXIT_ERROR, EXIT_INVALID
from gpcatalog.cli.render import item_lines, report_lines, summary_lines, tree_lines
from gpcatalog.schema.report import Severity

FORMATS = click.Choice(["text", "json"])
F = TypeVar("F", bound=Callable[..., Any])


def catalogue_option(function: F) -> F:
    """The shared ``-c/--catalogue`` option: a bundled catalogue name or a package folder."""
    return click.option(
        "-c",
        "--catalogue",
        "location",
        default=None,
        metavar="目录",
        help="内置目录名或目录包文件夹路径;默认为内置国家目录 national。",
    )(function)


def format_option(function: F) -> F:
    """The shared ``--format text|json`` option."""
    return click.option(
        "--format", "fmt", type=FORMATS, default="text", show_default=True, help="输出格式。"
    )(function)


def output_option(help_text: str, *, required: bool = True) -> Callable[[F], F]:
    """The shared ``-o/--output FILE`` option."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        default=None,
        help=help_text,
    )


def report_format_option(help_text: str) -> Callable[[F], F]:
    """The shared ``--format text|markdown|json|xlsx`` option of commands that write a report (diff, audit)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "markdown", "json", "xlsx"]),
        default="text",
        show_default=True,
        help=help_text,
    )


def _json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def level_option(function: F) -> F:
    """The shared ``--level error|warning|info`` option of commands that print a report."""
    return click.option(
        "--level",
        type=click.Choice([s.value for s in Severity]),
        default=Severity.WARNING.value,
        show_default=True,
        help="文本输出显示到哪一级:error 只显示错误,warning 加警告,info 全部。",
    )(function)


@click.command()
@click.argument("paths", nargs=-1, metavar="[目录...]")
@format_option
@level_option
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str, level: str) -> None:
    """校验目录,列出全部问题(问题代码、严重程度、文件、行、JSON 路径、事项编号、说明)。

    不写目录时校验内置国家目录。退出码:0 有效,1 无效,2 用法或读取错误。
    """
    reports = [gpcatalog.validate(path) for path in paths or (None,)]
    if fmt == "json":
        data = [r.model_dump(mode="json") for r in reports]
        _json(data[0] if len(data) == 1 else data)
    else:
        for report in reports:
            for line in report_lines(report, Severity(level)):
                click.echo(line)
    if any(r.files == 0 for r in reports):
        ctx.exit(EXIT_ERROR)
    ctx.exit(0 if all(r.ok for r in reports) else EXIT_INVALID)


@click.command()
@catalogue_option
@format_option
def summary(location: str | None, fmt: str) -> None:
    """按领域列出事项数、完整程度和国家指引文号。"""
    catalogue = gpcatalog.load(location)
    rows = gpcatalog.summary(catalogue)
    if fmt == "json":
        _json([row._asdict() for row in rows])
        return
    click.echo(f"{catalogue.title} 版本 {catalogue.version}({catalogue.release_date or '未发布'})")
    for line in summary_lines(rows):
        click.echo(line)


@click.command()
@click.argument("domain", required=False, metavar="[领域]")
@catalogue_option
@click.option("--depth", type=click.IntRange(min=1), default=None, help="只显示到第几层(1 为一级事项)。")
@format_option
def tree(domain: str | None, location: str | None, depth: int | None, fmt: str) -> None:
    """显示领域的事项树。领域可写名称、代码或序号(社会救助、shehui-jiuzhu、18);不写则显示全部领域。"""
    catalogue = gpcatalog.load(location)
    domains = [catalogue.domain(domain)] if domain else catalogue.domains
    if fmt == "json":
        data = [
            {"code": d.code, "name": d.name, "items": [i.model_dump(mode="json") for i in d.items]}
            for d in domains
        ]
        _json(data[0] if domain else data)
        return
    for index, each in enumerate(domains):
        if index:
            click.echo()
        for line in tree_lines(each, depth):
            click.echo(line)


@click.command()
@click.argument("item_id", metavar="事项编号")
@catalogue_option
@format_option
def show(item_id: str, location: str | None, fmt: str) -> None:
    """显示一个事项的全部属性:公开内容、依据(解析出的文件和文号)、时限、主体、渠道、对象、方式、层级、来源。"""
    catalogue = gpcatalog.load(location)
    domain, path = catalogue.locate(item_id)
    if fmt == "json":
        _json({"domain": domain.code, "path": [p.id for p in path], "item": path[-1].model_dump(mode="json")})
        return
    for line in item_lines(domain, path):
        click.echo(line)


COMMANDS = [validate, summary, tree, show]
