"""The ``gpcatalog`` command: a thin twin of the library. Each command parses its arguments, calls one public
function and formats the result; errors are printed in Chinese, without a traceback.

Exit codes: 0 success (for ``validate``: valid), 1 invalid data, 2 usage or I/O error.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from gpcatalog.cli.output import EXIT_ERROR, EXIT_INVALID, io_failure
from gpcatalog.cli.translation import chinese, localise
from gpcatalog.errors import CatalogueInvalidError, GpCatalogError
from gpcatalog.parsing.text import visible
from gpcatalog.version import __version__


class _Group(click.Group):
    """Runs a command and turns gpcatalog's errors into a Chinese message and an exit code; click's own texts
    (usage errors, help) are Chinese while it runs (:mod:`gpcatalog.cli.translation`)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with chinese():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CatalogueInvalidError as error:
            click.echo(f"错误:{visible(str(error))}", err=True)
            ctx.exit(EXIT_INVALID)
        except GpCatalogError as error:
            click.echo(f"错误:{visible(str(error))}", err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            ctx.exit(130)
        except OSError as error:  # not named by a lower layer: a closed pipe, a full disk, a name too long
            ctx.exit(io_failure(error))


HELP_OPTION_NAMES = ["-h", "--help"]
CONTEXT = {"help_option_names": HELP_OPTION_NAMES, "max_content_width": 100}


@click.group(cls=_Group, context_settings=CONTEXT)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value and not ctx.resilient_parsing else None,
    help="显示程序版本和随包国家目录的版本并退出。",
)
def cli() -> None:
    """gpcatalog:基层政务公开事项标准目录的数据、校验和工具。

    不写目录时使用随包附带的国家目录(national);也可以给出目录包文件夹的路径
    (含 catalogue.yaml 和 domains/)。
    """


def version_line() -> str:
    """``gpcatalog 0.1.0,国家目录 2026.2``: the library version and the latest release in the bundled package's
    history (``未发布`` before its first release)."""
    from gpcatalog.history import versions

    try:
        released = versions(None)
    except GpCatalogError:  # a broken bundled history does not stop --version
        released = []
    data = released[-1].version if released else "未发布"
    return f"gpcatalog {__version__},国家目录 {data}"


def _print_version(ctx: click.Context) -> None:
    click.echo(version_line())
    ctx.exit(0)


def _register() -> None:
    from gpcatalog.cli import (
        catalogue,
        changes,
        columns,
        derived,
        history,
        inspect,
        laws,
        schema,
        site,
        tables,
        timeliness,
    )

    commands = (
        *catalogue.COMMANDS,
        *changes.COMMANDS,
        *history.COMMANDS,
        *derived.COMMANDS,
        *laws.COMMANDS,
        *tables.COMMANDS,
        *columns.COMMANDS,
        *timeliness.COMMANDS,
        *inspect.COMMANDS,
        *site.COMMANDS,
        *schema.COMMANDS,
    )
    for command in commands:
        cli.add_command(command)
    localise(cli, HELP_OPTION_NAMES)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (used by the console script and ``python -m gpcatalog``)."""
    with chinese():  # error.show() below prints click's texts too
        try:
            code = cli.main(args=argv, prog_name="gpcatalog", standalone_mode=False)
        except click.exceptions.Exit as exit_:
            return int(exit_.exit_code)
        except click.ClickException as error:
            error.show()
            return EXIT_ERROR
        except click.exceptions.Abort:
            click.echo("已中断。", err=True)
            return 130
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
