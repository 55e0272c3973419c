"""Commands that read a catalogue: validate, summary, tree, show (↔ gpcatalog.validate, summary, domain_tree,
item_record)."""

from __future__ import annotations

import click

import gpcatalog
from gpcatalog.cli.options import catalogue_option, format_option, level_option
from gpcatalog.cli.output import EXIT_ERROR, EXIT_INVALID, emit
from gpcatalog.cli.render import item_lines, removal_lines, report_lines, summary_lines, tree_lines
from gpcatalog.errors import HistoryError, UnknownItemError
from gpcatalog.schema.report import Severity


@click.command()
@click.argument("paths", nargs=-1, metavar="[目录...]")
@format_option()
@level_option
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], fmt: str, level: str) -> None:
    """校验目录,列出全部问题(问题代码、严重程度、文件、行、JSON 路径、事项编号、说明)。

    不写目录时校验内置国家目录。退出码:0 有效,1 无效,2 用法或读取错误。
    """
    reports = [gpcatalog.validate(path) for path in paths or (None,)]
    data = [r.model_dump(mode="json") for r in reports]
    emit(
        fmt,
        text=lambda: (line for r in reports for line in report_lines(r, Severity(level))),
        json=lambda: data[0] if len(data) == 1 else data,
    )
    if any(r.files == 0 for r in reports):
        ctx.exit(EXIT_ERROR)
    ctx.exit(0 if all(r.ok for r in reports) else EXIT_INVALID)


@click.command()
@catalogue_option
@format_option()
def summary(location: str | None, fmt: str) -> None:
    """按领域列出事项数、完整程度和国家指引文号。"""
    catalogue = gpcatalog.load(location)
    rows = gpcatalog.summary(catalogue)
    heading = f"{catalogue.title} 版本 {catalogue.version}({catalogue.release_date or '未发布'})"
    emit(fmt, text=lambda: [heading, *summary_lines(rows)], json=lambda: [row._asdict() for row in rows])


@click.command()
@click.argument("domain", required=False, metavar="[领域]")
@catalogue_option
@click.option("--depth", type=click.IntRange(min=1), default=None, help="只显示到第几层(1 为一级事项)。")
@format_option()
def tree(domain: str | None, location: str | None, depth: int | None, fmt: str) -> None:
    """显示领域的事项树。领域可写名称、代码或序号(社会救助、shehui-jiuzhu、18);不写则显示全部领域。"""
    catalogue = gpcatalog.load(location)
    domains = [catalogue.domain(domain)] if domain else catalogue.domains

    def lines() -> list[str]:
        drawn = [[*tree_lines(each, depth)] for each in domains]
        return [line for index, block in enumerate(drawn) for line in ([""] if index else []) + block]

    data = [gpcatalog.domain_tree(d) for d in domains]
    emit(fmt, text=lines, json=lambda: data[0] if domain else data)


@click.command()
@click.argument("item_id", metavar="事项编号")
@catalogue_option
@format_option()
def show(item_id: str, location: str | None, fmt: str) -> None:
    """显示一个事项的全部属性:公开内容、依据(解析出的文件和文号)、时限、主体、渠道、对象、方式、层级、来源。

    已在后来的版本中删除的事项,写明哪个版本、哪条调整记录删除了它,退出码 1;从未有过的编号退出码 2。
    """
    catalogue = gpcatalog.load(location)
    try:
        domain, path = catalogue.locate(item_id)
    except UnknownItemError:
        removal = _fate(location, item_id)
        if removal is None:
            raise
        emit(fmt, text=lambda: removal_lines(removal, location), json=removal.to_data)
        click.get_current_context().exit(EXIT_INVALID)
    emit(fmt, text=lambda: item_lines(domain, path), json=lambda: gpcatalog.item_record(catalogue, item_id))


def _fate(location: str | None, item_id: str) -> gpcatalog.Removal | None:
    try:
        return gpcatalog.item_fate(location, item_id)
    except HistoryError:  # a broken history does not turn an unknown id into something else
        return None


COMMANDS = [validate, summary, tree, show]
