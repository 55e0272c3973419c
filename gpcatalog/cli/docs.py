"""The CLI reference page (``docs/cli.md``), generated from the commands' ``--help`` text.

``python -m gpcatalog.cli.docs docs/cli.md`` (part of ``make generate``) rewrites it; a test fails when the
checked-in page drifts from the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gpcatalog.cli import HELP_OPTION_NAMES, cli
from gpcatalog.cli.translation import chinese

# The same settings as a real run: click caches each command's help option from the first context it sees.
_HELP_NAMES: list[str] = HELP_OPTION_NAMES


def _context(command: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    return click.Context(
        command,
        info_name=name,
        parent=parent,
        terminal_width=100,
        max_content_width=100,
        help_option_names=_HELP_NAMES,
    )


def _help(args: list[str]) -> str:
    command: click.Command = cli
    ctx = _context(cli, "gpcatalog")
    for name in args:
        assert isinstance(command, click.Group)
        sub = command.get_command(ctx, name)
        assert sub is not None
        ctx = _context(sub, name, ctx)
        command = sub
    return command.get_help(ctx)


def cli_reference() -> str:
    """Return the Markdown text of the CLI reference: ``gpcatalog --help`` and each command's help."""
    with chinese():
        return _reference()


def _reference() -> str:
    parts = [
        "# 命令行参考 (CLI reference)",
        "",
        "本页由 `python -m gpcatalog.cli.docs docs/cli.md` 从各命令的 `--help` 生成,请勿手工修改。",
        "",
        "```text",
        _help([]).rstrip(),
        "```",
    ]
    ctx = click.Context(cli, info_name="gpcatalog")
    for name in cli.list_commands(ctx):
        parts += ["", f"## gpcatalog {name}", "", "```text", _help([name]).rstrip(), "```"]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    """Write the reference to the path given, or print it."""
    text = cli_reference()
    if len(argv) > 1:
        from gpcatalog.store.atomic import write_atomic

        write_atomic(Path(argv[1]), text)
        print(f"已写入 {argv[1]}")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
