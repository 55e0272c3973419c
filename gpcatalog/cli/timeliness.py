"""``gpcatalog audit`` ↔ :func:`gpcatalog.audit`, rendered by :mod:`gpcatalog.timeliness.report`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

import gpcatalog
from gpcatalog.cli.options import catalogue_option, format_option, output_option
from gpcatalog.cli.output import EXIT_INVALID, emit, require_output
from gpcatalog.timeliness import report


@click.command()
@click.argument("records", type=click.Path(dir_okay=False, path_type=Path), metavar="发布记录")
@click.option(
    "--map", "map_path", default=None, metavar="对照表", help="栏目对照表;默认为国家目录的默认对照表。"
)
@catalogue_option
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="判断超期未更新所用的日期,默认为最近一条记录的发布日期。",
)
@click.option(
    "--calendar",
    "calendar_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="补充的节假日文件(格式同 gpcatalog/timeliness/calendar.yaml)。",
)
@format_option("text", "markdown", "json", "xlsx", help="输出格式;xlsx 须配合 --output。")
@output_option("写入文件。")
@click.pass_context
def audit(
    ctx: click.Context,
    records: Path,
    map_path: str | None,
    location: str | None,
    as_of: dt.datetime | None,
    calendar_file: Path | None,
    fmt: str,
    output: Path | None,
) -> None:
    """公开时效检查:按栏目对照表找到每条发布记录的事项,按其公开时限和法定工作日(含节假日、调休上班日)
    计算最晚发布日期,报告超期记录(超期几个工作日)、没有记录的事项、超期未更新的栏目、不在对照表栏目中的记录,
    以及各领域、各栏目的按时率。退出码:0 全部按时,1 有超期或问题,2 出错。
    """
    require_output(fmt, output)
    column_map = gpcatalog.read_map(map_path)
    result = gpcatalog.audit(
        records,
        column_map,
        gpcatalog.load(location or column_map.catalogue),
        as_of=as_of.date() if as_of else None,
        calendar_file=calendar_file,
    )
    emit(
        fmt,
        output,
        text=lambda: report.text_lines(result),
        markdown=lambda: report.to_markdown(result),
        json=lambda: result.model_dump(mode="json"),
        xlsx=lambda path: report.write_excel(result, path),
    )
    problems = result.late or result.stale_columns or result.unmapped_records or result.items_without_records
    ctx.exit(EXIT_INVALID if problems else 0)


COMMANDS = [audit]
