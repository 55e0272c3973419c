"""``gpcatalog schema`` ↔ :func:`gpcatalog.write_schemas`: the JSON Schemas generated from the models."""

from __future__ import annotations

from pathlib import Path

import click

import gpcatalog


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="写入的文件夹。",
)
def schema(output: Path) -> None:
    """由数据模型生成 JSON Schema(2020-12)文件,写入 schemas/。"""
    for path in gpcatalog.write_schemas(output):
        click.echo(f"已写入 {path}")


COMMANDS = [schema]
