"""Commands for tables: export (xlsx, csv, json) and import (xlsx, xls, ods, csv → a catalogue package)."""

from __future__ import annotations

from pathlib import Path

import click

import gpcatalog
from gpcatalog.changes.vocabulary import STYLES
from gpcatalog.cli.options import catalogue_option, domains_option, format_option, level_option, output_option
from gpcatalog.cli.output import EXIT_INVALID, emit
from gpcatalog.cli.render import report_lines
from gpcatalog.model import Scope
from gpcatalog.schema.report import Severity


def mapping_lines(report: gpcatalog.Report, level: str) -> list[str]:
    """The column mapping each sheet was read with (表头 → 字段), shown at the default level (warnings) although
    it is an info; ``--level error`` hides it, ``--level info`` shows it among the infos."""
    if Severity(level) is not Severity.WARNING:
        return []
    groups: dict[str, list[str]] = {}
    for issue in report.issues:
        if issue.code == "column-mapping":
            groups.setdefault(issue.message, []).append(issue.location())
    lines = []
    for message, places in groups.items():
        where = places[0] if len(places) == 1 else f"{places[0]} 等 {len(places)} 个工作表(表头相同)"
        lines.append(f"{where}: {message}")
    return lines


@click.command("export")
@click.argument("catalogue", required=False, metavar="[目录]")
@catalogue_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv", "json"]),
    default=None,
    help="输出格式;不写时按 --output 的扩展名。",
)
@domains_option("只导出这个领域,可重复。")
@click.option("--one-sheet", is_flag=True, help="xlsx 只用一个工作表(加“领域”列),默认每个领域一个工作表。")
@output_option("输出文件。", required=True)
def export_command(
    catalogue: str | None,
    location: str | None,
    fmt: str | None,
    domains: tuple[str, ...],
    one_sheet: bool,
    output: Path,
) -> None:
    """把目录导出为科室常用的表格:xlsx(标题行、两行合并表头、一级事项合并单元格、渠道勾选清单、
    √ 标记、A3 横向打印)、CSV 或 JSON。再用 gpcatalog import 导入得到同一个目录。

    目录可写在参数中(national、national@2019.1、目录包文件夹),也可用 -c;都不写时为内置国家目录。
    """
    loaded = gpcatalog.load(catalogue or location)
    gpcatalog.export_table(loaded, output, fmt=fmt, domains=list(domains) or None, one_sheet=one_sheet)
    selected = [loaded.domain(d) for d in domains] if domains else loaded.domains
    items = sum(len(d.leaves()) for d in selected)
    click.echo(f"已写入 {output}:{len(selected)} 个领域,{items} 行事项")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="文件")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="写成新的目录包文件夹(与 --into 二选一)。",
)
@click.option(
    "--into",
    metavar="目录包",
    default=None,
    help="导入到已有目录包的工作副本(与 -o 二选一):表格中的领域替换工作副本中的领域,版本历史、调整记录、"
    "已发布版本和栏目方案保持不变;然后列出与上一版本的差异和下一步。",
)
@domains_option("只导入这个领域(名称或代码),可重复。")
@click.option(
    "--match",
    metavar="目录",
    default=None,
    help="已有的目录(如 national@2026.1):按领域、路径和名称匹配的事项沿用它的编号,便于与之比较(用于 -o)。",
)
@click.option(
    "--from-other",
    is_flag=True,
    help="用于 --into:表格导出自其他目录或其他版本(不是最新版本或工作副本),或不带 gpcatalog 元数据"
    "(县里自己的表)时也导入。不加时拒绝,以免撤销此后的调整。",
)
@click.option(
    "--id", "catalogue_id", default=None, help="目录编号(表格不带 gpcatalog 元数据时,用于 -o),如 xx-county。"
)
@click.option("--title", default=None, help="目录名称(表格不带 gpcatalog 元数据时,用于 -o)。")
@click.option(
    "--scope",
    type=click.Choice([s.value for s in Scope]),
    default=Scope.COUNTY.value,
    show_default=True,
    help="目录层级(表格不带 gpcatalog 元数据时,用于 -o)。",
)
@click.option(
    "--force",
    is_flag=True,
    help="用于 -o:目标文件夹已存在时替换它(新目录包写完后才替换);有版本历史(versions/、history.yaml、"
    "adjustments.yaml、columns/)的目录包不替换,请用 --into。",
)
@format_option(help="报告格式。")
@level_option
@click.pass_context
def import_command(
    ctx: click.Context,
    file: Path,
    output: Path | None,
    into: str | None,
    domains: tuple[str, ...],
    match: str | None,
    from_other: bool,
    catalogue_id: str | None,
    title: str | None,
    scope: str,
    force: bool,
    fmt: str,
    level: str,
) -> None:
    """读入 xlsx、xls、ods 或 CSV 目录表,写成新的目录包(-o),或导入到已有目录包的工作副本(--into),
    并报告每个问题所在的工作表、行和列。有错误时不写入任何文件,退出码 1;无法读取或拒绝导入时退出码 2。

    --into 只接受从这个目录的最新版本或工作副本导出的表格(隐藏的元数据写明目录和版本),
    内容没有变化的领域文件不改写。写入后列出与上一版本的差异,
    以及下一步:gpcatalog release 新版本 -c 目录包 --draft。
    """
    if (output is None) == (into is None):
        raise click.UsageError("请用 -o 写成新的目录包,或用 --into 导入到已有目录包的工作副本(二者选一)")
    given = [name for name in ("match", "catalogue_id", "title", "scope", "force") if _given(ctx, name)]
    if into is not None and given:
        raise click.UsageError(f"--into 不能与 {'、'.join(_OPTION[n] for n in given)} 同用(它们用于 -o)")
    if output is not None and from_other:
        raise click.UsageError("--from-other 用于 --into")
    if into is not None:
        into_result = gpcatalog.import_into(file, into, domains=list(domains) or None, from_other=from_other)
        result = into_result.imported
    else:
        base = gpcatalog.load(match) if match else None
        result = gpcatalog.read_table(
            file,
            domains=list(domains) or None,
            match=base,
            catalogue_id=catalogue_id,
            title=title,
            scope=scope,
        )
    emit(
        fmt,
        text=lambda: [
            *list(report_lines(result.report, Severity(level), "导入"))[:-1],
            *mapping_lines(result.report, level),
        ],
        json=lambda: result.report.model_dump(mode="json"),
    )
    if result.catalogue is None:
        click.echo(
            f"有 {result.report.count(Severity.ERROR)} 个错误,没有写入 {output or into}", err=fmt == "json"
        )
        ctx.exit(EXIT_INVALID)
    if into is not None:
        for line, kind in into_result.lines():
            click.echo(click.style(line, fg=STYLES[kind]) if kind else line, err=fmt == "json")
        return
    assert output is not None
    gpcatalog.write_package(result.catalogue, output, overwrite=force)
    items = sum(1 for _ in result.catalogue.items())
    message = f"已写入 {output}:{len(result.catalogue.domains)} 个领域,{items} 个事项(表格 {result.rows} 行)"
    click.echo(message, err=fmt == "json")


_OPTION = {
    "match": "--match",
    "catalogue_id": "--id",
    "title": "--title",
    "scope": "--scope",
    "force": "--force",
}


def _given(ctx: click.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source is not click.core.ParameterSource.DEFAULT


COMMANDS = [export_command, import_command]
