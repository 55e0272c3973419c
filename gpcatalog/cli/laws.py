"""Commands for cited documents: laws (the registry) and impact (what to review when a document is revised)."""

from __future__ import annotations

import click

import gpcatalog
from gpcatalog import laws as documents
from gpcatalog.cli.options import format_option
from gpcatalog.cli.output import emit
from gpcatalog.cli.render import document_line
from gpcatalog.store.resources import bundled_catalogue_names


def _catalogues(locations: tuple[str, ...]) -> list[gpcatalog.Catalogue]:
    return [gpcatalog.load(name) for name in (locations or bundled_catalogue_names())]


catalogues_option = click.option(
    "-c",
    "--catalogue",
    "locations",
    multiple=True,
    metavar="目录",
    help="只看这些目录(可重复);默认为全部内置目录。",
)


@click.command()
@catalogues_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="只列出引用最多的前几个文件。")
@format_option()
def laws(locations: tuple[str, ...], limit: int | None, fmt: str) -> None:
    """列出各目录依据中引用的全部文件(文号相同即同一文件),以及引用它的事项数;标出已被取代的文件。"""
    found = list(documents.registry(_catalogues(locations)).values())[:limit]
    emit(
        fmt,
        text=lambda: [*(document_line(d) for d in found), f"共 {len(found)} 个文件"],
        json=lambda: [d.to_dict() for d in found],
    )


@click.command()
@click.argument("document", metavar="文件")
@catalogues_option
@format_option()
@click.pass_context
def impact(ctx: click.Context, document: str, locations: tuple[str, ...], fmt: str) -> None:
    """列出引用某个文件的全部事项(按文号或标题查找),即该文件修订时要复核的事项。退出码:0 找到,1 没有。"""
    found = documents.impact(document, _catalogues(locations))
    lines = [f"{c.catalogue} {c.domain.name} {c.item.id}“{c.item.name or ''}”:{c.text}" for c in found]
    emit(
        fmt,
        text=lambda: [*lines, f"共 {len(found)} 个事项引用“{document}”"],
        json=lambda: [c.to_dict() for c in found],
    )
    ctx.exit(0 if found else 1)


COMMANDS = [laws, impact]
