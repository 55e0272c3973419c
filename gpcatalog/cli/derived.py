"""Commands for derived catalogues and their lineage: lineage, deviation, rebase."""

from __future__ import annotations

import click

from gpcatalog import derived
from gpcatalog.changes import render
from gpcatalog.changes.vocabulary import STYLES
from gpcatalog.cli.options import format_option
from gpcatalog.cli.output import EXIT_INVALID, emit
from gpcatalog.cli.render import rebase_lines


@click.command()
@click.argument("locations", nargs=-1, metavar="[目录...]")
def lineage(locations: tuple[str, ...]) -> None:
    """显示目录的派生关系(国家 → 省 → 县 → 乡 → 村):每个派生目录基于哪个目录的哪个版本。

    不写目录时列出全部内置目录;基础目录不存在或形成循环时报错。
    """
    for line in derived.lineage_lines(derived.lineage(list(locations) or None)):
        click.echo(line)


@click.command()
@click.argument("location", metavar="派生目录")
@format_option()
@click.pass_context
def deviation(ctx: click.Context, location: str, fmt: str) -> None:
    """派生目录相对其基础目录的偏离:删除、新增和修改了哪些事项和字段。退出码:0 无偏离,1 有偏离。"""
    result = derived.deviation(location)
    emit(
        fmt,
        text=lambda: ((line, STYLES[kind] if kind else None) for line, kind in render.text_lines(result)),
        json=lambda: result.model_dump(mode="json"),
    )
    ctx.exit(1 if result else 0)


@click.command()
@click.argument("location", metavar="派生目录")
@click.option(
    "--to", "target", required=True, metavar="基础目录", help="新的基础目录版本,如 national@2027.1。"
)
@click.option("--dry-run", is_flag=True, help="只列出结果,不修改 catalogue.yaml。")
@click.pass_context
def rebase(ctx: click.Context, location: str, target: str, dry_run: bool) -> None:
    """把派生目录改为基于新的基础目录版本:本地调整与基础目录的变化不冲突时直接沿用;
    有冲突(本地修改的事项被删除、双方改了同一字段、新增编号被占用)时列出冲突、不做修改,退出码 1。
    """
    result = derived.rebase(location, target, write=not dry_run)
    for line in rebase_lines(result, location, dry_run):
        click.echo(line)
    if result.conflicts:
        ctx.exit(EXIT_INVALID)


COMMANDS = [lineage, deviation, rebase]
