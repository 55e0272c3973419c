"""Commands for the catalogue site: site build, site serve."""

from __future__ import annotations

from pathlib import Path

import click

from gpcatalog.cli.options import catalogue_option


@click.group()
def site() -> None:
    """目录网站:从数据包生成 mkdocs-material 网站(可中文搜索),构建并在本地浏览。"""


@site.command()
@catalogue_option
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="输出文件夹:project/ 为生成的 mkdocs 项目,site/ 为网站;只替换本命令生成的(带 .gpcatalog-site 标记的)文件夹。",
)
def build(location: str | None, output: Path) -> None:
    """生成网站项目并用 mkdocs build --strict 构建,逐步显示进度。"""
    from gpcatalog.site import build_site, check_links

    result = build_site(location, output, progress=lambda message: click.echo(f"  {message}"))
    broken = check_links(result.site)
    if broken:
        for page, link in broken[:20]:
            click.echo(f"  失效链接:{page} → {link}", err=True)
        raise click.ClickException(f"网站有 {len(broken)} 个失效链接")
    index = (result.site / "index.html").resolve()
    click.echo(f"网站已构建:{result.site}({result.pages} 个页面)")
    click.echo(
        f"用浏览器打开 {index.as_uri()},或运行 gpcatalog site serve --output {output} 后访问 http://127.0.0.1:8000/"
    )


@site.command()
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="gpcatalog site build 的输出文件夹。",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="端口。")
def serve(output: Path, port: int) -> None:
    """在本地 http://127.0.0.1:端口/ 提供已构建的网站(Ctrl+C 停止)。"""
    from gpcatalog.site.build import serve as run

    folder = output / "site"
    if not (folder / "index.html").is_file():
        raise click.ClickException(f"{folder} 中没有网站:请先运行 gpcatalog site build --output {output}")
    click.echo(f"网站:http://127.0.0.1:{port}/ (Ctrl+C 停止)")
    run(folder, port)


COMMANDS = [site]
