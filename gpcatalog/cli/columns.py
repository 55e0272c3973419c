"""``gpcatalog columns generate|check|tree|export|import`` ↔ :mod:`gpcatalog.columns`."""

from __future__ import annotations

from pathlib import Path

import click

import gpcatalog
from gpcatalog.cli.options import catalogue_option, format_option, level_option, output_option
from gpcatalog.cli.output import EXIT_INVALID, emit
from gpcatalog.cli.render import coverage_line, report_lines
from gpcatalog.schema.report import Severity


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
@output_option("写入的 YAML 文件。", required=True)
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
@format_option()
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
    emit(
        fmt,
        text=lambda: [*report_lines(result.report, Severity(level), "检查"), coverage_line(result.coverage)],
        json=lambda: result.model_dump(mode="json"),
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
@output_option("输出文件。", required=True)
def export_columns(map_path: str | None, location: str | None, fmt: str | None, output: Path) -> None:
    """导出栏目树给网站内容管理系统:编码、名称、上级编码、路径、层级、顺序、事项、规则。"""
    column_map = gpcatalog.read_map(map_path)
    gpcatalog.export_map(column_map, output, fmt=fmt, catalogue=_catalogue_for(column_map, location))
    click.echo(f"已写入 {output}:{len(column_map.columns)} 个栏目")


@columns.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="文件")
@click.option("--id", "map_id", default=None, help="对照表编号(CSV 不带元数据时)。")
@click.option("--title", default=None, help="对照表名称(CSV 不带元数据时)。")
@output_option("写入的 YAML 文件。", required=True)
def import_columns(file: Path, map_id: str | None, title: str | None, output: Path) -> None:
    """读回 gpcatalog columns export 导出的栏目树(xlsx、csv、json),写成对照表 YAML。"""
    column_map = gpcatalog.import_map(file, map_id=map_id, title=title)
    gpcatalog.write_map(column_map, output)
    click.echo(f"已写入 {output}:{len(column_map.columns)} 个栏目")


COMMANDS = [columns]
