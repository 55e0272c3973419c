"""``gpcatalog diff`` ↔ :func:`gpcatalog.diff`, rendered by :mod:`gpcatalog.changes.render`."""

from __future__ import annotations

from pathlib import Path

import click

import gpcatalog
from gpcatalog.changes import render
from gpcatalog.changes.vocabulary import STYLES
from gpcatalog.cli.options import domains_option, format_option, output_option
from gpcatalog.cli.output import EXIT_ERROR, emit, require_output
from gpcatalog.errors import CatalogueInvalidError

REPORT_FORMATS = ("text", "markdown", "json", "xlsx")


@click.command()
@click.argument("old", metavar="旧目录")
@click.argument("new", metavar="新目录")
@domains_option("只比较这个领域(名称、代码或序号),可重复。")
@format_option(
    *REPORT_FORMATS, help="输出格式;xlsx 是给人审核的工作簿(每处变化一行,新旧值并列),须配合 --output。"
)
@output_option()
@click.option(
    "--infer/--no-infer",
    default=None,
    help="编号不同时按领域、路径和名称推断配对(默认:两个目录编号不同时推断)。",
)
@click.pass_context
def diff(
    ctx: click.Context,
    old: str,
    new: str,
    domains: tuple[str, ...],
    fmt: str,
    output: Path | None,
    infer: bool | None,
) -> None:
    """比较两个目录,列出新增、删除、更名、移动、拆分、合并和修改(写明字段)。

    目录可写版本引用(national@2019.1)、工作副本(national)、目录包文件夹,或任意两个目录
    (如县级目录对国家目录)。同一目录的两个版本之间,列出说明每处变化的调整记录。

    退出码同 diff(1):0 没有差异,1 有差异,2 出错。
    """
    require_output(fmt, output)
    try:
        result = gpcatalog.diff(old, new, domains=list(domains) or None, infer=infer)
    except CatalogueInvalidError as error:  # an invalid side is an error of use here, not a difference
        click.echo(f"错误:{error}", err=True)
        ctx.exit(EXIT_ERROR)
    emit(
        fmt,
        output,
        text=lambda: ((line, STYLES[kind] if kind else None) for line, kind in render.text_lines(result)),
        markdown=lambda: render.to_markdown(result),
        json=lambda: result.model_dump(mode="json"),
        xlsx=lambda path: render.write_excel(result, path),
        written=f":{len(result.changes)} 处变化",
    )
    ctx.exit(1 if result else 0)


COMMANDS = [diff]
