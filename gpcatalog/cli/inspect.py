"""``gpcatalog inspect`` ↔ :func:`gpcatalog.inspect_site`, rendered by :mod:`gpcatalog.inspect.report`."""

from __future__ import annotations

from pathlib import Path

import click

import gpcatalog
from gpcatalog.inspect import report


@click.command()
@click.argument("start", metavar="网址或文件夹")
@click.option(
    "--columns", "columns", default=None, metavar="对照表", help="栏目对照表;默认为国家目录的默认对照表。"
)
@click.option("--max-pages", default=500, show_default=True, help="最多抓取的页面数。")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="写入报告:.json 或 .md。",
)
def inspect(start: str, columns: str | None, max_pages: int, output: Path | None) -> None:
    """季度巡查:抓取网站(或保存的网站文件夹),按栏目对照表找出断链、错链、内容混杂和空白栏目。"""
    result = gpcatalog.inspect_site(start, columns, max_pages=max_pages)
    click.echo(report.to_text(result), nl=False)
    if output is not None:
        text = report.to_json(result) if output.suffix.lower() == ".json" else report.to_markdown(result)
        output.write_text(text, encoding="utf-8")
        click.echo(f"报告已写入 {output}")


COMMANDS = [inspect]
