"""Commands for cited documents: laws (the registry) and impact (what to review when a document is revised)."""

from __future__ import annotations

import json

import click

import gpcatalog
from gpcatalog.cli.catalogue import format_option


def _catalogues(locations: tuple[str, ...]) -> list[gpcatalog.Catalogue]:
    from gpcatalog.store.resources import bundled_catalogue_names

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
@click.option("--limit", type=int, default=None, help="只列出引用最多的前几个文件。")
@format_option
def laws(locations: tuple[str, ...], limit: int | None, fmt: str) -> None:
    """列出各目录依据中引用的全部文件(文号相同即同一文件),以及引用它的事项数;标出已被取代的文件。"""
    from gpcatalog.laws import registry

    documents = list(registry(_catalogues(locations)).values())[:limit]
    if fmt == "json":
        data = [
            {
                "key": d.key,
                "title": d.title,
                "doc_no": d.doc_no,
                "kind": d.kind,
                "items": len(d.citing),
                "catalogues": sorted({c.catalogue for c in d.citing}),
                "superseded_by": d.superseded.new_label if d.superseded else None,
            }
            for d in documents
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for document in documents:
        number = f"({document.doc_no})" if document.doc_no else ""
        kind = f" [{document.kind}]" if document.kind else ""
        places = "、".join(sorted({c.catalogue for c in document.citing}))
        replaced = (
            click.style(f" 已被{document.superseded.new_label}取代", fg="yellow")
            if document.superseded
            else ""
        )
        click.echo(f"《{document.title}》{number}{kind}:{len(document.citing)} 个事项({places}){replaced}")
    click.echo(f"共 {len(documents)} 个文件")


@click.command()
@click.argument("document", metavar="文件")
@catalogues_option
@format_option
@click.pass_context
def impact(ctx: click.Context, document: str, locations: tuple[str, ...], fmt: str) -> None:
    """列出引用某个文件的全部事项(按文号或标题查找),即该文件修订时要复核的事项。退出码:0 找到,1 没有。"""
    from gpcatalog.laws import impact as find

    found = find(document, _catalogues(locations))
    if fmt == "json":
        data = [
            {
                "catalogue": c.catalogue,
                "domain": c.domain.code,
                "item": c.item.id,
                "name": c.item.name,
                "basis": c.text,
            }
            for c in found
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for citing in found:
            click.echo(
                f"{citing.catalogue} {citing.domain.name} {citing.item.id}“{citing.item.name or ''}”:{citing.text}"
            )
        click.echo(f"共 {len(found)} 个事项引用“{document}”")
    ctx.exit(0 if found else 1)


COMMANDS = [laws, impact]
