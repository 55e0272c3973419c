"""The CLI reference page is generated from --help and checked in; README documents the two commands."""

from __future__ import annotations

import click

from gpcatalog.cli import cli
from gpcatalog.cli.docs import cli_reference
from tests.helpers import ROOT


def test_cli_reference_has_not_drifted() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert text == cli_reference(), "docs/cli.md 与命令不一致,请运行 make generate"


def test_every_command_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.list_commands(click.Context(cli)):
        assert f"## gpcatalog {name}" in text


def test_readme_names_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
