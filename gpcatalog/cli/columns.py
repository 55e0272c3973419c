"""Commands for website columns and timeliness: columns generate|check|tree|export|import, audit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

import gpcatalog
from gpcatalog.cli import EXIT_INVALID
from gpcatalog.cli.catalogue import (
    _json,
    catalogue_option,
    format_option,
    level_option,
    output_option,
    report_format_option,
)
from gpcatalog.cli.render import report_lines
from gpcatalog.schema.report import Severity
from gpcatalog.store.yamlio import write_text_atomic


def _catalogue_for(column_map: gpcatalog.ColumnMap, location: str | None) -> gpcatalog.Catalogue:
    return gpcatalog.load(location or column_map.catalogue)


map_argument = click.argument("map_path", metavar="对照表", required=False)


@click.group()
def columns() -> None:
    """网站栏目对照表:生成默认栏目、检查覆盖、栏目树、导出给网站内容管理系统、导入。

    对照表不写时用国家目录的默认对照表(catalogues/national/columns/default.yaml)。
    """


@columns.command()
@catalogue_option
@click.option(
    "--layout",
    type=click.Choice(["level1", "domain"]),
    default="level1",
    show_default=True,
    help="level1:专栏 → 领域 → 一级事项;domain:专栏 → 领域。",
)
@click.option("--id", "map_id", default=None, help="对照表编号。")
@click.option("--title", default=None, help="对照表名称。")
@click.option("--website", default=None, help="网站名称或网址。")
@output_option("写入的 YAML 文件。")
def generate(
    location: str | None,
    layout: str,
    map_id: str | None,
    title: str | None,
    website: str | None,
    output: Path,
) -> None:
    """按目录生成标准栏目布局(勾选了政府网站或渠道不详的二级事项对应到其一级事项或领域栏目)。"""
    catalogue = gpcatalog.load(location)
    column_map = gpcatalog.generate_map(
        catalogue,
        layout=layout,
        map_id=map_id,
        title=title,
        website=website,
        reference=location or catalogue.id,
    )
    gpcatalog.write_map(column_map, output)
    leaves = sum(1 for ids in gpcatalog.expand(column_map, catalogue).values() if ids)
    click.echo(f"已写入 {output}:{len(column_map.columns)} 个栏目,其中 {leaves} 个栏目对应事项")


@columns.command()
@map_argument
@catalogue_option
@format_option
@level_option
@click.pass_context
def check(ctx: click.Context, map_path: str | None, location: str | None, fmt: str, level: str) -> None:
    """检查对照表:勾选政府网站却没有栏目的事项、空白栏目、未知事项、重复或循环的栏目、
    未勾选政府网站却对应栏目的事项(警告)、跨领域的栏目(警告),以及覆盖率。退出码:0 无错误,1 有错误。
    """
    column_map = gpcatalog.read_map(map_path)
    result = gpcatalog.check_map(
        column_map, _catalogue_for(column_map, location), file=map_path or "national"
    )
    if fmt == "json":
        _json(result.model_dump(mode="json"))
    else:
        for line in report_lines(result.report, Severity(level), "检查"):
            click.echo(line)
        c = result.coverage
        click.echo(
            f"栏目 {c.columns} 个(末级 {c.leaf_columns},空白 {c.blank_columns});须在网站公开的事项 {c.website_items} 个,"
            f"已对应栏目 {c.mapped_website_items} 个,覆盖率 {c.coverage:.1f}%"
        )
    ctx.exit(0 if result.report.ok else EXIT_INVALID)


@columns.command("tree")
@map_argument
@catalogue_option
def tree_command(map_path: str | None, location: str | None) -> None:
    """显示栏目树:每个栏目的编码、名称、路径和对应的事项数。"""
    column_map = gpcatalog.read_map(map_path)
    expanded = gpcatalog.expand(column_map, _catalogue_for(column_map, location))
    click.echo(column_map.title)
    for row in gpcatalog.column_tree(column_map):
        count = len(expanded.get(row.column.id, []))
        items = f"({count} 个事项)" if count else ""
        click.echo(
            f"{'  ' * row.level}{row.column.name} [{row.column.id}] {row.column.path or ''}{items}".rstrip()
        )


@columns.command("export")
@map_argument
@catalogue_option
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "csv", "json"]), default=None, help="不写时按扩展名。"
)
@output_option("输出文件。")
def export_columns(map_path: str | None, location: str | None, fmt: str | None, output: Path) -> None:
    """导出栏目树给网站内容管理系统:编码、名称、上级编码、路径、层级、顺序、事项、规则。"""
    column_map = gpcatalog.read_map(map_path)
    gpcatalog.export_map(column_map, output, fmt=fmt, catalogue=_catalogue_for(column_map, location))
    click.echo(f"已写入 {output}:{len(column_map.columns)} 个栏目")


@columns.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="文件")
@click.option("--id", "map_id", default=None, help="对照表编号(CSV 不带元数据时)。")
@click.option("--title", default=None, help="对照表名称(CSV 不带元数据时)。")
@output_option("写入的 YAML 文件。")
def import_columns(file: Path, map_id: str | None, title: str | None, output: Path) -> None:
    """读回 gpcatalog columns export 导出的栏目树(xlsx、csv、json),写成对照表 YAML。"""
    column_map = gpcatalog.import_map(file, map_id=map_id, title=title)
    gpcatalog.write_map(column_map, output)
    click.echo(f"已写入 {output}:{len(column_map.columns)} 个栏目")


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
    help="补充的节假日文件(格式同 gpcatalog/calendar.yaml)。",
)
@report_format_option("输出格式;xlsx 须配合 --output。")
@output_option("写入文件。", required=False)
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
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx 需要用 --output 指定 .xlsx 文件")
    column_map = gpcatalog.read_map(map_path)
    result = gpcatalog.audit(
        records,
        column_map,
        _catalogue_for(column_map, location),
        as_of=as_of.date() if as_of else None,
        calendar_file=calendar_file,
    )
    if fmt == "xlsx":
        assert output is not None
        gpcatalog.write_audit_excel(result, output)
        click.echo(f"已写入 {output}")
    else:
        if fmt == "json":
            text = json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "markdown":
            text = gpcatalog.audit_markdown(result)
        else:
            text = "\n".join(gpcatalog.audit_lines(result)) + "\n"
        if output is not None:
            write_text_atomic(output, text)
            click.echo(f"已写入 {output}")
        else:
            click.echo(text, nl=False)
    problems = result.late or result.stale_columns or result.unmapped_records or result.items_without_records
    ctx.exit(EXIT_INVALID if problems else 0)


COMMANDS = [columns, audit]
