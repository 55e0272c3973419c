"""Commands for versions and dynamic adjustment: versions, verify, release, changelog (↔ gpcatalog.history)."""

from __future__ import annotations

import datetime as dt

import click

import gpcatalog
from gpcatalog.cli.options import catalogue_option, format_option
from gpcatalog.cli.output import EXIT_INVALID, emit
from gpcatalog.cli.render import release_lines, report_lines, verify_lines, versions_lines
from gpcatalog.schema.report import Severity


@click.command()
@catalogue_option
@format_option()
def versions(location: str | None, fmt: str) -> None:
    """列出目录已发布的版本:发布日期、上一版本、事项数、纳入的调整记录、内容哈希。"""
    entries = gpcatalog.versions(location)
    emit(
        fmt,
        text=lambda: versions_lines(entries, location or "national"),
        json=lambda: [entry.model_dump(mode="json") for entry in entries],
    )


@click.command()
@catalogue_option
@format_option()
@click.pass_context
def verify(ctx: click.Context, location: str | None, fmt: str) -> None:
    """核对每个已发布版本的文件哈希,报告被改动、缺失或多出的文件;也核对由版本生成的 catalogue.yaml 版本号和
    发布日期、CHANGELOG.md、changelog.json。先回滚中断的写入(被中止的发布)。退出码:0 全部一致,1 有不一致。
    """
    report = gpcatalog.verify(location)
    emit(fmt, text=lambda: verify_lines(report), json=lambda: report.model_dump(mode="json"))
    ctx.exit(0 if report.ok else EXIT_INVALID)


@click.command()
@click.argument("version", metavar="版本号")
@catalogue_option
@click.option(
    "--date",
    "date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="发布日期 YYYY-MM-DD,默认今天。",
)
@click.option(
    "--draft",
    is_flag=True,
    help=(
        "有变化未被调整记录说明时,在 adjustments.yaml 末尾起草一条记录(然后仍拒绝发布):要填写的各项写作"
        "“(待填写)”,上面有中文注释说明填什么;文件原有的注释和格式不变。"
    ),
)
@click.pass_context
def release(
    ctx: click.Context, version: str, location: str | None, date: dt.datetime | None, draft: bool
) -> None:
    """把工作副本发布为新版本:计算与上一版本的差异,核对调整记录,写入 versions/版本号/、
    history.yaml(含文件哈希)和变更记录。版本号不大于上一版本(按版本比较,2026.10 大于 2026.9)、发布日期早于
    上一版本、调整记录还有“(待填写)”或有变化没有调整记录说明时拒绝发布,目录包保持原样。
    """
    try:
        result = gpcatalog.release(location, version, date=date.date() if date else None, draft=draft)
    except gpcatalog.HistoryError as error:
        click.echo(f"错误:{error}", err=True)
        report = getattr(error, "report", None)
        if report is not None and len(report.issues) > 1:
            for line in list(report_lines(report, Severity.ERROR))[1:-1]:
                click.echo(line, err=True)
        ctx.exit(EXIT_INVALID)
    for line in release_lines(result):
        click.echo(line)


@click.command()
@catalogue_option
@format_option("markdown", "json")
@click.option("--unreleased", is_flag=True, help="同时列出工作副本中尚未发布的调整记录(“未发布”一节)。")
def changelog(location: str | None, fmt: str, unreleased: bool) -> None:
    """由调整记录和各版本的差异生成变更记录(Markdown 给人看,JSON 给系统用)。

    不加 --unreleased 时与目录包中的 CHANGELOG.md、changelog.json 相同。
    """
    click.echo(gpcatalog.changelog(location, fmt=fmt, unreleased=unreleased), nl=False)


COMMANDS = [versions, verify, release, changelog]
