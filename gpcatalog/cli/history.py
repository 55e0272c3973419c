"""Commands for versions and dynamic adjustment: diff, versions, verify, release, changelog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

import gpcatalog
from gpcatalog.cli import EXIT_ERROR, EXIT_INVALID
from gpcatalog.cli.catalogue import (
    _json,
    catalogue_option,
    format_option,
    output_option,
    report_format_option,
)
from gpcatalog.cli.render import report_lines
from gpcatalog.diff_output import STYLES, text_lines, to_json, to_markdown, write_excel
from gpcatalog.errors import CatalogueInvalidError, CatalogueReadError
from gpcatalog.schema.report import Severity
from gpcatalog.store.yamlio import write_text_atomic


@click.command()
@click.argument("old", metavar="旧目录")
@click.argument("new", metavar="新目录")
@click.option(
    "--domain", "domains", multiple=True, metavar="领域", help="只比较这个领域(名称、代码或序号),可重复。"
)
@report_format_option("输出格式;xlsx 是给人审核的工作簿(每处变化一行,新旧值并列),须配合 --output。")
@output_option("写入文件而不是屏幕。", required=False)
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
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 需要用 --output 指定 .xlsx 文件")
    try:
        result = gpcatalog.diff(old, new, domains=list(domains) or None, infer=infer)
    except CatalogueInvalidError as error:
        click.echo(f"错误:{error}", err=True)
        ctx.exit(EXIT_ERROR)
    if fmt == "xlsx":
        assert output is not None
        write_excel(result, output)
        click.echo(f"已写入 {output}:{len(result.changes)} 处变化", err=True)
    else:
        if fmt == "json":
            text = to_json(result)
        elif fmt == "markdown":
            text = to_markdown(result)
        else:
            lines = list(text_lines(result))
            if output is None:
                for line, kind in lines:
                    click.echo(click.style(line, fg=STYLES[kind]) if kind else line)
                text = ""
            else:
                text = "\n".join(line for line, _kind in lines) + "\n"
        if output is not None:
            try:
                write_text_atomic(output, text)
            except OSError as exc:
                raise CatalogueReadError(f"无法写入:{exc.strerror or exc}", file=output) from exc
        elif text:
            click.echo(text, nl=False)
    ctx.exit(1 if result else 0)


@click.command()
@catalogue_option
@format_option
def versions(location: str | None, fmt: str) -> None:
    """列出目录已发布的版本:发布日期、上一版本、事项数、纳入的调整记录、内容哈希。"""
    entries = gpcatalog.versions(location)
    if fmt == "json":
        _json([entry.model_dump(mode="json") for entry in entries])
        return
    if not entries:
        click.echo("还没有发布过版本(用 gpcatalog release 发布第一个版本)")
        return
    click.echo("版本        发布日期     上一版本    事项数  调整记录              内容哈希")
    for entry in entries:
        records = "、".join(entry.records) or "—"
        click.echo(
            f"{entry.version:<11} {entry.release_date.isoformat()}  {entry.parent or '—':<10} "
            f"{entry.items:>6}  {records:<20}  {entry.digest[7:19]}"
        )
    click.echo(
        f"工作副本:{location or 'national'}(未发布的修改用 gpcatalog diff {location or 'national'}@{entries[-1].version} {location or 'national'} 查看)"
    )


@click.command()
@catalogue_option
@format_option
@click.pass_context
def verify(ctx: click.Context, location: str | None, fmt: str) -> None:
    """核对每个已发布版本的文件哈希,报告被改动、缺失或多出的文件。退出码:0 全部一致,1 有不一致。"""
    report = gpcatalog.verify(location)
    if fmt == "json":
        _json(report.model_dump(mode="json"))
    else:
        click.echo(f"核对 {report.catalogue}:{report.items} 个已发布版本,{report.files} 个文件")
        for line in list(report_lines(report, Severity.ERROR))[1:-1]:
            click.echo(line)
        if report.ok:
            click.echo(click.style("一致", fg="green", bold=True) + ":已发布版本的文件与发布时相同")
        else:
            click.echo(click.style("不一致", fg="red", bold=True) + f":{report.count(Severity.ERROR)} 处问题")
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
    help="有变化未被调整记录说明时,在 adjustments.yaml 起草一条记录(然后仍拒绝发布)。",
)
@click.pass_context
def release(
    ctx: click.Context, version: str, location: str | None, date: dt.datetime | None, draft: bool
) -> None:
    """把工作副本发布为新版本:计算与上一版本的差异,核对调整记录,写入 versions/版本号/、
    history.yaml(含文件哈希)和变更记录。有变化没有调整记录说明时拒绝发布,目录包保持原样。
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
    entry = result.entry
    click.echo(
        f"已发布 {entry.version}({entry.release_date.isoformat()}):上一版本 {entry.parent or '无'},"
        f"事项 {entry.items} 项,{len(result.changes.changes)} 处变化,调整记录 {'、'.join(entry.records) or '无'}"
    )
    click.echo(f"内容哈希 {entry.digest}")


@click.command()
@catalogue_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="输出格式。",
)
@click.option("--unreleased", is_flag=True, help="同时列出工作副本中尚未发布的调整记录(“未发布”一节)。")
def changelog(location: str | None, fmt: str, unreleased: bool) -> None:
    """由调整记录和各版本的差异生成变更记录(Markdown 给人看,JSON 给系统用)。

    不加 --unreleased 时与目录包中的 CHANGELOG.md、changelog.json 相同。
    """
    click.echo(gpcatalog.changelog(location, fmt=fmt, unreleased=unreleased), nl=False)


COMMANDS = [diff, versions, verify, release, changelog]
